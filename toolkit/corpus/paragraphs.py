"""Paragraphs from line breaks, one rule everywhere (overview, sentences, quotes, pipeline).

When a text has blank lines they separate paragraphs, and a single line break is only a wrap
inside a paragraph; otherwise every line is a paragraph, as in one-line-per-paragraph dumps.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n")
_LINE_BREAK = re.compile(r"\n")


def has_blank_lines(text: str) -> bool:
    return _BLANK_LINE.search(text) is not None


def _separator(text: str) -> re.Pattern:
    return _BLANK_LINE if has_blank_lines(text) else _LINE_BREAK


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the paragraphs in ``text``, white space trimmed."""
    spans = []
    start = 0
    for match in [*_separator(text).finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[start:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((start + lead, start + len(chunk.rstrip())))
        if match:
            start = match.end()
    return spans


def break_positions(text: str) -> set[int]:
    """Offsets of the line-break characters that end a paragraph (not those that wrap a line)."""
    return {m.start() + i for m in _separator(text).finditer(text) for i, ch in enumerate(m.group()) if ch == "\n"}


def is_break(whitespace: str, blank_lines: bool) -> bool:
    """Does this run of white space end a paragraph, in a text with or without blank lines?"""
    return whitespace.count("\n") >= (2 if blank_lines else 1)


class ParagraphIndex:
    """Which paragraph a character offset falls in (0-based), by bisection over paragraph starts."""

    def __init__(self, text: str):
        self.starts = [start for start, _ in paragraph_spans(text)]

    def __call__(self, offset: int) -> int:
        return max(bisect_right(self.starts, offset) - 1, 0)
