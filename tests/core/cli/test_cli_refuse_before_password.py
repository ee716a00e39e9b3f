"""A review command that cannot work whatever the password says why before asking for it:
the section is not the user's, not ready or unknown, the review is not ready for a decision,
the user is not the approver."""

from __future__ import annotations

from pathlib import Path

import pytest

from qms_review import cli
from qms_review.cli import context

ORDER = "PO-1002-261006"


@pytest.fixture
def started(capsys, folder: Path, typed: list[str]) -> None:
    assert cli.main(["demo"]) == 0
    typed.append("sales-demo")
    assert cli.main(["review", "start", ORDER, "--as", "sales"]) == 0
    capsys.readouterr()


@pytest.mark.parametrize(
    ("command", "refusal"),
    [
        (["sign", ORDER, "technical", "--as", "engineering"], "cannot be signed yet"),
        (["sign", ORDER, "technical", "--as", "sales"], "You do not hold the function Engineering"),
        (["sign", ORDER, "no-such-section", "--as", "engineering"], "no-such-section"),
        (["submit", ORDER, "--as", "sales"], "does not allow “submit for decision”"),
        (["decide", ORDER, "accepted", "--as", "approver"], "does not allow “decide”"),
        (["decide", ORDER, "accepted", "--as", "engineering"], "does not allow “decide”"),
    ],
    ids=[
        "not-ready",
        "not-theirs",
        "no-section",
        "submit-a-draft",
        "decide-a-draft",
        "not-approver",
    ],
)
def test_refused_without_asking_for_the_password(
    started, capsys, monkeypatch: pytest.MonkeyPatch, command: list[str], refusal: str
):
    def never(prompt: str) -> str:
        pytest.fail(f"the password was asked for: {prompt}")

    monkeypatch.setattr(context, "_read", never)
    assert cli.main(["review", *command]) == 1
    err = capsys.readouterr().err
    assert refusal in err
    assert "Traceback" not in err


def test_a_command_that_can_work_still_asks(started, capsys, typed: list[str]):
    typed.append("engineering-demo")
    assert cli.main(["review", "answer", ORDER, "technical.parts_revisions", "yes",
                     "--as", "engineering"]) == 0  # fmt: skip
    assert typed == []  # the password was read
