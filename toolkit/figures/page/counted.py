"""The rows each count of the report stands for, selected as the run's tables count them: the
cues ``cues.countable`` keeps, by ``cues.in_voice``; the stance cues of ``stance.stance_cues``;
quotes with the speaker ``quotes.speakers`` gives; the lead sentences of ``leads.lead_sentences``.
Each comes with the columns ``Evidence.group_by`` reads (``doc_id, start, end``, a voice, a note)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.compare import claims, cues, leads, quotes, stance
from toolkit.extract.cues import REPORTER
from toolkit.figures.page import tables


def quote_rows(inputs: tables.Inputs) -> pd.DataFrame:
    """Every quote with its clustered speaker, outlet and voice (direct and mixed: quoted; indirect: reported)."""
    def make():
        q = inputs.analysis.quotes
        q = q.assign(speaker=quotes.speakers(inputs.analysis, inputs.actors).fillna(quotes.UNATTRIBUTED)
                     if inputs.actors is not None else q["speaker"].fillna(quotes.UNATTRIBUTED))
        q = tables.with_outlet(inputs, q)
        voice = np.where(q["kind"] == "indirect", "attributed", "quoted")
        return q.assign(voice=voice, note=q["speaker"].astype(str))
    return inputs.once("quotes", make)


def cue_rows(inputs: tables.Inputs) -> pd.DataFrame:
    """Every countable cue, with its outlet and a note naming whose stance it is."""
    def make():
        c = tables.with_outlet(inputs, cues.countable(inputs.analysis.cues))
        holder = c["holder"].where(c["holder"].notna(), "")
        if inputs.actors is not None:
            holder = pd.Series([h if h in (REPORTER, "") else (inputs.actors.name(h, d, s) or h)
                                for h, d, s in zip(holder, c["doc_id"], c["start"])], index=c.index)
        note = np.where(holder == REPORTER, "the report's own", "held by " + holder.astype(str))
        return c.assign(note=np.where(holder == "", "", note), holder_name=holder)
    return inputs.once("cues", make)


def sentence_rows(inputs: tables.Inputs, table: pd.DataFrame) -> pd.DataFrame:
    """Rows keyed by ``doc_id, sent_id`` with the sentence's offsets (``start = end``: shown unmarked)."""
    sents = inputs.analysis.sentences[["doc_id", "sent_id", "start"]]
    merged = table.merge(sents, on=["doc_id", "sent_id"], how="inner")
    return merged.assign(end=merged["start"])


def aligned_rows(inputs: tables.Inputs) -> pd.DataFrame:
    """Every aligned sentence with a note naming its closest sentence in another outlet."""
    def make():
        labels = inputs.evidence.label_of
        rows = sentence_rows(inputs, inputs.tables["sentence_alignment"])
        return rows.assign(note=[f"closest in {labels.get(o, o)} ({s:.2f}): {_short(m)}" if isinstance(m, str) else ""
                                 for o, s, m in zip(rows["other"], rows["score"], rows["match_text"])])
    return inputs.once("aligned", make)


NOTE_CHARACTERS = 90  # of another outlet's sentence quoted in a note; the sentence itself is in the tables


def _short(text: str) -> str:
    return text if len(text) <= NOTE_CHARACTERS else text[:NOTE_CHARACTERS].rsplit(" ", 1)[0] + " …"


def matched_rows(inputs: tables.Inputs) -> pd.DataFrame:
    """The aligned sentences another outlet shares or paraphrases."""
    rows = aligned_rows(inputs)
    return rows[rows["status"] != "unique"]


def claim_notes(compared: pd.DataFrame) -> pd.DataFrame:
    notes = [f"{slot}: {claims.describe(row)}" for slot, row in zip(compared["slot"], compared.to_dict("records"))]
    return compared.assign(note=notes)


def lead_rows(inputs: tables.Inputs) -> pd.DataFrame | None:
    """Per document, the mention in its lead of whoever it opens with: the quote given to the
    source, or the actor's name; the lead unmarked where neither is found."""
    lead_table = inputs.tables.get("leads")
    if lead_table is None:
        return None

    def make():
        a = inputs.analysis
        sents = leads.lead_sentences(a)
        keys = pd.MultiIndex.from_arrays([sents["doc_id"], sents["sent_id"]])
        opens = lead_table.set_index("doc_id")["opens_with"].dropna().to_dict()
        q = quote_rows(inputs)
        q = q[pd.MultiIndex.from_arrays([q["doc_id"], q["sent_id"]]).isin(keys)]
        q = q[q["speaker"] == q["doc_id"].map(opens)].assign(note=lambda f: "account of " + f["speaker"].astype(str))
        ents = a.entities
        if "sent_id" in ents:
            ents = ents[pd.MultiIndex.from_arrays([ents["doc_id"], ents["sent_id"]]).isin(keys)]
        names = [inputs.actors.name(n, d, s) or n if inputs.actors is not None else n
                 for n, d, s in zip(ents["name"], ents["doc_id"], ents["start"])]
        ents = ents.assign(actor=names)
        ents = ents[ents["actor"] == ents["doc_id"].map(opens)].assign(note=lambda f: "names " + f["actor"].astype(str))
        kinds = lead_table.set_index("doc_id")["kind"].to_dict()
        marked = pd.concat([q[q["doc_id"].map(kinds) == "source"][["doc_id", "start", "end", "note", "voice"]],
                            ents[ents["doc_id"].map(kinds) == "actor"][["doc_id", "start", "end", "note"]]])
        bare = sents[~sents["doc_id"].isin(marked["doc_id"])]
        bare = bare.assign(end=bare["start"], note="")[["doc_id", "start", "end", "note"]]
        return tables.with_outlet(inputs, pd.concat([marked, bare], ignore_index=True))
    return inputs.once("leads", make)


def stance_rows(inputs: tables.Inputs) -> pd.DataFrame | None:
    if inputs.tables.get("stance") is None:
        return None
    def make():
        # the cues ``stance.stance_cues`` counts, from the cue rows already named: no second pass over the holders
        rows = cue_rows(inputs)
        rows = rows[rows["category"].isin(stance.STANCE_CATEGORIES)]
        named = [isinstance(h, str) for h in rows["holder"]]
        return rows.assign(holder=rows["holder_name"].where(named, stance.UNKNOWN_HOLDER))
    return inputs.once("stance", make)


def spin_rows(inputs: tables.Inputs) -> pd.DataFrame | None:
    triggers = inputs.analysis.spin_triggers
    if triggers is None or not len(triggers):
        return None
    notes = [f"{n}" + (f" (for '{s}')" if isinstance(s, str) and s else "")
             for n, s in zip(triggers["note"], triggers["suggestion"])]
    return tables.with_outlet(inputs, triggers.assign(note=notes))  # offsets into the text as loaded: ``original=True``
