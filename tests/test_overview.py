"""Paragraph spans and the length profile."""

from __future__ import annotations

from hypothesis import given, strategies as st

from toolkit import load_corpus
from toolkit.corpus.overview import MEASURES, length_profile
from toolkit.corpus.paragraphs import paragraph_spans


def test_one_paragraph_per_line_without_blank_lines():
    text = "First line.\nSecond line.\n\n"[:-2] + "\n  Third, indented.  "
    spans = paragraph_spans(text)
    assert [text[s:e] for s, e in spans] == ["First line.", "Second line.", "Third, indented."]


def test_blank_lines_separate_paragraphs_when_present():
    text = "A wrapped\nparagraph.\n\nSecond one.\n \nThird."
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["A wrapped\nparagraph.", "Second one.", "Third."]


@given(st.text(alphabet=st.sampled_from("ab .\n\t"), max_size=60))
def test_paragraph_spans_cover_all_text_in_order(text):
    spans = paragraph_spans(text)
    covered = set()
    previous_end = -1
    for start, end in spans:
        assert previous_end < start < end
        chunk = text[start:end]
        assert chunk == chunk.strip() and chunk
        covered.update(range(start, end))
        previous_end = end
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_length_profile_counts(make_folder):
    folder = make_folder(
        {"a.txt": "Putin spoke. Trump listened, briefly!\nA second paragraph here.", "b.txt": "One sentence only."}
    )
    profile = length_profile(load_corpus(folder))
    assert list(profile.columns) == ["doc_id", "outlet", "label", "measure", "value"]
    values = profile.set_index(["doc_id", "measure"])["value"]
    assert values["a", "words"] == 9
    assert values["a", "sentences"] == 3
    assert values["a", "paragraphs"] == 2
    assert values["b", "words"] == 3 and values["b", "sentences"] == 1 and values["b", "paragraphs"] == 1
    assert values["b", "characters"] == len("One sentence only.")
    assert list(profile["measure"].unique()) == list(MEASURES)
