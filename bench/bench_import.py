"""How long ``import toolkit`` takes in a fresh interpreter, against the libraries it defers.

Each import runs in its own new process (best of ``--repeat``), so nothing is cached in
memory; the target is under 0.8 s for ``import toolkit`` on a 2-core machine.

    python bench/bench_import.py
    python bench/bench_import.py --repeat 3
"""

from __future__ import annotations

import argparse
import subprocess
import sys

TARGET_S = 0.8
CASES = {
    "import toolkit": "import toolkit",
    "import toolkit; toolkit.load_corpus": "import toolkit; toolkit.load_corpus",
    "import toolkit; toolkit.analyze": "import toolkit; toolkit.analyze",
    "import spacy": "import spacy",
}
CHILD = "import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"


def seconds(code: str, repeat: int) -> float:
    return min(
        float(subprocess.run([sys.executable, "-c", CHILD.format(code=code)], capture_output=True, text=True,
                             check=True).stdout)
        for _ in range(repeat)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="fresh processes per case; the best counts (default 7)")
    args = parser.parse_args(argv)
    results = {name: seconds(code, args.repeat) for name, code in CASES.items()}
    for name, value in results.items():
        print(f"{name:<40} {value:6.3f} s")
    verdict = "met" if results["import toolkit"] < TARGET_S else "NOT met"
    print(f"import toolkit / import spacy: {results['import toolkit'] / results['import spacy']:.3f}")
    print(f"target import toolkit < {TARGET_S} s: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
