"""Where the time goes, and how it grows: every scale measurement, in one run on this machine.

Prints, and writes to bench/results.md (or --results):
  1. bare ``nlp.pipe`` words/s on a synthetic corpus (the model's own limit);
  2. toolkit ``analyze`` words/s, local engine, one process, cold cache (parse, extraction and
     cache writes), and its ratio to (1);
  3. the same work with ``n_process=2``, and with the Dask engine on 2 local workers, as
     speed-ups over (2); (1), (2) and (3) are each the best of five runs, the engines taking
     turns, so that a busy moment of the machine does not decide a ratio;
  4. a warm cache: how many times faster than (2);
  5. the cost of ``analyze`` at 1,000, 2,000, 4,000 and 8,000 documents (best of two) and the
     fitted growth exponent (1.0 = linear);
  6. ``similarity.nearest``: seconds and peak memory at 10,000 and 100,000 documents;
  7. peak resident memory of ``analyze`` on 20,000 documents (tables in memory, parses on disk).

Synthetic corpora are assembled from seed sentences (bench/synthetic.py) and labelled synthetic.
``--smoke`` runs everything at toy sizes in about a minute, so the script never rots.

    python bench/bench_scale.py            # full run (about 25 minutes on 2 cores)
    python bench/bench_scale.py --smoke --results /tmp/results.md
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_nearest import run as run_nearest  # noqa: E402
from synthetic import synthetic_corpus  # noqa: E402

MEMORY_CHILD = """
import json, resource, sys, tempfile, time
sys.path.insert(0, {here!r})
from synthetic import synthetic_corpus
from toolkit import analyze
corpus = synthetic_corpus({n}, sentences_per_doc={sentences})
with tempfile.TemporaryDirectory() as cache:
    started = time.perf_counter()
    analysis = analyze(corpus, cache_dir=cache, progress=False)
    seconds = time.perf_counter() - started
