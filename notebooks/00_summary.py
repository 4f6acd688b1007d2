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
#
# `analyze` finds the machine-spun copy and maps the spinner's substitutions back before
# anything is counted (the repairs are listed in notebook 02); every count below is of the
# repaired text.

# %%
import pandas as pd

import toolkit
from toolkit import analyze, claims, report, similarity, stance
from toolkit.compare.summary import framing_summary
from toolkit.config import SEEDS_DIR
from toolkit.figures.plots import save

pd.set_option("display.max_colwidth", 70)
pd.set_option("display.width", 160)

corpus = toolkit.load_corpus(SEEDS_DIR)
event = toolkit.load_event(SEEDS_DIR / "event")  # the seed event's actors, slots, spinner table
analysis = analyze(corpus, actor_files=event.actors, substitutions=event.substitutions, progress=False)
compared = claims.compare(analysis, slots=event.slots)
disputes = claims.disagreements(compared)
summary = framing_summary(analysis, alignment=similarity.align_sentences(analysis), compared=compared)
summary.set_index("label").drop(columns=["outlet"]).T

# %% [markdown]
# ## Where the numbers and details differ
#
# Numbers and named details that several reports give, side by side with their sentences.

# %%
disputes

# %%
compared[compared["slot"].isin(disputes.loc[disputes["disagree"], "slot"])][["slot", "outlet", "value", "qualifier", "filler", "sentence"]]

# %%
fig = report.summary_figure(summary, disputes, stance.stance_by_source(analysis))
save(fig, "summary")

# %% [markdown]
# ## Reading the page
#
# - **Whose account leads.** The Epoch Times-style report and the AP rewrite open on the
#   White House's account of the call, the Asian outlet's summary and the New York Times copy
#   on the Kremlin's; the Reuters rewrite opens on Putin's own act, agreeing to a limited
#   halt and declining the full ceasefire, with no source in its lead (notebook 03).
# - **Whose words.** The White House has the most directly quoted words in the first three
#   reports; the Reuters rewrite quotes the US envoy Steve Witkoff most, narrowly ahead of
#   Trump, the New York Times copy Zelensky (notebook 03).
# - **Delay.** Talk of Putin "stalling" or "playing for time" appears only in the Reuters
#   rewrite (four cues) and the New York Times copy (two), always given to someone else,
#   never in a reporter's own voice (notebook 04).
# - **What is left out.** Putin's refusal of the full 30-day ceasefire is in the Asian
#   summary, the Reuters rewrite and the New York Times copy; the Epoch Times-style report
#   and the AP rewrite do not state it: they mention the 30-day proposal and Putin's
#   concerns, not that he turned it down (notebook 02).
# - **Numbers and details.** The reports disagree on how long the call lasted (about two hours against
#   two and a half) and on which tournaments the leaders agreed to hold: golf in the Asian
#   summary, hockey, as in the Kremlin's readout, in the New York Times copy.
# - **Spin.** The New York Times copy was passed through a synonym spinner ("White Home",
#   "vitality"); it is repaired before counting, and its own words the repair cannot map
#   back ("assertion" for statement) remain (notebook 02).
