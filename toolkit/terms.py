"""Word counts per document from the parse: lower-cased lemmas of content words."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

TERM_COLUMNS = ["doc_id", "term", "count"]


def term_rows(doc: Doc) -> list[dict]:
    """``term, count`` for each lemma of an alphabetic, non-stop-word token, in first-seen order."""
    counts = Counter(t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop)
    return [{"term": term, "count": n} for term, n in counts.items()]
