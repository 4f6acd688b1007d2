"""The benchmark scripts still run (smoke mode); their numbers are read by people, not asserted."""

from __future__ import annotations

import subprocess
import sys

from toolkit.config import PROJECT_ROOT


def _run(script: str, *args: str) -> str:
    """The standard output of a benchmark script run from the project root."""
    return subprocess.run(
        [sys.executable, f"bench/{script}", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
    ).stdout


def test_bench_analyze_runs_and_reports_both_ratios():
    out = _run("bench_analyze.py", "--repeat", "1")
    assert "ratio cold/bare words per second:" in out
    assert "warm speed-up over cold:" in out
    assert "5 documents" in out


def test_bench_nearest_smoke_run():
    out = _run("bench_nearest.py", "--sizes", "300")
    assert "nearest,     300 documents, k=10:" in out
    assert "peak memory at 300 documents:" in out


def test_synthetic_corpus_is_labelled_and_reproducible():
    sys.path.insert(0, str(PROJECT_ROOT / "bench"))
    try:
        from synthetic import synthetic_corpus, synthetic_texts
    finally:
        sys.path.pop(0)
    corpus = synthetic_corpus(30, outlets=3)
    assert corpus.docs["outlet"].str.startswith("synthetic-").all() and corpus.docs["outlet"].nunique() == 3
    assert synthetic_texts(5, seed=1) == synthetic_texts(5, seed=1) != synthetic_texts(5, seed=2)


def test_bench_scale_smoke_run(tmp_path):
    results = tmp_path / "results.md"
    out = _run("bench_scale.py", "--smoke", "--results", str(results))
    for line in ("bare nlp.pipe, words/s", "Dask, 2 local workers", "warm cache", "growth exponent", "peak resident memory"):
        assert line in out, line
    table = results.read_text()
    assert table.startswith("# Scale benchmark") and table.count("\n| ") >= 10


def test_bench_import_runs_and_reports_the_target():
    out = _run("bench_import.py", "--repeat", "1")
    assert "import toolkit " in out and "import spacy" in out
    assert "target import toolkit < 0.8 s:" in out


def test_bench_command_smoke_run():
    out = _run("bench_command.py", "--sizes", "25", "--layout", "20 outlets", "--no-write")
    assert "20 outlets" in out and "25 docs" in out and "outside the parse" in out
    assert "| layout | documents | seconds | outside the parse | peak memory |" in out


def test_bench_report_smoke_run():
    out = _run("bench_report.py", "--documents", "30", "--outlets", "3", "--sentences", "3", "--no-record")
    assert "30 documents of 3 sentences, 3 outlets: report.html" in out
    assert "console errors 0" in out
