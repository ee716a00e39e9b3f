"""A working session in the audit trail: signing out, the screen locked after idle time, and
unlocking it with one's own password (Part 11 §11.300, Annex 11 §12: a session left alone is
locked, and only its user's password opens it again)."""

from __future__ import annotations

from typing import Any

from qms_review.core.identity.authentication import check_password
from qms_review.core.identity.users import Person, actor_of, user_row
from qms_review.core.store import audit
from qms_review.core.store.database import Store

SIGNED_OUT = "logout"
LOCKED = "session_locked"
UNLOCKED = "session_unlocked"

#: How a session ended, as the audit event says it.
SIGN_OUT, SWITCH_USER, SWITCH_WHILE_LOCKED, QUIT = (
    "sign out",
    "switch user",
    "switch while locked",
    "quit",
)


def _record(store: Store, login: str, action: str, **details: Any) -> None:
    with store.write(actor_of(login)) as session:
        user = user_row(session, login)
        audit.record(
            session, audit.Change(action, "users", str(user.id), {"login": login, **details})
        )


def signed_out(store: Store, login: str, how: str = SIGN_OUT) -> None:
    """``login`` ended their session (``how``: sign out, switch user, …)."""
    _record(store, login, SIGNED_OUT, how=how)


def locked(store: Store, login: str, idle_seconds: int) -> None:
    """``login``'s session was locked after ``idle_seconds`` without input."""
    _record(store, login, LOCKED, idle_seconds=idle_seconds)


def unlock(store: Store, login: str, password: str) -> Person:
    """The locked session's own user, if ``password`` is theirs; else :class:`QmsError`. A wrong
    password counts towards the lockout as at login (and is audited by the check)."""
    found = check_password(store, login, password, "unlock")
    _record(store, login, UNLOCKED)
    return found
