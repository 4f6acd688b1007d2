"""Reporting verbs in use: is this token a verb that introduces speech, and what does it report?"""

from __future__ import annotations

from spacy.tokens import Span, Token

from toolkit.extract.quotes.context import SOURCE_NOUNS, QuoteContext


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
        if child.dep_ == "ccomp" and not ctx.quoted[child.i]:
            return child
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for comp in prep.children:
            if prep.lower_ in ("of", "about") and comp.dep_ == "pcomp" and comp.tag_ == "VBG" and not ctx.quoted[comp.i]:
                return comp
            # "said in a statement that ...": the parser may hang the clause on the noun
            if comp.dep_ == "pobj" and comp.lemma_.lower() in SOURCE_NOUNS:
                for clause in comp.children:
                    if clause.dep_ in ("ccomp", "acl") and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
                        return clause
    return None
