"""Read articles from a folder of text files (with an optional manifest) or from a CSV/JSONL table.

Readers only read and decode. Each input document becomes one ``Record``; a document that
cannot be read still becomes a record, with ``problem`` saying why, so that the corpus can
either raise or report it. Nothing is dropped here without a record.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from toolkit.errors import CorpusError

TABLE_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
# Columns the corpus computes itself; a manifest or table may not supply them.
COMPUTED_COLUMNS = ("text", "raw_text", "n_chars", "file", "normalisation")


@dataclass
class Record:
    """One input document before validation: where it came from, its raw text, its metadata."""

    doc_id: str
    file: str  # the file as the user named it, plus "row N" / "line N" inside tables
    unit: str  # "file" or "row": how reasons describe it
    raw_text: str | None = None
    sha256: str | None = None  # of the source bytes (file) or of the UTF-8 text (table row)
    meta: dict[str, str] = field(default_factory=dict)
    problem: str | None = None


class DocumentProblem(Exception):
    """A reason why one document cannot be loaded."""


def decode(data: bytes, encoding: str) -> str:
    """Decode bytes strictly; a NUL byte in UTF-8 input means a binary file, not text."""
    if codecs.lookup(encoding).name.startswith("utf-8"):
        nul = data.find(b"\x00")
        if nul >= 0:
            raise DocumentProblem(f"binary file, not text (NUL byte at byte offset {nul})")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise DocumentProblem(
            f"not valid {encoding} at byte offset {exc.start} (byte 0x{bad}); "
            f"pass encoding=... if the file uses another encoding"
        ) from None


def check_encoding(encoding: str) -> None:
    """Fail early, once, on an encoding name Python does not know."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise CorpusError(f"unknown encoding {encoding!r}") from None


