"""``load_corpus``: articles from a folder or table into one validated, normalised DataFrame."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from toolkit.config import display_path
from toolkit.errors import CorpusError, CorpusWarning
from toolkit.corpus.normalize import normalize_text
from toolkit.corpus.readers import GLOB_CHARS, TABLE_SUFFIXES, Record, check_encoding, read_folder, read_glob, read_table

DOC_COLUMNS = ["doc_id", "outlet", "label", "text", "raw_text", "n_chars", "sha256", "file", "normalisation"]
REJECTED_COLUMNS = ["doc_id", "file", "reason"]


@dataclass
class Corpus:
    """A set of articles about one event.

    ``docs`` has one row per document: ``doc_id, outlet, label, text, raw_text, n_chars,
    sha256, file, normalisation`` and then any metadata columns from the manifest or table.
    ``text`` is what every analysis reads; ``raw_text`` is the input as decoded, and
    ``normalisation`` names the repair steps that turned one into the other ("" when none).
    ``rejected`` lists documents that could not be loaded (``doc_id, file, reason``).
    ``repairs`` lists the substitutions of ``toolkit.quality.repair``, with offsets in both texts.
    """

    docs: pd.DataFrame
    rejected: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REJECTED_COLUMNS))
    warnings: list[str] = field(default_factory=list)
    source: str = ""
    repairs: pd.DataFrame | None = None  # substitutions made by toolkit.quality.repair, if any

    def __len__(self) -> int:
        return len(self.docs)

    def __repr__(self) -> str:
        outlets = self.docs["outlet"].nunique() if len(self.docs) else 0
        return (
            f"Corpus({len(self.docs)} documents from {outlets} outlets, "
            f"{len(self.rejected)} rejected, source={display_path(self.source)!r})"
        )

    @property
    def outlets(self) -> list[str]:
        """Outlets in the order they first appear."""
        return list(dict.fromkeys(self.docs["outlet"]))


def load_corpus(
    path: str | Path,
    *,
    errors: str = "raise",
    encoding: str = "utf-8",
    manifest: str | None = "manifest.csv",
    text_column: str = "text",
    id_column: str = "doc_id",
    outlet_column: str = "outlet",
    label_column: str = "label",
    recursive: bool = False,
    progress: bool | None = None,
) -> Corpus:
    """Load articles from a folder of ``.txt`` files, a ``.csv`` / ``.jsonl`` / ``.parquet`` table,
    a folder of such table partitions, or a glob pattern ("archive/**/*.txt", "parts/*.parquet").

    A folder may hold a ``manifest.csv`` with a ``file`` column and any metadata
    (``doc_id``, ``outlet``, ``label``, ``date``, ...); a ``sha256`` column is checked against
    the file's bytes. In a table, one row is one article; the column names are configurable.

    ``errors="raise"`` (default) raises :class:`CorpusError` listing every bad document.
    ``errors="report"`` loads the good ones and lists the bad in ``corpus.rejected``.
    Problems with the input as a whole (missing folder, no articles, unreadable manifest)
    raise in both modes. ``progress=None`` shows a progress bar only on a terminal.
    """
    if errors not in ("raise", "report"):
        raise ValueError(f"errors must be 'raise' or 'report', not {errors!r}")
    check_encoding(encoding)
    table_options = dict(text_column=text_column, id_column=id_column, outlet_column=outlet_column, label_column=label_column)
    if isinstance(path, str) and GLOB_CHARS & set(path) and not Path(path).exists():
        source = read_glob(path, encoding=encoding, table_options=table_options)
        path = Path(path)
    else:
        path = Path(path)
        if path.suffix.lower() in TABLE_SUFFIXES and not path.is_dir():
            source = read_table(path, encoding=encoding, **table_options)
        else:
            source = read_folder(path, manifest=manifest, encoding=encoding, recursive=recursive, table_options=table_options)

    bar = tqdm(source.records, desc=f"loading {path.name or path}", unit="doc", disable=None if progress is None else not progress)
    docs, rejected = _assemble(bar)
    for note in source.notes:
        warnings.warn(note, CorpusWarning, stacklevel=2)
    if errors == "raise" and rejected:
        raise CorpusError(_rejection_message(path, rejected, len(docs)), [(r["file"], r["reason"]) for r in rejected])
    return Corpus(
        docs=_docs_frame(docs),
        rejected=pd.DataFrame(rejected, columns=REJECTED_COLUMNS),
        warnings=source.notes,
        source=str(path),
    )


def _assemble(records: Iterable[Record]) -> tuple[list[dict], list[dict]]:
    """Validate each record and normalise its text; every record ends up in one of the two lists."""
    docs: list[dict] = []
    rejected: list[dict] = []
    seen: dict[str, str] = {}
    for rec in records:
        problem = rec.problem or _text_problem(rec)
        normalized = normalize_text(rec.raw_text) if problem is None else None
        text = (rec.raw_text if normalized.text == rec.raw_text else normalized.text) if normalized else None
        if normalized is not None and not normalized.text.strip():
            problem = f"no text left after normalisation ({'; '.join(normalized.steps)})"
        if problem is None and rec.doc_id in seen:
            problem = f"duplicate doc_id {rec.doc_id!r} (already used by {seen[rec.doc_id]})"
        if problem:
            rejected.append({"doc_id": rec.doc_id, "file": rec.file, "reason": problem})
            continue
        seen[rec.doc_id] = rec.file
        meta = {k: v for k, v in rec.meta.items() if k not in ("outlet", "label", "sha256")}
        outlet = _text_or_none(rec.meta.get("outlet")) or rec.doc_id
        docs.append(
            {
                **meta,
                "doc_id": rec.doc_id,
                "outlet": outlet,
                "label": _text_or_none(rec.meta.get("label")) or outlet,
                "text": text,  # the same object as raw_text when nothing changed: no second copy
                "raw_text": rec.raw_text,
                "n_chars": len(text),
                "sha256": rec.sha256,
                "file": rec.file,
                "normalisation": "; ".join(normalized.steps),
            }
        )
    return docs, rejected


def _text_or_none(value) -> str | None:
    """A metadata value as stripped text; None for missing, null or NaN."""
    if value is None or value != value:
        return None
    return str(value).strip() or None


def _text_problem(rec: Record) -> str | None:
    if rec.raw_text == "":
        return f"empty {rec.unit}"
    if not rec.raw_text.strip():
        return f"whitespace-only {rec.unit}"
    expected = str(rec.meta.get("sha256") or "").strip().lower()
    if expected and not re.fullmatch(r"[0-9a-f]{64}", expected):
        return f"sha256 value {expected[:20]!r} is not a SHA-256 hex digest"
    if expected and expected != rec.sha256:
        return f"sha256 {rec.sha256[:12]}... does not match the expected {expected[:12]}... (the file changed)"
    return None


def _docs_frame(docs: list[dict]) -> pd.DataFrame:
    extra = list(dict.fromkeys(k for d in docs for k in d if k not in DOC_COLUMNS))
    frame = pd.DataFrame(docs, columns=DOC_COLUMNS + extra)
    frame["n_chars"] = frame["n_chars"].astype("int64")
    for column in ("text", "raw_text"):  # Python strings, shared between the two columns where equal
        frame[column] = pd.Series([d[column] for d in docs], index=frame.index, dtype=object)
    return frame


def _rejection_message(path: Path, rejected: list[dict], n_loaded: int) -> str:
    if len(rejected) == 1:
        r = rejected[0]
        head = f"{r['file']}: {r['reason']}"
    else:
        lines = "\n".join(f"  {r['file']}: {r['reason']}" for r in rejected)
        head = f"{len(rejected)} documents in {path} cannot be loaded:\n{lines}"
    return f"{head}\n(pass errors='report' to load the other {n_loaded} and list these in corpus.rejected)"


def corpus_from_texts(texts, ids=None, outlets=None) -> Corpus:
    """A corpus from strings in memory (for quick checks and ``cues.detect``); texts are
    normalised like files, and an empty text is rejected with its position."""
    texts = list(texts)
    ids = [str(i) for i in (ids if ids is not None else range(len(texts)))]
    outlets = list(outlets) if outlets is not None else ids
    records = [
        Record(doc_id, f"text {i}", "text", raw_text=text, meta={"outlet": outlet},
               problem=None if isinstance(text, str) else f"not a string ({type(text).__name__})")
        for i, (doc_id, text, outlet) in enumerate(zip(ids, texts, outlets))
    ]
    docs, rejected = _assemble(records)
    if rejected:
        raise CorpusError(_rejection_message(Path("texts"), rejected, len(docs)), [(r["file"], r["reason"]) for r in rejected])
    return Corpus(docs=_docs_frame(docs), source="texts")
