"""Cue lexicons: one CSV per category in ``toolkit/data/lexicons/``, compiled to spaCy Matcher patterns.

The rule language is described in ``toolkit/data/lexicons/README.md``: ``word`` (any case),
``~word`` (any inflection), ``word/TAG`` (and a tag starting with TAG), ``#num`` (a number),
``_`` and ``_{0,3}`` (any tokens).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from toolkit.config import DATA_DIR
from toolkit.errors import DataFileError

LEXICON_DIR = DATA_DIR / "lexicons"
CONDITIONS = ("not_negated", "not_after_hyphen")
_TOKEN = re.compile(r"^(?P<lemma>~)?(?P<word>[^/]+?)(?:/(?P<tag>[A-Z$]+))?$")
_SPAN = re.compile(r"^_(?:\{(\d*),(\d*)\})?$")


@dataclass(frozen=True)
class CueEntry:
    """One lexicon row: which category, its name, how to match it, when, and from where."""

    category: str
    cue: str
    pattern: str
    when: str
    source: str

    @property
    def conditions(self) -> tuple[str, ...]:
        return tuple(c.strip() for c in self.when.split(";") if c.strip())


def compile_pattern(pattern: str) -> list[dict]:
    """Turn a rule such as ``~play for time`` or ``may/MD`` into spaCy Matcher token patterns."""
    tokens = []
    for part in pattern.split():
        wildcard = _SPAN.match(part)
        if wildcard:
            low, high = wildcard.groups() if wildcard.group(1) is not None else ("1", "1")
            tokens.append({"OP": f"{{{low},{high}}}"} if (low, high) != ("1", "1") else {})
            continue
        if part == "#num":
            tokens.append({"LIKE_NUM": True})
            continue
        match = _TOKEN.match(part)
        if not match:
            raise ValueError(f"cannot read the token {part!r}")
        spec: dict = {"LEMMA" if match["lemma"] else "LOWER": match["word"].lower()}
        if match["tag"]:
            spec["TAG"] = {"REGEX": f"^{match['tag']}"}
        tokens.append(spec)
    if not tokens or all(t.get("OP") for t in tokens):
        raise ValueError("the rule matches nothing fixed")
    return tokens


def read_lexicon(path: Path) -> list[CueEntry]:
    """The entries of one lexicon file; every problem names the file and line."""
    category = path.stem
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataFileError(f"{path}: cannot read the lexicon ({exc})") from None
    missing = [c for c in ("cue", "pattern", "source") if rows and c not in rows[0]]
    if missing or not rows:
        raise DataFileError(f"{path}: a lexicon needs rows with cue, pattern and source columns")
    entries = []
    for line, row in enumerate(rows, start=2):
        entry = CueEntry(category, (row["cue"] or "").strip(), (row["pattern"] or "").strip(),
                         (row.get("when") or "").strip(), (row["source"] or "").strip())
        if not entry.cue or not entry.pattern or not entry.source:
            raise DataFileError(f"{path} line {line}: every entry needs a cue, a pattern and a source")
        unknown = [c for c in entry.conditions if c not in CONDITIONS]
        if unknown:
            raise DataFileError(f"{path} line {line}: unknown condition {unknown[0]!r} (use {', '.join(CONDITIONS)})")
        try:
            compile_pattern(entry.pattern)
        except ValueError as exc:
            raise DataFileError(f"{path} line {line}: pattern {entry.pattern!r}: {exc}") from None
        entries.append(entry)
    return entries


def load_lexicons(extra_dirs: tuple[str | Path, ...] | list = (), *, include_default: bool = True) -> list[CueEntry]:
    """Entries of every ``*.csv`` in the default folder and in ``extra_dirs``, in a stable order."""
    return list(_load(tuple(str(d) for d in extra_dirs), include_default))


@lru_cache(maxsize=8)
def _load(extra_dirs: tuple[str, ...], include_default: bool) -> tuple[CueEntry, ...]:
    folders = ([LEXICON_DIR] if include_default else []) + [Path(d) for d in extra_dirs]
    entries: list[CueEntry] = []
    for folder in folders:
        if not folder.is_dir():
            raise DataFileError(f"{folder}: lexicon folder not found")
        for path in sorted(folder.glob("*.csv")):
            entries.extend(read_lexicon(path))
    return tuple(entries)
