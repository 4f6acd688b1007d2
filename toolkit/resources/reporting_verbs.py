"""The reporting-verb lexicon (``toolkit/data/reporting_verbs.csv``): each verb's class
(neutral or marked) and the frame in which it introduces speech."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from toolkit.config import DATA_DIR

VERBS_FILE = DATA_DIR / "reporting_verbs.csv"


@dataclass(frozen=True)
class ReportingVerb:
    lemma: str
    verb_class: str  # neutral | marked
    frame: str  # speech | clause | characterise


@lru_cache(maxsize=4)
def load_reporting_verbs(path: str | Path = VERBS_FILE) -> dict[str, ReportingVerb]:
    """``{lemma: ReportingVerb}`` from the reporting-verb lexicon; phrasal verbs as "point out"."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False, comment="#")
    return {
        row["lemma"].strip(): ReportingVerb(row["lemma"].strip(), row["class"].strip(), row["frame"].strip())
        for _, row in table.iterrows()
    }
