"""Numbers and what they count, in one parsed document.

``claim_rows`` finds number expressions ("nearly two-hour call", "175 prisoners", "some $560
billion", "17 per cent", "more than an hour and a half", "a 30-day ceasefire") and reads:

- the value (digits or words, ``toolkit.extract.numbers``) and the precision it is written with;
- the qualifier before it ("nearly", "more than"; ``toolkit/data/claims/qualifiers.csv``);
- its unit and dimension, normalised: durations to minutes, distances to km, money to units
  of its currency (``units.csv``, ``currencies.csv``), percentages, or a plain count;
- what it counts: the ``noun`` (lemma), the ``thing`` (the noun with its compounds: "market
  value", "dock worker", "phone call"), its ``owner`` (the possessor: "the company's market
  value") and the content words around it (``context``), from which claims of different
  outlets about the same thing are grouped (``toolkit.compare.quantities``).

Dates, clock times, years and numbers inside names are not claims.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from toolkit.config import DATA_DIR
from toolkit.errors import DataFileError
from toolkit.extract.numbers import CONNECTORS, FRACTIONS, SCALE_SUFFIXES, is_number_word, read_number
from toolkit.resources.datafiles import read_data_csv

CLAIMS_DIR = DATA_DIR / "claims"
CLAIM_COLUMNS = [
    "doc_id", "sent_id", "start", "end", "text", "value", "unit", "dimension", "normalized_value", "normalized_unit",
    "precision", "qualifier", "qualifier_class", "noun", "thing", "owner", "phrase", "context", "sentence",
]
DURATION = "duration"  # normalised to minutes
MONEY = "money"  # normalised to units of the currency
QUALIFIER_CLASSES = ("approx", "below", "above", "lower_bound", "upper_bound")
_LAST_REFERENTS = {"call", "conversation", "meeting", "talk", "talks", "summit", "interview"}
_HYPHENS = ("-", "\u2010", "\u2011")
# after "a"/"an" + unit, these make the phrase a date or a frequency, not a length: "a year ago"
_NOT_A_LENGTH_AFTER = {"ago", "later", "earlier", "before", "after", "since", "from", "into"}
_NOT_A_LENGTH_BEFORE = {"per", "times", "once", "twice", "every", "each"}
_CONTEXT_POS = ("NOUN", "PROPN", "VERB", "ADJ")
# nouns of time that say when, not what: "lost $210bn in a single session"
_TIME_NOUNS = {"day", "session", "week", "month", "year", "hour", "minute", "quarter", "time", "morning", "afternoon",
               "evening", "night", "weekend"}
_CONTEXT_WINDOW = 8  # tokens either side of a claim whose content words describe it


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
def load_currencies() -> tuple[dict[str, str], dict[str, str]]:
    """``({form written before a number: currency}, {form written after it: currency})``;
    word forms after a number are matched by lemma ("euros" -> "euro")."""
    path = CLAIMS_DIR / "currencies.csv"
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for line, row in read_data_csv(path, ("form", "currency", "position", "source")):
        if row["position"] not in ("before", "after", "both"):
            raise DataFileError(f"{path} line {line}: position must be before, after or both")
        if row["position"] in ("before", "both"):
            before[row["form"]] = row["currency"]
        if row["position"] in ("after", "both"):
            after[row["form"] if row["form"].isupper() else row["form"].lower()] = row["currency"]
    return before, after


@lru_cache(maxsize=1)
def load_qualifiers() -> dict[tuple[str, ...], tuple[str, frozenset[str]]]:
    """``{("more", "than"): ("lower_bound", verbs it is not a qualifier after), ...}``"""
    path = CLAIMS_DIR / "qualifiers.csv"
    table = {}
    for line, row in read_data_csv(path, ("qualifier", "class", "not_after", "source")):
        if row["class"] not in QUALIFIER_CLASSES:
            raise DataFileError(f"{path} line {line}: class must be one of {', '.join(QUALIFIER_CLASSES)}")
        verbs = frozenset(v.strip() for v in row["not_after"].split(";") if v.strip())
        table[tuple(row["qualifier"].lower().split())] = (row["class"], verbs)
    return table


# -- finding numbers -----------------------------------------------------------------------


def number_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of number expressions: digits or number words, joined by hyphens, "and",
    "a"; "a fifth", "a dozen"; and "a"/"an" before a unit of time when it is a length ("more
    than an hour and a half", "a month-long truce"), not a date ("a year ago") or a rate."""
    strings = doc.vocab.strings
    lowers = doc.to_array(["LOWER"]).tolist() if len(doc) else []
    lower = [strings[h] for h in lowers]
    number = [is_number_word(w) for w in lower]
    units = load_units()
    spans, i = [], 0
    while i < len(doc):
        if not number[i]:
            if lower[i] in ("a", "an") and _article_is_one(doc, i, lower, units):
                spans.append((i, i + 1))
            i += 1
            continue
        end = i + 1
        j = end
        while j < len(doc) and (lower[j] in CONNECTORS or number[j]):
            if number[j]:
                end = j + 1
            j += 1
        if i > 0 and lower[i - 1] in ("a", "one") and (lower[i] in FRACTIONS or lower[i] == "dozen"):
            i -= 1  # "a fifth", "one half", "a dozen"
        spans.append((i, end))
        i = end
    return spans


