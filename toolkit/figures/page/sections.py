"""The report's sections: for each analysis, its figures and its tables, every count in them
linked to the rows of evidence that produced it.

Each builder takes the run's ``Inputs`` and returns a ``Section``, or None when the tables it
shows were not made (the page lists what was skipped and why). The counts are the run's own
tables, never recomputed here; the evidence groups select the same rows those tables counted
(``cues.in_voice`` and ``cues.countable`` for cue rates, ``stance.stance_cues`` for stance,
``quotes.speakers`` for quotes ...), so the number on a button is the number of rows behind it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from toolkit.compare import actors as actor_clusters
from toolkit.compare import claims, cues, leads, quotes, stance
from toolkit.extract.cues import REPORTER
from toolkit.figures.page.evidence import Evidence
from toolkit.language.analysis import Analysis

TABLE_BUDGET = 6000  # evidence items a table may keep, shared by its linked columns
MAX_ROWS = 20000  # rows a table shows; the file on disk has them all


@dataclass
class Inputs:
    """What a run made: the analysis, its tables by output name, the actor clusters and the
    figures drawn (name -> (SVG path, title))."""

    analysis: Analysis
    tables: Mapping[str, pd.DataFrame]
    actors: actor_clusters.Actors | None
    figures: Mapping[str, tuple] = field(default_factory=dict)
    evidence: Evidence = None  # type: ignore[assignment]
    table_suffix: str = ".csv"

    def __post_init__(self):
        if self.evidence is None:
            self.evidence = Evidence(self.analysis.corpus.docs, self.analysis.sentences)
        self._cache: dict = {}

    def once(self, name: str, make: Callable):
        if name not in self._cache:
            self._cache[name] = make()
        return self._cache[name]

    def file(self, name: str) -> str:
        return f"{name}{self.table_suffix}"


@dataclass
class Column:
    label: str
    numeric: bool = False
    help: str = ""


@dataclass
class Table:
    id: str
    caption: str
    columns: list[Column]
    rows: list[list]  # [cells, [column, group, column, group ...], outlets, categories, voices]
    source: str = ""  # the file on disk with every row
    note: str = ""


@dataclass
class Section:
    id: str
    title: str
    intro: str
    figures: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


# -- shared pieces -----------------------------------------------------------------------------

def _value(v):
    """A JSON-safe cell: None for missing, rounded floats, plain ints and strings."""
    if v is None:
        return None
    if isinstance(v, (bool, np.bool_)):
        return "yes" if v else "no"
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return None if np.isnan(v) else round(float(v), 3)
    if not isinstance(v, str) and pd.isna(v):
        return None
    return str(v)


def _with_outlet(inputs: Inputs, frame: pd.DataFrame) -> pd.DataFrame:
    if "outlet" in frame:
        return frame
    docs = inputs.analysis.corpus.docs[["doc_id", "outlet"]]
    return frame.merge(docs, on="doc_id", how="left")


def _build(inputs: Inputs, table_id: str, caption: str, frame: pd.DataFrame, columns: list[tuple],
           links: Mapping[str, tuple[dict, Callable]] | None = None, outlet: str | None = "outlet",
           category: str | None = None, dims: str = "okv", source: str = "", note: str = "") -> Table:
    """A table of ``frame``: ``columns`` are (column name or function of the row, label,
    numeric); ``links`` maps a label to (groups, key of a row) so that its cell opens that
    group; ``outlet`` and ``category`` name the row's own outlet and category for the filters,
    and the row's evidence supplies the rest of ``dims`` (o = outlet, k = category, v = voice)."""
    ev = inputs.evidence
    links = links or {}
    shown = frame.head(MAX_ROWS)
    if len(frame) > MAX_ROWS:
        note = (note + " " if note else "") + f"The first {MAX_ROWS:,} of {len(frame):,} rows; {source} has them all."
    rows = []
    labels = [c[1] for c in columns]
    for record in shown.to_dict("records"):
        cells = [_value(c[0](record) if callable(c[0]) else record.get(c[0])) for c in columns]
        linked, groups = [], []
        for label, (found, key_of) in links.items():
            g = found.get(key_of(record))
            if g is not None:
                linked += [labels.index(label), g]
                groups.append(g)
        o = [ev.outlet_index(record[outlet])] if outlet and record.get(outlet) in ev._outlet_at else \
            list(dict.fromkeys(x for g in groups for x in ev.outlets_of(g)))
        k = [ev.category_index(record[category])] if category else \
            list(dict.fromkeys(x for g in groups for x in ev.categories_of(g)))
        v = list(dict.fromkeys(x for g in groups for x in ev.voices_of(g)))
        rows.append([cells, linked, o if "o" in dims else [], k if "k" in dims else [], v if "v" in dims else []])
    return Table(table_id, caption, [Column(c[1], bool(c[2]) if len(c) > 2 else False) for c in columns], rows,
                 source=source, note=note)


