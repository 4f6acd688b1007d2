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
# # 00 · One page: how five reports framed the Trump–Putin call
#
# Each row is one report of the 18 March 2025 phone call; each column one aspect of its
# framing, computed by the toolkit (notebooks 01 to 04 show each in detail). Read a row to
# see how one report told the story; read a column to see where the reports differ.

# %%
import pandas as pd

import toolkit
from toolkit import analyze, claims, quality, report, similarity
from toolkit.compare.summary import framing_summary
from toolkit.config import SEEDS_DIR
from toolkit.figures.plots import save

pd.set_option("display.max_colwidth", 70)
pd.set_option("display.width", 160)

corpus = toolkit.load_corpus(SEEDS_DIR)
event = toolkit.load_event(SEEDS_DIR / "event")  # the seed event's actors, slots, spinner table
analysis = analyze(corpus, actor_files=event.actors, progress=False)
spin = quality.spin_report(corpus, substitutions=event.substitutions)
compared = claims.compare(analysis, slots=event.slots)
disputes = claims.disagreements(compared)
summary = framing_summary(analysis, spin=spin, alignment=similarity.align_sentences(analysis), compared=compared)
summary.set_index("label").drop(columns=["outlet"]).T

# %% [markdown]
# ## Where the facts differ
#
# Numbers and named details that several reports give, side by side with their sentences.

# %%
disputes

# %%
compared[compared["slot"].isin(disputes.loc[disputes["disagree"], "slot"])][["slot", "outlet", "value", "qualifier", "filler", "sentence"]]

# %%
fig = report.summary_figure(summary, disputes)
save(fig, "summary")

# %% [markdown]
# ## Reading the page
#
# - **Spin.** One report is a machine-spun copy of a New York Times story: its words ("White
#   Home", "vitality") are the spinner's, not an outlet's style. Notebook 02 repairs it.
# - **Facts.** The reports disagree on how long the call lasted (about two hours against two
#   and a half) and on which tournaments the leaders agreed to hold: golf in one report,
#   hockey, as in the Kremlin's readout, in the spun New York Times copy.
# - **Voices.** The shorter rewrites lean on the White House and Kremlin readouts; the
#   Epoch Times-style report quotes the US envoy Witkoff and Ukraine's foreign minister at
#   length; the Reuters rewrite gives Zelensky the most words.
# - **Delay.** Talk of Putin "stalling" or "playing for time" appears only in quotes and
#   reported speech, never in a reporter's own voice.
