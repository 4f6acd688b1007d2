"""Numbers and what they count; claims compared across outlets; user-given slots."""

from __future__ import annotations

import pytest

from toolkit import claims
from toolkit.extract.claims import word_value


@pytest.mark.parametrize(
    "words, value",
    [
        (["two", "-", "and", "-", "a", "-", "half"], 2.5),
        (["two", "and", "a", "half"], 2.5),
        (["2,000"], 2000),
        (["1.5"], 1.5),
        (["twenty", "-", "three"], 23),
        (["three", "hundred", "thousand"], 300_000),
        (["a", "fifth"], 0.2),
        (["one", "third"], pytest.approx(1 / 3)),
        (["peace"], None),
    ],
)
def test_word_values(words, value):
    assert word_value(words) == value


def _claims(analyze_texts, text):
    table = analyze_texts({"t": text}).claims[["text", "normalized_value", "normalized_unit", "qualifier_class", "noun"]]
    return list(table.astype(object).where(table.notna(), None).itertuples(index=False, name=None))


def test_durations_and_qualifiers(analyze_texts):
    rows = _claims(
        analyze_texts,
        "The two leaders held a two-and-a-half-hour phone call. The White House cited a nearly two-hour call.\n"
        "Trump said: \u201cIt was a great call. It lasted almost two hours.\u201d\n"
        "They backed a 30-day ceasefire. The meeting, which lasted more than three hours, ended.",
    )
    assert rows == [
        ("two", 2.0, "count", "exact", "leader"),
        ("two-and-a-half-hour", 150.0, "minutes", "exact", "call"),
        ("nearly two-hour", 120.0, "minutes", "approx", "call"),
        ("almost two hours", 120.0, "minutes", "approx", "call"),
        ("30-day", 43200.0, "minutes", "exact", "ceasefire"),
        ("more than three hours", 180.0, "minutes", "lower_bound", "meeting"),
    ]


def test_counts_dates_and_particles(analyze_texts):
    rows = _claims(
        analyze_texts,
        "On March 18 at 10 a.m., Russia agreed to hand over 23 severely wounded soldiers in 2025.\n"
        "It launched more than 40 drones and holds about 20 percent of the land, some 2,000 kilometres.",
    )
    assert rows == [
        ("23", 23.0, "count", "exact", "soldier"),
        ("more than 40", 40.0, "count", "lower_bound", "drone"),
        ("about 20 percent", 20.0, "percent", "approx", None),
        ("some 2,000 kilometres", 2000.0, "km", "approx", None),
    ]


def test_claim_offsets_reproduce_text(seeds_analysis):
    texts = seeds_analysis.corpus.docs.set_index("doc_id")["text"]
    assert len(seeds_analysis.claims) > 20
    for row in seeds_analysis.claims.itertuples(index=False):
        assert texts[row.doc_id][row.start : row.end] == row.text


def test_seed_disagreements(seeds_analysis):
    compared = claims.compare(seeds_analysis)
    disputes = claims.disagreements(compared).set_index("slot")
    assert disputes.loc["call duration", "disagree"] and disputes.loc["tournaments", "disagree"]
    assert not disputes.loc["prisoners exchanged", "disagree"] and not disputes.loc["ceasefire length", "disagree"]
    calls = compared[compared["slot"] == "call duration"].set_index("outlet")
    assert calls.loc["epoch-times-style", ["value", "qualifier", "text"]].tolist() == [120.0, "nearly", "nearly two-hour"]
    assert calls.loc["asian-summary", "value"] == 150.0
    assert calls.loc["reuters-rewrite", ["value", "qualifier"]].tolist() == [120.0, "almost"]
    assert "almost 2 hours" in disputes.loc["call duration", "values"] and "2.5 hours" in disputes.loc["call duration", "values"]
    texts = seeds_analysis.corpus.docs.set_index("doc_id")["text"]
    for row in compared.itertuples(index=False):
        assert texts[row.doc_id][row.start : row.end] == row.text
        assert row.text in row.sentence


def test_golf_versus_hockey(seeds_analysis):
    table = claims.slot(seeds_analysis, "tournaments")
    assert dict(zip(table["outlet"], table["filler"])) == {"asian-summary": "golf", "nyt-spun": "hockey"}
    assert all(row.text in row.sentence for row in table.itertuples())


def test_bad_slot_file(tmp_path):
    from toolkit.errors import DataFileError

    bad = tmp_path / "slots.csv"
    bad.write_text("slot,kind,dimension,nouns,requires,source\nx,guess,count,thing,,ours\n")
    with pytest.raises(DataFileError, match=r"slots\.csv line 2: kind must be number or filler"):
        claims.load_slots(bad)
