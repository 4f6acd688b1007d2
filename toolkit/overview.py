"""A first look at a corpus: how long each report is, in characters, words, sentences, paragraphs.

Counts come from spaCy's rule-based tokenizer and sentencizer (no trained model), so this
overview is fast and runs before any parsing. Paragraphs are found from line breaks.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd
import spacy
from spacy.language import Language

from toolkit.corpus import Corpus

MEASURES = ("characters", "words", "sentences", "paragraphs")
_BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the paragraphs in ``text``, whitespace trimmed.

    When the text has blank lines they separate paragraphs (so hard-wrapped lines stay
    together); otherwise every non-empty line is a paragraph, as in one-line-per-paragraph
    news dumps.
    """
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    spans = []
    start = 0
    for match in [*separator.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((start + lead, start + len(chunk.rstrip())))
        if match:
            start = match.end()
    return spans


@lru_cache(maxsize=1)
def _sentencizer() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def length_profile(corpus: Corpus, nlp: Language | None = None) -> pd.DataFrame:
    """Tidy table ``doc_id, outlet, label, measure, value``: one row per document and measure.

    ``words`` counts tokens that are neither punctuation nor white space. Pass ``nlp`` to count
    with your own pipeline (it needs sentence boundaries).
    """
    nlp = nlp or _sentencizer()
    docs = corpus.docs
    rows = []
    for meta, doc in zip(docs.itertuples(index=False), nlp.pipe(docs["text"])):
        counts = {
            "characters": len(doc.text),
            "words": sum(1 for t in doc if not (t.is_punct or t.is_space)),
            "sentences": sum(1 for _ in doc.sents),
            "paragraphs": len(paragraph_spans(doc.text)),
        }
        rows += [
            {"doc_id": meta.doc_id, "outlet": meta.outlet, "label": meta.label, "measure": m, "value": counts[m]}
            for m in MEASURES
        ]
    table = pd.DataFrame(rows, columns=["doc_id", "outlet", "label", "measure", "value"])
    table["value"] = table["value"].astype("int64")
    return table
