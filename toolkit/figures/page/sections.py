"""The report's sections: for each analysis, its figures and its tables, every count in them
linked to the rows of evidence that produced it (``counted``).

Each builder takes the run's ``Inputs`` and returns a ``Section``, or None when the tables it
shows were not made (the page lists what was skipped and why). The counts are the run's own
tables, never recomputed here, so the number on a button is the number of rows behind it.
"""

from __future__ import annotations

import pandas as pd

from toolkit.compare import claims, cues
from toolkit.extract.cues import REPORTER
from toolkit.figures.page import counted, tables


def summary_section(inputs: tables.Inputs) -> tables.Section | None:
    summary = inputs.tables.get("summary")
    if summary is None:
        return None
    ev, t = inputs.evidence, inputs.tables
    links: dict[str, tables.Link] = {}

    def per_outlet(rows, source: str, **options) -> tables.Link:
        return tables.Link(rows, ("outlet",), lambda r: r["outlet"], options, source)

    lead_rows = counted.lead_rows(inputs)
    if lead_rows is not None:  # the summary reads each outlet's first report's lead
        lead_rows = lead_rows[lead_rows["doc_id"].isin(t["leads"].drop_duplicates("outlet")["doc_id"])]
        links["Opens with"] = per_outlet(lead_rows, "sentences", voice="voice", note="note")
    q = counted.quote_rows(inputs)
    top = summary.set_index("outlet")["top_quoted"].dropna().to_dict()
    direct = q[(q["kind"] == "direct") & (q["speaker"] == q["outlet"].map(top))]
    links["Most quoted"] = per_outlet(direct, "quotes", voice="voice", note="note")
    sc = counted.stance_rows(inputs)
    if sc is not None:
        own = sc["holder"] == REPORTER
        links["Own stance"] = per_outlet(sc[own], "cues", voice="voice", category="category",
                                         note="note")
        links["Stance of others"] = per_outlet(sc[~own], "cues", voice="voice",
                                               category="category", note="note")
    if "hedge" in inputs.analysis.lexicon_categories:
        hedges = cues.in_voice(counted.cue_rows(inputs).query("category == 'hedge'"), "own")
        links["Own hedges per 1,000 tokens"] = per_outlet(hedges, "cues", voice="voice",
                                                          category="category", note="note")
    alignment = t.get("sentence_alignment")
    if alignment is not None:
        unique = counted.sentence_rows(inputs, alignment[alignment["status"] == "unique"])
        links["Sentences no other outlet has"] = per_outlet(unique, "sentence_alignment")
        outlet_of_label = {lab: o for o, lab in zip(ev.outlets, ev.labels)}
        if len(outlet_of_label) == len(ev.outlets):  # labels name outlets one to one
            closest = summary.set_index("outlet")["closest"].map(outlet_of_label).dropna().to_dict()
            shared = counted.matched_rows(inputs)
            shared = shared[shared["other"] == shared["outlet"].map(closest)]
            links["Closest outlet"] = per_outlet(shared, "sentence_alignment", note="note")
    fact_table, members = t.get("facts"), t.get("fact_members")
    if fact_table is not None and members is not None:
        single = members[members["fact"].isin(fact_table.loc[fact_table["outlets"] == 1, "fact"])]
        links["Facts only here"] = per_outlet(single.assign(end=single["start"]), "fact_members")
    triggers = counted.spin_rows(inputs)
    if triggers is not None:
        links["Spin score"] = per_outlet(triggers, "spin_triggers", note="note", original=True)
    compared = t.get("claims_compare")
    disputes = t.get("disagreements")
    if compared is not None and disputes is not None and len(disputes):
        disputed = compared[compared["slot"].isin(disputes.loc[disputes["disagree"].astype(bool), "slot"])]
        links["Values in dispute"] = per_outlet(counted.claim_notes(disputed), "claims_compare", note="note")
    columns = [
        ("label", "Outlet"), ("documents", "Documents", True),
        (lambda r: r["opens_with"] if r["opens_with"] else "(no one)", "Opens with"),
        (lambda r: f"{r['top_quoted']} ({tables.pct(r['top_quoted_share'])})" if r["top_quoted"] else None, "Most quoted"),
        ("own_stance", "Own stance"), ("others_stance", "Stance of others"),
        (lambda r: tables.interval(r["hedge_rate"], r["hedge_ci_low"], r["hedge_ci_high"]), "Own hedges per 1,000 tokens"),
        (lambda r: tables.pct(r["unique_share"]), "Sentences no other outlet has"),
        ("only_here", "Facts only here", True),
        (lambda r: f"{r['closest']} ({r['closest_similarity']:.2f})" if r["closest"] else None, "Closest outlet"),
        (lambda r: f"{r['spin_score']:.2f}" + (" (read as spun)" if r["spin_flagged"] else ""), "Spin score"),
        ("disputed", "Values in dispute"),
    ]
    table = tables.build_table(inputs, "summary", "One row per outlet; a linked cell opens the sentences behind it.", summary,
                   columns, links, dims="o", source=inputs.file("summary"))
    return tables.Section("summary", "Summary: how each outlet framed the event",
                   "Whose account each outlet opens with, whom it quotes most, the stance it takes in its own words "
                   "and the stance it reports of others, how often it hedges in its own voice, how much of it no "
                   "other outlet has, and its values for the numbers the outlets disagree on.",
                   ["summary"], [table])


