"""Translations are complete, and each committed .mo is what its .po compiles to."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from qms_review.core.catalogues import CORE, PUNCTUATION, SOURCE
from qms_review.resources import resource
from tests.catalogues import entries, po_files, read

PO = resource("translations", "zh_CN.po")
GUI = Path(__file__).resolve().parents[2] / "src" / "qms_review" / "gui"
#: The catalogues that translate the GUI (English is its source language).
TRANSLATED = [p for p in po_files() if p.stem != SOURCE]
NOT_GUI = (CORE, PUNCTUATION, "cli-help")


def qt_context(name: str | None, disambiguation: str | None) -> str:
    return f"{name or ''}|{disambiguation}" if disambiguation else name or ""


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def _sources(catalogue: Path) -> set[tuple[str, str]]:
    """(Qt context, source) of every GUI string: of a fresh lupdate .ts, or of a .po."""
    if catalogue.suffix == ".ts":
        tree = ET.parse(catalogue)
        return {
            (
                qt_context(context.findtext("name"), message.findtext("comment")),
                message.findtext("source") or "",
            )
            for context in tree.iter("context")
            for message in context.iter("message")
        }
    return {key for key in entries(catalogue) if key[0] not in NOT_GUI}


def test_shipped_catalogues_are_found():
    assert {p.stem for p in po_files()} >= {"en", "zh_CN"}
    assert PO in TRANSLATED


@pytest.mark.parametrize("po", TRANSLATED, ids=lambda p: p.stem)
def test_every_message_is_translated(po: Path):
    unfinished = [
        e.msgid for e in read(po) if e.obsolete or "fuzzy" in e.flags or not e.msgstr.strip()
    ]
    assert unfinished == []


@pytest.mark.parametrize("po", TRANSLATED, ids=lambda p: p.stem)
def test_ts_holds_every_string_of_the_source(tmp_path: Path, po: Path):
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in GUI.rglob("*.py"))
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-ts", str(fresh)], check=True, capture_output=True
    )
    assert _sources(fresh) == _sources(po), "run: uv run python tools/catalogues.py extract"


@pytest.mark.parametrize("po", po_files(), ids=lambda p: p.stem)
def test_qm_is_built_from_the_ts(tmp_path: Path, po: Path):
    built = tmp_path / "built.mo"
    built.write_bytes(read(po).to_binary())
    mo = po.with_suffix(".mo")
    assert built.read_bytes() == mo.read_bytes(), "run: uv run python tools/catalogues.py compile"
