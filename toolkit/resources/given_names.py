"""The gender a given name usually marks (``toolkit/data/given_names.csv``), and titles that
mark one, for matching a pronoun to its antecedent."""

from __future__ import annotations

from functools import lru_cache

from toolkit.config import DATA_DIR
from toolkit.resources.datafiles import read_data_csv

GIVEN_NAMES_FILE = DATA_DIR / "given_names.csv"
TITLE_GENDER = {"mr": "male", "mr.": "male", "sir": "male", "lord": "male", "king": "male", "prince": "male",
                "mrs": "female", "mrs.": "female", "ms": "female", "ms.": "female", "miss": "female", "lady": "female",
                "dame": "female", "queen": "female", "princess": "female"}


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """``{lower-cased given name: "female" | "male" | "unknown"}``."""
    return {row["name"].lower(): row["gender"] for _, row in read_data_csv(GIVEN_NAMES_FILE, ("name", "gender", "source"))}


def gender_of_name(name: str) -> str:
    """The gender a full name's first word usually marks, else "unknown"."""
    first = name.split()[0].lower() if name.split() else ""
    return given_names().get(first, "unknown")
