"""Fixtures of the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from qms_review import cli
from qms_review.cli import context

#: The demo's order whose review ``started`` starts.
STARTED = "PO-1002-261006"


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the user types at the password prompts, in order."""
    answers: list[str] = []
    monkeypatch.setattr(context, "_read", lambda _prompt: answers.pop(0))
    return answers


@pytest.fixture
def never_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The password reader fails the test if it is called."""

    def never(prompt: str) -> str:
        pytest.fail(f"the password was asked for: {prompt}")

    monkeypatch.setattr(context, "_read", never)


@pytest.fixture
def started(capsys: pytest.CaptureFixture[str], folder: Path, typed: list[str]) -> None:
    """The demo loaded and sales' review of its order ``STARTED`` started."""
    assert cli.main(["demo"]) == 0
    typed.append("sales-demo")
    assert cli.main(["review", "start", STARTED, "--as", "sales"]) == 0
    capsys.readouterr()
