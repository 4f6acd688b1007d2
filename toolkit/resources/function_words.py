"""English function words (``toolkit/data/function_words.txt``): every other word is a content word."""

from __future__ import annotations

from functools import lru_cache

from toolkit.config import DATA_DIR

FUNCTION_WORDS_FILE = DATA_DIR / "function_words.txt"


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """The closed-class words of English, lower case."""
    lines = FUNCTION_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def is_content_word(word: str) -> bool:
    """Three letters or more, no digit, and not a function word ("call", "fire" are content words)."""
    word = word.lower()
    return len(word) >= 3 and not any(c.isdigit() for c in word) and word not in function_words()
