"""Menus a keyboard user can drive: within a menu bar or a menu, no two entries share an access
key (Alt+letter would pick the first and hide the other), in every shipped language."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtWidgets import QMenu, QMenuBar

from qms_review.gui.i18n import Languages
from qms_review.gui.main_window import MainWindow

_KEY = re.compile(r"&([^&\s])")


def _clashes(texts: list[str]) -> dict[str, list[str]]:
    keys = {text: m.group(1).casefold() for text in texts if (m := _KEY.search(text))}
    counted = Counter(keys.values())
    return {
        key: [text for text, k in keys.items() if k == key] for key, n in counted.items() if n > 1
    }


def _menus(bar: QMenuBar) -> list[QMenu]:
    found: list[QMenu] = []
    for action in bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            found.append(menu)
    return found


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_no_menu_has_two_entries_with_one_access_key(
    window: MainWindow, languages: Languages, language: str
):
    languages.apply(language)
    bar = window.menuBar()
    assert _clashes([a.text() for a in bar.actions()]) == {}
    menus = _menus(bar)
    assert len(menus) >= 4
    for menu in menus:
        texts = [a.text() for a in menu.actions() if not a.isSeparator()]
        assert _clashes(texts) == {}, menu.title()


def test_the_check_sees_a_clash():
    assert _clashes(["&Print", "Change &password", "&Quit"]) == {
        "p": ["&Print", "Change &password"]
    }
