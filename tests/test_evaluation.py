"""The cue and quote scores against the hand-annotated sets in bench/eval/ must not fall.

The floors sit a little under the scores measured when they were set (bench/eval_cues_quotes.py
prints them); raise them when the scores rise."""

from __future__ import annotations

import sys

import pytest

from toolkit.config import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT / "bench"))
import eval_cues_quotes  # noqa: E402
import eval_facts  # noqa: E402
import eval_szeged  # noqa: E402

sys.path.pop(0)

FLOORS = {  # set from (repaired, as analyze does by default): seeds F1 0.846, voice 0.943, holder 0.909,
            # speakers 0.921, quotes 0.906, reported 0.835; articles F1 0.943, voice 0.971, holder 0.900,
            # speakers 0.947, quotes 0.962, reported 0.957; sentence-level hedge F1 seeds 0.848, articles 0.938;
            # quote F1 (precision and recall of quotations and reported speech) seeds 0.932, articles 0.975
    "seeds": {"f1": 0.83, "voice": 0.93, "holder": 0.89, "speaker": 0.90, "quotes": 0.89, "indirect": 0.82,
              "hedged_sentences": 0.83, "quote_f1": 0.91},
    "articles": {"f1": 0.93, "voice": 0.95, "holder": 0.88, "speaker": 0.93, "quotes": 0.94, "indirect": 0.93,
                 "hedged_sentences": 0.92, "quote_f1": 0.95},
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scores(request, parse_cache):
    return eval_cues_quotes.evaluate(request.param, cache_dir=str(parse_cache))


def test_scores_do_not_fall(scores):
    floor = FLOORS[scores.name]
    quotes = scores.quotes["matched"].sum() / scores.quotes["gold"].sum()
    measured = {"f1": scores.micro["f1"], "voice": scores.voice_accuracy, "holder": scores.holder_accuracy,
                "speaker": scores.speaker_accuracy, "quotes": quotes,
                "indirect": float(scores.quotes.set_index("kind").loc["indirect", "recall"]),
                "hedged_sentences": scores.hedged_sentences["f1"], "quote_f1": scores.quote_f1["f1"]}
    below = {k: (round(v, 3), floor[k]) for k, v in measured.items() if v < floor[k]}
    assert not below, f"{scores.name}: below the floor (measured, floor): {below}"


def test_every_category_is_measured(scores):
    assert set(scores.cues["category"]) >= {"hedge", "approximator", "booster", "delay", "skepticism", "optimism", "refusal"}
    assert (scores.cues["gold"] > 0).all()


def test_names_compare_as_a_reader_would():
    same = eval_cues_quotes._same_name
    assert same("foreign ministry of Kestrany", "Kestrany's foreign ministry")
    assert same("Donald Trump", "Trump") and same("two officials familiar with the talks", "Two officials")
    assert not same("Erik Solberg", "Ingrid Solberg") and not same("Kremlin", "White House")


def test_szeged_reader_keeps_hedged_plain_and_conditional_sentences_apart(tmp_path):
    xml = tmp_path / "mini.xml"
    xml.write_text(
        '<?xml version="1.0"?><!DOCTYPE Annotation PUBLIC "x" "Uncertainty.dtd"><Annotation><DocumentSet><Document>'
        '<Sentence id="1">It <ccue type="speculation_modal_probable_">may</ccue> rain.</Sentence>'
        '<Sentence id="2">It rained.</Sentence>'
        '<Sentence id="3"><ccue type="speculation_hypo_condition _">If</ccue> it rains, we stay.</Sentence>'
        '<Sentence id="4">He is <ccue type="speculation_hypo_doxastic _">believed</ccue> to be ill.</Sentence>'
        "</Document></DocumentSet></Annotation>", encoding="utf-8")
    assert eval_szeged.sentences(xml) == [
        ("It may rain.", True, ["may"]), ("It rained.", False, []), ("If it rains, we stay.", None, []),
        ("He is believed to be ill.", True, ["believed"]),
    ]


FACT_FLOORS = {  # set from: chip_event mean precision 0.882, recall 0.906; seeds 1.0, 1.0
    "chip_event": {"precision": 0.85, "recall": 0.85},
    "seeds": {"precision": 1.0, "recall": 1.0},
}


@pytest.mark.parametrize("name", sorted(FACT_FLOORS))
def test_fact_scores_do_not_fall(name, parse_cache):
    scores = eval_facts.evaluate(name, cache_dir=str(parse_cache))
    assert len(scores) and (scores["found"] > 0).all(), scores  # every marked fact's sentences are found
    measured = {"precision": scores["precision"].mean(), "recall": scores["recall"].mean()}
    below = {k: (round(v, 3), FACT_FLOORS[name][k]) for k, v in measured.items() if v < FACT_FLOORS[name][k]}
    assert not below, f"{name}: below the floor (measured, floor): {below}"