def _outlet_lists(inputs: Inputs, rows: pd.DataFrame, key: str) -> dict:
    """``{key: "Label; Label"}``: the outlets of each key's rows by their labels, in corpus order
    (a semicolon between them, since a label may hold a comma)."""
    ev = inputs.evidence
    labels = dict(zip(ev.outlets, ev.labels))
    at = {o: i for i, o in enumerate(ev.outlets)}
    out = {}
    for k, outlets in rows.groupby(key, sort=False)["outlet"]:
        out[k] = "; ".join(labels.get(o, str(o)) for o in sorted(set(outlets), key=lambda o: at.get(o, len(at))))
    return out


def _quote_rows(inputs: Inputs) -> pd.DataFrame:
    """Every quote with its clustered speaker, outlet and voice (direct and mixed: quoted; indirect: reported)."""
    def make():
        q = inputs.analysis.quotes
        q = q.assign(speaker=quotes.speakers(inputs.analysis, inputs.actors).fillna(quotes.UNATTRIBUTED)
                     if inputs.actors is not None else q["speaker"].fillna(quotes.UNATTRIBUTED))
        q = _with_outlet(inputs, q)
        voice = np.where(q["kind"] == "indirect", "attributed", "quoted")
        return q.assign(voice=voice, note=q["speaker"].astype(str))
    return inputs.once("quotes", make)


def _cue_rows(inputs: Inputs) -> pd.DataFrame:
    """Every countable cue, with its outlet and a note naming whose stance it is."""
    def make():
        c = _with_outlet(inputs, cues.countable(inputs.analysis.cues))
        holder = c["holder"].where(c["holder"].notna(), "")
        if inputs.actors is not None:
            holder = pd.Series([h if h in (REPORTER, "") else (inputs.actors.name(h, d, s) or h)
                                for h, d, s in zip(holder, c["doc_id"], c["start"])], index=c.index)
        note = np.where(holder == REPORTER, "the report's own", "held by " + holder.astype(str))
        return c.assign(note=np.where(holder == "", "", note), holder_name=holder)
    return inputs.once("cues", make)


def _sentence_rows(inputs: Inputs, table: pd.DataFrame) -> pd.DataFrame:
    """Rows keyed by ``doc_id, sent_id`` with the sentence's offsets (``start = end``: shown unmarked)."""
    sents = inputs.analysis.sentences[["doc_id", "sent_id", "start"]]
    merged = table.merge(sents, on=["doc_id", "sent_id"], how="inner")
    return merged.assign(end=merged["start"])


def _aligned_rows(inputs: Inputs) -> pd.DataFrame:
    """Every aligned sentence with a note naming its closest sentence in another outlet."""
    def make():
        labels = dict(zip(inputs.evidence.outlets, inputs.evidence.labels))
        rows = _sentence_rows(inputs, inputs.tables["sentence_alignment"])
        return rows.assign(note=[f"closest in {labels.get(o, o)} ({s:.2f}): {m}" if isinstance(m, str) else ""
                                 for o, s, m in zip(rows["other"], rows["score"], rows["match_text"])])
    return inputs.once("aligned", make)


