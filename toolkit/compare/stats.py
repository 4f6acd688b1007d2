"""The statistics every table uses: rates per 1,000 tokens, their intervals, permutation tests
and Holm's correction. Pure functions on arrays, seeded so that the same inputs give the same
numbers whatever the order of the calls.
"""

from __future__ import annotations

import zlib
from functools import lru_cache

import numpy as np


def seeded_rng(seed: int, *labels: str) -> np.random.Generator:
    """A generator that depends only on the seed and the labels, never on the call order."""
    return np.random.default_rng([seed, *(zlib.crc32(label.encode("utf-8")) for label in labels)])


def rate_per_1000(counts, tokens):
    """Counts per 1,000 tokens (NaN where there are no tokens); works on arrays of resamples too."""
    tokens = np.asarray(tokens, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(tokens > 0, 1000 * np.asarray(counts, dtype=float) / np.where(tokens > 0, tokens, 1), np.nan)


@lru_cache(maxsize=4096)
@lru_cache(maxsize=4096)
def poisson_interval(count: float, ci: float = 0.95) -> tuple[float, float]:
    """The exact (Garwood) interval for a Poisson count: it does not collapse to a point when
    the count is zero."""
    from scipy.stats import chi2

    alpha = 1 - ci
    low = chi2.ppf(alpha / 2, 2 * count) / 2 if count > 0 else 0.0
    return float(low), float(chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2)


def bootstrap_rate_intervals(
    counts: np.ndarray, tokens: np.ndarray, ci: float, n_boot: int, rng: np.random.Generator, cells: float = 4e6
) -> np.ndarray:
    """Percentile bootstrap of the rate per 1,000 tokens of each column of ``counts`` (units x
    measures, e.g. sentences x cue categories), resampling units: every measure is resampled
    with the same draws, so one set of draws serves them all. Returns ``(measures, 2)``.
    Resamples are drawn in chunks of about ``cells`` unit draws, so memory stays bounded."""
    counts = np.asarray(counts, dtype=float).reshape(len(tokens), -1)
    n = len(tokens)
    alpha = 1 - ci
    boots = []
    step = max(1, int(cells // max(1, n)))
    for start in range(0, n_boot, step):
        m = min(step, n_boot - start)
        picks = rng.integers(0, n, (m, n))
        weights = np.bincount((picks + (np.arange(m) * n)[:, None]).ravel(), minlength=m * n).reshape(m, n).astype(float)
        boots.append(rate_per_1000(weights @ counts, (weights @ tokens)[:, None]))
    boot = np.concatenate(boots)
    return np.nanquantile(boot, [alpha / 2, 1 - alpha / 2], axis=0).T


def rate_intervals(
    counts: np.ndarray, tokens: np.ndarray, ci: float, n_boot: int, rng: np.random.Generator
) -> np.ndarray:
    """The wider of two intervals for each measure's rate per 1,000 tokens, from counts (units x
    measures) and tokens per unit: a percentile bootstrap over the units (uneven spread of
    cues across sentences) and the exact Poisson interval for the total count (rare cues; it
    does not collapse to a point when there are none). NaN when there are no tokens.
    Returns ``(measures, 2)``: low, high."""
    counts = np.asarray(counts, dtype=float)
    counts = counts.reshape(len(tokens), -1) if counts.ndim < 2 else counts
    total = float(np.sum(tokens))
    out = np.full((counts.shape[1], 2), np.nan)
    if total <= 0:
        return out
    sums = counts.sum(axis=0)
    for c, count in enumerate(sums):
        p_low, p_high = poisson_interval(float(count), ci)
        out[c] = 1000 * p_low / total, 1000 * p_high / total
    found = np.flatnonzero(sums > 0)  # a measure with no count: every resample is 0, its interval the Poisson one
    if len(found):
        boot = bootstrap_rate_intervals(counts[:, found], tokens, ci, n_boot, rng)
        out[found, 0] = np.minimum(out[found, 0], boot[:, 0])
        out[found, 1] = np.maximum(out[found, 1], boot[:, 1])
    return out


FEW_UNITS = 6  # up to this many units a group's resamples repeat: C(2n-1, n) distinct ones, 462 at 6


def _few_unit_quantiles(picks: np.ndarray, counts: np.ndarray, tokens: np.ndarray, q: list[float]) -> np.ndarray:
    """``np.quantile(boot, q, axis=1)`` of the resampled rates ``1000 * (w @ counts) / (w @ tokens)``
    of groups of few units, from their distinct resamples: with three sentences only ten
    resamples exist, so each is computed once and the quantiles are read off the counts of
    each, with numpy's linear interpolation between order statistics (the same numbers).
    ``picks`` g x draws x n (the units each resample draws), ``counts`` g x n x c, ``tokens`` g x n."""
    g, draws, n = picks.shape
    base = (n + 1) ** np.arange(n)
    # a resample as a number: digit u (base n + 1) counts the draws of unit u
    keys = base[picks].sum(axis=2) + np.arange(g)[:, None] * (n + 1) ** n
    unique, times = np.unique(keys.ravel(), return_counts=True)  # sorted by group, then resample
    group, code = np.divmod(unique, (n + 1) ** n)
    vectors = (code[:, None] // base) % (n + 1)  # distinct resamples as weight vectors
    values = 1000 * np.einsum("mn,mnc->mc", vectors.astype(float), counts[group]) / \
        np.einsum("mn,mn->m", vectors.astype(float), tokens[group])[:, None]
    virtual = (draws - 1) * np.asarray(q, dtype=float)
    previous = np.floor(virtual)
    gamma = virtual - previous
    ranks = np.minimum(np.stack([previous, previous + 1]).astype(np.int64), draws - 1)  # 2 x q
    out = np.empty((len(q), g, counts.shape[2]))
    for c in range(counts.shape[2]):
        order = np.lexsort((values[:, c], group))
        ends = np.cumsum(times[order])  # global rank just past each distinct value
        at = ranks[:, :, None] + np.arange(g) * draws  # 2 x q x g global ranks
        picked = values[order, c][np.searchsorted(ends, at, side="right")]
        low, high = picked[0], picked[1]
        t = gamma[:, None]
        diff = high - low
        out[:, :, c] = np.where(t >= 0.5, high - diff * (1 - t), low + diff * t)
    return out


def rate_intervals_many(
    items: list[tuple[np.ndarray, np.ndarray, np.random.Generator]], ci: float, n_boot: int, cells: float = 4e6
) -> list[np.ndarray]:
    """``rate_intervals`` for many groups at once, each ``(counts, tokens, rng)``: the same
    numbers as one call per group (each group draws from its own generator, and sums of
    whole counts are exact in any order), with the bootstraps of groups of one size done
    together, so that thousands of one-document outlets cost a few array operations."""
    out: list[np.ndarray | None] = [None] * len(items)
    alpha = 1 - ci
    batch: dict[int, list[int]] = {}
    for i, (counts, tokens, rng) in enumerate(items):
        n = len(tokens)
        if n == 0 or n_boot * n > cells or not np.all(np.asarray(tokens) > 0):
            out[i] = rate_intervals(counts, tokens, ci, n_boot, rng)  # the general path
        else:  # every resample has tokens: no NaN rate, so the plain quantile is the NaN-aware one
            batch.setdefault(n, []).append(i)
    for n, members in batch.items():
        per_batch = max(1, int(cells // (n_boot * n)))
        for start in range(0, len(members), per_batch):
            group = members[start : start + per_batch]
            counts = np.stack([np.asarray(items[i][0], dtype=float).reshape(n, -1) for i in group])  # g x n x c
            tokens = np.stack([np.asarray(items[i][1], dtype=float) for i in group])  # g x n
            sums = counts.sum(axis=1)  # g x c
            totals = tokens.sum(axis=1)
            results = [np.array([[1000 * low / totals[k], 1000 * high / totals[k]]
                                 for low, high in (poisson_interval(float(c), ci) for c in sums[k])])
                       for k in range(len(group))]
            used = np.flatnonzero(sums.sum(axis=0) > 0)  # columns with a cue somewhere in the batch
            if len(used):
                g = len(group)
                picks = np.stack([items[i][2].integers(0, n, (n_boot, n)) for i in group])  # as rate_intervals draws
                if n <= FEW_UNITS:
                    quantiles = _few_unit_quantiles(picks, counts[:, :, used], tokens, [alpha / 2, 1 - alpha / 2])
                else:
                    offsets = (np.arange(g * n_boot) * n).reshape(g, n_boot, 1)
                    weights = np.bincount((picks + offsets).ravel(), minlength=g * n_boot * n)
                    weights = weights.reshape(g, n_boot, n).astype(float)
                    boot = 1000 * (weights @ counts[:, :, used]) / (weights @ tokens[:, :, None])  # g x n_boot x used
                    quantiles = np.quantile(boot, [alpha / 2, 1 - alpha / 2], axis=1)  # 2 x g x used
                for k in range(g):
                    found = sums[k, used] > 0
                    cols = used[found]
                    results[k][cols, 0] = np.minimum(results[k][cols, 0], quantiles[0, k, found])
                    results[k][cols, 1] = np.maximum(results[k][cols, 1], quantiles[1, k, found])
            for k, i in enumerate(group):
                out[i] = results[k]
    return out  # type: ignore[return-value]


def permutation_test(
    counts: np.ndarray, tokens: np.ndarray, n_a: int, n_permutations: int, rng: np.random.Generator
) -> tuple[float, float]:
    """``(difference, p_value)`` of the rate per 1,000 tokens between the first ``n_a`` units and
    the rest. Units are shuffled between the two groups; the two-sided p-value is the share of
    shuffles (plus the observed split) whose difference is at least as large as observed."""

    def diff(idx_a: np.ndarray, idx_b: np.ndarray) -> np.ndarray:
        return rate_per_1000(counts[idx_a].sum(-1), tokens[idx_a].sum(-1)) - rate_per_1000(counts[idx_b].sum(-1), tokens[idx_b].sum(-1))

    order = np.arange(len(tokens))
    observed = float(diff(order[:n_a], order[n_a:]))
    shuffled = np.argsort(rng.random((n_permutations, len(tokens))), axis=1)
    extreme = np.abs(np.nan_to_num(diff(shuffled[:, :n_a], shuffled[:, n_a:]), nan=np.inf)) >= abs(observed) - 1e-12
    return observed, float((extreme.sum() + 1) / (n_permutations + 1))


def holm(p_values) -> np.ndarray:
    """Holm's (1979) step-down adjustment for testing several hypotheses ("A simple sequentially
    rejective multiple test procedure"); NaN p-values stay NaN and do not count as tests."""
    p = np.asarray(p_values, dtype=float)
    order = np.argsort(np.where(np.isnan(p), np.inf, p), kind="stable")
    m = np.isfinite(p).sum()
    adjusted = np.full(len(p), np.nan)
    running = 0.0
    for rank, i in enumerate(order):
        if np.isnan(p[i]):
            continue
        running = max(running, min(1.0, (m - rank) * p[i]))
        adjusted[i] = running
    return adjusted
