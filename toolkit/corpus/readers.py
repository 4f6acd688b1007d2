"""Read articles from a folder of text files (with an optional manifest) or from a CSV/JSONL table.

Readers only read and decode. Each input document becomes one ``Record``; a document that
cannot be read still becomes a record, with ``problem`` saying why, so that the corpus can
either raise or report it. Problems with the input as a whole raise ``CorpusError``.
Nothing is dropped here without a record or a note.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from toolkit.errors import CorpusError

TABLE_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
GLOB_CHARS = set("*?[")
# Columns the corpus computes itself; a manifest or table may not supply them.
COMPUTED_COLUMNS = ("doc_id", "text", "raw_text", "n_chars", "file", "normalisation")


@dataclass
class Record:
    """One input document before validation: where it came from, its raw text, its metadata."""

    doc_id: str
    file: str  # the file as the user named it, plus "line N" inside tables
    unit: str = "file"  # "file" or "text" (a table row): how reasons name what is empty
    raw_text: str | None = None
    sha256: str | None = None  # of the source bytes (file) or of the UTF-8 text (table row)
    meta: dict = field(default_factory=dict)
    problem: str | None = None


@dataclass
class Source:
    """Everything read from one input: the records, and notes for the user (warnings)."""

    records: list[Record]
    notes: list[str] = field(default_factory=list)


class DocumentProblem(Exception):
    """A reason why one document cannot be loaded."""


def _fail(path: Path | str, reason: str) -> CorpusError:
    return CorpusError(f"{path}: {reason}", [(str(path), reason)])


def check_encoding(encoding: str) -> None:
    """Fail early, once, on an encoding name that is not a text encoding."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise CorpusError(f"unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise CorpusError(f"{encoding!r} is not a text encoding")


