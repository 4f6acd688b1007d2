"""Reading the articles a command is pointed at, from the options both commands share."""

from __future__ import annotations

import argparse

from toolkit.corpus.load import Corpus, load_corpus


def load(args: argparse.Namespace) -> Corpus:
    """The corpus named on the command line, bad documents listed (or raised with ``--strict``)."""
    return load_corpus(
        args.path, errors="raise" if args.strict else "report", encoding=args.encoding, manifest=args.manifest,
        text_column=args.text_column, id_column=args.id_column, outlet_column=args.outlet_column,
        label_column=args.label_column, recursive=args.recursive,
    )


