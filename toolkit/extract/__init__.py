"""2. One parsed document to rows: pure functions ``Doc -> list of rows`` for sentences,
entities (``names`` resolves them), quotes, cues, claims and terms.

Every row that points into the text carries ``start, end`` as character offsets. Extractors
know nothing of corpora, engines or outlets, so the same code runs in-process or on a cluster.
May import ``toolkit.corpus`` (paragraphs), ``toolkit.resources`` and the foundation.
"""
