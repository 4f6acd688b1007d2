"""`toolkit analyze` completes on any corpus the loader accepts: one document, one outlet, no
quotes, no entities, no numbers, every document its own outlet, duplicates. What a corpus
cannot have is skipped with a reason; with ``--debug`` any other error fails the test."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from toolkit.cli.main import main

# Sentences of several kinds, for generated reports: plain, quoted, numeric, named, tiny, odd.
SENTENCES = [
    "The council met on Tuesday.",
    "Rain fell across the region overnight and roads were closed.",
    "“We will not back down,” said Maria Keller, the union leader.",
    "She said the talks could resume next week.",
    "According to the ministry, about 3,000 people were affected.",
    "The company’s shares fell 17% to $41.20 in early trading.",
    "Officials appeared to be stalling, analysts said.",
    "A two-hour meeting ended without a deal.",
    "Ok.",
    "42",
    "Ёлка и кошка.",
    "“Unclosed quote runs on",
    "He told reporters: “Never.”",
    "Prices rose by more than a third.",
    "It is unclear whether the plan will survive.",
]

reports = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4).map(" ".join)


@st.composite
def corpora(draw):
    texts = draw(st.lists(reports, min_size=1, max_size=5))
    if draw(st.booleans()):  # duplicates
        texts = texts + texts[:1]
    scheme = draw(st.sampled_from(["one outlet", "own outlet", "two outlets"]))
    outlets = {
        "one outlet": ["wire"] * len(texts),
        "own outlet": [f"outlet-{i}" for i in range(len(texts))],
        "two outlets": [("a", "b")[i % 2] for i in range(len(texts))],
    }[scheme]
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "outlet": outlets, "text": texts})


def _run(table: pd.DataFrame, cache: Path, *extra: str) -> tuple[int, Path]:
    folder = Path(tempfile.mkdtemp(prefix="any-corpus-"))
    table.to_csv(folder / "articles.csv", index=False)
    out = folder / "out"
    code = main(["analyze", str(folder / "articles.csv"), "--out", str(out), "--cache-dir", str(cache),
                 "--quiet", "--debug", *extra])
    return code, out


# No shrinking: one run of the command takes seconds, and the failing corpus is printed as drawn.
@settings(max_examples=12, deadline=None, database=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=corpora())
def test_analyze_completes_on_generated_corpora(table, parse_cache):
    code, out = _run(table, parse_cache)
    assert code == 0
    index = (out / "README.md").read_text()
    assert "failed:" not in index
    assert (out / "documents.csv").exists() and (out / "sentences.csv").exists()
    assert '<section id="summary"' in (out / "report.html").read_text(encoding="utf-8")
    # every product is either written or listed under "Not made" with its reason
    assert (out / "figures" / "spin_scores.png").exists()
    for figure in ("summary", "actor_mentions", "quoted_voices", "cue_rates", "similarity"):
        assert (out / "figures" / f"{figure}.png").exists() or f"`figures/{figure}`: skipped:" in index, figure


@pytest.mark.parametrize("texts, outlets", [
    (["Ok."], ["a"]),  # one tiny document
    (["The council met.", "Rain fell."], ["a", "b"]),  # no quotes, no entities, no numbers
    (["Same words here.", "Same words here."], ["a", "b"]),  # duplicates
    ([f"Report number {i} says little." for i in range(30)], [f"o{i}" for i in range(30)]),  # own outlets
])
def test_analyze_completes_on_edge_corpora(texts, outlets, parse_cache):
    code, out = _run(pd.DataFrame({"text": texts, "outlet": outlets}), parse_cache)
    assert code == 0 and "failed:" not in (out / "README.md").read_text()
    assert (out / "report.html").exists()


def test_a_bug_is_one_line_without_debug_and_the_run_goes_on(monkeypatch, parse_cache, capsys):
    from toolkit.figures import report

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(report, "quoted_voices_figure", broken)
    folder = Path(tempfile.mkdtemp(prefix="bug-"))
    (folder / "a.txt").write_text("“We may agree,” Trump told reporters on Tuesday.\n")
    out = folder / "out"
    code = main(["analyze", str(folder), "--out", str(out), "--cache-dir", str(parse_cache), "--quiet"])
    err = capsys.readouterr().err
    assert code == 1
    assert "error: figures/quoted_voices could not be made (KeyError: 'boom'); this is a bug" in err
    assert "Traceback" not in err
    assert (out / "figures" / "summary.png").exists()  # the rest was made
    assert "`figures/quoted_voices`: failed: KeyError: 'boom'" in (out / "README.md").read_text()
    with pytest.raises(KeyError):
        main(["analyze", str(folder), "--out", str(out), "--cache-dir", str(parse_cache), "--quiet", "--debug"])
