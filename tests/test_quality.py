"""Spin detection signals, the spin report on the seeds, and repair with a record."""

from __future__ import annotations

import pytest

from toolkit import quality
from toolkit import corpus_from_texts
from toolkit.errors import DataFileError

from conftest import SEED_ACTORS, SEED_EVENT, SEEDS_DIR
from toolkit import load_corpus

SEED_SUBSTITUTIONS = SEED_EVENT / "spin_substitutions.csv"

SPUN, OTHERS = "004_7fddfdd75eedba42", ["000_5f89eac381cdb88d", "001_fa7c6fa1325f14c7", "002_298d48a73f81351b", "003_84ac9e8f1692d6f9"]


def _texts(hits, text):
    return [text[hit[0] : hit[1]] for hit in hits]


def test_article_agreement():
    text = "He had an higher hand, a aid, an hour, a university, an FBI agent, a one-time deal and an idea."
    assert _texts(quality.article_triggers(text), text) == ["an higher", "a aid"]


def test_braces():
    text = "Putin insisted {that a} peace relied on billions of {dollars}."
    assert _texts(quality.brace_triggers(text), text) == ["{that a}", "{dollars}"]


def test_broken_collocation_needs_the_other_reports():
    others = ["The White House said.", "A White House statement.", "The White House added."]
    spun = "The White Home said."
    assert _texts(quality.collocation_triggers(spun, others), spun) == ["White Home"]
    assert quality.collocation_triggers("The White House said.", others) == []
    assert quality.collocation_triggers(spun, others[:2]) == []  # two uses are no fixed phrase


@pytest.fixture(scope="module")
def seeds():
    """The seeds as loaded, before any repair."""
    return load_corpus(SEEDS_DIR)


def test_seed_spin_report(seeds):
    report = quality.spin_report(seeds).set_index("doc_id")
    assert report.loc[SPUN, "flagged"] and not report.loc[OTHERS, "flagged"].any()
    assert report.loc[SPUN, "table_free_score"] >= 4.0  # flagged even without the substitution table
    assert "White Home" in report.loc[SPUN, "evidence"] and "{that a}" in report.loc[SPUN, "evidence"]


def test_repair_records_every_change_in_both_texts(seeds):
    repaired = quality.repair(seeds, substitutions=SEED_SUBSTITUTIONS)
    docs = repaired.docs.set_index("doc_id")
    assert set(repaired.repairs["doc_id"]) == {SPUN}
    for row in repaired.repairs.itertuples():
        assert docs.loc[row.doc_id, "text"][row.start : row.end] == row.text
        assert docs.loc[row.doc_id, "text_before_repair"][row.spun_start : row.spun_end] == row.spun_text
    spun = docs.loc[SPUN]
    assert "White Home" not in spun["text"] and "White House" in spun["text"]
    assert "playing for time" in spun["text"] and "{that a}" not in spun["text"]
    assert spun["normalisation"].endswith(f"spin repair ({(repaired.repairs['doc_id'] == SPUN).sum()} substitutions)")
    assert (docs.loc[OTHERS, "text"] == docs.loc[OTHERS, "text_before_repair"]).all()


def test_repair_keeps_capitals_and_can_apply_everywhere():
    corpus = corpus_from_texts(["Vitality prices rose, the minister stated."])
    assert quality.repair(corpus, substitutions=SEED_SUBSTITUTIONS).repairs.empty  # ordinary English: not flagged, not changed
    repaired = quality.repair(corpus, only_flagged=False, substitutions=SEED_SUBSTITUTIONS)
    assert repaired.docs.loc[0, "text"] == "Energy prices rose, the minister said."
    spun = "Prices rose at the White Home, in the Oval Workplace and on Fact Social."
    assert quality.spin_report(corpus_from_texts([spun]), substitutions=SEED_SUBSTITUTIONS)["flagged"].all()
    assert not quality.spin_report(corpus_from_texts([spun]))["flagged"].any()  # no table, no other report
    one = quality.spin_report(corpus_from_texts(["Prices rose at the White Home."]), substitutions=SEED_SUBSTITUTIONS)
    assert one.loc[0, "substitutions"] == 1 and not one.loc[0, "flagged"]  # one trigger is no spun copy


