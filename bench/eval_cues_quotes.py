"""Cues and quotes against hand annotations: precision, recall and F1 per cue category, voice
and holder accuracy, quote recall per kind and speaker accuracy, and the errors behind them.

The annotated sets live in ``bench/eval/``: the five seed reports (``seeds_*.csv``) and eight
reports of four invented events written for this evaluation (``articles/``, ``articles_*.csv``).
Every annotation is a span of a file (``doc, start, end``) with what a careful reader marks there.

    python bench/eval_cues_quotes.py                 # both sets
    python bench/eval_cues_quotes.py --set articles  # one set
    python bench/eval_cues_quotes.py --errors 20     # list more errors

A cue is found when a cue of the same category overlaps the annotated span; a quotation when a
quote row covers at least 30% of the annotated span (the overlap measure of the Gender Gap
Tracker's quote evaluation); its speaker is that of the covering row closest to the span. Speakers and holders are compared after clustering names across
the set's reports (``toolkit.compare.actors``), ignoring case, a leading article, and a first
name missing on one side.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from toolkit import analyze, corpus_from_texts
from toolkit.compare import actors as actor_clusters
from toolkit.config import PROJECT_ROOT

EVAL_DIR = PROJECT_ROOT / "bench" / "eval"
SETS = ("seeds", "articles")
QUOTE_OVERLAP = 0.3


@dataclass
class Scores:
    name: str
    cues: pd.DataFrame = field(default_factory=pd.DataFrame)  # category, gold, found, matched, precision, recall, f1
    micro: dict = field(default_factory=dict)
    voice_accuracy: float = float("nan")
    holder_accuracy: float = float("nan")
    quotes: pd.DataFrame = field(default_factory=pd.DataFrame)  # kind, gold, matched, recall
    speaker_accuracy: float = float("nan")
    errors: dict = field(default_factory=dict)
    speaker_errors: list = field(default_factory=list)  # "doc at offset: gold / found: quote", one per wrong speaker
    quote_f1: dict = field(default_factory=dict)  # quotations and reported speech: precision, recall, f1
    hedged_sentences: dict = field(default_factory=dict)  # sentence-level hedge detection: precision, recall, f1
    holder_errors: list = field(default_factory=list)  # the same for each wrong stance holder, with its sentence


_LINKS = {"the", "a", "an", "of", "'s", "’s"}


def _words(name: str) -> list[str]:
    return [w for w in re.findall(r"[\w-]+", name.lower().replace("’s", " ").replace("'s", " ")) if w not in _LINKS]


def _same_name(a, b) -> bool:
    """The same speaker: equal words ignoring case, articles, "of" and possessives ("foreign
    ministry of Kestrany" / "Kestrany's foreign ministry"), or one name inside the other with
    the same last word ("Trump" / "Donald Trump"; "two officials" / "two officials familiar
    with the talks")."""
    if not isinstance(a, str) or not isinstance(b, str):
        return a is None and b is None
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return wa == wb
    if set(wa) == set(wb):
        return True
    short, long_ = sorted((wa, wb), key=len)
    return set(short) <= set(long_) and (short[-1] == long_[-1] or short[-1] in long_[: len(short) + 1])


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _shifted(gold: pd.DataFrame, repairs: pd.DataFrame | None) -> pd.DataFrame:
    """Annotation offsets into the published text moved to the repaired text: each repair
    that ends before an offset shifts it by the change in length; an offset inside a
    repaired span moves to that span's start or end."""
    if repairs is None or not len(repairs):
        return gold

    def move(doc: str, offset: int) -> int:
        shift = 0
        for r in by_doc.get(doc, ()):
            if r.spun_end <= offset:
                shift += (r.end - r.start) - (r.spun_end - r.spun_start)
            elif r.spun_start < offset:  # inside a repaired span
                return r.end if offset - r.spun_start > (r.spun_end - r.spun_start) / 2 else r.start
        return offset + shift

    by_doc: dict[str, list] = {}
    for r in repairs.sort_values(["doc_id", "spun_start"]).itertuples(index=False):
        by_doc.setdefault(r.doc_id, []).append(r)
    gold = gold.copy()
    gold["start"] = [move(d, o) for d, o in zip(gold["doc"], gold["start"])]
    gold["end"] = [move(d, o) for d, o in zip(gold["doc"], gold["end"])]
    return gold


def evaluate(name: str, actor_files: list[Path] | None = None, cache_dir: str | None = None,
             repair: bool = True, substitutions: list[Path] | None = None) -> Scores:
    """Run the toolkit on one annotated set and score it (repaired, as ``analyze`` does by
    default; ``repair=False`` scores a spun copy as written)."""
    cues_gold = pd.read_csv(EVAL_DIR / f"{name}_cues.csv")
    quotes_gold = pd.read_csv(EVAL_DIR / f"{name}_quotes.csv")
    docs = sorted(set(cues_gold["doc"]) | set(quotes_gold["doc"]))
    texts = [(PROJECT_ROOT / d).read_text(encoding="utf-8") for d in docs]
    corpus = corpus_from_texts(texts, ids=docs)
    changed = [d for d, t in zip(docs, corpus.docs["text"]) if t != texts[docs.index(d)]]
    if changed:
        raise ValueError(f"loading changed the text of {changed}: annotation offsets would not hold")
    # the toolkit's default flow: a spun copy is repaired before anything is counted; the
    # annotations are of the texts as published, so their offsets move with the repairs
    analysis = analyze(corpus, progress=False, actor_files=actor_files or [], cache_dir=cache_dir,
                       repair=repair, substitutions=substitutions or [])
    cues_gold, quotes_gold = (_shifted(gold, analysis.corpus.repairs) for gold in (cues_gold, quotes_gold))
    clusters = actor_clusters.cluster(analysis)
    scores = Scores(name)

    scores.hedged_sentences = _hedged_sentences(analysis, cues_gold)

    # cues: one-to-one matches of overlapping spans of the same category
    found = analysis.cues.rename(columns={"doc_id": "doc"})
    rows, matched_pairs, false_pos, missed = [], [], Counter(), Counter()
    for category in sorted(set(cues_gold["category"]) | set(found["category"])):
        gold = cues_gold[cues_gold["category"] == category]
        mine = found[found["category"] == category]
        used: set[int] = set()
        hits = 0
        for g in gold.itertuples(index=False):
            match = next((i for i, m in mine.iterrows() if i not in used and m["doc"] == g.doc
                          and _overlaps((g.start, g.end), (m["start"], m["end"])) > 0), None)
            if match is None:
                missed[(category, g.text.lower())] += 1
                continue
            used.add(match)
            hits += 1
            matched_pairs.append((g, mine.loc[match]))
        for i, m in mine.iterrows():
            if i not in used:
                false_pos[(category, m["text"].lower())] += 1
        precision = hits / len(mine) if len(mine) else float("nan")
        recall = hits / len(gold) if len(gold) else float("nan")
        f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
        rows.append({"category": category, "gold": len(gold), "found": len(mine), "matched": hits,
                     "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)})
    scores.cues = pd.DataFrame(rows)
    total_gold, total_found, total_hit = (int(scores.cues[c].sum()) for c in ("gold", "found", "matched"))
    p, r = total_hit / max(1, total_found), total_hit / max(1, total_gold)
    scores.micro = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0, 3)}
    voice_ok = [g.voice == m["voice"] for g, m in matched_pairs]
    scores.voice_accuracy = round(sum(voice_ok) / len(voice_ok), 3) if voice_ok else float("nan")
    holder_ok = []
    wrong_holders = Counter()
    for g, m in matched_pairs:
        mine = m["holder"]
        mine = "reporter" if mine == "reporter" else (clusters.name(mine, m["doc"], m["start"]) or mine)
        ok = _same_name(str(g.holder), str(mine)) or (str(g.holder).lower() == "reporter" and mine == "reporter")
        holder_ok.append(ok)
        if not ok:
            wrong_holders[(str(g.holder), str(mine))] += 1
            scores.holder_errors.append(f"{g.doc} at {g.start}: {g.holder} / {mine}: {g.category} "
                                        f"'{g.text}' ({m['voice']}) in: {_sentence_at(g.doc, g.start)}")
    scores.holder_accuracy = round(sum(holder_ok) / len(holder_ok), 3) if holder_ok else float("nan")

    # quotes: a quote row covering at least 30% of the annotated span
    quotes = analysis.quotes.rename(columns={"doc_id": "doc"})
    rows, speaker_ok, wrong_speakers, missed_quotes = [], [], Counter(), []
    for kind in ("direct", "mixed", "indirect"):
        gold = quotes_gold[quotes_gold["kind"] == kind]
        hits = 0
        for g in gold.itertuples(index=False):
            mine = quotes[quotes["doc"] == g.doc]
            # rows covering at least 30% of the annotated span; of those, the one closest to it
            # (intersection over union), so that a nested report meets its own row, not the outer one
            cover = [(inter / max(1, g.end - g.start), inter / max(1, max(g.end, e) - min(g.start, s)), i)
                     for i, s, e in zip(mine.index, mine["start"], mine["end"])
                     for inter in [_overlaps((g.start, g.end), (s, e))]]
            cover = [c for c in cover if c[0] >= QUOTE_OVERLAP]
            if not cover:
                missed_quotes.append(f"{kind}: {g.text[:70]}")
                continue
            hits += 1
            row = quotes.loc[max(cover, key=lambda c: c[1])[2]]
            speaker = clusters.name(row["speaker"], row["doc"], row["start"]) or row["speaker"]
            ok = _same_name(g.speaker, speaker)
            speaker_ok.append(ok)
            if not ok:
                wrong_speakers[(str(g.speaker), str(speaker))] += 1
                scores.speaker_errors.append(f"{g.doc} at {g.start}: {g.speaker} / {speaker}: {g.text[:80]}")
        rows.append({"kind": kind, "gold": len(gold), "matched": hits, "recall": round(hits / len(gold), 3) if len(gold) else float("nan")})
    scores.quotes = pd.DataFrame(rows)
    # precision: found rows that meet an annotated span (any kind) by at least 30% of the found row
    spans = {d: list(zip(g["start"], g["end"])) for d, g in quotes_gold.groupby("doc")}
    hit = [any(_overlaps((s, e), span) >= QUOTE_OVERLAP * max(1, e - s) for span in spans.get(d, []))
           for d, s, e in zip(quotes["doc"], quotes["start"], quotes["end"])]
    precision = sum(hit) / len(hit) if hit else float("nan")
    recall = scores.quotes["matched"].sum() / max(1, scores.quotes["gold"].sum())
    scores.quote_f1 = {"precision": round(precision, 3), "recall": round(recall, 3),
                       "f1": round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0}
    scores.speaker_accuracy = round(sum(speaker_ok) / len(speaker_ok), 3) if speaker_ok else float("nan")
    scores.errors = {"false cues": false_pos, "missed cues": missed, "wrong holders": wrong_holders,
                     "wrong speakers": wrong_speakers, "missed quotes": Counter(missed_quotes)}
    return scores


def _hedged_sentences(analysis, cues_gold: pd.DataFrame) -> dict:
    """Sentence-level hedge detection, as on the Szeged corpus (``eval_szeged.py``): a sentence
    is hedged when an annotated hedge lies in it; the toolkit calls it hedged when it finds a
    countable hedge in it (not negated, not a spun copy's modal)."""
    from toolkit.compare.cues import countable

    sents = analysis.sentences
    gold_hedges = cues_gold[cues_gold["category"] == "hedge"]
    found = countable(analysis.cues[analysis.cues["category"] == "hedge"], include_negated=False)

    def hedged(doc_ids, starts) -> set:
        out = set()
        for doc, start in zip(doc_ids, starts):
            mine = sents[(sents["doc_id"] == doc) & (sents["start"] <= start) & (sents["end"] > start)]
            out.update(zip(mine["doc_id"], mine["sent_id"]))
        return out

    gold, mine = hedged(gold_hedges["doc"], gold_hedges["start"]), hedged(found["doc_id"], found["start"])
    p = len(gold & mine) / len(mine) if mine else float("nan")
    r = len(gold & mine) / len(gold) if gold else float("nan")
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "sentences": len(sents), "hedged": len(gold)}


def _sentence_at(doc: str, offset: int, width: int = 110) -> str:
    """The annotated text around an offset, for reading an error."""
    text = (PROJECT_ROOT / doc).read_text(encoding="utf-8")
    return " ".join(text[max(0, offset - width // 2) : offset + width // 2].split())


def report(scores: Scores, errors: int, each: bool = False) -> str:
    lines = [f"== {scores.name}", scores.cues.to_string(index=False),
             f"cue micro precision {scores.micro['precision']:.3f}  recall {scores.micro['recall']:.3f}  F1 {scores.micro['f1']:.3f}",
             f"voice accuracy {scores.voice_accuracy:.3f}  holder accuracy {scores.holder_accuracy:.3f} (over found cues)",
             "sentence-level hedges ({hedged} of {sentences} sentences): precision {precision:.3f}  recall {recall:.3f}  "
             "F1 {f1:.3f}".format(**scores.hedged_sentences),
             scores.quotes.to_string(index=False),
             f"quote recall {scores.quotes['matched'].sum() / max(1, scores.quotes['gold'].sum()):.3f}; "
             f"without quotation marks (indirect) {_recall(scores, 'indirect'):.3f}; "
             f"speaker accuracy {scores.speaker_accuracy:.3f} (over found quotes)",
             "quotes and reported speech: precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}".format(**scores.quote_f1)]
    for kind, counter in scores.errors.items():
        if counter and errors > 0:
            lines.append(f"{kind}: " + "; ".join(f"{k if isinstance(k, str) else ' / '.join(k)} ({n})"
                                                  for k, n in counter.most_common(errors)))
    if each:
        lines += ["wrong speakers, one by one (document at offset: annotated / found: quote):",
                  *(f"  {line}" for line in scores.speaker_errors),
                  "wrong stance holders, one by one (document at offset: annotated / found: cue (voice) in: text):",
                  *(f"  {line}" for line in scores.holder_errors)]
    return "\n".join(lines)


def _recall(scores: Scores, kind: str) -> float:
    row = scores.quotes[scores.quotes["kind"] == kind]
    return float(row["recall"].iloc[0]) if len(row) else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=SETS, action="append", help="an annotated set (default: all)")
    parser.add_argument("--errors", type=int, default=10, help="errors to list per kind (default 10)")
    parser.add_argument("--seed-event", action="store_true",
                        help="pass the seed event's actor table and spinner substitutions for the seeds")
    parser.add_argument("--no-repair", action="store_true", help="score a spun copy as written")
    parser.add_argument("--each", action="store_true", help="list every wrong speaker and stance holder with its text")
    args = parser.parse_args(argv)
    for name in args.set or SETS:
        if not (EVAL_DIR / f"{name}_cues.csv").exists():
            print(f"== {name}: no annotations in {EVAL_DIR}", file=sys.stderr)
            continue
        event = PROJECT_ROOT / "seeds" / "event"
        configured = name == "seeds" and args.seed_event
        print(report(evaluate(name, [event / "actors.csv"] if configured else None, repair=not args.no_repair,
                              substitutions=[event / "spin_substitutions.csv"] if configured else None),
                     args.errors, args.each))
    return 0


if __name__ == "__main__":
    sys.exit(main())
