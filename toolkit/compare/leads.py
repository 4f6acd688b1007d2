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

from collections import Counter, defaultdict

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
    sents = lead_sentences(analysis, sentences)
    outlet_of = analysis.corpus.docs.set_index("doc_id")[by]
    lead_of: dict[str, list] = defaultdict(list)
    for doc_id, sent_id, text in zip(sents["doc_id"], sents["sent_id"].tolist(), sents["text"]):
        lead_of[doc_id].append((sent_id, text))
    keys = pd.MultiIndex.from_arrays([sents["doc_id"], sents["sent_id"]])

    def by_sentence(table: pd.DataFrame, columns: list[str]) -> dict[tuple, list[dict]]:
        """The rows of a table in lead sentences, as records grouped by sentence (no frame per document)."""
        inside = table[pd.MultiIndex.from_arrays([table["doc_id"], table["sent_id"]]).isin(keys)]
        out: dict[tuple, list[dict]] = defaultdict(list)
        for record in inside[["doc_id", "sent_id", *columns]].to_dict("records"):
            out[(record["doc_id"], record["sent_id"])].append(record)
        return out

    quotes = by_sentence(analysis.quotes, ["speaker", "speaker_text", "n_tokens", "start", "verb"])
    ents = by_sentence(analysis.entities, ["name", "label", "start"])
    rows = []
    for doc_id in analysis.corpus.docs["doc_id"]:
        lead = lead_of.get(doc_id, [])
        if not lead:
            rows.append({by: outlet_of[doc_id], "doc_id": doc_id, "opens_with": None, "kind": "none", "source": None,
                         "verb": None, "actor": None, "lead": ""})
            continue
        opens = kind = source = verb = actor = None
        for sent_id, _ in lead:  # the first sentence that gives an account or names an actor decides
            source, verb = _source(quotes.get((doc_id, sent_id), []), actors, doc_id)
            actor = _actor(ents.get((doc_id, sent_id), []), actors, doc_id, source)
            if source or actor:
                opens, kind = (source, "source") if source else (actor, "actor")
                break
        kind = kind or "none"
        rows.append({by: outlet_of[doc_id], "doc_id": doc_id, "opens_with": opens, "kind": kind, "source": source,
                     "verb": verb, "actor": actor, "lead": " ".join(text for _, text in lead)})
    return pd.DataFrame(rows, columns=[by if c == "outlet" else c for c in LEAD_COLUMNS])


def lead_sentences(analysis: Analysis, sentences: int = 2) -> pd.DataFrame:
    """The rows of ``analysis.sentences`` that make each report's lead: its first ``sentences``
    sentences of ``MIN_WORDS`` words or more."""
    sents = analysis.sentences[analysis.sentences["n_tokens"] >= MIN_WORDS].sort_values("sent_id", kind="stable")
    return sents[sents.groupby("doc_id", sort=False).cumcount() < sentences].sort_values(["doc_id", "sent_id"])


def _source(quotes: list[dict], actors: actor_clusters.Actors, doc_id: str) -> tuple:
    """(speaker, verb) of a sentence's longest attribution of four words or more to someone in particular."""
    fit = [q for q in quotes if isinstance(q["speaker"], str)
           and (0 if pd.isna(q["n_tokens"]) else int(q["n_tokens"])) >= MIN_QUOTE_WORDS
           and (q["speaker_text"] if isinstance(q["speaker_text"], str) else "").lower() not in VAGUE_SPEAKERS]
    if not fit:
        return None, None
    first = min(fit, key=lambda q: (-int(q["n_tokens"]), q["start"]))  # min keeps the first of equals
    return actors.name(first["speaker"], doc_id, first["start"]) or first["speaker"], first["verb"]


def _actor(ents: list[dict], actors: actor_clusters.Actors, doc_id: str, source) -> str | None:
    """The person or institution a sentence names most (first named first), other than the source."""
    named = [actors.name(e["name"], doc_id, e["start"]) or e["name"] for e in ents]
    kinds = [actors.labels.get(a, e["label"]) for a, e in zip(named, ents)]
    counts = Counter(a for a, k in zip(named, kinds) if k in _ACTOR_LABELS and a != source)
    return max(counts, key=lambda a: (counts[a], -named.index(a))) if counts else None
