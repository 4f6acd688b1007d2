"""Canonical actors (people, institutions, places) and the aliases that name them.

The table lives in ``toolkit/data/actors.csv`` (``actor, type, label, aliases, note``;
aliases separated by ``;``). Users extend it by passing their own CSV files of the same
shape; rows there add actors or aliases. Names are matched after stripping titles
("President", "Mr.") and possessives, case-insensitively, so "Mr. Zelenskiy's" resolves
to the actor "Volodymyr Zelensky".
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from toolkit.config import DATA_DIR
from toolkit.errors import DataFileError

ACTORS_FILE = DATA_DIR / "actors.csv"
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


def normalize_name(text: str) -> str:
    """A mention reduced to the name itself: no leading "the", titles or trailing possessive."""
    name = _SPACES.sub(" ", text).strip()
    name = _POSSESSIVE.sub("", name).strip()
    changed = True
    while changed:
        changed = False
        if name.lower().startswith("the "):
            name, changed = name[4:].lstrip(), True
        rest = _strip_prefix(name, TITLES)
        if rest is None:
            qualified = _strip_prefix(name, QUALIFIERS)
            rest = _strip_prefix(qualified, TITLES) if qualified else None
        if rest is not None:
            name, changed = rest, True
    return name


class ActorTable:
    """Lookup from any alias (case-insensitive, titles stripped) to its canonical ``Actor``."""

    def __init__(self, table: pd.DataFrame):
        self.table = table
        self._by_alias: dict[str, Actor] = {}
        for row in table.itertuples(index=False):
            actor = Actor(row.actor, row.type, row.label)
            for alias in [row.actor, *row.aliases]:
                self._by_alias.setdefault(normalize_name(alias).casefold(), actor)

    def resolve(self, text: str) -> Actor | None:
        """The actor that ``text`` names, or None."""
        return self._by_alias.get(normalize_name(text).casefold())

    def patterns(self) -> list[dict]:
        """EntityRuler phrase patterns: every alias as written and in capitals (datelines)."""
        out = []
        for row in self.table.itertuples(index=False):
            for alias in dict.fromkeys([row.actor, *row.aliases]):
                for form in dict.fromkeys([alias, alias.upper()]):
                    out.append({"label": row.label, "pattern": form, "id": row.actor})
        return out

    def fingerprint(self) -> str:
        """A hash of the table's content, for cache keys."""
        return hashlib.sha256(self.table.to_csv(index=False).encode("utf-8")).hexdigest()


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
    for i, row in enumerate(table.itertuples(index=False), start=1):
        if not row.actor.strip() or not row.label.strip():
            raise DataFileError(f"{path} row {i}: every actor needs a name and a spaCy label")
    table = table.assign(
        actor=table["actor"].str.strip(),
        label=table["label"].str.strip(),
        aliases=table["aliases"].map(lambda s: [a.strip() for a in s.split(";") if a.strip()]),
    )
    return table


def load_actors(files: Iterable[str | Path] | None = None, *, include_default: bool = True) -> ActorTable:
    """The default actor table plus any user files; a later file's alias never steals an earlier one's."""
    paths = ([ACTORS_FILE] if include_default else []) + [Path(f) for f in (files or [])]
    return _load_cached(tuple(str(p) for p in paths))


@lru_cache(maxsize=8)
def _load_cached(paths: tuple[str, ...]) -> ActorTable:
    tables = [_read_actor_file(Path(p)) for p in paths]
    table = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=[*ACTOR_COLUMNS, "note"])
    _check_conflicts(table, paths)
    return ActorTable(table)


def _check_conflicts(table: pd.DataFrame, paths: tuple[str, ...]) -> None:
    owner: dict[str, str] = {}
    for row in table.itertuples(index=False):
        for alias in [row.actor, *row.aliases]:
            key = normalize_name(alias).casefold()
            if owner.setdefault(key, row.actor) != row.actor:
                raise DataFileError(
                    f"{', '.join(paths)}: alias {alias!r} names both {owner[key]!r} and {row.actor!r}"
                )


class DocNames:
    """Names within one document: known actors through the table; other people by their full
    name, so that a later surname-only mention ("Colbourn") counts with "Susan Colbourn"."""

    def __init__(self, actors: ActorTable, ents: Iterable = ()):
        self.actors = actors
        self.full_names: dict[str, str] = {}
        for ent in ents:
            if ent.label_ == "PERSON" and actors.resolve(ent.text) is None:
                name = normalize_name(ent.text)
                if len(name.split()) >= 2:
                    self.full_names.setdefault(name.split()[-1].casefold(), name)

    def resolve(self, text: str, label: str) -> tuple[str | None, str, str]:
        """``(actor or None, name, label)`` for a mention's text and its tagger label."""
        actor = self.actors.resolve(text)
        if actor is not None:
            return actor.name, actor.name, actor.label
        name = normalize_name(text)
        full = self.full_names.get(name.casefold()) if " " not in name else None
        return (None, full, "PERSON") if full else (None, name, label)
