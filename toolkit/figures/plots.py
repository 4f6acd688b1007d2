"""One figure style and one deterministic way to save figures.

Two builds from the same inputs give byte-identical PNG and SVG files: the PNG carries no
software stamp, the SVG no date or creator, and SVG element ids come from a fixed salt.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from toolkit.config import FIGURES_DIR, display_path

# Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
RELATION_COLORS = {"original": "#0072B2", "rewrite": "#E69F00", "machine-spun": "#D55E00"}
UNKNOWN_COLOR = "#999999"

STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "x",
    "grid.color": "#dddddd",
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "figure.titlesize": 12,
    "figure.titleweight": "bold",
    "svg.hashsalt": "framing-toolkit",
    "svg.fonttype": "path",
}


NOTE_COLOR = "#555555"


def _caption(fig: Figure, title: str, note: str, note_y: float = 0.0, title_y: float | None = None) -> None:
    """The figure-wide title (left-aligned, stating the finding) and the grey source note below."""
    if title:
        if "\n" not in title:  # about 9.5 characters an inch at 12 pt bold
            title = _wrap(title, max(50, int(fig.get_figwidth() * 9.5)))
        fig.suptitle(title, x=0.01, ha="left", **({"y": title_y} if title_y is not None else {}))
    if note:
        if "\n" not in note:  # wrap to the figure's width (about 15 characters an inch at 8 pt)
            note = _wrap(note, max(60, int(fig.get_figwidth() * 15)))
        fig.text(0.01, note_y, note, fontsize=8, color=NOTE_COLOR, ha="left", va="top")


def style():
    """Context manager that applies the toolkit style: ``with plots.style(): fig, ax = ...``."""
    return matplotlib.rc_context(STYLE)


@dataclass(frozen=True)
class SavedFigure:
    """The files a figure was written to; shows as the saved PNG in a notebook."""

    png: Path
    svg: Path
    title: str = ""  # the finding the figure states (its suptitle, else its first title), one line

    def _repr_png_(self) -> bytes:
        return self.png.read_bytes()

    def __repr__(self) -> str:
        return f"SavedFigure({display_path(self.png)}, {display_path(self.svg)})"


def save(fig: Figure, name: str, directory: str | Path | None = None) -> SavedFigure:
    """Write ``fig`` as ``name.png`` and ``name.svg`` with deterministic bytes, then close it."""
    directory = Path(directory) if directory is not None else FIGURES_DIR
    directory.mkdir(parents=True, exist_ok=True)
    png, svg = directory / f"{name}.png", directory / f"{name}.svg"
    title = fig.get_suptitle() or next((ax.get_title(loc) for ax in fig.axes for loc in ("left", "center", "right")
                                        if ax.get_title(loc)), "")
    with matplotlib.rc_context(STYLE):
        fig.savefig(png, format="png", metadata={"Software": None})
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return SavedFigure(png=png, svg=svg, title=" ".join(title.split()))


def category_colors(categories) -> dict[str, str]:
    """A stable colour per category: known relations get their own, others the palette in order."""
    colors = {}
    spare = iter(c for c in PALETTE if c not in RELATION_COLORS.values())
    for cat in dict.fromkeys(categories):
        if cat in RELATION_COLORS:
            colors[cat] = RELATION_COLORS[cat]
        elif cat is None or cat != cat or cat == "unknown":
            colors[cat] = UNKNOWN_COLOR
        else:
            colors[cat] = next(spare, UNKNOWN_COLOR)
    return colors


def length_panels(
    profile: pd.DataFrame,
    measures: tuple[str, ...] = ("words", "sentences", "paragraphs"),
    hue: pd.Series | None = None,
    hue_title: str = "",
    title: str = "",
    note: str = "",
) -> Figure:
    """One horizontal bar panel per measure of a ``length_profile`` table, one bar per document.

    ``hue`` maps each ``doc_id`` to a category (e.g. the relation to a wire story) that colours
    its bar; documents it does not cover are grey. Bars are labelled with ``label``, with the
    doc_id added where two documents share a label.
    """
    docs = profile.drop_duplicates("doc_id")[["doc_id", "label"]]
    shared = docs["label"].duplicated(keep=False)
    names = [f"{lab} ({doc})" if dup else lab for doc, lab, dup in zip(docs["doc_id"], docs["label"], shared)]
    doc_ids = list(docs["doc_id"])
    categories = [hue.get(d, "unknown") for d in doc_ids] if hue is not None else []
    colors = category_colors(categories) if hue is not None else {}
    bar_colors = [colors[c] for c in categories] if hue is not None else PALETTE[0]
    with style():
        fig, axes = plt.subplots(
            1, len(measures), sharey=True, figsize=(3.2 * len(measures), 0.45 * len(doc_ids) + 1.6)
        )
        axes = [axes] if len(measures) == 1 else list(axes)
        for ax, measure in zip(axes, measures):
            values = profile[profile["measure"] == measure].set_index("doc_id")["value"].reindex(doc_ids)
            ax.barh(range(len(doc_ids)), values.to_numpy(), color=bar_colors)
            for y, v in enumerate(values):
                ax.text(v, y, f" {v:,}", va="center", fontsize=8)
            ax.set_xlabel(f"{measure} per report")
            ax.set_xlim(0, values.max() * 1.22)
            ax.set_title(measure.capitalize())
        axes[0].set_yticks(range(len(doc_ids)), names)
        axes[0].invert_yaxis()
        height = fig.get_figheight()
        legend_band = 0.7 / height if colors else 0.0  # inches kept free under the panels
        fig.tight_layout(rect=(0, legend_band, 1, 1 - 0.45 / height if title else 1))
        if colors:
            handles = [Patch(color=c, label=str(k)) for k, c in colors.items()]
            fig.legend(handles=handles, title=hue_title or None, loc="lower center",
                       ncol=len(handles), frameon=False, bbox_to_anchor=(0.5, 0.0))
        _caption(fig, title, note, note_y=-0.1 / height)
    return fig


def heatmap(
    wide: pd.DataFrame,
    title: str = "",
    colorbar_label: str = "",
    value_format: str = "{:.1f}",
    note: str = "",
    cmap: str = "Blues",
    vmin: float | None = 0.0,
) -> Figure:
    """A table as a grid of coloured cells with their values written in; rows and columns as given.

    Empty cells (NaN) are left white, so "not mentioned" reads differently from a small value.
    Colours run from ``vmin`` (None: the smallest value) to the largest value.
    """
    values = wide.to_numpy(dtype=float)
    finite = values[~pd.isna(values)]
    top = finite.max() if finite.size else 1.0
    low = (finite.min() if finite.size else 0.0) if vmin is None else vmin
    low = min(low, top - 1e-9)
    with style():
        fig, ax = plt.subplots(figsize=(1.2 * wide.shape[1] + 3.2, 0.36 * wide.shape[0] + 1.6))
        mesh = ax.pcolormesh(values, cmap=cmap, vmin=low, vmax=top, edgecolors="white", linewidth=1)
        for (r, c), v in pd.DataFrame(values).stack().dropna().items():
            ax.text(c + 0.5, r + 0.5, value_format.format(v), ha="center", va="center", fontsize=8,
                    color="white" if v > low + 0.6 * (top - low) else "#222222")
        ax.set_xticks([i + 0.5 for i in range(wide.shape[1])], [str(c) for c in wide.columns], rotation=30, ha="right")
        ax.set_yticks([i + 0.5 for i in range(wide.shape[0])], [str(i) for i in wide.index])
        ax.invert_yaxis()
        ax.grid(False)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.tick_params(length=0)
        bar = fig.colorbar(mesh, ax=ax, fraction=0.04, pad=0.02)
        bar.set_label(colorbar_label)
        bar.outline.set_visible(False)
        if title:
            ax.set_title(title, loc="left", pad=12)
        _caption(fig, "", note)
        fig.tight_layout()
    return fig


VOICE_STYLES = {
    "own": ("#0072B2", "o"),
    "others": ("#D55E00", "s"),
    "authorial": ("#0072B2", "o"),
    "quoted+attributed": ("#D55E00", "s"),
    "quoted": ("#D55E00", "s"),
    "attributed": ("#CC79A7", "^"),
    "all": ("#333333", "o"),
}


def rate_intervals(
    rates: pd.DataFrame,
    by: str = "outlet",
    labels: pd.Series | None = None,
    title: str = "",
    note: str = "",
    columns: int = 3,
) -> Figure:
    """Small multiples, one per category: each group's rate per 1,000 tokens as a point with its
    interval, one marker per voice, so that differences can be read against their uncertainty."""
    categories = list(dict.fromkeys(rates["category"]))
    groups = list(dict.fromkeys(rates[by]))
    voices = list(dict.fromkeys(rates["voice"]))
    names = [str(labels.get(g, g)) if labels is not None else str(g) for g in groups]
    rows = -(-len(categories) // columns)
    offsets = {v: (i - (len(voices) - 1) / 2) * 0.22 for i, v in enumerate(voices)}
    with style():
        fig, axes = plt.subplots(rows, columns, figsize=(3.6 * columns, 0.38 * len(groups) * rows + 1.4 * rows),
                                 sharey=True, squeeze=False)
        for ax, category in zip(axes.flat, categories):
            part = rates[rates["category"] == category]
            for voice in voices:
                color, marker = VOICE_STYLES.get(voice, ("#333333", "o"))
                sub = part[part["voice"] == voice].set_index(by).reindex(groups)
                y = [i + offsets[voice] for i in range(len(groups))]
                ax.hlines(y, sub["ci_low"], sub["ci_high"], color=color, linewidth=1.6, alpha=0.6)
                ax.plot(sub["per_1000_tokens"], y, marker, color=color, markersize=5, label=voice)
            ax.set_title(category)
            ax.set_xlim(left=0)
            ax.set_xlabel("per 1,000 tokens")
            ax.grid(True, axis="x")
        for ax in list(axes.flat)[len(categories):]:
            ax.set_visible(False)
        axes[0][0].set_yticks(range(len(groups)), names)
        axes[0][0].invert_yaxis()
        handles, legend_labels = axes[0][0].get_legend_handles_labels()
        height = fig.get_figheight()
        fig.tight_layout(rect=(0, 0.5 / height, 1, 1 - (0.5 / height if title else 0)))
        fig.legend(handles, legend_labels, loc="lower center", ncol=len(voices), frameon=False,
                   title="voice (bar = 95% interval: the wider of a bootstrap over sentences and the exact Poisson interval)",
                   bbox_to_anchor=(0.5, 0.0))
        _caption(fig, title, note, note_y=-0.1 / height)
    return fig


# How an outlet uses a phrase: colour and marker shape both carry it (readable in grey too).
USE_STYLES = {
    "own voice": ("#0072B2", "o", True),
    "scare quotes": ("#0072B2", "o", False),
    "quoted": ("#D55E00", "s", True),
    "attributed": ("#CC79A7", "^", True),
}


def use_matrix(uses: pd.DataFrame, rows: list, columns: list, column_labels: list[str] | None = None,
               title: str = "", note: str = "") -> Figure:
    """A grid of rows (phrases) by columns (outlets) with one marker per way an outlet uses the
    row (``uses``: row, column, use; a cell may hold several, side by side); blank = not used."""
    uses = uses[uses["row"].isin(rows) & uses["column"].isin(columns)]
    kinds = [k for k in USE_STYLES if k in set(uses["use"])] or list(USE_STYLES)
    order = {k: i for i, k in enumerate(USE_STYLES)}
    uses = uses.assign(_k=uses["use"].map(order)).sort_values(["row", "column", "_k"], kind="stable")
    rank = uses.groupby(["row", "column"]).cumcount()
    count = uses.groupby(["row", "column"])["use"].transform("size")
    uses = uses.assign(_dx=(rank - (count - 1) / 2) * 0.22)  # side by side only where a cell holds several
    width = 0.62 * len(columns) + 3.6
    with style():
        fig, ax = plt.subplots(figsize=(width, 0.42 * len(rows) + 1.9))
        for kind in kinds:
            color, marker, filled = USE_STYLES[kind]
            part = uses[uses["use"] == kind]
            x = [columns.index(c) + dx for c, dx in zip(part["column"], part["_dx"])]
            y = [rows.index(r) for r in part["row"]]
            ax.scatter(x, y, marker=marker, s=60, label=kind, edgecolors=color, linewidths=1.4,
                       facecolors=color if filled else "white", zorder=3)
        ax.set_xticks(range(len(columns)), column_labels or [str(c) for c in columns], rotation=30, ha="right")
        ax.set_yticks(range(len(rows)), [str(r) for r in rows])
        ax.set_xlim(-0.6, len(columns) - 0.4)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.grid(True, axis="both", color="#eeeeee", zorder=0)
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(kinds), frameon=False)
        if title:
            ax.set_title(title, loc="left", pad=28)
        _caption(fig, "", _wrap(note, int(width * 15)))
        fig.tight_layout()
    return fig


STATUS_COLORS = {"shared": "#0072B2", "paraphrased": "#56B4E9", "unique": "#E69F00"}


def stacked_shares(wide: pd.DataFrame, colors: dict[str, str] | None = None, title: str = "", note: str = "",
                   xlabel: str = "share of the report's sentences") -> Figure:
    """One horizontal bar per row, split into the columns' shares (rows sum to 1)."""
    colors = colors or {}
    with style():
        fig, ax = plt.subplots(figsize=(8, 0.5 * len(wide) + 1.8))
        left = pd.Series(0.0, index=wide.index)
        for i, column in enumerate(wide.columns):
            values = wide[column].astype(float)
            ax.barh(range(len(wide)), values, left=left, color=colors.get(column, PALETTE[i % len(PALETTE)]),
                    label=str(column), edgecolor="white")
            for y, (v, l) in enumerate(zip(values, left)):
                if v >= 0.06:
                    ax.text(l + v / 2, y, f"{v:.0%}", ha="center", va="center", fontsize=8, color="white")
            left += values
        ax.set_yticks(range(len(wide)), [str(i) for i in wide.index])
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        ax.set_xlabel(xlabel)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(wide.columns), frameon=False)
        _caption(fig, title, note)
        fig.tight_layout()
    return fig


