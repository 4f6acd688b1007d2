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
# # 04 · Stance and hedging: who says Putin is stalling?
#
# "Putin appeared to be stalling" in a paper's own voice, an expert saying he "may be playing
# for time", and Zelensky accusing him of "dragging out the war" are three different things.
# Each cue the toolkit finds (lexicons in `toolkit/data/lexicons/`) therefore carries its
# **voice** (*authorial*: outside any quotation; *quoted*: inside a direct quotation;
# *attributed*: inside reported speech) and its **holder**: the reporter, for the report's
# own stance, or the person or institution whose words or attitude it is ("the White House
# described it as a first step" is the White House's optimism, though no quote mark is
# there). "Own voice" below means the reporter is the holder.
#
# With five reports, every rate needs an interval: rates below are per 1,000 tokens with 95%
# intervals (the wider of a bootstrap over sentences and the exact Poisson interval for the
# count, so that a report with no cues is not read as certain to have none), and differences
# between reports come with permutation tests corrected for testing every pair. Negated cues
# ("made no progress") are listed but not counted, and so are the spun copy's "could" and
# "might", which a spinner writes for "would". The spun copy is counted as repaired.

# %%
import pandas as pd

import toolkit
from toolkit import analyze, cues, plots, report
from toolkit.compare import stance
from toolkit.config import SEEDS_DIR
from toolkit.figures.kwic import kwic_html

pd.set_option("display.max_colwidth", 70)
pd.set_option("display.width", 160)

corpus = toolkit.load_corpus(SEEDS_DIR)
event = toolkit.load_event(SEEDS_DIR / "event")  # the seed event's actors, slots, spinner table
analysis = analyze(corpus, actor_files=event.actors, substitutions=event.substitutions, progress=False)
labels = corpus.docs.set_index("outlet")["label"]
counted = cues.countable(analysis.cues)
counted.assign(own=counted["holder"] == "reporter").groupby(["category", "own"]).size().unstack(fill_value=0)

# %% [markdown]
# ## Who speaks of delay
#
# Every delay cue with its context, voice and holder.

# %%
delay = cues.kwic(analysis, category="delay", width=70)
kwic_html(delay.assign(outlet=delay["outlet"].map(labels)))

# %%
analysis.cues[analysis.cues["category"] == "delay"].merge(corpus.docs[["doc_id", "label"]])[
    ["label", "text", "voice", "holder"]
]

# %% [markdown]
# ## Stance by source: who is optimistic, who doubts, who refuses
#
# Cues of four stances counted per holder and report; the reporter's own voice is a row of
# its own.

# %%
stances = stance.stance_by_source(analysis)
stances.assign(outlet=stances["outlet"].map(labels))

# %%
plots.save(report.stance_figure(stances, analysis.corpus), "04_stance_by_source")

# %% [markdown]
# ## Rates per report, in the reporter's own voice and in others'

# %%
table = report.cue_rate_table(analysis)
table.assign(outlet=table["outlet"].map(labels)).pivot_table(
    index=["category", "outlet"], columns="voice", values="per_1000_tokens", sort=False
)

# %%
plots.save(report.cue_rates_figure(analysis, focus="delay"), "04_cue_rates")

# %% [markdown]
# ## Is a difference in hedging more than chance?
#
# Every pair of reports, own-voice hedges, with a permutation test that shuffles sentences
# between the two; with ten pairs tested at once, read `p_holm` (Holm's correction), not
# `p_value`. How many sentences each report has bounds what any test can show:

# %%
analysis.sentences.merge(corpus.docs[["doc_id", "label"]]).groupby("label", sort=False).size().rename("sentences").to_frame().T

# %%
tests = cues.pairwise_tests(analysis, "hedge", voice="own", n_permutations=9999)
tests.assign(a=tests["a"].map(labels), b=tests["b"].map(labels)).sort_values("p_value", kind="stable")

# %% [markdown]
# ## What this shows, and what it cannot
#
# - The delay frame ("stalling", "playing for time", "buy time", "drag out the war") comes
#   from the Reuters rewrite (four cues) and the New York Times copy (two) only, and always
#   with another holder: experts, Zelensky, Ukrainian or unnamed administration officials. No
#   report says in its own voice that Putin is stalling.
# - The spun copy hides one of its two delay cues until it is repaired: "taking part in for
#   time" is the spinner's rewrite of "playing for time".
# - Doubt in the reporter's own voice is in the Reuters rewrite ("did not achieve his
#   desired outcome", "fragile") and the New York Times copy ("unacceptable to Kyiv")
#   only; optimism comes mostly from sources, Trump first, and the White House's "first
#   step" is the White House's, not the AP rewrite's or the New York Times copy's.
# - Intervals are wide: a report has 12 to 63 parsed sentences, so no difference in hedging
#   between two reports survives the correction for testing every pair. Read the rates as
#   where to look, and the evidence table as what was said.
# - Lexicons find words, not meanings: "could" as a past ability or "progress" used ironically
#   still count. Every row keeps its sentence, so each count can be checked.