def decode(data: bytes, encoding: str) -> str:
    """Decode bytes strictly; NUL characters mean a binary file (or UTF-16 read as UTF-8)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") and not codecs.lookup(encoding).name.startswith("utf-16"):
        raise DocumentProblem("looks like UTF-16 (it starts with a UTF-16 byte-order mark); pass encoding='utf-16'")
    wide = codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    nul = -1 if wide else data.find(b"\x00")
    if nul >= 0:
        raise DocumentProblem(f"binary file, not text (NUL byte at byte offset {nul})")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise DocumentProblem(
            f"not valid {encoding} at byte offset {exc.start} (byte 0x{bad}); "
            f"pass encoding=... if the file uses another encoding"
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        raise DocumentProblem(f"binary file, not text (NUL character at offset {nul})")
    return text


def read_file_text(path: Path, encoding: str) -> tuple[str, str]:
    """Return (text, sha256 of the bytes) of one file, or raise DocumentProblem."""
    if path.is_dir():
        raise DocumentProblem("is a folder, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentProblem(f"cannot be read ({exc.strerror})") from None
    return decode(data, encoding), hashlib.sha256(data).hexdigest()


def _read_whole(path: Path, encoding: str) -> str:
    """A manifest or table file as text; any problem with it is a problem with the whole input."""
    try:
        text, _ = read_file_text(path, encoding)
    except DocumentProblem as exc:
        raise _fail(path, str(exc)) from None
    return text.removeprefix("\ufeff")


def read_csv_rows(path: Path, text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and ``(line number, fields)`` rows of a CSV text; blank lines are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise _fail(path, "no articles found (the file is empty)")
        header = [name.strip() for name in header]
        rows = []
        line = reader.line_num
        for fields in reader:
            if any(f.strip() for f in fields):
                rows.append((line + 1, fields))
            line = reader.line_num
    except csv.Error as exc:
        raise _fail(path, f"cannot parse as CSV near line {reader.line_num} ({exc})") from None
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        raise _fail(path, f"duplicate column name(s) {', '.join(map(repr, duplicates))}")
    if "" in header:
        raise _fail(path, f"column {header.index('') + 1} has no name")
    return header, rows


def _row_dict(header: list[str], fields: list[str]) -> tuple[dict, str | None]:
    if len(fields) != len(header):
        return {}, f"has {len(fields)} fields but the header has {len(header)} (a stray comma or quote?)"
    return dict(zip(header, fields)), None


# -- folders -------------------------------------------------------------------------------


def read_folder(folder: Path, *, manifest: str | None, encoding: str, recursive: bool, table_options: dict | None = None) -> Source:
    """One record per article in ``folder``: manifest rows first, in their order, then the
    ``.txt`` files the manifest does not list, in name order, each noted. A folder of table
    partitions (.csv, .jsonl, .parquet files and no .txt) is read as one table."""
    if not folder.exists():
        raise _fail(folder, "corpus folder not found")
    if not folder.is_dir():
        raise _fail(folder, "not a folder, nor a .csv or .jsonl file")
    root = folder.resolve()
    manifest_path = folder / manifest if manifest else None
    if manifest and manifest != "manifest.csv" and not manifest_path.is_file():
        raise _fail(manifest_path, "manifest not found")
    entries = sorted((folder.rglob("*") if recursive else folder.iterdir()), key=lambda p: p.as_posix())
    files = [p for p in entries if p.is_file() and p != manifest_path]
    visible = [p for p in files if not _hidden(p.relative_to(folder))]
    txt = [p for p in visible if p.suffix.lower() == ".txt"]
    source = Source(records=[])
    listed: set[str] = set()
    if manifest_path is not None and manifest_path.is_file():
        _read_manifest(folder, root, manifest_path, encoding, source, listed)
    if not txt and not source.records:
        partitions = [p for p in visible if p.suffix.lower() in TABLE_SUFFIXES]
        if partitions and table_options is not None:
            return read_partitions(partitions, table_options, encoding)
        raise _fail(folder, "no articles found (no .txt files and no manifest rows)")

    unlisted = [p for p in txt if _key(p) not in listed]
    if manifest_path is not None and manifest_path.is_file() and unlisted:
        source.notes.append(
            f"{manifest_path}: {len(unlisted)} file(s) not listed in the manifest, loaded with "
            f"outlet = doc_id: {_short_list([p.relative_to(folder).as_posix() for p in unlisted])}"
        )
    for path in unlisted:
        doc_id = path.relative_to(folder).with_suffix("").as_posix()
        if not path.resolve().is_relative_to(root):
            source.records.append(Record(doc_id, str(path), problem="is a link that points outside the corpus folder"))
        else:
            source.records.append(_file_record(path, doc_id, {}, encoding))

    others = [p.relative_to(folder).as_posix() for p in visible if p.suffix.lower() != ".txt" and _key(p) not in listed]
    if others:
        source.notes.append(f"{folder}: ignored {len(others)} file(s) that are not .txt: {_short_list(others)}")
    hidden = [p.relative_to(folder).as_posix() for p in files if p not in visible and p.suffix.lower() == ".txt"]
    if hidden:
        source.notes.append(f"{folder}: ignored {len(hidden)} hidden .txt file(s): {_short_list(hidden)}")
    if not recursive:
        relative = (os.path.relpath(k, _key(folder)) for k in listed)
        used = {r.split(os.sep)[0] for r in relative if os.sep in r and not r.startswith("..")}
        subfolders = [p.name for p in entries if p.is_dir() and not p.name.startswith(".") and p.name not in used
                      and any(True for _ in p.rglob("*.txt"))]  # a folder of other files holds no articles
        if subfolders:
            source.notes.append(
                f"{folder}: subfolder(s) not read (pass recursive=True to read them): {_short_list(subfolders)}"
            )
    return source


def _key(path: Path) -> str:
    """A path's identity for "is it listed": normalised, but links not followed."""
    return os.path.normpath(os.path.abspath(path))