def term_panels(table: pd.DataFrame, by: str = "outlet", labels: pd.Series | None = None, top: int = 8,
                title: str = "", note: str = "", columns: int = 3, threshold: float = 1.96) -> Figure:
    """Small multiples, one per group: its most distinctive terms as bars of their z-score;
    bars that clear ``threshold`` are solid, the others pale, and the threshold is drawn."""
    groups = list(dict.fromkeys(table[by]))
    rows = -(-len(groups) // columns)
    with style():
        fig, axes = plt.subplots(rows, columns, figsize=(3.6 * columns, 0.28 * top * rows + 1.2 * rows), squeeze=False)
        for i, (ax, group) in enumerate(zip(axes.flat, groups)):
            part = table[table[by] == group].head(top)
            color = PALETTE[i % len(PALETTE)]
            clears = (part["z"] >= threshold).to_numpy()
            ax.barh(range(len(part)), part["z"], color=[color if c else "#dddddd" for c in clears],
                    edgecolor=color, linewidth=0.8)
            ax.axvline(threshold, color="#333333", linestyle="--", linewidth=0.8)
            ax.set_yticks(range(len(part)), part["term"])
            ax.invert_yaxis()
            ax.set_title(str(labels.get(group, group)) if labels is not None else str(group))
            ax.set_xlabel("z (log-odds vs. the rest)")
        for ax in list(axes.flat)[len(groups):]:
            ax.set_visible(False)
        _caption(fig, title, note)
        fig.tight_layout()
    return fig


def score_bars(scores: pd.Series, threshold: float, flagged: pd.Series, title: str = "", note: str = "",
               xlabel: str = "") -> Figure:
    """One bar per document, coloured by a flag, with the flagging threshold drawn."""
    with style():
        fig, ax = plt.subplots(figsize=(8, 0.45 * len(scores) + 1.6))
        colors = ["#D55E00" if f else "#999999" for f in flagged.reindex(scores.index)]
        ax.barh(range(len(scores)), scores.to_numpy(), color=colors)
        for y, v in enumerate(scores):
            ax.text(v, y, f" {v:.1f}", va="center", fontsize=8)
        ax.axvline(threshold, color="#333333", linestyle="--", linewidth=1)
        ax.text(threshold, len(scores) - 0.4, f" flagged at {threshold:g}", fontsize=8, va="bottom")
        ax.set_yticks(range(len(scores)), [str(i) for i in scores.index])
        ax.invert_yaxis()
        ax.set_xlabel(xlabel)
        ax.set_xlim(0, max(scores.max(), threshold) * 1.15)
        _caption(fig, title, note)
        fig.tight_layout()
    return fig


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) if text else ""


