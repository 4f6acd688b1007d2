"""Reported speech: a reporting verb with a subject and a clause ("Zelensky said his country
would ..."), and sentences marked by "according to X"."""

from __future__ import annotations

from spacy.tokens import Token

from toolkit.extract.quotes.context import QuoteContext
from toolkit.extract.quotes.speakers import according_to, reporter_of, speaker
from toolkit.extract.quotes.verbs import characterisation, is_reporting, reported_clause, verb_key


def _overlap(start: int, end: int, quoted_chars: list[tuple[int, int]]) -> int:
    return sum(max(0, min(end, e) - max(start, s)) for s, e in quoted_chars)


_ASIDES = {"although", "though", "whereas", "while"}


def _without_asides(tokens: list[Token], clause: Token) -> list[Token]:
    """The reported clause up to a concessive aside of the reporter's that hangs on it
    ("... would begin immediately, although it was unclear ...")."""
    for child in clause.children:
        if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _ASIDES for c in child.children):
            cut = min(t.i for t in child.subtree)
            kept = [t for t in tokens if t.i < cut]
            while kept and (kept[-1].is_punct and kept[-1].text in ",;:-\u2013\u2014"):
                kept.pop()
            return kept or tokens
    return tokens


def _trailing(ctx: QuoteContext, verb: Token, subj: Token) -> list[Token]:
    """The words a sentence-final attribution reports: "Putin agreed to a truce, the Kremlin
    said in a statement." gives "Putin agreed to a truce" when the parser did not hang it on the
    verb. The subject follows a comma, and nothing but the verb's own words comes after it."""
    if not ctx.is_speech(verb):
        return []
    sent = ctx.sentence_of(verb.i)
    first = min(t.i for t in subj.subtree)
    if first <= sent.start + 2 or ctx.doc[first - 1].text != ",":
        return []
    rest = [t for t in ctx.doc[verb.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
    if any(t.head.i != verb.i and verb.i not in [a.i for a in t.ancestors] for t in rest):
        return []
    return [t for t in ctx.doc[sent.start : first - 1] if not t.is_space]


def reported_rows(ctx: QuoteContext, direct: list[dict]) -> list[dict]:
    """Reported speech not already carried by a direct quote (less than half inside one):
    ``indirect``, or ``mixed`` when a partial quotation sits inside it. A naming verb's
    predicate ("called it a Sputnik moment") is reported speech too."""
    rows = []
    quoted_chars = [(r["start"], r["end"]) for r in direct]
    for i in sorted(ctx.candidates):
        verb = ctx.doc[i]
        clause = reported_clause(ctx, verb) if is_reporting(ctx, verb) else characterisation(ctx, verb)
        subj = reporter_of(verb)
        if subj is None or ctx.quoted[subj.i]:
            continue
        if clause is None:
            tokens = _trailing(ctx, verb, subj)  # "Putin agreed to ..., the Kremlin said."
            if not tokens:
                continue
        else:
            tokens = _without_asides([t for t in clause.subtree if not t.is_space], clause)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        trimmed = ctx.text[start:end].rstrip(" ,;:\u201c\u201d\"")
        end = start + len(trimmed)
        inside = _overlap(start, end, quoted_chars)
        if end <= start or inside > 0.5 * (end - start):
            continue
        key = verb_key(verb)
        row = _row(ctx, tokens, start, end, subj, key, ctx.verbs[key].verb_class, "verb",
                   kind="mixed" if inside else "indirect")
        row["_verb"] = verb.idx
        rows.append(row)
    _extend_nested(ctx, rows, quoted_chars)
    for row in rows:
        del row["_verb"]
    return rows + according_rows(ctx, quoted_chars)


def _extend_nested(ctx: QuoteContext, rows: list[dict], quoted_chars: list[tuple[int, int]]) -> None:
    """A report inside a sentence-final attribution runs to where that attribution's words end:
    in "Putin told Trump that A, and B, the Kremlin said", Putin's report is "A, and B", however
    the parser attached B."""
    for outer in rows:
        if outer["_verb"] < outer["end"]:
            continue  # not a sentence-final attribution
        for inner in rows:
            if inner is outer or not (outer["start"] <= inner["_verb"] < inner["start"] < inner["end"] < outer["end"]):
                continue
            start, end = inner["start"], outer["end"]
            tokens = [t for t in ctx.doc if start <= t.idx < end and not t.is_space]
            inside = _overlap(start, end, quoted_chars)
            inner.update(end=end, text=ctx.text[start:end], kind="mixed" if inside else "indirect",
                         n_tokens=sum(1 for t in tokens if not t.is_punct and not ctx.quoted[t.i]))


def according_rows(ctx: QuoteContext, quoted_chars: list[tuple[int, int]]) -> list[dict]:
    """Reported speech marked by "according to X": the rest of the sentence is X's account."""
    rows = []
    for sent in ctx.sents:
        source = according_to(ctx, sent)
        if source is None:
            continue
        phrase = source.head.head  # "according" -> "to" -> source
        # the phrase from "according" to the end of its source, however the parser hung it
        last = max(max(t.i for t in phrase.subtree), max(t.i for t in source.subtree))
        skip = {t.i for t in phrase.subtree} | set(range(phrase.i, last + 1))
        tokens = [t for t in sent if t.i not in skip and not t.is_space]
        tokens = [t for t in tokens if not (t.is_punct and t.text in ",;:" and (t.i - 1 in skip or t.i + 1 in skip))]
        while tokens and tokens[-1].is_punct and tokens[-1].text in ".,;:!?":
            tokens.pop()  # the sentence's full stop, or a comma left before the phrase
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        inside = _overlap(start, end, quoted_chars)
        if inside > 0.5 * (end - start):
            continue
        rows.append(_row(ctx, tokens, start, end, source, "according to", "neutral", "according_to",
                         kind="mixed" if inside else "indirect"))
    return rows


def _row(ctx: QuoteContext, tokens: list[Token], start: int, end: int, subj: Token, verb: str, verb_class: str, how: str,
         kind: str = "indirect") -> dict:
    who, who_text = speaker(ctx, subj)
    return {
        "sent_id": ctx.sent_ids[tokens[0].i], "start": start, "end": end, "text": ctx.text[start:end],
        "kind": kind, "speaker": who, "speaker_text": who_text, "verb": verb,
        "verb_class": verb_class, "attribution": how,
        # words inside a direct quote are counted with that quote, not twice
        "n_tokens": sum(1 for t in tokens if not t.is_punct and t.idx < end and not ctx.quoted[t.i]),
        "closed": True,
    }
