"""The findings the notebooks' Markdown states about the seeds, as tests.

When a measure changes, either these still hold or the Markdown (notebooks 00 to 04) changes
with them. Each test names the notebook sentence it checks.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from toolkit.compare import actors as actor_clusters
from toolkit.compare import claims, cues, entities, facts, leads, quotes, similarity, stance
from toolkit.config import PROJECT_ROOT
from toolkit.extract.cues import REPORTER
from toolkit.figures import report

EPOCH, AP, ASIAN, REUTERS, NYT = "epoch-times-style", "ap-rewrite", "asian-summary", "reuters-rewrite", "nyt-spun"
SPUN = "004_7fddfdd75eedba42"


@pytest.fixture(scope="module")
def actors(seeds_analysis):
    return actor_clusters.cluster(seeds_analysis)


def _outlets(analysis, table: pd.DataFrame) -> pd.DataFrame:
    return table.merge(analysis.corpus.docs[["doc_id", "outlet"]], on="doc_id")


def _markdown(name: str) -> str:
    """The Markdown cells of a notebook's paired script, as one text."""
    text = (PROJECT_ROOT / "notebooks" / name).read_text(encoding="utf-8")
    cells = re.split(r"^# %%", text, flags=re.M)
    markdown = [c for c in cells if c.startswith(" [markdown]")]
    return " ".join(" ".join(line.lstrip("# ").strip() for line in c.splitlines()) for c in markdown)


def test_delay_cues_only_in_reuters_and_nyt_never_authorial(seeds_analysis):
    """00, 04: delay only in the Reuters rewrite (four cues) and the NYT copy (two), never in a
    reporter's own voice."""
    delay = _outlets(seeds_analysis, cues.countable(seeds_analysis.cues))
    delay = delay[delay["category"] == "delay"]
    assert delay.groupby("outlet").size().to_dict() == {REUTERS: 4, NYT: 2}
    assert (delay["holder"] != REPORTER).all()
    assert "four cues" in _markdown("04_stance_and_hedging.py") and "(two)" in _markdown("04_stance_and_hedging.py")


def test_spun_copy_counts_two_delay_cues_after_repair_one_before(seeds_analysis, analyze_texts, seed_event):
    """04: the spun copy hides one of its two delay cues until it is repaired."""
    after = seeds_analysis.cues[(seeds_analysis.cues["doc_id"] == SPUN) & (seeds_analysis.cues["category"] == "delay")]
    assert sorted(after["text"].str.lower()) == ["playing for time", "stalling"]
    as_written = seeds_analysis.corpus.docs.set_index("doc_id").loc[SPUN, "text_before_repair"]
    before = analyze_texts({"spun": as_written}, actor_files=seed_event.actors, repair=False)
    assert sorted(before.cues.loc[before.cues["category"] == "delay", "text"].str.lower()) == ["stalling"]


def test_spun_copy_counts_the_white_house_and_said_after_repair(seeds_analysis):
    """02: after repair the spun copy names the White House and introduces speech with "say",
    not the spinner's "state"."""
    ents = seeds_analysis.entities[seeds_analysis.entities["doc_id"] == SPUN]
    assert (ents["actor"] == "White House").sum() >= 10
    verbs = seeds_analysis.quotes[seeds_analysis.quotes["doc_id"] == SPUN]["verb"].value_counts()
    assert verbs.get("state", 0) <= 1 and verbs.idxmax() == "say"


def test_who_is_quoted_most_in_each_report(seeds_analysis, actors):
    """00, 03: the White House has the most directly quoted words in the first three reports;
    the Reuters rewrite quotes Witkoff most, the NYT copy Zelensky."""
    most = report.most_quoted(seeds_analysis, actors).set_index("outlet")["speaker"].to_dict()
    assert most == {EPOCH: "White House", AP: "White House", ASIAN: "White House", REUTERS: "Steve Witkoff",
                    NYT: "Volodymyr Zelensky"}
    share = quotes.share(seeds_analysis, actors=actors)
    direct = share[(share["kind"] == "direct") & (share["outlet"] == EPOCH)].set_index("speaker")
    assert direct.loc["Andrii Sybiha", "quotes"] > direct.loc["White House", "quotes"]  # more quotes, fewer words


def test_experts_in_the_reuters_rewrite_are_in_the_quote_table(seeds_analysis, actors):
    """03: the Reuters rewrite gives Berzina and Colbourn their own words and Snegovaya reported speech."""
    share = quotes.share(seeds_analysis, actors=actors)
    mine = share[share["outlet"] == REUTERS]
    direct = set(mine.loc[mine["kind"] == "direct", "speaker"])
    assert {"Kristine Berzina", "Susan Colbourn"} <= direct
    assert "Maria Snegovaya" in set(mine.loc[mine["kind"] != "direct", "speaker"])
    text = _markdown("03_actors_and_quotes.py")
    named = set(re.findall(r"\b(Kristine Berzina|Susan Colbourn|Maria Snegovaya|Andrii Sybiha|Steve Witkoff)\b", text))
    assert named <= set(share["speaker"]) | set(entities.counts(seeds_analysis, actors=actors)["actor"])


