"""The command line, end to end, on the seeds and on a crafted corpus of another event."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from toolkit.cli.main import main
from toolkit.config import PROJECT_ROOT, SEEDS_DIR

OTHER = PROJECT_ROOT / "tests" / "data" / "other_event.csv"
OTHER_SLOTS = PROJECT_ROOT / "tests" / "data" / "other_event_slots.csv"


@pytest.fixture(scope="module")
def seeds_results(seeds_run):
    return seeds_run


def test_seeds_tables_and_figures(seeds_results):
    for name in ("documents", "entities", "quotes", "cues", "claims", "claims_compare", "disagreements",
                 "spin_report", "summary", "sentence_alignment", "distinctive_terms", "nearest"):
        assert (seeds_results / f"{name}.csv").exists(), name
    for name in ("summary", "actor_mentions", "cue_rates", "spin_scores", "similarity"):
        assert (seeds_results / "figures" / f"{name}.png").exists() and (seeds_results / "figures" / f"{name}.svg").exists()
    assert "## Figures" in (seeds_results / "README.md").read_text()


def test_seeds_claims_table_shows_the_disputes(seeds_results):
    compared = pd.read_csv(seeds_results / "claims_compare.csv")
    calls = compared[compared["slot"] == "call duration"]
    assert {"nearly two-hour", "two-and-a-half-hour", "almost two hours"} <= set(calls["text"])
    assert calls["sentence"].str.contains("call|lasted|telephone").all()
    tournaments = compared[compared["slot"] == "tournaments"].set_index("outlet")
    assert tournaments.loc["asian-summary", "filler"] == "golf" and tournaments.loc["nyt-spun", "filler"] == "hockey"
    assert "golf tournaments" in tournaments.loc["asian-summary", "sentence"]


def test_other_event_from_a_csv_runs_without_code_changes(tmp_path, parse_cache):
    out = tmp_path / "dock"
    code = main(["analyze", str(OTHER), "--text-column", "body", "--id-column", "id", "--outlet-column", "source",
                 "--slots", str(OTHER_SLOTS), "--out", str(out), "--cache-dir", str(parse_cache), "--quiet"])
    assert code == 0
    docs = pd.read_csv(out / "documents.csv")
    assert list(docs["outlet"]) == ["Harbour Daily", "Coastal Wire", "Valmora Business Review", "Valmora Evening Post"]
    disputes = pd.read_csv(out / "disagreements.csv").set_index("slot")
    assert not disputes.loc["strike length", "disagree"]  # "48-hour" and "two-day" are the same length
    assert disputes.loc["dock workers", "disagree"]  # about 3,000, more than 4,000, about 3,500
    cues = pd.read_csv(out / "cues.csv")
    stalling = cues[cues["category"] == "delay"].iloc[0]
    assert stalling["voice"] == "attributed" and stalling["source"] == "Anton Seppel"
    assert (out / "figures" / "summary.png").exists()


def test_bad_input_fails_with_a_clear_message(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "missing"), "--out", str(tmp_path / "out")]) == 2
    assert "error:" in (err := capsys.readouterr().err) and "corpus folder not found" in err
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "good.txt").write_text("Putin spoke to Trump on Tuesday about the war.")
    (folder / "empty.txt").write_text("")
    assert main(["analyze", str(folder), "--out", str(tmp_path / "r"), "--strict", "--quiet"]) == 2
    assert "empty.txt: empty file" in capsys.readouterr().err
    assert main(["check", str(folder)]) == 1
    assert "empty.txt: empty file" in capsys.readouterr().out


def test_help_and_python_dash_m():
    out = subprocess.run([sys.executable, "-m", "toolkit", "--help"], capture_output=True, text=True, check=True).stdout
    assert "analyze" in out and "check" in out and "toolkit analyze seeds --out results" in out
    sub = subprocess.run([sys.executable, "-m", "toolkit", "analyze", "--help"], capture_output=True, text=True, check=True).stdout
    assert "--out" in sub and "--no-repair" in sub and "--text-column" in sub


def test_a_single_document_still_gets_every_table_it_can_have(tmp_path, parse_cache):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "a.txt").write_text("Putin said the talks would resume. \u201cWe may agree,\u201d Trump told reporters.\n")
    out = tmp_path / "out"
    assert main(["analyze", str(folder), "--out", str(out), "--cache-dir", str(parse_cache)]) == 0
    assert (out / "quotes.csv").exists() and (out / "figures" / "summary.png").exists()
    assert not (out / "distinctive_terms.csv").exists()  # needs two outlets: skipped with a note


def test_event_folder_must_hold_event_files(tmp_path, capsys):
    empty = tmp_path / "event"
    empty.mkdir()
    assert main(["analyze", str(SEEDS_DIR), "--event", str(empty), "--out", str(tmp_path / "out"), "--quiet"]) == 2
    assert "no event files here" in capsys.readouterr().err


def test_bare_seed_texts_without_any_event_file(tmp_path, parse_cache):
    """A new user's first run: the five texts, no manifest, no event files."""
    folder = tmp_path / "bare"
    folder.mkdir()
    for path in SEEDS_DIR.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "out"
    assert main(["analyze", str(folder), "--out", str(out), "--cache-dir", str(parse_cache), "--quiet", "--debug"]) == 0
    disputes = pd.read_csv(out / "disagreements.csv")
    assert disputes.loc[0, "status"] == "conflict" and disputes.loc[0, "unit"] == "minutes"
    assert "failed:" not in (out / "README.md").read_text()


