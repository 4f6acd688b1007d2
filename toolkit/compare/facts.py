"""Facts kept and dropped: which reports carry which piece of the story.

A *fact* is a cluster of sentences of different outlets that say the same thing. Sentences
are compared by what they are about, not by their wording alone: their content words, the
actors they name (clustered across outlets), the numbers they give (unit and value) and the
stance cues they carry ("refused" and "declined" are both a refusal). Each sentence is linked
to its two closest sentences in each other outlet when their TF-IDF cosine reaches
``min_similarity`` and they have at least ``MIN_SHARED`` things in common (one shared name is
no fact); links join groups strongest first, only while a group holds one sentence per outlet
and stays close on average. A fact is a group of linked sentences, named by its most central
sentence. A report that has no sentence in a fact dropped it; a sentence linked to nothing is
a fact only its report carries. Sentences too short to state a fact ("What happened?") and
headings in capitals belong to no fact (``states_a_fact``).

Links come from ``neighbours.top_neighbours`` (the closest ``LINK_CANDIDATES`` sentences of
other outlets: exact in blocks up to 5,000 sentences, a graph search above) and groups are
compared through the sums of their rows, so neither memory nor time grows with the square of
the number of sentences.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from toolkit.compare import actors as actor_clusters
from toolkit.compare import neighbours
from toolkit.language.analysis import Analysis
from toolkit.resources.function_words import is_content_word

MIN_SIMILARITY = 0.2
MIN_FEATURES = 4  # "What happened?", "Putin did not agree." state no fact of their own to compare
MIN_SHARED = 2  # distinct features two linked sentences must have in common
CUE_WEIGHT = 2  # a stance cue counts as two words: "refused a truce" and "agreed to a truce" are different facts
FACT_COLUMNS = ["fact", "label", "outlets", "carried_by", "sentences", "cohesion", "doc_id", "sent_id"]
MEMBER_COLUMNS = ["fact", "doc_id", "sent_id", "outlet", "start", "end", "text", "centrality"]
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")


def _stem(word: str) -> str:
    """Plural and possessive endings off ("ceasefires" -> "ceasefire", "Russia's" -> "russia")."""
    word = re.sub(r"[’']s$", "", word.lower())
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


@lru_cache(maxsize=200_000)
def _feature_word(word: str) -> str | None:
    """A word's stem when it is a content word, else None (cached: news repeats its words)."""
    return _stem(word) if is_content_word(word) else None


def sentence_features(analysis: Analysis, actors: actor_clusters.Actors | None = None) -> list[str]:
    """What each sentence (in ``analysis.sentences`` order) is about, as tokens: content words,
    ``actor:`` names, ``num:`` unit and value, ``cue:`` stance categories (``CUE_WEIGHT`` times)."""
    actors = actor_clusters.cluster(analysis) if actors is None else actors
    extra: dict[tuple, list[str]] = defaultdict(list)
    for row in analysis.entities[analysis.entities["label"].isin(actor_clusters.NAME_LABELS)].itertuples(index=False):
        name = actors.name(row.name, row.doc_id, row.start) or row.name
        extra[(row.doc_id, row.sent_id)].append("actor:" + re.sub(r"\s+", "_", str(name).lower()))
    for row in analysis.claims.itertuples(index=False):
        extra[(row.doc_id, row.sent_id)].append(f"num:{row.normalized_unit}:{row.normalized_value:g}")
    cues = analysis.cues[~analysis.cues["negated"].astype(bool)]
    for row in cues.itertuples(index=False):
        if row.category not in ("hedge", "approximator", "booster"):
            extra[(row.doc_id, row.sent_id)] += [f"cue:{row.category}"] * CUE_WEIGHT
    out = []
    for row in analysis.sentences.itertuples(index=False):
        words = [f for f in map(_feature_word, _WORD.findall(row.text)) if f is not None]
        out.append(" ".join([*words, *extra.get((row.doc_id, row.sent_id), [])]))
    return out


def _concepts(features: str) -> set[str]:
    """The distinct things a sentence's features name: a name counts once whether as a word or
    as an actor ("Moscow" and ``actor:moscow``), a number once, cues not at all."""
    out = set()
    for f in features.split():
        if f.startswith("cue:"):
            continue
        out.update(f[6:].split("_") if f.startswith("actor:") else [f])
    return out


def states_a_fact(text: str, features: str) -> bool:
    """A sentence that can state a fact: ``MIN_FEATURES`` distinct content words, names or
    numbers or more, and not a heading in capitals ("U.S. SHIFT CONCERNS EUROPEAN ALLIES")."""
    letters = "".join(filter(str.isalpha, text))
    heading = len(letters) > 3 and sum(map(str.isupper, letters)) / len(letters) > 0.8
    return not heading and len({f for f in features.split() if not f.startswith("cue:")}) >= MIN_FEATURES


LINK_CANDIDATES = 64  # closest sentences of other outlets looked at per sentence


