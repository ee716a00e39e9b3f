"""Everything the core can do is reachable: no public function of the core that nothing in the
program calls (a screen or a command, directly or through other core code), unless it is in
``ALLOWED`` with the reason.

References are read from the syntax tree (names, attributes, imported names), so a word in a
string or a rule table does not count, and a function referred to only from its own body counts
as unreached. Tests do not count: a feature only a test can use is not a feature.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import qms_review

SOURCE = Path(qms_review.__file__).parent

#: "path under qms_review function" → why it may stay without a caller in the program.
ALLOWED: dict[str, str] = {}


def unreached(root: Path) -> list[str]:
    """``path function`` of each public top-level function of ``root/core`` (migrations aside)
    that no code under ``root`` refers to but itself."""
    refs: Counter[str] = Counter()
    defs: list[tuple[str, str, int]] = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rel = path.relative_to(root)
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                refs[node.id] += 1
            elif isinstance(node, ast.Attribute):
                refs[node.attr] += 1
            elif isinstance(node, ast.alias):
                refs[node.name.rpartition(".")[2]] += 1
        if rel.parts[0] != "core" or "migrations" in rel.parts:
            continue
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not (
                node.name.startswith("_")
            ):
                own = sum(
                    1
                    for n in ast.walk(node)
                    if (isinstance(n, ast.Name) and n.id == node.name)
                    or (isinstance(n, ast.Attribute) and n.attr == node.name)
                )
                defs.append((rel.as_posix(), node.name, own))
    return [f"{rel} {name}" for rel, name, own in defs if refs[name] - own <= 0]


def test_every_public_core_function_is_called_by_the_program():
    found = unreached(SOURCE)
    assert [f for f in found if f not in ALLOWED] == []


def test_the_allow_list_holds_only_what_is_still_unreached():
    """An entry whose function is now called (or gone) is removed, so the list stays true."""
    assert sorted(set(ALLOWED) - set(unreached(SOURCE))) == []


def test_the_finder_finds_an_unreached_function(tmp_path: Path):
    core = tmp_path / "core"
    core.mkdir()
    (core / "things.py").write_text(
        "def used():\n    return 1\n\n"
        "def lonely(n):\n    return lonely(n - 1) if n else 0\n\n"
        "def _private():\n    pass\n",
        encoding="utf-8",
    )
    (tmp_path / "face.py").write_text("from core.things import used\nused()\n", encoding="utf-8")
    assert unreached(tmp_path) == ["core/things.py lonely"]