def disagreements_section(inputs: tables.Inputs) -> tables.Section | None:
    disputes, compared = inputs.tables.get("disagreements"), inputs.tables.get("claims_compare")
    if disputes is None or compared is None:
        return None
    ev = inputs.evidence
    link = tables.Link(counted.claim_notes(compared), ("slot",), lambda r: r["slot"], {"note": "note"}, source="claims_compare")
    outlets_of = compared.groupby("slot", sort=False)["outlet"].agg(lambda s: list(dict.fromkeys(s))).to_dict()
    ordered = disputes.sort_values("disagree", ascending=False, kind="stable")
    labels = ev.label_of
    said: dict = {}
    for row in compared.to_dict("records"):
        said.setdefault(row["slot"], {}).setdefault(row["outlet"], {})[claims.describe(row)] = None
    values = {slot: "; ".join(f"{labels.get(o, o)}: {', '.join(v)}" for o, v in by.items()) for slot, by in said.items()}
    ordered = ordered.assign(values=ordered["slot"].map(values).fillna(ordered["values"]))
    table = tables.build_table(inputs, "disagreements", "Each quantity the outlets report, and whether their values agree.",
                   ordered, [("slot", "Quantity"), ("status", "Status"), ("outlets", "Outlets", True),
                             ("values", "Values by outlet")],
                   {"Values by outlet": link}, outlet=None, dims="o", source=inputs.file("disagreements"),
                   outlets_of=lambda r: outlets_of.get(r["slot"], []))
    n = int(disputes["disagree"].astype(bool).sum())
    return tables.Section("disagreements", "What the outlets disagree on",
                   f"{n} of the {len(disputes)} quantities or details the outlets report differ between the outlets that "
                   "report them. "
                   "The values are the claims as each outlet wrote them; a linked cell shows the sentences.",
                   [], [table])


def phrases_section(inputs: tables.Inputs) -> tables.Section | None:
    summary, uses = inputs.tables.get("phrase_summary"), inputs.tables.get("phrases")
    if summary is None or uses is None:
        return None
    uses = uses.assign(note=uses["source"].where(uses["source"].notna(), ""))
    own = uses[(uses["voice"] == "authorial") & ~uses["scare_quotes"].astype(bool)]
    scare = uses[uses["scare_quotes"].astype(bool)]
    quoted, reported = uses[uses["voice"] == "quoted"], uses[uses["voice"] == "attributed"]
    parts = {"Uses": uses, "In the outlet's own words": own, "In scare quotes": scare, "Quoted by": quoted,
             "Reported by": reported}
    groups = {name: tables.Link(part, ("phrase",), lambda r: r["phrase"], {"voice": "voice", "note": "note"}, source="phrases")
              for name, part in parts.items()}
    names = {name: tables.outlet_lists(inputs, part, "phrase")[0] for name, part in parts.items() if name != "Uses"}
    users = tables.outlet_lists(inputs, uses, "phrase")[1]
    listed = [(lambda r, n=name: names[n].get(r["phrase"], ""), name) for name in names]
    table = tables.build_table(inputs, "phrases", "Phrases that recur across outlets, and in whose voice each outlet uses them.",
                   summary, [("as_written", "Phrase"), ("outlets", "Outlets", True), ("uses", "Uses", True),
                             *listed, ("sources", "Sources")],
                   groups, outlet=None, dims="ov", source=inputs.file("phrase_summary"),
                   outlets_of=lambda r: users.get(r["phrase"], ()))
    return tables.Section("phrases", "Frame phrases, and who uses them in their own voice",
                   "A phrase one outlet writes in its own words another may only quote or report. The columns list the "
                   "outlets for each voice; a linked cell shows those uses.", ["frame_phrases"], [table])


