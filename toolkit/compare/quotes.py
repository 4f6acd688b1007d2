"""Whose words each outlet carries, and with which reporting verbs: tables from ``analysis.quotes``."""

from __future__ import annotations

import pandas as pd

from toolkit.compare import actors as actor_clusters
from toolkit.compare.tables import sort_by_outlet
from toolkit.language.analysis import Analysis


def speakers(analysis: Analysis, actors: actor_clusters.Actors | None = None) -> pd.Series:
    """Each quote's speaker as the actor clustered across outlets ("Solbreg" -> "Ingrid
    Solberg"); a speaker that is no name ("some administration officials") stays as written."""
    actors = actor_clusters.cluster(analysis) if actors is None else actors
    quotes = analysis.quotes
    return pd.Series([actors.name(s, d, at) or s for s, d, at in zip(quotes["speaker"], quotes["doc_id"], quotes["start"])],
                     index=quotes.index, dtype=object)


UNATTRIBUTED = "(unattributed)"  # the speaker of words in quote marks given to no one (scare quotes, lone fragments)


def share(analysis: Analysis, by: str = "outlet", actors: actor_clusters.Actors | None = None) -> pd.DataFrame:
    """Whose words each outlet carries: ``outlet, kind, speaker, quotes, tokens, share``.

    ``share`` is the speaker's part of the outlet's quoted tokens of that kind; speakers are
    actors as clustered across outlets (``actors``, computed when not given); quotes with no
    speaker found count under "(unattributed)".
    """
    quotes = analysis.quotes.assign(speaker=speakers(analysis, actors))
    quotes = quotes.merge(analysis.corpus.docs[["doc_id", by]], on="doc_id", how="left")
    quotes = quotes.assign(speaker=quotes["speaker"].fillna(UNATTRIBUTED))
    table = (
        quotes.groupby([by, "kind", "speaker"], sort=False)
        .agg(quotes=("text", "size"), tokens=("n_tokens", "sum"))
        .reset_index()
    )
    totals = table.groupby([by, "kind"])["tokens"].transform("sum")
    table["share"] = (table["tokens"] / totals).round(4)
    return sort_by_outlet(table, analysis.corpus.docs[by], by, ["kind", "tokens", "speaker"], descending=["tokens"])


def verb_profile(analysis: Analysis, by: str = "outlet") -> pd.DataFrame:
    """How each outlet introduces speech: ``outlet, verb, verb_class, uses, share``.

    Counts direct and reported speech attributed through a reporting verb (or "according
    to"); ``share`` is the verb's part of the outlet's attributed quotes.
    """
    quotes = analysis.quotes[analysis.quotes["verb"].notna()]
    quotes = quotes.merge(analysis.corpus.docs[["doc_id", by]], on="doc_id", how="left")
    table = quotes.groupby([by, "verb", "verb_class"], sort=False).size().rename("uses").reset_index()
    table["share"] = (table["uses"] / table.groupby(by)["uses"].transform("sum")).round(4)
    return sort_by_outlet(table, analysis.corpus.docs[by], by, ["uses", "verb"], descending=["uses"])
