"""The package's import graph, read from the source (nothing is imported), and the layer rule.

    python tests/import_graph.py            # every module and what it imports, then cycles and rule breaks
    python tests/import_graph.py --dot      # the same graph in Graphviz dot

Every import counts, at module level or inside a function, under ``TYPE_CHECKING`` or not:
a function-level import is still a dependency, only a later one.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

PACKAGE = "toolkit"
PACKAGE_DIR = Path(__file__).resolve().parents[1] / PACKAGE

# The stages, from the bottom up. A module may import its own stage and the stages below it,
# never one above. The package root (``toolkit/__init__.py``, the public API) sits above all
# and nothing inside the package imports it.
LAYERS = (
    ("foundation", ("toolkit.config", "toolkit.errors")),
    ("resources", ("toolkit.resources",)),
    ("corpus", ("toolkit.corpus",)),
    ("extract", ("toolkit.extract",)),
    ("language", ("toolkit.language",)),
    ("compare", ("toolkit.compare",)),
    ("figures", ("toolkit.figures",)),
    ("cli", ("toolkit.cli", "toolkit.__main__")),
)


def module_name(path: Path, package_dir: Path = PACKAGE_DIR) -> str:
    parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(package_dir: Path = PACKAGE_DIR) -> dict[str, Path]:
    return {module_name(p, package_dir): p for p in sorted(package_dir.rglob("*.py"))}


def _resolve(name: str, known: dict[str, Path]) -> str | None:
    """The package module that ``name`` (a module or a name inside one) refers to."""
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def imports(package_dir: Path = PACKAGE_DIR) -> dict[str, set[str]]:
    """``{module: {package modules it imports}}``."""
    known = modules(package_dir)
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        is_package = path.name == "__init__.py"
        here = name if is_package else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = here.split(".")
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                # "from toolkit.a import b" names the module toolkit.a.b when there is one
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
            else:
                continue
            for target in targets:
                if target == PACKAGE or target.startswith(PACKAGE + "."):
                    resolved = _resolve(target, known)
                    if resolved is not None and resolved != name:
                        found.add(resolved)
        graph[name] = found
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    sys.setrecursionlimit(max(1000, 10 * len(graph)))
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(groups)


def layer_of(module: str) -> tuple[int, str] | None:
    """``(rank, stage)`` of a module; the package root ranks above every stage; None: in no stage."""
    if module == PACKAGE:
        return len(LAYERS), "public API"
    for rank, (stage, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank, stage
    return None


def rule_breaks(graph: dict[str, set[str]]) -> list[str]:
    """Imports against the layer rule, and modules that belong to no stage."""
    problems = []
    for module in sorted(graph):
        mine = layer_of(module)
        if mine is None:
            problems.append(f"{module}: belongs to no stage (see LAYERS)")
            continue
        for target in sorted(graph[module]):
            theirs = layer_of(target)
            if theirs is not None and theirs[0] > mine[0]:
                problems.append(f"{module} ({mine[1]}) imports {target} ({theirs[1]}), a stage above it")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dot", action="store_true", help="print Graphviz dot instead of text")
    parser.add_argument("--package-dir", type=Path, default=PACKAGE_DIR, help="the package folder to read")
    args = parser.parse_args(argv)
    graph = imports(args.package_dir)
    if args.dot:
        print("digraph imports {\n  rankdir=BT;")
        for module, targets in sorted(graph.items()):
            for target in sorted(targets):
                print(f'  "{module}" -> "{target}";')
        print("}")
        return 0
    for module, targets in sorted(graph.items()):
        print(f"{module} -> {', '.join(sorted(targets)) or '(nothing)'}")
    found = cycles(graph)
    broken = rule_breaks(graph)
    edges = sum(len(t) for t in graph.values())
    print(f"\n{len(graph)} modules, {edges} imports, {len(found)} cycle(s), {len(broken)} import(s) against the layer rule")
    for group in found:
        print(f"cycle: {' <-> '.join(group)}")
    for problem in broken:
        print(f"rule: {problem}")
    return 1 if found or broken else 0


if __name__ == "__main__":
    sys.exit(main())
