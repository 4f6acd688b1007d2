"""Each table and figure of a run made on its own, so that one that cannot be made never stops the rest.

A product that a corpus cannot have raises ``NotApplicable`` and is *skipped* with its one-line
reason; any other error is a bug: it is *failed*, reported in one line (the traceback only with
``debug``, which tests use so that a bug fails loudly there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from toolkit.errors import NotApplicable

T = TypeVar("T")


@dataclass
class Products:
    debug: bool = False
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)
    notes: list[str] = field(default_factory=list)  # what a reader should know about what was made
    failed: list[tuple[str, str]] = field(default_factory=list)  # (name, error)

    def attempt(self, name: str, make: Callable[[], T]) -> T | None:
        """``make()``, or None with the reason recorded."""
        try:
            return make()
        except NotApplicable as exc:
            self.skipped.append((name, str(exc)))
        except Exception as exc:  # a bug: reported in one line, the run goes on
            if self.debug:
                raise
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            self.failed.append((name, f"{type(exc).__name__}: {first}" if first else type(exc).__name__))
        return None
