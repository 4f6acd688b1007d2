"""Every standard figure's title states a finding; here each claim is checked against the
tables, recomputed from the analysis rather than taken from the function that wrote the title.

Run on the seeds (with their event data) and on the chip event (no configuration), so that a
title written for the seeds and false elsewhere shows.
"""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from toolkit.compare import actors as actor_clusters
from toolkit.compare import claims, cues, entities, facts, leads, phrases, quotes, similarity, stance
from toolkit.compare.summary import framing_summary
from toolkit.extract.cues import REPORTER
from toolkit.errors import NotApplicable
from toolkit.figures import report

Q = "\u201c([^\u201d]+)\u201d"  # a quoted label in a title


@pytest.fixture(scope="module", params=["seeds", "chip"])
def case(request, seeds_analysis, chip_analysis):
    analysis = seeds_analysis if request.param == "seeds" else chip_analysis
    return request.param, analysis, actor_clusters.cluster(analysis)


def _title(fig) -> str:
    text = fig._suptitle.get_text() if fig._suptitle is not None else ""
    text = text or next(ax.get_title(loc="left") or ax.get_title() for ax in fig.axes if ax.get_title(loc="left") or ax.get_title())
    plt.close(fig)
    return " ".join(text.split())


def _labels(analysis) -> pd.Series:
    return analysis.corpus.docs.drop_duplicates("outlet").set_index("outlet")["label"]


def _outlet(analysis, label: str) -> str:
    found = _labels(analysis)
    return found[found == label].index[0]


def _n(analysis) -> int:
    return analysis.corpus.docs["outlet"].nunique()


def _leader(table: pd.DataFrame, name: str, weight: str) -> pd.Series:
    """Per outlet, the ``name`` with most ``weight``, ties to the name first in the alphabet."""
    ordered = table.sort_values([weight, name], ascending=[False, True])
    return ordered.drop_duplicates("outlet").set_index("outlet")[name]


def test_actor_mentions_title(case):
    name, analysis, actors = case
    title = _title(report.actor_mentions_figure(analysis, actors=actors))
    m = re.match(r"(.+?) is the most-named person or institution in (\d+) of (\d+) reports", title)
    assert m, title
    counts = entities.counts(analysis, actors=actors)
    named = counts[counts["label"].isin(["PERSON", "ORG"])]
    leader = _leader(named, "actor", "mentions")
    assert (leader == m.group(1)).sum() == int(m.group(2)) and int(m.group(3)) == _n(analysis)
    assert (leader.value_counts().max()) == int(m.group(2))  # no other actor leads more reports
    for label, who in re.findall(Q + r" names (.+?) most", title):
        assert leader[_outlet(analysis, label)] == who


def test_quoted_voices_title(case):
    name, analysis, actors = case
    title = _title(report.quoted_voices_figure(analysis, actors=actors))
    m = re.match(r"(.+?) has the most directly quoted words in (\d+) of (\d+) reports", title)
    assert m, title
    share = quotes.share(analysis, actors=actors)
    direct = share[(share["kind"] == "direct") & (share["speaker"] != quotes.UNATTRIBUTED)]  # no one's voice
    direct = direct.groupby(["outlet", "speaker"])["tokens"].sum().reset_index()
    tops = direct.groupby("outlet")["tokens"].transform("max")
    tied = direct[direct["tokens"] == tops].groupby("outlet").size() > 1
    leader = _leader(direct, "speaker", "tokens")
    leader = leader[~leader.index.isin(tied[tied].index)]  # a tie leads for no one
    assert (leader == m.group(1)).sum() == int(m.group(2)) == leader.value_counts().max(), (title, leader)
    assert int(m.group(3)) == _n(analysis)
    for speaker, label in re.findall(r"(?:; |, )([^;,(]+?) in " + Q, title):
        assert leader[_outlet(analysis, label)] == speaker, (speaker, label)


def test_reporting_verbs_title(case):
    name, analysis, _ = case
    title = _title(report.reporting_verbs_figure(analysis))
    m = re.match(Q + r" introduces (\d+)% of its quotes with marked verbs, the most of any report", title)
    assert m, title
    verbs = quotes.verb_profile(analysis)
    share = verbs[verbs["verb_class"] == "marked"].groupby("outlet")["uses"].sum() / verbs.groupby("outlet")["uses"].sum()
    outlet = _outlet(analysis, m.group(1))
    assert round(100 * share[outlet]) == int(m.group(2)) and share[outlet] == share.max()