def _links(matrix: sparse.csr_matrix, groups: np.ndarray, min_similarity: float, top: int = 2,
           method: str = "auto") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(i, j, cosine)`` arrays, ``i < j``: for each row, its ``top`` closest rows in every other
    group among its ``LINK_CANDIDATES`` closest rows of other groups, when close enough (each
    pair once, with the score found last)."""
    found = neighbours.top_neighbours(matrix, LINK_CANDIDATES, groups=groups, min_similarity=min_similarity,
                                      method=method)
    if not len(found):
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    codes = pd.factorize(groups)[0]
    pairs = pd.DataFrame({"i": found.row, "g": codes[found.col]})
    keep = (pairs.groupby(["i", "g"], sort=False).cumcount() < top).to_numpy()  # best first within each row
    i, j = np.minimum(found.row, found.col)[keep], np.maximum(found.row, found.col)[keep]
    score = found.score[keep].astype(float)
    key = i * matrix.shape[0] + j
    _, last = np.unique(key[::-1], return_index=True)  # each pair once, its last score
    last = len(key) - 1 - last
    return i[last], j[last], score[last]


def _shared_at_least(sets: list[set[str]], i: np.ndarray, j: np.ndarray, least: int, chunk: int = 500_000) -> np.ndarray:
    """Whether the sets of rows ``i`` and ``j`` have ``least`` members in common, pair by pair,
    as sparse products of the sets' indicator rows (in chunks of pairs, for memory)."""
    vocabulary: dict[str, int] = {}
    cols = [vocabulary.setdefault(w, len(vocabulary)) for s in sets for w in sorted(s)]
    indptr = np.r_[0, np.cumsum([len(s) for s in sets])]
    indicator = sparse.csr_matrix((np.ones(len(cols)), cols, indptr), shape=(len(sets), max(1, len(vocabulary))))
    out = np.zeros(len(i), dtype=bool)
    for start in range(0, len(i), chunk):
        a, b = i[start : start + chunk], j[start : start + chunk]
        out[start : start + chunk] = np.asarray(indicator[a].multiply(indicator[b]).sum(axis=1)).ravel() >= least
    return out


def _row_dicts(matrix: sparse.csr_matrix) -> list[dict[int, float]]:
    indptr, indices, data = matrix.indptr, matrix.indices.tolist(), matrix.data.tolist()
    return [dict(zip(indices[indptr[r] : indptr[r + 1]], data[indptr[r] : indptr[r + 1]])) for r in range(matrix.shape[0])]


def _dot(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[k] for k, v in a.items() if k in b)


