"""Stance and hedging cues, with whose voice they are in, and honest rates.

A cue is a lexicon match (``toolkit/data/lexicons/``): a hedge ("may", "appeared to"), a
booster ("clearly"), the delay frame ("stalling", "playing for time"), skepticism, optimism,
refusal. Each match records its ``voice``: *quoted* inside a direct quotation, *attributed*
inside reported speech ("officials acknowledged that Putin appeared to be stalling"), or
*authorial*: the report's own words. ``negated`` marks a cue under negation
("did not clearly say").

Rates are per 1,000 tokens with bootstrap confidence intervals over sentences, and two
outlets are compared with a permutation test, because five documents cannot carry a
difference on their own.
"""

from __future__ import annotations

import html
import warnings
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from toolkit.lexicons import CueEntry, compile_pattern, load_lexicons

if TYPE_CHECKING:
    from toolkit.nlp import Analysis

SPAN_KEY = "framing_cues"
CUE_COLUMNS = [
    "doc_id", "sent_id", "start", "end", "text", "category", "cue", "voice", "source", "negated", "sentence",
]
VOICES = ("authorial", "quoted", "attributed")
_NEGATIONS = {"not", "n't", "never", "no", "without"}


class CueMatcher:
    """Finds lexicon cues in a parsed Doc: ``matcher(doc)`` returns spans labelled with their
    category, ``span.kb_id_`` naming the cue; overlapping matches keep the longest.

    Rules are spaCy ``Matcher`` patterns, grouped by their first word: a group's matcher runs
    only where a token has that word (or lemma), which keeps a large lexicon cheap.
    """

    def __init__(self, vocab: Vocab, entries: Iterable[CueEntry]):
        self.vocab = vocab
        self.entries = {f"{e.category}::{e.cue}": e for e in entries}
        self.groups: dict[tuple[str, int], tuple[Matcher, int]] = {}
        self.anywhere = Matcher(vocab)  # rules whose first token is not a fixed word
        self.anywhere_needs_tags = False
        self.surface_rules = 0
        grouped: dict[tuple[str, str], list[tuple[str, list[dict]]]] = {}
        for key, entry in self.entries.items():
            pattern = compile_pattern(entry.pattern)
            self.surface_rules += not any("LEMMA" in t or "TAG" in t for t in pattern)
            first = pattern[0]
            attr = "LEMMA" if "LEMMA" in first else "LOWER" if "LOWER" in first else None
            if attr and not first.get("OP"):
                value = first[attr]
                for word in value["IN"] if isinstance(value, dict) else [value]:
                    grouped.setdefault((attr, word), []).append((key, pattern))
            else:
                self.anywhere.add(key, [pattern])
                self.anywhere_needs_tags |= any("LEMMA" in t or "TAG" in t for t in pattern)
        for (attr, word), patterns in grouped.items():
            matcher = Matcher(vocab)
            for key, pattern in patterns:
                matcher.add(key, [pattern])
            longest = max(sum(_max_width(t) for t in pattern) for _, pattern in patterns)
            self.groups[(attr, vocab.strings.add(word))] = (matcher, longest)
        self.first_ids = {attr: {h for a, h in self.groups if a == attr} for attr in ("LOWER", "LEMMA")}

    @property
    def patterns(self) -> list[dict]:
        """The lexicon as data, so a pipeline that includes this matcher has a distinct cache key."""
        return [vars(e) for e in self.entries.values()]

    def __call__(self, doc: Doc) -> list[Span]:
        full = has_tags_and_lemmas(doc)
        use_anywhere = len(self.anywhere) and (full or not self.anywhere_needs_tags)
        found = set(self.anywhere(doc)) if use_anywhere else set()
        lowers, lemmas = doc.to_array(["LOWER", "LEMMA"]).T.tolist() if len(doc) else ([], [])
        starts = [(i, ("LOWER", h)) for i, h in enumerate(lowers) if h in self.first_ids["LOWER"]]
        if full:
            starts += [(i, ("LEMMA", h)) for i, h in enumerate(lemmas) if h in self.first_ids["LEMMA"]]
        for i, key in starts:
            matcher, width = self.groups[key]
            try:
                hits = matcher(doc[i : i + width])
            except ValueError:  # a rule needs tags this pipeline does not give
                continue
            found.update((m, i + s, i + e) for m, s, e in hits if s == 0)
        spans = []
        for match_id, start, end in sorted(found, key=lambda f: (f[1], f[2], f[0])):
            entry = self.entries[doc.vocab.strings[match_id]]
            span = Span(doc, start, end, label=entry.category, kb_id=entry.cue)
            if _crosses_sentences(span) or not _conditions_hold(span, entry.conditions):
                continue
            spans.append(span)
        return sorted(filter_spans(spans), key=lambda s: s.start)


