"""Shared fixtures: small corpora on disk, and one analysis of the seeds per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit import load_corpus
from toolkit.config import SEEDS_DIR


@pytest.fixture
def make_folder(tmp_path):
    """Write ``{name: bytes | str}`` into a fresh folder and return its path."""

    def make(files: dict[str, bytes | str], name: str = "corpus") -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for rel, content in files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                content = content.encode("utf-8")
            path.write_bytes(content)
        return folder

    return make


@pytest.fixture(scope="session")
def parse_cache(tmp_path_factory) -> Path:
    """A parse cache shared by the tests of one session, never the user's own."""
    return tmp_path_factory.mktemp("parse-cache")


SEED_EVENT = SEEDS_DIR / "event"
SEED_ACTORS = [SEED_EVENT / "actors.csv"]
CHIP_EVENT = Path(__file__).resolve().parent / "data" / "chip_event"
CHIP_KEY = Path(__file__).resolve().parent / "data" / "chip_event_key.json"


@pytest.fixture(scope="session")
def seed_event():
    """The seed event's own files (actors, slots, spinner substitutions), passed explicitly."""
    from toolkit import load_event

    return load_event(SEED_EVENT)


@pytest.fixture(scope="session")
def seeds_analysis(parse_cache, seed_event):
    """The seeds with their event's actors and spinner substitutions, as the notebooks analyse
    them: the spun copy repaired in the flow."""
    from toolkit import analyze

    return analyze(load_corpus(SEEDS_DIR), cache_dir=parse_cache, actor_files=seed_event.actors,
                   substitutions=seed_event.substitutions)


@pytest.fixture(scope="session")
def bare_seeds_analysis(parse_cache):
    """The seeds as a new user's first run sees them: no event files at all."""
    from toolkit import analyze

    return analyze(load_corpus(SEEDS_DIR), cache_dir=parse_cache)


@pytest.fixture(scope="session")
def chip_analysis(parse_cache):
    """The second example event (tests/data/chip_event, written for these tests), unconfigured."""
    from toolkit import analyze

    return analyze(load_corpus(CHIP_EVENT), cache_dir=parse_cache)


@pytest.fixture(scope="session")
def chip_key():
    """What a careful reader records in the chip event's reports (tests/data/chip_event_key.json)."""
    import json

    return json.loads(CHIP_KEY.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def analyze_texts(parse_cache):
    """Analyse a few crafted articles: ``analyze_texts({"outlet": "text", ...})``."""
    from toolkit import corpus_from_texts
    from toolkit import analyze

    def run(texts: dict[str, str], **kwargs):
        return analyze(corpus_from_texts(texts.values(), ids=texts), cache_dir=parse_cache, progress=False, **kwargs)

    return run


@pytest.fixture(scope="session")
def seeds_run(tmp_path_factory, parse_cache) -> Path:
    """``toolkit analyze seeds --event seeds/event --out DIR``, run once per session: the folder."""
    from toolkit.cli.main import main

    out = tmp_path_factory.mktemp("seeds-run")
    assert main(["analyze", str(SEEDS_DIR), "--event", str(SEED_EVENT), "--out", str(out),
                 "--cache-dir", str(parse_cache), "--quiet", "--debug"]) == 0
    return out


@pytest.fixture(scope="session")
def chip_run(tmp_path_factory, parse_cache) -> Path:
    """``toolkit analyze`` on the chip event with no data file, run once per session: the folder."""
    from toolkit.cli.main import main

    out = tmp_path_factory.mktemp("chip-run")
    assert main(["analyze", str(CHIP_EVENT), "--out", str(out), "--cache-dir", str(parse_cache), "--quiet", "--debug"]) == 0
    return out
