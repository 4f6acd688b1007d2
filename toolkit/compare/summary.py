"""One row per outlet that sums up how it framed the event, for the one-page summary figure."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from toolkit.compare import actors as actor_clusters
from toolkit.compare import claims, cues, entities, facts, leads, quotes, similarity, stance
from toolkit.language.analysis import Analysis

SUMMARY_COLUMNS = [
    "outlet", "label", "documents", "sentences", "tokens", "opens_with", "opens_kind", "top_quoted", "top_quoted_share",
    "top_quoted_quotes", "own_stance", "others_stance", "hedge_rate", "hedge_ci_low", "hedge_ci_high",
    "unique_share", "only_here", "closest", "closest_similarity", "cluster", "top_actors", "spin_score",
    "spin_flagged", "repairs", "disputed",
]


def framing_summary(
    analysis: Analysis,
    alignment: pd.DataFrame | None = None,
    compared: pd.DataFrame | None = None,
    matrix: pd.DataFrame | None = None,
    actors: actor_clusters.Actors | None = None,
    fact_table: pd.DataFrame | None = None,
    members: pd.DataFrame | None = None,
    lead_table: pd.DataFrame | None = None,
    stances: pd.DataFrame | None = None,
    nearest: pd.DataFrame | None = None,
    made: Mapping[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Per outlet: whose account its lead opens with; its most directly quoted voice (share of
    the outlet's directly quoted words, and its number of quotations); the stance it takes in
    its own voice and the stance it gives to others (cues by category); own-voice
    hedges per 1,000 tokens with interval; the share of its sentences no other outlet has and
    the facts only it carries; its closest other outlet and similarity cluster; its
    most-named people and institutions; its spin score and repairs; and its values for the
    quantities the outlets conflict on. Pass tables already computed to avoid computing them
    again: as arguments, or in ``made`` by their output names (``entity_counts``,
    ``quote_share``, ``cue_rates``, ``disagreements``, ``alignment_summary``).

    Closest outlet and cluster come from the document similarity ``matrix`` up to
    ``SUMMARY_DENSE_LIMIT`` documents (clusters: average linkage, ``similarity.clusters``);
    above, from the ``nearest`` neighbours (``similarity.outlet_similarity``; clusters: groups
    of copies of one story, ``similarity.copy_groups``), so that no N x N matrix is built."""
    corpus = analysis.corpus
    docs = corpus.docs.drop_duplicates("outlet")
    actors = actor_clusters.cluster(analysis) if actors is None else actors
    alignment = similarity.align_sentences(analysis) if alignment is None else alignment
    compared = claims.compare(analysis) if compared is None else compared
    if fact_table is None or members is None:
        fact_table, members = facts.facts(analysis, actors=actors)
    lead_table = leads.leads(analysis, actors=actors) if lead_table is None else lead_table
    stances = stance.stance_by_source(analysis, actors=actors) if stances is None else stances
    closest_outlet, cluster_of = _closest_and_clusters(corpus, matrix, nearest)
    made = made or {}

    def reuse(name: str, make):
        return made[name] if made.get(name) is not None else make()

    unique = reuse("alignment_summary", lambda: similarity.alignment_summary(alignment)).set_index("outlet")["unique_share"]
    counts = reuse("entity_counts", lambda: entities.counts(analysis, actors=actors))
    direct = reuse("quote_share", lambda: quotes.share(analysis, actors=actors))
    direct = direct[direct["kind"] == "direct"]
    if "hedge" in analysis.lexicon_categories:
        rates = made.get("cue_rates")
        rates = rates[(rates["voice"] == "own") & (rates["category"] == "hedge")] \
            if rates is not None and ((rates["voice"] == "own") & (rates["category"] == "hedge")).any() \
            else cues.rates(analysis, voice="own", categories=["hedge"])
        hedges = rates.set_index("outlet")
    else:
        hedges = pd.DataFrame()
    disputes = reuse("disagreements", lambda: claims.disagreements(compared) if len(compared)
                     else pd.DataFrame(columns=["slot", "disagree"]))
    disputed_slots = list(disputes.loc[disputes["disagree"], "slot"])
    single = fact_table[fact_table["outlets"] == 1]
    only = members[members["fact"].isin(single["fact"])].groupby("outlet").size()
    tokens = analysis.tokens_per("outlet")
    sentences = analysis.sentences.merge(corpus.docs[["doc_id", "outlet"]], on="doc_id").groupby("outlet").size()
    spin = analysis.spin if analysis.spin is not None else pd.DataFrame(columns=["outlet", "score", "flagged", "doc_id"])
    repairs = corpus.repairs.merge(corpus.docs[["doc_id", "outlet"]], on="doc_id").groupby("outlet").size() \
        if corpus.repairs is not None and len(corpus.repairs) else pd.Series(dtype=int)

    # every per-outlet value computed once over the whole table, then looked up: the summary
    # costs the same per outlet at 5 outlets and at 20,000
    n_docs = corpus.docs["outlet"].value_counts()
    label_of = docs.set_index("outlet")["label"]
    ranked = direct.sort_values(["tokens", "speaker"], ascending=[False, True], kind="stable")
    words = ranked.groupby("outlet", sort=False)["tokens"].sum()
    voiced = ranked[ranked["speaker"] != quotes.UNATTRIBUTED].drop_duplicates("outlet").set_index("outlet")  # words given to no one are no one's voice
    lead = lead_table.drop_duplicates("outlet").set_index("outlet")
    own_stance = _stance_strings(stances[stances["own_voice"]])
    others_stance = _stance_strings(stances[~stances["own_voice"]])
    named = counts[counts["label"].isin(["PERSON", "ORG"])].sort_values(["mentions", "actor"], ascending=[False, True], kind="stable")
    first_three = named[named.groupby("outlet", sort=False).cumcount() < 3]
    top_actors = first_three.groupby("outlet", sort=False)["actor"].agg(", ".join).to_dict()
    letters = pd.DataFrame({"outlet": corpus.docs["outlet"].to_numpy(),
                            "letter": cluster_of.reindex(corpus.docs["doc_id"]).to_numpy()}).dropna()
    cluster = letters.drop_duplicates().sort_values("letter", kind="stable").groupby("outlet", sort=False)["letter"] \
        .agg("".join).to_dict()
    spin_by = spin.groupby("outlet", sort=False).agg(score=("score", "max"), flagged=("flagged", "any")) \
        if "outlet" in spin and len(spin) else pd.DataFrame(columns=["score", "flagged"])
    disputed = _disputed_values(compared[compared["slot"].isin(disputed_slots)])
    # plain dicts for the per-outlet look-ups
    lead_of = lead[["opens_with", "kind"]].to_dict("index")
    voice_of = voiced[["speaker", "tokens", "quotes"]].to_dict("index")
    spin_of = spin_by[["score", "flagged"]].to_dict("index")
    n_docs, sentences, tokens, words, unique, only, repairs = (
        series.to_dict() for series in (n_docs, sentences, tokens, words, unique, only, repairs))
    hedge_of = hedges[["per_1000_tokens", "ci_low", "ci_high"]].to_dict("index") if len(hedges) else {}
    label_of = label_of.to_dict()

    rows = []
    for outlet, label in zip(docs["outlet"], docs["label"]):
        closest, closest_similarity = closest_outlet.get(outlet, (None, None))
        opening, voice, hedge = lead_of.get(outlet), voice_of.get(outlet), hedge_of.get(outlet, {})
        total = words.get(outlet, 0)
        rows.append(
            {
                "outlet": outlet, "label": label, "documents": int(n_docs.get(outlet, 0)),
                "sentences": int(sentences.get(outlet, 0)),
                "tokens": int(tokens.get(outlet, 0)),
                "opens_with": opening["opens_with"] if opening else None,
                "opens_kind": opening["kind"] if opening else "none",
                "top_quoted": voice["speaker"] if voice else None,
                "top_quoted_share": round(float(voice["tokens"] / total), 3) if voice and total else None,
                "top_quoted_quotes": int(voice["quotes"]) if voice else 0,
                "own_stance": own_stance.get(outlet, ""),
                "others_stance": others_stance.get(outlet, ""),
                "hedge_rate": hedge.get("per_1000_tokens") if len(hedges) else None,
                "hedge_ci_low": hedge.get("ci_low") if len(hedges) else None,
                "hedge_ci_high": hedge.get("ci_high") if len(hedges) else None,
                "unique_share": float(unique.get(outlet, float("nan"))),
                "only_here": int(only.get(outlet, 0)),
                "closest": label_of.get(closest) if closest is not None else None,
                "closest_similarity": round(float(closest_similarity), 3) if closest is not None else None,
                "cluster": cluster.get(outlet, ""),
                "top_actors": top_actors.get(outlet, ""),
                "spin_score": float(spin_of[outlet]["score"]) if outlet in spin_of else 0.0,
                "spin_flagged": bool(spin_of[outlet]["flagged"]) if outlet in spin_of else False,
                "repairs": int(repairs.get(outlet, 0)),
                "disputed": disputed.get(outlet, ""),
            }
        )
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def _disputed_values(values: pd.DataFrame) -> dict:
    """Outlet -> "slot: value, value; slot: value": each outlet's values for the disputed
    quantities, slots and values in table order, each value once, in one pass."""
    by_outlet: dict = {}
    for row in values.to_dict("records"):
        by_outlet.setdefault(row["outlet"], {}).setdefault(row["slot"], {})[claims.describe(row)] = None
    return {outlet: "; ".join(f"{slot}: {', '.join(seen)}" for slot, seen in slots.items())
            for outlet, slots in by_outlet.items()}


