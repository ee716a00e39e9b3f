"""The house's shape, checked: no import cycle between our modules (imports inside functions
and under TYPE_CHECKING count too), and the layer contracts in pyproject.toml hold
(import-linter: faces over records over review over intake over checks over orders over store,
and no Qt in the core)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]


def import_cycles(package: str) -> list[list[str]]:
    """Each group of modules of ``package`` that import one another in a circle, sorted."""
    graph = grimp.build_graph(package, cache_dir=None)
    modules = sorted(graph.modules)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        for module in modules:
            if module not in index:
                visit(module)
    finally:
        sys.setrecursionlimit(limit)
    return sorted(found)


def test_no_module_of_ours_imports_itself_in_a_circle():
    assert import_cycles("qms_review") == []


def test_a_circle_hidden_in_a_function_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The check above can fail: a package whose modules import each other, one of them from
    inside a function, is reported."""
    package = tmp_path / "circle"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "first.py").write_text("from circle import second\n")
    (package / "second.py").write_text("def late():\n    from circle import first\n")
    (package / "third.py").write_text("from circle import first\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert import_cycles("circle") == [["circle.first", "circle.second"]]


def test_the_layer_contracts_hold():
    """The same check CI runs as `uv run lint-imports`; it fails on an upward import or Qt in
    the core."""
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run(
        [str(lint), "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
