"""Project paths, derived once from the package location (never from the working directory)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"
SEEDS_DIR = PROJECT_ROOT / "seeds"
FIGURES_DIR = PROJECT_ROOT / "figures"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"


def display_path(path: Path) -> str:
    """A path as a reader should see it: relative to the project when inside it, so printed
    output does not depend on where the project was cloned."""
    path = Path(path).resolve()
    try:
        return path.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(path)


def _cache_dir() -> Path:
    """Where parsed documents are cached: $FRAMING_TOOLKIT_CACHE, else the user's cache folder."""
    import os

    if os.environ.get("FRAMING_TOOLKIT_CACHE"):
        return Path(os.environ["FRAMING_TOOLKIT_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "framing-toolkit"


CACHE_DIR = _cache_dir()