def has_tags_and_lemmas(doc: Doc) -> bool:
    """Whether every token has a tag and a lemma; without them only word-form rules apply."""
    return doc.has_annotation("LEMMA", require_complete=True) and doc.has_annotation("TAG", require_complete=True)


_built: dict[tuple[int, tuple[CueEntry, ...]], CueMatcher] = {}


def cue_matcher(vocab: Vocab, entries: Iterable[CueEntry]) -> CueMatcher:
    """The ``CueMatcher`` of these entries for this vocabulary, built once per process (building
    one compiles every rule, which costs more than matching a short document). Matching
    only reads the matcher, so one may serve any number of analyses."""
    key = (id(vocab), tuple(entries))
    matcher = _built.get(key)
    if matcher is None or matcher.vocab is not vocab:  # an id can be reused once a vocab is gone
        if len(_built) >= 8:
            _built.clear()
        matcher = _built[key] = CueMatcher(vocab, key[1])
    return matcher


def _crosses_sentences(span: Span) -> bool:
    """A rule with a wildcard must not reach into the next sentence ("dragged on. Out west")."""
    return len(span) > 1 and any(t.is_sent_start for t in span[1:])


def _conditions_hold(span: Span, conditions: dict[str, tuple[str, ...]]) -> bool:
    doc, start = span.doc, span.start
    before = doc[start - 1] if start > 0 else None
    if "not_negated" in conditions and is_negated(span):
        return False
    if "not_after_hyphen" in conditions and before is not None and before.text in "-\u2010\u2011":
        return False  # "much-anticipated": part of a compound modifier, not a stance
    if "not_after" in conditions and before is not None and before.lower_ in conditions["not_after"]:
        return False  # "as soon as possible", "than expected"
    if "lowercase" in conditions and not span[0].text.islower():
        return False  # "May" at the start of a sentence is usually the month
    if "with_clause" in conditions and not any(c.dep_ in ("ccomp", "xcomp") for c in span.root.children):
        return False  # "suggested that Putin was stalling", not "suggested a meeting"
    return True


def _max_width(token: dict) -> int:
    """How many words a pattern token can take: 1, or the upper bound of a {m,n} wildcard."""
    op = token.get("OP", "")
    if op.startswith("{"):
        return int(op.strip("{}").split(",")[-1] or 1)
    return 1


def is_negated(span: Span) -> bool:
    """Negation outside the cue's own words: a ``neg`` dependent of the cue, or of the word the
    cue modifies when the cue is a modal, adverb or predicate adjective ("could not", "did not
    clearly say", "is not optimistic"), or a negating word right before it. Negation of a verb
    that merely governs the cue's clause ("did not say whether Russia is stalling") does not count."""
    inside = range(span.start, span.end)
    heads = [span.root.head] if span.root.dep_ in ("aux", "auxpass", "advmod", "acomp", "amod", "attr", "dobj") else []
    for token in [*span, *heads]:
        if any(c.dep_ == "neg" and c.i not in inside for c in token.children):
            return True
    return span.start > 0 and span.doc[span.start - 1].lower_ in _NEGATIONS


@Language.factory("framing_cues", default_config={"lexicon_dirs": []})
def make_cue_component(nlp: Language, name: str, lexicon_dirs: list[str]):
    """A pipeline component that stores cue spans in ``doc.spans["framing_cues"]``. Place it
    after the tagger and lemmatizer; without them only word-form rules apply, with a warning."""
    matcher = cue_matcher(nlp.vocab, load_lexicons(lexicon_dirs))

    warned = []

    def set_cues(doc: Doc) -> Doc:
        doc.spans[SPAN_KEY] = matcher(doc)
        if not warned and not has_tags_and_lemmas(doc):
            warned.append(True)
            warnings.warn(
                f"{name}: the document has no part-of-speech tags or lemmas (is the component before the "
                f"tagger and lemmatizer?); only {matcher.surface_rules} of {len(matcher.entries)} rules apply",
                UserWarning,
                stacklevel=2,
            )
        return doc

    set_cues.patterns = matcher.patterns  # type: ignore[attr-defined]
    return set_cues


