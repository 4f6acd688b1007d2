"""What each outlet says happened: its claims lined up in slots and compared across outlets.

``compare`` lines up the claims of all outlets (``analysis.claims``) in the slots of
``toolkit/data/claims/slots.csv`` (call duration, prisoners exchanged, ...) and
``disagreements`` says where they differ. ``slot`` shows what each outlet puts in a
user-given slot ("golf" or "hockey" tournaments), with the sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from spacy.language import Language

from toolkit.errors import DataFileError
from toolkit.extract.claims import CLAIMS_DIR, DURATION
from toolkit.language.analysis import Analysis
from toolkit.resources.datafiles import read_data_csv


@dataclass(frozen=True)
class Slot:
    name: str
    kind: str  # number | filler
    dimension: str
    nouns: tuple[str, ...]
    requires: tuple[str, ...]


def load_slots(path: str | Path | None = None) -> list[Slot]:
    path = Path(path) if path else CLAIMS_DIR / "slots.csv"
    slots = []
    for line, row in read_data_csv(path, ("slot", "kind", "dimension", "nouns", "requires", "source")):
        if row["kind"] not in ("number", "filler") or not row["nouns"]:
            raise DataFileError(f"{path} line {line}: kind must be number or filler, and nouns may not be empty")
        split = lambda s: tuple(w.strip().lower() for w in s.split(";") if w.strip())  # noqa: E731
        slots.append(Slot(row["slot"], row["kind"], row["dimension"], split(row["nouns"]), split(row["requires"])))
    return slots


def _in_slot(row, slot: Slot) -> bool:
    """A claim fills a slot when its unit has the slot's dimension and its counted noun, or a
    word of its phrase ("30-day ceasefire proposal"), is one of the slot's nouns."""
    dimension = "minutes" if slot.dimension == DURATION else slot.dimension
    if row.normalized_unit != dimension:
        return False
    words = set(re.findall(r"[\w-]+", row.phrase.lower()))
    if row.noun not in slot.nouns and not words & set(slot.nouns) and not {w.rstrip("s") for w in words} & set(slot.nouns):
        return False
    sentence = row.sentence.lower()
    return not slot.requires or any(word in sentence for word in slot.requires)


def compare(analysis: Analysis, slots: str | Path | None = None, by: str = "outlet", nlp: Language | None = None) -> pd.DataFrame:
    """Each outlet's claims in each slot: ``slot, outlet, value, unit, qualifier, text, phrase,
    sentence, doc_id, start, end``. Number slots hold normalised values (durations in minutes);
    filler slots the modifying words. ``text`` is the claim at ``start:end``; ``phrase`` adds
    what it counts ("nearly two-hour call")."""
    rows = []
    claims = analysis.claims.merge(analysis.corpus.docs[["doc_id", by]], on="doc_id", how="left")
    for s in load_slots(slots):
        if s.kind == "number":
            for row in claims.itertuples(index=False):
                if _in_slot(row, s):
                    rows.append({"slot": s.name, by: getattr(row, by), "value": row.normalized_value,
                                 "unit": row.normalized_unit, "qualifier": row.qualifier or "exact", "filler": None,
                                 "text": row.text, "phrase": row.phrase, "sentence": row.sentence,
                                 "doc_id": row.doc_id, "start": row.start, "end": row.end})
        else:
            for noun in s.nouns:
                filled = slot(analysis, noun, by=by, nlp=nlp)
                rows += [{"slot": s.name, by: r[by], "value": None, "unit": "", "qualifier": "", "filler": r["filler"],
                          "text": r["text"], "phrase": r["text"], "sentence": r["sentence"], "doc_id": r["doc_id"],
                          "start": r["start"], "end": r["end"]} for _, r in filled.iterrows()]
    columns = ["slot", by, "value", "unit", "qualifier", "filler", "text", "phrase", "sentence", "doc_id", "start", "end"]
    table = pd.DataFrame(rows, columns=columns)
    table["value"] = table["value"].astype(float)
    return table


def disagreements(compared: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """Per slot: which outlets fill it, with which values, and whether they disagree."""
    rows = []
    for name, group in compared.groupby("slot", sort=False):
        values = group.apply(lambda r: describe(r), axis=1)
        per_outlet = values.groupby(group[by], sort=False).agg(lambda v: ", ".join(dict.fromkeys(v)))
        distinct = {r["filler"] if r["unit"] == "" else r["value"] for _, r in group.iterrows()}
        rows.append({"slot": name, "outlets": len(per_outlet), "values": "; ".join(f"{o}: {v}" for o, v in per_outlet.items()),
                     "distinct_values": len(distinct), "disagree": len(distinct) > 1})
    return pd.DataFrame(rows, columns=["slot", "outlets", "values", "distinct_values", "disagree"])


def describe(row) -> str:
    """A compared claim as a reader says it: "nearly 2 hours", "2.5 hours", "30 days", "golf"."""
    if row["unit"] == "":
        return str(row["filler"])
    value, qualifier, unit = row["value"], row["qualifier"], row["unit"]
    prefix = "" if qualifier in ("", "exact") else f"{qualifier} "
    if unit == "minutes":
        for size, name in ((525960, "years"), (43833.6, "months"), (1440, "days"), (60, "hours")):
            if value >= 2 * size or (name == "hours" and value >= size):
                return f"{prefix}{value / size:g} {name}"
        return f"{prefix}{value:g} minutes"
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{prefix}{shown} {unit}" if unit != "count" else f"{prefix}{shown}"


def slot(analysis: Analysis, word: str, by: str = "outlet", nlp: Language | None = None) -> pd.DataFrame:
    """What each outlet puts before ``word``: ``outlet, filler, text, sentence, doc_id, start, end``.

    Finds the word (any inflection) in each sentence that contains it and reports the words
    that modify it ("golf tournaments" -> "golf"). Only those sentences are parsed again.
    """
    from toolkit.language.pipeline import load_pipeline

    nlp = nlp or load_pipeline()
    lemma = nlp(word)[0].lemma_.lower()
    stem = lemma[: max(3, len(lemma) - 2)]
    sents = analysis.sentences[analysis.sentences["text"].str.lower().str.contains(stem, regex=False)]
    sents = sents.merge(analysis.corpus.docs[["doc_id", by]], on="doc_id", how="left")
    rows = []
    for row, doc in zip(sents.itertuples(index=False), nlp.pipe(sents["text"])):
        for token in doc:
            if token.lemma_.lower() != lemma:
                continue
            modifiers = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod")]
            filler = " ".join(t.text for m in modifiers for t in m.subtree) if modifiers else ""
            left = min([token.i, *(t.i for m in modifiers for t in m.subtree)])
            span = doc[left : token.i + 1]
            rows.append({by: getattr(row, by), "filler": filler, "text": span.text, "sentence": row.text,
                         "doc_id": row.doc_id, "start": row.start + span.start_char, "end": row.start + span.end_char})
    return pd.DataFrame(rows, columns=[by, "filler", "text", "sentence", "doc_id", "start", "end"])
