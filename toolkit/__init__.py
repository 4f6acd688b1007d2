"""Framing toolkit: how differently did each outlet frame one event?

Start with :func:`load_corpus`; see the README for the whole flow.
"""

from toolkit.corpus import Corpus, load_corpus
from toolkit.errors import CorpusError, CorpusWarning

__all__ = ["Corpus", "CorpusError", "CorpusWarning", "load_corpus"]
__version__ = "0.1.0"
