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
# # 02 · Text reuse: who copied whom, what only one report says, and a spun copy
#
# Several of the seed reports are rewrites of wire stories and one is a machine-spun copy.
# An outlet's framing is partly which sentences it shares with others, which it drops, and
# which words it alone uses; a spun copy must be recognised, not read as style.

# %%
import pandas as pd

import toolkit
from toolkit import analyze, plots, quality, report, similarity
from toolkit.config import SEEDS_DIR

pd.set_option("display.max_colwidth", 90)
pd.set_option("display.width", 160)

corpus = toolkit.load_corpus(SEEDS_DIR)
event = toolkit.load_event(SEEDS_DIR / "event")  # the seed event's actors, slots, spinner table
analysis = analyze(corpus, actor_files=event.actors, progress=False)
labels = corpus.docs.set_index("outlet")["label"]
doc_labels = corpus.docs.set_index("doc_id")["label"]

# %% [markdown]
# ## How alike are the reports?
#
# TF-IDF cosine similarity of the whole texts (English stop words removed, sublinear term
# frequency), ordered so that reports that cluster together sit together.

# %%
matrix = similarity.doc_similarity(corpus)
matrix.rename(index=doc_labels, columns=doc_labels).round(3)

# %%
plots.save(report.similarity_figure(corpus), "02_similarity")

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
plots.save(report.alignment_figure(alignment, corpus), "02_sentence_alignment")

# %% [markdown]
# The sentences one report shares with another, best matches first:

# %%
status = similarity.sentence_status(alignment)
status[status["status"] != "unique"].sort_values("score", ascending=False).head(8)[
    ["outlet", "text", "other", "match_text", "score"]
]

# %% [markdown]
# ## Which words does each report use more than the others?
#
# Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008), each
# report against the other four, on lemmas; z-scores account for how often a word is used.

# %%
plots.save(report.distinctive_terms_figure(analysis), "02_distinctive_terms")

# %% [markdown]
# ## Is any report a machine-spun copy?
#
# Four signals, each with the phrases that triggered it: spinner syntax (`{that a}`), broken
# a/an agreement ("an higher hand"), fixed phrases of the other reports broken in this one
# ("White Home" where the others write "White House"), and known spinner substitutions. The
# score is weighted triggers per 1,000 words; the table-free score leaves the known
# substitutions out, to show that detection does not rest on that list.

# %%
spin = quality.spin_report(corpus, substitutions=event.substitutions)
spin.assign(outlet=spin["outlet"].map(labels)).drop(columns="doc_id")

# %%
plots.save(report.spin_figure(spin, corpus), "02_spin_scores")

# %% [markdown]
# ## Repairing the spun copy
#
# `quality.repair` maps the spinner's substitutions back in flagged reports and records each
# one, with its offsets in both texts, so that later counts see "White House" and "playing
# for time" where the spinner wrote "White Home" and "taking part in for time".

# %%
repaired = quality.repair(corpus, substitutions=event.substitutions)
repaired.repairs.groupby("rule").size().sort_values(ascending=False, kind="stable").rename("substitutions").to_frame()

# %%
after = analyze(repaired, actor_files=event.actors, progress=False)
spun_doc = spin.loc[spin["flagged"], "doc_id"]
pd.DataFrame(
    {
        "White House mentions": [
            int(((a.entities["actor"] == "White House") & a.entities["doc_id"].isin(spun_doc)).sum())
            for a in (analysis, after)
        ],
        "delay cues": [
            int(((a.cues["category"] == "delay") & a.cues["doc_id"].isin(spun_doc)).sum()) for a in (analysis, after)
        ],
    },
    index=["as published", "after repair"],
)

# %% [markdown]
# ## What this shows, and what it cannot
#
# - The Asian outlet's summary and the spun copy share the most sentences in substance: both
#   carry the New York Times account of the call, one summarised, one spun.
# - The Reuters rewrite carries the most material no other report has: expert comment and
#   background that the shorter reports dropped.
# - The spun copy's most distinctive words are the spinner's ("vitality", "home", "state"),
#   which is why a spun copy must be found before its words are read as framing.
# - The alignment thresholds are conventions, not facts: a paraphrase at 0.35 is "much the
#   same sentence" on these reports; on other corpora, read the `score` column.
