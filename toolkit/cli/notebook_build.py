"""Build and check the paired notebooks.

Each ``notebooks/NN_topic.py`` (jupytext percent format) is the source; the build turns it
into ``NN_topic.ipynb``, executes it in the project's kernel and stores the outputs, with
fixed cell ids and no timings so that two builds give identical bytes. ``--check`` verifies
that every pair agrees and that every notebook has stored outputs, which nbval needs:
it passes silently on a notebook with none.

    python -m toolkit.notebook_build notebooks/*.py          # build
    python -m toolkit.notebook_build --check notebooks/*.py  # check pairs only
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from jupyter_client.kernelspec import NoSuchKernel
from jupyter_client.manager import KernelManager

KERNEL_NAME = "framing-toolkit"
# Cell tags that make nbval skip a cell or ignore its output; a stored notebook may not use them.
_CHECK_TAGS = {"nbval-ignore-output", "nbval-skip", "nbval-check-output", "nbval-raises-exception", "raises-exception"}


def read_source(py: Path) -> nbformat.NotebookNode:
    """Read a percent-format script as a notebook, with cell ids that depend only on position."""
    nb = jupytext.read(py)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{py.stem}-{i:02d}"
    return nb


def build(py: Path, kernel_name: str | None = None, timeout: int = 900) -> Path:
    """Execute ``py`` as a notebook in its own folder and write the paired ``.ipynb`` beside it."""
    nb = read_source(py)
    name = kernel_name or nb.metadata.get("kernelspec", {}).get("name", KERNEL_NAME)
    # the kernel talks over local IPC sockets, not TCP: nothing leaves the machine, and the
    # kernel has no "running over TCP without encryption" warning to print
    sockets = tempfile.mkdtemp(prefix="notebook-kernel-")  # absolute: the kernel runs in the notebook's folder
    manager = KernelManager(kernel_name=name, transport="ipc", ip=os.path.join(sockets, "kernel"))
    client = NotebookClient(
        nb,
        km=manager,
        timeout=timeout,
        kernel_name=name,
        record_timing=False,
        resources={"metadata": {"path": str(py.parent.resolve())}},
    )
    try:
        client.execute()
    except NoSuchKernel:
        raise SystemExit(
            f"{py}: no Jupyter kernel named {name!r}. Run `make figures` (it registers the kernel), "
            f"or: python -m ipykernel install --sys-prefix --name {name}"
        ) from None
    except CellExecutionError as exc:
        raise SystemExit(f"{py}: a cell failed while building the notebook\n{exc}") from None
    finally:
        if manager.has_kernel:
            manager.shutdown_kernel()  # ours to stop: the client stops only a kernel it started itself
        shutil.rmtree(sockets, ignore_errors=True)
    ipynb = py.with_suffix(".ipynb")
    nbformat.write(nb, ipynb)
    return ipynb


def _cells(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source.strip()) for cell in nb.cells]


def pair_problems(py: Path) -> list[str]:
    """What is wrong with the pair ``py`` / ``py.with_suffix('.ipynb')``; empty when all is well."""
    ipynb = py.with_suffix(".ipynb")
    if not ipynb.exists():
        return [f"{ipynb}: missing; run `make figures`"]
    stored = nbformat.read(ipynb, as_version=4)
    problems = []
    source_cells, stored_cells = _cells(read_source(py)), _cells(stored)
    if source_cells != stored_cells:
        first = next(
            (i for i, (a, b) in enumerate(zip(source_cells, stored_cells)) if a != b),
            min(len(source_cells), len(stored_cells)),
        )
        problems.append(
            f"{ipynb}: cells differ from {py.name} (first at cell {first + 1}); run `make figures`"
        )
    code = [cell for cell in stored.cells if cell.cell_type == "code"]
    tagged = [i + 1 for i, cell in enumerate(code) if _CHECK_TAGS & set(cell.get("metadata", {}).get("tags", []))]
    if tagged:
        problems.append(f"{ipynb}: code cell(s) {tagged} carry tags that make nbval skip or relax its check")
    unexecuted = [i + 1 for i, cell in enumerate(code) if cell.get("execution_count") is None]
    if unexecuted:
        problems.append(f"{ipynb}: code cell(s) {unexecuted} were never executed; run `make figures`")
    if not any(cell.get("outputs") for cell in code):
        problems.append(f"{ipynb}: no stored outputs, so nbval would compare nothing; run `make figures`")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+", type=Path, help="percent-format .py notebooks")
    parser.add_argument("--check", action="store_true", help="only check the pairs; build nothing")
    parser.add_argument("--kernel", default=None, help=f"kernel name (default: the notebook's, else {KERNEL_NAME})")
    args = parser.parse_args(argv)
    if args.check:
        problems = [p for py in args.notebooks for p in pair_problems(py)]
        print("\n".join(problems) or f"{len(args.notebooks)} notebook pair(s) in step")
        return 1 if problems else 0
    for py in args.notebooks:
        started = time.perf_counter()
        print(f"building {py} ...", end=" ", flush=True)
        out = build(py, kernel_name=args.kernel)
        print(f"{out.name} written in {time.perf_counter() - started:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
