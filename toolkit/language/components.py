"""The toolkit's spaCy components, registered so that they also work in a user's own pipeline:

- ``framing_paragraphs`` (before the parser): a paragraph break always ends a sentence, so no
  sentence runs across paragraphs (``toolkit.corpus.paragraphs``).
- ``framing_actors`` (before ``ner``): an entity ruler built from the actor table, so that
  "Trump" is a PERSON and "Kyiv" a GPE wherever they occur; ``ner`` keeps these entities.
- ``framing_cues`` (after the tagger and lemmatizer): cue spans in ``doc.spans["framing_cues"]``.

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("framing_paragraphs", before="parser")
    nlp.add_pipe("framing_actors", before="ner")
    nlp.add_pipe("framing_cues")
"""

from __future__ import annotations

import hashlib
import inspect
import warnings

from spacy.language import Language
from spacy.tokens import Doc

from toolkit.corpus.paragraphs import has_blank_lines, is_break
from toolkit.extract.cues import cue_matcher, has_tags_and_lemmas
from toolkit.resources.actors import QUALIFIERS, TITLES, load_actors
from toolkit.resources.lexicons import load_lexicons

SPAN_KEY = "framing_cues"
TITLE_WORDS = {w for title in (*TITLES, *QUALIFIERS) for w in title.split()}


@Language.factory("framing_paragraphs")
def make_paragraph_breaks(nlp: Language, name: str):
    """The ``framing_paragraphs`` component (a factory, so that spaCy can find it by entry point)."""
    return paragraph_breaks


def paragraph_breaks(doc: Doc) -> Doc:
    """Start a new sentence at every paragraph (see ``toolkit.corpus.paragraphs``): after a blank line
    in texts that have them, else after every line break."""
    blank_lines = has_blank_lines(doc.text)
    for token in doc[:-1]:
        if token.is_space and is_break(token.text, blank_lines):
            doc[token.i + 1].is_sent_start = True
    return doc


class ActorRuler:
    """An ``EntityRuler`` of actor aliases that gives way to longer proper names: an alias
    next to another proper noun ("Latin America", "Melania Trump", "Washington Post",
    "Trump Tower") is left for ``ner`` to tag as the longer name it belongs to."""

    def __init__(self, ruler):
        self.ruler = ruler

    @property
    def patterns(self) -> list[dict]:
        return self.ruler.patterns

    def __call__(self, doc: Doc) -> Doc:
        before = set(doc.ents)
        doc = self.ruler(doc)
        keep, dropped = [], []
        for ent in doc.ents:
            (keep if ent in before or not _inside_longer_name(ent) else dropped).append(ent)
        if dropped:
            for ent in dropped:
                for token in ent:
                    token.ent_id_ = ""
            doc.set_ents(keep, default="missing")  # "missing", not "outside": ner may still tag them
        return doc


def _proper(token) -> bool:
    return token.tag_ in ("NNP", "NNPS") and token.text[:1].isupper() and token.text not in TITLE_WORDS


def _inside_longer_name(ent) -> bool:
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    return bool((before is not None and _proper(before)) or (after is not None and _proper(after)))


@Language.factory(
    "framing_actors",
    default_config={"actor_files": [], "overwrite_ents": True},
)
def make_actor_ruler(nlp: Language, name: str, actor_files: list[str], overwrite_ents: bool):
    """An entity ruler whose patterns are every alias in the actor table(s)."""
    ruler = nlp.create_pipe("entity_ruler", name=name, config={"overwrite_ents": overwrite_ents})
    ruler.add_patterns(load_actors(actor_files).patterns())
    return ActorRuler(ruler)



# The source of the components that shape a parse, part of the parse cache's key: a change
# to them starts a fresh cache. (Cues are matched after parsing and need no such key.)
COMPONENT_SOURCE = hashlib.sha256(
    "".join(inspect.getsource(f) for f in (paragraph_breaks, ActorRuler, _inside_longer_name, _proper)).encode("utf-8")
).hexdigest()


@Language.factory("framing_cues", default_config={"lexicon_dirs": []})
def make_cue_component(nlp: Language, name: str, lexicon_dirs: list[str]):
    """A pipeline component that stores cue spans in ``doc.spans["framing_cues"]``. Place it
    after the tagger and lemmatizer; without them only word-form rules apply, with a warning."""
    matcher = cue_matcher(nlp.vocab, load_lexicons(lexicon_dirs))

    warned = []

    def set_cues(doc: Doc) -> Doc:
        doc.spans[SPAN_KEY] = matcher(doc)
        if not warned and not has_tags_and_lemmas(doc):
            warned.append(True)
            warnings.warn(
                f"{name}: the document has no part-of-speech tags or lemmas (is the component before the "
                f"tagger and lemmatizer?); only {matcher.surface_rules} of {len(matcher.entries)} rules apply",
                UserWarning,
                stacklevel=2,
            )
        return doc

    set_cues.patterns = matcher.patterns  # type: ignore[attr-defined]
    return set_cues
