"""Figures are saved with deterministic bytes and free of dates and software stamps."""

from __future__ import annotations

import subprocess
import sys

import matplotlib.pyplot as plt
import pandas as pd

from toolkit import plots

DRAW = """
import sys, matplotlib.pyplot as plt
from toolkit import plots
fig, ax = plt.subplots()
ax.plot([0, 1, 2], [2, 0, 1], label="line")
ax.legend()
plots.save(fig, "probe", sys.argv[1])
"""


def _draw(directory) -> None:
    subprocess.run([sys.executable, "-c", DRAW, str(directory)], check=True)


def test_two_processes_write_identical_bytes(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    _draw(first)
    _draw(second)
    for ext in ("png", "svg"):
        assert (first / f"probe.{ext}").read_bytes() == (second / f"probe.{ext}").read_bytes()


def test_saved_files_carry_no_date_or_version(tmp_path):
    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1, 2])
    saved = plots.save(fig, "bars", tmp_path)
    svg = saved.svg.read_text()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"Software" not in saved.png.read_bytes()[:400]
    assert saved._repr_png_() == saved.png.read_bytes()
    assert not plt.get_fignums()  # save closes the figure


def test_length_panels_draws_one_panel_per_measure():
    profile = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "b"],
            "label": ["A", "A", "B", "B"],
            "measure": ["words", "sentences"] * 2,
            "value": [100, 5, 40, 2],
        }
    )
    hue = pd.Series({"a": "original", "b": "rewrite"})
    fig = plots.length_panels(profile, measures=("words", "sentences"), hue=hue, title="T")
    axes = fig.get_axes()
    assert [ax.get_title(loc="left") for ax in axes] == ["Words", "Sentences"]
    bars = axes[0].patches
    assert [b.get_width() for b in bars] == [100, 40]
    assert bars[0].get_facecolor() != bars[1].get_facecolor()
    assert [t.get_text() for t in axes[0].get_yticklabels()] == ["A", "B"]
    plt.close(fig)


def test_length_panels_with_shared_labels_and_missing_hue():
    profile = pd.DataFrame(
        {"doc_id": ["x", "y", "z"], "label": ["Reuters", "Reuters", "AP"], "measure": "words", "value": [3, 4, 5]}
    )
    fig = plots.length_panels(profile, measures=("words",), hue=pd.Series({"x": "rewrite"}))
    ax = fig.get_axes()[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Reuters (x)", "Reuters (y)", "AP"]
    assert ax.patches[1].get_facecolor() == ax.patches[2].get_facecolor() != ax.patches[0].get_facecolor()
    plt.close(fig)


def test_heatmap_writes_values_and_leaves_missing_cells_blank():
    wide = pd.DataFrame({"AP": [1.25, None], "Reuters": [3.0, 0.5]}, index=["Putin", "Trump"])
    fig = plots.heatmap(wide, title="T", value_format="{:.1f}")
    ax = fig.get_axes()[0]
    assert sorted(t.get_text() for t in ax.texts) == ["0.5", "1.2", "3.0"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Putin", "Trump"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["AP", "Reuters"]
    plt.close(fig)
