"""Entities per document and mention counts per outlet."""

from __future__ import annotations

import functools

import pytest

from toolkit import entities

from conftest import SEED_ACTORS

PEOPLE = ["Donald Trump", "Vladimir Putin", "Volodymyr Zelensky"]


@pytest.fixture
def analyze_texts(analyze_texts):
    """These crafted reports are about the seed event: analyse them with its actor table."""
    return functools.partial(analyze_texts, actor_files=SEED_ACTORS)


def test_counts_on_crafted_outlets(analyze_texts):
    a = analyze_texts(
        {
            "one": "Putin called Trump.\nMr. Putin then called Zelenskiy in Kiev.",
            "two": "Zelensky spoke to reporters.",
        }
    )
    table = entities.counts(a)
    assert list(table.columns) == ["outlet", "actor", "label", "known", "mentions", "per_1000_tokens", "first_sentence"]
    one = table[table["outlet"] == "one"].set_index("actor")
    assert one.loc["Vladimir Putin", "mentions"] == 2
    assert one.loc["Vladimir Putin", "first_sentence"] == 0
    assert one.loc["Volodymyr Zelensky", "first_sentence"] == 1
    assert one.loc["Kyiv", "label"] == "GPE"
    tokens = a.tokens_per("outlet")["one"]
    assert one.loc["Vladimir Putin", "per_1000_tokens"] == round(1000 * 2 / tokens, 3)
    two = table[table["outlet"] == "two"]
    assert list(two["actor"]) == ["Volodymyr Zelensky"]


def test_seed_people_are_one_actor_each_and_persons(seeds_analysis):
    table = entities.counts(seeds_analysis)
    outlets = seeds_analysis.corpus.docs["outlet"]
    for person in PEOPLE:
        rows = table[table["actor"] == person]
        assert (rows["label"] == "PERSON").all()
        assert rows["outlet"].is_unique  # one row per outlet: the aliases merged
    naming = table[table["actor"].isin(PEOPLE)].groupby("actor")["outlet"].nunique()
    assert naming["Donald Trump"] == naming["Vladimir Putin"] == len(outlets)
    assert naming["Volodymyr Zelensky"] == 4  # the Epoch Times-style report never names him
    ents = seeds_analysis.entities
    assert not ((ents["actor"] == "Donald Trump") & (ents["label"] != "PERSON")).any()
    assert not ((ents["actor"] == "Kyiv") & (ents["label"] == "PERSON")).any()
    assert set(ents[ents["text"].isin(["Kiev", "Kyiv"])]["actor"]) == {"Kyiv"}
    assert set(ents[ents["text"].str.startswith("Zelensk")]["actor"]) == {"Volodymyr Zelensky"}
