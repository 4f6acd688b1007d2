"""The evidence report: one self-contained HTML page of a run's summary, figures and tables,
each count linked to the sentences behind it (``evidence``: the sentences and their marks;
``tables``: a table of the page; ``counted``: the rows behind each count; ``sections``: what
each analysis shows; ``render``: the page, its style and its script)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from toolkit.compare import actors as actor_clusters
from toolkit.figures.page import render, sections
from toolkit.figures.page import tables as page_tables
from toolkit.language.analysis import Analysis


def write_report(path: str | Path, analysis: Analysis, tables: Mapping[str, pd.DataFrame],
                 actors: actor_clusters.Actors | None = None, figures: Mapping[str, tuple] | None = None,
                 facts: list[str] = (), not_made: list[tuple[str, str]] = (), files: Mapping[str, str] | None = None) -> Path:
    """Write ``report.html`` for one run: ``tables`` by output name, ``figures`` as name ->
    (SVG path, title), ``facts`` the lines under the heading, ``not_made`` (product, reason)
    pairs, ``files`` the file each table was written to (default ``name.csv``)."""
    inputs = page_tables.Inputs(analysis, tables, actors, dict(figures or {}), files=dict(files or {}))
    found = sections.sections(inputs)
    n = analysis.corpus.docs["outlet"].nunique()
    heading = f"How {n:,} outlet{'' if n == 1 else 's'} reported the same event"
    page = render.render(found, inputs.evidence.payload(), inputs.figures, heading, list(facts), list(not_made))
    return render.write(Path(path), page)