def _matched_rows(inputs: Inputs) -> pd.DataFrame:
    """The aligned sentences another outlet shares or paraphrases."""
    rows = _aligned_rows(inputs)
    return rows[rows["status"] != "unique"]


def _pct(value) -> str | None:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else f"{100 * float(value):.0f}%"


# -- the sections ------------------------------------------------------------------------------

def summary_section(inputs: Inputs) -> Section | None:
    summary = inputs.tables.get("summary")
    if summary is None:
        return None
    ev, t = inputs.evidence, inputs.tables
    links: dict[str, tuple[dict, Callable]] = {}
    by_outlet = (lambda r: r["outlet"])
    lead_rows = _lead_evidence(inputs)
    if lead_rows is not None:
        links["Opens with"] = (ev.group_by(lead_rows, ["outlet"], TABLE_BUDGET // 8, voice="voice", note="note"),
                               by_outlet)
    q = _quote_rows(inputs)
    top = summary.set_index("outlet")["top_quoted"].dropna().to_dict()
    direct = q[(q["kind"] == "direct") & (q["speaker"] == q["outlet"].map(top))]
    links["Most quoted"] = (ev.group_by(direct, ["outlet"], TABLE_BUDGET // 8, voice="voice", note="note"), by_outlet)
    sc = _stance_rows(inputs)
    if sc is not None:
        own = sc["holder"] == REPORTER
        links["Own stance"] = (ev.group_by(sc[own], ["outlet"], TABLE_BUDGET // 8, voice="voice", category="category",
                                         note="note"), by_outlet)
        links["Stance of others"] = (ev.group_by(sc[~own], ["outlet"], TABLE_BUDGET // 8, voice="voice",
                                               category="category", note="note"), by_outlet)
    if "hedge" in inputs.analysis.lexicon_categories:
        hedges = cues.in_voice(_cue_rows(inputs).query("category == 'hedge'"), "own")
        links["Own hedges per 1,000 tokens"] = (ev.group_by(hedges, ["outlet"], TABLE_BUDGET // 8, voice="voice",
                                                          category="category", note="note"), by_outlet)
    alignment = t.get("sentence_alignment")
    if alignment is not None:
        unique = _sentence_rows(inputs, alignment[alignment["status"] == "unique"])
        links["Sentences no other outlet has"] = (ev.group_by(unique, ["outlet"], TABLE_BUDGET // 8), by_outlet)
        outlet_of_label = {lab: o for o, lab in zip(ev.outlets, ev.labels)}
        if len(outlet_of_label) == len(ev.outlets):  # labels name outlets one to one
            closest = summary.set_index("outlet")["closest"].map(outlet_of_label).dropna().to_dict()
            shared = _matched_rows(inputs)
            shared = shared[shared["other"] == shared["outlet"].map(closest)]
            links["Closest outlet"] = (ev.group_by(shared, ["outlet"], TABLE_BUDGET // 8, note="note"), by_outlet)
    fact_table, members = t.get("facts"), t.get("fact_members")
    if fact_table is not None and members is not None:
        single = members[members["fact"].isin(fact_table.loc[fact_table["outlets"] == 1, "fact"])]
        links["Facts only here"] = (ev.group_by(single.assign(end=single["start"]), ["outlet"], TABLE_BUDGET // 8), by_outlet)
    triggers = _spin_rows(inputs)
    if triggers is not None:
        links["Spin score"] = (ev.group_by(triggers, ["outlet"], TABLE_BUDGET // 8, note="note", original=True), by_outlet)
    compared = t.get("claims_compare")
    disputes = t.get("disagreements")
    if compared is not None and disputes is not None and len(disputes):
        disputed = compared[compared["slot"].isin(disputes.loc[disputes["disagree"].astype(bool), "slot"])]
        links["Values in dispute"] = (ev.group_by(_claim_notes(disputed), ["outlet"], TABLE_BUDGET // 8, note="note"),
                                      by_outlet)
    columns = [
        ("label", "Outlet"), ("documents", "Documents", True),
        (lambda r: r["opens_with"] if r["opens_with"] else "(no one)", "Opens with"),
        (lambda r: f"{r['top_quoted']} ({_pct(r['top_quoted_share'])})" if r["top_quoted"] else None, "Most quoted"),
        ("own_stance", "Own stance"), ("others_stance", "Stance of others"),
        (lambda r: _interval(r["hedge_rate"], r["hedge_ci_low"], r["hedge_ci_high"]), "Own hedges per 1,000 tokens"),
        (lambda r: _pct(r["unique_share"]), "Sentences no other outlet has"),
        ("only_here", "Facts only here", True),
        (lambda r: f"{r['closest']} ({r['closest_similarity']:.2f})" if r["closest"] else None, "Closest outlet"),
        (lambda r: f"{r['spin_score']:.2f}" + (" (read as spun)" if r["spin_flagged"] else ""), "Spin score"),
        ("disputed", "Values in dispute"),
    ]
    table = _build(inputs, "summary", "One row per outlet; a linked cell opens the sentences behind it.", summary,
                   columns, links, dims="o", source=inputs.file("summary"))
    return Section("summary", "Summary: how each outlet framed the event",
                   "Whose account each outlet opens with, whom it quotes most, the stance it takes in its own words "
                   "and the stance it reports of others, how often it hedges in its own voice, how much of it no "
                   "other outlet has, and its values for the numbers the outlets disagree on.",
                   ["summary"], [table])


def _interval(rate, low, high) -> str | None:
    if rate is None or (isinstance(rate, float) and np.isnan(rate)):
        return None
    return f"{rate:.1f} ({low:.1f} to {high:.1f})"


def _claim_notes(compared: pd.DataFrame) -> pd.DataFrame:
    notes = [f"{slot}: {claims.describe(row)}" for slot, row in zip(compared["slot"], compared.to_dict("records"))]
    return compared.assign(note=notes)


def disagreements_section(inputs: Inputs) -> Section | None:
    disputes, compared = inputs.tables.get("disagreements"), inputs.tables.get("claims_compare")
    if disputes is None or compared is None:
        return None
    ev = inputs.evidence
    found = ev.group_by(_claim_notes(compared), ["slot"], TABLE_BUDGET, note="note")
    outlets_of = compared.groupby("slot", sort=False)["outlet"].agg(lambda s: list(dict.fromkeys(s))).to_dict()
    ordered = disputes.sort_values("disagree", ascending=False, kind="stable")
    labels = dict(zip(ev.outlets, ev.labels))
    said: dict = {}
    for row in compared.to_dict("records"):
        said.setdefault(row["slot"], {}).setdefault(row["outlet"], {})[claims.describe(row)] = None
    values = {slot: "; ".join(f"{labels.get(o, o)}: {', '.join(v)}" for o, v in by.items()) for slot, by in said.items()}
    ordered = ordered.assign(values=ordered["slot"].map(values).fillna(ordered["values"]))
    table = _build(inputs, "disagreements", "Each quantity the outlets report, and whether their values agree.",
                   ordered, [("slot", "Quantity"), ("status", "Status"), ("outlets", "Outlets", True),
                             ("values", "Values by outlet")],
                   {"Values by outlet": (found, lambda r: r["slot"])}, outlet=None, dims="o",
                   source=inputs.file("disagreements"))
    for row, record in zip(table.rows, ordered.head(MAX_ROWS).to_dict("records")):
        row[2] = [i for i in (ev.outlet_index(o) for o in outlets_of.get(record["slot"], [])) if i is not None]
    n = int(disputes["disagree"].astype(bool).sum())
    return Section("disagreements", "What the outlets disagree on",
                   f"{n} of the {len(disputes)} quantities or details the outlets report differ between the outlets that "
                   "report them. "
                   "The values are the claims as each outlet wrote them; a linked cell shows the sentences.",
                   [], [table])


def phrases_section(inputs: Inputs) -> Section | None:
    summary, uses = inputs.tables.get("phrase_summary"), inputs.tables.get("phrases")
    if summary is None or uses is None:
        return None
    ev = inputs.evidence
    uses = uses.assign(note=uses["source"].where(uses["source"].notna(), ""))
    per = TABLE_BUDGET // 5
    own = uses[(uses["voice"] == "authorial") & ~uses["scare_quotes"].astype(bool)]
    scare = uses[uses["scare_quotes"].astype(bool)]
    quoted, reported = uses[uses["voice"] == "quoted"], uses[uses["voice"] == "attributed"]
    parts = {"Uses": uses, "In the outlet's own words": own, "In scare quotes": scare, "Quoted by": quoted,
             "Reported by": reported}
    groups = {name: ev.group_by(part, ["phrase"], per, voice="voice", note="note") for name, part in parts.items()}
    names = {name: _outlet_lists(inputs, part, "phrase") for name, part in parts.items() if name != "Uses"}
    key = (lambda r: r["phrase"])
    listed = [(lambda r, n=name: names[n].get(r["phrase"], ""), name) for name in names]
    table = _build(inputs, "phrases", "Phrases that recur across outlets, and in whose voice each outlet uses them.",
                   summary, [("as_written", "Phrase"), ("outlets", "Outlets", True), ("uses", "Uses", True),
                             *listed, ("sources", "Sources")],
                   {name: (g, key) for name, g in groups.items()}, outlet=None, dims="ov", source=inputs.file("phrase_summary"))
    return Section("phrases", "Frame phrases, and who uses them in their own voice",
                   "A phrase one outlet writes in its own words another may only quote or report. The columns list the "
                   "outlets for each voice; a linked cell shows those uses.", ["frame_phrases"], [table])


def _lead_evidence(inputs: Inputs) -> pd.DataFrame | None:
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
        q = _quote_rows(inputs)
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
        return _with_outlet(inputs, pd.concat([marked, bare], ignore_index=True))
    return inputs.once("leads", make)


def leads_section(inputs: Inputs) -> Section | None:
    lead_table = inputs.tables.get("leads")
    if lead_table is None:
        return None
    found = inputs.evidence.group_by(_lead_evidence(inputs), ["doc_id"], TABLE_BUDGET, voice="voice", note="note")
    labels = dict(zip(inputs.evidence.outlets, inputs.evidence.labels))
    table = _build(inputs, "leads", "Each report's lead and whose account or act it opens with.", lead_table,
                   [(lambda r: labels.get(r["outlet"], r["outlet"]), "Outlet"), ("doc_id", "Document"),
                    (lambda r: r["opens_with"] or "(no one)", "Opens with"), ("kind", "Opens on"),
                    ("source", "Source"), ("verb", "Verb"), ("actor", "Actor")],
                   {"Opens with": (found, lambda r: r["doc_id"])}, dims="o", source=inputs.file("leads"))
    return Section("leads", "Whose account leads",
                   "The first sentence of a lead that gives someone's account or names an actor decides what the "
                   "report opens with: the source it attributes most words to, else the actor it names most.",
                   ["leads"], [table])


def _stance_rows(inputs: Inputs) -> pd.DataFrame | None:
    if inputs.tables.get("stance") is None:
        return None
    def make():
        rows = stance.stance_cues(inputs.analysis, actors=inputs.actors)
        c = _cue_rows(inputs)[["doc_id", "start", "end", "category", "note"]]
        return rows.merge(c, on=["doc_id", "start", "end", "category"], how="left")
    return inputs.once("stance", make)


def stance_section(inputs: Inputs) -> Section | None:
    table, rows = inputs.tables.get("stance"), _stance_rows(inputs)
    if table is None or rows is None:
        return None
    found = inputs.evidence.group_by(rows, ["outlet", "holder", "category"], TABLE_BUDGET, voice="voice",
                                   category="category", note="note")
    labels = dict(zip(inputs.evidence.outlets, inputs.evidence.labels))
    built = _build(inputs, "stance", "Stance cues per outlet, by whose stance they are.", table,
                   [(lambda r: labels.get(r["outlet"], r["outlet"]), "Outlet"),
                    (lambda r: "the report itself" if r["own_voice"] else r["holder"], "Holder"),
                    ("category", "Stance"), ("cues", "Cues", True), ("examples", "Words")],
                   {"Cues": (found, lambda r: (r["outlet"], r["holder"], r["category"]))}, category="category",
                   source=inputs.file("stance"))
    return Section("stance", "Stance by source",
                   "Who is optimistic, who doubts, who speaks of delay or refusal: each cue counted for the person or "
                   "institution whose words or attitude it is, and for the report itself when it is the writer's.",
                   ["stance_by_source"], [built])


def facts_section(inputs: Inputs) -> Section | None:
    fact_table, members = inputs.tables.get("facts"), inputs.tables.get("fact_members")
    if fact_table is None or members is None:
        return None
    ev = inputs.evidence
    found = ev.group_by(members.assign(end=members["start"]), ["fact"], TABLE_BUDGET)
    n_outlets = len(ev.outlets)

    kept = _outlet_lists(inputs, members, "fact")
    carried_by = members.groupby("fact", sort=False)["outlet"].agg(set).to_dict()

    def dropped(record) -> str:
        carried = carried_by.get(record["fact"], set())
        missing = [lab for o, lab in zip(ev.outlets, ev.labels) if o not in carried]
        return "; ".join(missing) if len(missing) <= 8 else f"{len(missing):,} of {n_outlets:,} outlets"

    table = _build(inputs, "facts", "Each fact: the sentences that carry it, the outlets that kept it and those "
                   "that dropped it.", fact_table,
                   [("fact", "Fact"), ("label", "As one outlet puts it"), ("outlets", "Outlets", True),
                    (lambda r: kept.get(r["fact"], ""), "Kept by"), (dropped, "Dropped by")],
                   {"Outlets": (found, lambda r: r["fact"])}, outlet=None, dims="o", source=inputs.file("facts"))
    members_of = members.groupby("fact", sort=False)["outlet"].agg(lambda s: list(dict.fromkeys(s))).to_dict()
    for row, record in zip(table.rows, fact_table.head(MAX_ROWS).to_dict("records")):
        row[2] = [i for i in (ev.outlet_index(o) for o in members_of.get(record["fact"], [])) if i is not None]
    return Section("facts", "Facts kept and dropped",
                   "Sentences of different outlets that state the same fact are grouped; a fact carried by one outlet "
                   "alone is what the others dropped, or what that outlet added.", ["facts_kept_and_dropped"], [table])


def quotes_section(inputs: Inputs) -> Section | None:
    share, profile = inputs.tables.get("quote_share"), inputs.tables.get("verb_profile")
    if share is None and profile is None:
        return None
    ev, q = inputs.evidence, _quote_rows(inputs)
    labels = dict(zip(ev.outlets, ev.labels))
    outlet_label = (lambda r: labels.get(r["outlet"], r["outlet"]))
    tables = []
    if share is not None:
        found = ev.group_by(q, ["outlet", "kind", "speaker"], TABLE_BUDGET, voice="voice", note="note")
        tables.append(_build(inputs, "quote_share", "Whose words each outlet carries: direct quotation, reported "
                             "speech and quotes that mix them, apart.", share,
                             [(outlet_label, "Outlet"), ("kind", "Kind"), ("speaker", "Speaker"),
                              ("quotes", "Quotes", True), ("tokens", "Words", True),
                              (lambda r: _pct(r["share"]), "Share of the kind's words")],
                             {label: (found, lambda r: (r["outlet"], r["kind"], r["speaker"]))
                              for label in ("Quotes", "Words", "Share of the kind's words")},
                             source=inputs.file("quote_share")))
    if profile is not None:
        verbs = q[q["verb"].notna()]
        found = ev.group_by(verbs, ["outlet", "verb"], TABLE_BUDGET, voice="voice", note="note")
        tables.append(_build(inputs, "verb_profile", "How each outlet introduces speech: its reporting verbs.",
                             profile, [(outlet_label, "Outlet"), ("verb", "Verb"), ("verb_class", "Class"),
                                       ("uses", "Uses", True), (lambda r: _pct(r["share"]), "Share")],
                             {"Uses": (found, lambda r: (r["outlet"], r["verb"]))}, source=inputs.file("verb_profile")))
    return Section("quotes", "Quotes by speaker",
                   "Direct quotation (the speaker's words in quote marks) and reported speech (the outlet's paraphrase) "
                   "answer different questions and are counted apart.",
                   ["quoted_voices", "reporting_verbs", "actor_mentions"], tables)


def cues_section(inputs: Inputs) -> Section | None:
    rates = inputs.tables.get("cue_rates")
    if rates is None:
        return None
    ev, c = inputs.evidence, _cue_rows(inputs)
    voices = list(dict.fromkeys(rates["voice"]))
    per = TABLE_BUDGET // max(1, len(voices))
    found: dict = {}
    for voice in voices:
        chosen = cues.in_voice(c, voice).assign(rate_voice=voice)
        found.update(ev.group_by(chosen, ["outlet", "category", "rate_voice"], per, voice="voice", category="category",
                               note="note"))
    labels = dict(zip(ev.outlets, ev.labels))
    table = _build(inputs, "cue_rates", "Cues per 1,000 tokens by category and voice, with 95% bootstrap intervals.",
                   rates, [(lambda r: labels.get(r["outlet"], r["outlet"]), "Outlet"), ("category", "Category"),
                           (lambda r: VOICE_NAMES.get(r["voice"], r["voice"]), "Voice"), ("cues", "Cues", True),
                           ("tokens", "Tokens", True), ("per_1000_tokens", "Per 1,000 tokens", True),
                           (lambda r: f"{r['ci_low']:.1f} to {r['ci_high']:.1f}", "95% interval")],
                   {label: (found, lambda r: (r["outlet"], r["category"], r["voice"]))
                    for label in ("Cues", "Per 1,000 tokens")}, category="category", source=inputs.file("cue_rates"))
    return Section("cues", "Cues by category and voice",
                   "Hedges, boosters, approximators and stance words, per 1,000 tokens of each outlet. Own = the "
                   "writer's stance; others = a stance the report gives to someone else; negated cues and a spun "
                   "copy's suspect modals are not counted.", ["cue_rates"], [table])


VOICE_NAMES = {"all": "all", "own": "own (the writer's stance)", "others": "others' stance",
               "authorial": "outside quotes and reported speech", "quoted+attributed": "quoted or reported",
               "quoted": "in quote marks", "attributed": "reported speech"}


def _spin_rows(inputs: Inputs) -> pd.DataFrame | None:
    triggers = inputs.analysis.spin_triggers
    if triggers is None or not len(triggers):
        return None
    notes = [f"{n}" + (f" (for '{s}')" if isinstance(s, str) and s else "")
             for n, s in zip(triggers["note"], triggers["suggestion"])]
    return _with_outlet(inputs, triggers.assign(note=notes))  # offsets into the text as loaded: ``original=True``


def similarity_section(inputs: Inputs) -> Section | None:
    t, ev = inputs.tables, inputs.evidence
    summary, alignment = t.get("alignment_summary"), t.get("sentence_alignment")
    tables = []
    labels = dict(zip(ev.outlets, ev.labels))
    outlet_label = (lambda r: labels.get(r["outlet"], r["outlet"]))
    if summary is not None and alignment is not None:
        rows = _aligned_rows(inputs)
        per = TABLE_BUDGET // 3
        groups = {name: ev.group_by(rows[rows["status"] == status], ["outlet"], per, note="note")
                  for name, status in (("Shared", "shared"), ("Paraphrased", "paraphrased"), ("Unique", "unique"))}
        tables.append(_build(inputs, "alignment_summary", "Each outlet's sentences: copied from another outlet, "
                             "paraphrased from one, or its own.", summary,
                             [(outlet_label, "Outlet"), ("sentences", "Sentences", True), ("shared", "Shared", True),
                              ("paraphrased", "Paraphrased", True), ("unique", "Unique", True),
                              (lambda r: _pct(r["unique_share"]), "Unique share")],
                             {n: (g, lambda r: r["outlet"]) for n, g in groups.items()}, dims="o",
                             source=inputs.file("alignment_summary")))
        pairs = t.get("outlet_similarity")
        if pairs is not None:
            matched = _matched_rows(inputs)
            found = ev.group_by(matched, ["outlet", "other"], TABLE_BUDGET, note="note")
            tables.append(_build(inputs, "outlet_similarity", "Each outlet's closest others (TF-IDF cosine of their "
                                 "closest documents) and the sentences they share.", pairs,
                                 [(outlet_label, "Outlet"), (lambda r: labels.get(r["other"], r["other"]), "Other outlet"),
                                  ("similarity", "Similarity", True), ("pairs", "Document pairs", True),
                                  (lambda r: found.get((r["outlet"], r["other"])) is not None
                                   and ev.groups_total(found[(r["outlet"], r["other"])]) or 0, "Sentences matched", True)],
                                 {"Sentences matched": (found, lambda r: (r["outlet"], r["other"]))}, dims="o",
                                 source=inputs.file("outlet_similarity")))
    spin = t.get("spin_report")
    triggers = _spin_rows(inputs)
    if spin is not None and len(spin):
        found = ev.group_by(triggers, ["doc_id"], TABLE_BUDGET, note="note", original=True) if triggers is not None else {}
        tables.append(_build(inputs, "spin_report", "Signs of an automatic synonym spinner in each document.",
                             spin.sort_values("score", ascending=False, kind="stable"),
                             [(outlet_label, "Outlet"), ("doc_id", "Document"), ("words", "Words", True),
                              ("score", "Spin score", True), ("flagged", "Read as spun"),
                              (lambda r: sum(int(r[k]) for k in ("braces", "articles", "collocations", "substitutions")
                                             if k in r and pd.notna(r[k])), "Signs", True)],
                             {"Signs": (found, lambda r: r["doc_id"])}, dims="o", source=inputs.file("spin_report")))
    if not tables:
        return None
    return Section("similarity", "Similarity and spun copies",
                   "Which reports are rewrites of one another, which sentences each shares with another outlet, and "
                   "which documents read as passed through a synonym spinner (repaired before counting; repairs.csv "
                   "lists every change).",
                   ["similarity", "sentence_alignment", "spin_scores", "distinctive_terms"], tables)


SECTIONS = (summary_section, disagreements_section, phrases_section, leads_section, stance_section, facts_section,
            quotes_section, cues_section, similarity_section)


def sections(inputs: Inputs) -> list[Section]:
    """Every section the run's tables allow, in reading order."""
    return [s for s in (build(inputs) for build in SECTIONS) if s is not None]
