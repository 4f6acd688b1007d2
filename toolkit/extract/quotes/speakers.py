"""Who is speaking: the subject of a reporting verb, resolved to a named entity, a pronoun's
antecedent, the source behind "according to", or the subject's own noun phrase."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span, Token

from toolkit.extract.quotes.context import SOURCE_NOUNS, QuoteContext
from toolkit.resources.actors import TITLES, normalize_name
from toolkit.resources.agents import agent_nouns, organisation_nouns, role_nouns
from toolkit.resources.given_names import TITLE_GENDER, gender_of_name

SUBJECT_DEPS = ("nsubj", "nsubjpass")
_NP_PARTS = {"det", "amod", "compound", "nummod", "poss", "quantmod", "nmod", "predet", "case"}
# Pronoun -> entity labels its antecedent may have, and the gender it marks. "it" is never a
# nationality ("Chinese"); "they" may be a group named as a noun ("the Russians"), not as an adjective.
PRONOUNS = {"he": ("PERSON",), "she": ("PERSON",), "it": ("ORG", "GPE"), "they": ("ORG", "NORP")}
PRONOUN_GENDER = {"he": "male", "she": "female"}
POSSESSIVES = {"his": "he", "her": "she", "its": "it", "their": "they"}  # "his campaign said"
SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")
# the last word of each personal title ("Chancellor", "Minister", "Mr."): a name right after one is a person
_TITLE_WORDS = frozenset(t.split()[-1] for t in TITLES)


def subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it is coordinated with or depends on."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return subject(verb.head)
    return None


def reporter_of(verb: Token) -> Token | None:
    """The subject of a reporting verb. A reporting verb coordinated with the verb of a
    reported clause belongs to the reporter: in "Hallam acknowledged that the margin was
    narrow but said he was hopeful" the parser hangs "said" on "was", yet Hallam said it."""
    own = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if own is None and verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and verb.head.head.i != verb.head.i:
        return subject(verb.head.head)
    return subject(verb)


def _is_subject(e: Span) -> bool:
    """An entity that is a clause's subject, or the name in apposition to one ("Sealine's
    director, Owen Pask, said")."""
    return any(t.dep_ in SUBJECT_DEPS for t in e) or (e.root.dep_ == "appos" and e.root.head.dep_ in SUBJECT_DEPS)


def antecedent(ctx: QuoteContext, pronoun: Token) -> Span | None:
    """The entity a pronoun stands for (see ``_antecedent``), found once per pronoun."""
    if pronoun.i not in ctx.antecedents:
        ctx.antecedents[pronoun.i] = None  # a chain that comes back here ends here
        ctx.antecedents[pronoun.i] = _antecedent(ctx, pronoun)
    return ctx.antecedents[pronoun.i]


def _antecedent(ctx: QuoteContext, pronoun: Token) -> Span | None:
    """The nearest earlier entity of the pronoun's kind: for "he" and "she" a person of that
    gender or of unknown gender (``toolkit/data/given_names.csv``, "Mr." / "Ms." before the
    name in the report), for "it" an institution or place, for "they" an institution or a group
    named as a noun; preferring one that is a subject, outside quotes, within the last five
    sentences that have words outside quotes. An earlier subject that is the same pronoun
    stands for its own antecedent ("..., he told the Gazette. He acknowledged ..."), a subject
    like any other."""
    word = POSSESSIVES.get(pronoun.lower_, pronoun.lower_)
    labels = PRONOUNS[word]
    wanted = PRONOUN_GENDER.get(word)
    seen = 0
    for n in range(ctx.sent_index[pronoun.i], -1, -1):
        sent = ctx.sents[n]
        if all(ctx.quoted[t.i] or t.is_space for t in sent):
            continue
        found = list(dict.fromkeys(
            ctx.ent_of[t.i] for t in sent
            if t.i < pronoun.i and t.i in ctx.ent_of and not ctx.quoted[t.i]
            and (label_of(ctx, ctx.ent_of[t.i]) in labels or (word == "it" and _unmarked_name(ctx, ctx.ent_of[t.i])))
        ))
        found = [e for e in found if _fits(ctx, e, word, wanted)]
        chained = [antecedent(ctx, t) for t in sent if t.i < pronoun.i and t.lower_ == word
                   and t.dep_ in SUBJECT_DEPS and not ctx.quoted[t.i]]
        subjects = {e.start for e in found if _is_subject(e)} | {e.start for e in chained if e is not None}
        found = list(dict.fromkeys([*found, *(e for e in chained if e is not None)]))
        if found:
            # a subject first (the sentence's topic), then a person whose known gender the
            # pronoun's matches over one of unknown gender, then the first named
            return min(found, key=lambda e: (e.start not in subjects,
                                             wanted is not None and person_gender(ctx, e) != wanted, e.start))
        seen += 1
        if seen == 5:
            break
    return None


