"""Every option that takes a day refuses one that is not on the calendar (2027-13-01,
2027-02-30) the same way: one line naming the option and the value, exit 1, before any password
is asked for and with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from qms_review import cli
from qms_review.core.store import engines
from qms_review.core.store.database import open_store
from qms_review.core.store.models import Order, OrderRevision
from tests.helpers import refused

ORDER = "PO-1002-261006"
DATABASE = "qms-review.sqlite3"


@pytest.mark.parametrize(
    ("command", "option", "value"),
    [
        (["order", "new", "--number", "N-1", "--customer", "Acme", "--order-date", "2027-13-01",
          "--line", "P-1;2"], "--order-date", "2027-13-01"),
        (["order", "new", "--number", "N-1", "--customer", "Acme", "--order-date", "2027-02-30",
          "--line", "P-1;2"], "--order-date", "2027-02-30"),
        (["order", "new", "--number", "N-1", "--customer", "Acme",
          "--line", "P-1;2;pcs;3.5;2027-13-01"], "--line", "2027-13-01"),
        (["order", "new", "--number", "N-1", "--customer", "Acme",
          "--line", "P-1;2;pcs;3.5;30.02.2027"], "--line", "30.02.2027"),
        (["stats", "--from", "2027-13-01"], "--from", "2027-13-01"),
        (["report", "--output", "r.pdf", "--to", "2027-02-29"], "--to", "2027-02-29"),
        (["review", "log", ORDER, "Called", "--date", "2027-02-30", "--as", "sales"],
         "--date", "2027-02-30"),
        (["review", "answer-question", ORDER, "1", "Yes", "--date", "2027-13-01", "--as", "sales"],
         "--date", "2027-13-01"),
        (["customer", "complaint", "add", "HP", "Late", "--received", "2027-13-01", "--as",
          "sales"], "--received", "2027-13-01"),
        (["customer", "complaint", "add", "HP", "Late", "--due", "31/12/2026", "--as",
          "sales"], "--due", "31/12/2026"),
        (["customer", "complaint", "close", "1", "--note", "done", "--date", "2027-02-30",
          "--as", "sales"], "--date", "2027-02-30"),
        (["customer", "property", "add", "HP", "Gauge", "--condition", "ok", "--location", "A",
          "--received", "2027-13-01", "--as", "sales"], "--received", "2027-13-01"),
        (["customer", "property", "damage", "1", "Bent", "--reported", "2027-13-01", "--as",
          "sales"], "--reported", "2027-13-01"),
        (["customer", "property", "return", "1", "--date", "2027-1-5", "--as", "sales"],
         "--date", "2027-1-5"),
    ],
)  # fmt: skip
def test_a_day_not_on_the_calendar_is_refused_before_anything(
    capsys, folder: Path, never_asked, command: list[str], option: str, value: str
):
    err = refused(capsys, *command)
    assert err == f"{option} “{value}” is not a date: write it as YYYY-MM-DD, e.g. 2026-12-31."
    assert not (folder / DATABASE).exists()  # nothing written, not even an empty database


def test_the_refusal_is_in_the_language_of_the_command(capsys, folder: Path, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "zh_CN")
    err = refused(capsys, "stats", "--to", "2027-02-30")
    assert err == "--to“2027-02-30”不是日期：请写作 YYYY-MM-DD，例如 2026-12-31。"


def _revisions(folder: Path, number: str) -> list[tuple[int, object]]:
    store = open_store(engines.sqlite_url(folder / DATABASE), folder)
    try:
        with store.read() as session:
            rows = session.execute(
                select(OrderRevision.number, OrderRevision.order_date)
                .join(Order)
                .where(Order.number == number)
            )
            return [tuple(row) for row in rows]  # type: ignore[misc]
    finally:
        store.close()


@pytest.mark.parametrize(
    ("change", "option", "value"),
    [
        (["--set", "order_date=2027-13-01"], "--set", "2027-13-01"),
        (["--change-line", "10:delivery_date=2027-02-30"], "--change-line", "2027-02-30"),
        (["--add-line", "P-9;1;pcs;1;2027-13-01"], "--add-line", "2027-13-01"),
    ],
)
def test_an_edit_refuses_it_too(capsys, folder: Path, change: list[str], option: str, value: str):
    assert cli.main(["demo"]) == 0
    before = _revisions(folder, ORDER)
    capsys.readouterr()
    err = refused(capsys, "order", "edit", ORDER, *change)
    assert err == f"{option} “{value}” is not a date: write it as YYYY-MM-DD, e.g. 2026-12-31."
    assert _revisions(folder, ORDER) == before


def test_words_for_a_delivery_date_are_still_kept_for_the_checks(capsys, folder: Path):
    code = cli.main(["order", "new", "--number", "N-2", "--customer", "Acme",
                     "--order-date", "2027-01-04", "--line", "P-1;2;pcs;3.5;ASAP"])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert "Saved Order N-2 revision 1 for Acme: 1 line" in capsys.readouterr().out
    assert [str(d) for _n, d in _revisions(folder, "N-2")] == ["2027-01-04"]
