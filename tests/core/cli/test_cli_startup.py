"""The command line starts light: ``--version`` and ``--help`` import no command module (nor
SQLAlchemy, Qt or pyHanko), a command imports its own module and what it uses, no more.

What a process imported is read from its ``sys.modules`` at exit, around a real
``python -m qms_review`` run (``-X importtime`` would not do: it misses the modules that
``importlib.import_module`` loads, which are exactly the commands).
"""

from __future__ import annotations

import importlib.metadata
import os
import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import qms_review
from qms_review import cli
from qms_review.cli.context import Command

HEAVY = ("sqlalchemy", "PySide6", "pyhanko", "reportlab", "openpyxl", "python_calamine")
#: Modules of the package that hold no command.
SHARED = {"context", "lookup", "help_text", "tables"}
#: ``python -m qms_review ARGS``, then the modules it imported, one a line on stderr.
MODULES = """
import runpy, sys
try:
    runpy.run_module("qms_review", run_name="__main__", alter_sys=True)
finally:
    sys.stderr.writelines(f"imported: {name}\\n" for name in sorted(sys.modules))
"""


def run(*args: str) -> tuple[int, str, str, set[str]]:
    """(exit code, stdout, stderr without the import lines, modules imported) of
    ``python -m qms_review ARGS``, with wide help for the tests to read."""
    done = subprocess.run(
        [sys.executable, "-c", MODULES, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    imported, errors = set(), []
    for line in done.stderr.splitlines():
        if line.startswith("imported: "):
            imported.add(line.removeprefix("imported: "))
        else:
            errors.append(line)
    return done.returncode, done.stdout, "\n".join(errors), imported


def command_modules(imported: set[str]) -> set[str]:
    return {
        name
        for name in imported
        if name.startswith("qms_review.cli.") and name.split(".")[2] not in SHARED
    }


def ours(imported: set[str]) -> set[str]:
    return {name for name in imported if name.split(".")[0] == "qms_review"}


def heavy(imported: set[str]) -> set[str]:
    """The heavy libraries (top-level packages) among the modules imported."""
    return {name.split(".")[0] for name in imported} & set(HEAVY)


def test_version_imports_no_command_nor_heavy_library(folder: Path):
    code, out, _err, imported = run("--version")
    assert (code, out.strip()) == (0, f"qms-review {qms_review.__version__}")
    assert heavy(imported) == set()
    # not even the context: only the help's formatter, which reads its catalogue when used
    assert ours(imported) == {"qms_review", "qms_review.cli", "qms_review.cli.help_text"}
    assert "importlib.metadata" not in imported


def test_help_lists_every_command_from_the_table_alone(folder: Path):
    code, out, _err, imported = run("--help")
    assert code == 0
    words = " ".join(out.split())  # help lines wrap differently by name length
    for name, (_module, help_line) in cli.SUBCOMMANDS.items():
        assert f" {name} {help_line} " in words, name
    assert heavy(imported) == set()
    assert command_modules(imported) == set()  # the language's settings and catalogue only
    assert list(folder.iterdir()) == []


def test_command_help_imports_only_that_command(folder: Path):
    code, out, _err, imported = run("check", "--help")
    assert code == 0
    assert "usage: qms-review check" in out
    assert "--revision N" in out
    assert command_modules(imported) == {"qms_review.cli.checks"}
    assert heavy(imported) <= {"sqlalchemy"}


def test_check_imports_no_signing_pdf_qt_or_spreadsheet(capsys, folder: Path):
    assert cli.main(["demo"]) == 0
    capsys.readouterr()
    code, out, err, imported = run("check", "PO-1001-RUSH")
    assert code == 0, err
    assert "PO-1001-RUSH revision 1: 8 of 8 findings open" in out
    assert command_modules(imported) == {"qms_review.cli.checks"}
    assert heavy(imported) == {"sqlalchemy"}
    assert not {name.split(".")[0] for name in imported} & {"pikepdf", "argon2"}


def test_unknown_command_exits_2_with_argparse_message(folder: Path):
    code, out, err, imported = run("frobnicate")
    assert (code, out) == (2, "")
    assert err.startswith("usage: qms-review [-h] [--version] [--database URL] COMMAND ...")
    assert "qms-review: error: argument COMMAND: invalid choice: 'frobnicate'" in err
    # The "error:" is the catalogue's (cli.error): its context comes in, no command, nothing heavy.
    assert command_modules(imported) == set()
    assert heavy(imported) == set()
    assert list(folder.iterdir()) == []


def test_table_and_command_modules_agree():
    """Every command of the table is in its module's COMMANDS, and every module's commands
    are in the table, pointing at that module."""
    for name in cli.SUBCOMMANDS:
        assert isinstance(cli.command(name), Command), name
    modules = {info.name for info in pkgutil.iter_modules(cli.__path__)} - SHARED
    assert modules == {module for module, _help in cli.SUBCOMMANDS.values()}
    for module in modules:
        for name in sys.modules[f"qms_review.cli.{module}"].COMMANDS:
            assert cli.SUBCOMMANDS[name][0] == module, name


def test_version_is_the_projects():
    """``__version__`` is written out for speed; it must follow pyproject.toml."""
    pyproject = Path(__file__).resolve().parents[3] / "pyproject.toml"
    declared = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    assert qms_review.__version__ == declared
    try:
        installed = importlib.metadata.version("qms-review")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - not installed
        pytest.skip("qms-review is not installed")
    assert installed == declared


def test_help_speaks_the_language_of_the_settings(folder: Path):
    """A user who chose Chinese in the program reads Chinese help (argparse's own words too)."""
    from qms_review.core.store import settings

    chosen = settings.Settings.in_folder(folder)
    chosen.set(settings.LANGUAGE, "zh_CN")
    chosen.save()
    code, out, _err, imported = run("--help")
    assert code == 0
    assert out.startswith("用法：qms-review")
    assert "承诺供货前的合同与订单评审" in out
    assert "显示本帮助并退出" in out
    assert heavy(imported) == set()
    code, out, _err, _imported = run("review", "answer", "--help")
    assert "用法：qms-review review answer" in out
    assert "条目键，例如 technical.parts_revisions" in out
