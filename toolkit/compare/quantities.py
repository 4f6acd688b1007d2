"""Numbers that several outlets give for the same thing, and whether they really disagree.

No list of slots is needed. Claims (``analysis.claims``) are grouped into comparable
quantities: the same dimension and unit (minutes, US dollars, percent, a count, km, ...) and
the same counted thing, judged from the counted noun and the words around the number (the
"market value" that "fell", the "call" that "lasted"); a count of jobs is never grouped with
a count of analysts.

Each claim is an interval, not a point, because news rounds and qualifies its numbers. With
``b`` the place value of the last written digit ("212" -> 1, "210" -> 10, "2,000" -> 1,000):

| as written | interval for the true value |
|---|---|
| 212 (no qualifier) | 212 +- b/2, at most 5% either way |
| about / around / some 212 | 212 +- q |
| nearly / almost / just under 215 | 215 - q up to 215 |
| just over 200 | above 200, up to 200 + q |
| more than / over / at least 200 | above 200 |
| up to / less than / under 200 | below 200 |

where a qualifier's band q is b, but at least 2.5% and at most 15% of the number ("nearly
215" covers 212; "about 3,500" is 3,400 to 3,600; qualifier classes from
``toolkit/data/claims/qualifiers.csv``). Two outlets *conflict* when
their intervals do not overlap (212 against 189 billion dollars; "about 560" against 589);
values that differ but overlap agree *up to rounding* (589 against "nearly 600", 17% against
"just under 17%", "a month" against "30 days"). Disagreements are ranked by the relative gap
between the conflicting intervals.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer

from toolkit.language.analysis import Analysis

EXACT_SHARE, BAND_SHARE = 0.05, 0.15  # the caps on rounding (an unqualified number) and on a qualifier's band
BAND_FLOOR = 0.025  # a qualifier leaves at least this much: "nearly 215" covers 212
MIN_SIMILARITY = 0.3  # cosine of two claims' descriptions from which they count the same thing
NEAR_SIMILARITY, NEAR_FACTOR = 0.12, 1.5  # ... or, for values within a factor of 1.5, this cosine
QUANTITY_COLUMNS = [
    "slot", "outlet", "value", "unit", "qualifier", "low", "high", "filler", "text", "phrase", "sentence",
    "doc_id", "start", "end",
]
DISAGREEMENT_COLUMNS = [
    "slot", "unit", "outlets", "values", "distinct_values", "status", "disagree", "gap", "outliers",
]


def interval(value: float, precision: float, qualifier_class: str) -> tuple[float, float]:
    """The interval a stated number leaves for the true value (see the module's table)."""
    if not math.isfinite(value):
        return value, value
    scale = abs(value)
    b = precision if precision > 0 else 1.0
    band = min(max(b, BAND_FLOOR * scale), BAND_SHARE * scale) if scale else b
    if qualifier_class == "approx":
        return value - band, value + band
    if qualifier_class == "below":
        return value - band, value
    if qualifier_class == "above":
        return value, value + band
    if qualifier_class == "lower_bound":
        return value, math.inf
    if qualifier_class == "upper_bound":
        return (0.0 if value >= 0 else -math.inf), value
    half = min(b / 2, EXACT_SHARE * scale) if scale else b / 2
    return value - half, value + half


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two intervals share a point (touching counts: a rounding boundary)."""
    return a[0] <= b[1] + 1e-9 * max(1.0, abs(b[1])) and b[0] <= a[1] + 1e-9 * max(1.0, abs(a[1]))


def gap(a: tuple[float, float], b: tuple[float, float]) -> float:
    """How far apart two intervals are, relative to the larger of the facing ends (0 when they overlap)."""
    if overlap(a, b):
        return 0.0
    low, high = (a, b) if a[1] < b[0] else (b, a)
    facing = max(abs(low[1]), abs(high[0]), 1e-12)
    return (high[0] - low[1]) / facing


def _descriptions(claims: pd.DataFrame) -> list[str]:
    """What each claim is about, as words: its thing (twice, it counts most), owner and context."""
    out = []
    for thing, owner, context in zip(claims["thing"], claims["owner"], claims["context"]):
        thing = thing if isinstance(thing, str) else ""
        owner = owner if isinstance(owner, str) else ""
        out.append(" ".join([thing, thing, owner.lower(), context if isinstance(context, str) else ""]).strip())
    return out


def group_claims(claims: pd.DataFrame, min_similarity: float = MIN_SIMILARITY) -> np.ndarray:
    """A group number per claim (-1: nothing to group by). Within one unit, two claims are
    linked when their descriptions (thing, owner, nearby words) have TF-IDF cosine
    ``min_similarity`` or more, or share some words (cosine ``NEAR_SIMILARITY`` or more) and
    values within a factor of ``NEAR_FACTOR`` ("$212bn hit to its market value" and "$215bn
    wiped off its value") unless both name things with no word in common ("meeting", "call");
    never when they are in the same sentence, and counts of different
    nouns never are (1,200 jobs, 12 analysts). Groups are the connected parts of these links."""
    labels = np.full(len(claims), -1)
    if claims.empty:
        return labels
    texts = _descriptions(claims)
    next_label = 0
    for unit, index in claims.groupby("normalized_unit", sort=False).indices.items():
        index = np.asarray(index)
        index = index[[bool(texts[i].strip()) for i in index]]
        if not len(index):
            continue
        try:
            matrix = TfidfVectorizer(token_pattern=r"[^\s]+", sublinear_tf=True).fit_transform([texts[i] for i in index])
        except ValueError:  # nothing but stop words
            continue
        sims = (matrix @ matrix.T).tocoo()
        part = claims.iloc[index]
        values = part["normalized_value"].to_numpy(float)
        sentence = list(zip(part["doc_id"], part["sent_id"]))
        nouns = part["noun"].to_numpy(object) if unit == "count" else None
        things = part["thing"].to_numpy(object)
        keep = []
        for r, c, sim in zip(sims.row, sims.col, sims.data):
            if r >= c:
                continue
            if sentence[r] == sentence[c]:
                continue
            if nouns is not None and isinstance(nouns[r], str) and isinstance(nouns[c], str) and nouns[r] != nouns[c]:
                continue
            small, large = sorted((abs(values[r]), abs(values[c])))
            near = small > 0 and large / small <= NEAR_FACTOR and not _different_things(things[r], things[c])
            if sim >= min_similarity or (near and sim >= NEAR_SIMILARITY):
                keep.append((r, c))
        rows = [r for r, _ in keep]
        cols = [c for _, c in keep]
        links = sparse.csr_matrix((np.ones(len(keep)), (rows, cols)), shape=(len(index), len(index)))
        n, parts = connected_components(links, directed=False)
        labels[index] = parts + next_label
        next_label += n
    return labels


def _different_things(a, b) -> bool:
    """Both claims name what they count, and the names share no word ("meeting" / "call")."""
    return isinstance(a, str) and isinstance(b, str) and not set(a.split()) & set(b.split())


def _label(group: pd.DataFrame) -> str:
    """A group's name: its most frequent thing (and owner), else its most frequent context word."""
    unit = group["normalized_unit"].iloc[0]
    things = group["thing"].dropna()
    if len(things):
        name = Counter(things).most_common(1)[0][0]
    else:
        words = Counter(w for c in group["context"].dropna() for w in c.split())
        name = words.most_common(1)[0][0] if words else "number"
    owners = group["owner"].dropna()
    if len(owners) and Counter(owners).most_common(1)[0][1] >= 2:
        name = f"{Counter(owners).most_common(1)[0][0]}'s {name}"
    return f"{name} ({unit})" if unit not in ("count",) else name


def quantities(analysis: Analysis, by: str = "outlet", min_outlets: int = 2, min_similarity: float = MIN_SIMILARITY) -> pd.DataFrame:
    """Every claim in a comparable quantity that at least ``min_outlets`` outlets give, with its
    interval: ``slot, outlet, value, unit, qualifier, low, high, filler, text, phrase,
    sentence, doc_id, start, end`` (``slot`` names the quantity; ``value``, ``low`` and ``high``
    are in ``unit``: minutes, a currency, percent, a count, km)."""
    claims = analysis.claims.merge(analysis.corpus.docs[["doc_id", by]], on="doc_id", how="left")
    claims = claims.assign(_group=group_claims(claims, min_similarity))
    claims = claims[claims["_group"] >= 0]
    rows, names = [], Counter()
    for _, group in claims.groupby("_group", sort=False):
        if group[by].nunique() < min_outlets:
            continue
        name = _label(group)
        names[name] += 1
        if names[name] > 1:
            name = f"{name} #{names[name]}"
        for row in group.itertuples(index=False):
            low, high = interval(row.normalized_value, row.precision, row.qualifier_class)
            rows.append({"slot": name, by: getattr(row, by), "value": row.normalized_value, "unit": row.normalized_unit,
                         "qualifier": row.qualifier or "exact", "low": low, "high": high, "filler": None,
                         "text": row.text, "phrase": row.phrase, "sentence": row.sentence, "doc_id": row.doc_id,
                         "start": row.start, "end": row.end})
    columns = [by if c == "outlet" else c for c in QUANTITY_COLUMNS]
    table = pd.DataFrame(rows, columns=columns)
    return table.astype({"value": float, "low": float, "high": float})


def outlet_intervals(group: pd.DataFrame, by: str = "outlet") -> dict[str, tuple[float, float]]:
    """One interval per outlet: what all its claims in the group allow together, or, when they
    contradict each other, the span of them all."""
    out = {}
    for outlet, mine in group.groupby(by, sort=False):
        low, high = mine["low"].max(), mine["high"].min()
        out[outlet] = (low, high) if low <= high else (mine["low"].min(), mine["high"].max())
    return out


def judge(intervals: dict[str, tuple[float, float]]) -> tuple[str, float, list[str]]:
    """``(status, gap, outliers)`` for one quantity's outlet intervals: ``conflict`` when two
    outlets' intervals do not overlap, ``rounding`` when all overlap; ``gap`` is the largest
    relative gap; ``outliers`` the outlets whose interval misses the value that most outlets
    allow (ties go to the outlet that comes first)."""
    names = list(intervals)
    worst = max((gap(intervals[a], intervals[b]) for i, a in enumerate(names) for b in names[i + 1 :]), default=0.0)
    if worst == 0.0:
        return "rounding", 0.0, []
    points = [x for low, high in intervals.values() for x in (low, high) if math.isfinite(x)]

    def covering(x: float) -> list[int]:
        return [i for i, n in enumerate(names) if overlap(intervals[n], (x, x))]

    best = max(points, key=lambda x: (len(covering(x)), -min(covering(x), default=len(names))))
    inside = set(covering(best))
    return "conflict", round(worst, 4), [n for i, n in enumerate(names) if i not in inside]
