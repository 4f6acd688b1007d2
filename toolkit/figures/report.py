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
STANCE_FOCUS = ("delay", "skepticism", "optimism", "refusal")  # categories a cue-rate title may be about


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
    counts = entities.counts(analysis, actors=actors)
    title = most_named_title(counts, analysis.corpus)
    return plots.heatmap(rates, title=title, colorbar_label="mentions per 1,000 tokens",
                         note=f"The {len(rates)} most-mentioned actors (known actors first); blank = not named. "
                         "Mentions of one actor under different spellings are counted together (actors.csv).")


def most_named(counts: pd.DataFrame, labels=("PERSON", "ORG")) -> pd.Series:
    """The person or institution each outlet names most (ties: the name first in the alphabet)."""
    named = counts[counts["label"].isin(labels)].sort_values(["mentions", "actor"], ascending=[False, True], kind="stable")
    return named.drop_duplicates("outlet").set_index("outlet")["actor"]


def most_named_title(counts: pd.DataFrame, corpus: Corpus) -> str:
    top = most_named(counts).reindex(corpus.docs["outlet"].drop_duplicates()).dropna()
    if top.empty:
        return "Who each report names, per 1,000 tokens"
    common = top.value_counts(sort=True).sort_index(kind="stable").sort_values(ascending=False, kind="stable").index[0]
    n = corpus.docs["outlet"].nunique()
    title = f"{common} is the most-named person or institution in {(top == common).sum()} of {n} reports"
    others = top[top != common]
    labels = _labels(corpus)
    if 0 < len(others) <= 3:
        title += "; " + "; ".join(f"{_and([_q(labels[o]) for o in group.index])} name{'s' if len(group) == 1 else ''} {a} most"
                                  for a, group in others.groupby(others, sort=False))
    return title


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# -- who is quoted -------------------------------------------------------------------------


def voice_shares(analysis: Analysis, top: int = 12, actors: actor_clusters.Actors | None = None,
                 kind: str = "direct") -> pd.DataFrame:
    """Each speaker's percentage of a report's directly quoted words (``kind="indirect"``: of
    its reported speech; ``"mixed"``: of reported speech with a quoted fragment), speaker x
    outlet label."""
    share = quotes.share(analysis, actors=actors)
    part = share[share["kind"] == kind].groupby(["outlet", "speaker"], sort=False)["tokens"].sum().reset_index()
    part["share"] = 100 * part["tokens"] / part.groupby("outlet")["tokens"].transform("sum")
    part = part[part["speaker"] != quotes.UNATTRIBUTED]  # shares stay of all the words; no one's words get no row
    return _top_grid(part, "speaker", "share", "tokens", top, analysis.corpus)


def most_quoted(analysis: Analysis, actors: actor_clusters.Actors | None = None, kind: str = "direct") -> pd.DataFrame:
    """Per outlet, the speaker with most directly quoted words: ``outlet, speaker, tokens,
    share, quotes, tied`` (``tied``: another speaker has as many words; the name first in the
    alphabet is shown); ``share`` is of all the outlet's
    directly quoted words, those given to no one included, and they are never the leader."""
    share = quotes.share(analysis, actors=actors)
    part = share[share["kind"] == kind]
    part = part.assign(share=part["tokens"] / part.groupby("outlet")["tokens"].transform("sum"))
    part = part[part["speaker"] != quotes.UNATTRIBUTED]  # words given to no one are no one's voice
    part = part.assign(tied=part.groupby("outlet")["tokens"].transform(lambda t: (t == t.max()).sum() > 1))
    return (part.sort_values(["tokens", "speaker"], ascending=[False, True], kind="stable")
            .drop_duplicates("outlet")[["outlet", "speaker", "tokens", "share", "quotes", "tied"]].reset_index(drop=True))


