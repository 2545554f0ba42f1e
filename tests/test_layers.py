"""Packages import downward only: no two of them import each other, directly or around a longer loop."""

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

PACKAGE = "single_window"
SOURCE = Path(__file__).resolve().parents[1] / PACKAGE
# The assembly: they put the packages together, so they may import any of them and none imports them.
ASSEMBLY = frozenset({"main", "cli", "__main__", "demo"})
# Alembic's scripts are read by Alembic, not imported by the application.
SKIPPED = frozenset({"migrations"})

Graph = Mapping[str, frozenset[str]]


def unit_of(path: Path) -> str:
    """The top-level subpackage or root module a source file belongs to: messages/checks/lines.py is messages."""
    return path.relative_to(SOURCE).parts[0].removesuffix(".py")


def imported_units(tree: ast.AST) -> Iterator[str]:
    """Every single_window unit the module imports, at any depth of its code (a function's own imports count)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == PACKAGE and len(parts) > 1:
                yield parts[1]


def import_graph() -> Graph:
    paths = sorted(SOURCE.rglob("*.py"))
    units = {unit_of(path) for path in paths}
    edges: dict[str, set[str]] = {}
    for path in paths:
        unit = unit_of(path)
        if unit in ASSEMBLY or unit in SKIPPED:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        # `from single_window import __version__` names no unit: it is the package's own __init__.
        targets = {target if target in units else "__init__" for target in imported_units(tree)}
        edges.setdefault(unit, set()).update(targets - {unit, *ASSEMBLY, *SKIPPED})
    return {unit: frozenset(targets) for unit, targets in edges.items()}


def find_cycle(graph: Graph) -> list[str] | None:
    """One loop of imports, as the units along it with the first repeated at the end; None when there is none."""
    done: set[str] = set()

    def visit(unit: str, path: list[str]) -> list[str] | None:
        if unit in path:
            return [*path[path.index(unit) :], unit]
        if unit in done:
            return None
        for target in sorted(graph.get(unit, ())):
            found = visit(target, [*path, unit])
            if found:
                return found
        done.add(unit)
        return None

    for start in sorted(graph):
        found = visit(start, [])
        if found:
            return found
    return None


def test_no_two_packages_import_each_other_directly_or_around_a_loop() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


@pytest.mark.parametrize(
    ("graph", "cycle"),
    [
        ({"a": frozenset({"b"}), "b": frozenset()}, None),
        ({"a": frozenset({"b"}), "b": frozenset({"a"})}, ["a", "b", "a"]),
        ({"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"b"})}, ["b", "c", "b"]),
    ],
)
def test_a_loop_is_found_and_named_and_a_tree_has_none(graph: Graph, cycle: list[str] | None) -> None:
    assert find_cycle(graph) == cycle


def test_every_import_form_counts_and_relative_or_foreign_imports_do_not() -> None:
    tree = ast.parse(
        "import single_window.receipts.texts\n"
        "from single_window.filings import service\n"
        "from single_window import config\n"
        "from . import sibling\n"
        "import lxml\n"
        "def late() -> None:\n"
        "    from single_window.identity.principal import Principal\n"
    )
    assert sorted(imported_units(tree)) == ["config", "filings", "identity", "receipts"]
