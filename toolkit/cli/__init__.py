"""6. The command line: ``toolkit analyze`` and ``toolkit check`` (``main``), and the notebook build.

May import every stage; nothing in the package imports it.
"""
