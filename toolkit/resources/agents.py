"""Nouns for those who speak or hold a stance (``toolkit/data/agent_nouns.csv``): groups of people
("analysts"), organisations ("the company") and offices ("the leader")."""

from __future__ import annotations

from functools import lru_cache

from toolkit.config import DATA_DIR
from toolkit.errors import DataFileError
from toolkit.resources.datafiles import read_data_csv

AGENT_NOUNS_FILE = DATA_DIR / "agent_nouns.csv"


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    out = {}
    for line, row in read_data_csv(AGENT_NOUNS_FILE, ("noun", "kind", "source")):
        if row["kind"] not in ("people", "organisation", "role"):
            raise DataFileError(f"{AGENT_NOUNS_FILE} line {line}: kind must be people, organisation or role")
        out[row["noun"].lower()] = row["kind"]
    return out


def agent_nouns() -> frozenset[str]:
    """Every noun (lemma) for a speaker: people, organisations and offices."""
    return frozenset(_table())


def organisation_nouns() -> frozenset[str]:
    """Nouns that stand for an organisation named before them ("the company", "the ministry")."""
    return frozenset(n for n, kind in _table().items() if kind == "organisation")


def role_nouns() -> frozenset[str]:
    """Nouns for one office holder ("the Russian leader", "the president"), who is a person
    named before them."""
    return frozenset(n for n, kind in _table().items() if kind == "role")
