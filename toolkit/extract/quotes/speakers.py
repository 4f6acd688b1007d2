"""Who is speaking: the subject of a reporting verb, resolved to a named entity, a pronoun's
antecedent, the source behind "according to", or the subject's own noun phrase."""

from __future__ import annotations

from spacy.tokens import Span, Token

from toolkit.extract.quotes.context import SOURCE_NOUNS, QuoteContext

SUBJECT_DEPS = ("nsubj", "nsubjpass")
_NP_PARTS = {"det", "amod", "compound", "nummod", "poss", "quantmod", "nmod", "predet", "case"}
# Pronoun -> entity labels its antecedent may have.
PRONOUNS = {"he": ("PERSON",), "she": ("PERSON",), "it": ("ORG", "GPE", "NORP")}
SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")


def subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it is coordinated with or depends on."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return subject(verb.head)
    return None


def antecedent(ctx: QuoteContext, pronoun: Token) -> Span | None:
    """The nearest earlier entity of the pronoun's kind ("he" a person, "it" an institution or
    place), preferring one that is a subject, outside quotes, within the last five sentences
    that have words outside quotes. Gender is not checked."""
    labels = PRONOUNS[pronoun.lower_]
    seen = 0
    for n in range(ctx.sent_index[pronoun.i], -1, -1):
        sent = ctx.sents[n]
        if all(ctx.quoted[t.i] or t.is_space for t in sent):
            continue
        found = list(dict.fromkeys(
            ctx.ent_of[t.i] for t in sent
            if t.i < pronoun.i and t.i in ctx.ent_of and not ctx.quoted[t.i]
            and ctx.ent_of[t.i].label_ in labels
        ))
        if found:
            subjects = [e for e in found if any(t.dep_ in SUBJECT_DEPS for t in e)]
            return (subjects or found)[0]
        seen += 1
        if seen == 5:
            break
    return None


def name_of(ctx: QuoteContext, ent: Span) -> str:
    return ctx.names.resolve(ent.text, ent.label_, ent.ent_id_)[1]


def speaker(ctx: QuoteContext, subj: Token) -> tuple[str, str]:
    """``(speaker, speaker_text)`` for a subject token: a named entity (directly, as the owner
    of "the Kremlin's statement", in "a spokesman for the Kremlin", or by apposition: "its
    foreign minister, Andrii Sybiha"), a pronoun's antecedent, or the noun phrase."""
    if subj.lower_ in ("who", "which", "that") and subj.head.dep_ == "relcl":
        subj = subj.head.head  # "Peskov, who also said ..." -> Peskov
    if subj.lower_ in PRONOUNS:
        ent = antecedent(ctx, subj)
        return (name_of(ctx, ent), subj.text) if ent is not None else (subj.text, subj.text)
    if subj.i not in ctx.ent_of:
        named = named_dependent(ctx, subj)
        if named is not None:
            subj = named
    ent = ctx.ent_of.get(subj.i)
    if ent is not None:
        return name_of(ctx, ent), ent.text
    left = [t for c in subj.lefts if c.dep_ in _NP_PARTS for t in c.subtree]
    tokens = sorted([*left, subj], key=lambda t: t.i)
    phrase = ctx.doc[tokens[0].i : tokens[-1].i + 1].text
    if subj.pos_ == "PROPN":  # a name the tagger missed: still merge it with its full form
        return ctx.names.resolve(phrase, "")[1], phrase
    return phrase, phrase


def named_dependent(ctx: QuoteContext, subj: Token) -> Token | None:
    """The entity a common-noun subject stands for: its apposition, or for a source noun
    ("statement", "spokesman") its owner or the object of "for"."""
    for child in subj.children:
        if child.dep_ == "appos" and child.i in ctx.ent_of and ctx.ent_of[child.i].label_ in SPEAKER_LABELS:
            return child
    if subj.lemma_.lower() in SOURCE_NOUNS:
        for child in subj.children:
            if child.dep_ == "poss" and child.i in ctx.ent_of:
                return child
            if child.dep_ == "prep" and child.lower_ in ("for", "of"):
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.i in ctx.ent_of:
                        return obj
    return None


def according_to(ctx: QuoteContext, sent: Span) -> Token | None:
    """X in "according to X" outside quotes in the sentence, if any."""
    for i in ctx.according:
        token = ctx.doc[i]
        if sent.start <= i < sent.end and not ctx.quoted[i]:
            for prep in token.children:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return obj
    return None