def _article_is_one(doc: Doc, i: int, lower: list[str], units: dict[str, Unit]) -> bool:
    """ "an hour", "a month" as a length of one unit: the next word is a unit of time, and the
    phrase is not a date ("a year ago"), a rate ("twice a day") or part of "half an hour"."""
    if i + 1 >= len(doc):
        return False
    unit = units.get(doc[i + 1].lemma_.lower()) or units.get(lower[i + 1])
    if unit is None or unit.dimension != DURATION:
        return False
    after = lower[i + 2] if i + 2 < len(doc) else ""
    before = lower[i - 1] if i > 0 else ""
    return after not in _NOT_A_LENGTH_AFTER and before not in _NOT_A_LENGTH_BEFORE and not is_number_word(before)


def _qualifier(doc: Doc, start: int, end: int) -> tuple[int, str, str]:
    """(new start, qualifier text, class) for words right before a number that modify it
    ("nearly two hours"), not a verb ("hand over 23 soldiers")."""
    table = load_qualifiers()
    for width in (3, 2, 1):
        if start - width < 0:
            continue
        tokens = doc[start - width : start]
        words = tuple(t.lower_ for t in tokens)
        if words not in table:
            continue
        kind, not_after = table[words]
        before = doc[start - width - 1] if start - width > 0 else None
        phrasal = before is not None and before.lemma_.lower() in not_after
        attached = any(start - width <= t.head.i <= end for t in tokens)
        if attached and not phrasal and not any(t.dep_ == "prt" for t in tokens):
            return start - width, " ".join(words), kind
    return start, "", "exact"


def _currency_before(doc: Doc, start: int) -> tuple[int, str | None]:
    """A currency sign or code right before a number ("$212bn", "US$40m", "NOK 3.4 billion")."""
    before, _ = load_currencies()
    if start > 0 and doc[start - 1].text in before:
        return start - 1, before[doc[start - 1].text]
    return start, None


def _unit(doc: Doc, end: int) -> tuple[Token | None, Unit | None, str | None]:
    """The unit right after a number ("hour" in "two-hour", "hours", "p.c.", "per cent",
    "euros", "percentage points", "half an hour"), if any, with the currency it names."""
    units = load_units()
    _, currencies = load_currencies()
    j = end
    while j < len(doc) and doc[j].text in _HYPHENS:
        j += 1
    if j + 1 < len(doc) and doc[j].lower_ in ("a", "an") and doc[end - 1].lower_ in FRACTIONS:
        j += 1  # "half an hour", "a quarter of a ..." is no unit
    if j >= len(doc):
        return None, None, None
    token = doc[j]
    lemma = token.lemma_.lower()
    for key in (token.text, lemma, token.lower_):
        if key in currencies:
            return token, Unit(key, MONEY, 1.0), currencies[key]
    if token.lower_ == "percentage" and j + 1 < len(doc) and doc[j + 1].lemma_.lower() == "point":
        return doc[j + 1], units["percentage point"], None
    for key in (lemma, token.lower_.rstrip("."), token.lower_):
        if key in units:
            return token, units[key], None
    if token.lower_ == "per" and j + 1 < len(doc) and doc[j + 1].lower_ == "cent":
        return doc[j + 1], units["per cent"], None
    return None, None, None


def _and_a_half(doc: Doc, unit_token: Token) -> int:
    """Tokens of "and a half" right after a unit ("an hour and a half"), else 0."""
    i = unit_token.i + 1
    words = [t.lower_ for t in doc[i : i + 3]]
    return 3 if words == ["and", "a", "half"] else 0


# -- what a number counts --------------------------------------------------------------------


