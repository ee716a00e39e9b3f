"""Users, their functions, passwords, keys and certificates (21 CFR Part 11 §11.300 principles).

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
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qms_review.core.identity import passwords, pki
from qms_review.core.messages import QmsError
from qms_review.core.store import audit
from qms_review.core.store.columns import utcnow
from qms_review.core.store.database import Store
from qms_review.core.store.models import AuditEvent, Certificate, Crl, Function, User, UserFunction

LOCK_AFTER = 5
LOCK_MINUTES = 15
_LOGIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,79}$")
#: Audit actions that the administrator's security view lists.
SECURITY_ACTIONS = (
    "login",
    "login_failed",
    "lockout",
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


# --- reading -----------------------------------------------------------------------------------


def needs_setup(session: Session) -> bool:
    """A database without users: the first start asks for its administrator."""
    return not session.scalar(select(func.count()).select_from(User))


def _user(session: Session, login: str) -> User:
    user = session.scalars(select(User).where(User.login == login)).first()
    if user is None:
        raise QmsError("identity.no_user", login=login)
    return user


def current_certificate(session: Session, user_id: int) -> Certificate | None:
    """The user's certificate in use: not superseded by a newer one."""
    return session.scalars(
        select(Certificate)
        .where(
            Certificate.user_id == user_id,
            Certificate.kind == "user",
            Certificate.superseded_at.is_(None),
        )
        .order_by(Certificate.id.desc())
    ).first()


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
    return person(session, _user(session, login))


def people(session: Session) -> list[Person]:
    return [person(session, u) for u in session.scalars(select(User).order_by(User.login))]


def ca_certificate(session: Session) -> Certificate:
    found = session.scalars(select(Certificate).where(Certificate.kind == "ca")).first()
    if found is None:
        raise QmsError("identity.no_ca")
    return found


def authorities(session: Session) -> list[x509.Certificate]:
    """The CA certificates a user's certificate may chain to: ours, and imported ones."""
    rows = session.scalars(select(Certificate).where(Certificate.kind.in_(("ca", "chain"))))
    return [pki.load(r.certificate_pem) for r in rows]


def newest_crl(session: Session) -> x509.CertificateRevocationList | None:
    row = session.scalars(select(Crl).order_by(Crl.number.desc())).first()
    return pki.load_crl(row.pem) if row is not None else None


def certificate_status(
    session: Session, certificate: Certificate, now: datetime | None = None
) -> pki.Status:
    """Whether a stored certificate chains to our authorities and is not revoked."""
    return pki.status(
        pki.load(certificate.certificate_pem),
        authorities(session),
        newest_crl(session),
        now or utcnow(),
    )


# --- creating and changing users ---------------------------------------------------------------


def _check_login(login: str) -> None:
    if not _LOGIN.match(login):
        raise QmsError("identity.bad_login_name", login=login)


def _check_name(display_name: str) -> str:
    name = display_name.strip()
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


def _unlock_ca(session: Session, passphrase: str) -> tuple[x509.Certificate, pki.Key]:
    row = ca_certificate(session)
    assert row.key_pem is not None
    return pki.load(row.certificate_pem), pki.unlock(
        row.key_pem, passphrase, "identity.wrong_ca_passphrase"
    )


def _issue(
    session: Session,
    user: User,
    password: str,
    ca: x509.Certificate,
    ca_key: pki.Key,
    now: datetime,
) -> Certificate:
    """A new key and certificate for ``user``; the one before is superseded."""
    for old in session.scalars(
        select(Certificate).where(
            Certificate.user_id == user.id, Certificate.superseded_at.is_(None)
        )
    ):
        old.superseded_at = now
    key = pki.new_key()
    certificate = pki.issue(ca, ca_key, key.public_key(), user.display_name, user.login, now)
    row = Certificate(
        user_id=user.id,
        kind="user",
        serial=pki.serial_hex(certificate),
        subject=certificate.subject.rfc4514_string()[:300],
        certificate_pem=pki.pem(certificate),
        key_pem=pki.lock(key, password),
        source="local",
        issued_at=now,
        not_after=certificate.not_valid_after_utc,
    )
    session.add(row)
    return row


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
    organisation = organisation.strip()
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
    _issue(session, user, password, ca, ca_key, now)
    _publish_crl(session, ca, ca_key, now)  # an empty list: "nothing revoked" can be proven
    session.flush()
    return person(session, user)