def _read_manifest(folder: Path, root: Path, path: Path, encoding: str, source: Source, listed: set[str]) -> None:
    header, rows = read_csv_rows(path, _read_whole(path, encoding))
    if "file" not in header:
        raise _fail(path, f"the manifest needs a 'file' column naming each article's file (found: {', '.join(header)})")
    clash = [c for c in header if c in COMPUTED_COLUMNS and c not in ("file", "doc_id")]
    if clash:
        raise _fail(path, f"column(s) {', '.join(clash)} clash with what the corpus computes; rename them")
    first_row: dict[str, int] = {}
    for line, fields in rows:
        where = f"{path} line {line}"
        row, problem = _row_dict(header, fields)
        name = row.get("file", "").strip()
        meta = {k: v for k, v in row.items() if k not in ("file", "doc_id")}
        doc_id = row.get("doc_id", "").strip() or (Path(name).with_suffix("").as_posix() if name else f"line-{line}")
        if problem or not name:
            source.records.append(Record(doc_id, where, meta=meta, problem=problem or "manifest row has an empty 'file' value"))
            continue
        target = folder / name
        key = _key(target)
        if key in first_row:
            problem = f"{name!r} is listed twice in the manifest (first on line {first_row[key]})"
        elif target.resolve() == path.resolve():
            problem = "the manifest lists itself as an article"
        elif not target.resolve().is_relative_to(root):
            problem = f"path {name!r} escapes the corpus folder"
        first_row.setdefault(key, line)
        listed.add(key)
        if problem:
            source.records.append(Record(doc_id, where, meta=meta, problem=problem))
        elif not os.path.lexists(target):
            source.records.append(Record(doc_id, str(target), meta=meta, problem=f"listed on {where} but the file is missing"))
        else:
            source.records.append(_file_record(Path(os.path.normpath(target)), doc_id, meta, encoding))


def _file_record(path: Path, doc_id: str, meta: dict, encoding: str) -> Record:
    record = Record(doc_id, str(path), meta=meta)
    try:
        record.raw_text, record.sha256 = read_file_text(path, encoding)
    except DocumentProblem as exc:
        record.problem = str(exc)
    return record


# -- tables --------------------------------------------------------------------------------


def read_table(
    path: Path,
    *,
    text_column: str,
    id_column: str,
    outlet_column: str,
    label_column: str,
    encoding: str,
) -> Source:
    """One record per row of a CSV file or per line of a JSONL file."""
    if not path.is_file():
        raise _fail(path, "file not found")
    rename = {outlet_column: "outlet", label_column: "label"}
    kind = TABLE_SUFFIXES[path.suffix.lower()]
    if kind == "parquet":
        header, parsed = _parquet_rows(path)
        if text_column not in header:
            raise _fail(path, f"no text column {text_column!r} (found: {', '.join(header)}); pass text_column=...")
        problem = _column_clash(header, text_column, id_column, rename)
        if problem:
            raise _fail(path, problem)
        return _records(path, parsed, text_column, id_column, rename, where="row")
    text = _read_whole(path, encoding)
    if kind == "csv":
        header, rows = read_csv_rows(path, text)
        if text_column not in header:
            raise _fail(path, f"no text column {text_column!r} (found: {', '.join(header)}); pass text_column=...")
        problem = _column_clash(header, text_column, id_column, rename)
        if problem:
            raise _fail(path, problem)
        parsed = [(line, *_row_dict(header, fields)) for line, fields in rows]
    else:
        parsed = list(_jsonl_rows(text))
        if not any(row and text_column in row for _, row, _ in parsed):
            raise _fail(path, f"no line has the text field {text_column!r}; pass text_column=...")
    return _records(path, parsed, text_column, id_column, rename)


def _records(path: Path, parsed: list, text_column: str, id_column: str, rename: dict, where: str = "line") -> Source:
    if not parsed:
        raise _fail(path, "no articles found (the table has no rows)")
    records = []
    for line, row, problem in parsed:
        problem = problem or _column_clash(list(row), text_column, id_column, rename)
        records.append(_row_record(path, line, row, problem, text_column, id_column, rename, where))
    return Source(records=records)


def _parquet_rows(path: Path) -> tuple[list[str], list[tuple[int, dict, str | None]]]:
    try:
        table = pd.read_parquet(path)
    except ImportError:
        raise _fail(path, "reading Parquet needs pyarrow: pip install pyarrow") from None
    except Exception as exc:  # pyarrow raises many kinds for a damaged file
        raise _fail(path, f"cannot read as Parquet ({exc})") from None
    header = [str(c) for c in table.columns]
    rows = [(i, {k: (None if v is None or (isinstance(v, float) and v != v) else v) for k, v in row.items()}, None)
            for i, row in enumerate(table.to_dict("records"), start=1)]
    return header, rows