def leads_section(inputs: tables.Inputs) -> tables.Section | None:
    lead_table = inputs.tables.get("leads")
    if lead_table is None:
        return None
    link = tables.Link(counted.lead_rows(inputs), ("doc_id",), lambda r: r["doc_id"], {"voice": "voice", "note": "note"}, source="sentences")
    labels = inputs.evidence.label_of
    table = tables.build_table(inputs, "leads", "Each report's lead and whose account or act it opens with.", lead_table,
                   [(lambda r: labels.get(r["outlet"], r["outlet"]), "Outlet"), ("doc_id", "Document"),
                    (lambda r: r["opens_with"] or "(no one)", "Opens with"), ("kind", "Opens on"),
                    ("source", "Source"), ("verb", "Verb"), ("actor", "Actor")],
                   {"Opens with": link}, dims="o", source=inputs.file("leads"))
    return tables.Section("leads", "Whose account leads",
                   "The first sentence of a lead that gives someone's account or names an actor decides what the "
                   "report opens with: the source it attributes most words to, else the actor it names most.",
                   ["leads"], [table])


def stance_section(inputs: tables.Inputs) -> tables.Section | None:
    table, rows = inputs.tables.get("stance"), counted.stance_rows(inputs)
    if table is None or rows is None:
        return None
    link = tables.Link(rows, ("outlet", "holder", "category"), lambda r: (r["outlet"], r["holder"], r["category"]),
                       {"voice": "voice", "category": "category", "note": "note"}, source="cues")
    labels = inputs.evidence.label_of
    built = tables.build_table(inputs, "stance", "Stance cues per outlet, by whose stance they are.", table,
                   [(lambda r: labels.get(r["outlet"], r["outlet"]), "Outlet"),
                    (lambda r: "the report itself" if r["own_voice"] else r["holder"], "Holder"),
                    ("category", "Stance"), ("cues", "Cues", True), ("examples", "Words")],
                   {"Cues": link}, category="category", max_rows=ALL_SMALL_ROWS,
                   source=inputs.file("stance"))
    return tables.Section("stance", "Stance by source",
                   "Who is optimistic, who doubts, who speaks of delay or refusal: each cue counted for the person or "
                   "institution whose words or attitude it is, and for the report itself when it is the writer's.",
                   ["stance_by_source"], [built])


def facts_section(inputs: tables.Inputs) -> tables.Section | None:
    fact_table, members = inputs.tables.get("facts"), inputs.tables.get("fact_members")
    if fact_table is None or members is None:
        return None
    ev = inputs.evidence
    link = tables.Link(members.assign(end=members["start"]), ("fact",), lambda r: r["fact"], source="fact_members")
    n_outlets = len(ev.outlets)

    kept = tables.outlet_lists(inputs, members, "fact")[0]
    carried_by = members.groupby("fact", sort=False)["outlet"].agg(lambda o: list(dict.fromkeys(o))).to_dict()

    def dropped(record) -> str:
        carried = set(carried_by.get(record["fact"], ()))
        missing = [lab for o, lab in zip(ev.outlets, ev.labels) if o not in carried]
        return "; ".join(missing) if len(missing) <= tables.LISTED_OUTLETS else f"{len(missing):,} of {n_outlets:,} outlets"

    table = tables.build_table(inputs, "facts", "Each fact: the sentences that carry it, the outlets that kept it and those "
                   "that dropped it.", fact_table,
                   [("fact", "Fact"), ("label", "As one outlet puts it"), ("outlets", "Outlets", True),
                    (lambda r: kept.get(r["fact"], ""), "Kept by"), (dropped, "Dropped by")],
                   {"Outlets": link}, outlet=None, dims="o", source=inputs.file("facts"),
                   outlets_of=lambda r: carried_by.get(r["fact"], ()))
    return tables.Section("facts", "Facts kept and dropped",
                   "Sentences of different outlets that state the same fact are grouped; a fact carried by one outlet "
                   "alone is what the others dropped, or what that outlet added.", ["facts_kept_and_dropped"], [table])


