"""Core must never import Qt: the command line (but for its ``gui`` command) and the tests of
core stay Qt-free."""

import subprocess
import sys

CHECK = """
import importlib, pkgutil, sys
import qms_review.core as core
for info in pkgutil.walk_packages(core.__path__, "qms_review.core."):
    if ".migrations" in info.name:
        continue
    importlib.import_module(info.name)
import qms_review.cli
for info in pkgutil.walk_packages(qms_review.cli.__path__, "qms_review.cli."):
    if info.name != "qms_review.cli.gui":
        importlib.import_module(info.name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] == "PySide6")
print(",".join(loaded))
"""


def test_core_and_cli_import_no_qt():
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"Qt modules loaded by core: {out.stdout}"


def test_the_check_would_see_qt():
    probe = CHECK.replace("import qms_review.cli", "import qms_review.cli, PySide6.QtCore")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "PySide6.QtCore" in out.stdout
