"""One row per outlet that sums up how it framed the event, for the one-page summary figure."""

from __future__ import annotations

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
) -> pd.DataFrame:
    """Per outlet: whose account its lead opens with; its most directly quoted voice (share of
    the outlet's directly quoted words, and its number of quotations); the stance it takes in
    its own voice and the stance it gives to others (cues by category); own-voice
    hedges per 1,000 tokens with interval; the share of its sentences no other outlet has and
    the facts only it carries; its closest other outlet and similarity cluster; its
    most-named people and institutions; its spin score and repairs; and its values for the
    quantities the outlets conflict on. Pass tables already computed to avoid computing them
    again."""
    corpus = analysis.corpus
    docs = corpus.docs.drop_duplicates("outlet")
    actors = actor_clusters.cluster(analysis) if actors is None else actors
    alignment = similarity.align_sentences(analysis) if alignment is None else alignment
    compared = claims.compare(analysis) if compared is None else compared
    if fact_table is None or members is None:
        fact_table, members = facts.facts(analysis, actors=actors)
    lead_table = leads.leads(analysis, actors=actors) if lead_table is None else lead_table
    stances = stance.stance_by_source(analysis, actors=actors) if stances is None else stances
    matrix = similarity.doc_similarity(corpus) if matrix is None else matrix
    cluster_of = similarity.clusters(matrix)
    outlet_of = corpus.docs.set_index("doc_id")["outlet"]
    by_outlet = matrix.groupby(outlet_of).max().T.groupby(outlet_of).max()  # outlet x outlet, best document pair
    unique = similarity.alignment_summary(alignment).set_index("outlet")["unique_share"]
    counts = entities.counts(analysis, actors=actors)
    direct = quotes.share(analysis, actors=actors)
    direct = direct[direct["kind"] == "direct"]
    hedges = cues.rates(analysis, voice="own", categories=["hedge"]).set_index("outlet") \
        if "hedge" in analysis.lexicon_categories else pd.DataFrame()
    disputes = claims.disagreements(compared) if len(compared) else pd.DataFrame(columns=["slot", "disagree"])
    disputed_slots = list(disputes.loc[disputes["disagree"], "slot"])
    single = fact_table[fact_table["outlets"] == 1]
    only = members[members["fact"].isin(single["fact"])].groupby("outlet").size()
    tokens = analysis.tokens_per("outlet")
    sentences = analysis.sentences.merge(corpus.docs[["doc_id", "outlet"]], on="doc_id").groupby("outlet").size()
    spin = analysis.spin if analysis.spin is not None else pd.DataFrame(columns=["outlet", "score", "flagged", "doc_id"])
    repairs = corpus.repairs.merge(corpus.docs[["doc_id", "outlet"]], on="doc_id").groupby("outlet").size() \
        if corpus.repairs is not None and len(corpus.repairs) else pd.Series(dtype=int)

    rows = []
    for outlet, label in zip(docs["outlet"], docs["label"]):
        others = by_outlet.loc[outlet].drop(outlet, errors="ignore") if outlet in by_outlet.index else pd.Series(dtype=float)
        closest = others.idxmax() if len(others) and others.max() > 0 else None
        mine = direct[direct["outlet"] == outlet].sort_values(["tokens", "speaker"], ascending=[False, True], kind="stable")
        words = mine["tokens"].sum()
        mine = mine[mine["speaker"] != quotes.UNATTRIBUTED]  # words given to no one are no one's voice
        lead = lead_table[lead_table["outlet"] == outlet].head(1)
        own = stances[(stances["outlet"] == outlet) & stances["own_voice"]]
        named = counts[(counts["outlet"] == outlet) & counts["label"].isin(["PERSON", "ORG"])] \
            .sort_values(["mentions", "actor"], ascending=[False, True], kind="stable")
        given = stances[(stances["outlet"] == outlet) & ~stances["own_voice"]]
        values = compared[(compared["outlet"] == outlet) & compared["slot"].isin(disputed_slots)]
        spin_mine = spin[spin["outlet"] == outlet] if "outlet" in spin else spin.iloc[0:0]
        rows.append(
            {
                "outlet": outlet, "label": label, "documents": int((corpus.docs["outlet"] == outlet).sum()),
                "sentences": int(sentences.get(outlet, 0)),
                "tokens": int(tokens.get(outlet, 0)),
                "opens_with": lead["opens_with"].iloc[0] if len(lead) else None,
                "opens_kind": lead["kind"].iloc[0] if len(lead) else "none",
                "top_quoted": mine["speaker"].iloc[0] if len(mine) else None,
                "top_quoted_share": round(float(mine["tokens"].iloc[0] / words), 3) if len(mine) and words else None,
                "top_quoted_quotes": int(mine["quotes"].iloc[0]) if len(mine) else 0,
                "own_stance": _by_category(own),
                "others_stance": _by_category(given),
                "hedge_rate": hedges["per_1000_tokens"].get(outlet) if len(hedges) else None,
                "hedge_ci_low": hedges["ci_low"].get(outlet) if len(hedges) else None,
                "hedge_ci_high": hedges["ci_high"].get(outlet) if len(hedges) else None,
                "unique_share": float(unique.get(outlet, float("nan"))),
                "only_here": int(only.get(outlet, 0)),
                "closest": docs.set_index("outlet")["label"].get(closest) if closest is not None else None,
                "closest_similarity": round(float(others.max()), 3) if closest is not None else None,
                "cluster": "".join(sorted(set(cluster_of[corpus.docs.loc[corpus.docs["outlet"] == outlet, "doc_id"]]))),
                "top_actors": ", ".join(named["actor"].head(3)),
                "spin_score": float(spin_mine["score"].max()) if len(spin_mine) else 0.0,
                "spin_flagged": bool(spin_mine["flagged"].any()) if len(spin_mine) else False,
                "repairs": int(repairs.get(outlet, 0)),
                "disputed": "; ".join(
                    f"{slot}: {', '.join(dict.fromkeys(claims.describe(r) for _, r in g.iterrows()))}"
                    for slot, g in values.groupby("slot", sort=False)
                ),
            }
        )
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def _by_category(stances: pd.DataFrame) -> str:
    """Cues per stance category, most first: "optimism 3, refusal 1"."""
    totals = stances.groupby("category", sort=False)["cues"].sum().sort_values(ascending=False, kind="stable")
    return ", ".join(f"{c} {n}" for c, n in totals.items())
