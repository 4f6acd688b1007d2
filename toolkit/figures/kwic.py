"""Evidence shown in a notebook: a keyword-in-context table with each cue highlighted."""

from __future__ import annotations

import html

import pandas as pd


class KwicHTML:
    """A keyword-in-context table that notebooks show as HTML with the cue highlighted."""

    def __init__(self, table: pd.DataFrame, by: str = "outlet"):
        self.table, self.by = table, by

    def _repr_html_(self) -> str:
        rows = "".join(
            "<tr>"
            f"<td>{html.escape(str(r[self.by]))}</td>"
            f"<td style='text-align:right'>{html.escape(r['left'])}</td>"
            f"<td><mark>{html.escape(r['cue'])}</mark></td>"
            f"<td style='text-align:left'>{html.escape(r['right'])}</td>"
            f"<td>{html.escape(r['voice'])}</td><td>{html.escape(_text(r.get('holder', r['source'])))}</td>"
            "</tr>"
            for _, r in self.table.iterrows()
        )
        head = "".join(f"<th>{h}</th>" for h in (self.by, "before", "cue", "after", "voice", "holder"))
        return f"<table class='kwic'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"

    def __repr__(self) -> str:
        lines = [f"{r[self.by]}: ...{r['left'][-40:]}[{r['cue']}]{r['right'][:40]}... ({r['voice']}; {_text(r.get('holder', r['source']))})" for _, r in self.table.iterrows()]
        return "\n".join(lines) or "(no cues)"


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def kwic_html(table: pd.DataFrame, by: str = "outlet") -> KwicHTML:
    """Show a ``kwic`` table in a notebook with each cue highlighted."""
    return KwicHTML(table, by)
