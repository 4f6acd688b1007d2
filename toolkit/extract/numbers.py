"""Reading numbers as news writes them: digits ("2,000", "16.9", "212bn", "2½", the flattened
"21/2"), words ("two-and-a-half", "a dozen", "three hundred thousand", "a fifth"), and the
precision they are written with, which says how far a reader may take them as rounded.
"""

from __future__ import annotations

import math
import re

ONES = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2}
OTHER_WORDS = {"dozen": 12}
NUMBER_WORDS = {**ONES, **TENS, **SCALES, **FRACTIONS, **OTHER_WORDS}
CONNECTORS = {"-", "and", "a", "\u2010", "\u2011"}
# Abbreviated scales written after money: "$212bn", "$6m", "£1.2tn", "40k".
SCALE_SUFFIXES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "b": 1_000_000_000,
                  "bn": 1_000_000_000, "tn": 1_000_000_000_000, "trn": 1_000_000_000_000}
VULGAR = {"\u00bd": 0.5, "\u2153": 1 / 3, "\u00bc": 0.25, "\u00be": 0.75, "\u2154": 2 / 3}

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_WITH_SUFFIX = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|mln|b|bn|tn|trn)$", re.IGNORECASE)
_WITH_VULGAR = re.compile(r"^(\d*)([\u00bd\u2153\u00bc\u00be\u2154])$")
# "21/2-hour": a 2½ whose fraction sign was flattened to "1/2" with no space; also "11/2", "31/2".
_FLATTENED_HALF = re.compile(r"^([1-9])1/2$")
_FRACTION = re.compile(r"^([1-9])/([2-9])$")


def digit_value(token: str) -> tuple[float, float, float] | None:
    """``(value, scale, precision)`` of one token written with digits, or None: "2,000" ->
    (2000, 1, 1000), "16.9" -> (16.9, 1, 0.1), "212bn" -> (212, 1e9, 1), "2½" -> (2.5, 1, 0.5),
    "21/2" -> (2.5, 1, 0.5). ``precision`` is the place value of the last written digit that is
    not a trailing zero, before scaling."""
    text = token.replace("\u2009", "").replace("\u202f", "")
    if _DIGITS.match(text):
        value = float(text.replace(",", ""))
        return value, 1.0, written_precision(text.replace(",", ""))
    if m := _WITH_SUFFIX.match(text):
        return float(m.group(1)), float(SCALE_SUFFIXES[m.group(2).lower()]), written_precision(m.group(1))
    if m := _WITH_VULGAR.match(text):
        whole = float(m.group(1)) if m.group(1) else 0.0
        fraction = VULGAR[m.group(2)]
        return whole + fraction, 1.0, min(fraction, 1 - fraction) if fraction != 0.5 else 0.5
    if m := _FLATTENED_HALF.match(text):
        return float(m.group(1)) + 0.5, 1.0, 0.5
    if m := _FRACTION.match(text):
        return int(m.group(1)) / int(m.group(2)), 1.0, 1 / int(m.group(2))
    return None


def written_precision(digits: str) -> float:
    """Place value of the last significant written digit: "212" -> 1, "210" -> 10, "3000" ->
    1000, "16.9" -> 0.1, "17.50" -> 0.01 (a written decimal zero is significant), "0" -> 1."""
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1])
    stripped = digits.rstrip("0")
    return 10.0 ** (len(digits) - len(stripped)) if stripped else 1.0


def is_number_word(low: str) -> bool:
    """Digits (with thousands commas and one decimal point), a number token in any written
    form, or a number word, lower-cased."""
    return low in NUMBER_WORDS or digit_value(low) is not None


def word_value(words: list[str]) -> float | None:
    """The value of number words and digits: "two and a half" -> 2.5, "2,000" -> 2000,
    "three hundred thousand" -> 300000, "a fifth" -> 0.2, "a dozen" -> 12. None if the words
    are no number."""
    found = read_number(words)
    return found[0] if found else None


def read_number(words: list[str]) -> tuple[float, float] | None:
    """``(value, precision)`` of number words and digits, or None. Precision: how finely the
    number is written ("two" -> 1, "two and a half" -> 0.5, "2,000" -> 1000, "two thousand" ->
    1000, "212bn" -> 1e9)."""
    low = [w.lower() for w in words]
    total, current, seen = 0.0, 0.0, False
    precision = math.inf
    for i, word in enumerate(low):
        if word in CONNECTORS:
            continue
        digits = digit_value(word)
        if digits is not None:
            value, scale, places = digits
            current += value * scale
            precision = min(precision, places * scale)
        elif word in ONES or word in TENS:
            current += ONES.get(word, TENS.get(word, 0))
            precision = min(precision, 10.0 if word in TENS else 1.0)
        elif word in OTHER_WORDS:
            current = (current or 1) * OTHER_WORDS[word]
            precision = min(precision, float(OTHER_WORDS[word]))
        elif word in SCALES:
            current = (current or 1) * SCALES[word]
            precision = precision * SCALES[word] if precision != math.inf else float(SCALES[word])
            if SCALES[word] >= 1000:
                total, current = total + current, 0.0
        elif word in FRACTIONS:
            before = [w for w in low[:i] if w not in ("-", "\u2010", "\u2011")][-2:]
            added = "and" in before  # "two and a half": added to what came before
            current = current + FRACTIONS[word] if added else (current or 1) * FRACTIONS[word]
            precision = min(precision, FRACTIONS[word])
        else:
            return None
        seen = True
    if not seen:
        return None
    return total + current, (precision if precision != math.inf else 1.0)
