"""A first look at a corpus: how long each report is, in characters, words, sentences, paragraphs.

Counts come from spaCy's rule-based tokenizer and sentencizer (no trained model), so this
overview is fast and runs before any parsing. Paragraphs follow ``toolkit.corpus.paragraphs``.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
import spacy
from spacy.language import Language

from toolkit.corpus.load import Corpus
from toolkit.corpus.paragraphs import paragraph_spans

MEASURES = ("characters", "words", "sentences", "paragraphs")


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
