"""How often each outlet hedges, boosts or speaks of delay, in whose voice, with honest intervals.

Rates are per 1,000 tokens with intervals (``toolkit.compare.stats``), and two outlets are
compared with a permutation test over sentences, because five documents cannot carry a
difference on their own. ``kwic`` lists the evidence behind every count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from spacy.language import Language

from toolkit.compare import stats
from toolkit.corpus.load import corpus_from_texts
from toolkit.extract.cues import REPORTER, VOICES
from toolkit.language.analysis import Analysis
from toolkit.language.orchestrator import analyze


def detect(texts: Iterable[str], nlp: Language | None = None, lexicon_dirs: list[str | Path] = ()) -> pd.DataFrame:
    """Cues in plain strings, with the same columns as ``analysis.cues`` (``doc_id`` = position)."""
    return analyze(corpus_from_texts(texts), cache=False, nlp=nlp, lexicon_dirs=lexicon_dirs, progress=False).cues


# Whose stance a cue is, by its holder rather than by quotation marks: "own" = the reporter's
# ("the talks stalled"), "others" = anyone else's, quoted, reported or described ("the White
# House described it as a first step" is the White House's optimism, not the reporter's).
HOLDER_VOICES = ("own", "others")


def countable(table: pd.DataFrame, include_negated: bool = False) -> pd.DataFrame:
    """The cues every count uses: negated cues ("made no progress") out unless
    ``include_negated``, and a spun copy's modal hedges (``spin_suspect``) out always."""
    keep = pd.Series(True, index=table.index)
    if not include_negated:
        keep &= ~table["negated"].astype(bool)
    if "spin_suspect" in table:
        keep &= ~table["spin_suspect"].astype(bool)  # a spinner's "could" for "would" is no hedge of the outlet's
    return table[keep]


def in_voice(table: pd.DataFrame, voice: str | None) -> pd.DataFrame:
    """The cues of one voice as the rates count them: ``own`` / ``others`` by holder, a voice
    of ``analysis.cues.voice`` or several joined by "+", or None (``all``) for every cue."""
    if voice in HOLDER_VOICES:
        own = table["holder"] == REPORTER
        return table[own if voice == "own" else ~own]
    if voice is None or voice == "all":
        return table
    return table[table["voice"].isin(voice.split("+"))]


@dataclass(frozen=True)
class _SentenceCounts:
    tokens: np.ndarray  # tokens per sentence
    counts: np.ndarray  # cues per sentence


def _check(analysis: Analysis, voice: str | None, categories: Iterable[str]) -> None:
    if voice in HOLDER_VOICES:
        return _check_categories(analysis, categories)
    unknown_voice = [v for v in (voice.split("+") if voice else []) if v not in VOICES]
    if unknown_voice:
        raise ValueError(f"unknown voice {unknown_voice[0]!r}; use {', '.join(VOICES)}, joined by '+' for several, "
                         f"or {' or '.join(HOLDER_VOICES)} (by the cue's holder)")
    _check_categories(analysis, categories)


def _check_categories(analysis: Analysis, categories: Iterable[str]) -> None:
    unknown = [c for c in categories if c not in analysis.lexicon_categories]
    if unknown:
        raise ValueError(f"unknown cue category {unknown[0]!r}; this analysis has {', '.join(analysis.lexicon_categories)}")


def _groups(analysis: Analysis, table: pd.DataFrame, by: str) -> pd.DataFrame:
    """``table`` with a column ``by`` from the documents (no merge needed when grouping by document)."""
    if by == "doc_id":
        return table
    return table.merge(analysis.corpus.docs[["doc_id", by]], on="doc_id", how="left")


@dataclass(frozen=True)
class _Layout:
    """The sentences of a corpus sorted by group (corpus order within each): group ``names[j]``
    owns rows ``bounds[j]:bounds[j + 1]`` of ``tokens`` and of every count array built on it."""
    keys: pd.MultiIndex  # (doc_id, sent_id) of each sorted row
    tokens: np.ndarray
    names: list
    bounds: np.ndarray
    groups: list  # every group of the corpus, in corpus order, with sentences or not


def _layout(analysis: Analysis, by: str) -> _Layout:
    sents = _groups(analysis, analysis.sentences, by)
    codes, names = pd.factorize(sents[by])
    order = np.argsort(codes, kind="stable")
    sents = sents.iloc[order]
    bounds = np.searchsorted(codes[order], np.arange(len(names) + 1))
    return _Layout(pd.MultiIndex.from_arrays([sents["doc_id"], sents["sent_id"]]), sents["n_tokens"].to_numpy(float),
                   list(names), bounds, list(analysis.corpus.docs[by].drop_duplicates()))


