"""Fixtures of the command-line tests."""

from __future__ import annotations

import pytest

from qms_review.cli import context


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the user types at the password prompts, in order."""
    answers: list[str] = []
    monkeypatch.setattr(context, "_read", lambda _prompt: answers.pop(0))
    return answers
