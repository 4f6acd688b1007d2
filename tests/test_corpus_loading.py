"""load_corpus on small crafted folders and tables: the happy paths."""

from __future__ import annotations

import hashlib
import json
import warnings

import pytest

from toolkit import CorpusWarning, load_corpus
from toolkit.corpus.load import DOC_COLUMNS


def test_folder_without_manifest_uses_file_names(make_folder):
    folder = make_folder({"b.txt": "Second report.", "a.txt": "First report.\nSecond paragraph.", "notes.md": "x"})
    with pytest.warns(CorpusWarning, match="notes.md"):
        corpus = load_corpus(folder)
    docs = corpus.docs
    assert list(docs.columns[: len(DOC_COLUMNS)]) == DOC_COLUMNS
    assert list(docs["doc_id"]) == ["a", "b"]
    assert list(docs["outlet"]) == ["a", "b"] and list(docs["label"]) == ["a", "b"]
    assert docs.loc[0, "text"] == "First report.\nSecond paragraph."
    assert docs.loc[0, "n_chars"] == len("First report.\nSecond paragraph.")
    assert docs.loc[1, "sha256"] == hashlib.sha256(b"Second report.").hexdigest()
    assert corpus.rejected.empty
    assert corpus.outlets == ["a", "b"]


def test_manifest_supplies_ids_order_and_metadata(make_folder):
    folder = make_folder(
        {
            "x.txt": "Report from X.",
            "y.txt": "Report from Y.",
            "manifest.csv": "file,doc_id,outlet,label,date\ny.txt,why,Outlet Y,Y!,2025-03-18\nx.txt,ex,Outlet X,,2025-03-19\n",
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = load_corpus(folder)
    docs = corpus.docs
    assert list(docs["doc_id"]) == ["why", "ex"]  # manifest order
    assert list(docs["outlet"]) == ["Outlet Y", "Outlet X"]
    assert list(docs["label"]) == ["Y!", "Outlet X"]  # empty label falls back to the outlet
    assert list(docs["date"]) == ["2025-03-18", "2025-03-19"]


def test_file_missing_from_manifest_loads_with_warning(make_folder):
    folder = make_folder({"x.txt": "X text.", "extra.txt": "Extra text.", "manifest.csv": "file,outlet\nx.txt,X\n"})
    with pytest.warns(CorpusWarning, match=r"not listed in the manifest.*extra\.txt"):
        corpus = load_corpus(folder)
    assert list(corpus.docs["doc_id"]) == ["x", "extra"]
    assert corpus.docs.set_index("doc_id").loc["extra", "outlet"] == "extra"
    assert any("extra.txt" in w for w in corpus.warnings)


def test_manifest_sha256_is_checked(make_folder):
    good = hashlib.sha256(b"Same text.").hexdigest()
    folder = make_folder(
        {"a.txt": "Same text.", "b.txt": "Edited text.", "manifest.csv": f"file,sha256\na.txt,{good}\nb.txt,{good}\n"}
    )
    corpus = load_corpus(folder, errors="report")
    assert list(corpus.docs["doc_id"]) == ["a"]
    assert corpus.rejected.loc[0, "doc_id"] == "b"
    assert "does not match" in corpus.rejected.loc[0, "reason"]


def test_normalisation_repairs_text_and_keeps_raw(make_folder):
    mojibake = "The caf\u00c3\u00a9 said \u201cyes\u201d.\r\n\r\nCafe\u0301 again."
    folder = make_folder({"m.txt": mojibake, "clean.txt": "Nothing to fix.\n"})
    corpus = load_corpus(folder)
    row = corpus.docs.set_index("doc_id").loc["m"]
    assert row["text"] == "The caf\u00e9 said \u201cyes\u201d.\n\nCaf\u00e9 again."  # curly quotes kept
    assert row["raw_text"] == mojibake
    assert "fix_line_breaks" in row["normalisation"] and "NFC" in row["normalisation"]
    assert any("utf8" in step for step in row["normalisation"].split("; "))
    clean = corpus.docs.set_index("doc_id").loc["clean"]
    assert clean["normalisation"] == "" and clean["text"] == clean["raw_text"]


def test_byte_order_mark_is_removed_with_a_record(make_folder):
    corpus = load_corpus(make_folder({"bom.txt": b"\xef\xbb\xbfText with a BOM."}))
    row = corpus.docs.iloc[0]
    assert row["text"] == "Text with a BOM." and row["raw_text"].startswith("\ufeff")
    assert row["normalisation"] != ""


def test_csv_with_configurable_columns(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_text('id,body,source,section\nr1,"One.\n\nTwo.",Reuters,world\nr2,Three.,AP,politics\n', encoding="utf-8")
    corpus = load_corpus(path, text_column="body", id_column="id", outlet_column="source")
    docs = corpus.docs
    assert list(docs["doc_id"]) == ["r1", "r2"]
    assert list(docs["outlet"]) == ["Reuters", "AP"]
    assert list(docs["section"]) == ["world", "politics"]
    assert docs.loc[0, "text"] == "One.\n\nTwo."
    assert docs.loc[0, "file"].endswith("articles.csv line 2")


def test_jsonl_without_ids_numbers_rows(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [{"text": "Alpha.", "outlet": "A"}, {"text": "Beta.", "outlet": "B", "url": "http://b"}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    corpus = load_corpus(path)
    assert list(corpus.docs["doc_id"]) == ["feed-1", "feed-2"]  # named by line
    assert list(corpus.docs["outlet"]) == ["A", "B"]
    assert corpus.docs.loc[1, "url"] == "http://b"


def test_encoding_argument_reads_legacy_files(make_folder):
    folder = make_folder({"latin.txt": "Caf\u00e9 in Kyiv.".encode("latin-1")})
    corpus = load_corpus(folder, encoding="latin-1")
    assert corpus.docs.loc[0, "text"] == "Caf\u00e9 in Kyiv."


def test_recursive_folder_tree(make_folder):
    folder = make_folder({"2025/a.txt": "A.", "2026/b.txt": "B.", "top.txt": "Top."})
    with pytest.warns(CorpusWarning, match=r"subfolder\(s\) not read.*2025, 2026"):
        assert list(load_corpus(folder).docs["doc_id"]) == ["top"]
    assert list(load_corpus(folder, recursive=True).docs["doc_id"]) == ["2025/a", "2026/b", "top"]


def test_glob_pattern_over_a_folder_tree(make_folder):
    folder = make_folder({"2025/03/a.txt": "First.", "2025/04/b.txt": "Second.", "notes/c.md": "not matched"})
    corpus = load_corpus(str(folder / "2025" / "**" / "*.txt"))
    assert list(corpus.docs["doc_id"]) == ["03/a", "04/b"]
    with pytest.raises(Exception, match="no file matches the pattern"):
        load_corpus(str(folder / "*.doc"))


def test_parquet_and_jsonl_partitions(tmp_path):
    import pandas as pd

    parts = tmp_path / "parts"
    parts.mkdir()
    pd.DataFrame({"doc_id": ["p1", "p2"], "text": ["One.", "Two."], "outlet": ["A", "B"]}).to_parquet(parts / "part-0.parquet")
    (parts / "part-1.jsonl").write_text(json.dumps({"doc_id": "j1", "text": "Three.", "outlet": "C"}) + "\n")
    corpus = load_corpus(parts)
    assert list(corpus.docs["doc_id"]) == ["p1", "p2", "j1"]
    assert corpus.docs.loc[0, "file"].endswith("part-0.parquet row 1")
    single = load_corpus(parts / "part-0.parquet")
    assert list(single.docs["outlet"]) == ["A", "B"]
    globbed = load_corpus(str(parts / "*.parquet"))
    assert list(globbed.docs["doc_id"]) == ["p1", "p2"]


def test_unchanged_text_is_not_stored_twice(make_folder):
    corpus = load_corpus(make_folder({"a.txt": "Nothing to repair here."}))
    assert corpus.docs.loc[0, "text"] is corpus.docs.loc[0, "raw_text"]
