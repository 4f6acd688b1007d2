"""Which outlets a figure shows when there are more than a reader can take in: the largest by
documents (then tokens, then corpus order), or the first of a ranking the user passes. The
tables always hold every outlet; only the drawing is cut."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from toolkit.corpus.load import Corpus
from toolkit.language.analysis import Analysis

MOST_OUTLETS = 30


def largest_outlets(analysis: Analysis, most: int = MOST_OUTLETS, ranking: pd.Series | None = None) -> list:
    """At most ``most`` outlets: the first of ``ranking`` (outlet -> score, highest first), or
    else those with most documents, then most tokens, ties in corpus order."""
    docs = analysis.corpus.docs
    order = list(docs["outlet"].drop_duplicates())
    if ranking is not None:
        ranked = ranking[ranking.index.isin(order)].sort_values(ascending=False, kind="stable")
        return list(ranked.index[:most])
    size = docs["outlet"].value_counts()
    tokens = analysis.tokens_per("outlet")
    key = {o: (-int(size.get(o, 0)), -int(tokens.get(o, 0)), i) for i, o in enumerate(order)}
    return sorted(order, key=key.__getitem__)[:most]


def only_outlets(analysis: Analysis, outlets: list) -> Analysis:
    """The analysis of these outlets' documents alone, for figures whose values per outlet do
    not depend on the other outlets (rates, counts, shares)."""
    keep = set(outlets)
    docs = analysis.corpus.docs[analysis.corpus.docs["outlet"].isin(keep)]
    ids = set(docs["doc_id"])

    def mine(table: pd.DataFrame | None) -> pd.DataFrame | None:
        return table if table is None or "doc_id" not in table else table[table["doc_id"].isin(ids)]

    corpus: Corpus = replace(analysis.corpus, docs=docs, repairs=mine(analysis.corpus.repairs))
    return replace(analysis, corpus=corpus, sentences=mine(analysis.sentences), entities=mine(analysis.entities),
                   quotes=mine(analysis.quotes), cues=mine(analysis.cues), claims=mine(analysis.claims),
                   terms=mine(analysis.terms), spin=mine(analysis.spin), spin_triggers=mine(analysis.spin_triggers))