def quoted_voices_figure(analysis: Analysis, top: int = 12, actors: actor_clusters.Actors | None = None) -> Figure:
    voices = voice_shares(analysis, top, actors)
    if not voices.notna().any().any():
        raise NotApplicable("no report quotes anyone directly")
    most = most_quoted(analysis, actors)
    lead = most[~most["tied"]].set_index("outlet")["speaker"]  # a tie leads for no one
    title = quoted_voices_title(lead, analysis.corpus)
    if lead.empty and len(most):
        title = f"No speaker leads alone: the most directly quoted speakers are tied in {len(most)} of " \
                f"{analysis.corpus.docs['outlet'].nunique()} reports"
    elif most["tied"].any():
        title += f" ({int(most['tied'].sum())} tied)"
    return plots.heatmap(voices, title=title,
                         colorbar_label="% of the report's directly quoted words",
                         value_format="{:.0f}", cmap="Purples",
                         note=f"Direct quotation only (words inside quote marks given to a speaker); reported speech "
                         f"is in quote_share.csv (kind = indirect or mixed). The {len(voices)} speakers with the most directly "
                         "quoted words; blank = not quoted directly. Shares are of all the report's directly quoted words, "
                         "including words in quote marks given to no one, which have no row.")


def quoted_voices_title(lead: pd.Series, corpus: Corpus) -> str:
    """``lead``: the most directly quoted speaker per outlet (``most_quoted``)."""
    n = corpus.docs["outlet"].nunique()
    if lead.empty:
        return f"None of the {n} reports gives its directly quoted words to a speaker"
    counts = lead.value_counts().sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    title = f"{counts.index[0]} has the most directly quoted words in {counts.iloc[0]} of {n} reports"
    others = lead[lead != counts.index[0]]
    labels = _labels(corpus)
    if 0 < len(others) <= 3:
        title += "; " + ", ".join(f"{a} in {_q(labels[o])}" for o, a in others.items())
    return title


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
    """Cue rates per outlet and category, in the reporter's own voice and in others' (by the
    cue's holder, ``cues.HOLDER_VOICES``)."""
    present = [c for c in categories if c in analysis.lexicon_categories]
    return cues.rates(analysis, voice=list(cues.HOLDER_VOICES), categories=present)


def cue_rates_title(table: pd.DataFrame, focus: str, n: int) -> str:
    part = table[table["category"] == focus]
    by_voice = part.groupby("voice")["cues"].sum()
    with_focus = part[part["cues"] > 0]["outlet"].nunique()
    if with_focus == 0:
        return f"The {focus} lexicon finds no cue in any of the {n} reports"
    if by_voice.get("own", 0) == 0:
        return f"The {focus} frame appears in {with_focus} of {n} reports, always in others' words, never in the reporter's own"
    if by_voice.get("others", 0) == 0:
        return f"The {focus} frame appears in {with_focus} of {n} reports, always in the reporter's own words"
    own = part[(part["voice"] == "own") & (part["cues"] > 0)]["outlet"].nunique()
    return f"The {focus} frame appears in {with_focus} of {n} reports, in the reporter's own words in {own}"


def cue_rates_figure(analysis: Analysis, focus: str | None = None, categories=CUE_CATEGORIES,
                     table: pd.DataFrame | None = None, outlets: list | None = None) -> Figure:
    """Rates per report and category, own voice and others'; the title is about ``focus``
    (default: the stance category with most cues, so no event's frame is assumed) and speaks
    of every report. ``table``: the rates already computed (``cues.rates`` with voices "own"
    and "others"); ``outlets``: draw only these."""
    if table is None:
        table = cue_rate_table(analysis, categories)
    else:
        table = table[table["voice"].isin(cues.HOLDER_VOICES) & table["category"].isin(list(categories))]
    if focus is None:
        stances = table[table["category"].isin(STANCE_FOCUS)].groupby("category", sort=False)["cues"].sum()
        pool = stances if stances.sum() > 0 else table.groupby("category", sort=False)["cues"].sum()
        if pool.empty:
            raise NotApplicable("no cue category to rate")
        focus = pool.sort_values(ascending=False, kind="stable").index[0]
    title = cue_rates_title(table, focus, analysis.corpus.docs["outlet"].nunique())
    drawn = table if outlets is None else table[table["outlet"].isin(outlets)]
    return plots.rate_intervals(drawn, labels=_labels(analysis.corpus), title=title,
                                note="Cues per 1,000 tokens of the whole report; negated cues and a spun copy's "
                                "could/might are left out. Own = the reporter's own stance; others = a stance the "
                                "report gives to someone, by quotation, reported speech or description (\"X called it a "
                                "first step\"), as in cues.csv, column holder. Lexicons and their sources: "
                                "toolkit/data/lexicons/.")