def _table_column(ax, heading: str, edges: list[float]) -> None:
    """One column of a table drawn as a figure: its heading, no axes, every other row shaded
    (``edges``: the row boundaries, top to bottom)."""
    ax.set_title(heading, fontsize=9, loc="left")
    ax.set_ylim(edges[-1], edges[0])
    ax.grid(False)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    ax.set_xticks([])
    for y in range(0, len(edges) - 1, 2):
        ax.axhspan(edges[y], edges[y + 1], color="#f3f3f3", zorder=0)


def summary_page(summary: pd.DataFrame, title: str = "", note: str = "") -> Figure:
    """The one-page framing summary: one row per outlet, one column per aspect of its framing
    (see ``toolkit.compare.summary.framing_summary``)."""
    n = len(summary)
    columns = [
        ("Opens with", 1.5, "text"),
        ("Most directly quoted\n(% of quoted words)", 1.7, "text"),
        ("Own-voice stance\n(cues)", 1.7, "text"),
        ("Stance given to\nothers (cues)", 1.7, "text"),
        ("Hedges per 1,000\ntokens, own voice", 1.4, "hedge"),
        ("Facts only here\n(of its sentences)", 1.2, "unique"),
        ("Cluster; closest\nreport (cosine)", 1.6, "text"),
        ("Spin score;\nrepairs", 1.1, "spin"),
        ("Numbers the reports\ndisagree on", 2.3, "text"),
    ]
    texts = {
        0: [f"{o}\n({'its account' if k == 'source' else 'the actor, no source'})" if isinstance(o, str) and o else "none"
            for o, k in
            zip(summary["opens_with"], summary["opens_kind"])],
        1: [f"{_wrap(str(v), 22)}\n{s:.0%}, {q} quote{'' if q == 1 else 's'}" if isinstance(v, str) else "none"
            for v, s, q in zip(summary["top_quoted"], summary["top_quoted_share"], summary["top_quoted_quotes"])],
        2: [_wrap(t, 22) if t else "none" for t in summary["own_stance"].fillna("")],
        3: [_wrap(t, 22) if t else "none" for t in summary["others_stance"].fillna("")],
        6: [f"{k} \u00b7 {c}\n({s:.2f})" if isinstance(c, str) else str(k) for k, c, s in
            zip(summary["cluster"], summary["closest"], summary["closest_similarity"])],
        8: [_wrap(d, 30) for d in summary["disputed"].fillna("")],
    }
    with style():
        fig, axes = plt.subplots(1, len(columns), figsize=(sum(w for _, w, _ in columns) * 1.35 + 1.8, 0.95 * n + 1.9),
                                 sharey=True, gridspec_kw={"width_ratios": [w for _, w, _ in columns], "wspace": 0.12})
        for i, (ax, (heading, _, kind)) in enumerate(zip(axes, columns)):
            _table_column(ax, heading, [y - 0.5 for y in range(n + 1)])
            if kind == "text":
                ax.set_xlim(0, 1)
                for y, t in enumerate(texts[i]):
                    ax.text(0.02, y, t, va="center", ha="left", fontsize=8)
            elif kind == "unique":
                only, total = summary["only_here"].to_numpy(float), summary["sentences"].to_numpy(float)
                values = np.divide(only, total, out=np.zeros_like(only), where=total > 0)
                ax.barh(range(n), values, color=STATUS_COLORS["unique"], height=0.5)
                ax.set_xlim(0, 1.6)
                for y, (k, t) in enumerate(zip(only, total)):
                    ax.text(values[y] + 0.03, y, f"{k:.0f} of {t:.0f}", va="center", fontsize=8)
            elif kind == "hedge":
                rate, low, high = (summary[c].astype(float).to_numpy() for c in ("hedge_rate", "hedge_ci_low", "hedge_ci_high"))
                ax.hlines(range(n), low, high, color=VOICE_STYLES["own"][0], linewidth=2, alpha=0.6)
                ax.plot(rate, range(n), "o", color=VOICE_STYLES["own"][0], markersize=5)
                top = max(1.0, float(pd.Series(high).max()) * 1.1)
                ax.set_xlim(0, top)
                ax.set_xticks([0, round(top / 2, 1), round(top, 1)])
                ax.tick_params(axis="x", labelsize=7)
            elif kind == "spin":
                scores = summary["spin_score"].to_numpy(float)
                colors = ["#D55E00" if f else "#999999" for f in summary["spin_flagged"]]
                ax.barh(range(n), scores, color=colors, height=0.5)
                ax.set_xlim(0, max(10.0, scores.max() * 1.9))
                for y, (v, f, r) in enumerate(zip(scores, summary["spin_flagged"], summary["repairs"])):
                    ax.text(v, y, f" {v:.0f}" + (f", spun;\n {r} repairs" if f else ""), va="center", fontsize=8)
        axes[0].set_yticks(range(n), summary["label"], fontsize=9)
        height = fig.get_figheight()
        fig.subplots_adjust(top=1 - 1.25 / height, bottom=0.3 / height)
        _caption(fig, title, _wrap(note, 170), note_y=0.0, title_y=1 - 0.05 / height)
    return fig


