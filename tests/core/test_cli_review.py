"""``qms-review review``: the same rules and messages as the GUI, from a script."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qms_review import cli
from qms_review.cli import context


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    answers: list[str] = []
    monkeypatch.setattr(context, "_read", lambda _prompt: answers.pop(0))
    return answers


def test_review_commands(capsys, folder: Path, typed: list[str]):
    assert cli.main(["demo"]) == 0
    capsys.readouterr()
    assert cli.main(["review", "status", "PO-1002-261006"]) == 1
    assert "has no review yet" in capsys.readouterr().err
    typed.append("sales-demo")
    assert cli.main(["review", "start", "PO-1002-261006", "--as", "sales"]) == 0
    assert re.search(r"Review #\d+ started", capsys.readouterr().out)
    typed.append("engineering-demo")
    assert (
        cli.main(
            [
                "review",
                "answer",
                "PO-1002-261006",
                "technical.parts_revisions",
                "no",
                "--comment",
                "rev B obsolete",
                "--as",
                "engineering",
            ]
        )
        == 0
    )
    typed.append("engineering-demo")
    assert (
        cli.main(
            [
                "review",
                "dispose",
                "PO-1002-261006",
                "technical.parts_revisions",
                "clarified",
                "--note",
                "Customer moves to rev C",
                "--as",
                "engineering",
            ]
        )
        == 0
    )
    capsys.readouterr()
    typed.append("sales-demo")
    assert (
        cli.main(
            [
                "review",
                "answer",
                "PO-1002-261006",
                "technical.parts_revisions",
                "yes",
                "--as",
                "sales",
            ]
        )
        == 1
    )
    assert "answered by engineering" in capsys.readouterr().err
    typed.append("engineering-demo")
    assert cli.main(["review", "sign", "PO-1002-261006", "technical", "--as", "engineering"]) == 1
    assert "cannot be signed yet" in capsys.readouterr().err
    typed.append("approver-demo")
    assert cli.main(["review", "decide", "PO-1002-261006", "accepted", "--as", "approver"]) == 1
    assert "does not allow “decide”" in capsys.readouterr().err
    assert cli.main(["review", "status", "PO-1002-261006"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"review #\d+ in review", out)
    assert "stand between this review and a decision" in out
    typed.append("wrong-password")
    assert (
        cli.main(["review", "answer", "PO-1002-261006", "gate.kind", "yes", "--as", "sales"]) == 1
    )
    assert "Wrong password" in capsys.readouterr().err