def test_whose_account_each_report_opens_with(seeds_analysis, actors):
    """00, 03: Epoch Times-style and AP open on the White House's account, the Asian summary
    and the NYT copy on the Kremlin's, the Reuters rewrite on Putin with no source."""
    table = leads.leads(seeds_analysis, actors=actors).set_index("outlet")
    assert table["opens_with"].to_dict() == {EPOCH: "White House", AP: "White House", ASIAN: "Kremlin",
                                             REUTERS: "Vladimir Putin", NYT: "Kremlin"}
    assert table.loc[REUTERS, "kind"] == "actor" and (table.drop(index=REUTERS)["kind"] == "source").all()


def test_refusal_is_dropped_by_epoch_times_and_ap(seeds_analysis, actors):
    """00, 02: Putin's refusal of the full ceasefire is a fact of the Asian summary, Reuters and
    the NYT copy; the Epoch Times-style report and the AP rewrite do not carry it, and carry no
    refusal cue at all."""
    table, members = facts.facts(seeds_analysis, actors=actors)
    fact = members.loc[members["text"].str.contains("refused a 30-day ceasefire"), "fact"].iloc[0]
    assert set(members.loc[members["fact"] == fact, "outlet"]) == {ASIAN, REUTERS, NYT}
    refusal = _outlets(seeds_analysis, cues.countable(seeds_analysis.cues))
    refusal = refusal[refusal["category"] == "refusal"]
    assert set(refusal["outlet"]) == {ASIAN, REUTERS, NYT}


def test_own_voice_doubt_only_in_reuters_and_nyt_and_first_step_is_the_white_houses(seeds_analysis, actors):
    """04: own-voice doubt only in the Reuters rewrite and the NYT copy; optimism mostly from
    sources, Trump first; the White House's "first step" is the White House's, not AP's."""
    stances = stance.stance_by_source(seeds_analysis, actors=actors)
    own = stances[stances["own_voice"]]
    assert set(own.loc[own["category"] == "skepticism", "outlet"]) == {REUTERS, NYT}
    hope = stances[(stances["category"] == "optimism") & ~stances["own_voice"]]
    assert hope.groupby("holder")["cues"].sum().idxmax() == "Donald Trump"
    ap = stances[stances["outlet"] == AP]
    assert not ap["own_voice"].any() and "first step" in ap.loc[ap["holder"] == "White House", "examples"].iloc[0]


def test_numbers_the_reports_disagree_on(seeds_analysis, seed_event):
    """00: the reports disagree on the call's length and on the tournaments: golf in the Asian
    summary, hockey in the NYT copy."""
    compared = claims.compare(seeds_analysis, slots=seed_event.slots)
    disputes = claims.disagreements(compared)
    assert set(disputes.loc[disputes["disagree"], "slot"]) == {"call duration", "tournaments"}
    tournaments = compared[compared["slot"] == "tournaments"].set_index("outlet")["filler"].str.lower()
    assert tournaments[ASIAN] == "golf" and tournaments[NYT] == "hockey"


def test_sharing_and_unique_content(seeds_analysis):
    """02: the Asian summary and the spun copy share the most sentences; the Reuters rewrite
    has the most content no other report has."""
    alignment = similarity.align_sentences(seeds_analysis)
    status = similarity.sentence_status(alignment)
    close = status[status["status"] != "unique"]
    pairs = close.groupby(["outlet", "other"]).size()
    assert set(pairs.idxmax()) == {ASIAN, NYT}
    summary = similarity.alignment_summary(alignment).set_index("outlet")
    assert summary["unique_share"].idxmax() == REUTERS


def test_no_word_clears_the_threshold_and_spinner_words_remain(seeds_analysis):
    """02: no word clears z = 1.96; the spun copy's leading words are still the spinner's."""
    terms = similarity.distinctive_terms(seeds_analysis, lemmatize=True, top=5)
    assert not terms["significant"].any()
    assert {"assault", "assertion"} <= set(terms.loc[terms["outlet"] == NYT, "term"])


def test_names_in_the_lead_and_who_names_zelensky(seeds_analysis, actors):
    """03: all five name Trump and Putin in their first two sentences; four name Zelensky; the
    Epoch Times-style report carries Ukraine's view through Sybiha instead."""
    counts = entities.counts(seeds_analysis, actors=actors)
    first = counts.pivot_table(index="actor", columns="outlet", values="first_sentence")
    assert (first.loc[["Donald Trump", "Vladimir Putin"]] <= 1).all().all()
    assert set(counts.loc[counts["actor"] == "Volodymyr Zelensky", "outlet"]) == {AP, ASIAN, REUTERS, NYT}
    assert "Andrii Sybiha" in set(counts.loc[counts["outlet"] == EPOCH, "actor"])


def test_sentence_range_in_the_markdown(seeds_analysis):
    """04: "a report has 12 to 63 parsed sentences"."""
    sizes = seeds_analysis.sentences.groupby("doc_id").size()
    assert f"{sizes.min()} to {sizes.max()} parsed sentences" in _markdown("04_stance_and_hedging.py")


def test_length_claims_in_the_markdown(seeds_analysis):
    """01: the spun copy is the longest report and the AP rewrite the shortest."""
    from toolkit.corpus.overview import length_profile

    words = length_profile(seeds_analysis.corpus).query("measure == 'words'").set_index("doc_id")["value"]
    outlet = seeds_analysis.corpus.docs.set_index("doc_id")["outlet"]
    assert outlet[words.idxmax()] == NYT and outlet[words.idxmin()] == AP
