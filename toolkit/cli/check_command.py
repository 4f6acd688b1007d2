"""``toolkit check``: load and validate the articles, report what would be analysed and what not."""

from __future__ import annotations

import argparse
import warnings

from toolkit.cli.loading import load


def run_check(args: argparse.Namespace) -> int:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load(args)
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