def quotes_section(inputs: tables.Inputs) -> tables.Section | None:
    share, profile = inputs.tables.get("quote_share"), inputs.tables.get("verb_profile")
    if share is None and profile is None:
        return None
    ev, q = inputs.evidence, counted.quote_rows(inputs)
    labels = ev.label_of
    outlet_label = (lambda r: labels.get(r["outlet"], r["outlet"]))
    shown = []
    if share is not None:
        link = tables.Link(q, ("outlet", "kind", "speaker"), lambda r: (r["outlet"], r["kind"], r["speaker"]),
                           {"voice": "voice", "note": "note"}, source="quotes")
        shown.append(tables.build_table(inputs, "quote_share", "Whose words each outlet carries: direct quotation, reported "
                             "speech and quotes that mix them, apart.", share,
                             [(outlet_label, "Outlet"), ("kind", "Kind"), ("speaker", "Speaker"),
                              ("quotes", "Quotes", True), ("tokens", "Words", True),
                              (lambda r: tables.pct(r["share"]), "Share of the kind's words")],
                             {"Quotes": link},
                             source=inputs.file("quote_share")))
    if profile is not None:
        verbs = q[q["verb"].notna()]
        link = tables.Link(verbs, ("outlet", "verb"), lambda r: (r["outlet"], r["verb"]), {"voice": "voice", "note": "note"}, source="quotes")
        shown.append(tables.build_table(inputs, "verb_profile", "How each outlet introduces speech: its reporting verbs.",
                             profile, [(outlet_label, "Outlet"), ("verb", "Verb"), ("verb_class", "Class"),
                                       ("uses", "Uses", True), (lambda r: tables.pct(r["share"]), "Share")],
                             {"Uses": link}, source=inputs.file("verb_profile")))
    return tables.Section("quotes", "Quotes by speaker",
                   "Direct quotation (the speaker's words in quote marks) and reported speech (the outlet's paraphrase) "
                   "answer different questions and are counted apart.",
                   ["quoted_voices", "reporting_verbs", "actor_mentions"], shown)


def cues_section(inputs: tables.Inputs) -> tables.Section | None:
    rates = inputs.tables.get("cue_rates")
    if rates is None:
        return None
    ev, c = inputs.evidence, counted.cue_rows(inputs)
    voices = list(dict.fromkeys(rates["voice"]))
    chosen = pd.concat([cues.in_voice(c, v).assign(rate_voice=v) for v in voices], ignore_index=True)
    link = tables.Link(chosen, ("outlet", "category", "rate_voice"), lambda r: (r["outlet"], r["category"], r["voice"]),
                       {"voice": "voice", "category": "category", "note": "note"}, source="cues")
    labels = ev.label_of
    table = tables.build_table(inputs, "cue_rates", "Cues per 1,000 tokens by category and voice, with 95% bootstrap intervals.",
                   rates, [(lambda r: labels.get(r["outlet"], r["outlet"]), "Outlet"), ("category", "Category"),
                           (lambda r: VOICE_NAMES.get(r["voice"], r["voice"]), "Voice"), ("cues", "Cues", True),
                           ("tokens", "Tokens", True), ("per_1000_tokens", "Per 1,000 tokens", True),
                           (lambda r: f"{r['ci_low']:.1f} to {r['ci_high']:.1f}", "95% interval")],
                   {"Cues": link}, category="category", max_rows=ALL_SMALL_ROWS, source=inputs.file("cue_rates"))
    return tables.Section("cues", "Cues by category and voice",
                   "Hedges, boosters, approximators and stance words, per 1,000 tokens of each outlet. Own = the "
                   "writer's stance; others = a stance the report gives to someone else; negated cues and a spun "
                   "copy's suspect modals are not counted.", ["cue_rates"], [table])


