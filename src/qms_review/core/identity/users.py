"""Users and their functions (21 CFR Part 11 §11.300 principles); setting up the first administrator.

- A new database asks for its first administrator; that also creates the organisation's
  certification authority, whose key is encrypted with a passphrase the administrator chooses
  and the program never stores. Every user gets a signing key (encrypted with their password)
  and a certificate issued by that CA — or an administrator imports one from the company's PKI.
- Passwords are argon2id hashes. Five wrong passwords in a row (at login, password change or
  signing) lock the account for 15 minutes; every failure and lockout is in the audit trail.
- Users are never deleted, only deactivated: old signatures keep their signer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qms_review.core.identity import passwords, pki
from qms_review.core.identity.certificates import current_certificate, issue, publish_crl, unlock_ca
from qms_review.core.messages import QmsError
from qms_review.core.store import audit
from qms_review.core.store.columns import utcnow
from qms_review.core.store.models import AuditEvent, Certificate, User, UserFunction
from qms_review.core.store.vocabulary import Function
from qms_review.core.text_fields import checked

_LOGIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,79}$")


#: Audit actions that the administrator's security view lists.
SECURITY_ACTIONS = (
    "login",
    "login_failed",
    "lockout",
    "logout",
    "session_locked",
    "session_unlocked",
    "password_changed",
    "password_reset",
    "signature_refused",
    "certificate_revoked",
    "deactivated",
)


@dataclass(frozen=True)
class Person:
    """A user as screens and commands see them (no hash, no key)."""

    id: int
    login: str
    display_name: str
    functions: tuple[Function, ...]
    active: bool
    locked_until: datetime | None
    must_change_password: bool
    failed_logins: int
    certificate_serial: str | None

    def holds(self, function: Function) -> bool:
        return function in self.functions

    @property
    def is_admin(self) -> bool:
        return Function.ADMINISTRATOR in self.functions

    @property
    def actor(self) -> str:
        """How the audit trail names this user."""
        return f"user:{self.login}"

    def locked(self, now: datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or utcnow())


def actor_of(login: str) -> str:
    return f"user:{login}"


def needs_setup(session: Session) -> bool:
    """A database without users: the first start asks for its administrator."""
    return not session.scalar(select(func.count()).select_from(User))


def user_row(session: Session, login: str) -> User:
    """The user with ``login``; refused with a message when there is none."""
    user = session.scalars(select(User).where(User.login == login)).first()
    if user is None:
        raise QmsError("identity.no_user", login=login)
    return user


def person(session: Session, user: User) -> Person:
    cert = current_certificate(session, user.id)
    return Person(
        user.id,
        user.login,
        user.display_name,
        tuple(sorted((f.function for f in user.functions), key=list(Function).index)),
        user.active,
        user.locked_until,
        user.must_change_password,
        user.failed_logins,
        cert.serial if cert is not None else None,
    )


def find(session: Session, login: str) -> Person:
    return person(session, user_row(session, login))


def people(session: Session) -> list[Person]:
    return [person(session, u) for u in session.scalars(select(User).order_by(User.login))]


def _check_login(login: str) -> None:
    checked(login, "login", lines=False)  # before the refusal below echoes it
    if not _LOGIN.match(login):
        raise QmsError("identity.bad_login_name", login=login)


def _check_name(display_name: str) -> str:
    name = checked(display_name, "name", lines=False).strip()
    if not name or len(name) > 200:
        raise QmsError("identity.bad_display_name")
    return name


def _functions(functions: Iterable[Function | str]) -> list[Function]:
    chosen = []
    for value in functions:
        try:
            chosen.append(Function(value))
        except ValueError:
            raise QmsError(
                "identity.bad_function",
                function=str(value),
                allowed=", ".join(f.value for f in Function),
            ) from None
    if not chosen:
        raise QmsError("identity.no_functions")
    return list(dict.fromkeys(chosen))


def setup(
    session: Session,
    organisation: str,
    login: str,
    display_name: str,
    password: str,
    ca_passphrase: str,
    now: datetime | None = None,
) -> Person:
    """The first administrator and the organisation's certification authority."""
    if not needs_setup(session):
        raise QmsError("identity.already_set_up")
    organisation = checked(organisation, "organisation", lines=False).strip()
    if not organisation or len(organisation) > 64:
        raise QmsError("identity.bad_organisation")
    passwords.check_policy(ca_passphrase)
    if ca_passphrase == password:
        raise QmsError("identity.passphrase_is_password")
    now = now or utcnow()
    ca, ca_key = pki.create_ca(organisation, now)
    session.add(
        Certificate(
            kind="ca",
            serial=pki.serial_hex(ca),
            subject=ca.subject.rfc4514_string()[:300],
            certificate_pem=pki.pem(ca),
            key_pem=pki.lock(ca_key, ca_passphrase),
            source="local",
            issued_at=now,
            not_after=ca.not_valid_after_utc,
        )
    )
    user = _new_user(
        session,
        login,
        display_name,
        [Function.ADMINISTRATOR, Function.APPROVER],
        password,
        False,
        now,
    )
    issue(session, user, password, ca, ca_key, now)
    publish_crl(session, ca, ca_key, now)  # an empty list: "nothing revoked" can be proven
    session.flush()
    return person(session, user)


