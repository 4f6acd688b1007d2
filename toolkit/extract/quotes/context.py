"""What every attribution step reads about one document, indexed once: its sentences, which
tokens are quoted, which are entities, where paragraphs start, and which tokens could be
reporting verbs or "according to"."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from toolkit.corpus.paragraphs import ParagraphIndex
from toolkit.extract.names import DocNames
from toolkit.extract.quotes.marks import QuoteMarks, find_quote_marks, is_title
from toolkit.resources.given_names import TITLE_GENDER
from toolkit.resources.reporting_verbs import ReportingVerb

# Nouns that stand for a speaker's words or office: "the Kremlin's statement", "a spokesman for".
SOURCE_NOUNS = {"statement", "readout", "post", "spokesman", "spokeswoman", "spokesperson", "office", "ministry", "account"}


@lru_cache(maxsize=4)
def _first_word_ids(keys: tuple[str, ...]) -> frozenset[int]:
    """String ids of the first word of each reporting verb, as written and capitalised."""
    return frozenset(hash_string(form) for key in keys for form in (key.split()[0], key.split()[0].title()))


@dataclass
class QuoteContext:
    """One parsed document, indexed for attribution (built by :meth:`of`)."""

    doc: Doc
    text: str
    sent_ids: list[int]
    names: DocNames
    verbs: dict[str, ReportingVerb]
    candidates: set[int]  # tokens whose lemma starts a reporting verb
    according: list[int]  # tokens "according"
    sents: list[Span]
    sent_index: list[int]  # token -> position in ``sents``
    marks: list[QuoteMarks]  # quotations, programme and book titles left out
    quoted: list[bool]  # token -> inside a quotation
    ent_of: dict[int, Span]  # token -> its entity
    paragraph: ParagraphIndex
    title_gender: dict[str, str]  # surname -> gender, from "Mr. X" / "Ms. X" anywhere in the report
    antecedents: dict = field(default_factory=dict)  # pronoun token -> its resolved entity (or None)

    @classmethod
    def of(cls, doc: Doc, sent_ids: list[int], names: DocNames, verbs: dict[str, ReportingVerb], text: str) -> "QuoteContext":
        # reporting-verb candidates come from the lemma array in one pass, so that the
        # per-token tests of the attribution steps run only on these few
        lemma_ids = _first_word_ids(tuple(verbs))
        lemmas, lowers = doc.to_array(["LEMMA", "LOWER"]).T.tolist() if len(doc) else ([], [])
        according = hash_string("according")
        sents = list(doc.sents)  # Doc.sents and Token.sent are rebuilt on every access
        sent_index = [0] * len(doc)
        for n, sent in enumerate(sents):
            for i in range(sent.start, sent.end):
                sent_index[i] = n
        marks = [m for m in find_quote_marks(text) if not is_title(text, m)]
        quoted = [False] * len(doc)
        for m in marks:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for i in range(span.start, span.end):
                    quoted[i] = True
        ent_of = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                ent_of[i] = ent
        return cls(
            doc=doc, text=text, sent_ids=sent_ids, names=names, verbs=verbs,
            candidates={i for i, h in enumerate(lemmas) if h in lemma_ids},
            according=[i for i, h in enumerate(lowers) if h == according],
            sents=sents, sent_index=sent_index, marks=marks, quoted=quoted, ent_of=ent_of,
            paragraph=ParagraphIndex(text), title_gender=_title_gender(doc),
        )

    def is_speech(self, token) -> bool:
        """A reporting verb of the "speech" frame, outside quotes ("said", "told", "announced")."""
        if token.i not in self.candidates or self.quoted[token.i] or not token.tag_.startswith("VB"):
            return False
        particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
        entry = self.verbs.get(f"{token.lemma_.lower()} {particles[0]}" if particles else token.lemma_.lower())
        return entry is not None and entry.frame == "speech"

    def sentence_of(self, i: int) -> Span:
        """The sentence that holds token ``i``."""
        return self.sents[self.sent_index[i]]


def _title_gender(doc: Doc) -> dict[str, str]:
    """Surnames that the report writes after a gendered title ("Mr. Trump", "Ms. Solberg")."""
    out: dict[str, str] = {}
    for token in doc[:-1]:
        gender = TITLE_GENDER.get(token.lower_)
        if gender and doc[token.i + 1].is_title:
            out.setdefault(doc[token.i + 1].lower_, gender)
    return out
