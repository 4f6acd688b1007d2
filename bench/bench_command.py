"""The whole command at scale: ``toolkit analyze`` end to end on synthetic corpora.

Each run is a fresh process with a cold parse cache, on a CSV of synthetic documents
(``bench/synthetic.py``: seed sentences drawn at random, labelled synthetic), once with 20
outlets and once with one outlet per document (a CSV without an outlet column). It prints,
and writes to ``bench/results.md``: seconds, peak resident memory of the process, the share
of the time spent outside the parse (from the command's ``run.json``), and the growth
exponent (log-log slope of seconds on documents) per layout.

    python bench/bench_command.py                        # 1,000, 4,000 and 20,000 documents
    python bench/bench_command.py --sizes 1000 4000      # a quicker look

Targets: 20,000 one-document outlets under 4 GB; time outside the parse at most 25% of the
run; growth exponent at most 1.1.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import synthetic_texts  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results.md"
STORE = Path(__file__).resolve().parent / "results_command.json"  # the rows of each layout, kept between runs
MARK_START, MARK_END = "<!-- bench_command: start -->", "<!-- bench_command: end -->"
LAYOUTS = {"20 outlets": 20, "one outlet per document": None}
# runs the command and prints the peak resident memory of that child process, in kB
_RUNNER = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)")


def run_once(n_docs: int, outlets: int | None, sentences: int, work: Path) -> dict:
    texts = synthetic_texts(n_docs, sentences_per_doc=sentences)
    table = pd.DataFrame({"text": texts})
    if outlets:
        table["outlet"] = [f"synthetic-{i % outlets:02d}" for i in range(n_docs)]
    corpus = work / f"corpus_{n_docs}_{outlets or 'own'}.csv"
    table.to_csv(corpus, index=False)
    out, cache = work / f"out_{n_docs}_{outlets or 'own'}", work / f"cache_{n_docs}_{outlets or 'own'}"
    command = [sys.executable, "-m", "toolkit", "analyze", str(corpus), "--out", str(out), "--cache-dir", str(cache),
               "--quiet"]
    done = subprocess.run([sys.executable, "-c", _RUNNER, *command], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"toolkit analyze failed on {n_docs} documents:\n{done.stderr[-2000:]}")
    peak_mb = int(done.stdout.strip().splitlines()[-1]) / 1024
    run = json.loads((out / "run.json").read_text())
    seconds = sum(run["seconds"].values())
    parse = run["seconds"].get("parsing", 0.0)
    size_mb = sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / 2**20
    return {"documents": n_docs, "seconds": seconds, "parse": parse, "outside_parse": 1 - parse / seconds,
            "peak_mb": peak_mb, "output_mb": size_mb, "stages": run["seconds"], "skipped": len(run["skipped"])}


def _commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent)
    return done.stdout.strip() or "unknown"


def exponent(rows: list[dict]) -> float:
    if len(rows) < 2:
        return float("nan")
    x = np.log([r["documents"] for r in rows])
    y = np.log([r["seconds"] for r in rows])
    return float(np.polyfit(x, y, 1)[0])


def report(results: dict[str, list[dict]], sentences: int) -> str:
    lines = [MARK_START, "", "## The whole command", "",
             f"`python bench/bench_command.py`: `toolkit analyze` end to end, a fresh process with a cold parse cache, "
             f"on synthetic documents of {sentences} seed sentences each.", "",
             "| layout | documents | seconds | outside the parse | peak memory | output | growth exponent | commit |",
             "|---|---|---|---|---|---|---|---|"]
    for layout, rows in results.items():
        slope = exponent(rows)
        for i, r in enumerate(rows):
            lines.append(f"| {layout} | {r['documents']:,} | {r['seconds']:.1f} | {r['outside_parse']:.0%} | "
                         f"{r['peak_mb']:,.0f} MB | {r['output_mb']:.0f} MB | "
                         f"{f'{slope:.2f}' if i == len(rows) - 1 else ''} | {r.get('commit', '')} |")
    lines += ["", "Targets: 20,000 one-document outlets under 4,096 MB; outside the parse at most 25%; "
              "growth exponent at most 1.1.", "", MARK_END]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 20000])
    parser.add_argument("--sentences", type=int, default=3, help="sentences per synthetic document (default 3)")
    parser.add_argument("--layout", choices=list(LAYOUTS), action="append",
                        help="one layout (default: both); the other's last rows stay in the results")
    parser.add_argument("--no-write", action="store_true", help=f"print only; leave {RESULTS.name} alone")
    args = parser.parse_args(argv)
    results: dict[str, list[dict]] = json.loads(STORE.read_text()) if STORE.exists() and not args.no_write else {}
    with tempfile.TemporaryDirectory() as tmp:
        for layout, outlets in LAYOUTS.items():
            if args.layout and layout not in args.layout:
                continue
            results[layout] = []
            for n in args.sizes:
                commit = _commit()  # the code the run measures: the checkout as it starts
                row = run_once(n, outlets, args.sentences, Path(tmp))
                row["commit"] = commit
                results[layout].append(row)
                stages = ", ".join(f"{k} {v:.1f}" for k, v in row["stages"].items())
                print(f"{layout:24s} {n:>7,} docs: {row['seconds']:7.1f} s, outside the parse {row['outside_parse']:.0%}, "
                      f"peak {row['peak_mb']:,.0f} MB, output {row['output_mb']:.0f} MB ({stages})", flush=True)
            print(f"{layout}: growth exponent {exponent(results[layout]):.2f}", flush=True)
    results = {layout: results[layout] for layout in LAYOUTS if layout in results}
    text = report(results, args.sentences)
    print(text)
    if not args.no_write:
        STORE.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
        if MARK_START in old:
            old = old[: old.index(MARK_START)].rstrip() + "\n\n" + old[old.index(MARK_END) + len(MARK_END):].lstrip()
        RESULTS.write_text(old.rstrip() + "\n\n" + text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
