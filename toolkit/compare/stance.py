"""Stance by source: who is optimistic, who doubts, who speaks of delay or refusal, in each report.

Each cue's holder (``analysis.cues.holder``: the reporter for the report's own stance, else
the person or institution whose words or attitude it is) is clustered across outlets
(``toolkit.compare.actors``), and cues are counted per report, holder and category. The
reporter's own voice is a row of its own, ``REPORTER``. Negated cues and a spun copy's
suspect modals are left out, as in the rates.
"""

from __future__ import annotations

import pandas as pd

from toolkit.compare import actors as actor_clusters
from toolkit.compare.cues import countable
from toolkit.extract.cues import REPORTER
from toolkit.language.analysis import Analysis

STANCE_CATEGORIES = ("optimism", "skepticism", "delay", "refusal")
UNKNOWN_HOLDER = "(unknown)"
STANCE_COLUMNS = ["outlet", "holder", "category", "cues", "own_voice", "examples"]


def stance_cues(analysis: Analysis, by: str = "outlet", categories: tuple[str, ...] = STANCE_CATEGORIES,
                actors: actor_clusters.Actors | None = None) -> pd.DataFrame:
    """The cues ``stance_by_source`` counts, one row each: ``analysis.cues`` columns with
    ``holder`` as the actor clustered across outlets and the document's ``by`` added."""
    actors = actor_clusters.cluster(analysis, by) if actors is None else actors
    cues = countable(analysis.cues)
    cues = cues[cues["category"].isin(categories)]
    cues = cues.merge(analysis.corpus.docs[["doc_id", by]], on="doc_id", how="left")
    holders = [h if h == REPORTER else (actors.name(h, d, s) or h) if isinstance(h, str) else UNKNOWN_HOLDER
               for h, d, s in zip(cues["holder"], cues["doc_id"], cues["start"])]
    return cues.assign(holder=holders)


def stance_by_source(analysis: Analysis, by: str = "outlet", categories: tuple[str, ...] = STANCE_CATEGORIES,
                     actors: actor_clusters.Actors | None = None) -> pd.DataFrame:
    """``outlet, holder, category, cues, own_voice, examples``: how many cues of each stance
    category each holder has in each report; ``own_voice`` marks the reporter's own row;
    ``examples`` the cue words, most frequent first. Reporter first, then most cues."""
    cues = stance_cues(analysis, by, categories, actors)
    rows = []
    for (outlet, holder, category), group in cues.groupby([by, "holder", "category"], sort=False):
        words = group["text"].str.lower().value_counts()
        rows.append({by: outlet, "holder": holder, "category": category, "cues": len(group),
                     "own_voice": holder == REPORTER, "examples": ", ".join(words.index[:4])})
    table = pd.DataFrame(rows, columns=[by if c == "outlet" else c for c in STANCE_COLUMNS])
    order = {o: i for i, o in enumerate(analysis.corpus.docs[by].drop_duplicates())}
    return (table.assign(_o=table[by].map(order), _r=~table["own_voice"], _c=-table["cues"])
            .sort_values(["_o", "_r", "_c", "holder", "category"], kind="stable")
            .drop(columns=["_o", "_r", "_c"]).reset_index(drop=True))