def _new_user(
    session: Session,
    login: str,
    display_name: str,
    functions: Sequence[Function],
    password: str,
    must_change: bool,
    now: datetime,
) -> User:
    _check_login(login)
    name = _check_name(display_name)
    passwords.check_policy(password, login)
    if session.scalars(select(User.id).where(User.login == login)).first() is not None:
        raise QmsError("identity.login_taken", login=login)
    user = User(
        login=login,
        display_name=name,
        password_hash=passwords.hash_password(password),
        is_admin=Function.ADMINISTRATOR in functions,
        must_change_password=must_change,
        password_changed_at=now,
    )
    user.functions = [UserFunction(function=f) for f in functions]
    session.add(user)
    session.flush()
    return user


def add_user(
    session: Session,
    login: str,
    display_name: str,
    functions: Iterable[Function | str],
    password: str,
    ca_passphrase: str,
    now: datetime | None = None,
) -> Person:
    """A new user with a first password they must change at their first login, and a key and
    certificate from the CA (whose passphrase the administrator gives)."""
    chosen = _functions(functions)
    ca, ca_key = unlock_ca(session, ca_passphrase)
    now = now or utcnow()
    user = _new_user(session, login, display_name, chosen, password, True, now)
    issue(session, user, password, ca, ca_key, now)
    session.flush()
    return person(session, user)


def set_functions(session: Session, login: str, functions: Iterable[Function | str]) -> Person:
    user = user_row(session, login)
    chosen = _functions(functions)
    if Function.ADMINISTRATOR not in chosen and Function.ADMINISTRATOR in {
        f.function for f in user.functions
    }:
        _keep_an_administrator(session, user)
    user.functions = [UserFunction(function=f) for f in chosen]
    user.is_admin = Function.ADMINISTRATOR in chosen
    session.flush()
    return person(session, user)


def _keep_an_administrator(session: Session, leaving: User) -> None:
    others = session.scalar(
        select(func.count())
        .select_from(User)
        .join(UserFunction)
        .where(
            UserFunction.function == Function.ADMINISTRATOR,
            User.active.is_(True),
            User.id != leaving.id,
        )
    )
    if not others:
        raise QmsError("identity.last_admin")


def set_active(session: Session, login: str, active: bool) -> Person:
    """Deactivate (or reactivate) a user; never delete: their signatures keep their signer."""
    user = user_row(session, login)
    if not active and user.active and user.is_admin:
        _keep_an_administrator(session, user)
    if user.active != active:
        user.active = active
        if not active:
            audit.record(
                session, audit.Change("deactivated", "users", str(user.id), {"login": login})
            )
    return person(session, user)


def import_pkcs12(
    session: Session,
    login: str,
    data: bytes,
    p12_password: str,
    user_password: str,
    now: datetime | None = None,
) -> Person:
    """Take the user's key and certificate from the company's PKI (a PKCS#12 file). The user
    types their own password so that the key is kept encrypted with it."""
    user = user_row(session, login)
    if not passwords.verify(user.password_hash, user_password):
        raise QmsError("identity.bad_credentials")
    key, certificate, chain = pki.read_pkcs12(data, p12_password)
    now = now or utcnow()
    known = set(session.scalars(select(Certificate.serial)))
    for authority in chain:
        serial = pki.serial_hex(authority)
        if serial not in known:
            session.add(
                Certificate(
                    kind="chain",
                    serial=serial,
                    subject=authority.subject.rfc4514_string()[:300],
                    certificate_pem=pki.pem(authority),
                    source="pkcs12",
                    issued_at=now,
                    not_after=authority.not_valid_after_utc,
                )
            )
            known.add(serial)
    serial = pki.serial_hex(certificate)
    if serial in known:
        raise QmsError("identity.certificate_known", serial=serial)
    for old in session.scalars(
        select(Certificate).where(
            Certificate.user_id == user.id, Certificate.superseded_at.is_(None)
        )
    ):
        old.superseded_at = now
    session.add(
        Certificate(
            user_id=user.id,
            kind="user",
            serial=serial,
            subject=certificate.subject.rfc4514_string()[:300],
            certificate_pem=pki.pem(certificate),
            key_pem=pki.lock(key, user_password),
            source="pkcs12",
            issued_at=now,
            not_after=certificate.not_valid_after_utc,
        )
    )
    session.flush()
    return person(session, user)


def revoke(session: Session, login: str, ca_passphrase: str, now: datetime | None = None) -> int:
    """Revoke the user's current certificate for key compromise and issue a new revocation list
    (its number). The user signs nothing until an administrator resets their password, which
    issues a new key."""
    user = user_row(session, login)
    row = current_certificate(session, user.id)
    if row is None or row.revoked_at is not None:
        raise QmsError("identity.nothing_to_revoke", login=login)
    ca, ca_key = unlock_ca(session, ca_passphrase)
    now = now or utcnow()
    row.revoked_at = now
    row.revocation_reason = "key_compromise"
    session.flush()
    number = publish_crl(session, ca, ca_key, now)
    audit.record(
        session,
        audit.Change(
            "certificate_revoked",
            "certificates",
            str(row.id),
            {"login": login, "serial": row.serial, "crl": number},
        ),
    )
    return number


@dataclass(frozen=True)
class SecurityEvent:
    at: datetime
    action: str
    login: str
    details: str


def security_events(session: Session, limit: int = 500) -> list[SecurityEvent]:
    """Logins, failed attempts, lockouts, resets and revocations, newest first."""
    import json

    rows = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action.in_(SECURITY_ACTIONS))
        .order_by(AuditEvent.seq.desc())
        .limit(limit)
    )
    found = []
    for row in rows:
        changes = json.loads(row.changes)
        login = str(changes.pop("login", row.actor.removeprefix("user:")))
        details = ", ".join(f"{k}: {v}" for k, v in changes.items())
        found.append(SecurityEvent(row.at, row.action, login, details))
    return found
