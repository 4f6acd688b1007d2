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
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from toolkit.extract.quotes.context import QuoteContext
from toolkit.extract.quotes.speakers import POSSESSIVES, antecedent, name_of, named_dependent, speaker, subject
from toolkit.resources.agents import agent_nouns, organisation_nouns, role_nouns
from toolkit.resources.lexicons import CueEntry, compile_pattern

CUE_COLUMNS = [
    "doc_id", "sent_id", "start", "end", "text", "category", "cue", "voice", "source", "holder", "negated", "sentence",
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
    after = doc[span.end] if span.end < len(doc) else None
    if "not_before" in conditions and after is not None and after.lower_ in conditions["not_before"]:
        return False  # "possible to" (feasibility), not "possible that"
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


REPORTER = "reporter"  # the holder of a stance the report takes in its own words
_DESCRIBING = ("amod", "compound", "acomp", "npadvmod", "advmod", "attr")
_HOLDING = ("VERB", "ADJ", "AUX")  # cues that are a verb or a predicate: their subject holds the stance
_ADVERBIAL = ("advmod", "prep", "npadvmod", "intj", "cc", "punct")  # a cue that comments on its verb
_COMMITMENT = ("booster", "hedge", "approximator")  # categories of the writer's commitment to a claim


def described_holder(span: Span, ctx: QuoteContext | None = None, evaluation: bool = False) -> str | None:
    """Whose stance an authorial cue describes, or None when the report holds it itself:

    - the owner of the noun the cue is or qualifies ("Mr. Trump's public *optimism*"), or the
      source that noun comes "from", "of" or "by" ("*optimistic*-sounding pronouncements from
      the White House");
    - X in a sentence that opens "For X, ..." ("For Mr. Trump, a cease-fire is a *first step*");
    - the subject of a cue that is a verb or predicate, when the subject is an actor, a
      pronoun standing for one, or people ("Vidrel *rejected* the charge", "investors appeared
      *unconvinced*", "she *believes*"); a thing as subject ("the talks *fell short*") leaves
      the stance with the reporter, and so does any subject of a rule marked ``evaluation``
      (the report judges its subject: "the president *did not achieve* his aim").

    A rule marked ``evidential`` ("*accused* Kestrany of stalling") is the report's own outside
    quotation marks, whoever the subject (``cue_rows`` sees to it)."""
    token = span.root
    framed = _for_holder(token, ctx)
    if framed is not None:
        return framed
    # a booster or hedge that is an adverbial of its verb ("in fact", "of course", "clearly") is
    # the writer's comment on the clause, not the subject's stance; an adverb of manner in the
    # other categories describes the subject ("spoke positively of the call")
    writers = token.dep_ in _ADVERBIAL and span.label_ in _COMMITMENT
    climb = [token] if writers else [token, token.head]
    verb = next((t for t in climb if t.pos_ in _HOLDING and t.dep_ not in ("amod",)), None)
    if verb is not None and verb.dep_ in ("acomp", "oprd", "attr", "xcomp") and verb.head.i != verb.i:
        verb = verb.head  # a predicate: "investors appeared unconvinced"
    if verb is not None and ctx is not None and not evaluation:
        subj = subject(verb)
        if subj is not None and subj.lower_ in ("we", "i", "us"):
            return None  # "We could not verify that": outside quotes, the publication's own voice
        if subj is not None and not ctx.quoted[subj.i] and _is_agent(ctx, subj):
            return speaker(ctx, subj)[0]
    for _ in range(3):  # climb from a modifier to the noun it qualifies
        if token.pos_ in ("NOUN", "PROPN"):
            break
        if token.dep_ not in _DESCRIBING or token.head.i == token.i:
            return None
        token = token.head
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    nouns = [token]
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        nouns.append(token.head.head)  # "Mr Vidrel's talk of *progress*", "their hopes of a *breakthrough*"
    for noun in nouns:
        for child in noun.children:
            if child.dep_ == "poss" and (owner := _owner(child, ctx)) is not None:
                return owner  # "Mr Bruck's optimism", "the mayor's optimism", "the company's upbeat tone"
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "of", "by"):
            for obj in child.children:
                if obj.dep_ == "pobj" and (owner := _owner(obj, ctx)) is not None:
                    return owner  # "upbeat statements from the company"
        if child.dep_ == "relcl" and ctx is not None:
            subj = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ not in ("that", "which", "who") and _is_agent(ctx, subj) \
                    and not ctx.quoted[subj.i]:
                return speaker(ctx, subj)[0]  # "the breakthrough that mediators had promised"
    return None


