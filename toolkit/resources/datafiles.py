"""Reading the toolkit's data files: CSV with '#' comment lines, errors that name file and line."""

from __future__ import annotations

import csv
from pathlib import Path

from toolkit.errors import DataFileError


def read_data_csv(path: str | Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """``(line number, row)`` for each data row; lines starting with '#' are comments."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").removeprefix("\ufeff").splitlines()  # Excel writes a BOM
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{path}: not valid UTF-8 at byte offset {exc.start}") from None
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if line.strip() and not line.startswith("#")]
    if not numbered:
        raise DataFileError(f"{path}: no header row")
    try:
        parsed = list(csv.reader([line for _, line in numbered]))
    except csv.Error as exc:
        raise DataFileError(f"{path}: cannot parse as CSV ({exc})") from None
    header = [h.strip() for h in parsed[0]]
    missing = [c for c in required if c not in header]
    if missing:
        raise DataFileError(f"{path}: missing column(s) {', '.join(missing)} (found: {', '.join(header)})")
    rows = []
    for (n, _), fields in zip(numbered[1:], parsed[1:]):
        if len(fields) != len(header):
            raise DataFileError(f"{path} line {n}: {len(fields)} fields but the header has {len(header)} (quote fields that contain commas)")
        rows.append((n, {h: f.strip() for h, f in zip(header, fields)}))
    return rows
