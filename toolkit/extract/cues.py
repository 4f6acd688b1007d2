"""Stance and hedging cues in one parsed document, with whose voice they are in.

A cue is a lexicon match (``toolkit/data/lexicons/``): a hedge ("may", "appeared to"), a
booster ("clearly"), the delay frame ("stalling", "playing for time"), skepticism, optimism,
refusal. Each match records its ``voice``: *quoted* inside a direct quotation, *attributed*
inside reported speech ("officials acknowledged that Putin appeared to be stalling"), or
*authorial*: the report's own words. ``negated`` marks a cue under negation
("did not clearly say").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from toolkit.resources.lexicons import CueEntry, compile_pattern

CUE_COLUMNS = [
    "doc_id", "sent_id", "start", "end", "text", "category", "cue", "voice", "source", "negated", "sentence",
]
VOICES = ("authorial", "quoted", "attributed")
_NEGATIONS = {"not", "n't", "never", "no", "without"}


class CueMatcher:
    """Finds lexicon cues in a parsed Doc: ``matcher(doc)`` returns spans labelled with their
    category, ``span.kb_id_`` naming the cue; overlapping matches keep the longest.

    Rules are spaCy ``Matcher`` patterns, grouped by their first word: a group's matcher runs
    only where a token has that word (or lemma), which keeps a large lexicon cheap.
    """

    def __init__(self, vocab: Vocab, entries: Iterable[CueEntry]):
        self.vocab = vocab
        self.entries = {f"{e.category}::{e.cue}": e for e in entries}
        self.groups: dict[tuple[str, int], tuple[Matcher, int]] = {}
        self.anywhere = Matcher(vocab)  # rules whose first token is not a fixed word
        self.anywhere_needs_tags = False
        self.surface_rules = 0
        grouped: dict[tuple[str, str], list[tuple[str, list[dict]]]] = {}
        for key, entry in self.entries.items():
            pattern = compile_pattern(entry.pattern)
            self.surface_rules += not any("LEMMA" in t or "TAG" in t for t in pattern)
            first = pattern[0]
            attr = "LEMMA" if "LEMMA" in first else "LOWER" if "LOWER" in first else None
            if attr and not first.get("OP"):
                value = first[attr]
                for word in value["IN"] if isinstance(value, dict) else [value]:
                    grouped.setdefault((attr, word), []).append((key, pattern))
            else:
                self.anywhere.add(key, [pattern])
                self.anywhere_needs_tags |= any("LEMMA" in t or "TAG" in t for t in pattern)
        for (attr, word), patterns in grouped.items():
            matcher = Matcher(vocab)
            for key, pattern in patterns:
                matcher.add(key, [pattern])
            longest = max(sum(_max_width(t) for t in pattern) for _, pattern in patterns)
            self.groups[(attr, vocab.strings.add(word))] = (matcher, longest)
        self.first_ids = {attr: {h for a, h in self.groups if a == attr} for attr in ("LOWER", "LEMMA")}

    @property
    def patterns(self) -> list[dict]:
        """The lexicon as data, so a pipeline that includes this matcher has a distinct cache key."""
        return [vars(e) for e in self.entries.values()]

    def __call__(self, doc: Doc) -> list[Span]:
        full = has_tags_and_lemmas(doc)
        use_anywhere = len(self.anywhere) and (full or not self.anywhere_needs_tags)
        found = set(self.anywhere(doc)) if use_anywhere else set()
        lowers, lemmas = doc.to_array(["LOWER", "LEMMA"]).T.tolist() if len(doc) else ([], [])
        starts = [(i, ("LOWER", h)) for i, h in enumerate(lowers) if h in self.first_ids["LOWER"]]
        if full:
            starts += [(i, ("LEMMA", h)) for i, h in enumerate(lemmas) if h in self.first_ids["LEMMA"]]
        for i, key in starts:
            matcher, width = self.groups[key]
            try:
                hits = matcher(doc[i : i + width])
            except ValueError:  # a rule needs tags this pipeline does not give
                continue
            found.update((m, i + s, i + e) for m, s, e in hits if s == 0)
        spans = []
        for match_id, start, end in sorted(found, key=lambda f: (f[1], f[2], f[0])):
            entry = self.entries[doc.vocab.strings[match_id]]
            span = Span(doc, start, end, label=entry.category, kb_id=entry.cue)
            if _crosses_sentences(span) or not _conditions_hold(span, entry.conditions):
                continue
            spans.append(span)
        return sorted(filter_spans(spans), key=lambda s: s.start)


def has_tags_and_lemmas(doc: Doc) -> bool:
    """Whether every token has a tag and a lemma; without them only word-form rules apply."""
    return doc.has_annotation("LEMMA", require_complete=True) and doc.has_annotation("TAG", require_complete=True)


_built: dict[tuple[int, tuple[CueEntry, ...]], CueMatcher] = {}


def cue_matcher(vocab: Vocab, entries: Iterable[CueEntry]) -> CueMatcher:
    """The ``CueMatcher`` of these entries for this vocabulary, built once per process (building
    one compiles every rule, which costs more than matching a short document). Matching
    only reads the matcher, so one may serve any number of analyses."""
    key = (id(vocab), tuple(entries))
    matcher = _built.get(key)
    if matcher is None or matcher.vocab is not vocab:  # an id can be reused once a vocab is gone
        if len(_built) >= 8:
            _built.clear()
        matcher = _built[key] = CueMatcher(vocab, key[1])
    return matcher


def _crosses_sentences(span: Span) -> bool:
    """A rule with a wildcard must not reach into the next sentence ("dragged on. Out west")."""
    return len(span) > 1 and any(t.is_sent_start for t in span[1:])


def _conditions_hold(span: Span, conditions: dict[str, tuple[str, ...]]) -> bool:
    doc, start = span.doc, span.start
    before = doc[start - 1] if start > 0 else None
    if "not_negated" in conditions and is_negated(span):
        return False
    if "not_after_hyphen" in conditions and before is not None and before.text in "-\u2010\u2011":
        return False  # "much-anticipated": part of a compound modifier, not a stance
    if "not_after" in conditions and before is not None and before.lower_ in conditions["not_after"]:
        return False  # "as soon as possible", "than expected"
    if "lowercase" in conditions and not span[0].text.islower():
        return False  # "May" at the start of a sentence is usually the month
    if "with_clause" in conditions and not any(c.dep_ in ("ccomp", "xcomp") for c in span.root.children):
        return False  # "suggested that Putin was stalling", not "suggested a meeting"
    return True


def _max_width(token: dict) -> int:
    """How many words a pattern token can take: 1, or the upper bound of a {m,n} wildcard."""
    op = token.get("OP", "")
    if op.startswith("{"):
        return int(op.strip("{}").split(",")[-1] or 1)
    return 1


def is_negated(span: Span) -> bool:
    """Negation outside the cue's own words: a ``neg`` dependent of the cue, or of the word the
    cue modifies when the cue is a modal, adverb or predicate adjective ("could not", "did not
    clearly say", "is not optimistic"), or a negating word right before it. Negation of a verb
    that merely governs the cue's clause ("did not say whether Russia is stalling") does not count."""
    inside = range(span.start, span.end)
    heads = [span.root.head] if span.root.dep_ in ("aux", "auxpass", "advmod", "acomp", "amod", "attr", "dobj") else []
    for token in [*span, *heads]:
        if any(c.dep_ == "neg" and c.i not in inside for c in token.children):
            return True
    return span.start > 0 and span.doc[span.start - 1].lower_ in _NEGATIONS


def cue_rows(doc: Doc, sent_ids: list[int], sentences: list[dict], quotes: list[dict], matcher: CueMatcher) -> list[dict]:
    """One row per cue in a parsed document, with its voice and source from the quote rows.
    The matcher is the analysis' own, so its lexicons decide, whatever a pipeline component found."""
    spans = matcher(doc)
    direct = [q for q in quotes if q["kind"] == "direct"]
    reported = [q for q in quotes if q["kind"] == "indirect"]
    rows = []
    for span in spans:
        start, end = span.start_char, span.end_char
        voice, source = "authorial", None
        for kind, pool in (("quoted", direct), ("attributed", reported)):
            holders = [q for q in pool if q["start"] <= start and end <= q["end"]]
            if holders:
                tightest = min(holders, key=lambda q: q["end"] - q["start"])
                voice, source = kind, tightest["speaker"]
                break
        sent_id = sent_ids[span.start]
        rows.append(
            {
                "sent_id": sent_id, "start": start, "end": end, "text": span.text,
                "category": span.label_, "cue": span.kb_id_, "voice": voice, "source": source,
                "negated": is_negated(span), "sentence": sentences[sent_id]["text"] if sentences else "",
            }
        )
    return rows
