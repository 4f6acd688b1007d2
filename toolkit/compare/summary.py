"""One row per outlet that sums up how it framed the event, for the one-page summary figure."""

from __future__ import annotations

import pandas as pd

from toolkit.compare import actors as actor_clusters
from toolkit.compare import claims, cues, entities, quotes, similarity
from toolkit.corpus import quality
from toolkit.language.analysis import Analysis

SUMMARY_COLUMNS = [
    "outlet", "label", "documents", "tokens", "cluster", "closest", "closest_similarity", "unique_share",
    "top_actors", "top_voice", "top_voice_share", "hedge_rate", "hedge_ci_low", "hedge_ci_high",
    "delay_own", "delay_others", "spin_score", "spin_flagged", "disputed",
]


def framing_summary(
    analysis: Analysis,
    spin: pd.DataFrame | None = None,
    alignment: pd.DataFrame | None = None,
    compared: pd.DataFrame | None = None,
    matrix: pd.DataFrame | None = None,
    actors: actor_clusters.Actors | None = None,
) -> pd.DataFrame:
    """Per outlet: its similarity cluster (``similarity.clusters``) and closest other outlet, share of unique sentences, most-named people and institutions, most
    quoted voice, own-voice hedge rate with interval, delay cues in its own and others' voices,
    spin score, and its values for the facts the outlets disagree on. Pass tables already
    computed (spin report, sentence alignment, claim comparison, document similarity matrix,
    actor clusters) to avoid computing them again."""
    corpus = analysis.corpus
    docs = corpus.docs.drop_duplicates("outlet")
    spin = quality.spin_report(corpus) if spin is None else spin
    alignment = similarity.align_sentences(analysis) if alignment is None else alignment
    compared = claims.compare(analysis) if compared is None else compared

    matrix = similarity.doc_similarity(corpus) if matrix is None else matrix
    cluster_of = similarity.clusters(matrix)
    outlet_of = corpus.docs.set_index("doc_id")["outlet"]
    by_outlet = matrix.groupby(outlet_of).max().T.groupby(outlet_of).max()  # outlet x outlet, best document pair
    unique = similarity.alignment_summary(alignment).set_index("outlet")["unique_share"]
    actors = actor_clusters.cluster(analysis) if actors is None else actors
    counts = entities.counts(analysis, actors=actors)
    voices = quotes.share(analysis, actors=actors).groupby(["outlet", "speaker"], sort=False)["tokens"].sum().reset_index()
    hedges = cues.rates(analysis, voice="authorial", categories=["hedge"]).set_index("outlet") \
        if "hedge" in analysis.lexicon_categories else pd.DataFrame()
    delay = analysis.cues[analysis.cues["category"] == "delay"].merge(corpus.docs[["doc_id", "outlet"]], on="doc_id")
    disputed_slots = set(claims.disagreements(compared).query("disagree")["slot"]) if len(compared) else set()
    tokens = analysis.tokens_per("outlet")

    rows = []
    for outlet, label in zip(docs["outlet"], docs["label"]):
        others = by_outlet.loc[outlet].drop(outlet, errors="ignore") if outlet in by_outlet.index else pd.Series(dtype=float)
        closest = others.idxmax() if len(others) else None
        mine = voices[voices["outlet"] == outlet]
        top_voice = mine.sort_values("tokens", ascending=False, kind="stable").head(1)
        actors = counts[(counts["outlet"] == outlet) & counts["label"].isin(["PERSON", "ORG"])].sort_values(["mentions", "actor"], ascending=[False, True], kind="stable")
        own_delay = delay[(delay["outlet"] == outlet) & (delay["voice"] == "authorial")]
        facts = compared[(compared["outlet"] == outlet) & compared["slot"].isin(disputed_slots)]
        rows.append(
            {
                "outlet": outlet, "label": label, "documents": int((corpus.docs["outlet"] == outlet).sum()),
                "tokens": int(tokens.get(outlet, 0)),
                "cluster": "".join(sorted(set(cluster_of[corpus.docs.loc[corpus.docs["outlet"] == outlet, "doc_id"]]))),
                "closest": docs.set_index("outlet")["label"].get(closest) if closest is not None else None,
                "closest_similarity": round(float(others.max()), 3) if len(others) else None,
                "unique_share": float(unique.get(outlet, float("nan"))),
                "top_actors": ", ".join(actors["actor"].head(3)),
                "top_voice": top_voice["speaker"].iloc[0] if len(top_voice) else None,
                "top_voice_share": round(float(top_voice["tokens"].iloc[0] / mine["tokens"].sum()), 3) if len(top_voice) else None,
                "hedge_rate": hedges["per_1000_tokens"].get(outlet) if len(hedges) else None,
                "hedge_ci_low": hedges["ci_low"].get(outlet) if len(hedges) else None,
                "hedge_ci_high": hedges["ci_high"].get(outlet) if len(hedges) else None,
                "delay_own": len(own_delay), "delay_others": int((delay["outlet"] == outlet).sum() - len(own_delay)),
                "spin_score": float(spin[spin["outlet"] == outlet]["score"].max()),
                "spin_flagged": bool(spin[spin["outlet"] == outlet]["flagged"].any()),
                "disputed": "; ".join(
                    f"{slot}: {', '.join(dict.fromkeys(claims.describe(r) for _, r in g.iterrows()))}"
                    for slot, g in facts.groupby("slot", sort=False)
                ),
            }
        )
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