def test_repaired_spun_copy_counts_the_white_house_and_the_delay_cue(analyze_texts, seeds):
    repaired = quality.repair(seeds, substitutions=SEED_SUBSTITUTIONS)
    text = repaired.docs.set_index("doc_id").loc[SPUN, "text"]
    a = analyze_texts({"spun": text}, actor_files=SEED_ACTORS)
    assert (a.entities["actor"] == "White House").sum() >= 10
    delay = a.cues[a.cues["category"] == "delay"]
    assert set(delay["text"]) == {"stalling", "playing for time"}
    assert set(delay["source"]) == {"some administration officials", "Ukrainian officials"}


def test_bad_substitution_file(tmp_path):
    bad = tmp_path / "subs.csv"
    bad.write_text("# comment\nspun,original,match,evidence,source\n([,x,regex,no,ours\n")
    with pytest.raises(DataFileError, match=r"subs\.csv line 3: bad regex"):
        quality.load_substitutions(bad)
    bad.write_text("spun,original,match,evidence,source\nx,y,phrase,maybe,ours\n")
    with pytest.raises(DataFileError, match=r"subs\.csv line 2: .*evidence \(yes or no\)"):
        quality.load_substitutions(bad)


CLEAN = [
    "A unanimous vote followed. A Utah senator, a Ugandan diplomat and a Uruguayan envoy made a U-turn.",
    "It was an historic day and an honourable compromise, agreed in an hourly session by an heiress.",
    "Under Plan A is a utopian scheme; Annex A and Grade A infrastructure need an X-ray and an NBA-style draft.",
    "A European official, a one-off payment, an MP and an 18-year-old soldier were named by a UN agency.",
    "The family rented a white home near the lake, and voters in the primary time and again backed him.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_english_is_not_flagged(text):
    report = quality.spin_report(corpus_from_texts([text]))
    assert not report["flagged"].any(), report.loc[0, "evidence"]


def test_variants_and_names_are_not_broken_collocations():
    others = ["The White House said.", "A White House statement.", "The White House added.",
              "Talks in the Middle East.", "The Middle East talks.", "Middle East envoys met.",
              "President Volodymyr Zelensky spoke.", "President Volodymyr Zelensky said.", "President Volodymyr Zelensky met."]
    text = "The White House's view. White Houses. Middle Eastern states. President Donald Trump spoke."
    assert quality.collocation_triggers(text, others) == []


def test_pair_counts_match_counting_the_others_directly():
    texts = ["The White House said it.", "The White House agreed.", "The White Home stated it.", "The White House added."]
    counted = quality._PairCounts(texts)
    for i, text in enumerate(texts):
        assert quality.collocation_triggers(text, [], counts=counted.others(i)) == \
            quality.collocation_triggers(text, texts[:i] + texts[i + 1 :])


def test_repair_keeps_case_spacing_and_prefers_specific_rules(tmp_path):
    table = tmp_path / "subs.csv"
    table.write_text(
        "spun,original,match,evidence,source\n"
        "White Home,White House,phrase,yes,ours\n"
        "stated,said,phrase,no,ours\n"
        "Russian chief,Russian leader,phrase,no,ours\n"
        "Russian chief of staff,Russian chief of staff,phrase,no,ours (keep)\n"
    )
    rules = quality.load_substitutions(table)
    text = "THE WHITE HOME STATED. The White\nHome stated it. The Russian chief of staff and the Russian chief met."
    repaired, records = quality.repair_text(text, rules)
    assert repaired == "THE WHITE HOUSE SAID. The White\nHouse said it. The Russian chief of staff and the Russian leader met."
    assert [r["spun_text"] for r in records] == ["WHITE HOME", "STATED", "White\nHome", "stated", "Russian chief"]
    table.write_text(table.read_text() + "met,gathered,phrase,no,ours\n")
    assert len(quality.load_substitutions(table)) == 5  # an edited table is read again


@pytest.mark.parametrize(
    "row, message",
    [("x(y),energy\\2,regex,no,ours", "refers to group 2"), ("x*,-,regex,no,ours", "matches the empty string")],
)
def test_regex_rules_are_checked_when_loaded(tmp_path, row, message):
    table = tmp_path / "subs.csv"
    table.write_text(f"spun,original,match,evidence,source\n{row}\n")
    with pytest.raises(DataFileError, match=rf"subs\.csv line 2: bad regex .*{message}"):
        quality.load_substitutions(table)


def test_unconfigured_repair_restores_the_names_the_other_reports_spell(seeds):
    """Without the seed event's substitution table: the spun copy is still flagged, and the
    broken names that every other report spells otherwise are mapped back, with the record of
    why; the spinner's ordinary-English substitutions stay (no reference says what they were)."""
    report = quality.spin_report(seeds).set_index("doc_id")
    assert report.loc[SPUN, "flagged"] and not report.loc[OTHERS, "flagged"].any()
    repaired = quality.repair(seeds)
    text = repaired.docs.set_index("doc_id").loc[SPUN, "text"]
    assert "White Home" not in text and "Center East" not in text and "{that a}" not in text
    assert text.count("White House") >= 10 and "Middle East" in text
    assert "taking part in for time" in text  # the idiom needs the event's table
    sources = set(repaired.repairs["source"])
    assert "the other reports write 'White House'" in sources and "the other reports write 'Middle East'" in sources
    assert set(repaired.repairs["doc_id"]) == {SPUN}


def test_collocation_repair_never_touches_lower_case_pairs():
    others = ["A 30-day ceasefire began.", "The 30-day ceasefire held.", "A 30-day ceasefire ended.", "Its 30-day ceasefire."]
    spun = "The 30-day halt began, the White Home said."
    corpus = corpus_from_texts([spun, *others, *["The White House said."] * 3])
    repaired = quality.repair(corpus, only_flagged=False)
    assert repaired.docs.loc[0, "text"] == "The 30-day halt began, the White House said."


def test_analyze_repairs_in_the_flow_and_keeps_the_record(seeds_analysis, bare_seeds_analysis):
    """``analyze`` finds and repairs the spun copy before counting anything: the spin report
    is of the text as loaded, the repairs are listed, and the counts are of the repaired text."""
    report = seeds_analysis.spin.set_index("doc_id")
    assert report.loc[SPUN, "flagged"] and not report.loc[OTHERS, "flagged"].any()
    repairs = seeds_analysis.corpus.repairs
    assert set(repairs["doc_id"]) == {SPUN} and len(repairs) >= 20
    spun = seeds_analysis.sentences[seeds_analysis.sentences["doc_id"] == SPUN]["text"].str.cat(sep=" ")
    assert "White Home" not in spun and "playing for time" in spun
    delay = seeds_analysis.cues[(seeds_analysis.cues["doc_id"] == SPUN) & (seeds_analysis.cues["category"] == "delay")]
    assert sorted(delay["text"].str.lower()) == ["playing for time", "stalling"]
    # without the event's table the names are still restored in the flow
    assert set(bare_seeds_analysis.corpus.repairs["doc_id"]) == {SPUN}


def test_counting_the_spun_text_is_an_option(analyze_texts):
    spun = ("Officials on the White Home stated {that a} deal was close. The White Home stated the talks could go on. "
            "The White Home stated {that a} truce could come. The White Home stated {that a} call might follow.")
    kept = analyze_texts({"spun": spun}, substitutions=[SEED_SUBSTITUTIONS], repair=False)
    assert kept.spin["flagged"].all() and kept.corpus.repairs is None
    assert "White Home" in kept.sentences["text"].str.cat()
    hedges = kept.cues[kept.cues["category"] == "hedge"]
    assert len(hedges) and hedges["spin_suspect"].all()  # a spinner's could/might, not the outlet's hedges
    fixed = analyze_texts({"spun": spun}, substitutions=[SEED_SUBSTITUTIONS])
    assert "White Home" not in fixed.sentences["text"].str.cat() and len(fixed.corpus.repairs)
