"""The record and the management report name rules, bases, changes and fields in the reader's
language: a newcomer read ``clarity.vague`` and ``unit_price`` there."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from qms_review import cli


def _text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


KEYS = re.compile(r"\b(?:clarity|capability|change)\.[a-z_]+\b|\bunit_price\b|\bpart_revision\b")


def test_record_and_report_show_names_not_keys(capsys, folder: Path, tmp_path: Path):
    assert cli.main(["demo"]) == 0
    for language in ("en", "zh_CN"):
        record = tmp_path / f"record-{language}.pdf"
        assert (
            cli.main(
                [
                    "record",
                    "make",
                    "采购-20260928-1",
                    "--language",
                    language,
                    "--output",
                    str(record),
                ]
            )
            == 0
        )
        shown = _text(record)
        assert not KEYS.findall(shown), KEYS.findall(shown)
        if language == "en":
            assert "previous revision" in shown
        else:
            assert "上一版" in shown
        report = tmp_path / f"report-{language}.pdf"
        assert (
            cli.main(
                ["report", "--output", str(report), "--from", "2025-01-01", "--language", language]
            )
            == 0
        )
        shown = _text(report)
        assert not KEYS.findall(shown), KEYS.findall(shown)
        assert ("Vague wording" if language == "en" else "含糊措辞") in shown
    capsys.readouterr()
    assert cli.main(["stats", "--from", "2025-01-01"]) == 0
    out = capsys.readouterr().out
    assert not KEYS.findall(out), KEYS.findall(out)
    assert "Vague wording" in out


def test_every_rule_has_a_name_in_every_language():
    from qms_review.core.catalogues import available
    from qms_review.core.checks import rules
    from qms_review.core.messages import label

    for key in rules.default().rules:
        for language in available():
            assert label("check.rule", key, language) != f"check.rule.{key}", (key, language)
