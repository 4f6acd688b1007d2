"""Direct quotations and who said them.

Each quotation is attributed, in this order, to the nearest reporting verb outside any
quotation in the sentence where it ends ('"...," the White House said') or starts ('Sybiha
said, "..."'); to "according to X" in those sentences; to the subject of the clause that
contains it ('Putin ... "agreed to begin ..."'); or to the speaker of the previous quotation,
when it continues that one.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from toolkit.extract.quotes.context import QuoteContext
from toolkit.extract.quotes.speakers import PRONOUNS, SPEAKER_LABELS, according_to, speaker, subject
from toolkit.extract.quotes.verbs import is_reporting, reported_clause, verb_key

_MIN_CLAUSE_QUOTE_TOKENS = 3  # shorter quotes inside a clause are usually scare quotes


def _ancestors(span: Span) -> list[Token]:
    token, chain = span.root, []
    while token.head.i != token.i:
        token = token.head
        chain.append(token)
    return chain


def attribution_verb(ctx: QuoteContext, span: Span) -> Token | None:
    """The reporting verb that governs the quote, else the nearest one after it in its last
    sentence, else the nearest one before it in its first sentence; a verb that reports a
    clause of its own, not containing the quote, is passed over."""
    first, last = ctx.sentence_of(span.start), ctx.sentence_of(span.end - 1)
    for token in _ancestors(span):
        if first.start <= token.i < last.end and is_reporting(ctx, token, span):
            return token

    def free(token: Token) -> bool:
        clause = reported_clause(ctx, token)
        return clause is None or any(span.start <= t.i < span.end for t in clause.subtree)

    after = [t for t in last if t.i >= span.end and is_reporting(ctx, t, span) and free(t)]
    if after:
        return after[0]
    before = [t for t in first if t.i < span.start and is_reporting(ctx, t, span) and free(t)]
    if before:
        return before[-1]
    return introducing_verb(ctx, span)


def introducing_verb(ctx: QuoteContext, span: Span) -> Token | None:
    """For a quote that opens a paragraph right after one ending in a colon ("Trump said in a
    statement:"), the reporting verb of that colon's sentence."""
    here = ctx.paragraph(span.start_char)
    if here == 0 or span.start_char - ctx.paragraph.starts[here] > 1:
        return None
    previous = ctx.text[: ctx.paragraph.starts[here]].rstrip()
    if not previous.endswith(":"):
        return None
    colon = ctx.doc.char_span(len(previous) - 1, len(previous), alignment_mode="expand")
    verbs = [t for t in ctx.sentence_of(colon.start) if is_reporting(ctx, t)]
    return verbs[-1] if verbs else None


def clause_subject(ctx: QuoteContext, span: Span) -> tuple[Token, Token] | None:
    """The verb outside the quote whose clause contains it, and its subject, when the subject
    is a named speaker (person, organisation, place) or a pronoun standing for one."""
    if sum(1 for t in span if not (t.is_punct or t.is_space)) < _MIN_CLAUSE_QUOTE_TOKENS:
        return None
    for token in _ancestors(span):
        if ctx.quoted[token.i] or not token.tag_.startswith("VB"):
            continue
        subj = subject(token)
        if subj is None or ctx.quoted[subj.i]:
            continue
        named = subj.i in ctx.ent_of and ctx.ent_of[subj.i].label_ in SPEAKER_LABELS
        return (token, subj) if named or subj.lower_ in PRONOUNS else None
    return None


def continues(ctx: QuoteContext, previous: dict, row: dict) -> bool:
    """A quote with no attribution of its own continues the previous quote when it is in
    the same paragraph, or opens the next paragraph."""
    if previous["speaker"] is None:
        return False
    here, before = ctx.paragraph(row["start"]), ctx.paragraph(previous["start"])
    opens_paragraph = row["start"] - ctx.paragraph.starts[here] <= 1
    return here == before or (here == before + 1 and opens_paragraph)


def direct_rows(ctx: QuoteContext) -> list[dict]:
    """One row per quotation, with its speaker, verb and the rule that attributed it."""
    rows: list[dict] = []
    previous: dict | None = None
    for m in ctx.marks:
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        first, last = ctx.sentence_of(span.start), ctx.sentence_of(span.end - 1)
        row = {
            "sent_id": ctx.sent_ids[span.start], "start": m.start, "end": m.end,
            "text": ctx.text[m.start : m.end], "kind": "direct",
            "speaker": None, "speaker_text": None, "verb": None, "verb_class": None,
            "attribution": None, "n_tokens": sum(1 for t in span if not (t.is_punct or t.is_space)),
            "closed": m.closed,
        }
        verb = attribution_verb(ctx, span)
        subj = subject(verb) if verb is not None else None
        if subj is not None:
            key = verb_key(verb)
            row["verb"], row["verb_class"], row["attribution"] = key, ctx.verbs[key].verb_class, "verb"
        elif (obj := according_to(ctx, first) or according_to(ctx, last)) is not None:
            subj, row["verb"], row["verb_class"], row["attribution"] = obj, "according to", "neutral", "according_to"
        elif (found := clause_subject(ctx, span)) is not None:
            clause_verb, subj = found
            key = verb_key(clause_verb)
            entry = ctx.verbs.get(key)
            row["verb"], row["verb_class"] = key, entry.verb_class if entry else "other"
            row["attribution"] = "clause"
        if subj is not None:
            row["speaker"], row["speaker_text"] = speaker(ctx, subj)
        elif previous is not None and continues(ctx, previous, row):
            for key in ("speaker", "speaker_text", "verb", "verb_class"):
                row[key] = previous[key]
            row["attribution"] = "continued"
        rows.append(row)
        previous = row
    return rows
