"""Bad input: every problem raises CorpusError naming the file, or is reported per document."""

from __future__ import annotations

import pytest

from toolkit import CorpusError, load_corpus

GOOD = "A good report about the call."


def _raises(path, match, **kwargs) -> CorpusError:
    with pytest.raises(CorpusError, match=match) as info:
        load_corpus(path, **kwargs)
    return info.value


def test_corpus_error_is_a_value_error():
    assert issubclass(CorpusError, ValueError)


def test_missing_folder(tmp_path):
    err = _raises(tmp_path / "nowhere", "corpus folder not found")
    assert "nowhere" in str(err)


def test_folder_with_no_articles(make_folder):
    folder = make_folder({"readme.md": "not an article"})
    _raises(folder, r"corpus: no articles found")


def test_empty_file(make_folder):
    folder = make_folder({"ok.txt": GOOD, "empty.txt": ""})
    err = _raises(folder, r"empty\.txt: empty file")
    assert err.problems == [(str(folder / "empty.txt"), "empty file")]


def test_whitespace_only_file(make_folder):
    _raises(make_folder({"ok.txt": GOOD, "blank.txt": " \n\t\n"}), r"blank\.txt: whitespace-only file")


def test_invalid_utf8_gives_byte_offset(make_folder):
    folder = make_folder({"ok.txt": GOOD, "cp1252.txt": b"Caf\xe9 society"})
    _raises(folder, r"cp1252\.txt: not valid utf-8 at byte offset 3 \(byte 0xe9\); pass encoding=")


def test_binary_file(make_folder):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    _raises(make_folder({"ok.txt": GOOD, "image.txt": png}), r"image\.txt: binary file, not text \(NUL byte at byte offset 8\)")


def test_manifest_row_whose_file_is_missing(make_folder):
    folder = make_folder({"ok.txt": GOOD, "manifest.csv": "file\nok.txt\ngone.txt\n"})
    _raises(folder, r"gone\.txt: listed on .*manifest\.csv line 3 but the file is missing")


def test_duplicate_doc_id(make_folder):
    folder = make_folder({"a.txt": GOOD, "b.txt": GOOD + " Again.", "manifest.csv": "file,doc_id\na.txt,same\nb.txt,same\n"})
    _raises(folder, r"b\.txt: duplicate doc_id 'same' \(already used by .*a\.txt\)")


def test_manifest_path_escaping_the_folder(make_folder, tmp_path):
    (tmp_path / "secret.txt").write_text("outside the corpus")
    folder = make_folder({"ok.txt": GOOD, "manifest.csv": "file\nok.txt\n../secret.txt\n"})
    _raises(folder, r"manifest\.csv line 3: path '\.\./secret\.txt' escapes the corpus folder")


def test_manifest_without_file_column(make_folder):
    folder = make_folder({"ok.txt": GOOD, "manifest.csv": "name,outlet\nok.txt,X\n"})
    _raises(folder, r"manifest\.csv: the manifest needs a 'file' column")


def test_manifest_that_is_not_utf8(make_folder):
    folder = make_folder({"ok.txt": GOOD, "manifest.csv": b"file,outlet\nok.txt,Caf\xe9\n"})
    _raises(folder, r"manifest\.csv: not valid utf-8 at byte offset 22")


def test_unknown_encoding_and_bad_errors_value(make_folder):
    folder = make_folder({"ok.txt": GOOD})
    _raises(folder, "unknown encoding 'klingon'", encoding="klingon")
    with pytest.raises(ValueError, match="errors must be 'raise' or 'report'"):
        load_corpus(folder, errors="ignore")


def test_csv_without_the_text_column(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("doc_id,body\n1,Hello\n")
    _raises(path, r"a\.csv: no text column 'text' \(found: doc_id, body\); pass text_column=")


def test_csv_rows_with_problems(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("doc_id,text\n1,Hello there.\n2,\n1,Duplicate id.\n,No id.\n")
    err = _raises(path, r"3 documents in .*a\.csv cannot be loaded")
    reasons = dict(err.problems)
    assert reasons[f"{path} line 3"] == "empty text"
    assert reasons[f"{path} line 4"].startswith("duplicate doc_id '1'")
    assert reasons[f"{path} line 5"] == "empty 'doc_id' value"


def test_jsonl_bad_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "Fine."}\n{"text": oops}\n["not", "an object"]\n{"text": 42}\n')
    err = _raises(path, r"feed\.jsonl line 2: invalid JSON")
    reasons = dict(err.problems)
    assert reasons[f"{path} line 3"] == "expected a JSON object, found list"
    assert reasons[f"{path} line 4"] == "text column 'text' holds int, not text"


def test_missing_table_file(tmp_path):
    _raises(tmp_path / "nope.csv", r"nope\.csv: file not found")


def test_report_mode_loads_the_good_and_lists_every_bad(make_folder, tmp_path):
    (tmp_path / "outside.txt").write_text("outside")
    folder = make_folder(
        {
            "good1.txt": GOOD,
            "good2.txt": "Another good report.",
            "empty.txt": "",
            "blank.txt": "\n \n",
            "latin.txt": b"Caf\xe9",
            "binary.txt": b"\x00\x01\x02",
            "dup.txt": "Duplicate id text.",
            "manifest.csv": (
                "file,doc_id\ngood1.txt,g1\ngood2.txt,g2\nempty.txt,\nblank.txt,\nlatin.txt,\n"
                "binary.txt,\ndup.txt,g1\nmissing.txt,\n../outside.txt,\n"
            ),
        }
    )
    corpus = load_corpus(folder, errors="report")
    assert list(corpus.docs["doc_id"]) == ["g1", "g2"]
    reasons = dict(zip(corpus.rejected["doc_id"], corpus.rejected["reason"]))
    assert set(reasons) == {"empty", "blank", "latin", "binary", "g1", "missing", "../outside"}
    assert reasons["empty"] == "empty file"
    assert reasons["blank"] == "whitespace-only file"
    assert reasons["latin"].startswith("not valid utf-8 at byte offset 3")
    assert reasons["binary"].startswith("binary file")
    assert reasons["missing"].startswith("listed on")
    assert reasons["../outside"].endswith("escapes the corpus folder")
    dup = corpus.rejected[corpus.rejected["reason"].str.startswith("duplicate")]
    assert list(dup["file"].str.rsplit("/", n=1).str[-1]) == ["dup.txt"]
    # nothing is dropped without a record: 9 manifest rows = 2 loaded + 7 rejected
    assert len(corpus.docs) + len(corpus.rejected) == 9


def test_raise_mode_lists_all_problems_at_once(make_folder):
    folder = make_folder({"ok.txt": GOOD, "e1.txt": "", "e2.txt": "  "})
    err = _raises(folder, r"2 documents in .* cannot be loaded")
    assert sorted(f.rsplit("/", 1)[-1] for f, _ in err.problems) == ["e1.txt", "e2.txt"]
    assert "errors='report'" in str(err)
