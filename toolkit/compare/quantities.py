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

from toolkit.compare.neighbours import top_neighbours

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


ALL_PAIRS_LIMIT = 2000  # claims of one unit up to which every pair of claims is looked at
LINK_CANDIDATES = 64  # above it, the closest distinct descriptions looked at per description


def _candidate_pairs(texts: list[str], values: np.ndarray, sentence: np.ndarray, floor: float
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of claims ``(r, c, cosine)``, ``r < c``, whose descriptions reach cosine ``floor``.

    Up to ``ALL_PAIRS_LIMIT`` claims, every such pair. Above it, memory must not grow with the
    square of the claims (a story copied by a thousand outlets gives a thousand claims with
    one description): the distinct descriptions are searched for their ``LINK_CANDIDATES``
    closest (``neighbours.top_neighbours``), and each claim is paired only with a few claims
    of each close description: the first, the first from another sentence, and the two
    nearest in value, enough for the links that join groups (a group is a connected part).
    Cosines are those of the TF-IDF rows, in double precision."""
    n = len(texts)
    if n < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    vectorizer = TfidfVectorizer(token_pattern=r"[^\s]+", sublinear_tf=True)
    if n <= ALL_PAIRS_LIMIT:
        matrix = _fit(vectorizer, texts)
        if matrix is None:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
        sims = sparse.triu(matrix @ matrix.T, k=1).tocoo()
        keep = sims.data >= floor
        return sims.row[keep].astype(np.int64), sims.col[keep].astype(np.int64), sims.data[keep]
    codes, distinct = pd.factorize(pd.Series(texts))
    if _fit(vectorizer, texts) is None:  # weights from every claim, as in the all-pairs case
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    matrix = vectorizer.transform(list(distinct))
    found = top_neighbours(matrix, min(LINK_CANDIDATES, len(distinct) - 1), min_similarity=floor * 0.999,
                           progress=False) if len(distinct) > 1 else None
    members = pd.Series(np.arange(n)).groupby(codes).apply(np.asarray)  # description -> its claims
    pairs = []
    for d, rows in members.items():  # claims of one description: linked through its first claims
        pairs += [np.column_stack([rows, np.broadcast_to(p, rows.shape)]) for p in _ports(rows, values, sentence, None)]
    if found is not None:
        for u, v in zip(found.row.tolist(), found.col.tolist()):
            mine, theirs = members[u], members[v]
            for rows, other in ((mine, theirs), (theirs, mine)):
                for p in _ports(other, values, sentence, values[rows]):
                    pairs.append(np.column_stack([rows, np.broadcast_to(p, rows.shape)]))
    pairs = np.concatenate(pairs) if pairs else np.zeros((0, 2), np.int64)
    pairs = np.column_stack([pairs.min(axis=1), pairs.max(axis=1)])
    pairs = np.unique(pairs[pairs[:, 0] != pairs[:, 1]], axis=0)
    r, c = pairs[:, 0], pairs[:, 1]
    rows = matrix[codes]
    cosine = np.asarray(rows[r].multiply(rows[c]).sum(axis=1)).ravel()
    keep = cosine >= floor
    return r[keep], c[keep], cosine[keep]


def _fit(vectorizer: TfidfVectorizer, texts: list[str]) -> sparse.csr_matrix | None:
    try:
        return vectorizer.fit_transform(texts)
    except ValueError:  # nothing but stop words
        return None


def _ports(rows: np.ndarray, values: np.ndarray, sentence: np.ndarray, wanted: np.ndarray | None) -> list:
    """The claims of one description another claim is paired with: its first claim, its first
    from another sentence than the first, and, for each value in ``wanted``, the two claims
    nearest to it in value (an array per port, one entry per wanted value, or a scalar)."""
    first = rows[0]
    other = rows[sentence[rows] != sentence[first]]
    ports: list = [first] + ([other[0]] if len(other) else [])
    if wanted is not None and len(rows) > 1:
        order = rows[np.argsort(values[rows], kind="stable")]
        at = np.searchsorted(values[order], wanted)
        ports += [order[np.clip(at, 0, len(order) - 1)], order[np.clip(at - 1, 0, len(order) - 1)]]
    return ports


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
        part = claims.iloc[index]
        values = np.abs(part["normalized_value"].to_numpy(float))
        sentence = pd.factorize(pd.MultiIndex.from_arrays([part["doc_id"], part["sent_id"]]))[0]
        r, c, sim = _candidate_pairs([texts[i] for i in index], values, sentence, min(min_similarity, NEAR_SIMILARITY))
        ok = sentence[r] != sentence[c]  # never two numbers of one sentence
        if unit == "count":  # counts of different nouns never are one quantity
            nouns = pd.factorize(part["noun"].where(part["noun"].map(lambda x: isinstance(x, str))))[0]
            ok &= ~((nouns[r] >= 0) & (nouns[c] >= 0) & (nouns[r] != nouns[c]))
        small, large = np.minimum(values[r], values[c]), np.maximum(values[r], values[c])
        with np.errstate(divide="ignore", invalid="ignore"):
            near = (small > 0) & (large / np.where(small > 0, small, 1) <= NEAR_FACTOR) & (sim >= NEAR_SIMILARITY)
        strong = sim >= min_similarity
        keep = ok & strong
        maybe = np.flatnonzero(ok & near & ~strong)  # linked by value, unless they name different things
        if len(maybe):
            codes, things = pd.factorize(part["thing"].where(part["thing"].map(lambda x: isinstance(x, str))))
            pairs, which = np.unique(np.column_stack([codes[r[maybe]], codes[c[maybe]]]), axis=0, return_inverse=True)
            differ = np.array([a >= 0 and b >= 0 and _different_things(things[a], things[b]) for a, b in pairs])
            keep[maybe[~differ[which.ravel()]]] = True
        links = sparse.csr_matrix((np.ones(int(keep.sum())), (r[keep], c[keep])), shape=(len(index), len(index)))
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
    allow (ties go to the outlet that comes first). Sorted sweeps, not all pairs: a quantity
    that thousands of outlets give costs n log n."""
    names = list(intervals)
    lows = np.array([intervals[n][0] for n in names], dtype=float)
    highs = np.array([intervals[n][1] for n in names], dtype=float)
    worst = _worst_gap(lows, highs)
    if worst == 0.0:
        return "rounding", 0.0, []
    points = np.column_stack([lows, highs]).ravel()
    points = points[np.isfinite(points)]
    count, first = _coverage(lows, highs, points)
    best = points[np.lexsort((np.arange(len(points)), first, -count))[0]]  # most outlets, then the first outlet
    inside = (lows <= best + _tolerance(best)) & (best <= highs + _tolerance(highs))
    return "conflict", round(worst, 4), [n for n, ok in zip(names, inside) if not ok]


def _tolerance(x):
    """The slack ``overlap`` allows at an interval end (a rounding boundary touches)."""
    return 1e-9 * np.maximum(1.0, np.abs(x))


def _worst_gap(lows: np.ndarray, highs: np.ndarray) -> float:
    """The largest ``gap`` between any two intervals. With no negative values it lies between
    the interval that ends first and the one that starts last (the gap grows as the facing
    ends move apart); otherwise every pair is compared."""
    if len(lows) < 2:
        return 0.0
    if np.all(lows >= 0):
        a, b = int(np.argmin(highs)), int(np.argmax(lows))
        return gap((lows[a], highs[a]), (lows[b], highs[b]))
    pairs = list(zip(lows.tolist(), highs.tolist()))
    return max(gap(pairs[i], pairs[j]) for i in range(len(pairs)) for j in range(i + 1, len(pairs)))


def _coverage(lows: np.ndarray, highs: np.ndarray, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each point, how many intervals ``overlap`` it and the first of them (the lowest
    position; ``len(lows)`` when none), by one sweep over the sorted distinct points."""
    import heapq

    values, where = np.unique(points, return_inverse=True)
    reach = highs + _tolerance(highs)  # an interval still covers x while x <= reach
    count = np.searchsorted(np.sort(lows), values + _tolerance(values), side="right") - \
        np.searchsorted(np.sort(reach), values, side="left")
    by_low = np.argsort(lows, kind="stable")
    first = np.full(len(values), len(lows))
    active: list[int] = []
    started = 0
    for v, x in enumerate(values.tolist()):
        limit = x + 1e-9 * max(1.0, abs(x))
        while started < len(by_low) and lows[by_low[started]] <= limit:
            heapq.heappush(active, int(by_low[started]))
            started += 1
        while active and reach[active[0]] < x:  # ended before x; an ended one lower down surfaces later
            heapq.heappop(active)
        if active:
            first[v] = active[0]
    return count[where], first[where]
