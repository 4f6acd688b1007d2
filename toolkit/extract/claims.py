"""Numbers and what they count, in one parsed document.

``claim_rows`` finds number expressions ("nearly two-hour call", "175 prisoners", "a 30-day
ceasefire", "two-and-a-half-hour"), reads their value (digits or words), the qualifier before
them ("nearly", "more than"), their unit (normalised: durations to minutes or days, distances
to km; ``toolkit/data/claims/units.csv``) and the noun they count.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from toolkit.config import DATA_DIR
from toolkit.errors import DataFileError
from toolkit.resources.datafiles import read_data_csv

CLAIMS_DIR = DATA_DIR / "claims"
CLAIM_COLUMNS = [
    "doc_id", "sent_id", "start", "end", "text", "value", "unit", "normalized_value", "normalized_unit",
    "qualifier", "qualifier_class", "noun", "phrase", "sentence",
]
ONES = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2}
NUMBER_WORDS = {**ONES, **TENS, **SCALES, **FRACTIONS}
CONNECTORS = {"-", "and", "a", "\u2010", "\u2011"}
DURATION = "duration"  # normalised to minutes
_LAST_REFERENTS = {"call", "conversation", "meeting", "talk", "talks", "summit", "interview"}


@dataclass(frozen=True)
class Unit:
    name: str
    dimension: str
    factor: float


@lru_cache(maxsize=1)
def load_units() -> dict[str, Unit]:
    path = CLAIMS_DIR / "units.csv"
    units = {}
    for line, row in read_data_csv(path, ("unit", "dimension", "factor", "source")):
        try:
            units[row["unit"].lower()] = Unit(row["unit"].lower(), row["dimension"], float(row["factor"]))
        except ValueError:
            raise DataFileError(f"{path} line {line}: factor {row['factor']!r} is not a number") from None
    return units


@lru_cache(maxsize=1)
def load_qualifiers() -> dict[tuple[str, ...], tuple[str, frozenset[str]]]:
    """``{("more", "than"): ("lower_bound", verbs it is not a qualifier after), ...}``"""
    path = CLAIMS_DIR / "qualifiers.csv"
    table = {}
    for line, row in read_data_csv(path, ("qualifier", "class", "not_after", "source")):
        if row["class"] not in ("approx", "lower_bound", "upper_bound"):
            raise DataFileError(f"{path} line {line}: class must be approx, lower_bound or upper_bound")
        verbs = frozenset(v.strip() for v in row["not_after"].split(";") if v.strip())
        table[tuple(row["qualifier"].lower().split())] = (row["class"], verbs)
    return table


# -- reading numbers -----------------------------------------------------------------------


def _is_number_word(low: str) -> bool:
    """Digits (with thousands commas and one decimal point) or a number word, lower-cased."""
    return low.replace(",", "").replace(".", "", 1).isdigit() or low in NUMBER_WORDS


def word_value(words: list[str]) -> float | None:
    """The value of number words and digits: "two and a half" -> 2.5, "2,000" -> 2000,
    "three hundred thousand" -> 300000, "a fifth" -> 0.2. None if the words are no number."""
    low = [w.lower() for w in words]
    total, current, seen = 0.0, 0.0, False
    for i, word in enumerate(low):
        digits = word.replace(",", "")
        if word in CONNECTORS:
            continue
        if digits.replace(".", "", 1).isdigit():
            current += float(digits)
        elif word in ONES or word in TENS:
            current += ONES.get(word, TENS.get(word, 0))
        elif word in SCALES:
            current = (current or 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0.0
        elif word in FRACTIONS:
            before = [w for w in low[:i] if w not in ("-", "\u2010", "\u2011")][-2:]
            added = "and" in before  # "two and a half": added to what came before
            current = current + FRACTIONS[word] if added else (current or 1) * FRACTIONS[word]
        else:
            return None
        seen = True
    return total + current if seen else None


def number_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of number expressions: digits or number words, joined by hyphens, "and", "a"."""
    strings = doc.vocab.strings
    like, lowers = doc.to_array(["LIKE_NUM", "LOWER"]).T.tolist() if len(doc) else ([], [])
    lower = [strings[h] for h in lowers]
    number = [bool(n or w in NUMBER_WORDS) and _is_number_word(w) for n, w in zip(like, lower)]
    spans, i = [], 0
    while i < len(doc):
        if not number[i]:
            i += 1
            continue
        end = i + 1
        j = end
        while j < len(doc) and (lower[j] in CONNECTORS or number[j]):
            if number[j]:
                end = j + 1
            j += 1
        if lower[i] in FRACTIONS and i > 0 and lower[i - 1] in ("a", "one"):
            i -= 1  # "a fifth", "one half"
        spans.append((i, end))
        i = end
    return spans


def _qualifier(doc: Doc, start: int, end: int) -> tuple[int, str, str]:
    """(new start, qualifier text, class) for words right before a number that modify it
    ("nearly two hours"), not a verb ("hand over 23 soldiers")."""
    table = load_qualifiers()
    for width in (2, 1):
        if start - width < 0:
            continue
        tokens = doc[start - width : start]
        words = tuple(t.lower_ for t in tokens)
        if words not in table:
            continue
        kind, not_after = table[words]
        before = doc[start - width - 1] if start - width > 0 else None
        phrasal = before is not None and before.lemma_.lower() in not_after
        attached = any(start - width <= t.head.i <= end for t in tokens) and not any(t.dep_ == "prt" for t in tokens)
        if attached and not phrasal:
            return start - width, " ".join(words), kind
    return start, "", "exact"