print(json.dumps({{"n": {n}, "seconds": seconds, "sentences": len(analysis.sentences),
                   "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""

TARGETS = {"local_ratio": 0.90, "dask_speedup": 1.5, "growth_low": 0.9, "growth_high": 1.1, "memory_mb": 4096,
           "nearest_mb": 2048}


def words(corpus) -> int:
    return int(corpus.docs["text"].str.split().str.len().sum())


def timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="toy sizes, to check that the script runs")
    parser.add_argument("--results", type=Path, default=HERE / "results.md", help="where to write the results table")
    args = parser.parse_args(argv)

    import spacy

    from toolkit import analyze
    from toolkit.language.pipeline import load_pipeline, resolve_model_name

    smoke = args.smoke
    if smoke:
        base_n, sentences, nearest_sizes, growth_sizes, memory_n = 24, 4, [300], [20, 40, 80, 160], 100
    else:
        base_n, sentences, nearest_sizes, growth_sizes, memory_n = 400, 8, [10_000, 100_000], [1000, 2000, 4000, 8000], 20_000
    lines: list[str] = []

    def report(name: str, value: str, target: str = "") -> None:
        print(f"{name:<58} {value:>22}  {target}", flush=True)
        lines.append(f"| {name} | {value} | {target} |")

    base = synthetic_corpus(base_n, sentences_per_doc=sentences)
    n_words = words(base)
    texts = base.docs["text"].tolist()
    print(f"synthetic corpus: {base_n} documents, {n_words:,} words; model {resolve_model_name()}", flush=True)
    bare = spacy.load(resolve_model_name())
    load_pipeline()
    list(bare.pipe(texts[:4]))  # warm up both pipelines before timing
    analyze(base.__class__(docs=base.docs.head(4)), cache=False, progress=False)

    from dask.distributed import Client

    from toolkit.language.dask_engine import local_cluster

    rounds = 1 if smoke else 5
    with tempfile.TemporaryDirectory() as tmp:
        # A cluster is started once and its workers load the model once, as the local engine's
        # process already has; both costs are reported, not counted in the rate.
        started = time.perf_counter()
        cluster = local_cluster(2)  # the cluster analyze(engine="dask") starts itself
        client = Client(cluster)
        analyze(base.__class__(docs=base.docs.head(8)), engine="dask", client=client, cache=False, progress=False)
        startup_s = time.perf_counter() - started
        # Every rate is the best of `rounds` runs, the runs of all engines interleaved, so that a
        # busy moment of the machine (up to 20% on this one) does not decide a ratio.
        runs: dict[str, list[float]] = {"bare": [], "local": [], "two": [], "dask": []}
        for run in range(rounds):
            runs["bare"].append(timed(lambda: list(bare.pipe(texts, batch_size=16))))
            runs["local"].append(timed(lambda: analyze(base, cache_dir=Path(tmp) / f"local-{run}", progress=False)))
            runs["two"].append(timed(lambda: analyze(base, n_process=2, cache_dir=Path(tmp) / f"two-{run}", progress=False)))
            runs["dask"].append(timed(lambda: analyze(base, engine="dask", client=client, cache_dir=Path(tmp) / f"dask-{run}",
                                                      progress=False)))
        client.close()
        cluster.close()
        warm_s = min(timed(lambda: analyze(base, cache_dir=Path(tmp) / "local-0", progress=False)) for _ in range(rounds))
    bare_s, local_s, two_s, dask_s = (min(runs[k]) for k in ("bare", "local", "two", "dask"))

    ratio = bare_s / local_s
    report("bare nlp.pipe, words/s", f"{n_words / bare_s:,.0f}")
    report("analyze, local, 1 process, cold cache, words/s", f"{n_words / local_s:,.0f}")
    report("  ratio to bare nlp.pipe", f"{ratio:.2f}", f"target >= {TARGETS['local_ratio']:.2f}: {'met' if ratio >= TARGETS['local_ratio'] else 'MISSED'}")
    report("analyze, local, n_process=2: speed-up over 1 process", f"{local_s / two_s:.2f}x")
    dask_speedup = local_s / dask_s
    report("analyze, Dask, 2 local workers: speed-up over 1 process", f"{dask_speedup:.2f}x",
           f"target >= {TARGETS['dask_speedup']}x: {'met' if dask_speedup >= TARGETS['dask_speedup'] else 'MISSED'}")
    report("  Dask cluster start and model load on the workers (once)", f"{startup_s:.1f} s")
    report("analyze, warm cache: speed-up over cold", f"{local_s / warm_s:.1f}x")

    costs = []
    for n in growth_sizes:
        corpus = synthetic_corpus(n, sentences_per_doc=3, seed=n)
        seconds = min(timed(lambda: analyze(corpus, cache=False, progress=False)) for _ in range(1 if smoke else 2))
        costs.append(seconds)
        report(f"analyze, {n:,} documents of 3 sentences, cold", f"{seconds:.1f} s ({words(corpus) / seconds:,.0f} words/s)")
    slope = float(np.polyfit(np.log(growth_sizes), np.log(costs), 1)[0])
    ok = TARGETS["growth_low"] <= slope <= TARGETS["growth_high"]
    report("growth exponent (log-log slope of cost on documents)", f"{slope:.2f}",
           f"target {TARGETS['growth_low']}-{TARGETS['growth_high']}: {'met' if ok else 'MISSED'}")

    for n in nearest_sizes:
        result = run_nearest(n, 10)
        ok = result["peak_mb"] < TARGETS["nearest_mb"]
        report(f"nearest, {n:,} documents, k=10: seconds / peak MB", f"{result['seconds']:.1f} s / {result['peak_mb']:.0f} MB",
               f"target < {TARGETS['nearest_mb']} MB: {'met' if ok else 'MISSED'}" if n == nearest_sizes[-1] else "")

    child = MEMORY_CHILD.format(here=str(HERE), n=memory_n, sentences=3)
    out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True)
    memory = json.loads(out.stdout.strip().splitlines()[-1])
    ok = memory["peak_mb"] < TARGETS["memory_mb"]
    report(f"analyze, {memory_n:,} documents: peak resident memory", f"{memory['peak_mb']:,.0f} MB ({memory['seconds']:.0f} s)",
           f"target < {TARGETS['memory_mb']} MB: {'met' if ok else 'MISSED'}")

    header = [
        "# Scale benchmark",
        "",
        f"`python bench/bench_scale.py{' --smoke' if args.smoke else ''}` on a machine with "
        f"{_cores()} cores; synthetic corpora assembled from seed sentences (labelled synthetic).",
        "",
        "| measurement | result | target |",
        "|---|---|---|",
    ]
    args.results.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"written to {args.results}")
    return 0


def _cores() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    sys.exit(main())
