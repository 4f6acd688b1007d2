"""Who each outlet names, and how prominently: mention counts from ``analysis.entities``, per
actor as clustered across outlets (``toolkit.compare.actors``)."""

from __future__ import annotations

import pandas as pd

from toolkit.compare import actors as actor_clusters
from toolkit.compare.tables import sort_by_outlet
from toolkit.language.analysis import Analysis

# Entity types that name someone or somewhere; NORP ("Russian") and numbers are left out of counts.
ACTOR_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC")


def counts(
    analysis: Analysis,
    labels: tuple[str, ...] | None = ACTOR_LABELS,
    by: str = "outlet",
    actors: actor_clusters.Actors | None = None,
) -> pd.DataFrame:
    """Mentions per outlet and actor: ``outlet, actor, label, known, mentions, per_1000_tokens, first_sentence``.

    ``actor`` is the actor a mention belongs to once names are clustered across outlets
    (``actors``: ``toolkit.compare.actors.cluster(analysis)``, computed when not given), and
    ``label`` the cluster's type, decided from all its mentions; ``known`` says whether an
    actor table named it. ``labels`` keeps those types (None: all). ``per_1000_tokens``
    divides by the outlet's token count; ``first_sentence`` is the earliest sentence (0 = the
    lead) in which the outlet names it.
    """
    actors = actor_clusters.cluster(analysis, by) if actors is None else actors
    ents = analysis.entities
    ents = ents.assign(actor_name=[actors.name(n, d, s) or n for n, d, s in zip(ents["name"], ents["doc_id"], ents["start"])],
                       known=ents["actor"].notna())
    ents = ents.assign(cluster_label=[actors.labels.get(a, lab) for a, lab in zip(ents["actor_name"], ents["label"])])
    if labels is not None:
        ents = ents[ents["cluster_label"].isin(labels)]
    ents = ents.merge(analysis.corpus.docs[["doc_id", by]], on="doc_id", how="left")
    tokens = analysis.tokens_per(by)
    columns = [by, "actor", "label", "known", "mentions", "per_1000_tokens", "first_sentence"]
    if ents.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(columns, (str, str, str, bool, "int64", float, "int64"))})
    grouped = ents.groupby([by, "actor_name"], sort=False)
    table = pd.DataFrame(
        {
            "label": grouped["cluster_label"].first(),
            "known": grouped["known"].any(),
            "mentions": grouped.size(),
            "first_sentence": grouped["sent_id"].min(),
        }
    ).reset_index()
    table = table.rename(columns={"actor_name": "actor"})
    table["per_1000_tokens"] = (1000 * table["mentions"] / table[by].map(tokens)).round(3)
    table = sort_by_outlet(table, analysis.corpus.docs[by], by, ["mentions", "actor"], descending=["mentions"])
    return table[columns]
