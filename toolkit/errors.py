"""Errors and warnings a user may meet: bad input, bad data files, no language model."""

from __future__ import annotations


class CorpusError(ValueError):
    """Input that cannot become a corpus; the message names the file and the problem.

    ``problems`` lists every ``(file, reason)`` found, so a caller can show all of them
    at once instead of fixing one file per run.
    """

    def __init__(self, message: str, problems: list[tuple[str, str]] | None = None):
        super().__init__(message)
        self.problems = list(problems or [])


class CorpusWarning(UserWarning):
    """Something in the input was loaded but deserves a look (e.g. a file missing from the manifest)."""


class DataFileError(ValueError):
    """A data file (actor table, lexicon) that cannot be used; the message names the file and row."""


class ModelNotFoundError(RuntimeError):
    """No usable spaCy model; the message says what to install."""


class NotApplicable(ValueError):
    """A table or figure that this corpus cannot have (distinctive terms need two outlets, a
    quote figure needs quotes); the message says why in one line. The command line skips it
    and says so in its index; any other error is a bug."""
