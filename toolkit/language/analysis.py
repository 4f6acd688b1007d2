"""``Analysis``: the tables from one language pass over a corpus, the input of every comparison.

This module imports no extractor and no engine: comparisons and figures depend on the tables,
not on how they were made.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from toolkit.corpus.load import Corpus


@dataclass
class Analysis:
    """Tables from one pass over a corpus. ``corpus`` is the corpus as analysed: machine-spun
    copies repaired unless ``analyze(..., repair=False)`` (``corpus.repairs`` lists every
    change, ``spin`` and ``spin_triggers`` the spin report before repair). ``model`` names the
    pipeline; ``cache`` counts parse-cache hits, misses and bad entries (rebuilt)."""

    corpus: Corpus
    sentences: pd.DataFrame
    entities: pd.DataFrame
    quotes: pd.DataFrame
    cues: pd.DataFrame
    claims: pd.DataFrame
    terms: pd.DataFrame
    lexicon_categories: tuple[str, ...] = ()
    model: str = ""
    cache: dict[str, int] = field(default_factory=dict)
    spin: pd.DataFrame | None = None  # the spin report of the corpus as loaded (``quality.spin_report``)
    spin_triggers: pd.DataFrame | None = None  # the phrases behind it

    def tokens_per(self, by: str = "outlet") -> pd.Series:
        """Tokens per group of documents, e.g. per outlet: words and punctuation, not white space.
        Every "per 1,000 tokens" rate divides by this."""
        sizes = self.sentences.groupby("doc_id")["n_tokens"].sum()
        docs = self.corpus.docs[["doc_id", by]].assign(n_tokens=lambda d: d["doc_id"].map(sizes).fillna(0))
        return docs.groupby(by, sort=False)["n_tokens"].sum()

    def __repr__(self) -> str:
        return (
            f"Analysis({len(self.corpus.docs)} documents, {len(self.sentences)} sentences, "
            f"{len(self.entities)} entities, {len(self.quotes)} quotes, {len(self.cues)} cues; model={self.model})"
        )
