"""The record and the management report name rules, bases, changes and fields in the reader's
language: a newcomer read ``clarity.vague`` and ``unit_price`` there."""

from __future__ import annotations

import os
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


def test_the_review_export_names_fields_and_values(capsys, folder: Path, tmp_path: Path):
    from openpyxl import load_workbook

    assert cli.main(["demo"]) == 0
    raw = re.compile(
        r"^(?:customer_code|received_at|quotation_ref|due_on|review_data_sha256|line_no|"
        r"part_number|unit_price|delivery_date|warning|error|yes|no|na|clarified|"
        r"accepted_with_conditions|order|sales|engineering)$"
    )
    for language, env in (("en", "en_GB.UTF-8"), ("zh_CN", "zh_CN.UTF-8")):
        book = tmp_path / f"review-{language}.xlsx"
        assert (
            cli.main(
                ["export", str(book), "--review-of", "PO-1001-260927"],
                env={**os.environ, "LANGUAGE": env},
            )
            == 0
        )
        cells = [
            str(value)
            for sheet in load_workbook(book).worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        leaked = sorted({c for c in cells if raw.match(c) or KEYS.search(c)})
        assert leaked == [], (language, leaked)
        assert ("Customer code" if language == "en" else "客户编码") in cells