def _unit(doc: Doc, end: int) -> tuple[Token | None, Unit | None]:
    """The unit right after a number ("hour" in "two-hour", "hours", "p.c."), if any."""
    units = load_units()
    j = end
    while j < len(doc) and doc[j].text in "-\u2010\u2011":
        j += 1
    if j >= len(doc):
        return None, None
    token = doc[j]
    for key in (token.lemma_.lower(), token.lower_.rstrip("."), token.lower_):
        if key in units:
            return token, units[key]
    if token.lower_ == "per" and j + 1 < len(doc) and doc[j + 1].lower_ == "cent":
        return doc[j + 1], units["per cent"]
    return None, None


def _counted_noun(doc: Doc, start: int, end: int, unit_token: Token | None) -> Token | None:
    """The noun a number counts: what a unit modifies ("call" in "two-hour call"), the noun
    the number modifies ("prisoners"), or what a duration's verb "last" is said of."""
    if unit_token is not None:
        if unit_token.dep_ in ("compound", "nmod", "amod") and unit_token.head.pos_ in ("NOUN", "PROPN"):
            return unit_token.head
        verb = unit_token.head
        if verb.lemma_ == "last":
            return _subject_referent(doc, verb)
        return None
    for token in doc[end : min(len(doc), end + 6)]:
        if token.pos_ == "NOUN":
            while token.dep_ == "compound" and token.head.i > token.i and token.head.pos_ == "NOUN":
                token = token.head  # "3,000 dock workers" counts workers, not docks
            return token
        if token.lower_ == "of":  # "a fifth of the territory", "hundreds of thousands of people"
            obj = next((c for c in token.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "NOUN":
                return obj
        participle = token.pos_ == "VERB" and token.tag_ in ("VBN", "VBG")  # "wounded", "remaining"
        if token.pos_ not in ("ADJ", "ADV", "PROPN", "PUNCT", "NUM") and not participle and token.dep_ not in ("amod", "compound"):
            break
    return None


def _noun_lemma(token: Token) -> str:
    """A counted noun's lemma, joined with a hyphenated first part ("cease-fire")."""
    doc, i = token.doc, token.i
    if i >= 2 and doc[i - 1].text in "-\u2010\u2011" and doc[i - 2].is_alpha:
        return f"{doc[i - 2].lower_}-{token.lemma_.lower()}"
    return token.lemma_.lower()


def _subject_referent(doc: Doc, verb: Token) -> Token | None:
    """What "lasted" is said of: its subject noun, the noun a "which" clause hangs on, or for
    "it" the nearest call, meeting or conversation in the sentence before."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    if subj.lower_ in ("which", "that") and verb.dep_ == "relcl":
        return verb.head
    if subj.lower_ == "it":
        sent_start = verb.sent.start
        for token in reversed(doc[max(0, sent_start - 60) : sent_start]):
            if token.lemma_.lower() in _LAST_REFERENTS:
                return token
        return None
    return subj if subj.pos_ in ("NOUN", "PROPN") else None


def claim_rows(doc: Doc, sent_ids: list[int], sentences: list[dict]) -> list[dict]:
    """One row per number expression that counts or measures something (dates, clock times,
    years and ordinals in names are left out)."""
    rows = []
    for start, end in number_spans(doc):
        words = [t.text for t in doc[start:end]]
        value = word_value(words)
        if value is None:
            continue
        unit_token, unit = _unit(doc, end)
        first = doc[start]
        if first.ent_type_ in ("DATE", "TIME") and (unit is None or unit.dimension != DURATION):
            continue  # "March 18", "10 a.m."
        if unit is None and value.is_integer() and 1900 <= value <= 2100 and first.like_num:
            continue  # a year
        if first.i > 0 and first.text[:1].isupper() and doc[first.i - 1].text[:1].isupper() and not doc[first.i - 1].is_sent_start:
            continue  # "World War Two"
        if value == 1 and first.lower_ in ("one", "a") and first.dep_ != "nummod":
            continue  # "one of them"
        q_start, qualifier, q_class = _qualifier(doc, start, end)
        noun = _counted_noun(doc, start, end, unit_token)
        last = unit_token.i + 1 if unit_token is not None else end
        span = doc[q_start:last]
        phrase_end = max(last, noun.i + 1) if noun is not None and noun.i >= start else last
        sent_id = sent_ids[start]
        rows.append(
            {
                "sent_id": sent_id, "start": span.start_char, "end": span.end_char, "text": span.text,
                "value": value, "unit": unit.name if unit else None,
                "normalized_value": round(value * unit.factor, 4) if unit else value,
                "normalized_unit": ("minutes" if unit.dimension == DURATION else unit.dimension) if unit else "count",
                "qualifier": qualifier, "qualifier_class": q_class,
                "noun": _noun_lemma(noun) if noun is not None else None,
                "phrase": doc[q_start:phrase_end].text,
                "sentence": sentences[sent_id]["text"] if sentences else "",
            }
        )
    return rows