# -- reuse and spin ------------------------------------------------------------------------


HEATMAP_DOCUMENTS = 40  # a document-by-document heatmap up to this many documents; above, outlet by outlet


def similarity_figure(corpus: Corpus, matrix: pd.DataFrame | None = None, most: int = HEATMAP_DOCUMENTS) -> Figure:
    """The document-by-document similarity heatmap (``matrix``: ``similarity.doc_similarity``,
    computed when not given), for at most ``most`` documents."""
    if len(corpus.docs) > most:
        raise NotApplicable(f"a heatmap of {len(corpus.docs):,} documents is unreadable (at most {most}); see similarity.csv")
    if len(corpus.docs) < 2:
        raise NotApplicable("one document: there is nothing to compare it with")
    matrix = similarity.doc_similarity(corpus) if matrix is None else matrix
    order = similarity.cluster_order(matrix)
    labels = corpus.docs.set_index("doc_id")["label"]
    values = matrix.loc[order, order].to_numpy(dtype=float, copy=True)
    np.fill_diagonal(values, np.nan)
    ordered = pd.DataFrame(values, index=[labels[d] for d in order], columns=[labels[d] for d in order])
    i, j = np.unravel_index(np.nanargmax(values), values.shape)
    low = np.nanmin(values)
    title = (f"{_q(ordered.index[i])} and {_q(ordered.columns[j])} are the most alike pair of reports "
             f"(cosine {values[i, j]:.2f}; other pairs from {low:.2f})")
    return plots.heatmap(ordered, title=title, colorbar_label="TF-IDF cosine similarity", value_format="{:.2f}",
                         cmap="Greens", vmin=None,
                         note="Rows and columns ordered by average-linkage clustering; the diagonal (each report with "
                         "itself, 1.00) is left blank and colours span the lowest to the highest pair.")


def outlet_similarity_figure(table: pd.DataFrame, corpus: Corpus, outlets: list) -> Figure:
    """Outlet by outlet for ``outlets``: the most alike pair of documents of two outlets
    (``similarity.outlet_similarity``, from each document's nearest neighbours); blank where
    no document of one is among the nearest of the other."""
    pairs = table[table["outlet"].isin(outlets) & table["other"].isin(outlets)]
    if pairs.empty:
        raise NotApplicable("no document of these outlets is among another's nearest documents")
    labels = _labels(corpus)
    wide = pairs.pivot_table(index="outlet", columns="other", values="similarity", aggfunc="max") \
        .reindex(index=outlets, columns=outlets)
    best = pairs.sort_values(["similarity", "outlet", "other"], ascending=[False, True, True], kind="stable").iloc[0]
    wide.index = [labels[o] for o in wide.index]
    wide.columns = [labels[o] for o in wide.columns]
    n = corpus.docs["outlet"].nunique()
    shown = f"; {len(outlets)} of {n:,} outlets shown" if len(outlets) < n else ""
    title = (f"{_q(labels[best['outlet']])} and {_q(labels[best['other']])} have the most alike documents "
             f"(cosine {best['similarity']:.2f}){shown}")
    return plots.heatmap(wide, title=title, colorbar_label="TF-IDF cosine of the most alike document pair",
                         value_format="{:.2f}", cmap="Greens", vmin=None,
                         note="Each cell: the highest cosine between a document of the row's outlet and one of the "
                         "column's, among each document's 10 nearest documents; blank: the outlet itself, or no such pair. All pairs "
                         "are in outlet_similarity.csv.")


