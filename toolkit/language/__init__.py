"""3. The language pass: parse each document once and keep only the rows.

``pipeline`` and ``components`` (the spaCy model and the toolkit's components), ``doc_cache``
(parsed documents on disk), ``extraction`` (every extractor over one Doc), ``engine`` (what
the engines share), ``local_engine`` and ``dask_engine``, ``background`` (the helper thread),
``analysis`` (the ``Analysis`` container of tables) and ``orchestrator`` (``analyze``).
May import ``toolkit.extract`` and the stages below it; ``analysis`` imports no extractor.
"""
