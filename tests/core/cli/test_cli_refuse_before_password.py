"""A review command that cannot work whatever the password says why before asking for it:
the section is not the user's, not ready or unknown, the review is not ready for a decision,
the user is not the approver."""

from __future__ import annotations

import json
import re

import pytest

from qms_review import cli
from qms_review.cli import context
from tests.helpers import refused

ORDER = "PO-1002-261006"


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


def _listed(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert cli.main([*args, "--format", "json"]) == 0
    listed: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return listed


@pytest.mark.parametrize(
    ("command", "refusal"),
    [
        (
            ["start", ORDER, "--as", "engineering"],
            "A review is started by sales or by the approver.",
        ),
        (
            ["answer", ORDER, "nosuch.item", "yes", "--as", "engineering"],
            "The review's checklist has no item nosuch.item.",
        ),
        (
            ["dispose", ORDER, "999999", "resolved", "--as", "sales"],
            "Finding #999999 is not one of this revision's.",
        ),
        (
            ["ask", ORDER, "Which revision?", "--finding", "999999", "--as", "sales"],
            "Finding #999999 is not one of this revision's.",
        ),
        (
            ["answer-question", ORDER, "999999", "Revision C", "--as", "sales"],
            "There is no clarification #999999.",
        ),
        (
            ["acknowledge", ORDER, "--as", "sales"],
            "sales has no amendment notice to acknowledge on this review.",
        ),
    ],
    ids=[
        "start-not-sales",
        "no-item",
        "dispose-no-finding",
        "ask-no-finding",
        "no-question",
        "nothing-to-acknowledge",
    ],
)
def test_more_refusals_without_the_password(
    started, capsys, never_asked, command: list[str], refusal: str
):
    assert refused(capsys, "review", *command) == refusal


def test_a_started_review_is_not_started_again_without_the_password(started, capsys, typed):
    status = cli.main(["review", "status", ORDER])
    found = re.search(r"review #(\d+)", capsys.readouterr().out)
    assert status == 0
    assert found is not None
    review = found[1]
    typed.append("never typed")
    assert refused(capsys, "review", "start", ORDER, "--as", "sales") == (
        f"This revision is already under review (review #{review})."
    )
    assert typed == ["never typed"]  # the password was not read


def test_an_item_of_another_function_is_refused_without_the_password(started, capsys, never_asked):
    err = refused(
        capsys, "review", "answer", ORDER, "technical.parts_revisions", "yes", "--as", "sales"
    )
    assert err.endswith("you do not hold that function.")


def test_confirming_is_refused_to_others_without_the_password(capsys, folder, never_asked):
    assert cli.main(["demo"]) == 0
    capsys.readouterr()
    order = "采购-20261102-3"  # accepted in the demo
    assert refused(
        capsys, "record", "confirm", order, "--pdf", str(folder / "oa.pdf"), "--as", "engineering"
    ) == (f"Only sales or the approver confirm {order} to the customer.")
    assert not (folder / "oa.pdf").exists()


def test_customer_files_refuse_without_the_password(capsys, folder, typed, monkeypatch):
    assert cli.main(["demo"]) == 0
    capsys.readouterr()
    returned = next(
        p for p in _listed(capsys, "customer", "property", "list", "C-2001") if p["returned_on"]
    )
    opened = next(
        c
        for code in ("C-1001", "C-1003", "C-2001")
        for c in _listed(capsys, "customer", "complaint", "list", code)
        if c["status"] == "open"
    )

    def never(prompt: str) -> str:
        pytest.fail(f"the password was asked for: {prompt}")

    monkeypatch.setattr(context, "_read", never)
    add = ["customer", "complaint", "add", "C-1002", "Late delivery", "--as", "engineering"]
    assert refused(capsys, *add) == (
        "engineering may not record customer feedback or complaints: that is for sales, "
        "quality or the approver."
    )
    close = ["customer", "complaint", "close", "999999", "--note", "x", "--as", "quality"]
    assert refused(capsys, *close) == "There is no feedback or complaint #999999."
    close = ["customer", "complaint", "close", str(opened["id"]), "--note", "x"]
    assert refused(capsys, *close, "--as", "finance") == (
        f"Entry #{opened['id']} is closed by quality, the approver or its owner."
    )
    receive = ["customer", "property", "add", "C-1002", "Titanium bar stock"]
    receive += ["--condition", "Good", "--location", "Store A-1", "--as", "sales"]
    assert refused(capsys, *receive) == (
        "sales may not record customer property: that is for logistics, production,"
        " quality or the approver."
    )
    back = ["customer", "property", "return"]
    assert refused(capsys, *back, "999999", "--as", "planning") == (
        "There is no customer property #999999."
    )
    assert refused(capsys, *back, str(returned["id"]), "--as", "planning") == (
        f"Property #{returned['id']} was returned on {returned['returned_on']} already."
    )


def test_an_unknown_login_is_refused_only_after_the_password(capsys, started, typed):
    typed.append("whatever")
    err = refused(capsys, "review", "start", ORDER, "--as", "nobody")
    assert typed == []  # the password was read: logins are not given away
    assert "nobody" not in err or "password" in err.casefold()