def alignment_figure(alignment: pd.DataFrame, corpus: Corpus) -> Figure:
    if corpus.docs["outlet"].nunique() < 2:
        raise NotApplicable("one outlet: no other outlet to share sentences with")
    summary = similarity.alignment_summary(alignment).set_index("outlet")
    labels = _labels(corpus)
    shares = summary[list(similarity.STATUSES)].div(summary["sentences"], axis=0).rename(index=labels)
    most = summary["unique_share"].idxmax()
    return plots.stacked_shares(
        shares, colors=plots.STATUS_COLORS,
        title=f"{_q(labels[most])} has the most sentences no other report repeats or closely paraphrases: "
        f"{summary.loc[most, 'unique_share']:.0%} of them",
        note="Wording, not meaning: character n-gram TF-IDF cosine of each sentence with its best match in another "
        "report. Shared: >= 0.75 (near-verbatim); paraphrased: >= 0.35; unique: below. A fact told in other words is "
        "unique here and shared in facts.csv.",
    )


def distinctive_terms_figure(analysis: Analysis, top: int = 8, outlets: list | None = None) -> Figure:
    """Each report's most distinctive words against all the others; ``outlets`` draws only
    these (their words still compared with every outlet)."""
    terms = similarity.distinctive_terms(analysis, lemmatize=True, top=top)
    terms = terms[terms["z"] > 0]  # a word a report uses less than the rest is not its distinctive word
    if outlets is not None:
        terms = terms[terms["outlet"].isin(outlets)]
    if terms.empty:
        raise NotApplicable("no report uses any content word at least twice more often than the others")
    return plots.term_panels(terms, labels=_labels(analysis.corpus), top=top, threshold=similarity.SIGNIFICANT_Z,
                             title=distinctive_terms_title(terms, analysis.corpus, None if outlets is None else len(outlets)),
                             note="Lemmas of content words used at least twice by the report; names of several words "
                             "and hyphenated words are kept whole. z = log-odds ratio with an informative Dirichlet "
                             f"prior / its standard deviation; solid bars clear z = {similarity.SIGNIFICANT_Z} (dashed "
                             "line), pale ones do not (no correction for the many words compared).")


def distinctive_terms_title(terms: pd.DataFrame, corpus: Corpus, shown: int | None = None) -> str:
    """``shown``: how many reports the figure draws, when fewer than the corpus has."""
    labels = _labels(corpus)
    clear = terms[terms["significant"].astype(bool)]
    n = corpus.docs["outlet"].nunique()
    reports = f"the {shown} report{'s' if shown != 1 else ''} shown" if shown is not None and shown < n \
        else f"{n} report{'s' if n != 1 else ''}"
    if clear.empty:
        return f"No word is significantly more frequent in any of {'the ' if shown is None or shown >= n else ''}" \
               f"{reports} than in the others"
    best = clear.sort_values(["z", "term"], ascending=[False, True], kind="stable").iloc[0]
    return (f"{clear['outlet'].nunique()} of {reports} use some words significantly more than the others; "
            f"the strongest: {_q(best['term'])} in {_q(labels[best['outlet']])} ({best['count']} times, z = {best['z']:.1f})")


SPIN_SIGNALS = ("braces", "articles", "collocations", "substitutions")


