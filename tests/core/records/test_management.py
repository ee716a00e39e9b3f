"""The management-review report: the period's figures, charts, both languages."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from qms_review.cli import main
from qms_review.core.store.database import Store
from tests.core.history import make_history, utc  # noqa: F401 (utc: a fixture)


def _text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "Management review: customer requirements",
                "2026-10-01 to 2026-11-30",
                "1. The reviews now",
                "3 reviews of orders received in the period were decided.",
                "Receipt to decision: median 4.0 days, 90th percentile 10.0 days.",
                "Vague wording",
                "Acme Vague Ltd",
                "1 review is past its due date.",
                "B-2",
            ],
        ),
        (
            "zh_CN",
            [
                "管理评审：顾客要求",
                "2026-10-01 至 2026-11-30",
                "1. 当前评审情况",
                "有 3 个评审已作出决定",
                "接收至决定：中位 4.0 天，第 90 百分位 10.0 天。",
                "共有 1 个评审已过期限。",
                "评审中",
            ],
        ),
    ],
)
def test_the_report_of_a_period(
    store: Store, folder: Path, tmp_path: Path, capsys, language: str, expected: list[str]
):
    make_history(store)
    pdf, book = tmp_path / "report.pdf", tmp_path / "report.xlsx"
    args = ["report", "--from", "2026-10-01", "--to", "2026-11-30", "--output", str(pdf)]
    env = {"LANG": "C", "QMS_REVIEW_DATA_DIR": str(folder)}
    assert main([*args, "--language", language, "--xlsx", str(book)], env=env) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Saved the management-review report to {pdf}.",
        f"Saved the figures to {book}.",
    ]
    shown = " ".join(_text(pdf).split())
    for words in expected:
        assert words in shown, words
    assert pdf.read_bytes().count(b"/Type /Page\n") + pdf.read_bytes().count(b"/Type /Page ") >= 1
    assert book.stat().st_size > 0
    # never overwrites
    assert main([*args, "--language", language], env=env) == 1