def test_phrase_title(case):
    name, analysis, actors = case
    neighbours = similarity.nearest(analysis.corpus, k=min(10, len(analysis.corpus.docs) - 1), progress=False)
    uses = phrases.phrase_uses(analysis, actors=actors, copies=similarity.copy_groups(neighbours, analysis.corpus.docs["doc_id"]))
    title = _title(report.phrase_figure(uses, analysis.corpus))
    m = re.match(Q + r" appears in (\d+) outlets: (.+)", title)
    assert m, title
    summary = phrases.phrase_summary(uses)
    first = summary.iloc[0]
    assert first["as_written"] == m.group(1) and int(first["outlets"]) == int(m.group(2))
    mine = uses[uses["phrase"] == first["phrase"]]
    for n, what in re.findall(r"(\d+) (in their own words|in scare quotes|give it to a source)", m.group(3)):
        part = {"in their own words": (mine["voice"] == "authorial") & ~mine["scare_quotes"],
                "in scare quotes": mine["scare_quotes"], "give it to a source": mine["voice"] != "authorial"}[what]
        assert mine[part]["outlet"].nunique() == int(n), what


@pytest.mark.parametrize("focus", [None, "delay"])
def test_cue_rates_title(case, focus):
    name, analysis, _ = case
    title = _title(report.cue_rates_figure(analysis, focus=focus))
    counted = cues.countable(analysis.cues).merge(analysis.corpus.docs[["doc_id", "outlet"]])
    m = re.match(r"The (\w+) (?:frame appears in (\d+) of (\d+) reports|lexicon finds no cue in any of the (\d+) reports)", title)
    assert m, title
    category = m.group(1)
    if focus is None:  # the stance category with most cues
        stance_cues = counted[counted["category"].isin(report.STANCE_FOCUS)]["category"].value_counts()
        assert stance_cues.empty or stance_cues[category] == stance_cues.max()
    else:
        assert category == focus
    part = counted[counted["category"] == category]
    if m.group(4):
        assert part.empty and int(m.group(4)) == _n(analysis)
        return
    assert int(m.group(2)) == part["outlet"].nunique() and int(m.group(3)) == _n(analysis)
    own = part["holder"] == REPORTER
    if "never in the reporter's own" in title:
        assert not own.any()
    if "always in the reporter's own words" in title:
        assert own.all()
    found = re.search(r"in the reporter's own words in (\d+)$", title)
    if found:
        assert part[own]["outlet"].nunique() == int(found.group(1))


def test_similarity_title(case):
    name, analysis, _ = case
    matrix = similarity.doc_similarity(analysis.corpus)
    title = _title(report.similarity_figure(analysis.corpus, matrix=matrix))
    m = re.match(Q + " and " + Q + r" are the most alike pair of reports \(cosine ([\d.]+); other pairs from ([\d.]+)\)", title)
    assert m, title
    values = matrix.to_numpy(copy=True)
    off = ~np.eye(len(values), dtype=bool)
    assert f"{values[off].max():.2f}" == m.group(3) and f"{values[off].min():.2f}" == m.group(4)
    labels = analysis.corpus.docs.set_index("doc_id")["label"]
    a, b = (labels[labels == m.group(k)].index[0] for k in (1, 2))
    assert f"{matrix.loc[a, b]:.2f}" == m.group(3)


def test_outlet_similarity_title(case):
    name, analysis, _ = case
    table = similarity.outlet_similarity(similarity.nearest(analysis.corpus, k=3), analysis.corpus.docs)
    shown = list(analysis.corpus.docs["outlet"].drop_duplicates())[:4]
    title = _title(report.outlet_similarity_figure(table, analysis.corpus, shown))
    m = re.match(Q + " and " + Q + r" have the most alike documents \(cosine ([\d.]+)\); 4 of (\d+) outlets shown", title)
    assert m, title
    among = table[table["outlet"].isin(shown) & table["other"].isin(shown)]
    assert f"{among['similarity'].max():.2f}" == m.group(3) and int(m.group(4)) == _n(analysis)
    pair = among[(among["outlet"] == _outlet(analysis, m.group(1))) & (among["other"] == _outlet(analysis, m.group(2)))]
    assert f"{pair['similarity'].iloc[0]:.2f}" == m.group(3)