def read_partitions(paths: list[Path], table_options: dict, encoding: str) -> Source:
    """Several table files (partitions of one corpus) as one source, in path order."""
    source = Source(records=[])
    for path in paths:
        part = read_table(path, encoding=encoding, **table_options)
        source.records.extend(part.records)
        source.notes.extend(part.notes)
    return source


def read_glob(pattern: str, *, encoding: str, table_options: dict) -> Source:
    """Every file matching a glob pattern ("archive/**/*.txt", "parts/*.parquet"), in path order;
    doc_ids are paths relative to the pattern's fixed part, without the suffix."""
    parts = Path(pattern).parts
    fixed = next((i for i, part in enumerate(parts) if GLOB_CHARS & set(part)), len(parts))
    base = Path(*parts[:fixed]) if fixed else Path(".")
    rest = str(Path(*parts[fixed:]))
    files = sorted(p for p in base.glob(rest) if p.is_file() and not _hidden(p.relative_to(base)))
    if not files:
        raise _fail(pattern, "no file matches the pattern")
    tables = [p for p in files if p.suffix.lower() in TABLE_SUFFIXES]
    if tables and len(tables) == len(files):
        return read_partitions(tables, table_options, encoding)
    if tables:
        raise _fail(pattern, "the pattern matches both text files and tables; match one kind")
    return Source(records=[_file_record(p, p.relative_to(base).with_suffix("").as_posix(), {}, encoding) for p in files])


def _column_clash(columns: list[str], text_column: str, id_column: str, rename: dict) -> str | None:
    """Why these columns cannot become document fields, or None."""
    kept = [c for c in columns if c not in (text_column, id_column)]
    computed = [c for c in kept if rename.get(c, c) in COMPUTED_COLUMNS]
    if computed:
        return f"column(s) {', '.join(computed)} clash with what the corpus computes; rename them"
    targets = [rename.get(c, c) for c in kept]
    doubled = sorted({t for t in targets if targets.count(t) > 1})
    if doubled:
        sources = [c for c in kept if rename.get(c, c) in doubled]
        return f"column(s) {', '.join(sources)} would all become {', '.join(doubled)}; pass other column names"
    return None


def _jsonl_rows(text: str):
    for line_no, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield line_no, {}, f"invalid JSON ({exc.msg} at column {exc.colno})"
            continue
        except RecursionError:
            yield line_no, {}, "invalid JSON (nested too deeply)"
            continue
        if not isinstance(obj, dict):
            yield line_no, {}, f"expected a JSON object, found {type(obj).__name__}"
            continue
        yield line_no, obj, None


def _row_record(path: Path, line: int, row: dict, problem: str | None, text_column: str, id_column: str, rename: dict,
                where: str = "line") -> Record:
    fallback_id = f"{path.stem}-{line}"
    raw_id = row.get(id_column)
    doc_id = fallback_id if raw_id is None else str(raw_id).strip()
    meta = {rename.get(k, k): _scalar(v) for k, v in row.items() if k not in (text_column, id_column)}
    record = Record(doc_id or fallback_id, f"{path} {where} {line}", "text", meta=meta, problem=problem)
    raw = row.get(text_column)
    if record.problem:
        pass
    elif raw_id is not None and not doc_id:
        record.problem = f"empty {id_column!r} value"
    elif raw is None or raw != raw:  # missing, null or NaN
        record.problem = f"no value in text column {text_column!r}"
    elif not isinstance(raw, str):
        record.problem = f"text column {text_column!r} holds {type(raw).__name__}, not text"
    else:
        record.raw_text = raw
        record.sha256 = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    return record


def _scalar(value):
    """Metadata values as they were, but lists and objects as JSON text."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if isinstance(value, (dict, list)) else value


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _short_list(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")
