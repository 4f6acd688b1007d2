"""Who says what: direct and reported speech, with speaker and reporting verb.

Direct quotations are found from the quote marks in the text (curly, straight, guillemets);
a quote left open ends at its paragraph's end, as when a quote runs on into the next
paragraph. Each is attributed, in this order, to:

1. the nearest reporting verb outside any quotation in the sentence where the quote ends
   (after it: '"...," the White House said') or starts (before it: 'Sybiha said, "..."');
2. "according to X" in those sentences;
3. the subject of the clause that contains the quote ('Putin ... "agreed to begin ..."');
4. the speaker of the previous quote, when the quote continues it (same paragraph, or a
   paragraph that opens with the quote right after a quoted paragraph).

Reported speech is a reporting verb with a subject and a clausal complement
('Zelensky said his country would ...'). The speaker is the canonical actor when the
subject names one, a pronoun's antecedent (the nearest earlier person who is a subject),
or else the subject's noun phrase ("some administration officials").
Reporting verbs and their class (neutral / marked) come from
``toolkit/data/reporting_verbs.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from toolkit.actors import DocNames
from toolkit.config import DATA_DIR
from toolkit.paragraphs import ParagraphIndex, break_positions
from toolkit.tables import sort_by_outlet

if TYPE_CHECKING:
    from toolkit.nlp import Analysis

VERBS_FILE = DATA_DIR / "reporting_verbs.csv"
QUOTE_COLUMNS = [
    "doc_id", "sent_id", "start", "end", "text", "kind", "speaker", "speaker_text",
    "verb", "verb_class", "attribution", "n_tokens", "closed",
]
# Opening marks and the marks that may close them.
OPENERS = {
    "\u201c": "\u201d\"",  # “ ... ” (or a straight mark)
    "\u201e": "\u201c\u201d",  # „ ... “ (German) or ”
    "\u00ab": "\u00bb",  # « ... »
    '"': '"\u201d',
    "\u2018": "\u2019",  # ‘ ... ’ (British), checked so that apostrophes are not taken for marks
}
_SMALL_WORDS = {"the", "of", "and", "for", "a", "an", "in", "on", "to", "at", "with"}
_SUBJECTS = ("nsubj", "nsubjpass")
_NP_PARTS = {"det", "amod", "compound", "nummod", "poss", "quantmod", "nmod", "predet", "case"}
_SOURCE_NOUNS = {"statement", "readout", "post", "spokesman", "spokeswoman", "spokesperson", "office", "ministry", "account"}
# Pronoun -> entity labels its antecedent may have.
_PRONOUNS = {"he": ("PERSON",), "she": ("PERSON",), "it": ("ORG", "GPE", "NORP")}
_SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP")
_MIN_CLAUSE_QUOTE_TOKENS = 3  # shorter quotes inside a clause are usually scare quotes


@dataclass(frozen=True)
class QuoteMarks:
    """The content between a pair of quote marks (offsets exclude the marks)."""

    start: int
    end: int
    closed: bool


@dataclass(frozen=True)
class ReportingVerb:
    lemma: str
    verb_class: str  # neutral | marked
    frame: str  # speech | clause | characterise


@lru_cache(maxsize=4)
def load_reporting_verbs(path: str | Path = VERBS_FILE) -> dict[str, ReportingVerb]:
    """``{lemma: ReportingVerb}`` from the reporting-verb lexicon; phrasal verbs as "point out"."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
    return {
        row["lemma"].strip(): ReportingVerb(row["lemma"].strip(), row["class"].strip(), row["frame"].strip())
        for _, row in table.iterrows()
    }


_BEFORE_OPENING = "([{\u2014\u2013-/:\u201c\u2018"


def _opens(text: str, i: int) -> bool:
    """A straight or single mark opens a quote after white space, a bracket, a dash or a colon;
    a single mark must also be followed by a letter or digit (not an apostrophe in "’90s")."""
    after_ok = text[i] != "\u2018" or (i + 1 < len(text) and text[i + 1].isalnum())
    return after_ok and (i == 0 or text[i - 1].isspace() or text[i - 1] in _BEFORE_OPENING)


def _closes(text: str, i: int, closers: str) -> bool:
    """A closing mark; a ’ closes only when no letter follows ("Russia’s" is an apostrophe)."""
    if text[i] not in closers:
        return False
    return text[i] != "\u2019" or i + 1 == len(text) or not text[i + 1].isalpha()


