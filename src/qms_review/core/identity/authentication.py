"""Proving who is working: password checks with lockout (five wrong in a row lock the account
for 15 minutes, every failure audited), password changes and resets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.identity import passwords, pki
from qms_review.core.identity.certificates import issue, unlock_ca
from qms_review.core.identity.users import Person, actor_of, person, user_row
from qms_review.core.messages import QmsError, one_or_many
from qms_review.core.store import audit
from qms_review.core.store.columns import utcnow
from qms_review.core.store.database import Store
from qms_review.core.store.models import Certificate, User

LOCK_AFTER = 5


LOCK_MINUTES = 15
#: What a password set by an administrator is good for until its owner changes it: logging in
#: (where the program asks for the change at once) and the change itself.
_BEFORE_CHANGE = ("login", "password change")


@dataclass(frozen=True)
class _Attempt:
    person: Person | None
    error: QmsError | None


def check_password(
    store: Store, login: str, password: str, purpose: str = "login", now: datetime | None = None
) -> Person:
    """The user, if ``password`` is theirs and they may work; else :class:`QmsError`.

    A wrong password counts towards the lockout whatever it was for (login, password change,
    signing); the count and the audit events are committed even though the answer is a refusal.
    """
    now = now or utcnow()
    with store.write(actor_of(login)) as session:
        attempt = _attempt(session, login, password, purpose, now)
    if attempt.error is not None:
        raise attempt.error
    assert attempt.person is not None
    return attempt.person


def _attempt(session: Session, login: str, password: str, purpose: str, now: datetime) -> _Attempt:
    user = session.scalars(select(User).where(User.login == login)).first()
    if user is None or not user.active:
        audit.record(
            session,
            audit.Change(
                "login_failed",
                "users",
                str(user.id) if user else None,
                {
                    "login": login,
                    "purpose": purpose,
                    "reason": "inactive" if user else "unknown login",
                },
            ),
        )
        return _Attempt(None, QmsError("identity.bad_credentials"))
    if user.locked_until is not None and user.locked_until > now:
        audit.record(
            session,
            audit.Change(
                "login_failed",
                "users",
                str(user.id),
                {"login": login, "purpose": purpose, "reason": "locked"},
            ),
        )
        return _Attempt(None, _locked(user.locked_until))
    if not passwords.verify(user.password_hash, password):
        user.failed_logins += 1
        left = LOCK_AFTER - user.failed_logins
        audit.record(
            session,
            audit.Change(
                "login_failed",
                "users",
                str(user.id),
                {
                    "login": login,
                    "purpose": purpose,
                    "reason": "wrong password",
                    "attempt": user.failed_logins,
                },
            ),
        )
        if left <= 0:
            user.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            user.failed_logins = 0
            audit.record(
                session,
                audit.Change(
                    "lockout", "users", str(user.id), {"login": login, "minutes": LOCK_MINUTES}
                ),
            )
            return _Attempt(None, _locked(user.locked_until))
        return _Attempt(
            None,
            QmsError(
                one_or_many(
                    left, "identity.wrong_password_left_one", "identity.wrong_password_left"
                ),
                left=left,
            ),
        )
    if user.failed_logins or user.locked_until is not None:
        user.failed_logins = 0
        user.locked_until = None
    if user.password_hash and passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    if user.must_change_password and purpose not in _BEFORE_CHANGE:
        # A password an administrator chose proves nothing about who types it: it signs and
        # administers nothing until its owner has chosen their own.
        audit.record(
            session,
            audit.Change(
                "login_failed",
                "users",
                str(user.id),
                {"login": login, "purpose": purpose, "reason": "must change password"},
            ),
        )
        return _Attempt(None, QmsError("identity.must_change_first", login=login))
    if purpose == "login":
        audit.record(session, audit.Change("login", "users", str(user.id), {"login": login}))
    return _Attempt(person(session, user), None)


def _locked(until: datetime) -> QmsError:
    return QmsError("identity.locked", until=until.astimezone().strftime("%Y-%m-%d %H:%M"))


def change_password(
    store: Store, login: str, old: str, new: str, now: datetime | None = None
) -> Person:
    """The user's own change: the old password proves who they are; their key is re-encrypted
    with the new one (a key imported or issued stays the same key)."""
    passwords.check_policy(new, login)
    if new == old:
        raise QmsError("identity.password_same")
    check_password(store, login, old, "password change", now)
    now = now or utcnow()
    with store.write(actor_of(login)) as session:
        user = user_row(session, login)
        user.password_hash = passwords.hash_password(new)
        user.must_change_password = False
        user.password_changed_at = now
        for row in session.scalars(
            select(Certificate).where(
                Certificate.user_id == user.id, Certificate.key_pem.is_not(None)
            )
        ):
            assert row.key_pem is not None
            try:
                key = pki.unlock(row.key_pem, old)
            except QmsError:
                continue  # an old key that an earlier password locked; it signs nothing now
            row.key_pem = pki.lock(key, new)
        audit.record(
            session, audit.Change("password_changed", "users", str(user.id), {"login": login})
        )
        return person(session, user)


def reset_password(
    session: Session, login: str, temporary: str, ca_passphrase: str, now: datetime | None = None
) -> Person:
    """An administrator's reset: a temporary password to change at the next login, the lock
    lifted, and a new key and certificate (the old key is locked by a password nobody has)."""
    user = user_row(session, login)
    passwords.check_policy(temporary, login)
    ca, ca_key = unlock_ca(session, ca_passphrase)
    now = now or utcnow()
    user.password_hash = passwords.hash_password(temporary)
    user.must_change_password = True
    user.failed_logins = 0
    user.locked_until = None
    user.password_changed_at = now
    issue(session, user, temporary, ca, ca_key, now)
    audit.record(session, audit.Change("password_reset", "users", str(user.id), {"login": login}))
    session.flush()
    return person(session, user)
