# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python (framing-toolkit)
#     language: python
#     name: framing-toolkit
# ---

# %% [markdown]
# # 02 · Text reuse: who copied whom, which facts each report kept, and a spun copy
#
# Several of the seed reports are rewrites of wire stories and one is a machine-spun copy.
# An outlet's framing is partly which sentences it shares with others, which facts it keeps
# or drops, and which words it alone uses; a spun copy must be recognised, not read as style.

# %%
import pandas as pd

import toolkit
from toolkit import analyze, plots, report, similarity
from toolkit.compare import facts
from toolkit.config import SEEDS_DIR

pd.set_option("display.max_colwidth", 90)
pd.set_option("display.width", 160)

corpus = toolkit.load_corpus(SEEDS_DIR)
event = toolkit.load_event(SEEDS_DIR / "event")  # the seed event's actors, slots, spinner table
analysis = analyze(corpus, actor_files=event.actors, substitutions=event.substitutions, progress=False)
labels = corpus.docs.set_index("outlet")["label"]
doc_labels = corpus.docs.set_index("doc_id")["label"]

# %% [markdown]
# ## Is any report a machine-spun copy?
#
# `analyze` looks first. Four signals, each with the phrases that triggered it: spinner
# syntax (`{that a}`), broken a/an agreement ("an higher hand"), fixed phrases of the other
# reports broken in this one ("White Home" where the others write "White House"), and known
# spinner substitutions (the toolkit's general table, plus the seed event's own,
# `seeds/event/spin_substitutions.csv`). The score is weighted triggers per 1,000 words; the
# table-free score leaves the known substitutions out, to show that detection does not rest
# on that list. A copy needs three triggers or more to be flagged.

# %%
spin = analysis.spin
spin.assign(outlet=spin["outlet"].map(labels)).drop(columns="doc_id")

# %%
plots.save(report.spin_figure(spin, analysis.corpus), "02_spin_scores")

# %% [markdown]
# ## The repairs, once
#
# A flagged copy is repaired before anything is counted: the spinner's substitutions are
# mapped back and every change is recorded with its offsets in both texts
# (`analysis.corpus.repairs`; `analyze(..., repair=False)` counts the text as written). All
# the notebooks count the repaired text.

# %%
repairs = analysis.corpus.repairs
repairs.groupby(["rule", "source"]).size().sort_values(ascending=False, kind="stable").rename("substitutions").to_frame().head(15)

# %% [markdown]
# What the repair changes in the counts of the spun copy:

# %%
as_written = analyze(corpus, actor_files=event.actors, substitutions=event.substitutions, repair=False, progress=False)
spun_doc = spin.loc[spin["flagged"], "doc_id"]


def _spun(table):
    return table[table["doc_id"].isin(spun_doc)]


pd.DataFrame(
    {
        "White House mentions": [int((_spun(a.entities)["actor"] == "White House").sum()) for a in (as_written, analysis)],
        "delay cues": [int((_spun(a.cues)["category"] == "delay").sum()) for a in (as_written, analysis)],
        "attributions with 'state'": [int((_spun(a.quotes)["verb"] == "state").sum()) for a in (as_written, analysis)],
    },
    index=["as published", "after repair"],
)

# %% [markdown]
# ## How alike are the reports?
#
# TF-IDF cosine similarity of the whole texts (English stop words removed, sublinear term
# frequency), ordered so that reports that cluster together sit together.

# %%
matrix = similarity.doc_similarity(analysis.corpus)
matrix.rename(index=doc_labels, columns=doc_labels).round(3)

# %%
plots.save(report.similarity_figure(analysis.corpus, matrix=matrix), "02_similarity")

# %% [markdown]
# ## Which sentences does each report share?
#
# Every sentence is compared with every sentence of the other reports (character n-gram
# TF-IDF, which survives inflection and spelling variants). A sentence is *shared* when
# another report has it near-verbatim (cosine >= 0.75), *paraphrased* when another report
# says much the same (>= 0.35), and *unique* when no other report comes close.

# %%
alignment = similarity.align_sentences(analysis)
summary = similarity.alignment_summary(alignment).set_index("outlet")
summary.rename(index=labels)

# %%
plots.save(report.alignment_figure(alignment, analysis.corpus), "02_sentence_alignment")

# %% [markdown]
# The sentences one report shares with another, best matches first, and how many each pair of
# reports shares:

# %%
status = similarity.sentence_status(alignment)
close = status[status["status"] != "unique"]
close.sort_values("score", ascending=False).head(8)[["outlet", "text", "other", "match_text", "score"]]

# %%
close.groupby(["outlet", "other"]).size().rename("sentences").reset_index().sort_values("sentences", ascending=False, kind="stable")

# %% [markdown]
# ## Which facts does each report keep, and which does it drop?
#
# Wording is not the only way two reports say the same thing. A *fact* here is a group of
# sentences of different reports about the same thing: compared by their content words, the
# actors they name, the numbers they give and their stance cues ("refused" and "declined"
# are both a refusal), each sentence linked to its closest sentences in each other report,
# one sentence per report. A fact is labelled by its most central sentence; facts that some
# but not all reports carry come first.

# %%
fact_table, members = facts.facts(analysis)
fact_table[["fact", "outlets", "carried_by", "label"]].head(12)

# %%
plots.save(report.facts_figure(fact_table, members, analysis.corpus), "02_facts_kept_and_dropped")

# %% [markdown]
# The refusal of the full 30-day ceasefire, sentence by sentence:

# %%
refusal = members[members["text"].str.contains("refused a 30-day ceasefire")]["fact"].iloc[0]
members[members["fact"] == refusal][["fact", "outlet", "text"]]

# %% [markdown]
# ## Which words does each report use more than the others?
#
# Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008), each
# report against the other four, on lemmas; names of several words ("White House") and
# hyphenated words ("cease-fire") are kept whole; z-scores account for how often a word is
# used.

# %%
terms = similarity.distinctive_terms(analysis, lemmatize=True, top=5)
terms.assign(outlet=terms["outlet"].map(labels))

# %%
plots.save(report.distinctive_terms_figure(analysis), "02_distinctive_terms")

# %% [markdown]
# ## What this shows, and what it cannot
#
# - The Asian outlet's summary and the spun copy share the most sentences in substance: both
#   carry the New York Times account of the call, one summarised, one spun.
# - The Reuters rewrite has the most sentences that no other report repeats or closely
#   paraphrases (wording), and the most facts only it carries (meaning): expert comment and
#   background that the shorter reports dropped.
# - Putin's refusal of the full ceasefire is a fact of the Asian summary, the Reuters rewrite
#   and the New York Times copy; the Epoch Times-style report and the AP rewrite do not
#   state it.
# - No word clears z = 1.96 in any report: five short reports are too little text for one
#   word to stand out with confidence. The spun copy's leading words ("assault",
#   "assertion") are still the spinner's, substitutions no table maps back.
# - Thresholds are conventions, not facts: a paraphrase at 0.35 is "much the same sentence"
#   on these reports; a fact link at 0.2 with two things in common is a candidate, and
#   some facts still join sentences that say different things (read `cohesion` and the
#   sentences in `members` before citing one); on other corpora, read the `score`,
#   `cohesion` and `centrality` columns.
