"""Dateline names left out of a parsed document's entities (``toolkit.corpus.datelines``
finds the datelines): a dateline says where the copy was filed, not whom the story is about,
so its names are no mentions, speakers or antecedents; an entity the tagger ran across a
dateline ("BERGEN - Acme") keeps the part after it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from toolkit.corpus.datelines import dateline_spans


def without_datelines(doc: Doc, text: str) -> list[Span]:
    """``doc.ents`` without the names inside a dateline; an entity that starts in one and runs
    past it keeps its part after the dateline."""
    spans = dateline_spans(text)
    if not spans:
        return list(doc.ents)
    kept = []
    for ent in doc.ents:
        inside = next(((s, e) for s, e in spans if s <= ent.start_char < e), None)
        if inside is None:
            kept.append(ent)
            continue
        rest = [t.i for t in ent if t.idx >= inside[1]]
        if rest:
            kept.append(Span(doc, rest[0], ent.end, label=ent.label, kb_id=ent.kb_id, span_id=ent.id))
    return kept
