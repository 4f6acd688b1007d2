"""Every notebook pair is in step and has stored outputs (nbval passes silently without them)."""

from __future__ import annotations

import shutil

import nbformat
import pytest

from toolkit.config import NOTEBOOKS_DIR
from toolkit.cli.notebook_build import pair_problems, read_source

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.py"))


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks/NN_topic.py found"


@pytest.mark.parametrize("py", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_pair_is_in_step(py):
    assert pair_problems(py) == []


@pytest.fixture
def pair(tmp_path):
    """A copy of the first notebook pair, to damage."""
    py = tmp_path / NOTEBOOKS[0].name
    shutil.copy(NOTEBOOKS[0], py)
    shutil.copy(NOTEBOOKS[0].with_suffix(".ipynb"), py.with_suffix(".ipynb"))
    return py


def test_check_notices_edited_source(pair):
    pair.write_text(pair.read_text() + "\n# %%\nprint('new cell')\n")
    assert any("cells differ" in p for p in pair_problems(pair))


def test_check_notices_edited_markdown(pair):
    pair.write_text(pair.read_text().replace("# # ", "# # (edited) ", 1))
    assert any("cells differ from" in p for p in pair_problems(pair))


def test_check_notices_missing_outputs(pair):
    nbformat.write(read_source(pair), pair.with_suffix(".ipynb"))
    problems = pair_problems(pair)
    assert any("never executed" in p for p in problems)
    assert any("no stored outputs" in p for p in problems)


def test_check_notices_missing_notebook(pair):
    pair.with_suffix(".ipynb").unlink()
    assert any("missing" in p for p in pair_problems(pair))


def test_check_notices_nbval_escape_tags(pair):
    ipynb = pair.with_suffix(".ipynb")
    nb = nbformat.read(ipynb, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    code[0].metadata["tags"] = ["nbval-ignore-output"]
    nbformat.write(nb, ipynb)
    assert any("tags that make nbval skip" in p for p in pair_problems(pair))


def test_a_build_prints_no_kernel_warning_and_leaves_no_sockets(tmp_path):
    import subprocess
    import sys

    py = tmp_path / "99_tiny.py"
    source = NOTEBOOKS[0].read_text(encoding="utf-8")
    header = source[: source.index("# %%")]  # the jupytext header with the project's kernel
    py.write_text(header + "# %%\nprint(6 * 7)\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "toolkit.cli.notebook_build", str(py)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr and "TCP" not in done.stderr, done.stderr
    outputs = nbformat.read(py.with_suffix(".ipynb"), as_version=4).cells[-1].outputs
    assert outputs and outputs[0]["text"].strip() == "42"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["99_tiny.ipynb", "99_tiny.py"]
