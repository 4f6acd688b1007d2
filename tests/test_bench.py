"""The benchmark scripts still run (smoke mode); their numbers are read by people, not asserted."""

from __future__ import annotations

import subprocess
import sys

from toolkit.config import PROJECT_ROOT


def test_bench_analyze_runs_and_reports_both_ratios():
    out = subprocess.run(
        [sys.executable, "bench/bench_analyze.py", "--repeat", "1"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
    ).stdout
    assert "ratio cold/bare words per second:" in out
    assert "warm speed-up over cold:" in out
    assert "5 documents" in out
