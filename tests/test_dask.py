"""The Dask engine gives the local engine's tables (an in-process cluster, so the test is quick)."""

from __future__ import annotations

import dask.distributed as distributed
import pandas as pd
import pytest

from toolkit import load_corpus
from toolkit.config import SEEDS_DIR

SEED_ACTORS = [SEEDS_DIR / "event" / "actors.csv"]
from toolkit import analyze
from toolkit.language.extraction import TABLES


def test_dask_tables_equal_local_tables(seeds_analysis, seed_event, tmp_path):
    corpus = load_corpus(SEEDS_DIR)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        options = dict(engine="dask", client=client, cache_dir=tmp_path, progress=False, actor_files=SEED_ACTORS,
                       substitutions=seed_event.substitutions)
        result = analyze(corpus, **options)
        again = analyze(corpus, **options)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(seeds_analysis, name), getattr(result, name))
    assert result.cache == {"hits": 0, "misses": 5, "bad": 0}
    assert again.cache == {"hits": 5, "misses": 0, "bad": 0}  # the workers honour the parse cache


def test_engine_arguments_are_checked():
    corpus = load_corpus(SEEDS_DIR)
    with pytest.raises(ValueError, match="engine must be 'local' or 'dask'"):
        analyze(corpus, engine="spark")
    with pytest.raises(ValueError, match="pass model=.*not nlp="):
        import spacy

        analyze(corpus, engine="dask", nlp=spacy.blank("en"))


@pytest.mark.parametrize("parts", [1, 2, 3, 8, 50])
def test_partitions_cover_every_document_once_in_order_with_about_equal_text(parts):
    from toolkit.language.dask_engine import _partitions

    lengths = [(37 * i) % 1000 + 20 for i in range(200)]
    chunks = _partitions(lengths, parts)
    assert [i for chunk in chunks for i in chunk] == list(range(200))
    assert len(chunks) == parts and all(len(chunk) for chunk in chunks)
    sizes = [sum(lengths[i] for i in chunk) for chunk in chunks]
    assert max(sizes) - min(sizes) <= 2 * max(lengths)  # each cut is off by at most one document


def test_partitions_of_few_or_no_documents():
    from toolkit.language.dask_engine import _partitions

    assert _partitions([], 4) == []
    assert _partitions([500], 8) == [range(0, 1)]
    assert _partitions([10_000, 5, 5, 5], 2) == [range(0, 1), range(1, 4)]  # one long document is its own task


def test_own_local_cluster_keeps_default_malloc_trimming_and_leaves_our_environment_alone(monkeypatch):
    import os

    from toolkit.language.dask_engine import local_cluster

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    before = dict(os.environ)
    with local_cluster(1) as cluster, distributed.Client(cluster) as client:
        seen = client.run(lambda: os.environ.get("MALLOC_TRIM_THRESHOLD_"))
    assert list(seen.values()) == [None]  # Dask's own default (65536) slows the parser by about 30%
    assert dict(os.environ) == before


def test_the_whole_command_on_dask_writes_the_local_tables(tmp_path):
    """``toolkit analyze --engine dask``: the parse on the cluster, every comparison on the
    tables it returns, so every table equals the local engine's (an event that is not the seeds)."""
    from toolkit.cli.main import main
    from toolkit.config import PROJECT_ROOT

    chip = PROJECT_ROOT / "tests" / "data" / "chip_event"
    local, dask = tmp_path / "local", tmp_path / "dask"
    common = ["--no-figures", "--quiet", "--cache-dir", str(tmp_path / "cache")]
    assert main(["analyze", str(chip), "--out", str(local), *common]) == 0
    assert main(["analyze", str(chip), "--out", str(dask), "--engine", "dask", "--workers", "1", *common]) == 0
    tables = sorted(p.name for p in local.glob("*.csv"))
    assert len(tables) > 25 and tables == sorted(p.name for p in dask.glob("*.csv"))
    for name in tables:
        assert (local / name).read_bytes() == (dask / name).read_bytes(), name
