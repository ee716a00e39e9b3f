"""``qms-review order new|edit``: an order typed in, and an edit as its next revision."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from qms_review import cli
from qms_review.core.store import engines
from qms_review.core.store.database import open_store
from qms_review.core.store.models import Order, OrderRevision, Review
from qms_review.core.store.vocabulary import ReviewState


def _revisions(folder: Path, number: str) -> list[tuple[int, bool, str | None]]:
    store = open_store(engines.sqlite_url(folder / "qms-review.sqlite3"), folder)
    try:
        with store.read() as session:
            rows = session.execute(
                select(OrderRevision.number, OrderRevision.verbal, OrderRevision.payment_terms)
                .join(Order)
                .where(Order.number == number)
                .order_by(OrderRevision.number)
            )
            return [tuple(row) for row in rows]  # type: ignore[misc]
    finally:
        store.close()


def test_an_order_taken_by_phone_then_edited(capsys, folder: Path, tmp_path: Path):
    assert cli.main(["demo"]) == 0
    capsys.readouterr()
    lines = tmp_path / "lines.csv"
    lines.write_text("Part No.;Qty;Unit;Unit price\nHB-1020;40;pcs;7,5\n", encoding="utf-8")
    code = cli.main(
        ["order", "new", "--number", "TEL-1", "--customer", "Harbour Pumps", "--currency", "usd",
         "--verbal", "--line", "HP-100;120;pcs;12.50;2027-01-15;Pump housing",
         "--line", "HP-200;1,000;pcs;3.2"]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "Saved Order TEL-1 revision 1 for Harbour Pumps: 2 lines" in out
    assert _revisions(folder, "TEL-1") == [(1, True, None)]

    code = cli.main(
        ["order", "edit", "TEL-1", "--change-line", "1:quantity=150",
         "--set", "payment-terms=30 days net", "--dry-run"]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "Differences to the previous revision: 2" in out
    assert "line 1 HP-100: quantity 120 → 150" in out
    assert "payment terms: — → 30 days net" in out
    assert "nothing was written" in out
    assert _revisions(folder, "TEL-1") == [(1, True, None)]

    code = cli.main(
        ["order", "edit", "TEL-1", "--change-line", "1:quantity=150",
         "--set", "payment_terms=30 days net", "--remove-line", "2", "--not-verbal"]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "Saved Order TEL-1 as revision 2 (Harbour Pumps): 1 line;" in out
    assert "line 2 HP-200: line removed" in out or "HP-200" in out
    assert _revisions(folder, "TEL-1") == [(1, True, None), (2, False, "30 days net")]

    # the same again: nothing changed, nothing written
    code = cli.main(["order", "edit", "TEL-1", "--set", "payment_terms=30 days net"])
    assert code == 1
    assert "Nothing changed: TEL-1 revision 2 already says exactly this" in capsys.readouterr().err
    # lines from a file, in another language's words for what is wrong
    assert cli.main(["order", "edit", "TEL-1", "--lines-from", str(lines)]) == 0
    assert "quantity" in capsys.readouterr().out
    assert len(_revisions(folder, "TEL-1")) == 3


def test_refusals_name_the_line_and_value(capsys, folder: Path, tmp_path: Path):
    assert (
        cli.main(["order", "new", "--number", "X-1", "--customer", "A", "--line", "P;zwölf"]) == 1
    )
    assert capsys.readouterr().err.strip() == "Line 1: the quantity “zwölf” is not a number."
    assert (
        cli.main(["order", "new", "--number", "X-1", "--customer", "A", "--line", "1;2;3;4;5;6;7"])
        == 1
    )
    assert "has more than 6 parts" in capsys.readouterr().err
    assert cli.main(["order", "new", "--number", "X-1", "--customer", "A"]) == 1
    assert "X-1 has no lines" in capsys.readouterr().err
    missing = tmp_path / "missing.csv"
    assert (
        cli.main(
            ["order", "new", "--number", "X-1", "--customer", "A", "--lines-from", str(missing)]
        )
        == 1
    )
    assert "missing.csv" in capsys.readouterr().err
    assert cli.main(["order", "new", "--number", "X-1", "--customer", "A", "--line", "P;1"]) == 0
    capsys.readouterr()
    assert cli.main(["order", "edit", "X-1", "--change-line", "7:quantity=2"]) == 1
    assert (
        "“7:quantity=2”: there is no such line; the order's lines are: 1" in capsys.readouterr().err
    )
    assert cli.main(["order", "edit", "X-1", "--set", "colour=red"]) == 1
    assert "“colour=red” does not name a field" in capsys.readouterr().err


def test_an_edit_carries_the_open_review_over(capsys, folder: Path):
    assert cli.main(["demo"]) == 0
    store = open_store(engines.sqlite_url(folder / "qms-review.sqlite3"), folder)
    try:
        with store.read() as session:
            number = session.scalar(
                select(Order.number)
                .join(OrderRevision)
                .join(Review, Review.revision_id == OrderRevision.id)
                .where(Review.state == ReviewState.IN_REVIEW)
                .order_by(Review.id)
                .limit(1)
            )
    finally:
        store.close()
    assert number is not None
    capsys.readouterr()
    assert cli.main(["order", "edit", number, "--change-line", "10:quantity=9999"]) == 0
    out = capsys.readouterr().out
    assert "The open review was carried over" in out
