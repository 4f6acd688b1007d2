"""Named entities with their canonical actor, and mention counts per outlet.

A mention of a known actor (``toolkit/data/actors.csv``) takes the actor's name and label,
whatever the statistical tagger said, so "Trump" is never an ORG and "Kyiv" never a PERSON.
Other entities keep spaCy's label and count under their own name, titles stripped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from spacy.tokens import Doc

from toolkit.actors import DocNames
from toolkit.tables import sort_by_outlet

if TYPE_CHECKING:
    from toolkit.nlp import Analysis

ENTITY_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "label", "actor", "name"]
# Entity types that name someone or somewhere; NORP ("Russian") and numbers are left out of counts.
ACTOR_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC")


def entity_rows(doc: Doc, sent_ids: list[int], names: DocNames) -> list[dict]:
    """One row per entity: offsets, text, label, canonical ``actor`` (None if unknown) and ``name``."""
    rows = []
    for ent in doc.ents:
        actor, name, label = names.resolve(ent.text, ent.label_, ent.ent_id_)
        rows.append(
            {
                "sent_id": sent_ids[ent.start],
                "start": ent.start_char,
                "end": ent.end_char,
                "text": ent.text,
                "label": label,
                "actor": actor,
                "name": name,
            }
        )
    return rows


def counts(analysis: "Analysis", labels: tuple[str, ...] | None = ACTOR_LABELS, by: str = "outlet") -> pd.DataFrame:
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
    columns = [by, "actor", "label", "known", "mentions", "per_1000_tokens", "first_sentence"]
    return table[columns]