def _cue_counts(analysis: Analysis, layout: _Layout, category: str, voice: str | None, include_negated: bool) -> np.ndarray:
    """Countable cues of one category (and voice or holder) per sentence of the layout."""
    cues = countable(in_voice(analysis.cues[analysis.cues["category"] == category], voice), include_negated)
    return cues.groupby(["doc_id", "sent_id"]).size().reindex(layout.keys, fill_value=0).to_numpy(float)


def _sentence_counts(analysis: Analysis, by: str, category: str, voice: str | None, include_negated: bool) -> dict:
    """Group -> its sentences' tokens and cue counts (no sentences: empty arrays)."""
    layout = _layout(analysis, by)
    counts = _cue_counts(analysis, layout, category, voice, include_negated)
    found = {g: _SentenceCounts(layout.tokens[lo:hi], counts[lo:hi])
             for g, lo, hi in zip(layout.names, layout.bounds[:-1], layout.bounds[1:])}
    empty = _SentenceCounts(np.zeros(0), np.zeros(0))
    return {g: found.get(g, empty) for g in layout.groups}


def rates(
    analysis: Analysis,
    by: str = "outlet",
    voice: str | None | list = None,
    categories: Iterable[str] | None = None,
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 0,
    include_negated: bool = False,
) -> pd.DataFrame:
    """Cues per 1,000 tokens per group and category, with a confidence interval.

    ``voice`` keeps only cues in that voice ("authorial", "quoted", "attributed", or several
    joined by "+", e.g. "quoted+attributed"), or by holder: "own" (the reporter's own stance)
    or "others" (a stance the report gives to someone, by quotation, reported speech or
    description); None counts all; a list of these gives the rows of each, one voice after
    the other, in one pass. The denominator is always all of
    the group's tokens, so a voice's rate says how much of the whole report that voice's cues
    make up. Negated cues ("made no progress") are left out unless ``include_negated``, and so
    are a spun copy's modal hedges that a spinner may have written (``spin_suspect``).
    The interval is the wider of a bootstrap over sentences (seeded by the group: the same
    seed gives the same numbers; every category and voice of a group resampled with the same
    draws) and the exact Poisson interval for the count (``stats.rate_intervals``).
    Columns: ``outlet, category, voice, cues, tokens, sentences, per_1000_tokens, ci_low, ci_high``.
    """
    voices = list(voice) if isinstance(voice, list) else [voice]
    cats = list(categories) if categories is not None else list(analysis.lexicon_categories)
    for v in voices:
        _check(analysis, v, cats)
    layout = _layout(analysis, by)
    columns_of = [(v, c) for v in voices for c in cats]
    counts = np.column_stack([_cue_counts(analysis, layout, c, v, include_negated) for v, c in columns_of]) \
        if columns_of else np.zeros((len(layout.tokens), 0))
    starts, ends = layout.bounds[:-1], layout.bounds[1:]
    # one set of bootstrap draws per group serves every category and voice (the same sentences resampled)
    items = [(counts[lo:hi], layout.tokens[lo:hi], stats.seeded_rng(seed, str(g)))
             for g, lo, hi in zip(layout.names, starts, ends)]
    intervals = dict(zip(layout.names, stats.rate_intervals_many(items, ci, n_boot)))
    # sums per group (whole numbers: exact in any order); a group without sentences has none
    position = {g: j for j, g in enumerate(layout.names)}
    found = np.array([position.get(g, -1) for g in layout.groups], dtype=int)
    has = found >= 0
    cue_sums = np.zeros((len(layout.groups), len(columns_of)))
    token_sums = np.zeros(len(layout.groups))
    n_sentences = np.zeros(len(layout.groups), dtype=int)
    if len(layout.names):
        if columns_of:
            cue_sums[has] = np.add.reduceat(counts, starts, axis=0)[found[has]]
        token_sums[has] = np.add.reduceat(layout.tokens, starts)[found[has]]
        n_sentences[has] = (ends - starts)[found[has]]
    nan_pair = np.full((len(columns_of), 2), np.nan)
    bounds = np.stack([intervals[g] if h else nan_pair for g, h in zip(layout.groups, has)]) if len(layout.groups) \
        else np.zeros((0, len(columns_of), 2))
    columns: dict[str, list] = {c: [] for c in (by, "category", "voice", "cues", "tokens", "sentences",
                                                  "per_1000_tokens", "ci_low", "ci_high")}
    for k, (v, category) in enumerate(columns_of):
        columns[by] += layout.groups
        columns["category"] += [category] * len(layout.groups)
        columns["voice"] += [v or "all"] * len(layout.groups)
        columns["cues"] += [int(c) for c in cue_sums[:, k]]
        columns["tokens"] += [int(t) for t in token_sums]
        columns["sentences"] += n_sentences.tolist()
        columns["per_1000_tokens"] += [round(float(r), 3) for r in stats.rate_per_1000(cue_sums[:, k], token_sums)]
        columns["ci_low"] += [round(float(x), 3) for x in bounds[:, k, 0]]
        columns["ci_high"] += [round(float(x), 3) for x in bounds[:, k, 1]]
    return pd.DataFrame(columns)


