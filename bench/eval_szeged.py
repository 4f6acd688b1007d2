"""Sentence-level hedge detection on the Szeged Uncertainty Corpus (Wikipedia part).

A sentence is *hedged* when it has a ``speculation_modal_probable_`` or ``speculation_hypo_doxastic``
cue; sentences whose only cues are conditionals or investigations are left out, as the
corpus's README advises. The toolkit calls a sentence hedged when it finds a hedge cue in it
that is not negated. Prints precision, recall and F1, and the cue words behind the errors.

Szarvas, Vincze, Farkas, Móra and Gurevych (2012), "Cross-genre and cross-domain detection of
semantic uncertainty", Computational Linguistics 38(2). The data stay outside the project:

    python bench/eval_szeged.py                      # ../shared/eval/szeged/wiki.xml, every sentence
    python bench/eval_szeged.py --limit 2000         # the first 2,000 sentences
    python bench/eval_szeged.py --path other/wiki.xml
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from toolkit import analyze, corpus_from_texts
from toolkit.config import PROJECT_ROOT

DEFAULT = PROJECT_ROOT.parent / "shared" / "eval" / "szeged" / "wiki.xml"
HEDGED = ("speculation_modal_probable", "speculation_hypo_doxastic")
OTHER = ("speculation_hypo_condition", "speculation_hypo_investigation")


def sentences(path: Path, limit: int | None = None) -> list[tuple[str, bool | None, list[str]]]:
    """``(text, hedged or None when only conditional or investigative, gold cue words)``."""
    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r"<!DOCTYPE[^>]*>", "", raw, count=1)  # the DTD is not needed to read the tags
    out = []
    for sentence in ET.fromstring(raw).iter("Sentence"):
        text = "".join(sentence.itertext()).strip()
        types = [c.get("type", "").strip().rstrip("_").strip() for c in sentence.iter("ccue")]
        words = [("".join(c.itertext())).lower() for c in sentence.iter("ccue") if c.get("type", "").startswith(HEDGED)]
        hedged = any(t.startswith(HEDGED) for t in types)
        if not hedged and any(t.startswith(OTHER) for t in types):
            out.append((text, None, words))
        elif text:
            out.append((text, hedged, words))
        if limit and len(out) >= limit:
            break
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT, help=f"the corpus file (default: {DEFAULT})")
    parser.add_argument("--limit", type=int, default=None, help="read only the first N sentences")
    parser.add_argument("--errors", type=int, default=15, help="how many cue words to list per error kind")
    args = parser.parse_args(argv)
    if not args.path.is_file():
        print(f"{args.path}: not found (the Szeged corpus is not part of the project)", file=sys.stderr)
        return 2
    data = [s for s in sentences(args.path, args.limit) if s[1] is not None]
    corpus = corpus_from_texts([t for t, _, _ in data])
    analysis = analyze(corpus, progress=False, repair=False)  # sentences scored as given
    cues = analysis.cues[(analysis.cues["category"] == "hedge") & ~analysis.cues["negated"]]
    found = cues.groupby("doc_id")["text"].agg(list).to_dict()
    tp = fp = fn = 0
    false_pos, false_neg = Counter(), Counter()
    for i, (_, gold, words) in enumerate(data):
        mine = found.get(str(i), [])
        if mine and gold:
            tp += 1
        elif mine:
            fp += 1
            false_pos.update(w.lower() for w in mine)
        elif gold:
            fn += 1
            false_neg.update(words)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"Szeged Uncertainty Corpus, Wikipedia: {len(data):,} sentences, {tp + fn:,} hedged")
    print(f"sentence-level hedge precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print("false hedges, by cue: " + ", ".join(f"{w} ({n})" for w, n in false_pos.most_common(args.errors)))
    print("missed hedges, by gold cue: " + ", ".join(f"{w} ({n})" for w, n in false_neg.most_common(args.errors)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
