"""Word counts per document from the parse: lower-cased lemmas of content words, with names and
hyphenated words kept whole.

A multi-word name is one term ("white house", "black sea"), so that its parts are not counted
as words of their own ("house"); a hyphenated word is one term ("cease-fire", "two-hour"), so
that "fire" is not read from "cease-fire". Numbers, punctuation and stop words are left out.
"""

from __future__ import annotations

from collections import Counter

from spacy.attrs import IS_ALPHA, IS_STOP, LEMMA
from spacy.tokens import Doc

TERM_COLUMNS = ["doc_id", "term", "count"]
NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW")
_HYPHENS = {"-", "\u2010", "\u2011"}


def term_rows(doc: Doc) -> list[dict]:
    """``term, count`` for each term of the document, in first-seen order."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    arrays = doc.to_array([IS_ALPHA, IS_STOP, LEMMA]).tolist()
    whole: dict[int, tuple[int, str]] = {}  # first token -> (end, term) of a name or hyphenated word
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS and len(ent) > 1:
            words = [t for t in ent if not t.is_punct and t.lower_ not in ("the", "'s", "’s")]
            if len(words) > 1:
                whole[ent.start] = (ent.end, " ".join(t.lower_ for t in words))
    i = 0
    while i < len(doc) - 2:
        j = i
        while j + 2 < len(doc) and doc[j + 1].text in _HYPHENS and doc[j].whitespace_ == "" and doc[j + 1].whitespace_ == "" \
                and doc[j + 2].is_alpha:
            j += 2
        if j > i and doc[i].is_alpha and i not in whole:
            whole[i] = (j + 1, doc[i : j + 1].text.lower())
            i = j + 1
        else:
            i += 1
    counts: Counter = Counter()
    i = 0
    while i < len(doc):
        if i in whole:
            end, term = whole[i]
            counts[term] += 1
            i = end
            continue
        alpha, stop, lemma = arrays[i]
        if alpha and not stop:
            counts[strings[lemma].lower()] += 1
        i += 1
    return [{"term": term, "count": n} for term, n in counts.items()]
