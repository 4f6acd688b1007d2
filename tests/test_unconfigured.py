"""What a run on the bare seed texts finds with no event file at all: the package knows nothing
of the Trump-Putin call, so everything below comes from the five reports themselves."""

from __future__ import annotations

import pytest

from toolkit import claims, similarity
from toolkit.compare import actors as actor_clusters
from toolkit.compare import phrases, wording


@pytest.fixture(scope="module")
def clusters(bare_seeds_analysis):
    return actor_clusters.cluster(bare_seeds_analysis)


def test_no_actor_table_is_used(bare_seeds_analysis):
    assert bare_seeds_analysis.entities["actor"].isna().all()


@pytest.mark.parametrize("form, actor", [
    ("Trump", "Donald Trump"),
    ("Vladimir V. Putin", "Vladimir Putin"),
    ("Putin", "Vladimir Putin"),
    ("Volodymyr Zelenskiy", "Volodymyr Zelensky"),
    ("Zelenskyy", "Volodymyr Zelensky"),
    ("Kiev", "Kyiv"),
    ("US", "U.S."),
])
def test_names_merge_across_reports(clusters, form, actor):
    assert clusters.of[form] == actor


def test_people_and_institutions_get_their_type(clusters):
    types = clusters.table.set_index("actor")["type"]
    assert types["Donald Trump"] == types["Vladimir Putin"] == types["Volodymyr Zelensky"] == "person"
    assert types["Kremlin"] == types["White House"] == "organisation"


def test_the_call_length_is_the_top_disagreement(bare_seeds_analysis):
    top = claims.disagreements(claims.compare(bare_seeds_analysis)).iloc[0]
    assert (top["unit"], top["status"]) == ("minutes", "conflict")


def test_readout_language_travels_as_frame_phrases(bare_seeds_analysis, clusters):
    uses = phrases.phrase_uses(bare_seeds_analysis, actors=clusters)
    summary = phrases.phrase_summary(uses).set_index("phrase")
    row = summary.loc["energy and infrastructure"]
    assert row["outlets"] >= 4 and "White House" in row["sources"]
    assert summary.loc["technical negotiations", "quoted"]  # the White House's words, in quote marks


def test_golf_against_hockey_and_one_target_against_two(bare_seeds_analysis):
    table = wording.differences(similarity.align_sentences(bare_seeds_analysis))
    found = set(zip(table["wording"], table["other_wording"]))
    assert ("golf tournaments", "hockey tournaments") in found
    assert ("energy and infrastructure", "energy infrastructure") in found
