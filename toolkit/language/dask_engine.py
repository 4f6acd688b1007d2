"""The Dask engine: the same work as the local engine, mapped over partitions of documents on
a dask.distributed cluster.

Each task parses and extracts one partition with ``toolkit.language.engine.parse_and_extract``; the pipeline is
loaded once per worker process (``load_pipeline`` caches it), parsed documents go to the
worker's parse cache (share ``cache_dir`` on a real cluster to share the cache), and only the
rows of the tables travel back, never spaCy documents.
"""

from __future__ import annotations

import logging
import os

import numpy as np
from tqdm import tqdm

from toolkit.language.engine import Parts, Settings, merge, parse_and_extract


def _partitions(lengths: list[int], parts: int) -> list[range]:
    """Runs of consecutive documents with about equal numbers of characters (the parse costs
    about the same per character), so that no worker is left with a long last task."""
    n = len(lengths)
    if n == 0:
        return []
    ends = np.cumsum(np.asarray(lengths, dtype=np.int64) + 1)  # + 1: an empty document still costs
    cuts = np.searchsorted(ends, ends[-1] * np.arange(1, parts) / parts, side="left") + 1
    bounds = sorted({0, n, *(int(c) for c in cuts if 0 < c < n)})
    return [range(a, b) for a, b in zip(bounds, bounds[1:])]


def _task(doc_ids: list[str], texts: list[str], settings: Settings) -> Parts:
    return parse_and_extract(doc_ids, texts, settings, progress=False)


# Dask's nanny sets MALLOC_TRIM_THRESHOLD_=65536 in each worker, so that glibc hands freed
# memory back to the operating system at once. The parser allocates and frees arrays for every
# batch, and with that setting it ran 30% slower on this toolkit's benchmark machine; the
# workers here keep only table rows, so the default threshold is the better trade.
WORKER_ENVIRON = {"MALLOC_TRIM_THRESHOLD_": None}


def local_cluster(workers: int = 2, **options):
    """A ``LocalCluster`` of ``workers`` processes with one thread each, as ``analyze`` starts
    when no client is given. The environment of this process is left as it was (the nanny
    would otherwise leave its worker settings in it)."""
    import dask
    from dask.distributed import LocalCluster

    saved = dict(os.environ)
    overrides = {f"distributed.nanny.pre-spawn-environ.{name}": value for name, value in WORKER_ENVIRON.items()}
    try:
        with dask.config.set(overrides):
            return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                                silence_logs=logging.ERROR, **options)
    finally:
        for name in set(os.environ) - set(saved):
            del os.environ[name]
        os.environ.update(saved)


def run(
    doc_ids: list[str],
    texts: list[str],
    settings: Settings,
    client=None,
    workers: int = 2,
    partitions_per_worker: int = 8,
    progress: bool | None = None,
) -> Parts:
    """Parse and extract partitions on ``client`` (or a local cluster of ``workers`` processes)."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise ImportError(
            "engine='dask' needs dask.distributed: pip install 'framing-toolkit[scale]' (or dask[distributed])"
        ) from None
    own = client is None
    if own:
        cluster = local_cluster(workers)
        client = Client(cluster)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        chunks = _partitions([len(t) for t in texts], n_workers * partitions_per_worker)
        futures = [
            client.submit(_task, [doc_ids[i] for i in chunk], [texts[i] for i in chunk], settings, pure=False)
            for chunk in chunks
        ]
        order = {f.key: n for n, f in enumerate(futures)}
        done: list[Parts | None] = [None] * len(futures)
        bar = tqdm(as_completed(futures), total=len(futures), desc="partitions", unit="part",
                   disable=None if progress is None else not progress)
        for future in bar:
            done[order[future.key]] = future.result()
            future.release()
    finally:
        if own:
            client.close()
            cluster.close()
    if not done:  # no documents: describe the tools from this process
        return parse_and_extract([], [], settings)
    return merge(done)
