"""Awkward but real inputs: spreadsheet exports, links, odd encodings, clashing columns."""

from __future__ import annotations

import json
import os
import warnings

import pytest

from toolkit import CorpusError, CorpusWarning, load_corpus

GOOD = "A good report about the call."


def test_stray_trailing_comma_is_a_row_problem_not_a_column_shift(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("doc_id,text,outlet\n1,hi,X,\n2,ho,Y\n")
    corpus = load_corpus(path, errors="report")
    assert list(corpus.docs["doc_id"]) == ["2"] and corpus.docs.loc[0, "text"] == "ho"
    assert corpus.rejected.loc[0, "reason"].startswith("has 4 fields but the header has 3")


def test_table_may_not_overwrite_computed_columns(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,doc_id,text\n1,same,a\n2,same,b\n")
    with pytest.raises(CorpusError, match=r"a\.csv: column\(s\) doc_id clash"):
        load_corpus(path, id_column="id")
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text('{"text": "a"}\n{"text": "b", "raw_text": "FAKE", "n_chars": 99}\n')
    corpus = load_corpus(jsonl, errors="report")
    assert list(corpus.docs["text"]) == ["a"]
    assert "raw_text, n_chars clash" in corpus.rejected.loc[0, "reason"]


def test_renamed_column_may_not_collide(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("text,source,outlet\nhi,Reuters,AP\n")
    with pytest.raises(CorpusError, match="source, outlet would all become outlet"):
        load_corpus(path, outlet_column="source")


def test_duplicate_column_names_are_refused(tmp_path, make_folder):
    path = tmp_path / "a.csv"
    path.write_text("text,text\nhi,ho\n")
    with pytest.raises(CorpusError, match=r"a\.csv: duplicate column name\(s\) 'text'"):
        load_corpus(path)
    folder = make_folder({"a.txt": GOOD, "manifest.csv": "file,doc_id, doc_id\na.txt,x,y\n"})
    with pytest.raises(CorpusError, match="duplicate column name"):
        load_corpus(folder)


def test_symlink_out_of_the_folder_is_rejected_once(make_folder, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("not part of the corpus")
    folder = make_folder({"a.txt": GOOD, "manifest.csv": "file\na.txt\nlink.txt\n"})
    os.symlink(outside, folder / "link.txt")
    corpus = load_corpus(folder, errors="report")
    assert list(corpus.docs["doc_id"]) == ["a"]
    assert list(corpus.rejected["doc_id"]) == ["link"]
    assert "escapes the corpus folder" in corpus.rejected.loc[0, "reason"]


def test_unlisted_symlink_to_a_listed_file_is_still_loaded(make_folder):
    folder = make_folder({"a.txt": GOOD, "manifest.csv": "file\na.txt\n"})
    os.symlink(folder / "a.txt", folder / "b.txt")
    with pytest.warns(CorpusWarning, match="b.txt"):
        corpus = load_corpus(folder)
    assert list(corpus.docs["doc_id"]) == ["a", "b"]


def test_unlisted_symlink_pointing_outside_is_rejected(make_folder, tmp_path):
    (tmp_path / "secret.txt").write_text("secret")
    folder = make_folder({"a.txt": GOOD})
    os.symlink(tmp_path / "secret.txt", folder / "s.txt")
    corpus = load_corpus(folder, errors="report")
    assert corpus.rejected.loc[0, "reason"] == "is a link that points outside the corpus folder"


def test_spreadsheet_export_with_empty_manifest_rows(make_folder):
    folder = make_folder({"a.txt": GOOD, "manifest.csv": "file,outlet\n,\na.txt,X\n,,\n"})
    corpus = load_corpus(folder, errors="report")
    assert list(corpus.docs["outlet"]) == ["X"]  # blank rows are not documents
    folder = make_folder({"a.txt": GOOD, "manifest.csv": "file,outlet\n,Orphan outlet\na.txt,X\n"}, name="c2")
    with pytest.raises(CorpusError, match=r"line 2: manifest row has an empty 'file' value"):
        load_corpus(folder)


def test_manifest_listing_a_file_twice_or_itself(make_folder):
    folder = make_folder({"a.txt": GOOD, "manifest.csv": "file,doc_id\na.txt,x\n./a.txt,y\nmanifest.csv,m\n"})
    corpus = load_corpus(folder, errors="report")
    assert list(corpus.docs["doc_id"]) == ["x"]
    reasons = dict(zip(corpus.rejected["doc_id"], corpus.rejected["reason"]))
    assert reasons["y"] == "'./a.txt' is listed twice in the manifest (first on line 2)"
    assert reasons["m"] == "the manifest lists itself as an article"


def test_non_txt_file_named_in_the_manifest_loads_without_an_ignore_note(make_folder):
    folder = make_folder({"b.md": "Markdown article.", "manifest.csv": "file\nb.md\n"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = load_corpus(folder)
    assert list(corpus.docs["doc_id"]) == ["b"]


def test_jsonl_keeps_unicode_line_separators_inside_strings(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "One.\u2028Two. \x85"}, ensure_ascii=False) + "\r\n", encoding="utf-8")
    corpus = load_corpus(path)
    assert len(corpus.docs) == 1 and corpus.docs.loc[0, "raw_text"] == "One.\u2028Two. \x85"


def test_jsonl_row_without_text_is_a_row_problem(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"body": "no text key"}\n{"text": "fine"}\n{"nested": {"a": 1}, "text": "also fine"}\n')
    corpus = load_corpus(path, errors="report")
    assert list(corpus.docs["text"]) == ["fine", "also fine"]
    assert corpus.docs.loc[1, "nested"] == '{"a": 1}'
    assert corpus.rejected.loc[0, "reason"] == "no value in text column 'text'"
    path.write_text('{"body": "no text key"}\n')
    with pytest.raises(CorpusError, match="no line has the text field 'text'"):
        load_corpus(path)


def test_utf8_bom_in_tables(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "fine"}\n')
    assert load_corpus(path).docs.loc[0, "text"] == "fine"


def test_binary_file_is_caught_under_any_single_byte_encoding(make_folder):
    folder = make_folder({"a.txt": GOOD, "img.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"})
    with pytest.raises(CorpusError, match=r"img\.txt: binary file"):
        load_corpus(folder, encoding="latin-1")


def test_utf16_file_gets_a_hint(make_folder):
    folder = make_folder({"a.txt": GOOD, "u16.txt": "Caf\u00e9".encode("utf-16")})
    with pytest.raises(CorpusError, match=r"u16\.txt: looks like UTF-16.*encoding='utf-16'"):
        load_corpus(folder)


def test_file_that_is_empty_after_normalisation(make_folder):
    folder = make_folder({"a.txt": GOOD, "bom.txt": b"\xef\xbb\xbf"})
    with pytest.raises(CorpusError, match=r"bom\.txt: no text left after normalisation"):
        load_corpus(folder)


def test_non_text_codec_is_refused(make_folder):
    with pytest.raises(CorpusError, match="'rot13' is not a text encoding"):
        load_corpus(make_folder({"a.txt": GOOD}), encoding="rot13")


def test_named_manifest_must_exist(make_folder):
    with pytest.raises(CorpusError, match=r"meta\.csv: manifest not found"):
        load_corpus(make_folder({"a.txt": GOOD}), manifest="meta.csv")


def test_uppercase_suffix_and_hidden_files(make_folder):
    folder = make_folder({"A.TXT": GOOD, ".draft.txt": "draft"})
    with pytest.warns(CorpusWarning, match=r"ignored 1 hidden \.txt file\(s\): \.draft\.txt"):
        corpus = load_corpus(folder)
    assert list(corpus.docs["doc_id"]) == ["A"]


def test_malformed_sha256(make_folder):
    folder = make_folder({"a.txt": GOOD, "manifest.csv": "file,sha256\na.txt,abc\n"})
    with pytest.raises(CorpusError, match="'abc' is not a SHA-256 hex digest"):
        load_corpus(folder)


def test_subfolder_used_by_the_manifest_is_not_reported_unread(make_folder):
    folder = make_folder({"sub/a.txt": GOOD, "manifest.csv": "file\nsub/a.txt\n"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = load_corpus(folder)
    assert list(corpus.docs["doc_id"]) == ["sub/a"]

