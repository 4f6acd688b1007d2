"""Framing toolkit: how differently did each outlet frame one event?

    import toolkit

    corpus = toolkit.load_corpus("articles/")       # a Corpus: one row per document
    analysis = toolkit.analyze(corpus)              # an Analysis: one spaCy pass, tidy tables
    toolkit.cues.rates(analysis)                    # then any comparison across outlets

The names below are loaded on first use, so ``import toolkit`` stays cheap (spaCy, pandas
and scikit-learn are imported only when a name that needs them is used). The package is
layered from the corpus up to the command line; the README's "Architecture" section has
the stages and the import rule.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> the module that defines it
_NAMES = {
    "load_corpus": "toolkit.corpus.load",
    "corpus_from_texts": "toolkit.corpus.load",
    "Corpus": "toolkit.corpus.load",
    "CorpusError": "toolkit.errors",
    "CorpusWarning": "toolkit.errors",
    "DataFileError": "toolkit.errors",
    "ModelNotFoundError": "toolkit.errors",
    "analyze": "toolkit.language.orchestrator",
    "Analysis": "toolkit.language.analysis",
    "load_event": "toolkit.resources.event",
    "Event": "toolkit.resources.event",
}
# topic modules, by the name a user calls them
_TOPICS = {
    "quality": "toolkit.corpus.quality",  # machine-spun copies: spin_report, repair
    "overview": "toolkit.corpus.overview",  # length_profile
    "entities": "toolkit.compare.entities",  # counts
    "quotes": "toolkit.compare.quotes",  # share, verb_profile
    "cues": "toolkit.compare.cues",  # rates, permutation_test, pairwise_tests, kwic, detect
    "claims": "toolkit.compare.claims",  # compare, disagreements, slot
    "quantities": "toolkit.compare.quantities",  # comparable quantities and their intervals
    "actors": "toolkit.compare.actors",  # names clustered across outlets
    "phrases": "toolkit.compare.phrases",  # frame phrases by voice
    "wording": "toolkit.compare.wording",  # facts told with a different word
    "leads": "toolkit.compare.leads",  # whose account each report opens with
    "stance": "toolkit.compare.stance",  # stance by source: holder by category per report
    "facts": "toolkit.compare.facts",  # facts kept and dropped across reports
    "similarity": "toolkit.compare.similarity",  # doc_similarity, nearest, outlet_similarity, align_sentences, distinctive_terms
    "neighbours": "toolkit.compare.neighbours",  # top_neighbours: exact in blocks, or an HNSW graph search
    "stats": "toolkit.compare.stats",  # intervals, permutation test, Holm
    "summary": "toolkit.compare.summary",  # framing_summary
    "plots": "toolkit.figures.plots",  # style, save
    "report": "toolkit.figures.report",  # the standard figures
}
# the stages themselves, bottom up
_STAGES = ("config", "errors", "resources", "corpus", "extract", "language", "compare", "figures", "cli")

__all__ = [*_NAMES, *_TOPICS, *_STAGES]


def __getattr__(name: str) -> Any:
    if name in _NAMES:
        value = getattr(importlib.import_module(_NAMES[name]), name)
    elif name in _TOPICS:
        value = importlib.import_module(_TOPICS[name])
    elif name in _STAGES:
        value = importlib.import_module(f"toolkit.{name}")
    else:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:  # for type checkers and editors; at run time the names load lazily
    from toolkit import cli, compare, config, corpus, errors, extract, figures, language, resources
    from toolkit.compare import (actors, claims, cues, entities, facts, leads, neighbours, phrases, quantities, quotes,
                                 similarity, stance, stats, summary, wording)
    from toolkit.corpus import overview, quality
    from toolkit.corpus.load import Corpus, corpus_from_texts, load_corpus
    from toolkit.errors import CorpusError, CorpusWarning, DataFileError, ModelNotFoundError
    from toolkit.figures import plots, report
    from toolkit.language.analysis import Analysis
    from toolkit.language.orchestrator import analyze
    from toolkit.resources.event import Event, load_event
