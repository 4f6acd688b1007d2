"""On-disk cache of parsed documents (spaCy ``DocBin``; no pickle).

One file per text, under a folder named by the pipeline key, so that a change of model,
spaCy version, pipeline config or actor patterns starts a fresh cache. Every entry carries
its key and text; an entry that does not load, or whose key or text differs, is reported as
bad and rebuilt by the caller, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from toolkit.config import CACHE_DIR

_KEY_FIELD = "framing_toolkit_cache_key"
# What the extractors read; morphology, norms and knowledge-base ids are not stored.
ATTRS = ("ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "ENT_ID", "LEMMA", "POS", "SPACY", "SENT_START")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class DocCache:
    """``get(text)`` a parsed Doc or None; ``put(doc)`` stores one. Counts hits, misses and bad entries."""

    def __init__(self, key: str, directory: str | Path | None = None):
        self.key = key
        self.root = Path(directory) if directory is not None else CACHE_DIR
        self.folder = self.root / "docs" / key[:20]
        self.hits = self.misses = self.bad = 0

    def path(self, text: str) -> Path:
        digest = text_hash(text)
        return self.folder / digest[:2] / f"{digest}.spacy"

    def get(self, text: str, vocab: Vocab) -> Doc | None:
        path = self.path(text)
        if not path.exists():
            self.misses += 1
            return None
        try:
            docs = list(DocBin(attrs=ATTRS, store_user_data=True).from_bytes(path.read_bytes()).get_docs(vocab))
            valid = len(docs) == 1 and docs[0].text == text and docs[0].user_data.get(_KEY_FIELD) == self.key
        except Exception:  # a truncated or foreign file fails in many ways; none is trusted
            valid = False
        if not valid:
            self.bad += 1
            return None
        self.hits += 1
        return docs[0]

    def put(self, doc: Doc) -> None:
        doc.user_data[_KEY_FIELD] = self.key
        path = self.path(doc.text)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = DocBin(attrs=ATTRS, docs=[doc], store_user_data=True).to_bytes()
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)  # atomic: a reader never sees half a file

    def stats(self) -> dict[str, int]:
        return {"hits": self.hits, "misses": self.misses, "bad": self.bad}