def spin_title(scores: pd.Series, flags: pd.Series, threshold: float, triggers: pd.Series | None = None) -> str:
    """States the scores against the rule, not the labels: a label may already say "spun".
    ``triggers``: triggering phrases per report (a flag needs ``quality.MIN_TRIGGERS``)."""
    from toolkit.corpus.quality import MIN_TRIGGERS

    spun, rest = scores[flags], scores[~flags]
    if not len(scores):
        return "No report to score"
    if spun.empty:
        top = scores.idxmax()
        title = f"No report reads as machine-spun: the highest score is {scores[top]:.1f} ({_q(top)})"
        if scores[top] >= threshold and triggers is not None:
            title += f", from {int(triggers[top])} trigger{'' if triggers[top] == 1 else 's'}, under the {MIN_TRIGGERS} a flag needs"
        return title
    head = (f"{len(spun)} of {len(scores)} reports read as machine-spun, scoring above {threshold:g}: "
            + ", ".join(f"{_q(k)} {v:.1f}" for k, v in spun.sort_values(ascending=False).head(3).items()))
    return head + (f"; the others at most {rest.max():.1f}" if len(rest) else "")


def spin_figure(report: pd.DataFrame, corpus: Corpus, threshold: float = 4.0) -> Figure:
    labels = _labels(corpus)
    scores = report.set_index("outlet")["score"].groupby(level=0, sort=False).max().rename(index=labels)
    flags = report.set_index("outlet")["flagged"].groupby(level=0, sort=False).any().rename(index=labels)
    signals = [c for c in SPIN_SIGNALS if c in report]
    best = report.sort_values("score", ascending=False, kind="stable").drop_duplicates("outlet").set_index("outlet")
    triggers = best[signals].sum(axis=1).rename(index=labels) if signals else None
    title = spin_title(scores, flags, threshold, triggers)
    return plots.score_bars(scores, threshold=threshold, flagged=flags, title=title,
                            xlabel="spin score (weighted triggers per 1,000 words)",
                            note="Signals: spinner braces (x3), a/an disagreement (x2), "
                            "broken collocations of the other reports, known substitutions; a copy needs at least "
                            "three triggers to be flagged. Flagged copies are repaired before anything is counted "
                            "(repairs.csv).")



# -- whose account, whose stance, which facts ----------------------------------------------


def lead_title(lead_table: pd.DataFrame, corpus: Corpus) -> str:
    """Groups the reports by whose account their lead opens with, largest group first."""
    n = len(lead_table)
    known = lead_table[lead_table["kind"] != "none"]
    if known.empty:
        return f"None of the {n} reports opens with a named source or actor"
    groups = known.groupby("opens_with", sort=False).agg(reports=("doc_id", "size"), kind=("kind", "first"))
    groups = groups.sort_values("reports", ascending=False, kind="stable")
    parts = [f"{r} on {name}{chr(8217)}s account" if kind == "source" else f"{r} on {name} with no source"
             for name, (r, kind) in groups.head(3).iterrows()]
    rest = n - int(groups["reports"].head(3).sum())
    return f"Of {n} reports, " + ", ".join(parts) + (f"; {rest} on others" if rest else "") + " (their opening sentences)"


def lead_figure(lead_table: pd.DataFrame, corpus: Corpus, most: int = 30) -> Figure:
    """Whose account each report opens with, and the lead itself (``lead_table``: ``leads.leads``)."""
    if lead_table.empty:
        raise NotApplicable("no report has a sentence of five words or more")
    labels = corpus.docs.set_index("doc_id")["label"]
    shown = lead_table.head(most)
    rows = pd.DataFrame({
        "Opens with": [f"{o}\n({'source: ' + str(v) if k == 'source' and isinstance(v, str) else k})" if o else "nothing named"
                       for o, k, v in zip(shown["opens_with"], shown["kind"], shown["verb"])],
        "Also names most": [a if isinstance(a, str) and k == "source" else "" for a, k in zip(shown["actor"], shown["kind"])],
        "Lead (first two sentences of five tokens or more)": [_short(t, 330) for t in shown["lead"]],
    }, index=[labels[d] for d in shown["doc_id"]])
    note = ("Of the lead's sentences, the first that attributes words to someone or names a person or institution "
            "decides (a place alone does not). Source = whom it attributes the most words to (quotes.csv; four words or "
            "more, not a pronoun or \"some\"); actor = the person or institution it names most, when it attributes nothing.")
    if len(lead_table) > most:
        note += f" The first {most} of {len(lead_table)} reports; all are in leads.csv."
    return plots.text_table(rows, widths=[1.9, 1.6, 6.2], title=lead_title(lead_table, corpus), note=note,
                            wrap=[22, 18, 80])


