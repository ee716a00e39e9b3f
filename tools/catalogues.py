"""Keep the translation catalogues (``resources/translations/<language>.po``) in order.

    uv run python tools/catalogues.py extract   # add the GUI's new tr() strings to every .po
    uv run python tools/catalogues.py compile   # write each .mo beside its .po

``extract`` finds the GUI's strings with ``pyside6-lupdate`` (it knows ``self.tr`` and
``QCoreApplication.translate``) and the command line's help texts (``msgctxt "cli-help"``, by
walking its parsers: ``qms_review.cli.help_text``); it
adds the missing ones to every catalogue with an empty
translation, and marks the ones no longer in the source obsolete. Core messages (``msgctxt
"core"``) and punctuation are added by hand: English in ``en.po``, the other languages in theirs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "translations"
GUI = ROOT / "src" / "qms_review" / "gui"
#: Contexts that are not the GUI's: core messages and punctuation, kept by hand, and the
#: command line's help texts (found by walking its parsers).
NOT_GUI = ("core", "punctuation", "cli-help")
CLI_HELP = "cli-help"


def catalogues() -> list[Path]:
    return sorted(FOLDER.glob("*.po"))


def mo_bytes(po: Path) -> bytes:
    """The compiled form of ``po``, as ``compile`` writes it (the tests compare the two)."""
    return polib.pofile(str(po)).to_binary()


def gui_strings() -> list[tuple[str, str]]:
    """(Qt context, English source) of every translatable string of the GUI, in source order."""
    tool = shutil.which("pyside6-lupdate") or str(Path(sys.executable).parent / "pyside6-lupdate")
    with tempfile.TemporaryDirectory() as tmp:
        ts = Path(tmp) / "fresh.ts"
        sources = sorted(str(p) for p in GUI.rglob("*.py"))
        subprocess.run([tool, *sources, "-ts", str(ts)], check=True, capture_output=True)
        tree = ET.parse(ts)
    return [
        (
            qt_context(context.findtext("name"), message.findtext("comment")),
            message.findtext("source") or "",
        )
        for context in tree.iter("context")
        for message in context.iter("message")
    ]


def qt_context(name: str | None, disambiguation: str | None) -> str:
    """The ``msgctxt`` of a GUI string: its Qt context, and ``|disambiguation`` if it has one
    (``self.tr("Open", "a file")``), as :class:`qms_review.gui.i18n.CatalogueTranslator` asks."""
    return f"{name or ''}|{disambiguation}" if disambiguation else name or ""


def cli_strings() -> list[tuple[str, str]]:
    """("cli-help", English) of every help text of the command line, every command declared."""
    from qms_review.cli import parser
    from qms_review.cli.help_text import every_text

    return [(CLI_HELP, english) for english in every_text(parser())]


def extract() -> None:
    strings = gui_strings() + cli_strings()
    wanted = set(strings)
    for path in catalogues():
        if path.stem == "en":
            continue  # the GUI's source language needs no catalogue entries
        po = polib.pofile(str(path), wrapwidth=0)
        have = {(e.msgctxt, e.msgid) for e in po if not e.obsolete}
        for context, source in strings:
            if (context, source) not in have:
                po.append(polib.POEntry(msgctxt=context, msgid=source, msgstr=""))
        for entry in po:
            ours = entry.msgctxt not in NOT_GUI or entry.msgctxt == CLI_HELP
            if ours and (entry.msgctxt, entry.msgid) not in wanted:
                entry.obsolete = True
        po.save(str(path))
        print(f"{path.name}: {len(po.untranslated_entries())} untranslated")


def compile_all() -> None:
    for path in catalogues():
        path.with_suffix(".mo").write_bytes(mo_bytes(path))
        print(f"{path.with_suffix('.mo').name} written")


if __name__ == "__main__":
    commands = {"extract": extract, "compile": compile_all}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]]()
