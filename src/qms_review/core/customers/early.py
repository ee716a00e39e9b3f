"""What a write to a customer's file can be refused for before the password is asked: the
user's functions, an entry or a piece of property that does not exist, is closed or was
returned already. The command line checks these first; the write itself checks them again in
its unit of work."""

from __future__ import annotations

from sqlalchemy.orm import Session

from qms_review.core.customers import custody, feedback, rules
from qms_review.core.identity import users
from qms_review.core.identity.users import Person
from qms_review.core.messages import QmsError
from qms_review.core.store.database import Store


def refuse_before_password(
    store: Store, login: str, what: str, action: str, entry_id: int | None = None
) -> None:
    """Raise the refusal ``action`` (add, close, damage, reported, return) on ``what``
    (complaint, property) would meet whatever password is given; an unknown login is left to
    the password check (it refuses both alike)."""
    with store.read() as session:
        try:
            person = users.find(session, login)
        except QmsError:
            return
        if what == "complaint":
            _feedback(session, person, action, entry_id)
        else:
            _property(session, person, action, entry_id)


def _feedback(session: Session, person: Person, action: str, entry_id: int | None) -> None:
    if action == "add":
        rules.require(person, rules.FEEDBACK_RECORDERS, "feedback")
    elif action == "close" and entry_id is not None:
        feedback.closable(session, person, entry_id)


def _property(session: Session, person: Person, action: str, entry_id: int | None) -> None:
    rules.require(person, rules.PROPERTY_KEEPERS, "property")
    if action in ("damage", "return") and entry_id is not None:
        row = custody.held(session, entry_id)
        if action == "return" and row.returned_on is not None:
            raise QmsError("customer.property_returned", id=entry_id, date=row.returned_on)