def cue_rows(doc: Doc, sent_ids: list[int], sentences: list[dict], quotes: list[dict], matcher: CueMatcher) -> list[dict]:
    """One row per cue in a parsed document, with its voice and source from the quote rows.
    The matcher is the analysis' own, so its lexicons decide, whatever a pipeline component found."""
    spans = matcher(doc)
    direct = [q for q in quotes if q["kind"] == "direct"]
    reported = [q for q in quotes if q["kind"] == "indirect"]
    rows = []
    for span in spans:
        start, end = span.start_char, span.end_char
        voice, source = "authorial", None
        for kind, pool in (("quoted", direct), ("attributed", reported)):
            holders = [q for q in pool if q["start"] <= start and end <= q["end"]]
            if holders:
                tightest = min(holders, key=lambda q: q["end"] - q["start"])
                voice, source = kind, tightest["speaker"]
                break
        sent_id = sent_ids[span.start]
        rows.append(
            {
                "sent_id": sent_id, "start": start, "end": end, "text": span.text,
                "category": span.label_, "cue": span.kb_id_, "voice": voice, "source": source,
                "negated": is_negated(span), "sentence": sentences[sent_id]["text"] if sentences else "",
            }
        )
    return rows


def detect(texts: Iterable[str], nlp: Language | None = None, lexicon_dirs: list[str | Path] = ()) -> pd.DataFrame:
    """Cues in plain strings, with the same columns as ``analysis.cues`` (``doc_id`` = position)."""
    from toolkit.corpus import corpus_from_texts
    from toolkit.nlp import analyze

    return analyze(corpus_from_texts(texts), cache=False, nlp=nlp, lexicon_dirs=lexicon_dirs, progress=False).cues


# -- rates and tests -----------------------------------------------------------------------


@dataclass(frozen=True)
class _SentenceCounts:
    tokens: np.ndarray  # tokens per sentence
    counts: np.ndarray  # cues per sentence


def _check(analysis: "Analysis", voice: str | None, categories: Iterable[str]) -> None:
    unknown_voice = [v for v in (voice.split("+") if voice else []) if v not in VOICES]
    if unknown_voice:
        raise ValueError(f"unknown voice {unknown_voice[0]!r}; use {', '.join(VOICES)}, joined by '+' for several")
    unknown = [c for c in categories if c not in analysis.lexicon_categories]
    if unknown:
        raise ValueError(f"unknown cue category {unknown[0]!r}; this analysis has {', '.join(analysis.lexicon_categories)}")


def _groups(analysis: "Analysis", table: pd.DataFrame, by: str) -> pd.DataFrame:
    """``table`` with a column ``by`` from the documents (no merge needed when grouping by document)."""
    if by == "doc_id":
        return table
    return table.merge(analysis.corpus.docs[["doc_id", by]], on="doc_id", how="left")


def _sentence_counts(analysis: "Analysis", by: str, category: str, voice: str | None, include_negated: bool) -> dict:
    cues = analysis.cues[analysis.cues["category"] == category]
    if voice is not None:
        cues = cues[cues["voice"].isin(voice.split("+"))]
    if not include_negated:
        cues = cues[~cues["negated"].astype(bool)]
    per_sentence = cues.groupby(["doc_id", "sent_id"]).size()
    sents = _groups(analysis, analysis.sentences, by)
    sents = sents.assign(cues=[per_sentence.get((d, s), 0) for d, s in zip(sents["doc_id"], sents["sent_id"])])
    empty = _SentenceCounts(np.zeros(0), np.zeros(0))
    found = {g: _SentenceCounts(f["n_tokens"].to_numpy(float), f["cues"].to_numpy(float)) for g, f in sents.groupby(by, sort=False)}
    return {g: found.get(g, empty) for g in analysis.corpus.docs[by].drop_duplicates()}