def test_similarity_heatmap_leaves_out_the_diagonal(seeds_analysis):
    fig = report.similarity_figure(seeds_analysis.corpus)
    texts = [t.get_text() for t in fig.axes[0].texts]
    plt.close(fig)
    assert "1.00" not in texts and len(texts) == len(seeds_analysis.corpus.docs) * (len(seeds_analysis.corpus.docs) - 1)


def test_alignment_title(case):
    name, analysis, _ = case
    alignment = similarity.align_sentences(analysis)
    title = _title(report.alignment_figure(alignment, analysis.corpus))
    m = re.match(Q + r" has the most sentences no other report repeats or closely paraphrases: (\d+)% of them", title)
    assert m, title
    status = similarity.sentence_status(alignment)
    unique = (status["status"] == "unique").groupby(status["outlet"]).mean()
    outlet = _outlet(analysis, m.group(1))
    assert unique[outlet] == unique.max() and round(100 * unique[outlet]) == int(m.group(2))


def test_distinctive_terms_title(case):
    name, analysis, _ = case
    title = _title(report.distinctive_terms_figure(analysis))
    terms = similarity.distinctive_terms(analysis, lemmatize=True, top=8)
    if title.startswith("No word is significantly"):
        assert terms["z"].max() < similarity.SIGNIFICANT_Z
        return
    m = re.match(r"(\d+) of (\d+) reports use some words significantly more than the others; the strongest: "
                 + Q + " in " + Q + r" \((\d+) times, z = ([\d.]+)\)", title)
    assert m, title
    clear = terms[terms["z"] >= 1.96]
    assert clear["outlet"].nunique() == int(m.group(1))
    best = clear.loc[clear["z"].idxmax()]
    assert best["term"] == m.group(3) and _labels(analysis)[best["outlet"]] == m.group(4)
    assert int(best["count"]) == int(m.group(5))


def test_distinctive_terms_keep_names_and_hyphenated_words_whole(seeds_analysis):
    terms = similarity.term_counts(seeds_analysis, lemmatize=True)
    vocabulary = set(terms["term"])
    assert {"white house", "cease-fire"} <= vocabulary
    assert "fire" not in vocabulary and "house" not in vocabulary


def test_spin_title_states_scores_not_labels(case):
    name, analysis, _ = case
    title = _title(report.spin_figure(analysis.spin, analysis.corpus))
    scores = analysis.spin.groupby("outlet")["score"].max()
    flagged = analysis.spin.groupby("outlet")["flagged"].any()
    labels = _labels(analysis)
    if not flagged.any():
        m = re.match(r"No report reads as machine-spun: the highest score is ([\d.]+) \(" + Q + r"\)"
                     r"(, from (\d+) triggers?, under the 3 a flag needs)?$", title)
        assert m, title
        top = scores.idxmax()
        assert f"{scores[top]:.1f}" == m.group(1) and labels[top] == m.group(2)
        if scores[top] >= 4:  # above the threshold but not flagged: the title must say why
            row = analysis.spin.set_index("outlet").loc[top]
            assert m.group(4) and int(m.group(4)) == int(row[["braces", "articles", "collocations", "substitutions"]].sum()) < 3
        return
    m = re.match(r"(\d+) of (\d+) reports read as machine-spun, scoring above 4: (.+?)(; the others at most ([\d.]+))?$", title)
    assert m, title
    assert int(m.group(1)) == flagged.sum() and "machine-spun is machine-spun" not in title
    for label, value in re.findall(Q + r" ([\d.]+)", m.group(3)):
        assert f"{scores[_outlet(analysis, label)]:.1f}" == value
    if m.group(5):
        assert f"{scores[~flagged].max():.1f}" == m.group(5)


def test_lead_title(case):
    name, analysis, actors = case
    table = leads.leads(analysis, actors=actors)
    title = _title(report.lead_figure(table, analysis.corpus))
    assert title.startswith(f"Of {len(table)} reports, ")
    for n, who, kind in re.findall(r"(\d+) on (.+?)(\u2019s account| with no source)", title):
        rows = table[table["opens_with"] == who]
        assert len(rows) == int(n) and set(rows["kind"]) == {"source" if "account" in kind else "actor"}, who