def text_table(rows: pd.DataFrame, widths: list[float], title: str = "", note: str = "",
               wrap: list[int] | None = None) -> Figure:
    """A table of short texts drawn as a figure: one row per line of ``rows`` (its index is
    the row label), one column per column, ``widths`` in inches, each cell wrapped to
    ``wrap`` characters (default: ten per inch)."""
    n = len(rows)
    wrap = wrap or [int(w * 10) for w in widths]
    cells = [[_wrap(str(v) if v is not None and v == v else "", w) for v, w in zip(row, wrap)]
             for row in rows.itertuples(index=False)]
    heights = [max(1, *(c.count("\n") + 1 for c in line)) for line in cells]
    total = sum(heights)
    with style():
        fig, axes = plt.subplots(1, len(widths), figsize=(sum(widths) + 1.8, 0.2 * total + 0.25 * n + 1.4),
                                 sharey=True, gridspec_kw={"width_ratios": widths, "wspace": 0.05})
        axes = np.atleast_1d(axes)
        tops = np.concatenate([[0], np.cumsum([h + 1.2 for h in heights])])
        for i, (ax, heading) in enumerate(zip(axes, rows.columns)):
            _table_column(ax, str(heading), list(tops))
            ax.set_xlim(0, 1)
            for y in range(n):
                ax.text(0.02, (tops[y] + tops[y + 1]) / 2, cells[y][i], va="center", ha="left", fontsize=8)
        axes[0].set_yticks([(tops[y] + tops[y + 1]) / 2 for y in range(n)], [str(i) for i in rows.index], fontsize=9)
        height = fig.get_figheight()
        fig.subplots_adjust(left=1.7 / fig.get_figwidth(), right=0.99, top=1 - 0.75 / height, bottom=0.45 / height)
        _caption(fig, title, _wrap(note, int((sum(widths) + 1.8) * 15)), note_y=0.35 / height, title_y=1 - 0.08 / height)
    return fig


