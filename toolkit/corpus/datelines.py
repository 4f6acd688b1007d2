"""Datelines: the place (and wire credit) that opens a paragraph of news copy, found in the text.

"OSLO (Nordwire) - Shares fell ...", "NEW YORK - ...", "WASHINGTON—After ...": the place in
capitals, an optional date after a comma, an optional credit in brackets, then a dash. A
dateline says where the copy was filed, not whom the story is about, so its names are no
mentions, speakers or antecedents; an entity the tagger ran across a dateline ("BERGEN -
Acme") keeps the part after it.
"""

from __future__ import annotations

import re

DATELINE = re.compile(
    r"(?m)^[ \t]*"
    r"[A-Z][A-Z.'\u2019]*(?:[ \t]+[A-Z][A-Z.'\u2019]*){0,3}"  # the place, in capitals: OSLO, NEW YORK, ST. LOUIS
    r"(?:,[ \t]*[A-Za-z][A-Za-z.]*(?:[ \t]+[A-Za-z0-9.]+){0,2})?"  # a date or state: ", March 18", ", Va."
    r"(?:[ \t]*\([^()\n]{1,40}\))?"  # a wire credit: (Reuters)
    r"[ \t]*(?:--|[-\u2013\u2014])[ \t]*"  # the dash
)


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the datelines that open paragraphs of ``text``: places of three or
    more capital letters followed by a dash (two with a date or credit: "UN (AP) -"), not a
    capitalised word that starts a sentence ("A - B", "US - China talks" are not datelines)."""
    spans = []
    for m in DATELINE.finditer(text):
        place = re.match(r"\s*([A-Z.'\u2019 \t]+)", m.group())
        letters = re.sub(r"[^A-Z]", "", place.group(1)) if place else ""
        if len(letters) >= 3 or (len(letters) == 2 and re.search(r"[,(]", m.group())):
            spans.append((m.start(), m.end()))
    return spans