def test_many_outlets_figures_draw_the_largest_and_say_so(tmp_path):
    """Forty outlets: figures of outlets draw the largest, the tables keep all, and the index says so."""
    import json

    import pandas as pd

    rows = [{"outlet": f"paper-{i:02d}", "text": f"The harbour strike entered its {i + 2}nd day on Monday, union "
             f"leaders said. Talks with the port operator were described as a first step by officials in town {i}."}
            for i in range(40)]
    rows += [{"outlet": "paper-39", "text": "Dockers voted again on Tuesday, the union said. The vote was close."}]
    table = tmp_path / "many.csv"
    pd.DataFrame(rows).to_csv(table, index=False)
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "toolkit", "analyze", str(table), "--out", str(out),
                           "--figure-outlets", "12"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "figures of outlets show the 12 largest of 40" in done.stderr
    run = json.loads((out / "run.json").read_text())
    assert run["outlets"] == 40 and set(run["seconds"]) >= {"loading", "parsing", "computing", "writing", "drawing"}
    assert "12 largest of 40" in (out / "README.md").read_text()
    assert pd.read_csv(out / "cue_rates.csv")["outlet"].nunique() == 40  # tables keep every outlet
    assert (out / "figures" / "cue_rates.png").exists() and (out / "outlet_similarity.csv").exists()
    # 41 documents: too many for a document heatmap, so the similarity figure goes outlet by outlet
    assert (out / "figures" / "similarity.png").exists()
    assert not [s for s in run["skipped"] if s["product"] == "figures/similarity"]


def test_tables_are_written_once_and_long_ones_in_parts(tmp_path, monkeypatch):
    from toolkit.cli import analyze_command

    monkeypatch.setattr(analyze_command, "PART_ROWS", 40)  # a seed table of more rows comes in parts
    out = tmp_path / "out"
    assert main(["analyze", str(SEEDS_DIR), "--out", str(out), "--format", "parquet", "--no-figures", "--quiet"]) == 0
    assert not list(out.glob("*.csv"))  # one format, written once
    sentences = out / "sentences"
    assert sentences.is_dir() and len(list(sentences.glob("part-*.parquet"))) > 1
    whole = pd.read_parquet(sentences)
    assert len(whole) > 40 and list(whole["doc_id"].drop_duplicates())[0].startswith("000_")
    assert (out / "summary.parquet").exists() and "`sentences/`" in (out / "README.md").read_text()
    assert analyze_command.table_format("auto", 10, True) == "csv"
    assert analyze_command.table_format("auto", 50_000, True) == "parquet"
