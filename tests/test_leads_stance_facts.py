"""Whose account leads, stance by source, facts kept and dropped, and datelines, on small
reports of an invented event (a dock strike), written for these tests."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.compare import cues, facts, leads, stance
from toolkit.corpus.datelines import dateline_spans

STRIKE = {
    "harbour": (
        "ROTTERDAM (Harbour Wire) - The dockworkers' union said on Monday that its members would stay off work "
        "until the port authority raised wages by 9 percent.\n\n"
        "Port director Anneke Visser said the strike was costing the port about 40 million euros a day. "
        "Visser declined to say whether the authority would raise its offer.\n\n"
        "Ships queued outside the harbour for a third day."
    ),
    "ledger": (
        "Anneke Visser rejected the union's demand for a 9 percent raise on Monday, as the strike at Rotterdam "
        "entered its third day.\n\n"
        "The port authority said the strike was costing about 40 million euros a day. The authority is stalling, "
        "union leader Joris Bakker said.\n\n"
        "Bakker said he was hopeful that talks could resume this week."
    ),
    "coast": (
        "Ships queued outside Rotterdam for a third day on Monday.\n\n"
        "The dockworkers' union said its members would stay off work until wages rose by 9 percent. The talks "
        "appear fragile.\n\n"
        "Anneke Visser, the port director, said the strike was costing about 40 million euros a day."
    ),
}


@pytest.fixture(scope="module")
def strike(analyze_texts):
    return analyze_texts(STRIKE)


def test_lead_source_is_the_account_the_lead_gives(strike):
    table = leads.leads(strike).set_index("doc_id")
    assert table.loc["harbour", "kind"] == "source" and "union" in table.loc["harbour", "opens_with"].lower()
    assert table.loc["ledger", "kind"] == "actor" and table.loc["ledger", "opens_with"] == "Anneke Visser"
    assert "Rotterdam" not in str(table.loc["harbour", "actor"])  # a dateline is no actor of the story


def test_lead_of_an_empty_report_is_none(analyze_texts):
    table = leads.leads(analyze_texts({"short": "Strike.", "other": "The union said the strike would go on for a week."}))
    row = table.set_index("doc_id").loc["short"]
    assert row["kind"] == "none" and pd.isna(row["opens_with"])


def test_stance_by_source_keeps_the_reporter_apart(strike):
    table = stance.stance_by_source(strike)
    own = table[table["own_voice"]]
    assert set(own["outlet"]) == {"coast"} and set(own["category"]) == {"skepticism"}  # "appear fragile"
    ledger = table[table["outlet"] == "ledger"].set_index(["holder", "category"])["cues"]
    assert ledger.get(("Joris Bakker", "delay")) == 1 and ledger.get(("Joris Bakker", "optimism")) == 1
    assert ledger.get(("Anneke Visser", "refusal")) == 1
    firsts = table.groupby("outlet", sort=False).head(1).set_index("outlet")["own_voice"]
    assert firsts["coast"] and not firsts.drop("coast").any()  # the reporter's row first, where there is one


def test_own_and_others_rates_split_by_holder(strike):
    own = cues.rates(strike, voice="own", categories=["skepticism", "delay"]).set_index(["outlet", "category"])
    others = cues.rates(strike, voice="others", categories=["skepticism", "delay"]).set_index(["outlet", "category"])
    assert own.loc[("coast", "skepticism"), "cues"] == 1 and own.loc[("ledger", "delay"), "cues"] == 0
    assert others.loc[("ledger", "delay"), "cues"] == 1
    with pytest.raises(ValueError, match="own or others"):
        cues.rates(strike, voice="nobody")


def test_facts_link_the_same_fact_across_reports_and_keep_one_sentence_per_report(strike):
    table, members = facts.facts(strike)
    cost = members.loc[members["text"].str.contains("40 million"), "fact"]
    assert cost.nunique() == 1  # the strike's cost, in all three
    carried = members[members["fact"] == cost.iloc[0]]
    assert set(carried["outlet"]) == {"harbour", "ledger", "coast"} and carried["outlet"].is_unique
    queue = members.loc[members["text"].str.startswith("Ships queued"), "fact"]
    assert queue.nunique() == 1 and set(members.loc[members["fact"] == queue.iloc[0], "outlet"]) == {"harbour", "coast"}
    # every sentence that states a fact is in exactly one fact
    stating = [facts.states_a_fact(t, f) for t, f in zip(strike.sentences["text"], facts.sentence_features(strike))]
    assert len(members) == sum(stating) and not members.duplicated(["doc_id", "sent_id"]).any()
    # facts only some reports carry come first, then those all carry, then those of one
    order = list(table["outlets"])
    rank = [0 if 1 < o < 3 else 1 if o == 3 else 2 for o in order]
    assert rank == sorted(rank) and rank[0] == 0
    grid = facts.kept_and_dropped(table, members, ["harbour", "ledger", "coast"])
    assert grid.loc[queue.iloc[0]].to_dict() == {"harbour": 1, "ledger": 0, "coast": 1}


def test_facts_of_one_report_or_none(analyze_texts):
    table, members = facts.facts(analyze_texts({"one": "The dock strike went on through Monday. Ships waited outside the harbour."}))
    assert (table["outlets"] == 1).all() and len(members) == 2
    table, members = facts.facts(analyze_texts({"a": "...", "b": "!!!"}))
    assert table.empty and members.empty


def test_short_sentences_and_headings_state_no_fact_and_one_shared_name_links_nothing(analyze_texts):
    analysis = analyze_texts({
        "a": "PORT SHIFT WORRIES SHIPPERS\n\nWhat happened?\n\nRotterdam dockworkers walked out over pay on Monday.",
        "b": "What happened?\n\nThe mayor of Rotterdam opened a new museum of maritime art on Friday.",
    })
    table, members = facts.facts(analysis)
    assert not members["text"].str.contains("What happened|PORT SHIFT").any()
    assert (table["outlets"] == 1).all()  # the walk-out and the museum share only "Rotterdam"


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("OSLO (Nordwire) - Shares fell.", "OSLO (Nordwire) - "),
        ("WASHINGTON—After the call", "WASHINGTON—"),
        ("KYIV, Ukraine (AP) — Russia said", "KYIV, Ukraine (AP) — "),
        ("First line.\nNEW YORK - Shares rose.", "NEW YORK - "),
        ("US - China talks resumed.", None),
        ("A - B", None),
        ("The start - up grew.", None),
    ],
)
def test_datelines(text, dateline):
    spans = dateline_spans(text)
    assert [text[s:e] for s, e in spans] == ([dateline] if dateline else [])


def test_dateline_names_are_not_entities_but_a_name_run_into_one_keeps_its_rest(analyze_texts):
    analysis = analyze_texts({"d": "BERGEN - Halvorsen Semiconductor cut 900 jobs, the union said.",
                              "e": "ROTTERDAM (Harbour Wire) - The union said the strike would go on."})
    names = set(analysis.entities["name"])
    assert not {n for n in names if "BERGEN" in n or "ROTTERDAM" in n or "Harbour Wire" in n}
    assert any(n.startswith("Halvorsen") for n in names)
