"""Named entities of one parsed document, with their canonical actor.

A mention of a known actor (``toolkit/data/actors.csv``) takes the actor's name and label,
whatever the statistical tagger said, so "Trump" is never an ORG and "Kyiv" never a PERSON.
Other entities keep spaCy's label and count under their own name, titles stripped.
"""

from __future__ import annotations

from spacy.tokens import Doc

from toolkit.extract.names import DocNames

ENTITY_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "label", "actor", "name"]


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
