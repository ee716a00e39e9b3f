"""Reading the translation catalogues in tests (with polib, a development dependency)."""

from __future__ import annotations

from pathlib import Path

import polib

from qms_review.core.catalogues import CORE, SOURCE
from qms_review.resources import resource


def po_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or resource("translations")).glob("*.po"))


def read(path: Path) -> polib.POFile:
    return polib.pofile(str(path), wrapwidth=0)


def entries(path: Path, context: str | None = None) -> dict[tuple[str, str], str]:
    """(msgctxt, msgid) → msgstr of the live entries of a catalogue (of one context if given)."""
    return {
        (e.msgctxt or "", e.msgid): e.msgstr
        for e in read(path)
        if not e.obsolete and (context is None or e.msgctxt == context)
    }


def core_texts() -> dict[str, tuple[str, str]]:
    """key → (English, 简体中文) of every core message, as the two shipped catalogues have it."""
    english = entries(resource("translations", f"{SOURCE}.po"), CORE)
    chinese = entries(resource("translations", "zh_CN.po"), CORE)
    return {key: (text, chinese.get((CORE, key), "")) for (_, key), text in english.items()}
