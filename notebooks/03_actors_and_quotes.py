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
# # 03 · Whose account leads, who is named, who is quoted, and how
#
# Framing starts with people: whose account a report opens with, whom it names and how
# prominently, whose words it carries, and with which verb it introduces them ("said" is
# neutral; "insisted", "claimed" or "acknowledged" characterise the speaker). Each report is
# parsed once with spaCy; the actors of the seed event (`seeds/event/actors.csv`, passed
# explicitly) are recognised whatever the tagger says, and spellings of one name are merged
# (Zelensky / Zelenskyy / Zelenskiy, Kyiv / Kiev). The spun copy is counted as repaired
# (notebook 02).

# %%
import pandas as pd

import toolkit
from toolkit import analyze, entities, plots, report
from toolkit.compare import leads, quotes
from toolkit.config import SEEDS_DIR

pd.set_option("display.max_colwidth", 80)
pd.set_option("display.width", 160)

corpus = toolkit.load_corpus(SEEDS_DIR)
event = toolkit.load_event(SEEDS_DIR / "event")  # the seed event's actors, slots, spinner table
analysis = analyze(corpus, actor_files=event.actors, substitutions=event.substitutions, progress=False)
labels = corpus.docs.set_index("outlet")["label"]
analysis

# %% [markdown]
# ## Whose account each report opens with
#
# The lead is a report's first two sentences of five words or more. Its *source* is whom the
# lead first attributes words to ("the White House announced ...", "..., the Kremlin said");
# when the lead attributes nothing, the report opens on an *actor*: the person or
# institution it names most.

# %%
lead_table = leads.leads(analysis)
lead_table.assign(outlet=lead_table["outlet"].map(labels))[["outlet", "opens_with", "kind", "verb", "lead"]]

# %%
plots.save(report.lead_figure(lead_table, analysis.corpus), "03_leads")

# %% [markdown]
# ## Who is named
#
# Mentions per 1,000 tokens, so that long and short reports compare fairly;
# `first_sentence` is where the report first names the actor (0 = the first sentence).

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
# ## Whose words each report quotes
#
# Direct quotation only: words inside quote marks given to a speaker. The share is the
# speaker's part of the report's directly quoted words.

# %%
report.voice_shares(analysis).round(1)

# %%
most = report.most_quoted(analysis)
most.assign(outlet=most["outlet"].map(labels), share=most["share"].round(3))

# %%
plots.save(report.quoted_voices_figure(analysis), "03_quoted_voices")

# %% [markdown]
# Reported speech ("Zelensky said his country would ...") is another thing: the report's
# paraphrase of what someone said. Its speakers, apart:

# %%
share = quotes.share(analysis)
reported = share[share["kind"] != "direct"].groupby(["outlet", "speaker"], sort=False)["tokens"].sum().reset_index()
reported.sort_values(["outlet", "tokens"], ascending=[True, False]).groupby("outlet").head(3).assign(
    outlet=lambda t: t["outlet"].map(labels)
)

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
# - The Epoch Times-style report and the AP rewrite open on the White House's account, the
#   Asian summary and the New York Times copy on the Kremlin's; the Reuters rewrite opens on
#   what Putin did, with no source in its lead.
# - All five reports name Trump and Putin in their lead; four name Zelensky, and the Epoch
#   Times-style report carries Ukraine's view through its foreign minister, Andrii Sybiha,
#   instead.
# - The White House has the most directly quoted words in the Epoch Times-style report, the
#   AP rewrite and the Asian summary; the Reuters rewrite quotes the envoy Steve Witkoff
#   most, narrowly ahead of Trump, and gives independent experts their own words (Kristine Berzina, Susan Colbourn,
#   Maria Snegovaya in reported speech); the New York Times copy quotes Zelensky most.
# - Speakers and verbs come from a statistical parser: a misparsed sentence can lose or
#   misattribute a quote. Every row of `analysis.quotes` carries its offsets and the rule that
#   attributed it (`attribution`), so each count can be checked against its sentence.
