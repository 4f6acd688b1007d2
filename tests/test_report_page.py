"""report.html without a browser: the evidence store on crafted texts, the inlined figures, and
the page of a whole run on the chip event (an event with no data file) and on the seeds:
every linked count opens exactly the rows it counts, marks land on the cue or quote, nothing
is fetched from elsewhere, and two builds give the same bytes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pandas as pd
import pytest

from toolkit.figures.page import write_report
from toolkit.figures.page.evidence import Evidence
from toolkit.figures.page.render import inline_svg


def report_data(path) -> dict:
    """The JSON block the page's script reads."""
    page = path.read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(block.replace("<\\/", "</").replace("<\\!--", "<!--"))


def _corpus():
    texts = {
        "a1": "The council met on Monday. Officials said the vote was delayed. Residents were angry.",
        "a2": "A second report. The mayor hinted the plan might fail.",
        "b1": "The vote was delayed again, the council said. Nobody knew why.",
        "c1": "Critics called it stalling. The council denied it.",
    }
    outlets = {"a1": "alpha", "a2": "alpha", "b1": "beta", "c1": "gamma"}
    docs = pd.DataFrame({"doc_id": list(texts), "outlet": [outlets[d] for d in texts],
                         "label": [outlets[d].title() for d in texts], "text": list(texts.values())})
    rows = []
    for doc_id, text in texts.items():
        start = 0
        for k, sentence in enumerate(re.findall(r"[^.]+\.", text)):
            at = text.index(sentence.strip(), start)
            rows.append({"doc_id": doc_id, "sent_id": k, "start": at, "end": at + len(sentence.strip())})
            start = at + len(sentence.strip())
    return docs, pd.DataFrame(rows)


def _span(docs, doc_id, words):
    text = docs.set_index("doc_id").loc[doc_id, "text"]
    at = text.index(words)
    return {"doc_id": doc_id, "start": at, "end": at + len(words), "text": words}


def test_an_item_is_the_sentence_around_its_span_with_the_span_marked():
    docs, sents = _corpus()
    ev = Evidence(docs, sents)
    rows = pd.DataFrame([_span(docs, "a1", "delayed"), _span(docs, "c1", "stalling")]).assign(
        category="delay", voice=["attributed", "authorial"], note=["held by Officials", "the report's own"])
    groups = ev.group_by(rows, ["category"], budget=100, voice="voice", category="category", note="note")
    total, *items = ev.groups[groups["delay"]]
    assert total == 2 and len(items) == 2
    shown = [(ev.sentences[ev.items[i][0]][1], ev.items[i]) for i in items]
    assert shown[0][0] == "Officials said the vote was delayed."
    assert shown[1][0] == "Critics called it stalling."
    for text, item in shown:
        assert text[item[1]:item[2]] in ("delayed", "stalling")
    assert ev.voices[shown[0][1][3]] == "attributed" and shown[1][1][5] == "the report's own"


def test_a_span_over_two_sentences_shows_both_and_a_sentence_row_is_unmarked():
    docs, sents = _corpus()
    ev = Evidence(docs, sents)
    both = _span(docs, "a1", "Monday. Officials")
    whole = {"doc_id": "b1", "start": 0, "end": 0}
    groups = ev.group_by(pd.DataFrame([both, whole]).assign(key=["x", "y"]), ["key"], budget=10)
    x = ev.items[ev.groups[groups["x"]][1]]
    assert ev.sentences[x[0]][1] == "The council met on Monday. Officials said the vote was delayed."
    y = ev.items[ev.groups[groups["y"]][1]]
    assert ev.sentences[y[0]][1] == "The vote was delayed again, the council said." and y[1] == y[2] == 0


def test_a_capped_group_takes_each_outlet_in_turn_and_keeps_its_total():
    docs, sents = _corpus()
    ev = Evidence(docs, sents)
    rows = pd.DataFrame([_span(docs, "a1", "council"), _span(docs, "a1", "vote"), _span(docs, "a1", "Residents"),
                         _span(docs, "a2", "mayor"), _span(docs, "b1", "council"), _span(docs, "c1", "council")])
    groups = ev.group_by(rows.assign(k=1), ["k"], budget=3, cap=3)
    total, *items = ev.groups[groups[1]]
    assert total == 6 and len(items) == 3
    assert ev.outlets_of(groups[1]) == [0, 1, 2]  # alpha, beta, gamma: one each before a second of alpha


def test_sentences_and_items_are_stored_once_across_groups():
    docs, sents = _corpus()
    ev = Evidence(docs, sents)
    rows = pd.DataFrame([_span(docs, "b1", "delayed")])
    first = ev.group_by(rows.assign(k="a"), ["k"], budget=10)
    second = ev.group_by(rows.assign(k="b"), ["k"], budget=10)
    assert ev.groups[first["a"]][1:] == ev.groups[second["b"]][1:]
    assert len(ev.sentences) == 1 and len(ev.items) == 1


