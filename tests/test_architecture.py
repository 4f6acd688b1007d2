"""The package's shape: no import cycle, imports only downward through the stages, a public API
that loads lazily. The rule itself is written in ``tests/import_graph.py`` and the README."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

import import_graph
from toolkit.config import PROJECT_ROOT

GRAPH = import_graph.imports()


def _python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True).stdout


def test_graph_sees_every_module_and_function_level_imports():
    # the command line imports its commands inside main(); the reader must still see them
    assert "toolkit.cli.analyze_command" in GRAPH["toolkit.cli.main"]
    assert len(GRAPH) == len(list(import_graph.PACKAGE_DIR.rglob("*.py")))


def test_no_import_cycle():
    assert import_graph.cycles(GRAPH) == []


def test_every_import_points_down_the_stages():
    assert import_graph.rule_breaks(GRAPH) == []


def test_analysis_container_imports_no_extractor_and_no_engine():
    below = GRAPH["toolkit.language.analysis"]
    assert not [m for m in below if m.startswith("toolkit.extract")]
    assert not [m for m in below if "engine" in m or m == "toolkit.language.orchestrator"]


def test_extractors_never_import_the_language_pass():
    for module, targets in GRAPH.items():
        if module.startswith("toolkit.extract"):
            assert not [t for t in targets if t.startswith("toolkit.language")], module


def test_engines_share_an_interface_and_do_not_import_each_other():
    local, dask = GRAPH["toolkit.language.local_engine"], GRAPH["toolkit.language.dask_engine"]
    assert "toolkit.language.dask_engine" not in local and "toolkit.language.local_engine" not in dask
    assert "toolkit.language.engine" in local and "toolkit.language.engine" in dask


def test_nothing_inside_imports_the_public_api_or_the_command_line():
    for module, targets in GRAPH.items():
        if module != "toolkit":
            assert "toolkit" not in targets, f"{module} imports the package root"
        if not module.startswith("toolkit.cli") and module not in ("toolkit", "toolkit.__main__"):
            assert not [t for t in targets if t.startswith("toolkit.cli")], f"{module} imports the command line"


def test_every_stage_says_what_it_owns_and_may_import():
    for stage in ("resources", "corpus", "extract", "language", "compare", "figures", "cli"):
        init = import_graph.PACKAGE_DIR / stage / "__init__.py"
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and "import" in doc, stage


@pytest.fixture
def bad_package(tmp_path):
    """A small package with a cycle and an extractor that imports a figure module."""
    root = tmp_path / "toolkit"
    files = {
        "__init__.py": "",
        "extract/__init__.py": "",
        "extract/rows.py": "def rows():\n    from toolkit.figures.draw import draw\n",
        "figures/__init__.py": "",
        "figures/draw.py": "from toolkit.compare.a import x\n",
        "compare/__init__.py": "",
        "compare/a.py": "from toolkit.compare.b import y\nx = 1\n",
        "compare/b.py": "from toolkit.compare import a\ny = 2\n",
        "loose.py": "import toolkit.cli.main\n",
        "cli/__init__.py": "",
        "cli/main.py": "",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_checker_reports_cycles_and_upward_imports(bad_package):
    graph = import_graph.imports(bad_package)
    assert import_graph.cycles(graph) == [["toolkit.compare.a", "toolkit.compare.b"]]
    problems = import_graph.rule_breaks(graph)
    assert any("toolkit.extract.rows (extract) imports toolkit.figures.draw (figures)" in p for p in problems)
    assert any(p.startswith("toolkit.loose: belongs to no stage") for p in problems)


def test_import_graph_command_fails_on_a_bad_package(bad_package):
    result = subprocess.run([sys.executable, "tests/import_graph.py", "--package-dir", str(bad_package)],
                            cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "cycle: toolkit.compare.a <-> toolkit.compare.b" in result.stdout


def test_import_toolkit_loads_no_heavy_library():
    loaded = _python("import sys, toolkit; print(' '.join(m for m in ('spacy', 'pandas', 'sklearn', 'matplotlib') if m in sys.modules))")
    assert loaded.strip() == ""


def test_public_api_from_a_plain_import():
    out = _python(
        "import toolkit\n"
        "c = toolkit.load_corpus('seeds')\n"
        "print(type(c).__name__, toolkit.Corpus is type(c), issubclass(toolkit.CorpusError, ValueError))\n"
        "print(callable(toolkit.analyze), toolkit.Analysis.__name__)\n"
        "print(toolkit.similarity.doc_similarity(c).shape, callable(toolkit.cues.rates), callable(toolkit.quotes.share))\n"
        "print(callable(toolkit.entities.counts), callable(toolkit.claims.compare), callable(toolkit.quality.spin_report))\n"
    )
    assert out.split("\n")[:4] == ["Corpus True True", "True Analysis", "(5, 5) True True", "True True True"]


def test_every_public_name_resolves_and_unknown_names_fail():
    import toolkit

    for name in toolkit.__all__:
        assert getattr(toolkit, name) is not None, name
    assert set(toolkit.__all__) <= set(dir(toolkit))
    with pytest.raises(AttributeError, match="no attribute 'nlp'"):
        toolkit.nlp  # noqa: B018  (the old flat module is gone)