def stance_grids(stances: pd.DataFrame, corpus: Corpus, top: int = 12, most_outlets: int = 12) -> dict[str, pd.DataFrame]:
    """Holder x outlet-label cue counts, one grid per stance category; the reporter's own voice
    first, then the holders with most cues; the outlets with most cues, in corpus order."""
    from toolkit.extract.cues import REPORTER

    if stances.empty:
        return {}
    labels = _labels(corpus)
    outlets = stances.groupby("outlet")["cues"].sum()
    most = set(outlets.nlargest(most_outlets).index)
    keep = [o for o in corpus.docs["outlet"].drop_duplicates() if o in most]
    others = stances[(stances["holder"] != REPORTER) & stances["outlet"].isin(keep)]
    totals = others.groupby("holder")["cues"].sum().sort_index().sort_values(ascending=False, kind="stable")
    # every report's leading holder of every stance first, so no panel loses its main voice
    leaders = (others.sort_values(["cues", "holder"], ascending=[False, True], kind="stable")
               .drop_duplicates(["outlet", "category"])["holder"])
    chosen = set(list(dict.fromkeys(leaders))[: top - 1])
    chosen |= set([h for h in totals.index if h not in chosen][: max(0, top - 1 - len(chosen))])
    holders = [REPORTER] + [h for h in totals.index if h in chosen]
    rest = [h for h in totals.index if h not in chosen]
    names = {REPORTER: "the reporter (own voice)", OTHER_HOLDERS: f"{len(rest)} other holders"}
    grids = {}
    for category in dict.fromkeys(stances["category"]):
        part = stances[(stances["category"] == category) & stances["outlet"].isin(keep)]
        part = part.assign(holder=part["holder"].where(~part["holder"].isin(rest), OTHER_HOLDERS))
        grid = (part.pivot_table(index="holder", columns="outlet", values="cues", aggfunc="sum")
                .reindex(index=holders + ([OTHER_HOLDERS] if rest else []), columns=keep))
        grids[STANCE_LABELS.get(category, category)] = grid.rename(index=lambda h: names.get(h, h), columns=labels)
    return grids


OTHER_HOLDERS = "\0others"  # the row that sums the holders a stance figure has no room for
STANCE_LABELS = {"refusal": "refusal or concession"}  # the lexicon's own scope (toolkit/data/lexicons/refusal.csv)


def stance_title(stances: pd.DataFrame, corpus: Corpus) -> str:
    from toolkit.extract.cues import REPORTER

    n = corpus.docs["outlet"].nunique()
    labels = _labels(corpus)
    own = stances[stances["holder"] == REPORTER]
    doubt = list(dict.fromkeys(own.loc[own["category"] == "skepticism", "outlet"]))
    if doubt:
        verb = "carries" if len(doubt) == 1 else "carry"  # "1 of 12 reports carries", "2 of 12 reports carry"
        first = f"{len(doubt)} of {n} reports {verb} scepticism cues in the reporter's own voice (" + \
            ", ".join(_q(labels[o]) for o in doubt[:3]) + (", ..." if len(doubt) > 3 else "") + ")"
    else:
        first = f"None of the {n} reports carries a scepticism cue in the reporter's own voice"
    hope = stances[(stances["category"] == "optimism") & (stances["holder"] != REPORTER)]
    if hope.empty:
        return first
    by_holder = hope.groupby("holder")["cues"].sum().sort_index().sort_values(ascending=False, kind="stable")
    return f"{first}; the most optimism comes from {by_holder.index[0]} ({by_holder.iloc[0]} cues in " \
        f"{hope[hope['holder'] == by_holder.index[0]]['outlet'].nunique()} reports)"