def panel_heatmaps(grids: dict[str, pd.DataFrame], title: str = "", note: str = "", cmap: str = "Blues",
                   value_format: str = "{:.0f}") -> Figure:
    """Heatmaps side by side with the same rows, one per key of ``grids`` (its panel title);
    empty cells blank; one colour scale for all panels."""
    names = list(grids)
    first = grids[names[0]]
    values = [grids[k].to_numpy(dtype=float) for k in names]
    finite = np.concatenate([v[~np.isnan(v)] for v in values]) if values else np.array([])
    top = finite.max() if finite.size else 1.0
    widths = [max(1.2, 0.5 * grids[k].shape[1] + 0.3) for k in names]
    with style():
        fig, axes = plt.subplots(1, len(names), figsize=(sum(widths) + 3.2, 0.36 * first.shape[0] + 2.2),
                                 sharey=True, squeeze=False, gridspec_kw={"width_ratios": widths, "wspace": 0.08})
        for ax, name, grid, vals in zip(axes[0], names, (grids[k] for k in names), values):
            ax.pcolormesh(vals, cmap=cmap, vmin=0, vmax=top, edgecolors="white", linewidth=1)
            for (r, c), v in pd.DataFrame(vals).stack().dropna().items():
                ax.text(c + 0.5, r + 0.5, value_format.format(v), ha="center", va="center", fontsize=8,
                        color="white" if v > 0.6 * top else "#222222")
            ax.set_xticks([i + 0.5 for i in range(grid.shape[1])], [str(c) for c in grid.columns], rotation=40,
                          ha="right", fontsize=8)
            ax.set_title(name, fontsize=10)
            ax.set_facecolor("#fafafa")
            ax.grid(False)
            ax.tick_params(length=0)
            for side in ("left", "bottom", "top", "right"):
                ax.spines[side].set_visible(True)
                ax.spines[side].set_color("#cccccc")
        axes[0][0].set_yticks([i + 0.5 for i in range(first.shape[0])], [str(i) for i in first.index])
        axes[0][0].set_ylim(first.shape[0], 0)
        width, height = fig.get_figwidth(), fig.get_figheight()
        fig.subplots_adjust(left=2.9 / width, right=0.99, top=1 - 0.8 / height, bottom=1.5 / height)
        _caption(fig, title, _wrap(note, int(width * 15)), note_y=0.45 / height, title_y=1 - 0.1 / height)
    return fig


