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
def poisson_interval(count: float, ci: float = 0.95) -> tuple[float, float]:
    """The exact (Garwood) interval for a Poisson count: it does not collapse to a point when
    the count is zero."""
    from scipy.stats import chi2

    alpha = 1 - ci
    low = chi2.ppf(alpha / 2, 2 * count) / 2 if count > 0 else 0.0
    return float(low), float(chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2)


def bootstrap_rate_interval(
    counts: np.ndarray, tokens: np.ndarray, ci: float, n_boot: int, rng: np.random.Generator
) -> tuple[float, float]:
    """Percentile bootstrap of the rate per 1,000 tokens, resampling units (sentences)."""
    alpha = 1 - ci
    picks = rng.integers(0, len(tokens), (n_boot, len(tokens)))
    boot = rate_per_1000(counts[picks].sum(axis=1), tokens[picks].sum(axis=1))
    low, high = np.nanquantile(boot, [alpha / 2, 1 - alpha / 2])
    return float(low), float(high)


def rate_interval(
    counts: np.ndarray, tokens: np.ndarray, ci: float, n_boot: int, rng: np.random.Generator
) -> tuple[float, float]:
    """The wider of two intervals for a rate per 1,000 tokens, from counts and tokens per unit:
    a percentile bootstrap over the units (uneven spread of cues across sentences) and the
    exact Poisson interval for the total count (rare cues; it does not collapse to a point
    when there are none). NaN when there are no tokens."""
    total, count = tokens.sum(), counts.sum()
    if total <= 0:
        return float("nan"), float("nan")
    p_low, p_high = poisson_interval(float(count), ci)
    if count == 0:  # every resample has no cue: the bootstrap interval is the point 0
        return 0.0, float(1000 * p_high / total)
    b_low, b_high = bootstrap_rate_interval(counts, tokens, ci, n_boot, rng)
    return float(min(1000 * p_low / total, b_low)), float(max(1000 * p_high / total, b_high))


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
