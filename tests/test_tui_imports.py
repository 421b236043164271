"""The app's modules import each other without a cycle: the screens form a DAG.

Every import counts, also one inside a function (a lazy import is still an edge at run
time); only imports under ``if TYPE_CHECKING:`` are left out. Screens reach other screens
through the app (``services.ScanApp``) and the flows module, never by importing each other
in a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import maturity_scan.tui

TUI = Path(maturity_scan.tui.__file__).parent
PACKAGE = "maturity_scan.tui"


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE, *parts])


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def runtime_imports(tree: ast.Module, name: str, is_package: bool) -> set[str]:
    """Every module ``tree`` imports at run time, at any depth, but not for type checking."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for statement in node.orelse:
                visit(statement)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name if is_package else name.rpartition(".")[0]
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}" if base else package
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module → the modules of the app package it imports at run time."""
    paths = {module_name(root, path): path for path in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = runtime_imports(tree, name, path.name == "__init__.py")
        graph[name] = {m for m in imported if m in paths and m != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (its modules, the first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := walk(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := walk(node)):
            return cycle
    return None


def screens_only(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    screens = f"{PACKAGE}.screens."
    return {
        name: {t for t in targets if t.startswith(screens)}
        for name, targets in graph.items()
        if name.startswith(screens)
    }


def test_the_screen_modules_form_a_dag() -> None:
    cycle = find_cycle(screens_only(import_graph(TUI)))
    assert cycle is None, "screen modules import each other in a circle: " + " → ".join(cycle)


def test_no_module_of_the_app_is_in_an_import_cycle() -> None:
    """Through the flows module or the app too: no circle at all."""
    cycle = find_cycle(import_graph(TUI))
    assert cycle is None, "app modules import each other in a circle: " + " → ".join(cycle)


def test_no_screen_imports_the_app_at_run_time() -> None:
    """Screens know the app only as the ``ScanApp`` protocol (``services.py``)."""
    graph = import_graph(TUI)
    importers = [m for m in screens_only(graph) if f"{PACKAGE}.app" in graph[m]]
    assert importers == []


def test_the_graph_sees_lazy_imports_and_skips_type_checking_ones() -> None:
    source = """
from typing import TYPE_CHECKING
from maturity_scan.tui.screens import base
if TYPE_CHECKING:
    from maturity_scan.tui.app import MaturityScanApp
def later():
    from maturity_scan.tui.screens.results import ResultsScreen
    from . import dialogs
"""
    found = runtime_imports(ast.parse(source), f"{PACKAGE}.screens.home", is_package=False)
    assert f"{PACKAGE}.screens.base" in found
    assert f"{PACKAGE}.screens.results" in found
    assert f"{PACKAGE}.screens.dialogs" in found
    assert f"{PACKAGE}.app" not in found
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None
