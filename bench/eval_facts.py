"""Facts kept and dropped against facts marked by hand (``bench/eval/facts.csv``).

For each marked fact, the outlets that carry it and a pattern for its sentence in each. The
toolkit's fact (``toolkit.compare.facts``) for it is the one holding most of the marked
sentences; precision = the share of that fact's outlets that do carry the fact, recall = the
share of the outlets that carry it found in that one fact. A fact the toolkit splits in two
loses recall; one that swallows an unrelated sentence loses precision.

    python bench/eval_facts.py               # every set
    python bench/eval_facts.py --set seeds   # one set
"""

from __future__ import annotations

import argparse
import re
from collections import Counter

import pandas as pd

from toolkit import analyze, load_corpus, load_event
from toolkit.compare import facts
from toolkit.config import PROJECT_ROOT, SEEDS_DIR

FACTS = PROJECT_ROOT / "bench" / "eval" / "facts.csv"
FOLDERS = {"chip_event": PROJECT_ROOT / "tests" / "data" / "chip_event", "seeds": SEEDS_DIR}


def evaluate(name: str, cache_dir: str | None = None) -> pd.DataFrame:
    """One row per marked fact: ``fact, gold, found, precision, recall, fact_id, label``."""
    marked = pd.read_csv(FACTS, comment="#")
    marked = marked[marked["set"] == name]
    folder = FOLDERS[name]
    event = load_event(folder / "event") if (folder / "event").is_dir() else None
    analysis = analyze(load_corpus(folder), progress=False, cache_dir=cache_dir,
                       actor_files=event.actors if event else (), substitutions=event.substitutions if event else None)
    table, members = facts.facts(analysis)
    rows = []
    for item in marked.itertuples(index=False):
        gold = set(item.outlets.split(";"))
        pattern = re.compile(item.pattern)
        hits = members[members["outlet"].isin(gold) & members["text"].map(lambda t: bool(pattern.search(t)))]
        if hits.empty:
            rows.append({"fact": item.fact, "gold": len(gold), "found": 0, "precision": float("nan"), "recall": 0.0,
                         "fact_id": None, "label": ""})
            continue
        best = Counter(hits["fact"]).most_common(1)[0][0]
        carried = set(members.loc[members["fact"] == best, "outlet"])
        right = len(carried & gold)
        rows.append({"fact": item.fact, "gold": len(gold), "found": len(carried),
                     "precision": round(right / len(carried), 3), "recall": round(right / len(gold), 3),
                     "fact_id": best, "label": table.set_index("fact").loc[best, "label"][:90]})
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(FOLDERS), default=None)
    args = parser.parse_args()
    pd.set_option("display.width", 200)
    pd.set_option("display.max_colwidth", 60)
    for name in [args.set] if args.set else sorted(FOLDERS):
        scores = evaluate(name)
        print(f"== {name}")
        print(scores.drop(columns=["label"]).to_string(index=False))
        print(f"mean precision {scores['precision'].mean():.3f}  mean recall {scores['recall'].mean():.3f}  "
              f"exact {int(((scores['precision'] == 1) & (scores['recall'] == 1)).sum())} of {len(scores)}")


if __name__ == "__main__":
    main()
