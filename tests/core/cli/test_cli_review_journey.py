"""An order taken from the spreadsheet to a verified signed record by the command line alone:
import → review start → every function answers and signs → a question to the customer asked and
answered → submit (and reopen) → decide → record make → every signer signs → verify. Then the
IATF waiver and an amendment's notices, acknowledged."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from qms_review import cli
from qms_review.core.review import progress, walkthrough
from qms_review.core.store import engines
from qms_review.core.store.database import open_store
from qms_review.core.store.vocabulary import Answer, Function
from tests import corpus
from tests.helpers import order_id

ORDER = "PO-88001"

#: The demo's user for each function (their password is the login followed by ``-demo``).
LOGIN = {
    Function.SALES: "sales",
    Function.ENGINEERING: "engineering",
    Function.PLANNING: "planning",
    Function.LOGISTICS: "planning",
    Function.PRODUCTION: "production",
    Function.PURCHASING: "purchasing",
    Function.QUALITY: "quality",
    Function.FINANCE: "finance",
}


def _as(typed: list[str], login: str, *args: str) -> int:
    """``qms-review review …`` by ``login``, typing their password at the prompt (a command
    refused before the prompt leaves it unread: it is not typed into the next one)."""
    typed[:] = [f"{login}-demo"]
    return cli.main(["review", *args, "--as", login])


def _view(folder: Path) -> walkthrough.WalkthroughView:
    """What there is to answer (read only: every change goes through the command line)."""
    store = open_store(engines.sqlite_url(folder / "qms-review.sqlite3"), folder)
    try:
        with store.read() as session:
            review = progress.review_of(session, order_id(store, ORDER))
            assert review is not None
            return walkthrough.load(session, review)
    finally:
        store.close()


def test_an_order_from_import_to_a_verified_record_by_the_command_line(
    capsys, folder: Path, tmp_path: Path, typed: list[str]
):
    assert cli.main(["demo"]) == 0
    assert cli.main(["import", str(corpus.messy(tmp_path / "po.xlsx")), "--verbal"]) == 0
    assert _as(typed, "sales", "start", ORDER) == 0
    capsys.readouterr()

    assert cli.main(["check", ORDER, "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)["findings"]
    assert found, "the messy order has findings to disposition"
    for finding in found:
        assert (
            _as(typed, "approver", "dispose", ORDER, str(finding["id"]), "waived", "--note", "ok")
            == 0
        )
    view = _view(folder)
    signers: list[str] = []
    for section in view.sections:
        if section.function is Function.APPROVER or not section.required:
            continue
        login = LOGIN[section.function]
        for item in section.items:
            if not item.applies:
                continue
            value = Answer.YES if Answer.YES in item.item.answers else item.item.answers[0]
            assert _as(typed, login, "answer", ORDER, item.item.key, value.value) == 0
            if value is Answer.NO:
                assert (
                    _as(typed, login, "dispose", ORDER, item.item.key, "condition", "--note", "x")
                    == 0
                )
        assert _as(typed, login, "sign", ORDER, section.key) == 0, capsys.readouterr().err
        signers.append(login)
    capsys.readouterr()

    # A question to the customer stays open until its answer is recorded.
    assert _as(typed, "sales", "ask", ORDER, "Which material certificate, 3.1 or 3.2?") == 0
    asked = re.search(r"Clarification #(\d+) raised", capsys.readouterr().out)
    assert asked is not None
    assert _as(typed, "approver", "submit", ORDER) == 0
    assert "submitted for decision" in capsys.readouterr().out
    assert cli.main(["review", "status", ORDER]) == 0
    status = capsys.readouterr().out
    assert f"clarification #{asked[1]} with the customer is open" in status
    assert "verbal order needs the written confirmation" in status
    assert _as(typed, "approver", "decide", ORDER, "accepted") == 1
    assert "clarification" in capsys.readouterr().err
    assert typed == ["approver-demo"]  # refused before the password was asked
    typed.clear()
    assert _as(typed, "sales", "answer-question", ORDER, "99999", "3.1") == 1
    assert "99999" in capsys.readouterr().err
    assert (
        _as(
            typed,
            "sales",
            "answer-question",
            ORDER,
            asked[1],
            "EN 10204 3.1",
            "--channel",
            "e-mail",
            "--contact",
            "Ms Li",
        )
        == 0
    )
    assert f"Clarification #{asked[1]} closed" in capsys.readouterr().out

    # The order came by phone: accepting it needs our written confirmation first.
    assert _as(typed, "approver", "decide", ORDER, "accepted") == 1
    assert "verbal order" in capsys.readouterr().err
    assert (
        _as(typed, "sales", "log", ORDER, "Order confirmation sent", "--kind", "confirmation") == 0
    )
    assert "recorded in the log of PO-88001" in capsys.readouterr().out

    # The approver may take it back into review, with a reason, and it is submitted again.
    assert _as(typed, "sales", "reopen", ORDER, "--reason", "price") == 1
    assert "approver" in capsys.readouterr().err
    assert _as(typed, "approver", "reopen", ORDER, "--reason", "check the price again") == 0
    assert "back in review" in capsys.readouterr().out
    assert _as(typed, "approver", "submit", ORDER) == 0

    assert _as(typed, "approver", "decide", ORDER, "accepted") == 0
    assert cli.main(["record", "make", ORDER]) == 0
    for login in dict.fromkeys(["sales", *signers]):
        typed.append(f"{login}-demo")
        assert cli.main(["record", "sign", ORDER, "--as", login]) == 0
    signed = tmp_path / "signed.pdf"
    typed.append("approver-demo")
    assert cli.main(["record", "sign", ORDER, "--as", "approver", "--output", str(signed)]) == 0
    capsys.readouterr()
    assert cli.main(["verify", str(signed)]) == 0, capsys.readouterr().out


def test_the_iatf_waiver_and_an_amendments_notices(
    capsys, folder: Path, tmp_path: Path, typed: list[str]
):
    assert cli.main(["demo"]) == 0
    assert cli.main(["import", str(corpus.messy(tmp_path / "po.xlsx"))]) == 0
    assert _as(typed, "sales", "start", ORDER) == 0
    evidence = tmp_path / "authorisation.pdf"
    evidence.write_bytes(b"%PDF-1.4 the customer waives the formal review")
    assert (
        _as(typed, "approver", "waive", ORDER, "--evidence", str(evidence), "--note", "PO terms")
        == 1
    )
    assert "IATF 16949" in capsys.readouterr().err  # not under the IATF pack

    second = corpus.messy(
        tmp_path / "po-2.xlsx", [[10, "HB-1020", "C", "液压块", 150, "件", "86.40", "2026-12-20"]]
    )
    assert cli.main(["import", str(second)]) == 0  # revision 2: the quantity re-opens parts
    capsys.readouterr()
    assert cli.main(["review", "status", ORDER]) == 0
    assert "revision 2" in capsys.readouterr().out
    acknowledged = 0
    for login in dict.fromkeys(LOGIN.values()):
        code = _as(typed, login, "acknowledge", ORDER)
        out, err = capsys.readouterr()
        if code == 0:
            acknowledged += 1
            assert "Amendment notices acknowledged" in out
        else:
            assert "no amendment notice" in err
    assert acknowledged
    assert _as(typed, "planning", "acknowledge", ORDER) == 1  # nothing left to acknowledge


@pytest.mark.parametrize("missing", [False, True])
def test_the_iatf_waiver_by_the_command_line(
    capsys, folder: Path, tmp_path: Path, typed: list[str], missing: bool
):
    assert cli.main(["demo"]) == 0
    assert cli.main(["import", str(corpus.messy(tmp_path / "po.xlsx"))]) == 0
    assert _as(typed, "sales", "start", ORDER, "--pack", "iatf16949") == 0
    evidence = tmp_path / "authorisation.pdf"
    if not missing:
        evidence.write_bytes(b"%PDF-1.4 the customer waives the formal review")
    capsys.readouterr()
    args = ["waive", ORDER, "--evidence", str(evidence), "--note", "customer's PO terms"]
    assert _as(typed, "sales", *args) == 1
    assert "approver" in capsys.readouterr().err
    assert _as(typed, "approver", *args) == (1 if missing else 0)
    if missing:
        assert "Cannot read" in capsys.readouterr().err
        return
    assert "waived" in capsys.readouterr().out
    # Nothing but the decision is left: the waiver stands for the formal review.
    assert _as(typed, "approver", "submit", ORDER) == 0
    assert _as(typed, "approver", "decide", ORDER, "accepted") == 0