def _owner(token: Token, ctx: QuoteContext | None) -> str | None:
    """The person or institution a possessor or a "from"/"of"/"by" object names: an entity, a
    name the tagger missed, a pronoun's antecedent, an organisation ("the company") or an
    office ("the mayor") resolved as a speaker would be; None for anything else."""
    if token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return _name(token, ctx)
    if ctx is None or ctx.quoted[token.i]:
        return None
    if token.pos_ == "PROPN":  # "Mr Bruck's", untagged: the name with its compound words
        words = [c for c in token.lefts if c.dep_ == "compound"] + [token]
        return ctx.names.resolve(" ".join(t.text for t in words), "PERSON")[1]
    noun = token.lemma_.lower()
    if noun in organisation_nouns() or (noun in role_nouns() and any(c.lower_ == "the" for c in token.children)):
        return speaker(ctx, token)[0]
    if token.lower_ in POSSESSIVES:
        ent = antecedent(ctx, token)
        return name_of(ctx, ent) if ent is not None else None
    return None


def _for_holder(token: Token, ctx: QuoteContext | None) -> str | None:
    """The X of a sentence that opens "For X, ...": the clause is X's view ("For Mr. Trump, a
    cease-fire is a *first step*"), when X is a person or institution."""
    root = token
    while root.head.i != root.i:
        root = root.head
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "for" and child.i <= root.sent.start + 1:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            following = obj.doc[obj.i + 1] if obj is not None and obj.i + 1 < len(obj.doc) else None
            if obj is not None and obj.ent_type_ in ("PERSON", "ORG") and following is not None and following.text == ",":
                return _name(obj, ctx)
    return None


def _is_agent(ctx: QuoteContext, subj: Token) -> bool:
    """A subject that can hold a stance: a named actor, a personal pronoun, people, or one
    person described ("the Russian leader", "the US envoy")."""
    if subj.i in ctx.ent_of and ctx.ent_of[subj.i].label_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if subj.lower_ in ("he", "she", "they", "who") or subj.pos_ == "PROPN":
        return True  # a pronoun, or a name the tagger did not mark ("Renner herself refused")
    noun = subj.lemma_.lower()
    if noun in organisation_nouns() or named_dependent(ctx, subj) is not None:
        return True  # "the board rejected", "its chief negotiator, Tomas Vidrel, rejected"
    if noun in agent_nouns() and subj.tag_ == "NN":  # "the Russian leader declined": one person, described
        children = list(subj.children)
        return any(c.dep_ == "det" and c.lower_ == "the" for c in children) and \
            any(c.dep_ in ("amod", "compound") for c in children) or \
            any(c.dep_ == "poss" and (c.i in ctx.ent_of or c.lower_ in POSSESSIVES) for c in children)
    return subj.tag_ == "NNS" and noun in agent_nouns()


def _name(token, ctx: QuoteContext | None) -> str:
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    if ent is None:
        return token.text
    return ctx.names.resolve(ent.text, ent.label_, ent.ent_id_)[1] if ctx is not None else ent.text


def cue_rows(doc: Doc, sent_ids: list[int], sentences: list[dict], quotes: list[dict], matcher: CueMatcher,
             ctx: QuoteContext | None = None) -> list[dict]:
    """One row per cue in a parsed document, with its voice and source from the quote rows, and
    its ``holder``: the source of a quoted or attributed cue, the person or institution whose
    stance an authorial cue describes ("Mr. Trump's optimism"), else the reporter.
    The matcher is the analysis' own, so its lexicons decide, whatever a pipeline component found."""
    spans = matcher(doc)
    direct = [q for q in quotes if q["kind"] == "direct"]
    reported = [q for q in quotes if q["kind"] != "direct"]
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
        conditions = matcher.entries[f"{span.label_}::{span.kb_id_}"].conditions
        if "evidential" in conditions and voice != "quoted":
            voice, source, holder = "authorial", None, REPORTER  # "accused X of": the report's distance from X's claim
        else:
            holder = source if voice != "authorial" else (described_holder(span, ctx, "evaluation" in conditions)
                                                           or REPORTER)
        sent_id = sent_ids[span.start]
        rows.append(
            {
                "sent_id": sent_id, "start": start, "end": end, "text": span.text,
                "category": span.label_, "cue": span.kb_id_, "voice": voice, "source": source,
                "holder": holder if isinstance(holder, str) else None,
                "negated": is_negated(span), "sentence": sentences[sent_id]["text"] if sentences else "",
            }
        )
    return rows