def _unmarked_name(ctx: QuoteContext, ent: Span) -> bool:
    """A name the tagger calls a person with nothing in the report to show it is one (no
    title, no given name of known gender): "Orvella said it had acted" may be a company."""
    return ent.label_ == "PERSON" and label_of(ctx, ent) == "PERSON" and person_gender(ctx, ent) == "unknown" \
        and not (ent.start > 0 and ctx.doc[ent.start - 1].text in _TITLE_WORDS)


def label_of(ctx: QuoteContext, ent: Span) -> str:
    """An entity's label, a PERSON when the report writes its last word after "Mr." or "Ms."
    or the name follows a personal title (the small tagger takes an unfamiliar name for a
    place or an organisation now and then)."""
    last = ent.text.split()[-1].lower() if ent.text.split() else ""
    if last in ctx.title_gender:
        return "PERSON"
    if ent.label_ != "PERSON" and ent.start > 0 and ctx.doc[ent.start - 1].text in _TITLE_WORDS:
        return "PERSON"  # "Chancellor Olaf Scholz", tagged ORG by the small model
    if ent.label_ in ("ORG", "GPE") and not ent.ent_id_ and ent.text.split():
        full = ctx.names.full_names.get(ent.text.split()[-1].casefold())
        if full is not None and (" " not in ent.text or full == normalize_name(ent.text)):
            # a name the report also tags as a person: "Trump" after "Donald Trump", or
            # "Sofia Renner" tagged ORG in one sentence and PERSON in another
            return "PERSON"
    return ent.label_


def _fits(ctx: QuoteContext, ent: Span, pronoun: str, wanted: str | None) -> bool:
    if pronoun == "they" and ent.label_ == "NORP" and (ent.root.dep_ == "amod" or ent.root.pos_ == "ADJ"):
        return False  # "Chinese officials": an adjective, not a group that speaks
    if wanted is None:
        return True
    return person_gender(ctx, ent) in (wanted, "unknown")


def person_gender(ctx: QuoteContext, ent: Span) -> str:
    """A person's gender as the report marks it: a title before the name ("Mr.", "Ms."), else
    the usual gender of the given name of its full form in the report, else "unknown"."""
    before = ctx.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before in TITLE_GENDER:
        return TITLE_GENDER[before]
    full = name_of(ctx, ent)
    gender = gender_of_name(full)
    if gender != "unknown":
        return gender
    surname = full.split()[-1].lower() if full.split() else ""
    return ctx.title_gender.get(surname, "unknown")


def name_of(ctx: QuoteContext, ent: Span) -> str:
    label = "PERSON" if ent.label_ == "GPE" and label_of(ctx, ent) == "PERSON" else ent.label_
    return ctx.names.resolve(ent.text, label, ent.ent_id_)[1]


def speaker(ctx: QuoteContext, subj: Token) -> tuple[str, str]:
    """``(speaker, speaker_text)`` for a subject token: a named entity (directly, as the owner
    of "the Kremlin's statement", in "a spokesman for the Kremlin", or by apposition: "its
    foreign minister, Andrii Sybiha"), a pronoun's antecedent, or the noun phrase."""
    if subj.lower_ in ("who", "which", "that") and subj.head.dep_ == "relcl":
        subj = subj.head.head  # "Peskov, who also said ..." -> Peskov
    if subj.lower_ in PRONOUNS:
        ent = antecedent(ctx, subj)
        if ent is not None:
            return name_of(ctx, ent), subj.text
        group = plural_antecedent(ctx, subj) if subj.lower_ == "they" else None
        return (noun_phrase(ctx, group), subj.text) if group is not None else (subj.text, subj.text)
    owner = next((c for c in subj.children if c.dep_ == "poss" and c.lower_ in POSSESSIVES), None)
    if owner is not None and subj.i not in ctx.ent_of and named_dependent(ctx, subj) is None:
        ent = antecedent(ctx, owner)  # "his campaign said": the campaign of the man named before
        if ent is not None:
            rest = [t for t in ctx.doc[min(x.i for x in subj.subtree) : subj.i + 1] if t.i != owner.i]
            phrase = noun_phrase(ctx, subj)
            return f"{name_of(ctx, ent)}'s {' '.join(t.text for t in rest if t.dep_ != 'det')}", phrase
    if subj.lemma_.lower() in organisation_nouns() and any(c.lower_ in ("the", "this") for c in subj.children):
        ent = nearest_organisation(ctx, subj)  # "the company said": the company named before
        if ent is not None:
            return name_of(ctx, ent), noun_phrase(ctx, subj)
    if subj.lemma_.lower() in role_nouns() and subj.tag_ == "NN" and any(c.lower_ == "the" for c in subj.children):
        ent = office_holder(ctx, subj)  # "the Russian leader said": the Russian named before with a title
        if ent is not None:
            return name_of(ctx, ent), noun_phrase(ctx, subj)
    if subj.i not in ctx.ent_of:
        named = named_dependent(ctx, subj)
        if named is not None:
            subj = named
    ent = ctx.ent_of.get(subj.i)
    if ent is not None:
        return name_of(ctx, ent), ent.text
    phrase = noun_phrase(ctx, subj)
    if subj.pos_ == "PROPN":  # a name the tagger missed: still merge it with its full form
        return ctx.names.resolve(phrase, "")[1], phrase
    return phrase, phrase