def stance_figure(stances: pd.DataFrame, corpus: Corpus, top: int = 12, most_outlets: int = 12) -> Figure:
    """Who holds each stance in each report (``stances``: ``stance.stance_by_source``)."""
    grids = stance_grids(stances, corpus, top, most_outlets)
    if not grids:
        raise NotApplicable("no report carries an optimism, scepticism, delay or refusal cue")
    note = ("Cues per holder: the reporter's own voice, else the person or institution whose words or attitude the cue "
            "is (cues.csv, column holder); the last row sums the holders with fewer cues (every one is in stance.csv); "
            "negated cues and a spun copy's could/might left out; blank = none. Cues are found by the toolkit's "
            "lexicons (toolkit/data/lexicons/): a stance put in other words is not counted.")
    if stances["outlet"].nunique() > most_outlets:
        note += f" The {most_outlets} reports with most cues; all are in stance.csv."
    return plots.panel_heatmaps(grids, title=stance_title(stances, corpus), note=note, cmap="Oranges")


def _short(text: str, width: int = 120) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 3].rsplit(" ", 1)[0] + "..."


def facts_grid(fact_table: pd.DataFrame, members: pd.DataFrame, corpus: Corpus, top: int = 24,
               most_outlets: int = 30) -> pd.DataFrame:
    """Report-by-fact presence for the facts some but not all outlets carry (most outlets
    first), then those all carry; rows labelled by each fact's central sentence."""
    from toolkit.compare import facts as fact_clusters

    outlets = list(corpus.docs["outlet"].drop_duplicates())
    grid = fact_clusters.kept_and_dropped(fact_table, members, outlets)
    if grid.empty:
        return grid
    grid = grid.head(top)
    if len(outlets) > most_outlets:
        keep = grid.sum().nlargest(most_outlets).index
        grid = grid[[o for o in outlets if o in keep]]
    labels = _labels(corpus)
    names = fact_table.set_index("fact")["label"]
    return grid.rename(index=lambda f: f"{f}: {_short(names[f])}", columns=labels)


def facts_title(fact_table: pd.DataFrame, members: pd.DataFrame, corpus: Corpus) -> str:
    n = corpus.docs["outlet"].nunique()
    shared = fact_table[fact_table["outlets"] > 1]
    partial = shared[shared["outlets"] < n]
    if shared.empty:
        return f"No two of the {n} reports carry the same fact"
    if partial.empty:
        return f"All {n} reports carry every one of the {len(shared)} facts two or more of them share"
    carried = (members[members["fact"].isin(shared["fact"])].groupby("outlet")["fact"].nunique()
               .reindex(corpus.docs["outlet"].drop_duplicates(), fill_value=0))
    labels = _labels(corpus)
    most, fewest = carried.idxmax(), carried.idxmin()
    gaps = (f"Every one of the {len(shared)} facts two or more reports share is missing from at least one"
            if len(partial) == len(shared) else
            f"{len(partial)} of the {len(shared)} facts two or more reports share are missing from at least one")
    return f"{gaps}; {_q(labels[most])} carries the most ({carried[most]}), {_q(labels[fewest])} the fewest ({carried[fewest]})"