def find_quote_marks(text: str) -> list[QuoteMarks]:
    """Spans of quoted content, robust to unbalanced marks (never raises). A quote still open
    at the end of its paragraph ends there, as when a quotation runs on into the next one."""
    spans: list[QuoteMarks] = []
    breaks = break_positions(text)
    open_at: int | None = None
    closers = ""

    def finish(end: int, closed: bool) -> None:
        start = open_at + 1
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        stripped = chunk.strip().rstrip(",;:").rstrip()
        if stripped:
            spans.append(QuoteMarks(start + lead, start + lead + len(stripped), closed))

    for i, ch in enumerate(text):
        if open_at is None:
            if ch in OPENERS and (ch in "\u201c\u201e\u00ab" or _opens(text, i)):
                open_at, closers = i, OPENERS[ch]
        elif _closes(text, i, closers):
            finish(i, True)
            open_at = None
        elif ch == "\n" and i in breaks:
            finish(i, False)
            open_at = None
        elif ch in "\u201c\u00ab" and closers != OPENERS["\u201e"]:
            finish(i, False)
            open_at, closers = i, OPENERS[ch]
    if open_at is not None:
        finish(len(text), False)
    return spans


def looks_like_title(content: str) -> bool:
    """Short Title Case content without final punctuation: a programme or book name, not speech."""
    words = content.split()
    if not words or len(words) > 5 or content[-1] in ".!?,":
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words if w[0].isalpha()) and words[0][0].isupper()


def verb_key(token: Token) -> str:
    """A verb's lemma, with its particle for phrasal verbs ("point out")."""
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    return f"{token.lemma_.lower()} {particles[0]}" if particles else token.lemma_.lower()


@lru_cache(maxsize=4)
def _first_word_ids(keys: tuple[str, ...]) -> frozenset[int]:
    """String ids of the first word of each reporting verb, as written and capitalised."""
    return frozenset(hash_string(form) for key in keys for form in (key.split()[0], key.split()[0].title()))