def noun_phrase(ctx: QuoteContext, head: Token) -> str:
    """A noun with its determiners and modifiers ("some administration officials", "two
    officials familiar with the talks", "two diplomats who attended the sessions"), stopping at
    a comma or a quotation."""
    left = [t for c in head.lefts if c.dep_ in _NP_PARTS for t in c.subtree]
    right = [t for c in head.rights if c.dep_ in ("amod", "acl", "relcl") and not ctx.quoted[c.i]
             and not any(ctx.doc[i].text in ",;:" for i in range(head.i + 1, c.i)) for t in c.subtree]
    tokens = sorted([*left, head, *right], key=lambda t: t.i)
    return ctx.doc[tokens[0].i : tokens[-1].i + 1].text


def plural_antecedent(ctx: QuoteContext, pronoun: Token) -> Token | None:
    """For "they": the nearest earlier plural subject that names people ("two shift
    supervisors ... they said"), within the last three sentences."""
    for n in range(ctx.sent_index[pronoun.i], max(-1, ctx.sent_index[pronoun.i] - 4), -1):
        candidates = [t for t in ctx.sents[n] if t.i < pronoun.i and t.dep_ in SUBJECT_DEPS and t.tag_ in ("NNS", "NNPS")
                      and not ctx.quoted[t.i] and t.lemma_.lower() in agent_nouns()]
        if candidates:
            return candidates[-1]
    return None


def nearest_organisation(ctx: QuoteContext, before: Token) -> Span | None:
    """The organisation "the company" or "the board" stands for: of those named outside quotes
    in this sentence or the five before, the nearest whose name holds the noun ("the Marrowby
    electoral board"), else the one the report has named most often so far, the nearest of
    those tied. A name the report also tags as a person is left out."""
    first = ctx.sents[max(0, ctx.sent_index[before.i] - 5)].start
    window, counts = [], Counter()
    for i in range(before.i - 1, -1, -1):
        ent = ctx.ent_of.get(i)
        if ent is None or ent.start != i or ent.label_ != "ORG" or ctx.quoted[i] or label_of(ctx, ent) != "ORG":
            continue
        counts[name_of(ctx, ent)] += 1
        if i >= first:
            window.append(ent)
    if not window:
        return None
    noun = before.lower_
    named = [e for e in window if noun in e.text.lower().split()]
    if named:
        return named[0]
    return max(window, key=lambda e: (counts[name_of(ctx, e)], e.start))


def office_holder(ctx: QuoteContext, role: Token) -> Span | None:
    """The person an office stands for ("the Russian leader", "the president"): the nearest
    person named earlier in the report, outside quotes, with the office's qualifier
    ("Russian") or the office itself ("President") among the three words before the name.
    Failing that, for a national qualifier, the one person named earlier with a title whom no
    mention ties to another country: in "US President Donald Trump ... President Vladimir
    Putin ... the Russian leader", Putin."""
    marks = {c.lower_ for c in role.children if c.dep_ in ("amod", "compound")} or {role.lower_}
    national = any(c.dep_ in ("amod", "compound") and ctx.ent_of.get(c.i) is not None
                   and ctx.ent_of[c.i].label_ in ("NORP", "GPE") for c in role.children)
    nearest: dict[str, Span] = {}
    titled: set[str] = set()
    foreign: set[str] = set()
    for i in range(role.i - 1, -1, -1):
        ent = ctx.ent_of.get(i)
        if ent is None or ent.start != i or ctx.quoted[i] or label_of(ctx, ent) != "PERSON":
            continue
        before = ctx.doc[max(0, ent.start - 3) : ent.start]
        if marks & {t.lower_ for t in before}:
            return ent
        name = name_of(ctx, ent)
        nearest.setdefault(name, ent)
        if ent.start > 0 and ctx.doc[ent.start - 1].text in _TITLE_WORDS:
            titled.add(name)
        if any(ctx.ent_of.get(t.i) is not None and ctx.ent_of[t.i].label_ in ("NORP", "GPE") for t in before):
            foreign.add(name)
    if national:
        open_ = [name for name in titled if name not in foreign]
        if len(open_) == 1:
            return nearest[open_[0]]
    return None


def named_dependent(ctx: QuoteContext, subj: Token) -> Token | None:
    """The entity a common-noun subject stands for: its apposition, or for a source noun
    ("statement", "spokesman") its owner, the name before it or the object of "for"."""
    for child in subj.children:
        if child.dep_ == "appos" and child.i in ctx.ent_of and ctx.ent_of[child.i].label_ in SPEAKER_LABELS:
            return child
    if subj.lemma_.lower() in SOURCE_NOUNS:
        for child in subj.children:
            if child.dep_ in ("poss", "compound") and child.i in ctx.ent_of:
                return child  # "the Kremlin's statement", "a Kremlin statement"
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