def facts(analysis: Analysis, by: str = "outlet", min_similarity: float = MIN_SIMILARITY,
          actors: actor_clusters.Actors | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(facts, members)``: one row per fact (``fact, label, outlets, carried_by, sentences,
    cohesion`` (mean cosine between its sentences; read a low one as a loose fact), ``doc_id,
    sent_id`` of its central sentence), and one row per sentence of every fact
    (``fact, doc_id, sent_id, outlet, start, end, text, centrality``). Facts that some but not
    all outlets carry come first, most outlets first; then those all carry; then those of one.
    Sentences that state no fact (``states_a_fact``: too few content words, headings) belong
    to none and are not in ``members``."""
    sents = analysis.sentences.merge(analysis.corpus.docs[["doc_id", by]], on="doc_id", how="left")
    texts = sentence_features(analysis, actors)
    fit = np.array([states_a_fact(text, features) for text, features in zip(sents["text"], texts)], dtype=bool)
    sents = sents[fit].reset_index(drop=True)
    texts = [t for t, keep in zip(texts, fit) if keep]
    n = len(sents)
    if n == 0:
        return pd.DataFrame(columns=FACT_COLUMNS), pd.DataFrame(columns=MEMBER_COLUMNS)
    try:
        matrix = TfidfVectorizer(token_pattern=r"[^\s]+", sublinear_tf=True, lowercase=False).fit_transform(texts).tocsr()
    except ValueError:  # no content words at all
        matrix = sparse.csr_matrix((n, 1))
    groups = sents[by].to_numpy()
    i, j, score = _links(matrix, groups, min_similarity)
    shared = _shared_at_least([_concepts(t) for t in texts], i, j, MIN_SHARED)
    i, j, score = i[shared], j[shared], score[shared]  # one word in common ("Oslo", "concerns") is no fact
    parent = list(range(n))
    outlets_of: dict[int, set] = {k: {groups[k]} for k in range(n)}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    weight = np.zeros(n)
    # strongest links first; two groups join only if no outlet is in both, so a fact holds at
    # most one sentence per outlet and a chain of loose matches cannot swallow the story
    size = [1] * n
    rows = _row_dicts(matrix)  # a group's summed rows: mean cosines without all pairs
    total: dict[int, dict[int, float]] = {}
    order = np.lexsort((j, i, -score))
    for a_, b_, s_ in zip(i[order].tolist(), j[order].tolist(), score[order].tolist()):
        a, b = find(a_), find(b_)
        if a == b:
            continue
        mine, theirs = outlets_of[a], outlets_of[b]
        if not (mine.isdisjoint(theirs) if len(mine) < len(theirs) else theirs.isdisjoint(mine)):
            continue
        # and only if the two groups are close on average, not through one pair alone
        sum_a, sum_b = total.get(a, rows[a]), total.get(b, rows[b])
        if _dot(sum_a, sum_b) / (size[a] * size[b]) < min_similarity:
            continue
        if size[a] < size[b]:  # the larger group absorbs the smaller: the grouping is the same
            a, b, sum_a, sum_b = b, a, sum_b, sum_a
        parent[b] = a
        merged = dict(sum_a) if a not in total else sum_a
        for k, v in sum_b.items():
            merged[k] = merged.get(k, 0.0) + v
        total[a] = merged
        total.pop(b, None)
        outlets_of[a] |= outlets_of.pop(b)
        size[a] += size[b]
        weight[a_] += s_
        weight[b_] += s_
    roots = np.array([find(k) for k in range(n)])
    first = np.lexsort((sents["sent_id"].to_numpy(), sents["doc_id"].map({d: k for k, d in enumerate(analysis.corpus.docs["doc_id"])}).to_numpy()))
    all_outlets = sents[by].nunique()
    # the members of each group, groups in the order of their first sentence in the corpus
    by_root = np.argsort(roots, kind="stable")
    starts = np.r_[0, np.flatnonzero(np.diff(roots[by_root])) + 1]
    members_of = dict(zip(roots[by_root][starts].tolist(), np.split(by_root, starts[1:])))
    fact_rows, members = [], []
    for root in dict.fromkeys(roots[first].tolist()):
        idx = members_of[root]
        central = idx[np.argmax(weight[idx])] if len(idx) > 1 else idx[0]
        carried = list(dict.fromkeys(groups[idx]))
        if len(idx) > 1:  # mean cosine between the fact's sentences: low for a loose fact, 1 for a copied sentence
            chosen = matrix[idx]
            summed = np.asarray(chosen.sum(axis=0)).ravel()
            cohesion = round(float((summed @ summed - chosen.multiply(chosen).sum()) / (len(idx) * (len(idx) - 1))), 3)
        else:
            cohesion = float("nan")
        fact_rows.append({"label": sents["text"].iloc[central], "outlets": len(carried), "carried_by": ", ".join(map(str, carried)),
                          "sentences": len(idx), "cohesion": cohesion, "doc_id": sents["doc_id"].iloc[central], "sent_id": int(sents["sent_id"].iloc[central]),
                          "_idx": idx, "_weight": weight[idx]})
    table = pd.DataFrame(fact_rows)
    rank = np.select([(table["outlets"] > 1) & (table["outlets"] < all_outlets), table["outlets"] == all_outlets], [0, 1], 2)
    table = table.assign(_rank=rank, _o=-table["outlets"]).sort_values(["_rank", "_o"], kind="stable").reset_index(drop=True)
    table.insert(0, "fact", [f"F{k + 1}" for k in range(len(table))])
    # one row per member sentence, taken from the sentence table in one go
    order = np.concatenate(list(table["_idx"])) if len(table) else np.zeros(0, int)
    taken = sents.iloc[order]
    members = pd.DataFrame({
        "fact": np.repeat(table["fact"].to_numpy(), [len(i) for i in table["_idx"]]),
        "doc_id": taken["doc_id"].to_numpy(), "sent_id": taken["sent_id"].astype(int).to_numpy(), by: taken[by].to_numpy(),
        "start": taken["start"].astype(int).to_numpy(), "end": taken["end"].astype(int).to_numpy(),
        "text": taken["text"].to_numpy(),
        "centrality": np.round(np.concatenate(list(table["_weight"])) if len(table) else np.zeros(0), 4),
    })
    facts_table = table.drop(columns=["_idx", "_weight", "_rank", "_o"])
    return facts_table[[c if c != "outlet" else by for c in FACT_COLUMNS]], \
        members[[by if c == "outlet" else c for c in MEMBER_COLUMNS]]


def kept_and_dropped(fact_table: pd.DataFrame, members: pd.DataFrame, outlets: list, by: str = "outlet",
                     shared_only: bool = True) -> pd.DataFrame:
    """A report-by-fact matrix: 1 where the outlet carries the fact. ``shared_only`` keeps the
    facts that two or more outlets carry."""
    keep = fact_table[fact_table["outlets"] > 1] if shared_only else fact_table
    grid = (members[members["fact"].isin(keep["fact"])].assign(one=1)
            .pivot_table(index="fact", columns=by, values="one", aggfunc="max", fill_value=0))
    return grid.reindex(index=list(keep["fact"]), columns=outlets, fill_value=0).astype(int)
