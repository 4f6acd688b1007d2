"""Text normalisation that a user can see and undo.

The raw text is always kept beside the normalised one; this module only says what changed.
Repairs are delegated to ftfy (mojibake, stray control characters, line breaks) because its
tables of encoding accidents are far more complete than anything written by hand, and it
explains each step it applied. Curly quotes are deliberately kept: they mark quotations.
"""

from __future__ import annotations

from dataclasses import dataclass

import ftfy

_FTFY_OPTIONS = dict(
    uncurl_quotes=False,  # “ ” carry meaning for quote detection
    fix_line_breaks=True,  # \r\n, \r, U+2028 -> \n; paragraph structure is kept
    normalization="NFC",
)


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text plus the names of the steps that changed it (empty when none did)."""

    text: str
    steps: tuple[str, ...]


def normalize_text(raw: str) -> NormalizedText:
    """Repair encoding accidents, unify line breaks and apply Unicode NFC; record every step."""
    fixed = ftfy.fix_and_explain(raw, **_FTFY_OPTIONS)
    steps = [name for _, name in (fixed.explanation or [])]
    return NormalizedText(text=fixed.text, steps=tuple(dict.fromkeys(steps)))
