"""Every table's rows from one parsed document: the extractors of ``toolkit.extract``, run in order.

``TABLES`` names the tables an analysis holds and their columns.
"""

from __future__ import annotations

from spacy.tokens import Doc

from toolkit.extract.claims import CLAIM_COLUMNS, claim_rows
from toolkit.extract.cues import CUE_COLUMNS, CueMatcher, cue_rows, has_tags_and_lemmas
from toolkit.extract.datelines import without_datelines
from toolkit.extract.entities import ENTITY_COLUMNS, entity_rows
from toolkit.extract.names import DocNames
from toolkit.extract.quotes import QUOTE_COLUMNS, QuoteContext, quote_rows
from toolkit.extract.sentences import SENTENCE_COLUMNS, sentence_layout
from toolkit.extract.terms import TERM_COLUMNS, term_rows
from toolkit.resources.actors import ActorTable

TABLES = {
    "sentences": SENTENCE_COLUMNS,
    "entities": ENTITY_COLUMNS,
    "quotes": QUOTE_COLUMNS,
    "cues": CUE_COLUMNS,
    "claims": CLAIM_COLUMNS,
    "terms": TERM_COLUMNS,
}


class Extractor:
    """Turns one parsed Doc into rows for every table."""

    def __init__(self, actors: ActorTable, verbs: dict, cues: CueMatcher):
        self.actors, self.verbs, self.cues = actors, verbs, cues
        self.degraded_docs = 0  # documents without tags or lemmas: only word-form cue rules apply

    def __call__(self, doc_id: str, doc: Doc, text: str) -> dict[str, list[dict]]:
        self.degraded_docs += not has_tags_and_lemmas(doc)
        doc.ents = without_datelines(doc, text)  # "OSLO (Nordwire) -" names where copy was filed, not an actor
        sentences, sent_ids = sentence_layout(doc, text)
        names = DocNames(self.actors, doc.ents)
        context = QuoteContext.of(doc, sent_ids, names, self.verbs, text)  # read by quotes and cues alike
        quotes = quote_rows(doc, sent_ids, names, self.verbs, text, ctx=context)
        tables = {
            "sentences": sentences,
            "entities": entity_rows(doc, sent_ids, names),
            "quotes": quotes,
            "cues": cue_rows(doc, sent_ids, sentences, quotes, self.cues, context),
            "claims": claim_rows(doc, sent_ids, sentences),
            "terms": term_rows(doc),
        }
        return {name: [{"doc_id": doc_id, **row} for row in rows] for name, rows in tables.items()}