def permutation_test(
    analysis: Analysis,
    a: str,
    b: str,
    category: str,
    by: str = "outlet",
    voice: str | None = None,
    n_permutations: int = 9999,
    seed: int = 0,
    include_negated: bool = False,
) -> dict:
    """Is the difference in cue rate between groups ``a`` and ``b`` larger than chance?

    Sentences are shuffled between the two groups (``stats.permutation_test``). Choose the two
    groups before looking at their rates, or use ``pairwise_tests``, which corrects for
    testing every pair.
    """
    _check(analysis, voice, [category])
    data = _sentence_counts(analysis, by, category, voice, include_negated)
    missing = [g for g in (a, b) if g not in data]
    if missing:
        raise KeyError(f"no {by} named {', '.join(map(repr, missing))}; known: {', '.join(map(str, data))}")
    result = {"a": a, "b": b, "category": category, "voice": voice or "all",
              "rate_a": round(float(stats.rate_per_1000(data[a].counts.sum(), data[a].tokens.sum())), 3),
              "rate_b": round(float(stats.rate_per_1000(data[b].counts.sum(), data[b].tokens.sum())), 3),
              "difference": float("nan"), "p_value": float("nan"), "n_permutations": n_permutations}
    if data[a].tokens.sum() <= 0 or data[b].tokens.sum() <= 0:
        return result  # nothing to compare: no p-value rather than a made-up one
    observed, p_value = stats.permutation_test(
        np.concatenate([data[a].counts, data[b].counts]), np.concatenate([data[a].tokens, data[b].tokens]),
        len(data[a].tokens), n_permutations, stats.seeded_rng(seed, a, b, category, voice or "all"),
    )
    result.update(difference=round(observed, 3), p_value=round(p_value, 4))
    return result


def pairwise_tests(
    analysis: Analysis,
    category: str,
    by: str = "outlet",
    voice: str | None = None,
    n_permutations: int = 9999,
    seed: int = 0,
) -> pd.DataFrame:
    """Permutation tests for every pair of groups, with Holm's correction for testing them all."""
    groups = list(analysis.corpus.docs[by].drop_duplicates())
    rows = [permutation_test(analysis, a, b, category, by, voice, n_permutations, seed)
            for i, a in enumerate(groups) for b in groups[i + 1 :]]
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    table["p_holm"] = np.round(stats.holm(table["p_value"].to_numpy(float)), 4)
    return table


def kwic(analysis: Analysis, category: str | None = None, width: int = 60, by: str = "outlet") -> pd.DataFrame:
    """Keyword in context: each cue with up to ``width`` characters either side, its voice,
    source and holder, and whether it is counted (``counted``: not negated, not a spun copy's
    suspect modal); ``toolkit.figures.kwic_html`` shows it with the cue highlighted."""
    cues = analysis.cues if category is None else analysis.cues[analysis.cues["category"] == category]
    texts = analysis.corpus.docs.set_index("doc_id")["text"]
    ids = analysis.corpus.docs["doc_id"]
    groups = pd.Series(ids.to_numpy(), index=ids) if by == "doc_id" else analysis.corpus.docs.set_index("doc_id")[by]
    counted = set(countable(cues).index)
    rows = []
    for index, row in zip(cues.index, cues.itertuples(index=False)):
        text = texts[row.doc_id]
        left = text[max(0, row.start - width) : row.start].replace("\n", " ")
        right = text[row.end : row.end + width].replace("\n", " ")
        rows.append(
            {
                by: groups[row.doc_id], "doc_id": row.doc_id, "left": left, "cue": row.text, "right": right,
                "category": row.category, "voice": row.voice, "source": row.source,
                "holder": getattr(row, "holder", None), "counted": index in counted, "start": row.start, "end": row.end,
            }
        )
    columns = list(dict.fromkeys([by, "doc_id", "left", "cue", "right", "category", "voice", "source", "holder",
                                  "counted", "start", "end"]))
    return pd.DataFrame(rows, columns=columns)
