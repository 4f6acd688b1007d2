"""What each outlet says happened: its claims lined up across outlets, and where they disagree.

``compare`` lines up the claims of all outlets (``analysis.claims``): by default in the
comparable quantities found in the corpus itself (``toolkit.compare.quantities``: same unit,
same counted thing), or, when a slots file is given (``seeds/event/slots.csv``: call duration,
prisoners exchanged, ...), in those slots. ``disagreements`` says, per quantity, whether the
outlets conflict or agree up to rounding, ranked by how far apart they are. ``slot`` shows
what each outlet puts before a word ("golf" or "hockey" tournaments), with the sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from spacy.language import Language

from toolkit.compare import quantities
from toolkit.errors import DataFileError
from toolkit.extract.claims import DURATION
from toolkit.language.analysis import Analysis
from toolkit.resources.datafiles import read_data_csv


@dataclass(frozen=True)
class Slot:
    name: str
    kind: str  # number | filler
    dimension: str
    nouns: tuple[str, ...]
    requires: tuple[str, ...]


def load_slots(path: str | Path) -> list[Slot]:
    """The slots of a slots file (``slot, kind, dimension, nouns, requires, source``; see
    ``seeds/event/slots.csv``)."""
    path = Path(path)
    slots = []
    for line, row in read_data_csv(path, ("slot", "kind", "dimension", "nouns", "requires", "source")):
        if row["kind"] not in ("number", "filler") or not row["nouns"]:
            raise DataFileError(f"{path} line {line}: kind must be number or filler, and nouns may not be empty")
        split = lambda s: tuple(w.strip().lower() for w in s.split(";") if w.strip())  # noqa: E731
        slots.append(Slot(row["slot"], row["kind"], row["dimension"], split(row["nouns"]), split(row["requires"])))
    return slots


def _in_slot(row, slot: Slot) -> bool:
    """A claim fills a slot when its unit has the slot's dimension (duration, count, km,
    percent, points, money for any currency, or a currency code) and its counted noun, or a
    word of its phrase ("30-day ceasefire proposal"), is one of the slot's nouns."""
    dimension = "minutes" if slot.dimension == DURATION else slot.dimension
    if row.normalized_unit != dimension and not (dimension == "money" and row.dimension == "money"):
        return False
    words = set(re.findall(r"[\w-]+", row.phrase.lower()))
    if row.noun not in slot.nouns and not words & set(slot.nouns) and not {w.rstrip("s") for w in words} & set(slot.nouns):
        return False
    sentence = row.sentence.lower()
    return not slot.requires or any(word in sentence for word in slot.requires)


def compare(analysis: Analysis, slots: str | Path | None = None, by: str = "outlet", nlp: Language | None = None) -> pd.DataFrame:
    """Each outlet's claims in each comparable quantity: ``slot, outlet, value, unit, qualifier,
    low, high, filler, text, phrase, sentence, doc_id, start, end``.

    Without ``slots`` the quantities come from the corpus (``quantities.quantities``: what at
    least two outlets give a number for). With a slots file, its slots: number slots hold
    normalised values (durations in minutes), filler slots the modifying words. ``low`` and
    ``high`` bound the true value as the number is written (``quantities.interval``);
    ``text`` is the claim at ``start:end``; ``phrase`` adds what it counts ("nearly two-hour call")."""
    if slots is None:
        return quantities.quantities(analysis, by=by)
    rows = []
    claims = analysis.claims.merge(analysis.corpus.docs[["doc_id", by]], on="doc_id", how="left")
    for s in load_slots(slots):
        if s.kind == "number":
            for row in claims.itertuples(index=False):
                if _in_slot(row, s):
                    low, high = quantities.interval(row.normalized_value, row.precision, row.qualifier_class)
                    rows.append({"slot": s.name, by: getattr(row, by), "value": row.normalized_value,
                                 "unit": row.normalized_unit, "qualifier": row.qualifier or "exact", "low": low,
                                 "high": high, "filler": None, "text": row.text, "phrase": row.phrase,
                                 "sentence": row.sentence, "doc_id": row.doc_id, "start": row.start, "end": row.end})
        else:
            for noun in s.nouns:
                filled = slot(analysis, noun, by=by, nlp=nlp)
                rows += [{"slot": s.name, by: r[by], "value": None, "unit": "", "qualifier": "", "low": None, "high": None,
                          "filler": r["filler"], "text": r["text"], "phrase": r["text"], "sentence": r["sentence"],
                          "doc_id": r["doc_id"], "start": r["start"], "end": r["end"]} for _, r in filled.iterrows()]
    columns = [by if c == "outlet" else c for c in quantities.QUANTITY_COLUMNS]
    table = pd.DataFrame(rows, columns=columns)
    return table.astype({"value": float, "low": float, "high": float})


