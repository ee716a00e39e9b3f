"""Every help text of the command line, in every command, has its translation in every shipped
catalogue (``tools/catalogues.py extract`` adds new ones; a test cannot read a translator's
mind, so it insists there is one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qms_review.cli import parser
from qms_review.cli.help_text import CONTEXT, every_text, translated
from tests.catalogues import po_files, read

TRANSLATED = [p for p in po_files() if p.stem != "en"]


def test_the_walk_reaches_every_command_s_arguments():
    texts = every_text(parser())
    assert "show this help message and exit" in texts
    assert "answer a checklist item" in texts  # a command of a command
    assert "the item key, e.g. technical.parts_revisions" in texts  # its argument's help
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize("po", TRANSLATED, ids=lambda p: p.stem)
def test_every_help_text_is_translated(po: Path):
    have = {e.msgid for e in read(po) if e.msgctxt == CONTEXT and e.msgstr.strip()}
    missing = [t for t in every_text(parser()) if t not in have]
    assert missing == [], "run: uv run python tools/catalogues.py extract, then translate"


def test_a_text_without_translation_stays_english():
    assert translated("no such help text", "zh_CN") == "no such help text"
    assert translated("options", "zh_CN") == "选项"
    assert translated("options", "en") == "options"