def _publish_crl(session: Session, ca: x509.Certificate, ca_key: pki.Key, now: datetime) -> int:
    """Issue the next revocation list naming every revoked local certificate; its number."""
    revoked = [
        (int(r.serial, 16), r.revoked_at)
        for r in session.scalars(
            select(Certificate).where(
                Certificate.revoked_at.is_not(None),
                Certificate.kind == "user",
                Certificate.source == "local",
            )
        )
        if r.revoked_at is not None
    ]
    number = (session.scalar(select(func.max(Crl.number))) or 0) + 1
    revocations = pki.crl(ca, ca_key, revoked, number, now)
    session.add(
        Crl(
            number=number,
            issued_at=now,
            next_update=revocations.next_update_utc or now,
            pem=pki.crl_pem(revocations),
        )
    )
    return number


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
    ca, ca_key = _unlock_ca(session, ca_passphrase)
    now = now or utcnow()
    user = _new_user(session, login, display_name, chosen, password, True, now)
    _issue(session, user, password, ca, ca_key, now)
    session.flush()
    return person(session, user)


def set_functions(session: Session, login: str, functions: Iterable[Function | str]) -> Person:
    user = _user(session, login)
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
    user = _user(session, login)
    if not active and user.active and user.is_admin:
        _keep_an_administrator(session, user)
    if user.active != active:
        user.active = active
        if not active:
            audit.record(
                session, audit.Change("deactivated", "users", str(user.id), {"login": login})
            )
    return person(session, user)


# --- passwords ----------------------------------------------------------------------------------


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
        return _Attempt(None, QmsError("identity.wrong_password_left", left=left))
    if user.failed_logins or user.locked_until is not None:
        user.failed_logins = 0
        user.locked_until = None
    if user.password_hash and passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
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
        user = _user(session, login)
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
    user = _user(session, login)
    passwords.check_policy(temporary, login)
    ca, ca_key = _unlock_ca(session, ca_passphrase)
    now = now or utcnow()
    user.password_hash = passwords.hash_password(temporary)
    user.must_change_password = True
    user.failed_logins = 0
    user.locked_until = None
    user.password_changed_at = now
    _issue(session, user, temporary, ca, ca_key, now)
    audit.record(session, audit.Change("password_reset", "users", str(user.id), {"login": login}))
    session.flush()
    return person(session, user)


# --- keys from elsewhere, revocation, export ---------------------------------------------------------


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
    user = _user(session, login)
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
    user = _user(session, login)
    row = current_certificate(session, user.id)
    if row is None or row.revoked_at is not None:
        raise QmsError("identity.nothing_to_revoke", login=login)
    ca, ca_key = _unlock_ca(session, ca_passphrase)
    now = now or utcnow()
    row.revoked_at = now
    row.revocation_reason = "key_compromise"
    session.flush()
    number = _publish_crl(session, ca, ca_key, now)
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


def export_ca(session: Session, path: Path) -> Path:
    """Write the CA certificate (PEM; DER for .cer/.der) for PDF readers to trust."""
    certificate = pki.load(ca_certificate(session).certificate_pem)
    if path.suffix.lower() in (".cer", ".der"):
        from cryptography.hazmat.primitives.serialization import Encoding

        path.write_bytes(certificate.public_bytes(Encoding.DER))
    else:
        path.write_text(pki.pem(certificate), encoding="ascii")
    return path


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
