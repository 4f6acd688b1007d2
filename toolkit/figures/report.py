"""The standard figures of a framing analysis, each with a title that states its finding.

Notebooks and the command line draw the same figures from these functions, for any corpus:
each ``*_figure`` takes an Analysis (or Corpus) and returns a matplotlib Figure; the tables
behind them come from ``toolkit.compare``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from toolkit.compare import actors as actor_clusters
from toolkit.compare import cues, entities, phrases, quotes, similarity
from toolkit.corpus.load import Corpus
from toolkit.errors import NotApplicable
from toolkit.figures import plots
from toolkit.language.analysis import Analysis

CUE_CATEGORIES = ("hedge", "approximator", "booster", "delay", "skepticism", "optimism", "refusal")


def _labels(corpus: Corpus, by: str = "outlet") -> pd.Series:
    """Display label per outlet (the first document's label)."""
    return corpus.docs.drop_duplicates(by).set_index(by)["label"]


def _q(text) -> str:
    return f"\u201c{text}\u201d"


# -- who is named --------------------------------------------------------------------------


def _top_grid(table: pd.DataFrame, row: str, value: str, weight: str, top: int, corpus: Corpus,
              pool: pd.DataFrame | None = None) -> pd.DataFrame:
    """``value`` as a ``row`` x outlet-label grid for the ``top`` rows with most ``weight``
    (counted over ``pool``, default the whole table), heaviest first, outlets in corpus order."""
    pool = table if pool is None else pool
    order = pool.groupby(row)[weight].sum().sort_values(ascending=False, kind="stable").head(top).index
    labels = _labels(corpus)
    return (
        table[table[row].isin(order)]
        .pivot_table(index=row, columns="outlet", values=value)
        .reindex(index=order, columns=labels.index)
        .rename(columns=labels)
    )


def actor_rates(analysis: Analysis, top: int = 14, actors: actor_clusters.Actors | None = None) -> pd.DataFrame:
    """Mentions per 1,000 tokens of the most-mentioned actors (known ones first), actor x outlet label."""
    counts = entities.counts(analysis, actors=actors)
    pool = counts[counts["known"]] if counts["known"].any() else counts
    return _top_grid(counts, "actor", "per_1000_tokens", "mentions", top, analysis.corpus, pool)


def actor_mentions_figure(analysis: Analysis, top: int = 14, actors: actor_clusters.Actors | None = None) -> Figure:
    actors = actor_clusters.cluster(analysis) if actors is None else actors
    rates = actor_rates(analysis, top, actors)
    if rates.empty:
        raise NotApplicable("no report names a person, organisation or place")
    kinds = entities.counts(analysis, actors=actors).drop_duplicates("actor").set_index("actor")["label"]
    spread = rates[kinds.reindex(rates.index).isin(["PERSON", "ORG"])].dropna(thresh=min(3, rates.shape[1]))
    title = "Who each report names, per 1,000 tokens"
    if len(spread) and rates.shape[1] > 1:
        uneven = (spread.max(axis=1) / spread.min(axis=1)).idxmax()
        hi, lo = spread.loc[uneven].idxmax(), spread.loc[uneven].idxmin()
        if hi != lo:
            title = (f"{uneven}: {spread.loc[uneven, hi]:.1f} mentions per 1,000 tokens in {_q(hi)}, "
                     f"only {spread.loc[uneven, lo]:.1f} in {_q(lo)}")
    return plots.heatmap(rates, title=title, colorbar_label="mentions per 1,000 tokens",
                         note=f"The {len(rates)} most-mentioned actors (known actors first); blank = not named.")


# -- who is quoted -------------------------------------------------------------------------


def voice_shares(analysis: Analysis, top: int = 12, actors: actor_clusters.Actors | None = None) -> pd.DataFrame:
    """Each speaker's percentage of a report's quoted and reported words, speaker x outlet label."""
    share = quotes.share(analysis, actors=actors)
    both = share.groupby(["outlet", "speaker"], sort=False)["tokens"].sum().reset_index()
    both["share"] = 100 * both["tokens"] / both.groupby("outlet")["tokens"].transform("sum")
    return _top_grid(both, "speaker", "share", "tokens", top, analysis.corpus)


def quoted_voices_figure(analysis: Analysis, top: int = 12, actors: actor_clusters.Actors | None = None) -> Figure:
    voices = voice_shares(analysis, top, actors)
    if not voices.notna().any().any():
        raise NotApplicable("no report quotes anyone or reports their words")
    title = "Whose words each report carries"
    if voices.notna().any().any():
        lead = voices.dropna(axis=1, how="all").idxmax(axis=0)
        common = lead.value_counts().index[0]
        title = f"{common} is the most-quoted voice in {(lead == common).sum()} of {voices.shape[1]} reports"
    return plots.heatmap(voices, title=title, colorbar_label="% of the report's quoted and reported words",
                         value_format="{:.0f}", cmap="Purples",
                         note=f"Direct and reported speech; the {len(voices)} speakers with the most quoted words.")


def verb_grid(analysis: Analysis, top: int = 14) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(uses of the most common reporting verbs per report, marked-verb summary per report)."""
    verbs = quotes.verb_profile(analysis)
    labels = _labels(analysis.corpus)
    marked = verbs[verbs["verb_class"] == "marked"].groupby("outlet")["uses"].sum()
    total = verbs.groupby("outlet")["uses"].sum()
    summary = pd.DataFrame({"attributions": total, "marked": marked}).reindex(labels.index).fillna(0).astype(int)
    summary["marked %"] = (100 * summary["marked"] / summary["attributions"].where(summary["attributions"] > 0)).round(1)
    order = verbs.groupby(["verb", "verb_class"])["uses"].sum().sort_values(ascending=False, kind="stable").head(top)
    grid = (
        verbs.pivot_table(index=["verb", "verb_class"], columns="outlet", values="uses")
        .reindex(index=order.index, columns=labels.index)
        .rename(columns=labels)
    )
    grid.index = [f"{verb} ({kind})" for verb, kind in grid.index]
    return grid, summary.rename(index=labels)


def reporting_verbs_figure(analysis: Analysis, top: int = 14) -> Figure:
    grid, summary = verb_grid(analysis, top)
    if grid.empty:
        raise NotApplicable("no report introduces speech with a reporting verb")
    title = "How each report introduces speech"
    if summary["marked %"].notna().any():
        most = summary["marked %"].idxmax()
        title = f"{_q(most)} introduces {summary.loc[most, 'marked %']:.0f}% of its quotes with marked verbs, the most of any report"
    return plots.heatmap(grid, title=title, colorbar_label="uses", value_format="{:.0f}", cmap="Oranges",
                         note=f"The {len(grid)} most-used reporting verbs; blank = not used. "
                         "Classes from toolkit/data/reporting_verbs.csv.")


# -- frame phrases -------------------------------------------------------------------------


def phrase_figure(uses: pd.DataFrame, corpus: Corpus, top: int = 12, most_outlets: int = 30) -> Figure:
    """Which outlets use each shared phrase, and how: in their own voice (plain or in scare
    quotes), quoted or attributed (``uses``: ``phrases.phrase_uses``)."""
    if uses.empty:
        raise NotApplicable("no multi-word phrase is used by two independent reports")
    summary = phrases.phrase_summary(uses).head(top)
    rows = list(summary["phrase"])
    shown = dict(zip(summary["phrase"], summary["as_written"]))
    size = uses[uses["phrase"].isin(rows)].groupby("outlet").size()
    order = [o for o in corpus.docs["outlet"].drop_duplicates() if o in size.index]
    columns = sorted(order, key=lambda o: -size[o])[:most_outlets]
    columns = [o for o in order if o in columns]
    use = np.where(uses["voice"] == "authorial", np.where(uses["scare_quotes"], "scare quotes", "own voice"), uses["voice"])
    grid = pd.DataFrame({"row": uses["phrase"], "column": uses["outlet"], "use": use}).drop_duplicates()
    first = summary.iloc[0]
    mine = uses[uses["phrase"] == first["phrase"]]
    own = mine[(mine["voice"] == "authorial") & ~mine["scare_quotes"]]["outlet"].nunique()
    scare = mine[mine["scare_quotes"]]["outlet"].nunique()
    given = mine[mine["voice"] != "authorial"]["outlet"].nunique()
    parts = [f"{n} {what}" for n, what in ((own, "in their own words"), (scare, "in scare quotes"),
                                           (given, "give it to a source")) if n]
    title = f"{_q(first['as_written'])} appears in {first['outlets']} outlets: " + ", ".join(parts)
    left_out = len(order) - len(columns)
    note = ("Phrases two or more independent reports share (copies of one story count once); own voice = the "
            "report's words, scare quotes = in quote marks but given to no one, quoted = inside a direct "
            "quotation, attributed = inside reported speech.")
    if left_out:
        note += f" {left_out} outlets with fewer uses are left out; every use is in phrases.csv."
    labels = _labels(corpus)
    grid["row"] = grid["row"].map(shown)
    return plots.use_matrix(grid, [shown[r] for r in rows], columns, [str(labels.get(c, c)) for c in columns],
                            title=title, note=note)


# -- stance --------------------------------------------------------------------------------


def cue_rate_table(analysis: Analysis, categories=CUE_CATEGORIES) -> pd.DataFrame:
    """Cue rates per outlet and category, in the reporter's own voice and in others'."""
    present = [c for c in categories if c in analysis.lexicon_categories]
    return pd.concat(
        [cues.rates(analysis, voice=v, categories=present) for v in ("authorial", "quoted+attributed")],
        ignore_index=True,
    )


def cue_rates_figure(analysis: Analysis, focus: str = "delay", categories=CUE_CATEGORIES) -> Figure:
    table = cue_rate_table(analysis, categories)
    part = table[table["category"] == focus]
    by_voice = part.groupby("voice")["cues"].sum()
    with_focus = part[part["cues"] > 0]["outlet"].nunique()
    n = analysis.corpus.docs["outlet"].nunique()
    if with_focus == 0:
        title = f"No report uses the {focus} frame"
    elif by_voice.get("authorial", 0) == 0:
        title = f"The {focus} frame appears in {with_focus} of {n} reports, always in others' words, never in the reporter's own"
    elif by_voice.get("quoted+attributed", 0) == 0:
        title = f"The {focus} frame appears in {with_focus} of {n} reports, always in the reporter's own words"
    else:
        title = f"The {focus} frame appears in {with_focus} of {n} reports"
    return plots.rate_intervals(table, labels=_labels(analysis.corpus), title=title,
                                note="Cues per 1,000 tokens; lexicons and sources in toolkit/data/lexicons/. "
                                "Quoted = inside a direct quotation; attributed = inside reported speech.")


# -- reuse and spin ------------------------------------------------------------------------


def similarity_figure(corpus: Corpus, matrix: pd.DataFrame | None = None, most: int = 40) -> Figure:
    """The document-by-document similarity heatmap (``matrix``: ``similarity.doc_similarity``,
    computed when not given), for at most ``most`` documents."""
    if len(corpus.docs) > most:
        raise NotApplicable(f"a heatmap of {len(corpus.docs):,} documents is unreadable (at most {most}); see similarity.csv")
    if len(corpus.docs) < 2:
        raise NotApplicable("one document: there is nothing to compare it with")
    matrix = similarity.doc_similarity(corpus) if matrix is None else matrix
    order = similarity.cluster_order(matrix)
    labels = corpus.docs.set_index("doc_id")["label"]
    ordered = matrix.loc[order, order].rename(index=labels, columns=labels)
    title = "How alike the reports are"
    if len(ordered) > 1:
        values = matrix.loc[order, order].to_numpy(copy=True)
        for i in range(len(values)):
            values[i, : i + 1] = -1
        i, j = divmod(int(values.argmax()), len(values))
        title = f"{_q(ordered.index[i])} and {_q(ordered.columns[j])} are the most alike pair of reports (cosine {values[i, j]:.2f})"
    return plots.heatmap(ordered, title=title, colorbar_label="TF-IDF cosine similarity", value_format="{:.2f}",
                         cmap="Greens", note="Rows and columns ordered by average-linkage clustering; 1.00 on the diagonal.")


def alignment_figure(alignment: pd.DataFrame, corpus: Corpus) -> Figure:
    if corpus.docs["outlet"].nunique() < 2:
        raise NotApplicable("one outlet: no other outlet to share sentences with")
    summary = similarity.alignment_summary(alignment).set_index("outlet")
    labels = _labels(corpus)
    shares = summary[list(similarity.STATUSES)].div(summary["sentences"], axis=0).rename(index=labels)
    most = summary["unique_share"].idxmax()
    return plots.stacked_shares(
        shares, colors=plots.STATUS_COLORS,
        title=f"{_q(labels[most])} carries the most content no other report has: "
        f"{summary.loc[most, 'unique_share']:.0%} of its sentences",
        note="Shared: cosine >= 0.75 with a sentence of another report; paraphrased: >= 0.35; unique: below.",
    )


def distinctive_terms_figure(analysis: Analysis, top: int = 8) -> Figure:
    terms = similarity.distinctive_terms(analysis, lemmatize=True, top=top)
    if terms.empty:
        raise NotApplicable("no report uses any content word at least twice")
    return plots.term_panels(terms, labels=_labels(analysis.corpus), top=top,
                             title="Words each report uses more than the others",
                             note="Lemmas of content words used at least twice by the report; "
                             "z = log-odds ratio with an informative Dirichlet prior / its standard deviation.")


def spin_figure(report: pd.DataFrame, corpus: Corpus, threshold: float = 4.0) -> Figure:
    labels = _labels(corpus)
    scores = report.set_index("outlet")["score"].groupby(level=0, sort=False).max().rename(index=labels)
    flags = report.set_index("outlet")["flagged"].groupby(level=0, sort=False).any().rename(index=labels)
    spun = list(flags[flags].index)
    title = (f"{len(spun)} of {len(flags)} reports read as machine-spun: " + ", ".join(_q(s) for s in spun)
             if spun else f"None of the {len(flags)} reports reads as machine-spun")
    return plots.score_bars(scores, threshold=threshold, flagged=flags, title=title,
                            xlabel="spin score (weighted triggers per 1,000 words)",
                            note="Signals: spinner braces (x3), a/an disagreement (x2), "
                            "broken collocations of the other reports, known substitutions.")



def summary_figure(summary: pd.DataFrame, disputes: pd.DataFrame) -> Figure:
    """The one-page framing summary, titled with what most distinguishes the reports."""
    parts = []
    spun = summary[summary["spin_flagged"]]["label"].tolist()
    if spun:
        parts.append(f"{', '.join(_q(s) for s in spun)} {'is' if len(spun) == 1 else 'are'} machine-spun")
    disputed = disputes[disputes["disagree"]]["slot"].tolist() if len(disputes) else []
    if disputed:
        parts.append(f"the reports disagree on {' and '.join(disputed)}")
    own, others = summary["delay_own"].sum(), summary["delay_others"].sum()
    if others and not own:
        parts.append("talk of delay comes only from sources, never the reporters")
    title = "; ".join(parts) if parts else "How each report framed the event"
    title = title[:1].upper() + title[1:]
    return plots.summary_page(
        summary, title=title,
        note="Per report: similarity cluster (average linkage, reports above 0.2 cosine together) and closest other report by TF-IDF cosine; share of sentences no other report carries "
        "(character n-gram alignment); most-mentioned people and institutions; the speaker with most quoted words; "
        "own-voice hedges per 1,000 tokens with a 95% bootstrap interval; delay cues in the reporter's own words / "
        "in quotes or reported speech; spin score (flagged at 4); claims in slots where reports disagree.",
    )