def _counted_noun(doc: Doc, start: int, last: int, unit_token: Token | None, unit: Unit | None) -> Token | None:
    """The noun a number counts: what a unit modifies ("call" in "two-hour call", "90-minute-
    long phone call"), what the number or unit is "of" ("90 minutes of talks"), what a length's
    verb is said of ("the call, which lasted ...", "a call lasting nearly two hours"), the
    noun the number modifies ("175 prisoners"), or for money and percentages the thing the
    amount is in, of or off ("$212bn off its market value", "a loss of $212bn", "shares fell
    17%"). ``start:last`` are the tokens of the amount, unit included."""
    if unit is not None and unit.dimension in (MONEY, "percent", "points"):
        if unit_token is not None and unit_token.dep_ in ("compound", "nmod", "amod") and unit_token.head.pos_ == "NOUN" \
                and unit_token.head.i >= last:
            return unit_token.head  # "a 17% drop"
        return _measured(doc, start, last, subject=unit.dimension != MONEY)
    if unit_token is not None:
        head = unit_token.head
        if unit_token.dep_ in ("compound", "nmod", "amod") and head.pos_ in ("NOUN", "PROPN"):
            return head
        if head.pos_ == "ADJ" and head.dep_ == "amod" and head.head.pos_ in ("NOUN", "PROPN"):
            return head.head  # "90-minute-long phone call"
        of = _pobj_of(unit_token, ("of",))
        if of is not None:
            return of
        if head.lemma_ == "last":
            if head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN"):
                return head.head  # "a call lasting two hours"
            return _subject_referent(doc, head)
        return None
    for token in doc[last : min(len(doc), last + 6)]:
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


def _pobj_of(token: Token, preps: tuple[str, ...], pos: tuple[str, ...] = ("NOUN", "PROPN")) -> Token | None:
    """The object of the token's first preposition among ``preps`` that is a noun of ``pos``
    and not a stretch of time ("in a single session", "on Tuesday")."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            obj = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ in pos and not _is_time(c)), None)
            if obj is not None:
                return obj
    return None


def _is_time(token: Token) -> bool:
    return token.ent_type_ in ("DATE", "TIME") or token.lemma_.lower() in _TIME_NOUNS


def _measured(doc: Doc, start: int, last: int, subject: bool = True) -> Token | None:
    """What an amount of money or a percentage is of: a noun it modifies ("a $212bn loss"), the
    object of its "in"/"of"/"off"/"from" ("$212bn in market value"), the noun whose "of" it is
    ("a loss of $212bn"), the object of a verb that hangs on it ("$215bn wiped off its value"),
    or for an amount that is a verb's object or measure, that verb's prepositional object
    ("wiped $212bn off its value") or, with ``subject`` (percentages, not money: "the company
    lost $212bn" is whose the loss is), its subject ("shares fell 17%"). Only common nouns: a
    name is whose the amount is, not what it is."""
    inside = range(start, last)
    nouns = ("NOUN",)
    top = next((t for t in doc[start:last] if t.head.i not in inside or t.head.i == t.i), doc[last - 1])
    head = top.head
    if top.dep_ in ("compound", "nmod", "amod", "nummod") and head.pos_ == "NOUN" and head.i >= last:
        return head
    for token in doc[start:last]:
        own = _pobj_of(token, ("in", "of", "off", "from", "to"), nouns)
        if own is not None and own.i >= last:
            return own
    for verb in (c for c in top.children if c.pos_ == "VERB" and c.dep_ in ("acl", "relcl")):
        own = _pobj_of(verb, ("in", "of", "off", "from"), nouns)
        if own is not None:
            return own
    if top.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return head.head
    verb = head.head if top.dep_ == "pobj" else head
    if verb.pos_ in ("VERB", "AUX"):
        for candidate in (verb, *(c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "conj") and c.pos_ == "VERB")):
            found = _pobj_of(candidate, ("in", "of", "off", "from", "on"), nouns)
            if found is not None and found.i not in inside:
                return found
        if subject:
            return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in nouns), None)
    return None


def _noun_lemma(token: Token) -> str:
    """A counted noun's lemma, joined with a hyphenated first part ("cease-fire")."""
    doc, i = token.doc, token.i
    if i >= 2 and doc[i - 1].text in _HYPHENS and doc[i - 2].is_alpha and doc[i - 2].is_lower:
        return f"{doc[i - 2].lower_}-{token.lemma_.lower()}"
    return token.lemma_.lower()


def _thing(token: Token, skip: range = range(0)) -> str:
    """The counted noun with the nouns compounded before it ("market value", "dock worker"),
    leaving out the claim's own tokens (the "hour" of "two-hour phone call")."""
    parts = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "NOUN" and c.is_alpha and c.i not in skip]
    return " ".join([*(c.lower_ for c in parts), _noun_lemma(token)])  # "data centre", not "datum centre"


def _owner(token: Token) -> str | None:
    """Whose the counted thing is: its possessor ("Halvorsen's market value", "the company's"),
    or the named object of its "of" ("the market value of Halvorsen")."""
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":  # "its", "their" say nothing
            return child.text if child.pos_ == "PROPN" else child.lemma_.lower()
    named = _pobj_of(token, ("of",))
    return named.text if named is not None and named.pos_ == "PROPN" else None


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


