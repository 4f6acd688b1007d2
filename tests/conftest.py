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


@pytest.fixture(scope="session")
def seeds_analysis(parse_cache):
    from toolkit import analyze

    return analyze(load_corpus(SEEDS_DIR), cache_dir=parse_cache)


@pytest.fixture(scope="session")
def analyze_texts(parse_cache):
    """Analyse a few crafted articles: ``analyze_texts({"outlet": "text", ...})``."""
    from toolkit import corpus_from_texts
    from toolkit import analyze

    def run(texts: dict[str, str], **kwargs):
        return analyze(corpus_from_texts(texts.values(), ids=texts), cache_dir=parse_cache, progress=False, **kwargs)

    return run
