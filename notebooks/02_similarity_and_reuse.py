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
from toolkit import plots, quality, similarity
from toolkit.config import SEEDS_DIR
from toolkit.nlp import analyze

pd.set_option("display.max_colwidth", 90)
pd.set_option("display.width", 160)

corpus = toolkit.load_corpus(SEEDS_DIR)
analysis = analyze(corpus, progress=False)
labels = corpus.docs.set_index("outlet")["label"]
doc_labels = corpus.docs.set_index("doc_id")["label"]

# %% [markdown]
# ## How alike are the reports?
#
# TF-IDF cosine similarity of the whole texts (English stop words removed, sublinear term
# frequency), ordered so that reports that cluster together sit together.

# %%
matrix = similarity.doc_similarity(corpus)
order = similarity.cluster_order(matrix)
ordered = matrix.loc[order, order].rename(index=doc_labels, columns=doc_labels)
pairs = ordered.where(~pd.DataFrame(
    [[i >= j for j in range(len(ordered))] for i in range(len(ordered))], index=ordered.index, columns=ordered.columns
)).stack()
(a, b), best = pairs.idxmax(), pairs.max()
fig = plots.heatmap(
    ordered,
    title=f"\u201c{a}\u201d and \u201c{b}\u201d are the most alike pair of reports (cosine {best:.2f})",
    colorbar_label="TF-IDF cosine similarity",
    value_format="{:.2f}",
    cmap="Greens",
    note="Rows and columns ordered by average-linkage clustering; 1.00 on the diagonal.",
)
plots.save(fig, "02_similarity")

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
shares = summary[list(similarity.STATUSES)].div(summary["sentences"], axis=0).rename(index=labels)
most_unique = summary["unique_share"].idxmax()
fig = plots.stacked_shares(
    shares,
    colors=plots.STATUS_COLORS,
    title=f"\u201c{labels[most_unique]}\u201d carries the most content no other report has: "
    f"{summary.loc[most_unique, 'unique_share']:.0%} of its sentences",
    note="Shared: cosine >= 0.75 with a sentence of another report; paraphrased: >= 0.35; unique: below.",
)
plots.save(fig, "02_sentence_alignment")

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
terms = similarity.distinctive_terms(analysis, lemmatize=True, top=8)
fig = plots.term_panels(
    terms,
    labels=labels,
    title="Words each report uses more than the others",
    note="Lemmas of content words used at least twice by the report; z = log-odds ratio / its standard deviation.",
)
plots.save(fig, "02_distinctive_terms")

# %% [markdown]
# ## Is any report a machine-spun copy?
#
# Four signals, each with the phrases that triggered it: spinner syntax (`{that a}`), broken
# a/an agreement ("an higher hand"), fixed phrases of the other reports broken in this one
# ("White Home" where the others write "White House"), and known spinner substitutions. The
# score is weighted triggers per 1,000 words; the table-free score leaves the known
# substitutions out, to show that detection does not rest on that list.

# %%
report = quality.spin_report(corpus)
report.assign(outlet=report["outlet"].map(labels)).drop(columns="doc_id")

# %%
scores = report.set_index("outlet")["score"].rename(index=labels)
flags = report.set_index("outlet")["flagged"].rename(index=labels)
spun = list(flags[flags].index)
fig = plots.score_bars(
    scores,
    threshold=4.0,
    flagged=flags,
    title=f"{len(spun)} of {len(flags)} reports read as machine-spun: " + ", ".join(f"\u201c{s}\u201d" for s in spun),
    xlabel="spin score (weighted triggers per 1,000 words)",
    note="Signals: spinner braces (x3), a/an disagreement (x2), broken collocations of the other reports, known substitutions.",
)
plots.save(fig, "02_spin_scores")

# %% [markdown]
# ## Repairing the spun copy
#
# `quality.repair` maps the spinner's substitutions back in flagged reports and records each
# one, with its offsets in both texts, so that later counts see "White House" and "playing
# for time" where the spinner wrote "White Home" and "taking part in for time".

# %%
repaired = quality.repair(corpus)
repaired.repairs.groupby("rule").size().sort_values(ascending=False, kind="stable").rename("substitutions").to_frame()

# %%
after = analyze(repaired, progress=False)
spun_doc = report.loc[report["flagged"], "doc_id"]
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
