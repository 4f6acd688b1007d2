"""Reporting verbs in use: is this token a verb that introduces speech, and what does it report?"""

from __future__ import annotations

from spacy.tokens import Span, Token

from toolkit.extract.quotes.context import SOURCE_NOUNS, QuoteContext


# Nouns whose "that" clause holds what was said or thought: "raised concerns that ..."
_CONTENT_NOUNS = {"concern", "fear", "hope", "warning", "claim", "belief", "view", "assurance", "doubt", "worry"}


def verb_key(token: Token) -> str:
    """A verb's lemma, with its particle for phrasal verbs ("point out")."""
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    return f"{token.lemma_.lower()} {particles[0]}" if particles else token.lemma_.lower()


def is_reporting(ctx: QuoteContext, token: Token, quote: Span | None = None) -> bool:
    """A reporting verb outside quotes, used in a frame that introduces speech: "clause"
    verbs need a clausal complement, "characterise" verbs need the quote as a dependent."""
    if token.i not in ctx.candidates or not token.tag_.startswith("VB") or ctx.quoted[token.i]:
        return False
    entry = ctx.verbs.get(verb_key(token))
    if entry is None:
        return False
    if entry.frame == "clause":
        return any(c.dep_ == "ccomp" for c in token.children)
    if entry.frame == "characterise":
        return quote is not None and any(quote.start <= c.i < quote.end for c in token.children)
    return True


def reported_clause(ctx: QuoteContext, verb: Token) -> Token | None:
    """What a reporting verb reports: its clausal complement, or the gerund in
    "accused Putin of prolonging the war"."""
    for child in verb.children:
        if child.dep_ == "ccomp" and (not ctx.quoted[child.i] or _mostly_unquoted(ctx, child)) \
                and not (child.i < verb.i and any(t.text in (":", ";") for t in ctx.doc[child.i : verb.i])):
            # a clause whose verb sits in a partial quotation is still reported speech; a clause
            # before a colon is what the report says, not what the speaker does ("Saluk is
            # blunter: she accuses Kestrany of stalling")
            return child
    for obj in verb.children:  # "raised concerns that ...", "expressed hope that ..."
        if obj.dep_ == "dobj" and obj.lemma_.lower() in _CONTENT_NOUNS:
            for clause in obj.children:
                if clause.dep_ in ("acl", "ccomp") and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
                    return clause
    # "accused Putin of prolonging the war", also when the parser hangs "of" on the object
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for prep in [*verb.children, *(p for o in objects for p in o.children)]:
        if prep.dep_ != "prep":
            continue
        for comp in prep.children:
            if prep.lower_ in ("of", "about") and comp.dep_ == "pcomp" and comp.tag_ == "VBG" and not ctx.quoted[comp.i]:
                return comp
            if prep.head.i != verb.i:
                continue
            # "said in a statement that ...": the parser may hang the clause on the noun
            if comp.dep_ == "pobj" and comp.lemma_.lower() in SOURCE_NOUNS:
                for clause in comp.children:
                    if clause.dep_ in ("ccomp", "acl") and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
                        return clause
    return None


def characterisation(ctx: QuoteContext, verb: Token) -> Token | None:
    """What a naming verb says something is, without quote marks: the object predicate of
    "called it a Sputnik moment", the "as" phrase of "described this as the first step". The
    verb must be a reporting verb of the "characterise" frame with an object."""
    if verb.i not in ctx.candidates or ctx.quoted[verb.i] or not verb.tag_.startswith("VB"):
        return None
    entry = ctx.verbs.get(verb_key(verb))
    if entry is None or entry.frame != "characterise" or not any(c.dep_ == "dobj" for c in verb.children):
        return None
    for child in verb.children:
        if child.dep_ in ("oprd", "xcomp") and child.pos_ in ("NOUN", "PROPN", "ADJ") and not ctx.quoted[child.i]:
            return child
        if child.dep_ == "prep" and child.lower_ == "as":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and not ctx.quoted[obj.i]:
                return obj
    return None


def _mostly_unquoted(ctx: QuoteContext, head: Token) -> bool:
    """A clause with words of its own outside quotation marks: its subject at least."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and not ctx.quoted[c.i] for c in head.children)
