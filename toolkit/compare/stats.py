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
