"""Word counts per document from the parse: lower-cased lemmas of content words."""

from __future__ import annotations

from collections import Counter

from spacy.attrs import IS_ALPHA, IS_STOP, LEMMA
from spacy.tokens import Doc

TERM_COLUMNS = ["doc_id", "term", "count"]


def term_rows(doc: Doc) -> list[dict]:
    """``term, count`` for each lemma of an alphabetic, non-stop-word token, in first-seen order."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    counts = Counter(
        strings[lemma].lower() for alpha, stop, lemma in doc.to_array([IS_ALPHA, IS_STOP, LEMMA]).tolist() if alpha and not stop
    )
    return [{"term": term, "count": n} for term, n in counts.items()]
