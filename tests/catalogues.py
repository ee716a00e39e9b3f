"""Reading the translation catalogues in tests (with polib, a development dependency)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib

from qms_review.core.catalogues import CORE, PUNCTUATION, SOURCE
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


#: How the pseudo-language marks a text: every string that went through a catalogue shows it.
OPEN, CLOSE = "⟦", "⟧"
PSEUDO = "xx"


#: A text of a data file in English: ``{ en = "…", `` (a TOML basic string).
_DATA_ENGLISH = re.compile(r'\{ en = "((?:[^"\\]|\\.)*)", ')


def pseudo_resources(target: Path, data: bool = False) -> Path:
    """A resources folder like the shipped one plus ``xx.po``/``xx.mo``: every English core
    text and every GUI source bracketed (placeholders kept), named "Pseudo". With ``data``, the
    data files (checklist templates, the rule book, the header names) give their texts in
    ``xx`` too. Only files: point the program at it with ``QMS_REVIEW_RESOURCES``."""
    shipped = resource()
    target.mkdir(parents=True)
    for child in shipped.iterdir():
        if child.name == "translations":
            continue
        if data and child.name in ("checklists", "checks", "intake"):
            (target / child.name).mkdir()
            for toml in child.glob("*.toml"):
                text = _DATA_ENGLISH.sub(
                    lambda m: f'{{ en = "{m[1]}", {PSEUDO} = "{OPEN}{m[1]}{CLOSE}", ',
                    toml.read_text(encoding="utf-8"),
                )
                (target / child.name / toml.name).write_text(text, encoding="utf-8")
        else:
            (target / child.name).symlink_to(child, target_is_directory=child.is_dir())
    translations = target / "translations"
    shutil.copytree(shipped / "translations", translations)
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Language": PSEUDO,
        "Language-Name": "Pseudo",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    english = entries(translations / f"{SOURCE}.po", CORE)
    gui = {k for k in entries(translations / "zh_CN.po") if k[0] not in (CORE, PUNCTUATION)}
    for (context, key), text in english.items():
        po.append(polib.POEntry(msgctxt=context, msgid=key, msgstr=f"{OPEN}{text}{CLOSE}"))
    for context, source in sorted(gui):
        po.append(polib.POEntry(msgctxt=context, msgid=source, msgstr=f"{OPEN}{source}{CLOSE}"))
    po.save(str(translations / f"{PSEUDO}.po"))
    po.save_as_mofile(str(translations / f"{PSEUDO}.mo"))
    return target
