"""Quotation marks: where quoted content starts and ends, robust to unbalanced marks."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.corpus.paragraphs import break_positions

# Opening marks and the marks that may close them.
OPENERS = {
    "\u201c": "\u201d\"",  # “ ... ” (or a straight mark)
    "\u201e": "\u201c\u201d",  # „ ... “ (German) or ”
    "\u00ab": "\u00bb",  # « ... »
    '"': '"\u201d',
    "\u2018": "\u2019",  # ‘ ... ’ (British), checked so that apostrophes are not taken for marks
}
_SMALL_WORDS = {"the", "of", "and", "for", "a", "an", "in", "on", "to", "at", "with"}
_BEFORE_OPENING = "([{\u2014\u2013-/:\u201c\u2018"


@dataclass(frozen=True)
class QuoteMarks:
    """The content between a pair of quote marks (offsets exclude the marks)."""

    start: int
    end: int
    closed: bool


def _opens(text: str, i: int) -> bool:
    """A straight or single mark opens a quote after white space, a bracket, a dash or a colon;
    a single mark must also be followed by a letter or digit (not an apostrophe in "’90s")."""
    after_ok = text[i] != "\u2018" or (i + 1 < len(text) and text[i + 1].isalnum())
    return after_ok and (i == 0 or text[i - 1].isspace() or text[i - 1] in _BEFORE_OPENING)


def _closes(text: str, i: int, closers: str) -> bool:
    """A closing mark; a ’ closes only when no letter follows ("Russia’s" is an apostrophe)."""
    if text[i] not in closers:
        return False
    return text[i] != "\u2019" or i + 1 == len(text) or not text[i + 1].isalpha()


def find_quote_marks(text: str) -> list[QuoteMarks]:
    """Spans of quoted content, robust to unbalanced marks (never raises). A quote still open
    at the end of its paragraph ends there, as when a quotation runs on into the next one."""
    spans: list[QuoteMarks] = []
    breaks = break_positions(text)
    open_at: int | None = None
    closers = ""

    def finish(end: int, closed: bool) -> None:
        start = open_at + 1
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        stripped = chunk.strip().rstrip(",;:").rstrip()
        if stripped:
            spans.append(QuoteMarks(start + lead, start + lead + len(stripped), closed))

    for i, ch in enumerate(text):
        if open_at is None:
            if ch in OPENERS and (ch in "\u201c\u201e\u00ab" or _opens(text, i)):
                open_at, closers = i, OPENERS[ch]
        elif _closes(text, i, closers):
            finish(i, True)
            open_at = None
        elif ch == "\n" and i in breaks:
            finish(i, False)
            open_at = None
        elif ch in "\u201c\u00ab" and closers != OPENERS["\u201e"]:
            finish(i, False)
            open_at, closers = i, OPENERS[ch]
    if open_at is not None:
        finish(len(text), False)
    return spans


def looks_like_title(content: str) -> bool:
    """Short Title Case content without final punctuation: a programme or book name, not speech."""
    words = content.split()
    if not words or len(words) > 5 or content[-1] in ".!?,":
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words if w[0].isalpha()) and words[0][0].isupper()


def is_title(text: str, mark: QuoteMarks) -> bool:
    """A programme or book name in quote marks, unless punctuation ends it ("Never," he said)."""
    return looks_like_title(text[mark.start : mark.end]) and text[mark.end : mark.end + 1] not in ",;:"