def presence_matrix(grid: pd.DataFrame, title: str = "", note: str = "", color: str = "#0072B2",
                    label_width: int = 64) -> Figure:
    """Rows (facts) by columns (outlets): a filled dot where the column carries the row, a
    small grey cross where it does not, so that a gap reads as a gap. Row labels wrap to
    ``label_width`` characters."""
    n_rows, n_cols = grid.shape
    values = grid.to_numpy(dtype=float)
    names = [_wrap(str(r), label_width) for r in grid.index]
    lines = max((n.count("\n") + 1 for n in names), default=1)
    width = 0.62 * n_cols + 0.075 * label_width + 1.2
    with style():
        fig, ax = plt.subplots(figsize=(width, (0.18 + 0.16 * lines) * n_rows + 2.4))
        ys, xs = np.nonzero(values > 0)
        ax.scatter(xs, ys, s=70, color=color, zorder=3, label="carries it")
        ys, xs = np.nonzero(values <= 0)
        ax.scatter(xs, ys, s=22, marker="x", color="#bbbbbb", zorder=3, label="does not")
        ax.set_xticks(range(n_cols), [str(c) for c in grid.columns], rotation=30, ha="right")
        ax.set_yticks(range(n_rows), names, fontsize=8)
        ax.set_xlim(-0.6, n_cols - 0.4)
        ax.set_ylim(n_rows - 0.5, -0.5)
        ax.grid(True, axis="both", color="#eeeeee", zorder=0)
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, frameon=False)
        height = fig.get_figheight()
        _caption(fig, _wrap(title, int(width * 9)), _wrap(note, int(width * 15)))
        fig.tight_layout(rect=(0, 0.3 / height, 1, 1 - 0.35 * (title.count("\n") + 1 + len(title) // int(width * 9)) / height))
    return fig
