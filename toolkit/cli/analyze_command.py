"""``toolkit analyze``: the whole job, from a folder or table of articles to every table and figure."""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

from toolkit.cli.loading import load
from toolkit.compare import claims, cues, entities, quotes, similarity
from toolkit.compare.summary import framing_summary
from toolkit.corpus import quality
from toolkit.figures import plots, report
from toolkit.language.orchestrator import analyze


class _Steps:
    """Step messages on stderr, with the time each took."""

    def __init__(self, quiet: bool):
        self.quiet, self.started = quiet, None

    def __call__(self, message: str) -> None:
        self.done()
        if not self.quiet:
            print(f"{message} ...", end=" ", file=sys.stderr, flush=True)
            self.started = time.perf_counter()

    def done(self) -> None:
        if self.started is not None and not self.quiet:
            print(f"{time.perf_counter() - self.started:.1f} s", file=sys.stderr, flush=True)
        self.started = None


def _write(table: pd.DataFrame, out: Path, name: str, parquet: bool, written: list[str]) -> None:
    table.to_csv(out / f"{name}.csv", index=False)
    written.append(f"{name}.csv")
    if parquet:
        table.to_parquet(out / f"{name}.parquet", index=False)


def run_analyze(args: argparse.Namespace) -> int:
    step = _Steps(args.quiet)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    parquet = importlib.util.find_spec("pyarrow") is not None
    written: list[str] = []

    step(f"loading {args.path}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load(args)
    step.done()
    for w in caught:
        print(f"warning: {w.message}", file=sys.stderr)
    if not args.quiet:
        print(f"{len(corpus.docs)} documents from {corpus.docs['outlet'].nunique()} outlets; "
              f"{len(corpus.rejected)} rejected", file=sys.stderr)
    if corpus.docs.empty:
        print("error: no document could be loaded; see rejected.csv", file=sys.stderr)
        corpus.rejected.to_csv(out / "rejected.csv", index=False)
        return 2

    step("looking for machine-spun copies")
    triggers = quality.spin_triggers(corpus)
    spin = quality.spin_report(corpus, triggers=triggers)
    if args.repair:
        corpus = quality.repair(corpus)
    step.done()

    if not args.quiet:
        print(f"parsing {len(corpus.docs)} documents ...", file=sys.stderr, flush=True)
    client = None
    if args.engine == "dask" and args.scheduler:
        from dask.distributed import Client

        client = Client(args.scheduler)
    try:
        analysis = analyze(
            corpus, n_process=args.n_process, cache=not args.no_cache, model=args.model,
            actor_files=[str(a) for a in args.actors], lexicon_dirs=[str(d) for d in args.lexicons],
            cache_dir=args.cache_dir, progress=None if not args.quiet else False,
            engine=args.engine, client=client, workers=args.workers,
        )
    finally:
        if client is not None:
            client.close()

    step("computing tables")
    compared = claims.compare(analysis, slots=args.slots)
    disputes = claims.disagreements(compared)
    alignment = similarity.align_sentences(analysis)
    present = [c for c in report.CUE_CATEGORIES if c in analysis.lexicon_categories] or list(analysis.lexicon_categories)
    cue_rates = pd.concat([cues.rates(analysis, voice=v, categories=present)
                           for v in (None, "authorial", "quoted+attributed")], ignore_index=True)
    summary = framing_summary(analysis, spin=spin, alignment=alignment, compared=compared)
    skipped: list[str] = []
    many = len(corpus.docs) > similarity.DENSE_LIMIT
    doc_sim = None if many else similarity.doc_similarity(corpus)
    tables = {
        "documents": corpus.docs.drop(columns=["raw_text"]),
        "rejected": corpus.rejected,
        "sentences": analysis.sentences,
        "entities": analysis.entities,
        "entity_counts": entities.counts(analysis),
        "quotes": analysis.quotes,
        "quote_share": quotes.share(analysis),
        "verb_profile": quotes.verb_profile(analysis),
        "cues": analysis.cues,
        "cue_rates": cue_rates,
        "claims": analysis.claims,
        "claims_compare": compared,
        "disagreements": disputes,
        "nearest": similarity.nearest(corpus, k=min(10, max(1, len(corpus.docs) - 1)), progress=False),
        "sentence_alignment": similarity.sentence_status(alignment),
        "alignment_summary": similarity.alignment_summary(alignment),
        "distinctive_terms": _optional(lambda: similarity.distinctive_terms(analysis, lemmatize=True), skipped),
        "spin_report": spin,
        "spin_triggers": triggers,
        "summary": summary,
    }
    if doc_sim is not None:
        tables["similarity"] = doc_sim.stack().rename("similarity").reset_index()
    if corpus.repairs is not None:
        tables["repairs"] = corpus.repairs
    step.done()

    step(f"writing {len(tables)} tables to {out}")
    for name, table in tables.items():
        if table is not None:
            _write(table, out, name, parquet, written)
    step.done()
    for reason in skipped if not args.quiet else []:
        print(f"note: {reason}", file=sys.stderr)

    figures: list[str] = []
    if not args.no_figures:
        step("drawing figures")
        drawings = {
            "summary": lambda: report.summary_figure(summary, disputes),
            "actor_mentions": lambda: report.actor_mentions_figure(analysis),
            "quoted_voices": lambda: report.quoted_voices_figure(analysis),
            "reporting_verbs": lambda: report.reporting_verbs_figure(analysis),
            "cue_rates": lambda: report.cue_rates_figure(analysis, categories=present),
            "sentence_alignment": lambda: report.alignment_figure(alignment, corpus),
            "distinctive_terms": lambda: report.distinctive_terms_figure(analysis),
            "spin_scores": lambda: report.spin_figure(spin, corpus),
        }
        if doc_sim is not None and len(corpus.docs) <= 40:
            drawings["similarity"] = lambda: report.similarity_figure(corpus)
        if tables["distinctive_terms"] is None:
            drawings.pop("distinctive_terms")
        for name, draw in drawings.items():
            plots.save(draw(), name, out / "figures")
            figures.append(f"figures/{name}.png")
        step.done()

    (out / "README.md").write_text(_index(args, corpus, written, figures, parquet), encoding="utf-8")
    if not args.quiet:
        print(f"wrote {len(written)} tables{' (CSV and Parquet)' if parquet else ''} and {len(figures)} figures "
              f"to {out}; start with {out / 'README.md'}", file=sys.stderr)
    return 0


def _optional(make, skipped: list[str]):
    """A table that some corpora cannot have (distinctive terms need two outlets): None, with a note."""
    try:
        return make()
    except ValueError as exc:
        skipped.append(str(exc))
        return None


def _index(args, corpus, written: list[str], figures: list[str], parquet: bool) -> str:
    lines = [
        "# Framing analysis",
        "",
        f"Articles: `{args.path}`; {len(corpus.docs)} documents from {corpus.docs['outlet'].nunique()} outlets, "
        f"{len(corpus.rejected)} rejected (see `rejected.csv`).",
        "",
        "Every table is CSV" + (" and Parquet" if parquet else "") + "; rows that point into a text carry `doc_id, start, end`,",
        "character offsets into the `text` column of `documents.csv`.",
        "",
        "## Tables",
        "",
        *[f"- `{name}`" for name in written],
    ]
    if figures:
        lines += ["", "## Figures", "", *[f"![{f}]({f})" for f in figures]]
    return "\n".join(lines) + "\n"
