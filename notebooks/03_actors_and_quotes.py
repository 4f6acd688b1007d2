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
# # 03 · Who is named, who is quoted, and how
#
# Framing starts with people: whom a report names, how prominently, whose words it carries,
# and with which verb it introduces them ("said" is neutral; "insisted", "claimed" or
# "acknowledged" characterise the speaker). Each report is parsed once with spaCy; the
# actors of the seed event (`seeds/event/actors.csv`, passed explicitly) are recognised
# whatever the tagger says and their spellings merged (Zelensky / Zelenskyy / Zelenskiy,
# Kyiv / Kiev).

# %%
import pandas as pd

import toolkit
from toolkit import analyze, entities, plots, report
from toolkit.config import SEEDS_DIR

pd.set_option("display.max_colwidth", 80)
pd.set_option("display.width", 160)

corpus = toolkit.load_corpus(SEEDS_DIR)
event = toolkit.load_event(SEEDS_DIR / "event")  # the seed event's actors, slots, spinner table
analysis = analyze(corpus, actor_files=event.actors, progress=False)
labels = corpus.docs.set_index("outlet")["label"]
analysis

# %% [markdown]
# ## Who is named
#
# Mentions per 1,000 tokens, so that long and short reports compare fairly;
# `first_sentence` is where the report first names the actor (0 = the lead).

# %%
counts = entities.counts(analysis)
people = counts[counts["label"] == "PERSON"]
people.pivot_table(index="actor", columns="outlet", values="first_sentence")[list(labels.index)].rename(
    columns=labels
).loc[["Donald Trump", "Vladimir Putin", "Volodymyr Zelensky"]]

# %%
report.actor_rates(analysis).round(1)

# %%
plots.save(report.actor_mentions_figure(analysis), "03_actor_mentions")

# %% [markdown]
# ## Whose words each report carries
#
# Direct quotations and reported speech ("Zelensky said his country would ...") with their
# speaker. The share is the speaker's part of all quoted or reported tokens in that report.

# %%
report.voice_shares(analysis).round(1)

# %%
plots.save(report.quoted_voices_figure(analysis), "03_quoted_voices")

# %% [markdown]
# ## How speech is introduced
#
# Reporting verbs per report; "marked" verbs (insist, acknowledge, warn, stress, ...)
# characterise the speaker or their commitment, where "neutral" ones (say, tell, add) do not.

# %%
grid, marked = report.verb_grid(analysis)
marked

# %%
plots.save(report.reporting_verbs_figure(analysis), "03_reporting_verbs")

# %% [markdown]
# ## What these figures show, and what they cannot
#
# - All five reports name Trump and Putin early; only four name Zelensky, and the
#   Epoch Times-style report carries Ukraine's view through its foreign minister instead.
# - The rewrites of wire stories lean on official readouts (the White House and the Kremlin),
#   while the Reuters rewrite adds independent experts (Berzina, Colbourn, Snegovaya).
# - Speakers and verbs come from a statistical parser: a misparsed sentence can lose or
#   misattribute a quote. Every row of `analysis.quotes` carries its offsets and the rule that
#   attributed it (`attribution`), so each count can be checked against its sentence.
# - The machine-spun copy changes words the tables rely on ("stated" for said, "instructed"
#   for told, "White Home"): its counts describe the spun text, not the original story.
