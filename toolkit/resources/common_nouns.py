"""Acronyms and capitalised common nouns a tagger takes for names ("AI", "GDP", "EV"), from
``toolkit/data/common_nouns_tagged_as_names.txt``: they name no actor."""

from __future__ import annotations

from functools import lru_cache

from toolkit.config import DATA_DIR

COMMON_NOUNS_FILE = DATA_DIR / "common_nouns_tagged_as_names.txt"


@lru_cache(maxsize=1)
def common_nouns_tagged_as_names() -> frozenset[str]:
    """The listed forms, case as written."""
    lines = COMMON_NOUNS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))