def _context(doc: Doc, start: int, end: int, skip: set[int]) -> str:
    """Lower-cased lemmas of the content words near a claim, within its sentence."""
    sent = doc[start].sent
    lo, hi = max(sent.start, start - _CONTEXT_WINDOW), min(sent.end, end + _CONTEXT_WINDOW)
    words = [t.lemma_.lower() for t in doc[lo:hi]
             if t.i not in skip and t.pos_ in _CONTEXT_POS and t.is_alpha and not t.is_stop and len(t) > 1]
    return " ".join(dict.fromkeys(words))


# -- rows ------------------------------------------------------------------------------------


def _excluded(doc: Doc, start: int, end: int, value: float, unit: Unit | None) -> bool:
    """Numbers that are not claims: dates and clock times, years, numbers in names, "one of"."""
    first = doc[start]
    if first.ent_type_ in ("DATE", "TIME") and (unit is None or unit.dimension != DURATION) and first.lower_ not in ("a", "an"):
        return True  # "March 18", "10 a.m."
    if unit is None and value.is_integer() and 1900 <= value <= 2100 and first.text.isdigit() and len(first.text) == 4:
        return True  # a year ("2025"; "2,000" is a count)
    if first.i > 0 and first.text[:1].isupper() and doc[first.i - 1].text[:1].isupper() and not doc[first.i - 1].is_sent_start:
        return True  # "World War Two"
    if value == 1 and first.lower_ in ("one", "a", "an") and first.dep_ != "nummod" and unit is None:
        return True  # "one of them"
    return False


def claim_rows(doc: Doc, sent_ids: list[int], sentences: list[dict]) -> list[dict]:
    """One row per number expression that counts or measures something."""
    rows = []
    taken = -1  # tokens up to here belong to a claim already ("an hour and a half")
    _, after_forms = load_currencies()
    for start, end in number_spans(doc):
        if start <= taken:
            continue
        words = [t.text for t in doc[start:end]]
        read = (1.0, 1.0) if [w.lower() for w in words] in (["a"], ["an"]) else read_number(words)
        if read is None:
            continue
        value, precision = read
        money_start, sign = _currency_before(doc, start)
        if sign is not None and end < len(doc) and doc[end].lower_.rstrip(".") in SCALE_SUFFIXES:
            scale = SCALE_SUFFIXES[doc[end].lower_.rstrip(".")]  # "$6m" is read as "$", "6", "m"
            value, precision, end = value * scale, precision * scale, end + 1
        unit_token, unit, currency = _unit(doc, end)
        if sign is not None and (unit is None or unit.dimension != MONEY):
            unit_token, unit, currency = None, Unit(doc[money_start].text, MONEY, 1.0), sign
        if unit is None and start == end - 1 and doc[start].lower_ in ("a", "an"):
            continue
        if _excluded(doc, start, end, value, unit):
            continue
        half = _and_a_half(doc, unit_token) if unit_token is not None else 0
        if half:
            value, precision = value + 0.5, min(precision, 0.5)
        q_start, qualifier, q_class = _qualifier(doc, money_start, end)
        last = (unit_token.i + 1 + half) if unit_token is not None else end
        taken = last - 1
        noun = _counted_noun(doc, money_start, last, unit_token, unit)
        span = doc[q_start:last]
        phrase_end = max(last, noun.i + 1) if noun is not None and noun.i >= start else last
        sent_id = sent_ids[start]
        factor = unit.factor if unit else 1.0
        dimension = unit.dimension if unit else "count"
        own = range(q_start, last)
        thing = _thing(noun, own) if noun is not None else None
        context = " ".join(dict.fromkeys([*(thing or "").split(), *_context(doc, q_start, last, set(own)).split()]))
        rows.append(
            {
                "sent_id": sent_id, "start": span.start_char, "end": span.end_char, "text": span.text,
                "value": value, "unit": unit.name if unit else None, "dimension": dimension,
                "normalized_value": round(value * factor, 4),
                "normalized_unit": currency if dimension == MONEY else "minutes" if dimension == DURATION else dimension,
                "precision": round(precision * factor, 6),
                "qualifier": qualifier, "qualifier_class": q_class,
                "noun": _noun_lemma(noun) if noun is not None else None,
                "thing": thing, "owner": _owner(noun) if noun is not None else None,
                "phrase": doc[q_start:phrase_end].text, "context": context,
                "sentence": sentences[sent_id]["text"] if sentences else "",
            }
        )
    return rows
