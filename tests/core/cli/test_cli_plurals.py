"""One of a thing is said in the singular: "1 line", "1 order", never "1 lines" or
"problem(s)"; in Chinese, which has one form, the same sentence as for many."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qms_review import cli
from qms_review.core.catalogues import CORE
from qms_review.resources import resource
from tests.catalogues import entries

#: A number followed by an English plural noun, "1 lines", "1 orders".
ONE_PLURAL = re.compile(r"\b1 (lines|orders|things|problems|events|parts|warnings|files)\b")


def test_one_line_and_one_order_are_singular(capsys, folder: Path, tmp_path: Path):
    code = cli.main(
        ["order", "new", "--number", "TEL-1", "--customer", "Harbour Pumps",
         "--line", "HP-100;120;pcs;12.50;2027-01-15;Pump housing"]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "Saved Order TEL-1 revision 1 for Harbour Pumps: 1 line; the checks found" in out
    assert not ONE_PLURAL.search(out)

    book = tmp_path / "register.xlsx"
    assert cli.main(["export", str(book)]) == 0
    assert f"Saved 1 order to {book}" in capsys.readouterr().out

    chinese = {"LANG": "zh_CN.UTF-8", "QMS_REVIEW_DATA_DIR": str(folder)}
    again = tmp_path / "登记册.xlsx"
    assert cli.main(["export", str(again)], env=chinese) == 0
    assert f"已将 1 个订单保存到 {again}" in capsys.readouterr().out


def test_several_stay_plural(capsys, folder: Path, tmp_path: Path):
    code = cli.main(
        ["order", "new", "--number", "TEL-2", "--customer", "Harbour Pumps",
         "--line", "HP-100;120;pcs;12.50", "--line", "HP-200;5;pcs;3.2"]
    )  # fmt: skip
    assert code == 0
    assert "for Harbour Pumps: 2 lines; the checks found" in capsys.readouterr().out


def test_every_singular_key_has_its_plural_with_the_same_placeholders():
    for language in ("en", "zh_CN"):
        texts = {key: value for (_, key), value in entries(
            resource("translations", f"{language}.po"), CORE).items()}  # fmt: skip
        singular = [key for key in texts if key.endswith("_one")]
        assert len(singular) > 20
        for key in singular:
            many = texts[key.removesuffix("_one")]
            assert sorted(re.findall(r"\{\w+\}", texts[key])) == sorted(
                re.findall(r"\{\w+\}", many)
            ), key


@pytest.mark.parametrize("where", ["core", "gui"])
def test_no_text_hedges_with_s_in_brackets(where: str):
    """ "problem(s)" reads as a form nobody finished; a count chooses its form instead."""
    if where == "core":
        texts = list(entries(resource("translations", "en.po"), CORE).values())
    else:
        texts = [msgid for (_, msgid) in entries(resource("translations", "zh_CN.po"))]
    assert [t for t in texts if re.search(r"[a-z]\(s\)", t)] == []
