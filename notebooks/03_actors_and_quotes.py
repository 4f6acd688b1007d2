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
# "acknowledged" characterise the speaker). Each report is parsed once with spaCy; known
# actors (`toolkit/data/actors.csv`) are recognised whatever the tagger says and their
# spellings merged (Zelensky / Zelenskyy / Zelenskiy, Kyiv / Kiev).

# %%
import pandas as pd

import toolkit
from toolkit import entities, plots, quotes
from toolkit.config import SEEDS_DIR
from toolkit.nlp import analyze

pd.set_option("display.max_colwidth", 80)
pd.set_option("display.width", 160)

corpus = toolkit.load_corpus(SEEDS_DIR)
analysis = analyze(corpus, progress=False)
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
top = (
    counts[counts["known"]].groupby("actor")["mentions"].sum().sort_values(ascending=False).head(14).index
)
rates = (
    counts[counts["actor"].isin(top)]
    .pivot_table(index="actor", columns="outlet", values="per_1000_tokens")
    .reindex(index=top, columns=labels.index)
    .rename(columns=labels)
)
kinds = counts.drop_duplicates("actor").set_index("actor")["label"]
spread = rates[kinds.reindex(rates.index).isin(["PERSON", "ORG"])].dropna(thresh=3)
uneven = (spread.max(axis=1) / spread.min(axis=1)).idxmax()
hi, lo = spread.loc[uneven].idxmax(), spread.loc[uneven].idxmin()
title = (
    f"{uneven}: {spread.loc[uneven, hi]:.1f} mentions per 1,000 tokens in \u201c{hi}\u201d, "
    f"only {spread.loc[uneven, lo]:.1f} in \u201c{lo}\u201d"
)
fig = plots.heatmap(
    rates,
    title=title,
    colorbar_label="mentions per 1,000 tokens",
    note="The 14 most-mentioned known actors; blank = not named. The spun copy writes 'White Home', "
    "so its White House mentions are missed until the copy is repaired.",
)
plots.save(fig, "03_actor_mentions")

# %% [markdown]
# ## Whose words each report carries
#
# Direct quotations and reported speech ("Zelensky said his country would ...") with their
# speaker. The share is the speaker's part of all quoted or reported tokens in that report.

# %%
share = quotes.share(analysis)
both = share.groupby(["outlet", "speaker"], sort=False)["tokens"].sum().reset_index()
both["share"] = 100 * both["tokens"] / both.groupby("outlet")["tokens"].transform("sum")
speakers = both.groupby("speaker")["tokens"].sum().sort_values(ascending=False).head(12).index
voices = (
    both[both["speaker"].isin(speakers)]
    .pivot_table(index="speaker", columns="outlet", values="share")
    .reindex(index=speakers, columns=labels.index)
    .rename(columns=labels)
)
voices.round(1)

# %%
lead = voices.idxmax(axis=0)
readouts = lead.isin(["White House", "Kremlin"])
title = (
    f"{readouts.sum()} of {len(lead)} reports give more of their quoted words to an official readout "
    f"(White House or Kremlin) than to anyone else"
)
fig = plots.heatmap(
    voices,
    title=title,
    colorbar_label="% of the report's quoted and reported tokens",
    value_format="{:.0f}",
    cmap="Purples",
    note="Direct and reported speech; the 12 speakers with the most quoted tokens across all reports.",
)
plots.save(fig, "03_quoted_voices")

# %% [markdown]
# ## How speech is introduced
#
# Reporting verbs per report; "marked" verbs (insist, acknowledge, warn, stress, ...)
# characterise the speaker or their commitment, where "neutral" ones (say, tell, add) do not.

# %%
verbs = quotes.verb_profile(analysis)
marked = verbs[verbs["verb_class"] == "marked"].groupby("outlet")["uses"].sum()
total = verbs.groupby("outlet")["uses"].sum()
summary = pd.DataFrame({"attributions": total, "marked": marked}).reindex(labels.index).fillna(0).astype(int)
summary["marked %"] = (100 * summary["marked"] / summary["attributions"]).round(1)
summary.rename(index=labels)

# %%
top_verbs = verbs.groupby(["verb", "verb_class"])["uses"].sum().sort_values(ascending=False).head(14)
grid = (
    verbs.pivot_table(index=["verb", "verb_class"], columns="outlet", values="uses")
    .reindex(index=top_verbs.index, columns=labels.index)
    .rename(columns=labels)
)
grid.index = [f"{verb} ({kind})" for verb, kind in grid.index]
most = summary["marked %"].idxmax()
title = (
    f"The {labels[most]} report introduces {summary.loc[most, 'marked %']:.0f}% of its quotes "
    f"with marked verbs, the most of any report"
)
fig = plots.heatmap(
    grid,
    title=title,
    colorbar_label="uses",
    value_format="{:.0f}",
    cmap="Oranges",
    note="The 14 most-used reporting verbs; blank = not used. Verb classes from toolkit/data/reporting_verbs.csv.",
)
plots.save(fig, "03_reporting_verbs")

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
