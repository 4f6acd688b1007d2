"""Canonical actors (people, institutions, places) and the aliases that name them, and the
titles stripped from names.

Actors belong to an event, so the package ships none: an actor table is a CSV file beside the
event's corpus (``actor, type, label, aliases, note``; aliases separated by ``;``), such as
``seeds/event/actors.csv``, passed explicitly (``analyze(corpus, actor_files=[...])``). Names
are matched after stripping titles ("President", "Mr.") and possessives, case-insensitively,
so "Mr. Zelenskiy's" resolves to the actor "Volodymyr Zelensky". Titles are general English
and live in ``toolkit/data/titles.txt``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from toolkit.config import DATA_DIR
from toolkit.errors import DataFileError

TITLES_FILE = DATA_DIR / "titles.txt"
ACTOR_COLUMNS = ("actor", "type", "label", "aliases")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Actor:
    name: str
    type: str
    label: str


def _read_titles(path: Path = TITLES_FILE) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(titles, qualifiers), longest first so that "Vice President" wins over "President"."""
    sections: dict[str, set[str]] = {"titles": set(), "qualifiers": set()}
    current = "titles"
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("## qualifiers"):
            current = "qualifiers"
        elif line and not line.startswith("#"):
            sections[current].add(line)
    order = lambda items: tuple(sorted(items, key=lambda t: (-len(t), t)))  # noqa: E731
    return order(sections["titles"]), order(sections["qualifiers"])


TITLES, QUALIFIERS = _read_titles()


def _strip_prefix(name: str, prefixes: tuple[str, ...]) -> str | None:
    for prefix in prefixes:
        if name.startswith(prefix + " ") and len(name) > len(prefix) + 1:
            return name[len(prefix) + 1 :].lstrip()
    return None


def _strip_first_word(name: str) -> str | None:
    """The name without its first word when that word is capitalised and alphabetic: a
    nationality or place before a title ("French President Emmanuel Macron")."""
    first, _, rest = name.partition(" ")
    return rest.lstrip() if rest and first[:1].isupper() and first.isalpha() else None


def normalize_name(text: str, strip_titles: bool = True) -> str:
    """A mention reduced to the name itself: no leading "the", trailing possessive or, for
    people, leading titles ("President", "Mr."), with a capitalised word or an abbreviation
    before them ("French President", "U.S. Secretary of State"). An all-capitals word of five letters or more
    (a dateline, "LONDON") is put in title case."""
    name = _SPACES.sub(" ", text).strip()
    name = _POSSESSIVE.sub("", name).strip()
    changed = True
    while changed:
        changed = False
        if name.lower().startswith("the "):
            name, changed = name[4:].lstrip(), True
        if not strip_titles:
            continue
        rest = _strip_prefix(name, TITLES)
        if rest is None:
            qualified = _strip_prefix(name, QUALIFIERS) or _strip_first_word(name)
            rest = _strip_prefix(qualified, TITLES) if qualified else None
        if rest is not None:
            name, changed = rest, True
    return " ".join(w.title() if len(w) >= 5 and w.isalpha() and w.isupper() else w for w in name.split(" "))


def _alias_key(alias: str) -> str:
    return normalize_name(alias).casefold()


class ActorTable:
    """Lookup from any alias (case-insensitive, titles stripped) to its canonical ``Actor``."""

    def __init__(self, table: pd.DataFrame, source: str = "actor files"):
        self.table = table
        self._by_alias: dict[str, Actor] = {}
        for row in table.itertuples(index=False):
            actor = Actor(row.actor, row.type, row.label)
            for alias in [row.actor, *row.aliases]:
                known = self._by_alias.setdefault(_alias_key(alias), actor)
                if known.name != actor.name:
                    raise DataFileError(f"{source}: alias {alias!r} names both {known.name!r} and {actor.name!r}")
        self.by_name = {a.name: a for a in self._by_alias.values()}

    def resolve(self, text: str) -> Actor | None:
        """The actor that ``text`` names, or None."""
        return self._by_alias.get(_alias_key(text))

    def patterns(self) -> list[dict]:
        """EntityRuler phrase patterns: every alias as written and in capitals (datelines)."""
        out = []
        for row in self.table.itertuples(index=False):
            for alias in dict.fromkeys([row.actor, *row.aliases]):
                for form in dict.fromkeys([alias, alias.upper()]):
                    out.append({"label": row.label, "pattern": form, "id": row.actor})
        return out


def _read_actor_file(path: Path) -> pd.DataFrame:
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise DataFileError(f"{path}: actor file not found") from None
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise DataFileError(f"{path}: cannot read the actor file ({exc})") from None
    missing = [c for c in ACTOR_COLUMNS if c not in table.columns]
    if missing:
        raise DataFileError(f"{path}: actor file lacks column(s) {', '.join(missing)}")
    for i, row in enumerate(table.itertuples(index=False), start=2):
        if not row.actor.strip() or not row.label.strip():
            raise DataFileError(f"{path} line {i}: every actor needs a name and a spaCy label")
    return table.assign(
        actor=table["actor"].str.strip(),
        label=table["label"].str.strip(),
        aliases=table["aliases"].map(lambda s: [a.strip() for a in s.split(";") if a.strip()]),
    )


def _stamp(path: Path) -> tuple[str, int, int]:
    """A file's identity for caching: its path, and its size and modification time, so that an
    edited file is read again within the same process."""
    try:
        info = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), info.st_size, info.st_mtime_ns)


def actor_file_stamps(files: Iterable[str | Path] | None = None) -> tuple[tuple[str, int, int], ...]:
    """The actor files, each with its size and modification time."""
    return tuple(_stamp(Path(p)) for p in files or [])


def load_actors(files: Iterable[str | Path] | None = None) -> ActorTable:
    """The actors of these files (none without files); a later file's alias never steals an earlier one's."""
    return _load_cached(actor_file_stamps(files))


@lru_cache(maxsize=8)
def _load_cached(stamps: tuple[tuple[str, int, int], ...]) -> ActorTable:
    paths = [Path(p) for p, _, _ in stamps]
    if not paths:
        empty = pd.DataFrame({c: pd.Series(dtype=object) for c in (*ACTOR_COLUMNS, "note")})
        return ActorTable(empty, source="no actor files")
    table = pd.concat([_read_actor_file(p) for p in paths], ignore_index=True)
    return ActorTable(table, source=", ".join(map(str, paths)))
