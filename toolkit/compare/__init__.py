"""4. Across outlets, from the tables of an ``Analysis``: who is named (``entities``) and quoted
(``quotes``), cue rates and tests (``cues``, with ``stats``), claims and disagreements
(``claims``), text reuse (``similarity``) and the one-row-per-outlet ``summary``.

Works on tables, never on parsed documents. May import ``toolkit.language`` (the
``Analysis`` container, and ``analyze`` for conveniences on plain strings) and the stages below.
"""
