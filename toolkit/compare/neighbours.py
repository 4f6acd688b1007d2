"""Nearest neighbours between the rows of a TF-IDF matrix, in memory that grows with the
number of rows, never with its square: the one search behind document neighbours, sentence
alignment and facts.

- ``exact``: one block of rows at a time times the whole matrix (a sparse product turned
  dense for the block only), the best ``k`` columns of each row kept.
- ``approximate`` (above 5,000 rows): rows embedded by LSA (truncated SVD of the TF-IDF matrix), candidates found
  in an HNSW graph (Malkov and Yashunin 2018, "Efficient and robust approximate nearest
  neighbor search using Hierarchical Navigable Small World graphs", IEEE TPAMI; the FAISS
  implementation), then every candidate scored by its exact TF-IDF cosine. Its cost grows
  as n log n where all pairs grow as n squared; it can miss a neighbour the exact search
  finds (``bench/bench_command.py`` measures how often).

``method="auto"`` is exact up to ``EXACT_LIMIT`` (5,000) rows. Rows are assumed L2-normalised (the
vectoriser's default), so a dot product is a cosine. The graph is built on one thread, so
the same matrix gives the same neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

EXACT_LIMIT = 5_000  # rows; the exact search costs the square of the rows, the graph about n log n
METHODS = ("auto", "exact", "approximate")


@dataclass(frozen=True)
class Neighbours:
    """Pairs ``(row, col, score)``, sorted by row, then score (highest first), then column."""

    row: np.ndarray
    col: np.ndarray
    score: np.ndarray

    def __len__(self) -> int:
        return len(self.row)


def _empty() -> Neighbours:
    return Neighbours(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))


def _block_rows(n_rows: int, n_cols: int, memory_mb: float, bytes_per_cell: int = 16) -> int:
    return max(1, min(n_rows, int(memory_mb * 2**20 // max(1, n_cols * bytes_per_cell))))


def _keep_best(rows: np.ndarray, cols: np.ndarray, scores: np.ndarray, k: int) -> Neighbours:
    """The best ``k`` of each row's pairs, ties broken by the lower column (stable)."""
    order = np.lexsort((cols, -scores, rows))
    rows, cols, scores = rows[order], cols[order], scores[order]
    starts = np.r_[0, np.flatnonzero(np.diff(rows)) + 1]
    rank = np.arange(len(rows)) - np.repeat(starts, np.diff(np.r_[starts, len(rows)]))
    keep = rank < k
    return Neighbours(rows[keep], cols[keep], scores[keep])