def facts_figure(fact_table: pd.DataFrame, members: pd.DataFrame, corpus: Corpus, top: int = 24) -> Figure:
    """Which report carries which fact (``facts.facts``), the facts only some carry first."""
    if corpus.docs["outlet"].nunique() < 2:
        raise NotApplicable("one outlet: no other outlet to keep or drop a fact")
    grid = facts_grid(fact_table, members, corpus, top)
    if grid.empty:
        raise NotApplicable("no two reports carry the same fact")
    shared = int((fact_table["outlets"] > 1).sum())
    note = ("A fact = sentences of different reports that say the same thing (content words, actors, numbers and stance "
            "cues; TF-IDF cosine, each linked to its closest sentences, one sentence per report); labelled by its most "
            f"central sentence. {'The first ' + str(len(grid)) + ' of ' + str(shared) + ' shared facts; ' if shared > len(grid) else ''}"
            "every fact and sentence is in facts.csv and fact_members.csv.")
    return plots.presence_matrix(grid, title=facts_title(fact_table, members, corpus), note=note)


def summary_figure(summary: pd.DataFrame, disputes: pd.DataFrame, stances: pd.DataFrame | None = None,
                   outlets: list | None = None) -> Figure:
    """The one-page framing summary, titled with what most distinguishes the reports
    (``stances``: ``stance.stance_by_source``, for a stance only sources take). ``outlets``
    draws only these rows; the title still speaks of every report."""
    shown = summary if outlets is None else summary[summary["outlet"].isin(outlets)]
    note = SUMMARY_NOTE if len(shown) == len(summary) else \
        f"{len(shown)} of {len(summary):,} reports shown (most documents); all are in summary.csv. " + SUMMARY_NOTE
    return plots.summary_page(shown, title=summary_title(summary, disputes, stances), note=note)


def sources_only(stances: pd.DataFrame) -> list[str]:
    """Stance categories that reports give to others but no reporter takes, most cues first."""
    if stances is None or stances.empty:
        return []
    totals = stances.groupby(["category", "own_voice"])["cues"].sum().unstack(fill_value=0)
    totals = totals.reindex(columns=[False, True], fill_value=0)
    only = totals[(totals[False] > 0) & (totals[True] == 0)][False]
    return list(only.sort_index().sort_values(ascending=False, kind="stable").index)


SUMMARY_NOTE = (
    "Per report: whose account its opening sentences give (or the actor they name, when they attribute nothing); the "
    "speaker with most directly quoted words (share of the report's directly quoted words, and quotations); stance cues "
    "in the reporter's own voice and stance cues it gives to others; own-voice hedges "
    "per 1,000 tokens with a 95% interval (the wider of a bootstrap over sentences and the exact Poisson interval); "
    "facts (facts.csv) only it carries, against its number of sentences; similarity cluster (average linkage, reports above "
    "0.2 cosine together) and closest other report by TF-IDF cosine; spin score (flagged at 4) and repairs made before "
    "counting; numbers in groups where the reports disagree."
)


def summary_title(summary: pd.DataFrame, disputes: pd.DataFrame, stances: pd.DataFrame | None = None) -> str:
    parts = []
    opens = summary.dropna(subset=["opens_with"]).groupby("opens_with", sort=False).size().sort_values(ascending=False, kind="stable")
    if len(opens) > 1:
        parts.append("the reports open on " + ", ".join(f"{name} ({k})" for name, k in opens.head(3).items()))
    elif len(opens) == 1:
        parts.append(f"every report opens on {opens.index[0]}")
    only = sources_only(stances)
    if only:
        parts.append(f"talk of {STANCE_LABELS.get(only[0], only[0])} comes only from sources, never the reporters")
    disputed = disputes[disputes["disagree"]]["slot"].tolist() if len(disputes) else []
    if disputed:
        parts.append(f"they disagree on {len(disputed)} number{'' if len(disputed) == 1 else 's'} or detail{'' if len(disputed) == 1 else 's'}")
    spun = summary[summary["spin_flagged"]]["label"].tolist()
    if spun:
        parts.append(f"{len(spun)} spun cop{'y' if len(spun) == 1 else 'ies'} repaired before counting")
    title = "; ".join(parts) if parts else "How each report framed the event"
    return title[:1].upper() + title[1:]
