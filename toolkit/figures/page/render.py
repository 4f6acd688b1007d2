"""One self-contained HTML page from the report's sections: figures inline as SVG, the tables
and their evidence as one JSON block that the page's own script shows, filters and pages.
No network, no external file: the page opens from disk in any current browser, and the same
inputs give the same bytes."""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict
from pathlib import Path

from toolkit.figures.page.tables import Section

ASSETS = Path(__file__).resolve().parent
_PROLOG = re.compile(r"<\?xml[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*", re.S)


def inline_svg(svg: str, prefix: str, title: str) -> str:
    """An SVG file's markup for use inside HTML: no XML prolog, every id prefixed so that
    figures on one page do not share ids, and labelled for screen readers by its title."""
    svg = _PROLOG.sub("", svg)
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}-\1"', svg)
    svg = re.sub(r'href="#([^"]+)"', rf'href="#{prefix}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}-\1)", svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(title, quote=True)}" ', 1)


def _figure(name: str, figures: dict, n: int) -> str:
    svg_path, title = figures[name]
    markup = inline_svg(Path(svg_path).read_text(encoding="utf-8"), f"fig{n}", title or name)
    caption = html.escape(title or name.replace("_", " "))
    return (f'<figure id="figure-{name}" class="figure">{markup}'
            f'<figcaption>Figure {n}. {caption} <span class="file">(figures/{html.escape(name)}.svg)</span>'
            f"</figcaption></figure>")


def _json_for_script(value) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def render(sections: list[Section], evidence: dict, figures: dict, heading: str, facts: list[str],
           not_made: list[tuple[str, str]]) -> str:
    """The page's HTML. ``figures`` maps a figure name to (SVG path, title); ``facts`` are the
    lines under the heading (corpus, counts, notes); ``not_made`` lists (product, reason)."""
    css = (ASSETS / "report.css").read_text(encoding="utf-8")
    script = (ASSETS / "report.js").read_text(encoding="utf-8")
    nav, body, n = [], [], 0
    for section in sections:
        nav.append(f'<li><a href="#{section.id}">{html.escape(section.title)}</a></li>')
        parts = [f'<section id="{section.id}" aria-labelledby="{section.id}-h">',
                 f'<h2 id="{section.id}-h">{html.escape(section.title)}</h2>', f"<p>{html.escape(section.intro)}</p>"]
        for name in section.figures:
            if name in figures:
                n += 1
                parts.append(_figure(name, figures, n))
        for table in section.tables:
            parts.append(f'<div class="table" data-table="{table.id}"></div>')
        parts.append("</section>")
        body.append("\n".join(parts))
    if not_made:
        nav.append('<li><a href="#not-made">Not made</a></li>')
        items = "".join(f"<li><code>{html.escape(name)}</code>: {html.escape(reason)}</li>" for name, reason in not_made)
        body.append(f'<section id="not-made" aria-labelledby="not-made-h"><h2 id="not-made-h">Not made</h2>'
                    f"<p>What this corpus could not give, and why.</p><ul>{items}</ul></section>")
    nav.append('<li><a href="#search">Search the evidence</a></li>')
    data = {"tables": {t.id: asdict(t) for s in sections for t in s.tables}, **evidence}
    lines = "".join(f"<p>{html.escape(line)}</p>" for line in facts)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(heading)}</title>
<style>
{css}
</style>
</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
<header>
<h1>{html.escape(heading)}</h1>
{lines}
<p class="how">Every linked number opens the sentences behind it, with the cue, quote or figure marked and the outlet
and voice named. The filters below narrow every table and every list of evidence.</p>
</header>
<nav aria-label="Sections"><h2 class="nav-h">Contents</h2><ol>{"".join(nav)}</ol></nav>
<form id="filters" role="search" aria-label="Filter tables and evidence">
<label>Outlet <select id="filter-outlet"><option value="">all outlets</option></select></label>
<label>Cue category <select id="filter-category"><option value="">all categories</option></select></label>
<label>Voice <select id="filter-voice"><option value="">all voices</option></select></label>
<label>Text <input id="filter-text" type="search" placeholder="words in the evidence" autocomplete="off"></label>
<button type="reset" id="filter-reset">Clear filters</button>
<p id="filter-status" role="status" aria-live="polite"></p>
</form>
<main id="main">
<noscript><p class="warning">The tables and evidence of this page are drawn by its script; with scripts off,
the figures show and the CSV or Parquet files next to this page hold every table.</p></noscript>
{"".join(body)}
<section id="search" aria-labelledby="search-h">
<h2 id="search-h">Search the evidence</h2>
<p>Every evidence sentence this page carries, narrowed by the filters above. Tables of many rows keep a sample
of each count's sentences; the files on disk have them all.</p>
<div id="search-results"></div>
</section>
</main>
<dialog id="evidence" aria-labelledby="evidence-h">
<div class="dialog-head"><h2 id="evidence-h">Evidence</h2>
<button type="button" id="evidence-close" aria-label="Close the evidence">Close</button></div>
<p id="evidence-count"></p>
<ol id="evidence-list"></ol>
</dialog>
<script type="application/json" id="report-data">{_json_for_script(data)}</script>
<script>
{script}
</script>
</body>
</html>
"""


def write(path: Path, page: str) -> Path:
    path.write_text(page, encoding="utf-8")
    return path