def test_offsets_into_the_text_as_loaded_show_its_words_not_the_repaired_sentence():
    docs, sents = _corpus()
    docs["text_before_repair"] = None
    docs.loc[docs["doc_id"] == "c1", "text_before_repair"] = "Critics known as it stalling. The council denied {that a} it."
    ev = Evidence(docs, sents)
    loaded = docs.set_index("doc_id").loc["c1", "text_before_repair"]
    at = loaded.index("{that a}")
    groups = ev.group_by(pd.DataFrame([{"doc_id": "c1", "start": at, "end": at + 8, "k": 1}]), ["k"], budget=5,
                         original=True)
    item = ev.items[ev.groups[groups[1]][1]]
    text = ev.sentences[item[0]][1]
    assert text[item[1]:item[2]] == "{that a}" and "denied" in text


def test_marks_count_utf16_units_after_an_emoji():
    """The page's script slices strings in UTF-16 units: a character outside the BMP counts two."""
    docs = pd.DataFrame({"doc_id": ["e1"], "outlet": ["emoji"], "label": ["Emoji"],
                         "text": ["Fans \U0001F600 said the deal might collapse."]})
    sents = pd.DataFrame({"doc_id": ["e1"], "sent_id": [0], "start": [0], "end": [len(docs.loc[0, "text"])]})
    ev = Evidence(docs, sents)
    groups = ev.group_by(pd.DataFrame([_span(docs, "e1", "might")]).assign(k=1), ["k"], budget=5)
    sentence, start, end = ev.items[ev.groups[groups[1]][1]][:3]
    assert ev.sentences[sentence][1].encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le") == "might"


def test_a_row_keeps_the_outlets_and_voices_of_every_row_behind_it():
    docs, sents = _corpus()
    ev = Evidence(docs, sents)
    rows = pd.DataFrame([_span(docs, "a1", "delayed"), _span(docs, "b1", "delayed"), _span(docs, "c1", "stalling")])
    groups = ev.group_by(rows.assign(k=1, voice=["quoted", "attributed", "authorial"]), ["k"], budget=1, voice="voice")
    assert len(ev.groups[groups[1]]) == 2  # one sentence kept ...
    assert ev.outlets_of(groups[1]) == [0, 1, 2] and len(ev.voices_of(groups[1])) == 3  # ... all three for the filters


def test_a_table_of_more_outlets_than_rows_shown_is_cut_to_its_first_rows():
    from toolkit.figures.page.tables import shown_rows

    frame = pd.DataFrame({"outlet": [f"o{i}" for i in range(30)], "x": range(30)})
    shown, note = shown_rows(frame, "outlet", most=10)
    assert len(shown) == 10 and note.startswith("The first 10 of 30")
    shown, note = shown_rows(pd.concat([frame.head(5)] * 4), "outlet", most=10)
    assert len(shown) == 10 and set(shown["outlet"]) == {f"o{i}" for i in range(5)} and "first 2 rows" in note


def test_inline_svg_prefixes_every_id_and_reference():
    svg = ('<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "x" "y">\n<svg xmlns="http://www.w3.org/2000/svg" '
           'xmlns:xlink="http://www.w3.org/1999/xlink"><defs><path id="g1"/><clipPath id="c1"/></defs>'
           '<use xlink:href="#g1"/><g clip-path="url(#c1)"/></svg>')
    out = inline_svg(svg, "fig3", 'Two "outlets" agree')
    assert out.startswith("<svg ") and "<?xml" not in out and "DOCTYPE" not in out
    assert 'id="fig3-g1"' in out and 'href="#fig3-g1"' in out and "url(#fig3-c1)" in out
    assert 'aria-label="Two &quot;outlets&quot; agree"' in out


# -- a whole run ---------------------------------------------------------------------------

SECTIONS = ("summary", "disagreements", "phrases", "leads", "stance", "facts", "quotes", "cues", "similarity", "search")


@pytest.fixture(scope="module")
def chip_page(chip_run):
    return chip_run / "report.html", report_data(chip_run / "report.html")


def _links(data, table: str, column: str):
    """(row cells, group) of every linked cell of a column."""
    spec = data["tables"][table]
    k = [c["label"] for c in spec["columns"]].index(column)
    for cells, links, *_ in spec["rows"]:
        pairs = dict(zip(links[::2], links[1::2]))
        if k in pairs:
            yield cells, pairs[k]


def test_the_page_has_every_section_and_fetches_nothing(chip_page):
    path, data = chip_page
    page = path.read_text(encoding="utf-8")
    for section in SECTIONS:
        assert f'<section id="{section}"' in page, section
    assert page.count("<svg ") == 13 and "<figcaption>Figure 13." in page
    # nothing to load: no external script, style, image or font (namespaces in SVG are names, not fetches)
    assert not re.search(r'<(script|link|img|iframe)[^>]*\b(src|href)=', page)
    assert not re.search(r"@import|url\((?!#)", page)
    assert "https://" not in page.replace("http://www.w3.org", "")


