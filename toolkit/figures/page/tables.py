"""The report's building blocks: what a run hands the page (``Inputs``), and a table of the page
(``Table``: columns, rows, and for each linked cell the evidence group it opens)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from toolkit.compare import actors as actor_clusters
from toolkit.figures.page.evidence import Evidence
from toolkit.language.analysis import Analysis

TABLE_BUDGET = 3000  # evidence items a table may keep, shared by its linked columns (a count keeps 1 to 12)
MAX_ROWS = 5000  # rows a table shows; the file on disk has them all


@dataclass
class Inputs:
    """What a run made: the analysis, its tables by output name, the actor clusters and the
    figures drawn (name -> (SVG path, title))."""

    analysis: Analysis
    tables: Mapping[str, pd.DataFrame]
    actors: actor_clusters.Actors | None
    figures: Mapping[str, tuple] = field(default_factory=dict)
    evidence: Evidence = None  # type: ignore[assignment]
    files: Mapping[str, str] = field(default_factory=dict)  # table name -> the file it was written to

    def __post_init__(self):
        if self.evidence is None:
            self.evidence = Evidence(self.analysis.corpus.docs, self.analysis.sentences)
        self._cache: dict = {}

    def once(self, name: str, make: Callable):
        if name not in self._cache:
            self._cache[name] = make()
        return self._cache[name]

    def file(self, name: str) -> str:
        """Where the table ``name`` is on disk, for "all rows: ..." notes."""
        return self.files.get(name, f"{name}.csv")


@dataclass
class Column:
    label: str
    numeric: bool = False
    help: str = ""


@dataclass
class Table:
    id: str
    caption: str
    columns: list[Column]
    rows: list[list]  # [cells, [column, group, column, group ...], outlets, categories, voices]
    source: str = ""  # the file on disk with every row
    note: str = ""
    sources: dict = field(default_factory=dict)  # column label -> the file with every row behind its counts


@dataclass
class Section:
    id: str
    title: str
    intro: str
    figures: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def cell(v):
    """A JSON-safe cell: None for missing, rounded floats, plain ints and strings."""
    if v is None:
        return None
    if isinstance(v, (bool, np.bool_)):
        return "yes" if v else "no"
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return None if np.isnan(v) else round(float(v), 3)
    if not isinstance(v, str) and pd.isna(v):
        return None
    return str(v)


def with_outlet(inputs: Inputs, frame: pd.DataFrame) -> pd.DataFrame:
    if "outlet" in frame:
        return frame
    docs = inputs.analysis.corpus.docs[["doc_id", "outlet"]]
    return frame.merge(docs, on="doc_id", how="left")


@dataclass(eq=False)
class Link:
    """What the cells of a column open: the rows the column counts (``Evidence.group_by``
    input), grouped by ``keys``; ``key_of`` gives a table row's key; ``options`` go to
    ``group_by`` (``voice``, ``category``, ``note``, ``original``). Two columns that pass the
    same ``Link`` open the same groups."""

    rows: pd.DataFrame
    keys: tuple[str, ...]
    key_of: Callable
    options: dict = field(default_factory=dict)
    source: str = ""  # the output table that holds every one of these rows

    def groups(self, evidence: Evidence, records: list[dict], budget: int) -> dict:
        """The groups of the keys the shown rows have, and of no other key."""
        wanted = {self.key_of(r) for r in records}
        rows = self.rows
        if len(self.keys) == 1:
            rows = rows[rows[self.keys[0]].isin(wanted)]
        elif len(rows):
            rows = rows[pd.MultiIndex.from_frame(rows[list(self.keys)]).isin(list(wanted))]
        return evidence.group_by(rows, list(self.keys), budget, **self.options)


def shown_rows(frame: pd.DataFrame, outlet: str | None, most: int = MAX_ROWS) -> tuple[pd.DataFrame, str]:
    """The rows a table shows, and a note when it cannot show all: up to ``MAX_ROWS``, and
    when rows belong to outlets, each outlet's first rows (so that an outlet filter still
    finds every outlet)."""
    if len(frame) <= most:
        return frame, ""
    if outlet and outlet in frame and frame[outlet].nunique() <= most:
        each = max(1, most // max(1, frame[outlet].nunique()))
        return (frame.groupby(outlet, sort=False).head(each),
                f"Each outlet's first {each:,} rows, {min(len(frame), each * frame[outlet].nunique()):,} of "
                f"{len(frame):,};")
    return frame.head(most), f"The first {most:,} of {len(frame):,} rows;"


def build_table(inputs: Inputs, table_id: str, caption: str, frame: pd.DataFrame, columns: list[tuple],
                links: Mapping[str, Link] | None = None, outlet: str | None = "outlet", category: str | None = None,
                dims: str = "okv", source: str = "", note: str = "",
                outlets_of: Callable[[dict], list] | None = None, max_rows: int = MAX_ROWS) -> Table:
    """A table of ``frame``: ``columns`` are (column name or function of the row, label,
    numeric); ``links`` maps a label to the ``Link`` its cells open. For the filters,
    ``outlet`` and ``category`` name the row's own outlet and category columns, ``outlets_of``
    gives the outlets of a row that has none of its own, and the row's evidence supplies the
    rest of ``dims`` (o = outlet, k = category, v = voice). ``max_rows``: rows shown at most."""
    ev = inputs.evidence
    links = links or {}
    shown, cut = shown_rows(frame, outlet, max_rows)
    if cut:
        note = (note + " " if note else "") + f"{cut} {source} has them all."
    records = shown.to_dict("records")
    distinct = list(dict.fromkeys(links.values()))
    budget = TABLE_BUDGET // max(1, len(distinct))
    found = {id(link): link.groups(ev, records, budget) for link in distinct}
    rows = []
    labels = [c[1] for c in columns]
    for record in records:
        cells = [cell(c[0](record) if callable(c[0]) else record.get(c[0])) for c in columns]
        linked, groups = [], []
        for label, link in links.items():
            g = found[id(link)].get(link.key_of(record))
            if g is not None:
                linked += [labels.index(label), g]
                groups.append(g)
        if outlet and record.get(outlet) in ev._outlet_at:
            o = [ev.outlet_index(record[outlet])]
        elif outlets_of is not None:
            o = [i for i in (ev.outlet_index(x) for x in outlets_of(record)) if i is not None]
        else:
            o = list(dict.fromkeys(x for g in groups for x in ev.outlets_of(g)))
        k = [ev.category_index(record[category])] if category else \
            list(dict.fromkeys(x for g in groups for x in ev.categories_of(g)))
        v = list(dict.fromkeys(x for g in groups for x in ev.voices_of(g)))
        rows.append([cells, linked, o if "o" in dims else [], k if "k" in dims else [], v if "v" in dims else []])
    return Table(table_id, caption, [Column(c[1], bool(c[2]) if len(c) > 2 else False) for c in columns], rows,
                 source=source, note=note,
                 sources={label: inputs.file(link.source) for label, link in links.items() if link.source})


LISTED_OUTLETS = 8  # outlets a cell names before it says how many more


def outlet_lists(inputs: Inputs, rows: pd.DataFrame, key: str) -> tuple[dict, dict]:
    """``({key: "Label; Label; ... and N more"}, {key: [outlet, ...]})``: the outlets of each
    key's rows, in corpus order, named by their labels (a semicolon between them, since a label
    may hold a comma; ``LISTED_OUTLETS`` at most), and all of them for the filters."""
    ev = inputs.evidence
    labels = ev.label_of
    at = {o: i for i, o in enumerate(ev.outlets)}
    named, every = {}, {}
    for k, outlets in rows.groupby(key, sort=False)["outlet"]:
        ordered = sorted(set(outlets), key=lambda o: (at.get(o, len(at)), str(o)))
        text = "; ".join(labels.get(o, str(o)) for o in ordered[:LISTED_OUTLETS])
        if len(ordered) > LISTED_OUTLETS:
            text += f"; and {len(ordered) - LISTED_OUTLETS:,} more"
        named[k], every[k] = text, ordered
    return named, every


def pct(value) -> str | None:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else f"{100 * float(value):.0f}%"


def interval(rate, low, high) -> str | None:
    if rate is None or (isinstance(rate, float) and np.isnan(rate)):
        return None
    return f"{rate:.1f} ({low:.1f} to {high:.1f})"
