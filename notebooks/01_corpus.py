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
# # 01 · The corpus: five reports of one phone call
#
# The seed corpus holds five English reports of the 18 March 2025 phone call between
# Donald Trump and Vladimir Putin. Before comparing how they framed the call we look at
# what they are: where each report most likely comes from, whether it is an original
# report, a rewrite of a wire story or a machine-spun copy, and how long each one is.
#
# Outlets, origins and relations are **inferred** from the text itself (datelines,
# spellings, tell-tale phrases); `seeds/manifest.csv` gives the evidence for each.

# %%
import pandas as pd

import toolkit
from toolkit import plots
from toolkit.config import SEEDS_DIR
from toolkit.corpus.overview import length_profile

pd.set_option("display.max_colwidth", 90)
pd.set_option("display.width", 160)

corpus = toolkit.load_corpus(SEEDS_DIR)
corpus

# %% [markdown]
# Every document loaded and none was rejected; no text needed normalising on loading (the
# `normalisation` column names any change made, and `raw_text` keeps the input as it was).
# The machine-spun copy is found and repaired later, by `analyze` (notebook 02).

# %%
corpus.docs[["doc_id", "label", "relation", "origin", "n_chars", "normalisation"]]

# %% [markdown]
# ## Evidence for the inferred origin of each report

# %%
corpus.docs[["label", "evidence"]]

# %% [markdown]
# ## How long is each report?
#
# Words are tokens that are not punctuation; sentences come from a rule-based splitter that
# needs no parse (the parsed sentences of the later notebooks can differ by one or two per
# report); paragraphs are the lines of each file.

# %%
profile = length_profile(corpus)
table = (
    profile.pivot(index="doc_id", columns="measure", values="value")
    .loc[corpus.docs["doc_id"], ["characters", "words", "sentences", "paragraphs"]]
    .set_axis(corpus.docs["label"], axis=0)
)
table

# %%
words = table["words"]
longest, shortest = words.idxmax(), words.idxmin()
ratio = words.max() / words.min()
title = (
    f"The longest report ({longest}) has {ratio:.1f}x the words of the shortest ({shortest})"
)
fig = plots.length_panels(
    profile,
    hue=corpus.docs.set_index("doc_id")["relation"],
    hue_title="original, rewrite or machine-spun copy (inferred)",
    title=title,
    note="Source: seeds/ (5 reports of the 18 March 2025 Trump–Putin call); labels and relations inferred, see seeds/manifest.csv.",
)
plots.save(fig, "01_corpus_length")

# %% [markdown]
# The machine-spun copy of the New York Times story is the longest report and the AP
# rewrite the shortest. Among the rewrites, the Reuters one keeps much of the wire story's
# background and expert comment, while the AP one keeps little beyond the announcement.
# Length alone says nothing about framing, but it bounds what a report *can* carry, which
# is why later notebooks count mentions and cues per 1,000 tokens rather than in total.
