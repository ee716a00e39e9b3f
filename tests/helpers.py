"""Small helpers shared by the core and the GUI tests."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from qms_review.core.identity import users
from qms_review.core.review import checklists
from qms_review.core.store.database import Store
from qms_review.core.store.models import Order

#: The demo's login for each function that owns a checklist section (function value → login).
DEMO_LOGINS = {
    "sales": "sales",
    "engineering": "engineering",
    "planning": "planning",
    "production": "production",
    "purchasing": "purchasing",
    "quality": "quality",
    "finance": "finance",
}


def find_person(store: Store, login: str) -> users.Person:
    """The person who signs in as ``login``."""
    with store.read() as session:
        return users.find(session, login)


def order_id(store: Store, number: str) -> int:
    """The id of the order or quotation numbered ``number``, which must exist."""
    with store.read() as session:
        found = session.scalar(select(Order.id).where(Order.number == number))
    assert found is not None
    return found


def shipped_templates() -> list[checklists.Template]:
    """The checklist templates and packs that ship with the program, parsed (the default
    first): the tests' reference for them. (The program stores them from their files.)"""
    found = [
        replace(checklists.load(path), source=checklists.BUILTIN_SOURCE)
        for path in checklists.builtin_files()
    ]
    return sorted(found, key=lambda t: (t.kind != "template", t.key))


def cut_commit(store: Store, monkeypatch: pytest.MonkeyPatch, *, done: bool) -> list[int]:
    """The next commit's connection is lost: after the server committed (``done``) or before.
    Returns the count of commits cut so far."""
    dialect = store.engine.dialect
    real = dialect.do_commit
    cut: list[int] = []

    def do_commit(dbapi_connection):  # type: ignore[no-untyped-def]
        if cut:
            return real(dbapi_connection)
        cut.append(1)
        if done:
            real(dbapi_connection)
        else:
            dbapi_connection.rollback()
        raise dialect.loaded_dbapi.OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(dialect, "do_commit", do_commit)
    return cut


def refused(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run a command that must be refused: exit 1, one line on stderr (returned), no
    traceback."""
    from qms_review import cli

    assert cli.main(list(args)) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    return err.strip()


def orders_rarely_amended(store: Store, orders: int = 25) -> None:
    """``orders`` orders received today, one of them amended once: 1 / ``orders`` amendments
    per order, which one decimal would show as 0.0."""
    from datetime import date

    from qms_review.core.intake import entry
    from qms_review.core.review import amendments

    line = {"part_number": "HP-100", "quantity": "5", "delivery_date": "2027-06-01"}
    for n in range(orders):
        fields = {"kind": "order", "number": f"RARE-{n}", "customer": "Harbour Pumps Ltd"}
        fields["order_date"] = date.today().isoformat()
        result = amendments.save_entry(store, entry.read(fields, [line], False), "sales")
    changed = entry.read({**fields, "buyer": "J. Doe"}, [line], False)
    amendments.save_entry(store, changed, "sales", result.order_id)
