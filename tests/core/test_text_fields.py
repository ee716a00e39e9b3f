"""One check for every text field: control characters and bidi overrides are refused, named
by field, position and code point — in the core, so the GUI and the command line alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from qms_review.core import text_fields
from qms_review.core.identity import users
from qms_review.core.messages import QmsError
from qms_review.core.review import checklists

BAD = [
    ("\x1b[31mred", 1, "U+001B"),
    ("ok\x07", 3, "U+0007"),
    ("x\x9b2J", 2, "U+009B"),  # C1 control sequence introducer
    ("a\x7f", 2, "U+007F"),
    ("invoice\u202efdp.exe", 8, "U+202E"),
    ("\u202aembedded", 1, "U+202A"),
    ("isolate \u2066x\u2069", 9, "U+2066"),
]


@pytest.mark.parametrize(("value", "position", "code"), BAD)
def test_forbidden_characters_are_found(value: str, position: int, code: str):
    assert text_fields.forbidden(value) == (position, code)
    with pytest.raises(QmsError) as caught:
        text_fields.checked(value, "comment")
    assert caught.value.message("en") == (
        f"The comment holds a character that cannot be stored ({code}, character {position}): "
        "control characters and right-to-left overrides are refused. Nothing was changed."
    )
    assert caught.value.message("zh_CN").startswith("备注中含有无法保存的字符")


def test_ordinary_text_passes_and_line_breaks_only_where_lines_are_allowed():
    for value in ("王丽 Wang Li", "Ø 12 mm ± 0,1", "שלום", "مرحبا", "emoji 🙂", "a\tb\r\nc"):
        assert text_fields.checked(value, "comment") == value
    assert text_fields.forbidden("two\nlines", lines=False) == (4, "U+000A")


def test_names_and_logins_are_checked_by_the_core(store):
    with store.write("setup") as session, pytest.raises(QmsError, match="The name holds"):
        users.setup(session, "Acme", "boss", "Pat\u202e", "boss-password-1", "ca-passphrase-77")
    with (
        store.write("setup") as session,
        pytest.raises(QmsError, match="The organisation name holds"),
    ):
        users.setup(session, "Acme\x1b", "boss", "Pat", "boss-password-1", "ca-passphrase-77")


def test_a_template_title_with_an_override_is_refused_with_its_place(tmp_path: Path):
    content = checklists.builtin_files()[0].read_text(encoding="utf-8")
    start = content.index('title = { en = "') + len('title = { en = "')
    bad = tmp_path / "bad.toml"
    bad.write_text(content[:start] + "\u202e" + content[start:], encoding="utf-8")
    with pytest.raises(checklists.TemplateError) as caught:
        checklists.load(bad)
    assert caught.value.problem == "template.problem.forbidden_character"
    assert "U+202E" in caught.value.message("en")
