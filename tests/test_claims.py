"""Numbers and what they count; comparable quantities found without slots; intervals that tell
a conflict from rounding; the seed event's slots as an override."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from toolkit import claims
from toolkit.compare import quantities
from toolkit.extract.numbers import read_number, word_value


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
        (["a", "dozen"], 12),
        (["212bn"], 212e9),
        (["21/2"], 2.5),  # a flattened 2½
        (["2\u00bd"], 2.5),
        (["peace"], None),
    ],
)
def test_word_values(words, value):
    assert word_value(words) == value


@pytest.mark.parametrize("words, precision", [
    (["212"], 1), (["210"], 10), (["2,000"], 1000), (["16.9"], 0.1), (["two"], 1), (["two", "and", "a", "half"], 0.5),
    (["two", "thousand"], 1000), (["560", "billion"], 1e10),
])
def test_written_precision(words, precision):
    assert read_number(words)[1] == pytest.approx(precision)


def _claims(analyze_texts, text, columns=("text", "normalized_value", "normalized_unit", "qualifier_class", "noun")):
    table = analyze_texts({"t": text}).claims[list(columns)]
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
        ("nearly two-hour", 120.0, "minutes", "below", "call"),
        ("almost two hours", 120.0, "minutes", "below", "call"),
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
        ("about 20 percent", 20.0, "percent", "approx", "land"),
        ("some 2,000 kilometres", 2000.0, "km", "approx", None),
    ]


# Call lengths as forty other reports of the seed event wrote them; each is one duration claim
# about the call (or talks), in minutes, with its qualifier.
CALL_LENGTHS = [
    ("The call lasted more than an hour and a half.", "more than an hour and a half", 90, "lower_bound"),
    ("They spoke for almost two-and-a-half hours.", "almost two-and-a-half hours", 150, "below"),
    ("Trump ended a more than 90-minute chat with Putin.", "more than 90-minute", 90, "lower_bound"),
    ("After a more than 90-minute-long phone call, Trump spoke.", "more than 90-minute", 90, "lower_bound"),
    ("They talked for around 90 minutes.", "around 90 minutes", 90, "approx"),
    ("After 90 minutes of talks, they agreed.", "90 minutes", 90, "exact"),
    ("It was a great call lasting nearly two hours.", "nearly two hours", 120, "below"),
    ("The talks went on for nearly three hours.", "nearly three hours", 180, "below"),
    ("Their 21/2-hour call ended without a deal.", "21/2-hour", 150, "exact"),
    ("The strike lasted half an hour.", "half an hour", 30, "exact"),
]


@pytest.mark.parametrize("sentence, text, minutes, qualifier", CALL_LENGTHS, ids=[c[1] for c in CALL_LENGTHS])
def test_call_lengths_as_written(analyze_texts, sentence, text, minutes, qualifier):
    rows = _claims(analyze_texts, sentence, ("text", "normalized_value", "normalized_unit", "qualifier_class"))
    assert rows == [(text, float(minutes), "minutes", qualifier)]


def test_money_percent_and_what_they_count(analyze_texts):
    rows = _claims(
        analyze_texts,
        "Halvorsen lost $212bn in market value on Tuesday. The sell-off wiped some $560 billion off the company's "
        "market value. Shares fell 17 per cent. It spent only $6m on the design. Qiantang will build a \u20ac4 billion "
        "factory. The index fell 2 percentage points. A dozen analysts cut their targets.",
        ("text", "normalized_value", "normalized_unit", "qualifier_class", "thing", "owner"),
    )
    assert rows == [
        ("$212bn", 212e9, "USD", "exact", "market value", None),
        ("some $560 billion", 560e9, "USD", "approx", "market value", "company"),
        ("17 per cent", 17.0, "percent", "exact", "share", None),
        ("$6m", 6e6, "USD", "exact", "design", None),
        ("\u20ac4 billion", 4e9, "EUR", "exact", "factory", None),
        ("2 percentage points", 2.0, "points", "exact", "index", None),
        ("A dozen", 12.0, "count", "exact", "analyst", None),
    ]


def test_dates_rates_and_years_are_not_lengths(analyze_texts):
    assert _claims(analyze_texts, "They met a year ago and talk twice a day, as in 2025.") == []


@pytest.mark.parametrize("value, precision, qualifier, low, high", [
    (212, 1, "exact", 211.5, 212.5),
    (17, 1, "exact", 16.5, 17.5),
    (120, 60, "exact", 114, 126),  # "two hours": rounding is at most 5%
    (560, 10, "approx", 546, 574),  # "some 560": at least 2.5% either way
    (3500, 100, "approx", 3400, 3600),  # "about 3,500"
    (600, 100, "below", 510, 600),  # "nearly 600": at most 15% below
    (215, 1, "below", 209.625, 215),  # "nearly 215": at least 2.5% below
    (17, 1, "below", 16, 17),  # "just under 17%"
    (200, 100, "lower_bound", 200, math.inf),  # "more than 200"
    (200, 100, "upper_bound", 0, 200),
    (200, 100, "above", 200, 230),  # "just over 200"
])
def test_interval_of_a_stated_number(value, precision, qualifier, low, high):
    assert quantities.interval(value, precision, qualifier) == (pytest.approx(low), pytest.approx(high))


def test_conflict_is_told_from_rounding():
    as_stated = {"a": (589, 1, "exact"), "b": (600, 100, "below"), "c": (500, 100, "lower_bound"), "d": (593, 1, "exact")}
    intervals = {k: quantities.interval(*v) for k, v in as_stated.items()}
    # 589 and 593 are both exact: they conflict, though "nearly 600" and "over 500" allow either
    assert quantities.judge(intervals) == ("conflict", pytest.approx((592.5 - 589.5) / 592.5, abs=1e-4), ["d"])
    rounding = {k: quantities.interval(*v) for k, v in {"a": (589, 1, "exact"), "b": (600, 100, "below"),
                                                         "c": (500, 100, "lower_bound")}.items()}
    assert quantities.judge(rounding) == ("rounding", 0.0, [])
    far = {k: quantities.interval(*v) for k, v in {"a": (589, 1, "exact"), "b": (589, 1, "exact"), "c": (560, 10, "approx")}.items()}
    status, spread, outliers = quantities.judge(far)
    assert status == "conflict" and outliers == ["c"] and spread == pytest.approx((588.5 - 574) / 588.5, abs=1e-3)
    month = {"a": quantities.interval(43833.6, 43833.6, "exact"), "b": quantities.interval(43200, 14400, "exact")}
    assert quantities.judge(month)[0] == "rounding"  # "a month" and "30 days"


def test_quantities_found_without_slots_on_crafted_reports(analyze_texts):
    analysis = analyze_texts({
        "wire": "Acme shares fell 12% on Monday, wiping $40 billion off its market value. The firm will cut 900 jobs.",
        "daily": "Acme lost some $38 billion in market value as its shares dropped nearly 12 percent. It plans 900 job cuts.",
        "blog": "Investors wiped $52bn off Acme's market value. Acme is to cut 1,500 jobs, a union said.",
    })
    disputes = claims.disagreements(claims.compare(analysis)).set_index("slot")
    money = disputes[disputes["unit"] == "USD"].iloc[0]
    assert money["outlets"] == 3 and money["status"] == "conflict" and money["outliers"] == "blog"
    percent = disputes[disputes["unit"] == "percent"].iloc[0]
    assert percent["status"] == "rounding" and percent["outlets"] == 2
    jobs = disputes.loc["job"]
    assert jobs["status"] == "conflict" and jobs["outliers"] == "blog"
    assert list(disputes["status"])[:2] == ["conflict", "conflict"]  # conflicts rank first


def test_claim_offsets_reproduce_text(seeds_analysis):
    texts = seeds_analysis.corpus.docs.set_index("doc_id")["text"]
    assert len(seeds_analysis.claims) > 20
    for row in seeds_analysis.claims.itertuples(index=False):
        assert texts[row.doc_id][row.start : row.end] == row.text


def test_seed_disagreements_with_the_event_slots(seeds_analysis, seed_event):
    compared = claims.compare(seeds_analysis, slots=seed_event.slots)
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


def test_seed_disagreements_unconfigured(bare_seeds_analysis):
    """No slots file: the call's length is still the top disagreement, the ceasefire length and
    the prisoner numbers agree."""
    disputes = claims.disagreements(claims.compare(bare_seeds_analysis))
    top = disputes.iloc[0]
    assert top["slot"] == "call (minutes)" and top["status"] == "conflict"
    assert "nearly 2 hours" in top["values"] and "2.5 hours" in top["values"]
    by_slot = disputes.set_index("slot")
    assert by_slot.loc["ceasefire (minutes)", "status"] == "same" and by_slot.loc["ceasefire (minutes)", "outlets"] == 5
    assert by_slot.loc["prisoner", "status"] == "same"


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


def _judge_by_every_pair(intervals):
    """The definition, pair by pair and point by point (what ``judge`` computes by sweeps)."""
    names = list(intervals)
    worst = max((quantities.gap(intervals[a], intervals[b]) for i, a in enumerate(names) for b in names[i + 1:]),
                default=0.0)
    if worst == 0.0:
        return "rounding", 0.0, []
    points = [x for low, high in intervals.values() for x in (low, high) if math.isfinite(x)]
    covering = {x: [i for i, n in enumerate(names) if quantities.overlap(intervals[n], (x, x))] for x in points}
    best = max(points, key=lambda x: (len(covering[x]), -min(covering[x])))
    return "conflict", round(worst, 4), [n for i, n in enumerate(names) if i not in covering[best]]


def test_judge_agrees_with_every_pair_compared():
    import random

    rng = random.Random(5)
    for _ in range(800):
        values = [0, 1, 2, 10, 10.5, 12, 189, 212, 3.0000000001]
        intervals = {}
        for i in range(rng.randint(1, 18)):
            low = rng.choice(values) * rng.choice([1, 0.95, 1.05]) * (-1 if rng.random() < 0.1 else 1)
            intervals[f"outlet {i}"] = (low, low + rng.choice([0, 0, 0.5, 3, math.inf]))
        assert quantities.judge(intervals) == _judge_by_every_pair(intervals)


def test_grouping_through_close_descriptions_equals_every_pair(chip_analysis, monkeypatch):
    claims_table = chip_analysis.claims
    # many copies of each claim, as when wire copy runs in a thousand outlets
    copies = pd.concat([claims_table.assign(doc_id=claims_table["doc_id"] + f"#{i}") for i in range(30)],
                       ignore_index=True)
    every_pair = quantities.group_claims(copies)
    monkeypatch.setattr(quantities, "ALL_PAIRS_LIMIT", 50)
    monkeypatch.setattr(quantities, "LINK_CANDIDATES", 4)
    close_only = quantities.group_claims(copies)
    assert len(set(zip(every_pair, close_only))) == len(set(every_pair)) == len(set(close_only))
    assert len(set(every_pair)) > 5
