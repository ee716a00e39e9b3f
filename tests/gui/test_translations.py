"""Translations are complete, and the committed .qm is what lrelease makes of the .ts."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from qms_review.resources import resource

TS = resource("translations", "qms_review_zh_CN.ts")
QM = resource("translations", "qms_review_zh_CN.qm")
GUI = Path(__file__).resolve().parents[2] / "src" / "qms_review" / "gui"


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def _sources(ts: Path) -> set[tuple[str, str]]:
    tree = ET.parse(ts)
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in tree.iter("context")
        for message in context.iter("message")
    }


def test_every_message_is_translated():
    tree = ET.parse(TS)
    unfinished = [
        m.findtext("source")
        for m in tree.iter("message")
        if m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
        or not (m.findtext("translation") or "").strip()
    ]
    assert unfinished == []


def test_ts_holds_every_string_of_the_source(tmp_path: Path):
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in GUI.rglob("*.py"))
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-ts", str(fresh)], check=True, capture_output=True
    )
    assert _sources(fresh) == _sources(TS), (
        "run: pyside6-lupdate src/qms_review/gui/*.py src/qms_review/gui/review/*.py -ts " + str(TS)
    )


def test_qm_is_built_from_the_ts(tmp_path: Path):
    built = tmp_path / "built.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS), "-qm", str(built)], check=True, capture_output=True
    )
    assert built.read_bytes() == QM.read_bytes(), "run: pyside6-lrelease " + str(TS)
