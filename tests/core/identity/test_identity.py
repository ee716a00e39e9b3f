"""Users, passwords, keys and electronic signatures."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from sqlalchemy import select

from qms_review.core.identity import authentication, certificates, passwords, pki, users
from qms_review.core.messages import QmsError
from qms_review.core.orders.revisions import RevisionContent, add_revision, find_or_create_customer
from qms_review.core.review import signatures, templates
from qms_review.core.store.columns import utcnow
from qms_review.core.store.database import Store
from qms_review.core.store.models import AuditEvent, Certificate, Review, ReviewAnswer, User
from qms_review.core.store.vocabulary import Answer, Function, OrderKind

ADMIN_PW = "admin-secret-1"
CA_PW = "ca-passphrase-77"


@pytest.fixture
def admin(store: Store) -> users.Person:
    with store.write("setup") as session:
        return users.setup(session, "Acme Precision 精密", "admin", "Ada Admin", ADMIN_PW, CA_PW)


def _add(
    store: Store,
    login: str,
    functions: list[Function],
    name: str | None = None,
    password: str | None = None,
) -> users.Person:
    with store.write("user:admin") as session:
        return users.add_user(
            session, login, name or login.title(), functions, password or f"{login}-first-pw", CA_PW
        )


def _signer(
    store: Store, login: str, functions: list[Function], name: str | None = None, password: str = ""
) -> users.Person:
    """A user who has replaced the password the administrator gave them by ``password``."""
    _add(store, login, functions, name, password=f"{password}-admin")
    return authentication.change_password(store, login, f"{password}-admin", password)


def test_default_hashes_are_argon2id_with_strong_parameters(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.undo()
    passwords.hasher.cache_clear()
    stored = passwords.hash_password("correct horse battery")
    assert stored.startswith("$argon2id$")
    assert "m=65536,t=3" in stored
    assert passwords.verify(stored, "correct horse battery")
    assert not passwords.verify(stored, "Correct horse battery")
    assert not passwords.verify("garbage", "x")
    assert not passwords.verify(None, "x")


def test_password_policy():
    with pytest.raises(QmsError, match="at least 10"):
        passwords.check_policy("short")
    with pytest.raises(QmsError, match="login name"):
        passwords.check_policy("wang.li-2026", "WANG.LI-2026")
    passwords.check_policy("long enough!")


def test_setup_makes_the_administrator_and_the_ca(store: Store, admin: users.Person):
    assert admin.is_admin
    assert admin.holds(Function.APPROVER)
    with store.read() as session:
        assert not users.needs_setup(session)
        ca = pki.load(certificates.ca_certificate(session).certificate_pem)
        row = certificates.current_certificate(session, admin.id)
        assert row is not None
        mine = pki.load(row.certificate_pem)
        mine.verify_directly_issued_by(ca)
        assert certificates.certificate_status(session, row).valid
        stored = session.scalars(select(User)).one()
        assert stored.password_hash is not None
        assert stored.password_hash.startswith("$argon2id$")
        assert ADMIN_PW not in stored.password_hash
        # Neither the hash nor an encrypted key is copied into the audit trail.
        trail = " ".join(e.changes for e in session.scalars(select(AuditEvent)))
        assert stored.password_hash not in trail
        assert "ENCRYPTED PRIVATE KEY" not in trail
    with pytest.raises(QmsError, match="already exists"), store.write("x") as session:
        users.setup(session, "Other", "admin2", "Other", "another-pw-1", "another-ca-1")


def test_users_with_chinese_names_get_certificates(store: Store, admin: users.Person):
    wang = _add(store, "wang.li", [Function.SALES], "王丽")
    with store.read() as session:
        row = certificates.current_certificate(session, wang.id)
        assert row is not None
        cert = pki.load(row.certificate_pem)
    assert cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value == "王丽"
    assert wang.must_change_password


def test_a_users_key_opens_only_with_their_password(store: Store, admin: users.Person):
    planner = _add(store, "pat", [Function.PLANNING], password="pat-first-pw")
    with store.read() as session:
        row = certificates.current_certificate(session, planner.id)
        assert row is not None
        assert row.key_pem is not None
        key_pem = row.key_pem
    assert "ENCRYPTED PRIVATE KEY" in key_pem
    pki.unlock(key_pem, "pat-first-pw")
    with pytest.raises(QmsError, match="Wrong password"):
        pki.unlock(key_pem, "pat-first-px")
    authentication.change_password(store, "pat", "pat-first-pw", "pat-second-pw")
    with store.read() as session:
        row = certificates.current_certificate(session, planner.id)
        assert row is not None
        assert row.key_pem is not None
        pki.unlock(row.key_pem, "pat-second-pw")  # the same key, re-encrypted
        with pytest.raises(QmsError):
            pki.unlock(row.key_pem, "pat-first-pw")
        assert not users.find(session, "pat").must_change_password


def test_login_lockout_and_its_expiry(store: Store, admin: users.Person):
    _add(store, "sam", [Function.SALES], password="sam-first-pw")
    now = utcnow()
    for left in (4, 3, 2, 1):
        with pytest.raises(QmsError, match=f"{left} more wrong"):
            authentication.check_password(store, "sam", "nope-nope-nope", now=now)
    with pytest.raises(QmsError, match="locked"):
        authentication.check_password(store, "sam", "nope-nope-nope", now=now)
    with pytest.raises(QmsError, match="locked"):  # even the right password, while locked
        authentication.check_password(store, "sam", "sam-first-pw", now=now + timedelta(minutes=14))
    found = authentication.check_password(
        store, "sam", "sam-first-pw", now=now + timedelta(minutes=16)
    )
    assert found.failed_logins == 0
    with store.read() as session:
        events = users.security_events(session)
    actions = [e.action for e in events if e.login == "sam"]
    assert actions.count("login_failed") == 6
    assert actions.count("lockout") == 1
    assert actions[0] == "login"
    assert store.verify_audit().ok


def test_unknown_and_inactive_users_get_the_same_answer(store: Store, admin: users.Person):
    _add(store, "olga", [Function.QUALITY], password="olga-first-pw")
    with store.write("user:admin") as session:
        users.set_active(session, "olga", False)
    for login, password in (("olga", "olga-first-pw"), ("nobody", "whatever-pw")):
        with pytest.raises(QmsError, match="Wrong login or password"):
            authentication.check_password(store, login, password)


def test_reset_issues_a_new_key_and_requires_a_change(store: Store, admin: users.Person):
    sam = _add(store, "sam", [Function.SALES], password="sam-first-pw")
    with store.read() as session:
        first = certificates.current_certificate(session, sam.id)
        assert first is not None
        first_serial = first.serial
    with pytest.raises(QmsError, match="CA passphrase"), store.write("user:admin") as session:
        authentication.reset_password(session, "sam", "sam-temporary-1", "wrong-passphrase")
    with store.write("user:admin") as session:
        reset = authentication.reset_password(session, "sam", "sam-temporary-1", CA_PW)
    assert reset.must_change_password
    assert reset.certificate_serial not in (None, first_serial)
    authentication.check_password(store, "sam", "sam-temporary-1")


def test_last_administrator_cannot_be_removed(store: Store, admin: users.Person):
    with pytest.raises(QmsError, match="last active administrator"), store.write("a") as session:
        users.set_active(session, "admin", False)
    with pytest.raises(QmsError, match="last active administrator"), store.write("a") as session:
        users.set_functions(session, "admin", [Function.APPROVER])


def test_bad_user_input_is_refused_with_a_message(store: Store, admin: users.Person):
    for login, functions, message in (
        ("bad login", [Function.SALES], "cannot be a login"),
        ("ok", [], "at least one function"),
        ("ok", ["marketing"], "not a function"),
        ("admin", [Function.SALES], "is taken"),
    ):
        with pytest.raises(QmsError, match=message), store.write("a") as session:
            users.add_user(session, login, "Name", functions, "long-enough-pw", CA_PW)


def test_revoked_certificate_is_reported_revoked(store: Store, admin: users.Person):
    eve = _add(store, "eve", [Function.FINANCE])
    with store.write("user:admin") as session:
        number = users.revoke(session, "eve", CA_PW)
    assert number == 2  # the setup published list 1, with nothing revoked
    with store.read() as session:
        row = certificates.current_certificate(session, eve.id)
        assert row is not None
        state = certificates.certificate_status(session, row)
        assert state.state == "revoked"
        other = certificates.current_certificate(session, admin.id)
        assert other is not None
        assert certificates.certificate_status(session, other).valid


def test_ca_export(store: Store, admin: users.Person, tmp_path: Path):
    with store.read() as session:
        certificates.export_ca(session, tmp_path / "ca.pem")
        certificates.export_ca(session, tmp_path / "ca.cer")
    assert x509.load_pem_x509_certificate((tmp_path / "ca.pem").read_bytes()).subject == (
        x509.load_der_x509_certificate((tmp_path / "ca.cer").read_bytes()).subject
    )


def _company_p12(password: bytes) -> bytes:
    now = utcnow()
    ca_key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "Company Root")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=900))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "李强")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=300))
        .sign(ca_key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(
        b"li", key, cert, [ca], serialization.BestAvailableEncryption(password)
    )


def test_import_pkcs12_from_the_company_pki(store: Store, admin: users.Person):
    li = _add(store, "li", [Function.ENGINEERING], "李强", password="li-first-pw")
    data = _company_p12(b"p12-secret")
    with pytest.raises(QmsError, match="could not be opened"), store.write("a") as session:
        users.import_pkcs12(session, "li", data, "wrong", "li-first-pw")
    with store.write("user:admin") as session:
        users.import_pkcs12(session, "li", data, "p12-secret", "li-first-pw")
    with store.read() as session:
        row = certificates.current_certificate(session, li.id)
        assert row is not None
        assert row.source == "pkcs12"
        assert certificates.certificate_status(session, row).valid  # chains to the imported root
        assert row.key_pem is not None
        pki.unlock(row.key_pem, "li-first-pw")


# --- signing -----------------------------------------------------------------------------------


@pytest.fixture
def review(store: Store, admin: users.Person) -> int:
    with store.write("tester") as session:
        customer = find_or_create_customer(session, "深圳华强精密机械有限公司", "C-2001")
        revision = add_revision(
            session,
            customer,
            OrderKind.ORDER,
            "PO-1",
            RevisionContent(currency="CNY", lines=[{"line_no": 10, "part_number": "HB-1020"}]),
            "tester",
        )
        template_id = templates.current_id(session, "iso9001")
        assert template_id is not None
        row = Review(revision_id=revision.id, template_id=template_id)
        session.add(row)
        session.flush()
        for key in ("technical.parts_revisions", "technical.unstated_requirements"):
            session.add(ReviewAnswer(review_id=row.id, item_key=key, value=Answer.YES))
        return row.id


TECHNICAL = signatures.section_scope("technical")


def test_only_the_owning_function_signs(store: Store, review: int):
    _signer(store, "eng", [Function.ENGINEERING], "工程师 张伟", password="eng-first-pw")
    _signer(store, "sal", [Function.SALES], password="sal-first-pw")
    with pytest.raises(QmsError, match="do not hold the function"):
        signatures.sign(store, "sal", "sal-first-pw", review, TECHNICAL, Function.ENGINEERING)
    with pytest.raises(QmsError, match="is signed by Engineering"):
        signatures.sign(store, "sal", "sal-first-pw", review, TECHNICAL, Function.SALES)
    signed = signatures.sign(store, "eng", "eng-first-pw", review, TECHNICAL, Function.ENGINEERING)
    assert signed.printed_name == "工程师 张伟"
    assert signed.meaning == "Reviewed — Technical requirements section"
    assert ":" in signed.local_time()[-6:]
    with pytest.raises(QmsError, match="already signed"):
        signatures.sign(store, "eng", "eng-first-pw", review, TECHNICAL, Function.ENGINEERING)
    with store.read() as session:
        refused = [
            json.loads(e.changes)
            for e in session.scalars(
                select(AuditEvent).where(AuditEvent.action == "signature_refused")
            )
        ]
    assert [r["login"] for r in refused] == ["sal", "sal", "eng"]


def test_a_password_an_administrator_set_signs_nothing_until_changed(store: Store, review: int):
    _add(store, "eng", [Function.ENGINEERING], password="eng-first-pw")
    with pytest.raises(QmsError, match="qms-review user password eng"):
        signatures.sign(store, "eng", "eng-first-pw", review, TECHNICAL, Function.ENGINEERING)
    with store.read() as session:
        assert not signatures.is_locked(session, review, TECHNICAL)
        assert users.find(session, "eng").failed_logins == 0  # the password itself was right
    assert authentication.check_password(store, "eng", "eng-first-pw").login == "eng"  # login
    authentication.change_password(store, "eng", "eng-first-pw", "eng-own-password")
    signatures.sign(store, "eng", "eng-own-password", review, TECHNICAL, Function.ENGINEERING)


def test_a_wrong_password_never_signs(store: Store, review: int):
    _add(store, "eng", [Function.ENGINEERING], password="eng-first-pw")
    with pytest.raises(QmsError, match="Wrong password"):
        signatures.sign(store, "eng", "eng-wrong-pw", review, TECHNICAL, Function.ENGINEERING)
    with store.read() as session:
        assert not signatures.is_locked(session, review, TECHNICAL)
        assert users.find(session, "eng").failed_logins == 1


def test_signature_hash_matches_and_a_change_behind_its_back_is_found(store: Store, review: int):
    _signer(store, "eng", [Function.ENGINEERING], password="eng-first-pw")
    signed = signatures.sign(store, "eng", "eng-first-pw", review, TECHNICAL, Function.ENGINEERING)
    with store.read() as session:
        body = signatures.content(session, review, TECHNICAL)
        assert signatures.digest(body) == signed.content_sha256
        assert [a["answer"] for a in body["answers"]] == ["yes", None, "yes"]
        assert signatures.check(session, signed.id).ok
        assert signatures.is_locked(session, review, TECHNICAL)
    with store.write("behind the program's back") as session:  # no action can: it is locked
        answer = session.scalars(
            select(ReviewAnswer).where(ReviewAnswer.item_key == "technical.parts_revisions")
        ).one()
        answer.value = Answer.NO
    with store.read() as session:
        check = signatures.check(session, signed.id)
        assert not check.content_matches
        assert check.signature_verifies  # it still proves what was signed then


def test_a_revoked_certificate_cannot_sign(store: Store, review: int):
    _signer(store, "eng", [Function.ENGINEERING], password="eng-first-pw")
    with store.write("user:admin") as session:
        users.revoke(session, "eng", CA_PW)
    with pytest.raises(QmsError, match="revoked"):
        signatures.sign(store, "eng", "eng-first-pw", review, TECHNICAL, Function.ENGINEERING)


def test_the_decision_is_signed_by_the_approver(store: Store, review: int, admin: users.Person):
    with pytest.raises(QmsError, match="is signed by Approver"):
        signatures.sign(
            store, "admin", ADMIN_PW, review, signatures.DECISION, Function.ADMINISTRATOR
        )
    signed = signatures.sign(
        store, "admin", ADMIN_PW, review, signatures.DECISION, Function.APPROVER
    )
    assert signed.meaning == "Approved — decision pending"
    with store.read() as session:
        stored = session.get(Certificate, certificates.current_certificate(session, admin.id).id)  # type: ignore[union-attr]
        assert stored is not None
        assert signatures.check(session, signed.id).ok