def disagreements(compared: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """Per quantity: the outlets that give it and their values, ``status`` (``conflict``: two
    outlets' intervals do not overlap; ``rounding``: the values differ but every interval
    overlaps; ``same``: one value; for a word slot, ``conflict`` when the words differ),
    ``disagree`` (a conflict), ``gap`` (the largest relative gap between conflicting outlets)
    and ``outliers`` (the outlets apart from the best-supported value). Conflicts come
    first, the widest gap first."""
    rows = []
    for name, group in compared.groupby("slot", sort=False):
        values = group.apply(lambda r: describe(r), axis=1)
        per_outlet = values.groupby(group[by], sort=False).agg(lambda v: ", ".join(dict.fromkeys(v)))
        words = group["unit"].eq("").all()
        distinct = set(group["filler"]) if words else set(zip(group["value"], group["qualifier"]))
        if words:
            status, spread, outliers = ("conflict" if len(distinct) > 1 else "same"), float("nan"), []
        else:
            status, spread, outliers = quantities.judge(quantities.outlet_intervals(group, by))
            if status == "rounding" and len(distinct) == 1:
                status = "same"
        rows.append({"slot": name, "unit": "" if words else group["unit"].iloc[0], "outlets": len(per_outlet),
                     "values": "; ".join(f"{o}: {v}" for o, v in per_outlet.items()),
                     "distinct_values": len(distinct), "status": status, "disagree": status == "conflict",
                     "gap": spread, "outliers": ", ".join(map(str, outliers))})
    table = pd.DataFrame(rows, columns=quantities.DISAGREEMENT_COLUMNS)
    order = table["status"].map({"conflict": 0, "rounding": 1, "same": 2})
    return (table.assign(_o=order, _g=-table["gap"].fillna(0))
            .sort_values(["_o", "_g"], kind="stable").drop(columns=["_o", "_g"]).reset_index(drop=True))


_SIGNS = {"USD": "$", "EUR": "\u20ac", "GBP": "\u00a3"}


def _human(value: float) -> str:
    """212000000000 -> "212 billion", 1200 -> "1,200", 2.5 -> "2.5"."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:g} {word}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"


def describe(row) -> str:
    """A compared claim as a reader says it: "nearly 2 hours", "2.5 hours", "30 days",
    "$212 billion", "17%", "golf"."""
    if row["unit"] == "":
        return str(row["filler"])
    value, qualifier, unit = row["value"], row["qualifier"], row["unit"]
    prefix = "" if qualifier in ("", "exact") else f"{qualifier} "
    if unit == "minutes":
        for size, name in ((525960, "years"), (43833.6, "months"), (1440, "days"), (60, "hours")):
            if value >= 2 * size or (name == "hours" and value >= size):
                return f"{prefix}{value / size:g} {name}"
        return f"{prefix}{value:g} minutes"
    if unit == "percent":
        return f"{prefix}{value:g}%"
    if unit in _SIGNS:
        return f"{prefix}{_SIGNS[unit]}{_human(value)}"
    if unit == "count":
        return f"{prefix}{_human(value)}"
    return f"{prefix}{_human(value)} {unit}"


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