def read_file_text(path: Path, encoding: str) -> tuple[str, str]:
    """Return (text, sha256 of the bytes) of one file, or raise DocumentProblem."""
    if path.is_dir():
        raise DocumentProblem("is a folder, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentProblem(f"cannot be read ({exc.strerror})") from None
    return decode(data, encoding), hashlib.sha256(data).hexdigest()


def _read_manifest(path: Path, encoding: str) -> pd.DataFrame:
    try:
        text, _ = read_file_text(path, encoding)
    except DocumentProblem as exc:
        raise CorpusError(f"{path}: {exc}", [(str(path), str(exc))]) from None
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise CorpusError(f"{path}: cannot parse the manifest as CSV ({exc})") from None
    table.columns = [str(c).strip() for c in table.columns]
    if "file" not in table.columns:
        raise CorpusError(
            f"{path}: the manifest needs a 'file' column naming each article's file "
            f"(found columns: {', '.join(table.columns) or 'none'})"
        )
    _check_reserved(path, [c for c in table.columns if c != "file"])
    return table


def _check_reserved(path: Path, columns) -> None:
    clash = [c for c in columns if c in COMPUTED_COLUMNS]
    if clash:
        raise CorpusError(
            f"{path}: column(s) {', '.join(clash)} clash with what the corpus computes; rename them"
        )


def read_folder(
    folder: Path,
    *,
    manifest: str | None,
    encoding: str,
    recursive: bool,
    notes: list[str],
) -> Iterator[Record]:
    """Yield one record per article in ``folder``; append warnings to ``notes``.

    With a manifest, its rows come first, in its order; ``*.txt`` files it does not list
    follow in name order, each loaded with a warning.
    """
    if not folder.exists():
        raise CorpusError(f"{folder}: corpus folder not found")
    if not folder.is_dir():
        raise CorpusError(f"{folder}: not a folder, nor a .csv or .jsonl file")
    root = folder.resolve()
    pattern = "**/*.txt" if recursive else "*.txt"
    txt_files = sorted(p for p in folder.glob(pattern) if not _hidden(p.relative_to(folder)))
    manifest_path = folder / manifest if manifest else None
    table = _read_manifest(manifest_path, encoding) if manifest_path and manifest_path.is_file() else None

    others = sorted(
        p.relative_to(folder).as_posix()
        for p in (folder.rglob("*") if recursive else folder.iterdir())
        if p.is_file() and p.suffix != ".txt" and p != manifest_path and not _hidden(p.relative_to(folder))
    )
    if not txt_files and (table is None or table.empty):
        raise CorpusError(f"{folder}: no articles found (no .txt files and no manifest rows)")
    if others:
        notes.append(f"{folder}: ignored {len(others)} file(s) that are not .txt: {_short_list(others)}")
    subfolders = [] if recursive else sorted(p.name for p in folder.iterdir() if p.is_dir() and not _hidden(Path(p.name)))
    if subfolders:
        notes.append(f"{folder}: subfolder(s) not read (pass recursive=True to read them): {_short_list(subfolders)}")

    listed: set[Path] = set()
    if table is not None:
        for i, row in enumerate(table.to_dict("records"), start=1):
            yield _manifest_record(folder, root, manifest_path, i, row, encoding, listed)
    unlisted = [p for p in txt_files if p.resolve() not in listed]
    if table is not None and unlisted:
        names = [p.relative_to(folder).as_posix() for p in unlisted]
        notes.append(
            f"{manifest_path}: {len(names)} file(s) not listed in the manifest, loaded with "
            f"outlet = doc_id: {_short_list(names)}"
        )
    for path in unlisted:
        yield _file_record(path, path.relative_to(folder).with_suffix("").as_posix(), {}, encoding)


def _manifest_record(
    folder: Path, root: Path, manifest_path: Path, i: int, row: dict, encoding: str, listed: set[Path]
) -> Record:
    meta = {k: v for k, v in row.items() if k != "file"}
    name = str(row["file"]).strip()
    doc_id = (meta.pop("doc_id", "") or "").strip() or Path(name).with_suffix("").as_posix()
    where = f"{manifest_path} row {i}"
    if not name:
        return Record(doc_id or f"row-{i}", where, "file", meta=meta, problem="manifest row has an empty 'file' value")
    target = (folder / name).resolve()
    if not target.is_relative_to(root):
        return Record(doc_id, where, "file", meta=meta, problem=f"path {name!r} escapes the corpus folder")
    listed.add(target)
    if not target.exists():
        return Record(doc_id, str(folder / name), "file", meta=meta, problem=f"listed in {where} but the file is missing")
    return _file_record(folder / name, doc_id, meta, encoding)


def _file_record(path: Path, doc_id: str, meta: dict, encoding: str) -> Record:
    record = Record(doc_id, str(path), "file", meta=meta)
    try:
        record.raw_text, record.sha256 = read_file_text(path, encoding)
    except DocumentProblem as exc:
        record.problem = str(exc)
    return record


def read_table(
    path: Path,
    *,
    text_column: str,
    id_column: str,
    outlet_column: str,
    label_column: str,
    encoding: str,
) -> Iterator[Record]:
    """Yield one record per row of a CSV file or per line of a JSONL file."""
    if not path.is_file():
        raise CorpusError(f"{path}: file not found")
    try:
        text, _ = read_file_text(path, encoding)
    except DocumentProblem as exc:
        raise CorpusError(f"{path}: {exc}", [(str(path), str(exc))]) from None
    rename = {outlet_column: "outlet", label_column: "label"}
    if TABLE_SUFFIXES[path.suffix.lower()] == "csv":
        rows = _csv_rows(path, text)
    else:
        rows = _jsonl_rows(path, text)
    seen_columns = False
    for where, row, problem in rows:
        if problem:
            yield Record(f"{path.stem}-{where.split()[-1]}", f"{path} {where}", "row", problem=problem)
            continue
        if not seen_columns:
            seen_columns = True
            if text_column not in row:
                raise CorpusError(
                    f"{path}: no text column {text_column!r} (found: {', '.join(map(str, row)) or 'none'}); "
                    f"pass text_column=..."
                )
            _check_reserved(path, [rename.get(c, c) for c in row if c != text_column])
        yield _row_record(path, where, row, text_column, id_column, rename)


def _row_record(path: Path, where: str, row: dict, text_column: str, id_column: str, rename: dict) -> Record:
    raw = row.get(text_column)
    doc_id = row.get(id_column)
    doc_id = f"{path.stem}-{where.split()[-1]}" if doc_id is None else str(doc_id).strip()
    meta = {
        rename.get(k, k): (None if v is None else str(v))
        for k, v in row.items()
        if k not in (text_column, id_column)
    }
    record = Record(doc_id, f"{path} {where}", "row", meta=meta)
    if not doc_id:
        record.doc_id, record.problem = f"{path.stem}-{where.split()[-1]}", f"empty {id_column!r} value"
    elif raw is None or (isinstance(raw, float) and raw != raw):
        record.problem = f"no value in text column {text_column!r}"
    elif not isinstance(raw, str):
        record.problem = f"text column {text_column!r} holds {type(raw).__name__}, not text"
    else:
        record.raw_text = raw
        record.sha256 = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    return record


def _csv_rows(path: Path, text: str) -> Iterator[tuple[str, dict, str | None]]:
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise CorpusError(f"{path}: cannot parse as CSV ({exc})") from None
    if table.empty:
        raise CorpusError(f"{path}: no articles found (the table has no rows)")
    for i, row in enumerate(table.to_dict("records"), start=1):
        yield f"row {i}", row, None


def _jsonl_rows(path: Path, text: str) -> Iterator[tuple[str, dict, str | None]]:
    found = False
    for i, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        found = True
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield f"line {i}", {}, f"invalid JSON ({exc.msg} at column {exc.colno})"
            continue
        if not isinstance(obj, dict):
            yield f"line {i}", {}, f"expected a JSON object, found {type(obj).__name__}"
            continue
        yield f"line {i}", obj, None
    if not found:
        raise CorpusError(f"{path}: no articles found (the file has no JSON lines)")


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _short_list(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")
