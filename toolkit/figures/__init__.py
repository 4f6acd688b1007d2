"""5. What a reader sees: one figure style and deterministic saving (``plots``), the standard
figures with titles computed from their tables (``report``), and evidence tables for
notebooks (``kwic``).

May import ``toolkit.compare`` and the stages below; never the command line.
"""
