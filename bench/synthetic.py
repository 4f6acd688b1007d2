"""Synthetic corpora for benchmarks: documents assembled from the seed sentences.

Every document is labelled synthetic (outlet "synthetic-N"); the sentences are real news
prose, so parsing and vectorising cost what they would on real reports, but the documents
mean nothing and must never be analysed as reports.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit import load_corpus
from toolkit.config import SEEDS_DIR
from toolkit import Corpus
from toolkit.corpus.paragraphs import paragraph_spans


def seed_sentences() -> list[str]:
    """The seeds' sentences of four words or more, split by spaCy's rule-based sentencizer."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    sentences = []
    for text in load_corpus(SEEDS_DIR).docs["text"]:
        for start, end in paragraph_spans(text):
            sentences += [s.text for s in nlp(text[start:end]).sents if len(s.text.split()) > 3]
    return sentences


def synthetic_texts(n_docs: int, sentences_per_doc: int = 12, seed: int = 0) -> list[str]:
    """``n_docs`` texts of ``sentences_per_doc`` seed sentences drawn at random (reproducibly)."""
    pool = seed_sentences()
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(pool), size=(n_docs, sentences_per_doc))
    return [" ".join(pool[i] for i in row) for row in picks]


def synthetic_corpus(n_docs: int, sentences_per_doc: int = 12, seed: int = 0, outlets: int = 20) -> Corpus:
    texts = synthetic_texts(n_docs, sentences_per_doc, seed)
    docs = pd.DataFrame(
        {
            "doc_id": [f"synthetic-{i:06d}" for i in range(n_docs)],
            "outlet": [f"synthetic-{i % outlets:02d}" for i in range(n_docs)],
            "text": texts,
        }
    )
    docs["label"] = docs["outlet"]
    docs["n_chars"] = docs["text"].str.len()
    return Corpus(docs=docs, source="synthetic")