class _DocQuotes:
    """Attribution state for one document."""

    def __init__(self, doc: Doc, sent_ids: list[int], names: DocNames, verbs: dict[str, ReportingVerb], text: str):
        self.doc, self.sent_ids, self.names, self.verbs, self.text = doc, sent_ids, names, verbs, text
        # tokens whose lemma starts a reporting verb: found from the lemma array in one pass,
        # so that the per-token tests below run only on these few
        lemma_ids = _first_word_ids(tuple(verbs))
        lemmas, lowers = doc.to_array(["LEMMA", "LOWER"]).T.tolist() if len(doc) else ([], [])
        self.candidates = {i for i, h in enumerate(lemmas) if h in lemma_ids}
        according = hash_string("according")
        self.according = [i for i, h in enumerate(lowers) if h == according]
        self.sents = list(doc.sents)  # likewise Doc.sents and Token.sent
        self.sent_index = [0] * len(doc)
        for n, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self.sent_index[i] = n
        self.marks = [m for m in find_quote_marks(self.text) if not self.is_title(m)]
        self.quoted = [False] * len(doc)
        for m in self.marks:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for i in range(span.start, span.end):
                    self.quoted[i] = True
        self.ent_of = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent
        self.paragraph = ParagraphIndex(self.text)

    def is_title(self, m: QuoteMarks) -> bool:
        """A programme or book name in quote marks, unless punctuation ends it ("Never," he said)."""
        return looks_like_title(self.text[m.start : m.end]) and self.text[m.end : m.end + 1] not in ",;:"

    # -- speakers -------------------------------------------------------------------------
    def is_reporting(self, token: Token, quote: Span | None = None) -> bool:
        """A reporting verb outside quotes, used in a frame that introduces speech: "clause"
        verbs need a clausal complement, "characterise" verbs need the quote as a dependent."""
        if token.i not in self.candidates or not token.tag_.startswith("VB") or self.quoted[token.i]:
            return False
        entry = self.verbs.get(verb_key(token))
        if entry is None:
            return False
        if entry.frame == "clause":
            return any(c.dep_ == "ccomp" for c in token.children)
        if entry.frame == "characterise":
            return quote is not None and any(quote.start <= c.i < quote.end for c in token.children)
        return True

    def subject(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ in _SUBJECTS:
                return child
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            return self.subject(verb.head)
        return None

    def antecedent(self, pronoun: Token) -> Span | None:
        """The nearest earlier entity of the pronoun's kind ("he" a person, "it" an institution or
        place), preferring one that is a subject, outside quotes, within the last five sentences
        that have words outside quotes. Gender is not checked."""
        labels = _PRONOUNS[pronoun.lower_]
        seen = 0
        for n in range(self.sent_index[pronoun.i], -1, -1):
            sent = self.sents[n]
            if all(self.quoted[t.i] or t.is_space for t in sent):
                continue
            found = list(dict.fromkeys(
                self.ent_of[t.i] for t in sent
                if t.i < pronoun.i and t.i in self.ent_of and not self.quoted[t.i]
                and self.ent_of[t.i].label_ in labels
            ))
            if found:
                subjects = [e for e in found if any(t.dep_ in _SUBJECTS for t in e)]
                return (subjects or found)[0]
            seen += 1
            if seen == 5:
                break
        return None

    def name_of(self, ent: Span) -> str:
        return self.names.resolve(ent.text, ent.label_, ent.ent_id_)[1]

    def speaker(self, subj: Token) -> tuple[str, str]:
        """``(speaker, speaker_text)`` for a subject token: a named entity (directly, as the owner
        of "the Kremlin's statement", in "a spokesman for the Kremlin", or by apposition: "its
        foreign minister, Andrii Sybiha"), a pronoun's antecedent, or the noun phrase."""
        if subj.lower_ in ("who", "which", "that") and subj.head.dep_ == "relcl":
            subj = subj.head.head  # "Peskov, who also said ..." -> Peskov
        if subj.lower_ in _PRONOUNS:
            ent = self.antecedent(subj)
            return (self.name_of(ent), subj.text) if ent is not None else (subj.text, subj.text)
        if subj.i not in self.ent_of:
            named = self.named_dependent(subj)
            if named is not None:
                subj = named
        ent = self.ent_of.get(subj.i)
        if ent is not None:
            return self.name_of(ent), ent.text
        left = [t for c in subj.lefts if c.dep_ in _NP_PARTS for t in c.subtree]
        tokens = sorted([*left, subj], key=lambda t: t.i)
        phrase = self.doc[tokens[0].i : tokens[-1].i + 1].text
        if subj.pos_ == "PROPN":  # a name the tagger missed: still merge it with its full form
            return self.names.resolve(phrase, "")[1], phrase
        return phrase, phrase

    def named_dependent(self, subj: Token) -> Token | None:
        """The entity a common-noun subject stands for: its apposition, or for a source noun
        ("statement", "spokesman") its owner or the object of "for"."""
        for child in subj.children:
            if child.dep_ == "appos" and child.i in self.ent_of and self.ent_of[child.i].label_ in _SPEAKER_LABELS:
                return child
        if subj.lemma_.lower() in _SOURCE_NOUNS:
            for child in subj.children:
                if child.dep_ == "poss" and child.i in self.ent_of:
                    return child
                if child.dep_ == "prep" and child.lower_ in ("for", "of"):
                    for obj in child.children:
                        if obj.dep_ == "pobj" and obj.i in self.ent_of:
                            return obj
        return None

    def according_to(self, sent: Span) -> Token | None:
        for i in self.according:
            token = self.doc[i]
            if sent.start <= i < sent.end and not self.quoted[i]:
                for prep in token.children:
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            return obj
        return None

    # -- direct quotes --------------------------------------------------------------------
    def ancestors(self, span: Span) -> list[Token]:
        token, chain = span.root, []
        while token.head.i != token.i:
            token = token.head
            chain.append(token)
        return chain

    def attribution_verb(self, span: Span) -> Token | None:
        """The reporting verb that governs the quote, else the nearest one after it in its last
        sentence, else the nearest one before it in its first sentence; a verb that reports a
        clause of its own, not containing the quote, is passed over."""
        first, last = self.sents[self.sent_index[span.start]], self.sents[self.sent_index[span.end - 1]]
        for token in self.ancestors(span):
            if first.start <= token.i < last.end and self.is_reporting(token, span):
                return token

        def free(token: Token) -> bool:
            clause = self.reported_clause(token)
            return clause is None or any(span.start <= t.i < span.end for t in clause.subtree)

        after = [t for t in last if t.i >= span.end and self.is_reporting(t, span) and free(t)]
        if after:
            return after[0]
        before = [t for t in first if t.i < span.start and self.is_reporting(t, span) and free(t)]
        if before:
            return before[-1]
        return self.introducing_verb(span)

    def introducing_verb(self, span: Span) -> Token | None:
        """For a quote that opens a paragraph right after one ending in a colon ("Trump said in a
        statement:"), the reporting verb of that colon's sentence."""
        here = self.paragraph(span.start_char)
        if here == 0 or span.start_char - self.paragraph.starts[here] > 1:
            return None
        previous = self.text[: self.paragraph.starts[here]].rstrip()
        if not previous.endswith(":"):
            return None
        sent = self.sents[self.sent_index[self.doc.char_span(len(previous) - 1, len(previous), alignment_mode="expand").start]]
        verbs = [t for t in sent if self.is_reporting(t)]
        return verbs[-1] if verbs else None

    def clause_subject(self, span: Span) -> tuple[Token, Token] | None:
        """The verb outside the quote whose clause contains it, and its subject, when the subject
        is a named speaker (person, organisation, place) or a pronoun standing for one."""
        if sum(1 for t in span if not (t.is_punct or t.is_space)) < _MIN_CLAUSE_QUOTE_TOKENS:
            return None
        for token in self.ancestors(span):
            if self.quoted[token.i] or not token.tag_.startswith("VB"):
                continue
            subj = self.subject(token)
            if subj is None or self.quoted[subj.i]:
                continue
            named = subj.i in self.ent_of and self.ent_of[subj.i].label_ in _SPEAKER_LABELS
            return (token, subj) if named or subj.lower_ in _PRONOUNS else None
        return None

    def direct_rows(self) -> list[dict]:
        rows: list[dict] = []
        previous: dict | None = None
        for m in self.marks:
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            first, last = self.sents[self.sent_index[span.start]], self.sents[self.sent_index[span.end - 1]]
            row = {
                "sent_id": self.sent_ids[span.start], "start": m.start, "end": m.end,
                "text": self.text[m.start : m.end], "kind": "direct",
                "speaker": None, "speaker_text": None, "verb": None, "verb_class": None,
                "attribution": None, "n_tokens": sum(1 for t in span if not (t.is_punct or t.is_space)),
                "closed": m.closed,
            }
            verb = self.attribution_verb(span)
            subj = self.subject(verb) if verb is not None else None
            if subj is not None:
                key = verb_key(verb)
                row["verb"], row["verb_class"], row["attribution"] = key, self.verbs[key].verb_class, "verb"
            elif (obj := self.according_to(first) or self.according_to(last)) is not None:
                subj, row["verb"], row["verb_class"], row["attribution"] = obj, "according to", "neutral", "according_to"
            elif (found := self.clause_subject(span)) is not None:
                clause_verb, subj = found
                key = verb_key(clause_verb)
                entry = self.verbs.get(key)
                row["verb"], row["verb_class"] = key, entry.verb_class if entry else "other"
                row["attribution"] = "clause"
            if subj is not None:
                row["speaker"], row["speaker_text"] = self.speaker(subj)
            elif previous is not None and self.continues(previous, row):
                for key in ("speaker", "speaker_text", "verb", "verb_class"):
                    row[key] = previous[key]
                row["attribution"] = "continued"
            rows.append(row)
            previous = row
        return rows

    def continues(self, previous: dict, row: dict) -> bool:
        """A quote with no attribution of its own continues the previous quote when it is in
        the same paragraph, or opens the next paragraph."""
        if previous["speaker"] is None:
            return False
        here, before = self.paragraph(row["start"]), self.paragraph(previous["start"])
        opens_paragraph = row["start"] - self.paragraph.starts[here] <= 1
        return here == before or (here == before + 1 and opens_paragraph)

    # -- reported speech ------------------------------------------------------------------
    def reported_clause(self, verb: Token) -> Token | None:
        """What a reporting verb reports: its clausal complement, or the gerund in
        "accused Putin of prolonging the war"."""
        for child in verb.children:
            if child.dep_ == "ccomp" and not self.quoted[child.i]:
                return child
        for prep in verb.children:
            if prep.dep_ != "prep":
                continue
            for comp in prep.children:
                if prep.lower_ in ("of", "about") and comp.dep_ == "pcomp" and comp.tag_ == "VBG" and not self.quoted[comp.i]:
                    return comp
                # "said in a statement that ...": the parser may hang the clause on the noun
                if comp.dep_ == "pobj" and comp.lemma_.lower() in _SOURCE_NOUNS:
                    for clause in comp.children:
                        if clause.dep_ in ("ccomp", "acl") and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
                            return clause
        return None

    def indirect_rows(self, direct: list[dict]) -> list[dict]:
        rows = []
        quoted_chars = [(r["start"], r["end"]) for r in direct]
        for i in sorted(self.candidates):
            verb = self.doc[i]
            if not self.is_reporting(verb):
                continue
            clause = self.reported_clause(verb)
            subj = self.subject(verb)
            if clause is None or subj is None or self.quoted[subj.i]:
                continue
            tokens = [t for t in clause.subtree if not t.is_space]
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
            text = self.text[start:end]
            trimmed = text.rstrip(" ,;:\u201c\u201d\"")
            end = start + len(trimmed)
            overlap = sum(max(0, min(end, e) - max(start, s)) for s, e in quoted_chars)
            if end <= start or overlap > 0.5 * (end - start):
                continue
            key = verb_key(verb)
            rows.append(self.reported_row(tokens, start, end, subj, key, self.verbs[key].verb_class, "verb"))
        return rows + self.according_rows(quoted_chars)

    def reported_row(self, tokens: list[Token], start: int, end: int, subj: Token, verb: str, verb_class: str, how: str) -> dict:
        speaker, speaker_text = self.speaker(subj)
        return {
            "sent_id": self.sent_ids[tokens[0].i], "start": start, "end": end, "text": self.text[start:end],
            "kind": "indirect", "speaker": speaker, "speaker_text": speaker_text, "verb": verb,
            "verb_class": verb_class, "attribution": how,
            # words inside a direct quote are counted with that quote, not twice
            "n_tokens": sum(1 for t in tokens if not t.is_punct and t.idx < end and not self.quoted[t.i]),
            "closed": True,
        }

    def according_rows(self, quoted_chars: list[tuple[int, int]]) -> list[dict]:
        """Reported speech marked by "according to X": the rest of the sentence is X's account."""
        rows = []
        for sent in self.sents:
            source = self.according_to(sent)
            if source is None:
                continue
            phrase = source.head.head  # "according" -> "to" -> source
            skip = {t.i for t in phrase.subtree}
            tokens = [t for t in sent if t.i not in skip and not t.is_space and not (t.is_punct and t.i == sent.end - 1)]
            tokens = [t for t in tokens if not (t.is_punct and t.text in ",;:" and (t.i - 1 in skip or t.i + 1 in skip))]
            if not tokens:
                continue
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
            overlap = sum(max(0, min(end, e) - max(start, s)) for s, e in quoted_chars)
            if overlap > 0.5 * (end - start):
                continue
            rows.append(self.reported_row(tokens, start, end, source, "according to", "neutral", "according_to"))
        return rows


def quote_rows(
    doc: Doc, sent_ids: list[int], names: DocNames, verbs: dict[str, ReportingVerb] | None = None, text: str | None = None
) -> list[dict]:
    """Direct and reported speech in one parsed document, ordered by position. Pass ``text``
    (equal to ``doc.text``) when you have it: spaCy rebuilds ``doc.text`` on every access."""
    state = _DocQuotes(doc, sent_ids, names, verbs or load_reporting_verbs(), doc.text if text is None else text)
    direct = state.direct_rows()
    rows = direct + state.indirect_rows(direct)
    return sorted(rows, key=lambda r: (r["start"], r["kind"]))


def share(analysis: "Analysis", by: str = "outlet") -> pd.DataFrame:
    """Whose words each outlet carries: ``outlet, kind, speaker, quotes, tokens, share``.

    ``share`` is the speaker's part of the outlet's quoted tokens of that kind; quotes with no
    speaker found count under "(unattributed)".
    """
    quotes = analysis.quotes.merge(analysis.corpus.docs[["doc_id", by]], on="doc_id", how="left")
    quotes = quotes.assign(speaker=quotes["speaker"].fillna("(unattributed)"))
    table = (
        quotes.groupby([by, "kind", "speaker"], sort=False)
        .agg(quotes=("text", "size"), tokens=("n_tokens", "sum"))
        .reset_index()
    )
    totals = table.groupby([by, "kind"])["tokens"].transform("sum")
    table["share"] = (table["tokens"] / totals).round(4)
    return sort_by_outlet(table, analysis.corpus.docs[by], by, ["kind", "tokens", "speaker"], descending=["tokens"])


def verb_profile(analysis: "Analysis", by: str = "outlet") -> pd.DataFrame:
    """How each outlet introduces speech: ``outlet, verb, verb_class, uses, share``.

    Counts direct and reported speech attributed through a reporting verb (or "according
    to"); ``share`` is the verb's part of the outlet's attributed quotes.
    """
    quotes = analysis.quotes[analysis.quotes["verb"].notna()]
    quotes = quotes.merge(analysis.corpus.docs[["doc_id", by]], on="doc_id", how="left")
    table = quotes.groupby([by, "verb", "verb_class"], sort=False).size().rename("uses").reset_index()
    table["share"] = (table["uses"] / table.groupby(by)["uses"].transform("sum")).round(4)
    return sort_by_outlet(table, analysis.corpus.docs[by], by, ["uses", "verb"], descending=["uses"])
