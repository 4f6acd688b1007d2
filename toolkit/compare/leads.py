"""Whose account each report opens with: the source and the actor of its lead.

The lead is a report's first ``sentences`` sentences of five words or more (a one-line kicker
does not count as a sentence of its own, but a standfirst does). Its first sentence that gives
someone's account or names a person or institution decides: its *source* is whoever it
attributes the most words to ("the White House announced ...", "..., the Kremlin said"),
through the quote table, leaving out attributions of fewer than four words and those to a
pronoun or to no one in particular ("some called it ..."); its *actor* is the person or
institution it names most, first named first, leaving out the source. ``opens_with`` is the
source when there is one, else the actor: a report that opens on "Putin declined ..." opens on
Putin's act, not on anyone's account of it, even when its second sentence quotes someone.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from toolkit.compare import actors as actor_clusters
from toolkit.language.analysis import Analysis

LEAD_COLUMNS = ["outlet", "doc_id", "opens_with", "kind", "source", "verb", "actor", "lead"]
MIN_WORDS = 5
MIN_QUOTE_WORDS = 4  # "in what some called a 'Sputnik moment'" gives no one's account of the story
# speakers that are no one in particular, or a pronoun whose antecedent a lead has barely named
VAGUE_SPEAKERS = {"it", "he", "she", "they", "some", "many", "others", "several", "few", "one"}
_ACTOR_LABELS = ("PERSON", "ORG")


def leads(analysis: Analysis, by: str = "outlet", sentences: int = 2,
          actors: actor_clusters.Actors | None = None) -> pd.DataFrame:
    """One row per document: ``outlet, doc_id, opens_with, kind (source | actor | none),
    source, verb, actor, lead`` (the lead's text)."""
    actors = actor_clusters.cluster(analysis, by) if actors is None else actors
    sents = analysis.sentences[analysis.sentences["n_tokens"] >= MIN_WORDS]
    outlet_of = analysis.corpus.docs.set_index("doc_id")[by]
    lead_of = {d: g.sort_values("sent_id").head(sentences) for d, g in sents.groupby("doc_id", sort=False)}
    ids = {(d, s) for d, g in lead_of.items() for s in g["sent_id"]}
    in_lead = lambda t: t[np.array([(d, s) in ids for d, s in zip(t["doc_id"], t["sent_id"])], dtype=bool)]  # noqa: E731
    quotes = {k: g for k, g in in_lead(analysis.quotes).groupby(["doc_id", "sent_id"], sort=False)}
    ents = {k: g for k, g in in_lead(analysis.entities).groupby(["doc_id", "sent_id"], sort=False)}
    none_q, none_e = analysis.quotes.iloc[0:0], analysis.entities.iloc[0:0]
    rows = []
    for doc_id in analysis.corpus.docs["doc_id"]:
        lead = lead_of.get(doc_id, sents.iloc[0:0])
        if lead.empty:
            rows.append({by: outlet_of[doc_id], "doc_id": doc_id, "opens_with": None, "kind": "none", "source": None,
                         "verb": None, "actor": None, "lead": ""})
            continue
        opens = kind = source = verb = actor = None
        for sent_id in lead["sent_id"]:  # the first sentence that gives an account or names an actor decides
            source, verb = _source(quotes.get((doc_id, sent_id), none_q), actors, doc_id)
            actor = _actor(ents.get((doc_id, sent_id), none_e), actors, doc_id, source)
            if source or actor:
                opens, kind = (source, "source") if source else (actor, "actor")
                break
        kind = kind or "none"
        rows.append({by: outlet_of[doc_id], "doc_id": doc_id, "opens_with": opens, "kind": kind, "source": source,
                     "verb": verb, "actor": actor, "lead": " ".join(lead["text"])})
    return pd.DataFrame(rows, columns=[by if c == "outlet" else c for c in LEAD_COLUMNS])


def _source(quotes: pd.DataFrame, actors: actor_clusters.Actors, doc_id: str) -> tuple:
    """(speaker, verb) of a sentence's longest attribution of four words or more to someone in particular."""
    quotes = quotes[quotes["speaker"].notna()]
    quotes = quotes[(quotes["n_tokens"].fillna(0).astype(int) >= MIN_QUOTE_WORDS)
                    & ~quotes["speaker_text"].fillna("").str.lower().isin(VAGUE_SPEAKERS)]
    if quotes.empty:
        return None, None
    first = quotes.sort_values(["n_tokens", "start"], ascending=[False, True], kind="stable").iloc[0]
    return actors.name(first["speaker"], doc_id, first["start"]) or first["speaker"], first["verb"]


def _actor(ents: pd.DataFrame, actors: actor_clusters.Actors, doc_id: str, source) -> str | None:
    """The person or institution a sentence names most (first named first), other than the source."""
    named = [actors.name(n, doc_id, s) or n for n, s in zip(ents["name"], ents["start"])]
    kinds = [actors.labels.get(a, lab) for a, lab in zip(named, ents["label"])]
    counts = Counter(a for a, k in zip(named, kinds) if k in _ACTOR_LABELS and a != source)
    return max(counts, key=lambda a: (counts[a], -named.index(a))) if counts else None
