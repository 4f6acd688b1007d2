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
from toolkit.cli.products import Products
from toolkit.compare import actors as actor_clusters
from toolkit.compare import claims, cues, entities, facts, leads, phrases, quotes, similarity, stance, wording
from toolkit.compare.summary import framing_summary
from toolkit.errors import NotApplicable
from toolkit.figures import plots, report, selection
from toolkit.figures.page import write_report
from toolkit.language.orchestrator import analyze
from toolkit.resources.event import Event, load_event


class _Steps:
    """Step messages on stderr, with the time each took."""

    def __init__(self, quiet: bool):
        self.quiet, self.started, self.name = quiet, None, None
        self.seconds: dict[str, float] = {}  # stage -> seconds, written to run.json

    def __call__(self, message: str, name: str | None = None) -> None:
        self.done()
        self.name, self.started = name or message.split()[0], time.perf_counter()
        if not self.quiet:
            print(f"{message} ...", end=" ", file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.started is not None:
            took = time.perf_counter() - self.started
            self.seconds[self.name] = round(self.seconds.get(self.name, 0.0) + took, 3)
            if not self.quiet:
                print(f"{took:.1f} s", file=sys.stderr, flush=True)
        self.started = None

    def record(self, name: str, seconds: float) -> None:
        self.seconds[name] = round(seconds, 3)


PARQUET_FROM = 2000  # documents: above, tables are written as Parquet (``--format auto``)
PART_ROWS = 250_000  # rows per part of a table written as a partitioned Parquet folder


def table_format(requested: str, n_docs: int, have_pyarrow: bool) -> str:
    """``csv`` or ``parquet``: CSV for small corpora (any tool opens it), Parquet for large
    ones (typed, compressed, read in parts)."""
    if requested == "auto":
        requested = "parquet" if n_docs > PARQUET_FROM else "csv"
    if requested == "parquet" and not have_pyarrow:
        raise SystemExit("error: --format parquet needs pyarrow (pip install 'framing-toolkit[scale]')")
    return requested


def _write(table: pd.DataFrame, out: Path, name: str, fmt: str, written: list[str]) -> None:
    """One table, once: ``name.csv``, ``name.parquet``, or for a long table a folder ``name/``
    of Parquet parts of ``PART_ROWS`` rows with one schema (``pandas.read_parquet`` reads the
    folder as one table)."""
    if fmt == "csv":
        table.to_csv(out / f"{name}.csv", index=False)
        written.append(f"{name}.csv")
        return
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = pa.Table.from_pandas(table, preserve_index=False)
    if len(table) <= PART_ROWS:
        pq.write_table(arrow, out / f"{name}.parquet")
        written.append(f"{name}.parquet")
        return
    folder = out / name
    folder.mkdir(exist_ok=True)
    for k, start in enumerate(range(0, len(table), PART_ROWS)):
        pq.write_table(arrow.slice(start, PART_ROWS), folder / f"part-{k:05d}.parquet")
    written.append(f"{name}/")


class _Made:
    """The tables and figures of one run, each attempted on its own (``Products``); a product
    whose input could not be made is skipped, naming that input."""

    def __init__(self, products: Products):
        self.products = products
        self.tables: dict[str, pd.DataFrame] = {}  # the tables made so far, by name
        self.missing: dict[str, str] = {}  # name -> "skipped" or "failed"

    def __call__(self, name: str, make, needs: tuple[str, ...] = ()):
        lacking = [f"{n} (which {self.missing[n]})" for n in needs if n in self.missing]
        if lacking:
            self.products.skipped.append((name, f"needs {', '.join(lacking)}"))
            self.missing[name] = "was skipped"
            return None
        failed = len(self.products.failed)
        value = self.products.attempt(name, make)
        if value is None:
            self.missing[name] = "failed" if len(self.products.failed) > failed else "was skipped"
        elif isinstance(value, pd.DataFrame):
            self.tables[name] = value  # made once: later products reuse it
        return value


def run_analyze(args: argparse.Namespace) -> int:
    step = _Steps(args.quiet)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    have_pyarrow = importlib.util.find_spec("pyarrow") is not None
    written: list[str] = []
    products = Products(debug=args.debug)
    made = _Made(products)

    step(f"loading {args.path}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load(args)
    step.done()
    for w in caught:
        print(f"warning: {w.message}", file=sys.stderr)
    if not args.quiet:
        print(f"{_count(len(corpus.docs), 'document')} from {_count(corpus.docs['outlet'].nunique(), 'outlet')}; "
              f"{len(corpus.rejected)} rejected", file=sys.stderr)
    if corpus.docs.empty:
        print("error: no document could be loaded; see rejected.csv", file=sys.stderr)
        corpus.rejected.to_csv(out / "rejected.csv", index=False)
        return 2

    event = load_event(args.event) if args.event else Event()
    actor_files = [*event.actors, *args.actors]
    slots = args.slots or event.slots
    substitutions = [*event.substitutions, *args.substitutions]

    if not args.quiet:
        print(f"parsing {len(corpus.docs)} documents ...", file=sys.stderr, flush=True)
    client = None
    if args.engine == "dask" and args.scheduler:
        from dask.distributed import Client

        client = Client(args.scheduler)
    parse_started = time.perf_counter()
    try:
        analysis = analyze(
            corpus, n_process=args.n_process, cache=not args.no_cache, model=args.model,
            actor_files=[str(a) for a in actor_files], lexicon_dirs=[str(d) for d in args.lexicons],
            cache_dir=args.cache_dir, progress=None if not args.quiet else False,
            engine=args.engine, client=client, workers=args.workers,
            repair=not args.no_repair, substitutions=substitutions,
        )
    finally:
        if client is not None:
            client.close()
    step.record("parsing", time.perf_counter() - parse_started)
    spin, corpus = analysis.spin, analysis.corpus
    if not args.quiet:
        spun = spin.loc[spin["flagged"], "doc_id"].tolist() if len(spin) else []
        if spun:
            done = (f"repaired with {len(corpus.repairs)} substitutions (repairs.csv)" if corpus.repairs is not None
                    else "counted as written (--no-repair)")
            print(f"{_count(len(spun), 'document')} read as machine-spun ({', '.join(spun[:3])}"
                  f"{', ...' if len(spun) > 3 else ''}): {done}", file=sys.stderr)

    step("computing tables")
    present = [c for c in report.CUE_CATEGORIES if c in analysis.lexicon_categories] or list(analysis.lexicon_categories)
    compared = made("claims_compare", lambda: claims.compare(analysis, slots=slots))
    disputes = made("disagreements", lambda: claims.disagreements(compared), needs=("claims_compare",))
    alignment = made("alignment", lambda: similarity.align_sentences(analysis))
    doc_sim = made("similarity", lambda: _small_similarity(corpus))
    clusters = made("actors", lambda: actor_clusters.cluster(analysis))
    neighbours = made("nearest", lambda: similarity.nearest(corpus, k=min(10, max(1, len(corpus.docs) - 1)), progress=False))
    uses = made("phrases", lambda: phrases.phrase_uses(
        analysis, actors=clusters, copies=similarity.copy_groups(neighbours, corpus.docs["doc_id"])), needs=("actors", "nearest"))
    found = made("facts", lambda: facts.facts(analysis, actors=clusters), needs=("actors",))
    fact_table, members = found if found is not None else (None, None)
    lead_table = made("leads", lambda: leads.leads(analysis, actors=clusters), needs=("actors",))
    stances = made("stance", lambda: stance.stance_by_source(analysis, actors=clusters), needs=("actors",))
    tables = {
        "documents": corpus.docs.drop(columns=["raw_text"]),
        "rejected": corpus.rejected,
        "sentences": analysis.sentences,
        "entities": analysis.entities,
        "actors": clusters.table if clusters is not None else None,
        "actor_merges": clusters.merges if clusters is not None else None,
        "entity_counts": made("entity_counts", lambda: entities.counts(analysis, actors=clusters), needs=("actors",)),
        "quotes": analysis.quotes,
        "quote_share": made("quote_share", lambda: quotes.share(analysis, actors=clusters), needs=("actors",)),
        "verb_profile": made("verb_profile", lambda: quotes.verb_profile(analysis)),
        "cues": analysis.cues,
        "cue_rates": made("cue_rates", lambda: cues.rates(
            analysis, voice=[None, "own", "others", "authorial", "quoted+attributed"], categories=present)),
        "claims": analysis.claims,
        "claims_compare": compared,
        "disagreements": disputes,
        "nearest": neighbours,
        "phrases": uses,
        "phrase_summary": made("phrase_summary", lambda: phrases.phrase_summary(uses), needs=("phrases",)),
        "wording": made("wording", lambda: wording.differences(alignment), needs=("alignment",)),
        "sentence_alignment": made("sentence_alignment", lambda: similarity.sentence_status(alignment), needs=("alignment",)),
        "alignment_summary": made("alignment_summary", lambda: similarity.alignment_summary(alignment), needs=("alignment",)),
        "distinctive_terms": made("distinctive_terms", lambda: similarity.distinctive_terms(analysis, lemmatize=True)),
        "leads": lead_table,
        "stance": stances,
        "facts": fact_table,
        "fact_members": members,
        "spin_report": spin,
        "spin_triggers": analysis.spin_triggers,
        "summary": made("summary", lambda: framing_summary(
            analysis, alignment=alignment, compared=compared, matrix=doc_sim, actors=clusters, fact_table=fact_table,
            members=members, lead_table=lead_table, stances=stances, nearest=neighbours, made=made.tables),
            needs=("alignment", "claims_compare", "nearest", "actors", "facts", "leads", "stance")),
        "outlet_similarity": made("outlet_similarity", lambda: similarity.outlet_similarity(neighbours, corpus.docs),
                                  needs=("nearest",)),
    }
    if doc_sim is not None:
        tables["similarity"] = doc_sim.stack().rename("similarity").reset_index()
    if corpus.repairs is not None:
        tables["repairs"] = corpus.repairs
    tables = {name: table for name, table in tables.items() if table is not None}
    step.done()

    fmt = table_format(args.format, len(corpus.docs), have_pyarrow)
    step(f"writing {len(tables)} tables ({fmt.upper() if fmt == 'csv' else 'Parquet'}) to {out}", "writing")
    for name, table in tables.items():
        _write(table, out, name, fmt, written)
    step.done()

    figures: list[str] = []
    drawn: dict[str, tuple] = {}  # figure name -> (SVG path, title), for the report
    if not args.no_figures:
        summary = tables.get("summary")
        # many outlets: per-outlet figures draw the largest; the tables keep every outlet
        n_outlets = corpus.docs["outlet"].nunique()
        shown = selection.largest_outlets(analysis, args.figure_outlets)
        cut = len(shown) < n_outlets
        view = selection.only_outlets(analysis, shown) if cut else analysis
        if cut:
            figure_note = (f"figures of outlets show the {len(shown)} largest of {n_outlets:,} (most documents, then "
                           f"tokens; --figure-outlets N for more); every table has all {n_outlets:,}")
            if not args.quiet:
                print(f"note: {figure_note}", file=sys.stderr)
            products.notes.append(figure_note)
        step("drawing figures")
        drawings = {
            "summary": (lambda: report.summary_figure(summary, disputes, stances, outlets=shown if cut else None),
                        ("summary", "disagreements", "stance")),
            "leads": (lambda: report.lead_figure(lead_table, corpus), ("leads",)),
            "stance_by_source": (lambda: report.stance_figure(stances, corpus), ("stance",)),
            "facts_kept_and_dropped": (lambda: report.facts_figure(fact_table, members, corpus), ("facts",)),
            "actor_mentions": (lambda: report.actor_mentions_figure(view, actors=clusters), ("actors",)),
            "quoted_voices": (lambda: report.quoted_voices_figure(view, actors=clusters), ("actors",)),
            "frame_phrases": (lambda: report.phrase_figure(uses, corpus), ("phrases",)),
            "reporting_verbs": (lambda: report.reporting_verbs_figure(view), ()),
            "cue_rates": (lambda: report.cue_rates_figure(analysis, categories=present, table=tables.get("cue_rates"),
                                                         outlets=shown if cut else None), ()),
            "sentence_alignment": (lambda: report.alignment_figure(
                alignment[alignment["outlet"].isin(shown)] if cut else alignment, view.corpus), ("alignment",)),
            "distinctive_terms": (lambda: report.distinctive_terms_figure(analysis, outlets=shown if cut else None), ("distinctive_terms",)),
            "spin_scores": (lambda: report.spin_figure(view.spin, view.corpus), ()),
            "similarity": (lambda: report.similarity_figure(corpus, matrix=doc_sim), ("similarity",))
            if len(corpus.docs) <= report.HEATMAP_DOCUMENTS else
            (lambda: report.outlet_similarity_figure(tables["outlet_similarity"], corpus, shown), ("outlet_similarity",)),
        }
        for name, (draw, needs) in drawings.items():
            saved = made(f"figures/{name}", lambda: plots.save(draw(), name, out / "figures"), needs=needs)
            if saved is not None:
                figures.append(f"figures/{name}.png")
                drawn[name] = (saved.svg, saved.title)
        step.done()

    page = None
    if not args.no_figures and not args.no_report:
        step("writing report.html", "report")
        header = [f"Articles: {args.path}; {_count(len(corpus.docs), 'document')} from "
                 f"{_count(corpus.docs['outlet'].nunique(), 'outlet')}, {len(corpus.rejected)} rejected (rejected.csv).",
                 *[f"Note: {n}." for n in products.notes]]
        page = made("report.html", lambda: write_report(
            out / "report.html", analysis, tables, clusters, drawn, facts=header,
            not_made=[*products.skipped, *products.failed],
            files={f.rstrip("/").split(".")[0]: f for f in written}))  # "name.csv", "name.parquet", "name/"
        step.done()

    (out / "README.md").write_text(_index(args, corpus, written, figures, fmt, products, page is not None),
                                   encoding="utf-8")
    _write_run(out / "run.json", corpus, step.seconds, products)
    if not args.quiet:
        for name, reason in products.skipped:
            print(f"note: skipped {name}: {reason}", file=sys.stderr)
    for name, error in products.failed:
        print(f"error: {name} could not be made ({error}); this is a bug: rerun with --debug for the details",
              file=sys.stderr)
    if not args.quiet:
        start = out / "report.html" if page is not None else out / "README.md"
        print(f"wrote {len(written)} tables ({'CSV' if fmt == 'csv' else 'Parquet'}), {len(figures)} figures"
              f"{' and report.html' if page is not None else ''} to {out}; start with {start}", file=sys.stderr)
    return 1 if products.failed else 0


def _write_run(path: Path, corpus, seconds: dict[str, float], products: Products) -> None:
    """What this run did and how long each stage took (``loading``, ``parsing``, ``computing``,
    ``writing``, ``drawing``), for a user timing a large corpus and for ``bench/``."""
    import json

    run = {"documents": len(corpus.docs), "outlets": int(corpus.docs["outlet"].nunique()),
           "rejected": len(corpus.rejected), "seconds": seconds, "notes": products.notes,
           "skipped": [{"product": n, "reason": r} for n, r in products.skipped],
           "failed": [{"product": n, "error": str(e)} for n, e in products.failed]}
    path.write_text(json.dumps(run, indent=2) + "\n", encoding="utf-8")


SIMILARITY_TABLE_LIMIT = 500  # documents; above, every pair is too many rows to be of use


def _small_similarity(corpus) -> pd.DataFrame:
    """Every document pair's similarity, for a corpus small enough to read them all."""
    n = len(corpus.docs)
    if n > SIMILARITY_TABLE_LIMIT:
        raise NotApplicable(f"{n:,} documents make {n * (n - 1) // 2:,} pairs; nearest.csv holds each document's "
                            f"closest and outlet_similarity.csv each outlet's")
    return similarity.doc_similarity(corpus)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _index(args, corpus, written: list[str], figures: list[str], fmt: str, products: Products,
           page: bool = False) -> str:
    lines = [
        "# Framing analysis",
        "",
        *(["Open `report.html` in a browser: the summary, every figure and table, and the sentences behind each "
           "count, with filters by outlet, cue category and voice.", ""] if page else []),
        f"Articles: `{args.path}`; {_count(len(corpus.docs), 'document')} from {_count(corpus.docs['outlet'].nunique(), 'outlet')}, "
        f"{len(corpus.rejected)} rejected (see `rejected.csv`).",
        "",
        ("Every table is CSV" if fmt == "csv" else
         f"Every table is Parquet (`pandas.read_parquet`); one of more than {PART_ROWS:,} rows is a folder of parts "
         "that reads as one table") + "; rows that point into a text carry `doc_id, start, end`,",
        f"character offsets into the `text` column of `documents.{'csv' if fmt == 'csv' else 'parquet'}`.",
        "",
        "## Tables",
        "",
        *[f"- `{name}`" for name in written],
    ]
    if figures:
        lines += ["", "## Figures", "", *[f"Note: {n}." for n in products.notes], *([""] if products.notes else []),
                  *[f"![{f}]({f})" for f in figures]]
    if products.skipped or products.failed:
        lines += ["", "## Not made", ""]
        lines += [f"- `{name}`: skipped: {reason}" for name, reason in products.skipped]
        lines += [f"- `{name}`: failed: {error}" for name, error in products.failed]
    return "\n".join(lines) + "\n"