def test_stance_title(case):
    name, analysis, actors = case
    stances = stance.stance_by_source(analysis, actors=actors)
    title = _title(report.stance_figure(stances, analysis.corpus))
    counted = cues.countable(analysis.cues).merge(analysis.corpus.docs[["doc_id", "outlet"]])
    doubt = counted[(counted["category"] == "skepticism") & (counted["holder"] == REPORTER)]["outlet"].nunique()
    m = re.match(r"(\d+) of (\d+) reports carr(?:y|ies) scepticism cues in the reporter's own voice", title)
    if m:
        assert int(m.group(1)) == doubt and int(m.group(2)) == _n(analysis)
    else:
        assert title.startswith("None of the") and doubt == 0, title
    hope = re.search(r"the most optimism comes from (.+?) \((\d+) cues in (\d+) reports\)", title)
    if hope:
        mine = stances[(stances["category"] == "optimism") & (stances["holder"] == hope.group(1))]
        others = stances[(stances["category"] == "optimism") & (stances["holder"] != REPORTER)]
        assert mine["cues"].sum() == int(hope.group(2)) == others.groupby("holder")["cues"].sum().max()
        assert mine["outlet"].nunique() == int(hope.group(3))


def test_facts_title(case):
    name, analysis, actors = case
    table, members = facts.facts(analysis, actors=actors)
    title = _title(report.facts_figure(table, members, analysis.corpus))
    m = re.match(r"(?:(\d+) of the|Every one of the) (\d+) facts two or more reports share (?:are|is) missing from at "
                 r"least one; " + Q + r" carries the most \((\d+)\), " + Q + r" the fewest \((\d+)\)", title)
    assert m, title
    outlets = members.groupby("fact")["outlet"].nunique()
    shared = outlets[outlets > 1]
    partial = int((shared < _n(analysis)).sum())
    assert len(shared) == int(m.group(2)) and partial == (int(m.group(1)) if m.group(1) else len(shared))
    carried = members[members["fact"].isin(shared.index)].groupby("outlet")["fact"].nunique()
    assert carried[_outlet(analysis, m.group(3))] == int(m.group(4)) == carried.max()
    assert carried.reindex(_labels(analysis).index, fill_value=0)[_outlet(analysis, m.group(5))] == int(m.group(6))


def test_summary_title(case, seed_event):
    name, analysis, actors = case
    compared = claims.compare(analysis, slots=seed_event.slots if name == "seeds" else None)
    disputes = claims.disagreements(compared)
    summary = framing_summary(analysis, compared=compared, actors=actors)
    stances = stance.stance_by_source(analysis, actors=actors)
    title = _title(report.summary_figure(summary, disputes, stances)).lower()
    table = leads.leads(analysis, actors=actors)
    for who, n in re.findall(r"(?:open on |, )([^,;()]+?) \((\d+)\)", title):
        assert (table["opens_with"].str.lower() == who).sum() == int(n), who
    counted = cues.countable(analysis.cues)
    only = re.search(r"talk of (\w+)(?: or concession)? comes only from sources", title)
    if only:
        mine = counted[counted["category"] == only.group(1)]
        assert len(mine) and (mine["holder"] != REPORTER).all()
    numbers = re.search(r"they disagree on (\d+) number", title)
    assert (int(numbers.group(1)) if numbers else 0) == (int(disputes["disagree"].sum()) if len(disputes) else 0)
    spun = re.search(r"(\d+) spun cop", title)
    assert (int(spun.group(1)) if spun else 0) == int(analysis.spin["flagged"].sum())


def test_quoted_voices_when_every_quotation_is_unattributed(analyze_texts):
    analysis = analyze_texts({"a": "It was a “bloodbath” on the markets on Monday.", "b": "Prices fell in a “meltdown” again."})
    assert set(analysis.quotes["speaker"].dropna()) == set() and len(analysis.quotes)  # scare quotes only
    with pytest.raises(NotApplicable, match="no report quotes anyone directly"):
        report.quoted_voices_figure(analysis)


def test_quoted_voices_title_counts_a_tie_for_no_one(analyze_texts):
    analysis = analyze_texts({
        "a": "“The plant will stay open,” said Mara Lind. “The plant will close soon,” said Joris Bakker.",
        "b": "“We will appeal the ruling today,” said Mara Lind.",
    })
    title = _title(report.quoted_voices_figure(analysis))
    assert title == "Mara Lind has the most directly quoted words in 1 of 2 reports (1 tied)"


def test_distinctive_terms_title_counts_one_report_in_the_singular(chip_analysis):
    terms = similarity.distinctive_terms(chip_analysis, lemmatize=True, top=8)
    title = report.distinctive_terms_title(terms, chip_analysis.corpus, shown=1)
    assert "the 1 report shown" in title and "1 reports" not in title
