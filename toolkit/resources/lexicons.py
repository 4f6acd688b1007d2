"""Cue lexicons: one CSV per category in ``toolkit/data/lexicons/``, compiled to spaCy Matcher patterns.

The rule language is described in ``toolkit/data/lexicons/README.md``: ``word`` (any case),
``~word`` (any inflection), ``word/TAG`` (and a tag starting with TAG), ``#num`` (a number),
``_`` and ``_{0,3}`` (any tokens).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from toolkit.config import DATA_DIR
from toolkit.resources.datafiles import read_data_csv
from toolkit.errors import DataFileError

LEXICON_DIR = DATA_DIR / "lexicons"
CONDITIONS = ("not_negated", "not_after_hyphen", "not_after", "not_before", "lowercase", "with_clause", "evaluation", "evidential")
# Penn Treebank tags (as spaCy's English models use them): a rule's tag prefix is expanded to
# the tags it covers, because the Matcher tests a set far faster than a regular expression.
PENN_TAGS = (
    "$", "''", ",", "-LRB-", "-RRB-", ".", ":", "ADD", "AFX", "CC", "CD", "DT", "EX", "FW", "HYPH", "IN",
    "JJ", "JJR", "JJS", "LS", "MD", "NFP", "NN", "NNP", "NNPS", "NNS", "PDT", "POS", "PRP", "PRP$", "RB",
    "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$",
    "WRB", "XX", "_SP", "``",
)
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
    def conditions(self) -> dict[str, tuple[str, ...]]:
        """``{"not_negated": (), "not_after": ("as", "than")}``"""
        out = {}
        for part in (c.strip() for c in self.when.split(";") if c.strip()):
            name, _, words = part.partition(":")
            out[name.strip()] = tuple(w.strip().lower() for w in words.split("|") if w.strip())
        return out


def _tags(prefix: str) -> list[str]:
    tags = [t for t in PENN_TAGS if t.startswith(prefix)]
    if not tags:
        raise ValueError(f"no part-of-speech tag starts with {prefix!r}")
    return tags


def compile_pattern(pattern: str) -> list[dict]:
    """Turn a rule such as ``~play for time``, ``may/MD`` or ``~drag/VB _{0,3} out`` into spaCy
    Matcher token patterns (see ``toolkit/data/lexicons/README.md``)."""
    tokens = []
    for part in pattern.split():
        wildcard = _SPAN.match(part)
        if wildcard:
            if wildcard.group(1) is None:
                tokens.append({})
                continue
            low, high = wildcard.groups()
            if not high or not high.isdigit() or int(low or 0) > int(high):
                raise ValueError(f"{part!r}: write a range with an upper bound, such as _{{0,3}}")
            tokens.append({"OP": f"{{{int(low or 0)},{int(high)}}}"})
            continue
        if part == "#num":
            tokens.append({"LIKE_NUM": True})
            continue
        if part.startswith("_/"):
            tokens.append({"TAG": {"IN": _tags(part[2:])}})
            continue
        match = _TOKEN.match(part)
        if not match:
            raise ValueError(f"cannot read the token {part!r}")
        alternatives = [w for w in match["word"].split("|") if w]
        # "~a|b" and "~a|~b" mean the same: every alternative by its lemma.
        lemma = bool(match["lemma"]) or any(w.startswith("~") for w in alternatives)
        words = [w.lstrip("~").lower() for w in alternatives]
        attr = "LEMMA" if lemma else "LOWER"
        spec: dict = {attr: words[0] if len(words) == 1 else {"IN": words}}
        if match["tag"]:
            spec["TAG"] = {"IN": _tags(match["tag"])}
        tokens.append(spec)
    fixed = [t for t in tokens if not t.get("OP") and ("LOWER" in t or "LEMMA" in t or "LIKE_NUM" in t)]
    if not fixed:
        raise ValueError("the rule matches no fixed word")
    return tokens


def condition_names(when: str) -> list[str]:
    """The names of the conditions in a ``when`` value ("not_after:as|than" -> "not_after")."""
    return [c.split(":", 1)[0].strip() for c in when.split(";") if c.strip()]


def read_lexicon(path: Path) -> list[CueEntry]:
    """The entries of one lexicon file; every problem names the file and line."""
    category = path.stem
    rows = read_data_csv(path, ("cue", "pattern", "source"))
    if not rows:
        raise DataFileError(f"{path}: a lexicon needs at least one entry")
    entries = []
    seen: dict[str, int] = {}
    for line, row in rows:
        entry = CueEntry(category, row["cue"], row["pattern"], row.get("when", ""), row["source"])
        if not entry.cue or not entry.pattern or not entry.source:
            raise DataFileError(f"{path} line {line}: every entry needs a cue, a pattern and a source")
        unknown = [c for c in entry.conditions if c not in CONDITIONS]
        if unknown:
            raise DataFileError(f"{path} line {line}: unknown condition {unknown[0]!r} (use {', '.join(CONDITIONS)})")
        try:
            compile_pattern(entry.pattern)
        except ValueError as exc:
            raise DataFileError(f"{path} line {line}: pattern {entry.pattern!r}: {exc}") from None
        if entry.cue in seen:
            raise DataFileError(f"{path} line {line}: cue {entry.cue!r} is already defined on line {seen[entry.cue]}")
        seen[entry.cue] = line
        entries.append(entry)
    return entries


def load_lexicons(extra_dirs: tuple[str | Path, ...] | list = ()) -> list[CueEntry]:
    """Entries of every ``*.csv`` in the default folder and in ``extra_dirs``, in a stable order.
    Files are read again when they change, even within one session."""
    folders = [LEXICON_DIR, *(Path(d) for d in extra_dirs)]
    for folder in folders:
        if not folder.is_dir():
            raise DataFileError(f"{folder}: lexicon folder not found")
    stamps = tuple(
        (str(path), path.stat().st_size, path.stat().st_mtime_ns) for folder in folders for path in sorted(folder.glob("*.csv"))
    )
    return list(_load(stamps))


@lru_cache(maxsize=8)
def _load(stamps: tuple[tuple[str, int, int], ...]) -> tuple[CueEntry, ...]:
    entries: dict[tuple[str, str], tuple[CueEntry, str]] = {}
    for path, _, _ in stamps:
        for entry in read_lexicon(Path(path)):
            key = (entry.category, entry.cue)
            if key in entries:
                raise DataFileError(
                    f"{path}: cue {entry.cue!r} of category {entry.category!r} is already defined in {entries[key][1]}"
                )
            entries[key] = (entry, path)
    return tuple(entry for entry, _ in entries.values())