def _rate(counts, tokens):
    """Cues per 1,000 tokens (NaN where there are no tokens); works on arrays of resamples too."""
    tokens = np.asarray(tokens, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(tokens > 0, 1000 * np.asarray(counts, dtype=float) / np.where(tokens > 0, tokens, 1), np.nan)


def _rng(seed: int, *labels: str) -> np.random.Generator:
    """A generator that depends only on the seed and the labels, never on the call order."""
    return np.random.default_rng([seed, *(zlib.crc32(label.encode("utf-8")) for label in labels)])


def _interval(data: _SentenceCounts, ci: float, n_boot: int, rng: np.random.Generator) -> tuple[float, float]:
    """The wider of two intervals: a percentile bootstrap over sentences (uneven spread of cues
    across sentences) and the exact Poisson interval for the count (rare cues; it does not
    collapse to a point when a report has none)."""
    from scipy.stats import chi2

    total, count = data.tokens.sum(), data.counts.sum()
    if total <= 0:
        return float("nan"), float("nan")
    alpha = 1 - ci
    p_low = chi2.ppf(alpha / 2, 2 * count) / 2 if count > 0 else 0.0
    p_high = chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2
    low, high = 1000 * p_low / total, 1000 * p_high / total
    picks = rng.integers(0, len(data.tokens), (n_boot, len(data.tokens)))
    boot = _rate(data.counts[picks].sum(axis=1), data.tokens[picks].sum(axis=1))
    b_low, b_high = np.nanquantile(boot, [alpha / 2, 1 - alpha / 2])
    return float(min(low, b_low)), float(max(high, b_high))


def rates(
    analysis: "Analysis",
    by: str = "outlet",
    voice: str | None = None,
    categories: Iterable[str] | None = None,
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 0,
    include_negated: bool = False,
) -> pd.DataFrame:
    """Cues per 1,000 tokens per group and category, with a confidence interval.

    ``voice`` keeps only cues in that voice ("authorial", "quoted", "attributed", or several
    joined by "+", e.g. "quoted+attributed"); None counts all. The denominator is always all of
    the group's tokens, so a voice's rate says how much of the whole report that voice's cues
    make up. Negated cues ("made no progress") are left out unless ``include_negated``.
    The interval is the wider of a bootstrap over sentences (seeded: the same seed gives the
    same numbers) and the exact Poisson interval for the count. Columns: ``outlet, category,
    voice, cues, tokens, sentences, per_1000_tokens, ci_low, ci_high``.
    """
    cats = list(categories) if categories is not None else list(analysis.lexicon_categories)
    _check(analysis, voice, cats)
    rows = []
    for category in cats:
        for group, data in _sentence_counts(analysis, by, category, voice, include_negated).items():
            low, high = _interval(data, ci, n_boot, _rng(seed, str(group), category, voice or "all")) if len(data.tokens) else (np.nan, np.nan)
            rows.append(
                {
                    by: group, "category": category, "voice": voice or "all", "cues": int(data.counts.sum()),
                    "tokens": int(data.tokens.sum()), "sentences": len(data.tokens),
                    "per_1000_tokens": round(float(_rate(data.counts.sum(), data.tokens.sum())), 3),
                    "ci_low": round(low, 3), "ci_high": round(high, 3),
                }
            )
    return pd.DataFrame(rows, columns=[by, "category", "voice", "cues", "tokens", "sentences", "per_1000_tokens", "ci_low", "ci_high"])


def permutation_test(
    analysis: "Analysis",
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

    Sentences are shuffled between the two groups; the two-sided p-value is the share of
    shuffles (plus the observed split) whose rate difference is at least as large as observed.
    Choose the two groups before looking at their rates, or use ``pairwise_tests``, which
    corrects for testing every pair.
    """
    _check(analysis, voice, [category])
    data = _sentence_counts(analysis, by, category, voice, include_negated)
    missing = [g for g in (a, b) if g not in data]
    if missing:
        raise KeyError(f"no {by} named {', '.join(map(repr, missing))}; known: {', '.join(map(str, data))}")
    tokens = np.concatenate([data[a].tokens, data[b].tokens])
    counts = np.concatenate([data[a].counts, data[b].counts])
    n_a = len(data[a].tokens)
    result = {"a": a, "b": b, "category": category, "voice": voice or "all",
              "rate_a": round(float(_rate(data[a].counts.sum(), data[a].tokens.sum())), 3),
              "rate_b": round(float(_rate(data[b].counts.sum(), data[b].tokens.sum())), 3),
              "difference": float("nan"), "p_value": float("nan"), "n_permutations": n_permutations}
    if data[a].tokens.sum() <= 0 or data[b].tokens.sum() <= 0:
        return result  # nothing to compare: no p-value rather than a made-up one

    def diff(idx_a: np.ndarray, idx_b: np.ndarray) -> np.ndarray:
        return _rate(counts[idx_a].sum(-1), tokens[idx_a].sum(-1)) - _rate(counts[idx_b].sum(-1), tokens[idx_b].sum(-1))

    order = np.arange(len(tokens))
    observed = float(diff(order[:n_a], order[n_a:]))
    rng = _rng(seed, a, b, category, voice or "all")
    shuffled = np.argsort(rng.random((n_permutations, len(tokens))), axis=1)
    extreme = np.abs(np.nan_to_num(diff(shuffled[:, :n_a], shuffled[:, n_a:]), nan=np.inf)) >= abs(observed) - 1e-12
    result.update(difference=round(observed, 3), p_value=round(float((extreme.sum() + 1) / (n_permutations + 1)), 4))
    return result


def pairwise_tests(
    analysis: "Analysis",
    category: str,
    by: str = "outlet",
    voice: str | None = None,
    n_permutations: int = 9999,
    seed: int = 0,
) -> pd.DataFrame:
    """Permutation tests for every pair of groups, with Holm's correction for testing them all
    (Holm 1979, "A simple sequentially rejective multiple test procedure")."""
    groups = list(analysis.corpus.docs[by].drop_duplicates())
    rows = [permutation_test(analysis, a, b, category, by, voice, n_permutations, seed)
            for i, a in enumerate(groups) for b in groups[i + 1 :]]
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    p = table["p_value"].to_numpy(float)
    order = np.argsort(np.where(np.isnan(p), np.inf, p), kind="stable")
    m = np.isfinite(p).sum()
    adjusted = np.full(len(p), np.nan)
    running = 0.0
    for rank, i in enumerate(order):
        if np.isnan(p[i]):
            continue
        running = max(running, min(1.0, (m - rank) * p[i]))
        adjusted[i] = running
    table["p_holm"] = np.round(adjusted, 4)
    return table


# -- reading the evidence ------------------------------------------------------------------


def kwic(analysis: "Analysis", category: str | None = None, width: int = 60, by: str = "outlet") -> pd.DataFrame:
    """Keyword in context: each cue with up to ``width`` characters either side, its voice and source."""
    cues = analysis.cues if category is None else analysis.cues[analysis.cues["category"] == category]
    texts = analysis.corpus.docs.set_index("doc_id")["text"]
    ids = analysis.corpus.docs["doc_id"]
    groups = pd.Series(ids.to_numpy(), index=ids) if by == "doc_id" else analysis.corpus.docs.set_index("doc_id")[by]
    rows = []
    for row in cues.itertuples(index=False):
        text = texts[row.doc_id]
        left = text[max(0, row.start - width) : row.start].replace("\n", " ")
        right = text[row.end : row.end + width].replace("\n", " ")
        rows.append(
            {
                by: groups[row.doc_id], "doc_id": row.doc_id, "left": left, "cue": row.text, "right": right,
                "category": row.category, "voice": row.voice, "source": row.source, "start": row.start, "end": row.end,
            }
        )
    columns = list(dict.fromkeys([by, "doc_id", "left", "cue", "right", "category", "voice", "source", "start", "end"]))
    return pd.DataFrame(rows, columns=columns)


class KwicHTML:
    """A keyword-in-context table that notebooks show as HTML with the cue highlighted."""

    def __init__(self, table: pd.DataFrame, by: str = "outlet"):
        self.table, self.by = table, by

    def _repr_html_(self) -> str:
        rows = "".join(
            "<tr>"
            f"<td>{html.escape(str(r[self.by]))}</td>"
            f"<td style='text-align:right'>{html.escape(r['left'])}</td>"
            f"<td><mark>{html.escape(r['cue'])}</mark></td>"
            f"<td style='text-align:left'>{html.escape(r['right'])}</td>"
            f"<td>{html.escape(r['voice'])}</td><td>{html.escape('' if pd.isna(r['source']) else str(r['source']))}</td>"
            "</tr>"
            for _, r in self.table.iterrows()
        )
        head = "".join(f"<th>{h}</th>" for h in (self.by, "before", "cue", "after", "voice", "source"))
        return f"<table class='kwic'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"

    def __repr__(self) -> str:
        lines = [f"{r[self.by]}: ...{r['left'][-40:]}[{r['cue']}]{r['right'][:40]}... ({r['voice']})" for _, r in self.table.iterrows()]
        return "\n".join(lines) or "(no cues)"


def kwic_html(table: pd.DataFrame, by: str = "outlet") -> KwicHTML:
    """Show a ``kwic`` table in a notebook with each cue highlighted."""
    return KwicHTML(table, by)
