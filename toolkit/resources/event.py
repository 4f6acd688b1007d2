"""The files that describe one event, kept beside its corpus and passed explicitly.

Package defaults are true of news in general; what is true of one event (its actors and their
aliases, the claims worth comparing, a spinner's substitutions seen in its copies) lives in a
folder of its own, such as ``seeds/event/``:

| file | what it holds | used by |
|---|---|---|
| ``actors.csv`` | canonical actors and aliases | ``analyze(corpus, actor_files=...)`` |
| ``slots.csv`` | claim slots that override the automatic grouping | ``claims.compare(analysis, slots=...)`` |
| ``spin_substitutions.csv`` | spinner substitutions seen in this event's copies | ``quality.spin_report`` / ``repair(..., substitutions=...)`` |

Every file is optional; a folder with none of them is an error, since it is most likely the
wrong folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import DataFileError

FILES = {"actors": "actors.csv", "slots": "slots.csv", "substitutions": "spin_substitutions.csv"}


@dataclass(frozen=True)
class Event:
    """Paths of an event's own data files (None or empty when it has none of that kind)."""

    folder: Path | None = None
    actors: tuple[Path, ...] = ()
    slots: Path | None = None
    substitutions: tuple[Path, ...] = ()


def load_event(folder: str | Path) -> Event:
    """The event files in ``folder`` (see the module's table)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataFileError(f"{folder}: event folder not found")
    found = {key: folder / name for key, name in FILES.items() if (folder / name).is_file()}
    if not found:
        raise DataFileError(f"{folder}: no event files here (expected any of {', '.join(FILES.values())})")
    return Event(
        folder=folder,
        actors=tuple(p for k, p in found.items() if k == "actors"),
        slots=found.get("slots"),
        substitutions=tuple(p for k, p in found.items() if k == "substitutions"),
    )