SUMMARY_DENSE_LIMIT = 2000


def _closest_and_clusters(corpus, matrix: pd.DataFrame | None, nearest: pd.DataFrame | None) -> tuple[dict, pd.Series]:
    """``({outlet: (closest outlet, similarity)}, cluster letter per document)``."""
    docs = corpus.docs
    if matrix is None and len(docs) <= SUMMARY_DENSE_LIMIT:
        matrix = similarity.doc_similarity(corpus)
    if matrix is not None:
        outlet_of = docs.set_index("doc_id")["outlet"]
        by_outlet = matrix.groupby(outlet_of).max().T.groupby(outlet_of).max()  # outlet x outlet, best document pair
        closest = {}
        for outlet in by_outlet.index:
            others = by_outlet.loc[outlet].drop(outlet, errors="ignore")
            if len(others) and others.max() > 0:
                closest[outlet] = (others.idxmax(), float(others.max()))
        return closest, similarity.clusters(matrix)
    if nearest is None:
        nearest = similarity.nearest(corpus, k=min(10, max(1, len(docs) - 1)), progress=False)
    pairs = similarity.outlet_similarity(nearest, docs)
    best = pairs.drop_duplicates("outlet")  # sorted best first within an outlet
    closest = {o: (other, float(sim)) for o, other, sim in zip(best["outlet"], best["other"], best["similarity"]) if sim > 0}
    groups = similarity.copy_groups(nearest, docs["doc_id"])
    sizes = groups.value_counts()
    rank = {g: n for n, g in enumerate(sorted(sizes.index, key=lambda g: (-sizes[g], g)))}
    letters = groups.map(lambda g: _letters(rank[g]))
    return closest, letters


def _letters(n: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: a name for the n-th cluster however many there are."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("A") + r) + out
    return out


def _stance_strings(stances: pd.DataFrame) -> pd.Series:
    """Per outlet, cues per stance category, most first: "optimism 3, refusal 1"."""
    if not len(stances):
        return pd.Series(dtype=object)
    totals = stances.groupby(["outlet", "category"], sort=False)["cues"].sum().reset_index()
    totals = totals.sort_values("cues", ascending=False, kind="stable")
    return totals.groupby("outlet", sort=False).apply(
        lambda t: ", ".join(f"{c} {n}" for c, n in zip(t["category"], t["cues"])), include_groups=False)
