"""The seed corpus: five reports, byte-identical to their sources, with provenance."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import warnings

import pandas as pd
import pytest

from toolkit import load_corpus
from toolkit.config import PROJECT_ROOT, SEEDS_DIR


@pytest.fixture(scope="module")
def seeds():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the seeds load without a single warning
        return load_corpus(SEEDS_DIR)


def test_five_documents_none_rejected(seeds):
    assert len(seeds.docs) == 5
    assert seeds.rejected.empty
    assert seeds.docs["outlet"].is_unique and seeds.docs["label"].is_unique


def test_files_match_the_manifest_hashes(seeds):
    manifest = pd.read_csv(SEEDS_DIR / "manifest.csv", dtype=str)
    assert sorted(manifest["file"]) == sorted(p.name for p in SEEDS_DIR.glob("*.txt"))
    for row in manifest.itertuples():
        assert hashlib.sha256((SEEDS_DIR / row.file).read_bytes()).hexdigest() == row.sha256
    assert list(seeds.docs["sha256"]) == list(manifest["sha256"])


def test_manifest_provenance_fields(seeds):
    docs = seeds.docs.set_index("doc_id")
    assert set(docs["relation"]) <= {"original", "rewrite", "machine-spun"}
    assert docs.loc["004_7fddfdd75eedba42", "relation"] == "machine-spun"
    assert (docs["language"] == "en").all()
    for field in ("outlet", "origin", "relation", "date"):
        assert docs["inferred"].str.split(";").map(lambda f: field in f).all(), field
    assert docs["evidence"].str.len().gt(20).all()


def test_seed_text_needs_no_repair(seeds):
    assert (seeds.docs["text"] == seeds.docs["raw_text"]).all()
    assert (seeds.docs["normalisation"] == "").all()
    assert "\u201cobstacle\u201d" in seeds.docs.loc[0, "text"]  # curly quotes survive


def test_command_from_the_readme_prints_five():
    out = subprocess.run(
        [sys.executable, "-c", "import toolkit; print(len(toolkit.load_corpus('seeds').docs))"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
    )
    assert out.stdout.strip() == "5"