def _select(block: np.ndarray, first: int, k: int, groups: np.ndarray | None, min_similarity: float,
            cols: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of one block of scores (rows ``first ...``) that may be neighbours: not the row
    itself, not the row's own group, at least ``min_similarity``, the best ``k`` per row."""
    n_rows = block.shape[0]
    rows = np.arange(first, first + n_rows)
    cand = np.broadcast_to(np.arange(block.shape[1]), block.shape) if cols is None else cols
    bad = cand == rows[:, None]
    if groups is not None:
        bad |= groups[cand] == groups[rows][:, None]
    block = np.where(bad, -np.inf, block)
    if block.shape[1] > k:  # a first cut to at most a few times k per row, ties included
        part = np.argpartition(-block, k - 1, axis=1)[:, :k]
        threshold = np.take_along_axis(block, part, axis=1).min(axis=1)
        ok = block >= np.maximum(threshold, min_similarity)[:, None]
    else:
        ok = block >= min_similarity
    ok &= np.isfinite(block)
    r, c = np.nonzero(ok)
    return rows[r], (c if cols is None else cand[r, c]), block[r, c]


def top_neighbours(
    matrix: sparse.csr_matrix,
    k: int,
    *,
    groups: np.ndarray | None = None,
    min_similarity: float = 0.0,
    method: str = "auto",
    memory_mb: float = 256,
    n_components: int = 64,
    candidates: int | None = None,
    progress: bool | None = None,
    desc: str = "neighbours",
) -> Neighbours:
    """Each row's ``k`` most similar other rows with a cosine of at least ``min_similarity``
    (rows of the same ``groups`` value excluded when given: neighbours in other outlets only).

    ``candidates`` (approximate search: how many to score exactly per row) defaults to
    ``max(64, 2 * k)``; ``memory_mb`` sizes the blocks of the exact search (a guide, not a cap).
    """
    from tqdm import tqdm

    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    matrix = sparse.csr_matrix(matrix, dtype=np.float32)
    n = matrix.shape[0]
    k = min(k, n - 1)
    if k < 1 or matrix.nnz == 0:
        return _empty()
    groups = None if groups is None else np.unique(np.asarray(groups, dtype=object).astype(str), return_inverse=True)[1]
    if method == "auto":
        method = "exact" if n <= EXACT_LIMIT else "approximate"
    if method == "approximate" and min(matrix.shape) < 3:
        method = "exact"  # too few words or rows for a reduced space
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    quiet = None if progress is None else not progress
    if method == "exact":
        step = _block_rows(n, n, memory_mb)
        transposed = matrix.T.tocsc()
        for start in tqdm(range(0, n, step), desc=desc, unit="block", disable=quiet):
            block = (matrix[start : start + step] @ transposed).toarray()
            found.append(_select(block, start, k, groups, min_similarity))
    else:
        m = min(n - 1, candidates or max(64, 2 * k))
        # a row that repeats another (a sentence copied by many outlets) has its candidates and
        # their scores: each distinct row is searched and scored once
        first, which = _distinct_rows(matrix)
        cand = _graph_candidates(matrix, m + 1, n_components, queries=first)
        scores = np.empty(cand.shape, dtype=np.float32)
        step = max(1, min(len(first), int(memory_mb * 2**20 // max(1, (m + 1) * max(1, matrix.nnz // n) * 48))))
        for start in tqdm(range(0, len(first), step), desc=desc, unit="block", disable=quiet):
            part = slice(start, min(len(first), start + step))
            rows, c = first[part], cand[part]
            valid = c >= 0
            safe = np.where(valid, c, rows[:, None])
            left = matrix[np.repeat(rows, c.shape[1])]
            right = matrix[safe.ravel()]
            exact = np.asarray(left.multiply(right).sum(axis=1)).reshape(len(rows), -1).astype(np.float32)
            exact[~valid] = -np.inf
            scores[part] = exact
        step = max(1, min(n, int(memory_mb * 2**20 // max(1, (m + 1) * 24))))
        for start in range(0, n, step):
            rows = np.arange(start, min(n, start + step))
            c, exact = cand[which[rows]], scores[which[rows]]
            safe = np.where(c >= 0, c, rows[:, None])
            found.append(_select(exact, start, k, groups, min_similarity, cols=safe))
    if not found:
        return _empty()
    rows, cols, scores = (np.concatenate(parts) for parts in zip(*found))
    keep = scores > 0  # no feature in common: no neighbour
    return _keep_best(rows[keep].astype(np.int64), cols[keep].astype(np.int64), scores[keep].astype(np.float32), k)


def _distinct_rows(matrix: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """``(first, which)``: the first row of each distinct row content, and for every row the
    position of its content in ``first``."""
    indptr, indices, data = matrix.indptr, matrix.indices, matrix.data
    keys = [indices[indptr[r] : indptr[r + 1]].tobytes() + data[indptr[r] : indptr[r + 1]].tobytes()
            for r in range(matrix.shape[0])]
    which, _ = pd.factorize(pd.Series(keys, dtype=object))
    first = np.full(which.max() + 1 if len(which) else 0, -1, dtype=np.int64)
    first[which[::-1]] = np.arange(len(which) - 1, -1, -1)  # the lowest row of each content
    return first, which


def _graph_candidates(matrix: sparse.csr_matrix, m: int, n_components: int,
                      queries: np.ndarray | None = None) -> np.ndarray:
    """``m`` candidate columns per row of ``queries`` (every row by default; -1 where fewer are
    found) from an HNSW graph over the rows' LSA embedding."""
    import faiss
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    dims = max(2, min(n_components, matrix.shape[1] - 1, matrix.shape[0] - 1))
    embedded = normalize(TruncatedSVD(dims, random_state=0).fit_transform(matrix)).astype(np.float32)
    embedded = np.ascontiguousarray(embedded)
    index = faiss.IndexHNSWFlat(embedded.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = 80
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)  # a graph built on one thread is the same graph every time
    try:
        index.add(embedded)
    finally:
        faiss.omp_set_num_threads(threads)
    index.hnsw.efSearch = max(2 * m, 64)
    _, found = index.search(embedded if queries is None else np.ascontiguousarray(embedded[queries]), m)
    return found.astype(np.int64)
