"""Sentences of a parsed document as rows with character offsets into the document text."""

from __future__ import annotations

from spacy.tokens import Doc

from toolkit.corpus.paragraphs import ParagraphIndex

SENTENCE_COLUMNS = ["doc_id", "sent_id", "start", "end", "text", "n_tokens", "paragraph"]


def sentence_layout(doc: Doc, text: str | None = None) -> tuple[list[dict], list[int]]:
    """Rows ``sent_id, start, end, text, n_tokens, paragraph`` and, per token, its ``sent_id``.

    Offsets are trimmed of surrounding white space, and sentences that are only white space
    are left out (their tokens keep the preceding sentence's id), so that
    ``doc.text[start:end] == text`` always holds. Pass ``text`` (equal to ``doc.text``) when you
    have it: spaCy rebuilds ``doc.text`` from the tokens on every access.
    """
    text = doc.text if text is None else text
    paragraph_of = ParagraphIndex(text)
    rows: list[dict] = []
    token_ids = [0] * len(doc)
    spaces = doc.to_array("IS_SPACE").tolist() if len(doc) else []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        chunk = text[start:end]
        if chunk.strip():
            start += len(chunk) - len(chunk.lstrip())
            end -= len(chunk) - len(chunk.rstrip())
            rows.append(
                {
                    "sent_id": len(rows),
                    "start": start,
                    "end": end,
                    "text": text[start:end],
                    "n_tokens": sent.end - sent.start - sum(spaces[sent.start : sent.end]),
                    "paragraph": paragraph_of(start),
                }
            )
        sent_id = max(len(rows) - 1, 0)
        for i in range(sent.start, sent.end):
            token_ids[i] = sent_id
    return rows, token_ids
