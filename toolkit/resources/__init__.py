"""Data files and their readers: the actor table and titles, cue lexicons, reporting verbs,
and the CSV format they share (``#`` comments, errors that name file and line).

The files themselves live in ``toolkit/data/`` with their sources. Every stage may import
this package; it imports only ``toolkit.config`` and ``toolkit.errors``.
"""
