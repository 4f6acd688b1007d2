"""Who each outlet names, and how prominently: mention counts from ``analysis.entities``."""

from __future__ import annotations

import pandas as pd

from toolkit.compare.tables import sort_by_outlet
from toolkit.language.analysis import Analysis

# Entity types that name someone or somewhere; NORP ("Russian") and numbers are left out of counts.
ACTOR_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC")


def counts(analysis: Analysis, labels: tuple[str, ...] | None = ACTOR_LABELS, by: str = "outlet") -> pd.DataFrame:
    """Mentions per outlet and actor: ``outlet, actor, label, known, mentions, per_1000_tokens, first_sentence``.

    ``actor`` is the canonical name for known actors and the normalised text otherwise;
    ``known`` says which. ``per_1000_tokens`` divides by the outlet's token count;
    ``first_sentence`` is the earliest sentence (0 = the lead) in which the outlet names it.
    """
    ents = analysis.entities
    if labels is not None:
        ents = ents[ents["label"].isin(labels)]
    ents = ents.merge(analysis.corpus.docs[["doc_id", by]], on="doc_id", how="left")
    tokens = analysis.tokens_per(by)
    columns = [by, "actor", "label", "known", "mentions", "per_1000_tokens", "first_sentence"]
    if ents.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(columns, (str, str, str, bool, "int64", float, "int64"))})
    grouped = ents.groupby([by, "name"], sort=False)
    table = pd.DataFrame(
        {
            "label": grouped["label"].agg(lambda s: s.value_counts().sort_index().idxmax()),
            "known": grouped["actor"].agg(lambda s: s.notna().any()),
            "mentions": grouped.size(),
            "first_sentence": grouped["sent_id"].min(),
        }
    ).reset_index()
    table = table.rename(columns={"name": "actor"})
    table["per_1000_tokens"] = (1000 * table["mentions"] / table[by].map(tokens)).round(3)
    table = sort_by_outlet(table, analysis.corpus.docs[by], by, ["mentions", "actor"], descending=["mentions"])
    return table[columns]