ALL_SMALL_ROWS = 20000  # rows of a table of short cells (stance, cue rates) shown: every outlet's every row at 500 outlets

VOICE_NAMES = {"all": "all", "own": "own (the writer's stance)", "others": "others' stance",
               "authorial": "outside quotes and reported speech", "quoted+attributed": "quoted or reported",
               "quoted": "in quote marks", "attributed": "reported speech"}


def similarity_section(inputs: tables.Inputs) -> tables.Section | None:
    t, ev = inputs.tables, inputs.evidence
    summary, alignment = t.get("alignment_summary"), t.get("sentence_alignment")
    shown = []
    labels = ev.label_of
    outlet_label = (lambda r: labels.get(r["outlet"], r["outlet"]))
    if summary is not None and alignment is not None:
        rows = counted.aligned_rows(inputs)
        groups = {name: tables.Link(rows[rows["status"] == status], ("outlet",), lambda r: r["outlet"], {"note": "note"}, source="sentence_alignment")
                  for name, status in (("Shared", "shared"), ("Paraphrased", "paraphrased"), ("Unique", "unique"))}
        shown.append(tables.build_table(inputs, "alignment_summary", "Each outlet's sentences: copied from another outlet, "
                             "paraphrased from one, or its own.", summary,
                             [(outlet_label, "Outlet"), ("sentences", "Sentences", True), ("shared", "Shared", True),
                              ("paraphrased", "Paraphrased", True), ("unique", "Unique", True),
                              (lambda r: tables.pct(r["unique_share"]), "Unique share")],
                             groups, dims="o",
                             source=inputs.file("alignment_summary")))
        pairs = t.get("outlet_similarity")
        if pairs is not None:
            matched = counted.matched_rows(inputs)
            link = tables.Link(matched, ("outlet", "other"), lambda r: (r["outlet"], r["other"]), {"note": "note"}, source="sentence_alignment")
            n_matched = matched.groupby(["outlet", "other"]).size().to_dict()
            shown.append(tables.build_table(inputs, "outlet_similarity", "Each outlet's closest others (TF-IDF cosine of their "
                                 "closest documents) and the sentences they share.", pairs,
                                 [(outlet_label, "Outlet"), (lambda r: labels.get(r["other"], r["other"]), "Other outlet"),
                                  ("similarity", "Similarity", True), ("pairs", "Document pairs", True),
                                  (lambda r: n_matched.get((r["outlet"], r["other"]), 0), "Sentences matched", True)],
                                 {"Sentences matched": link}, dims="o",
                                 source=inputs.file("outlet_similarity")))
    spin = t.get("spin_report")
    triggers = counted.spin_rows(inputs)
    if spin is not None and len(spin):
        link = tables.Link(triggers if triggers is not None else pd.DataFrame(columns=["doc_id", "start", "end"]),
                           ("doc_id",), lambda r: r["doc_id"], {"note": "note", "original": True}, source="spin_triggers")
        shown.append(tables.build_table(inputs, "spin_report", "Signs of an automatic synonym spinner in each document.",
                             spin.sort_values("score", ascending=False, kind="stable"),
                             [(outlet_label, "Outlet"), ("doc_id", "Document"), ("words", "Words", True),
                              ("score", "Spin score", True), ("flagged", "Read as spun"),
                              (lambda r: sum(int(r[k]) for k in ("braces", "articles", "collocations", "substitutions")
                                             if k in r and pd.notna(r[k])), "Signs", True)],
                             {"Signs": link}, dims="o", source=inputs.file("spin_report")))
    if not shown:
        return None
    return tables.Section("similarity", "Similarity and spun copies",
                   "Which reports are rewrites of one another, which sentences each shares with another outlet, and "
                   "which documents read as passed through a synonym spinner (repaired before counting; repairs.csv "
                   "lists every change).",
                   ["similarity", "sentence_alignment", "spin_scores", "distinctive_terms"], shown)


SECTIONS = (summary_section, disagreements_section, phrases_section, leads_section, stance_section, facts_section,
            quotes_section, cues_section, similarity_section)


def sections(inputs: tables.Inputs) -> list[tables.Section]:
    """Every section the run's tables allow, in reading order."""
    return [s for s in (build(inputs) for build in SECTIONS) if s is not None]
