"""1. Articles in: loading, validation and normalisation (``load``, ``readers``, ``normalize``),
paragraphs (``paragraphs``), a first look at lengths (``overview``), and machine-spun copies
found and repaired (``quality``).

Output: a ``Corpus`` (``corpus.docs``, one row per document). May import ``toolkit.config``,
``toolkit.errors`` and ``toolkit.resources``.
"""
