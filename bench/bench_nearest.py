"""Time and peak memory of ``similarity.nearest`` on synthetic corpora of growing size.

Each size runs in a fresh process so that its peak resident memory is its own. Prints one
line per size and whether the largest stayed under the memory target (2 GB).

    python bench/bench_nearest.py                 # 10,000 and 100,000 documents
    python bench/bench_nearest.py --sizes 500     # smoke run
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

TARGET_MB = 2048
HERE = Path(__file__).resolve().parent

CHILD = """
import json, resource, sys, time
sys.path.insert(0, {here!r})
from synthetic import synthetic_texts
from toolkit.compare.similarity import nearest
texts = synthetic_texts({n})
started = time.perf_counter()
table = nearest(texts, k={k}, progress=False)
seconds = time.perf_counter() - started
print(json.dumps({{"n": {n}, "seconds": seconds, "rows": len(table),
                   "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def run(n: int, k: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD.format(here=str(HERE), n=n, k=k)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--check", action="store_true", help="exit 1 when the memory target is missed")
    args = parser.parse_args(argv)
    results = []
    for n in args.sizes:
        result = run(n, args.k)
        results.append(result)
        print(f"nearest, {n:>7,} documents, k={args.k}: {result['seconds']:8.1f} s, peak {result['peak_mb']:7.0f} MB", flush=True)
    largest = results[-1]
    ok = largest["peak_mb"] < TARGET_MB
    print(f"peak memory at {largest['n']:,} documents: {largest['peak_mb']:.0f} MB (target < {TARGET_MB} MB: {'met' if ok else 'MISSED'})")
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
