"""Who says what in one parsed document: direct and reported speech, with speaker and verb.

The steps, one module each:

1. ``marks``: quoted content from the quote marks (curly, straight, guillemets); a quote
   left open ends at its paragraph's end, as when a quote runs on into the next paragraph;
2. ``context``: the document indexed once for the steps below;
3. ``verbs``: reporting verbs in use (``toolkit/data/reporting_verbs.csv``: neutral or marked)
   and the clause each reports;
4. ``speakers``: a verb's subject resolved to a canonical actor, a pronoun's antecedent (the
   nearest earlier person who is a subject), the source of "according to X", or the noun
   phrase ("some administration officials");
5. ``direct``: each quotation attributed to a verb, "according to", the clause's subject, or
   the quotation it continues;
6. ``reported``: reporting verbs with a subject and a clausal complement ('Zelensky said his
   country would ...'), and "according to X" sentences.
"""

from __future__ import annotations

from spacy.tokens import Doc

from toolkit.extract.names import DocNames
from toolkit.extract.quotes.context import QuoteContext
from toolkit.extract.quotes.direct import direct_rows
from toolkit.extract.quotes.marks import QuoteMarks, find_quote_marks, looks_like_title
from toolkit.extract.quotes.reported import reported_rows
from toolkit.resources.reporting_verbs import ReportingVerb, load_reporting_verbs

QUOTE_COLUMNS = [
    "doc_id", "sent_id", "start", "end", "text", "kind", "speaker", "speaker_text",
    "verb", "verb_class", "attribution", "n_tokens", "closed",
]

__all__ = ["QUOTE_COLUMNS", "QuoteContext", "QuoteMarks", "find_quote_marks", "looks_like_title", "quote_rows"]


def quote_rows(
    doc: Doc, sent_ids: list[int], names: DocNames, verbs: dict[str, ReportingVerb] | None = None, text: str | None = None,
    ctx: QuoteContext | None = None,
) -> list[dict]:
    """Direct and reported speech in one parsed document, ordered by position. Pass ``text``
    (equal to ``doc.text``) when you have it: spaCy rebuilds ``doc.text`` on every access; pass
    ``ctx`` when the document is indexed already (the cue extractor reads the same index)."""
    if ctx is None:
        ctx = QuoteContext.of(doc, sent_ids, names, verbs or load_reporting_verbs(), doc.text if text is None else text)
    direct = direct_rows(ctx)
    rows = direct + reported_rows(ctx, direct)
    return sorted(rows, key=lambda r: (r["start"], r["kind"]))