def test_each_count_opens_the_rows_it_counts(chip_page, chip_run):
    _, data = chip_page
    checks = {("stance", "Cues"), ("cue_rates", "Cues"), ("quote_share", "Quotes"), ("verb_profile", "Uses"),
              ("phrases", "Uses"), ("alignment_summary", "Unique"), ("alignment_summary", "Paraphrased")}
    seen = 0
    for table, column in checks:
        k = [c["label"] for c in data["tables"][table]["columns"]].index(column)
        for cells, group in _links(data, table, column):
            assert data["groups"][group][0] == cells[k], (table, column, cells)
            assert 1 <= len(data["groups"][group]) - 1 <= data["groups"][group][0]
            seen += 1
    assert seen > 100
    # a fact's outlets are the outlets of its sentences
    k = [c["label"] for c in data["tables"]["facts"]["columns"]].index("Outlets")
    for cells, group in _links(data, "facts", "Outlets"):
        outlets = {data["docs"][data["sentences"][data["items"][i][0]][0]][1] for i in data["groups"][group][1:]}
        assert len(outlets) == cells[k]


def test_marks_land_on_the_cue_and_the_quote(chip_page, chip_run):
    _, data = chip_page
    cue_words = set(pd.read_csv(chip_run / "cues.csv")["text"])
    quoted = set(pd.read_csv(chip_run / "quotes.csv")["text"])
    for table, column, words in (("cue_rates", "Cues", cue_words), ("quote_share", "Quotes", quoted)):
        for _, group in _links(data, table, column):
            for i in data["groups"][group][1:]:
                sentence, start, end = data["items"][i][:3]
                assert data["sentences"][sentence][1][start:end] in words


def test_the_numbers_the_outlets_disagree_on_link_to_both_values(chip_page):
    _, data = chip_page
    rows = {cells[0]: (cells, group) for cells, group in _links(data, "disagreements", "Values by outlet")}
    conflicts = [r for r in rows.values() if r[0][1] == "conflict"]
    assert conflicts
    for cells, group in conflicts:
        notes = {data["items"][i][5] for i in data["groups"][group][1:]}
        assert len(notes) >= 2, cells  # at least two different values, each in its sentence


def test_the_report_is_the_same_bytes_twice(chip_run, chip_analysis, tmp_path):
    from toolkit.compare import actors as actor_clusters

    tables = {name: pd.read_csv(chip_run / f"{name}.csv") for name in ("stance", "cue_rates", "quote_share", "leads")}
    clusters = actor_clusters.cluster(chip_analysis)
    first = write_report(tmp_path / "a.html", chip_analysis, tables, clusters)
    second = write_report(tmp_path / "b.html", chip_analysis, tables, clusters)
    assert first.read_bytes() == second.read_bytes()
    page = first.read_text(encoding="utf-8")
    assert '<section id="stance"' in page and '<section id="facts"' not in page  # no facts table, no facts section


def test_seed_report_shows_who_speaks_of_stalling(seeds_run):
    """The seeds' delay talk is in sources' words, never the reporters': the page's stance rows
    of category delay are all someone else's, and their evidence shows the words."""
    data = report_data(seeds_run / "report.html")
    spec = data["tables"]["stance"]
    labels = [c["label"] for c in spec["columns"]]
    holder, category = labels.index("Holder"), labels.index("Stance")
    delay = [cells for cells, *_ in spec["rows"] if cells[category] == "delay"]
    assert delay and all(cells[holder] != "the report itself" for cells in delay)
    marked = {data["sentences"][s][1][a:b].lower() for s, a, b, *_ in data["items"]}
    assert any("playing for time" in m or "stalling" in m or "buy time" in m for m in marked)


_WRITE_CHIP_REPORT = """
import sys
from toolkit import analyze, load_corpus
from toolkit.compare import actors, facts, leads, stance
from toolkit.figures.page import write_report
analysis = analyze(load_corpus(sys.argv[1]), cache_dir=sys.argv[2], progress=False)
clusters = actors.cluster(analysis)
fact_table, members = facts.facts(analysis, actors=clusters)
tables = {"facts": fact_table, "fact_members": members, "leads": leads.leads(analysis, actors=clusters),
          "stance": stance.stance_by_source(analysis, actors=clusters)}
write_report(sys.argv[3], analysis, tables, clusters)
"""


def test_the_report_is_the_same_bytes_in_two_processes(tmp_path, parse_cache):
    """Python salts string hashes per process: nothing in the page may follow set order."""
    from conftest import CHIP_EVENT

    pages = []
    for seed in ("1", "2"):
        page = tmp_path / f"report-{seed}.html"
        subprocess.run([sys.executable, "-c", _WRITE_CHIP_REPORT, str(CHIP_EVENT), str(parse_cache), str(page)],
                       check=True, env={**os.environ, "PYTHONHASHSEED": seed})
        pages.append(page.read_bytes())
    assert pages[0] == pages[1]
    assert b'<section id="facts"' in pages[0]
