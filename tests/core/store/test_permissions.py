"""What the program creates is its owner's only (POSIX): the database and its -wal/-shm, the
data folder, the audit key and anchors, backups and the copies kept before a restore, the
settings, an exported CA certificate. Checked by stat, under a permissive umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from qms_review.core.identity import certificates, users
from qms_review.core.messages import QmsError
from qms_review.core.store import backup, engines, paths, settings
from qms_review.core.store.database import Store, open_store
from qms_review.core.store.models import Customer
from tests.core.helpers import add_customers

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    """A umask that would leave everything world-readable (and group-writable)."""
    before = os.umask(0o002)
    yield
    os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[tuple[Store, Path]]:
    folder = tmp_path / "new" / "data"  # neither exists yet
    store = open_store(engines.sqlite_url(folder / paths.DATABASE_FILE), folder)
    yield store, folder
    store.close()


def test_a_new_database_and_its_folder_are_the_owners_only(fresh: tuple[Store, Path]):
    store, folder = fresh
    add_customers(store, 3)
    with store.engine.connect() as conn:  # the WAL files exist while a connection is open
        conn.exec_driver_sql("SELECT count(*) FROM customers").fetchall()
        database = folder / paths.DATABASE_FILE
        wal, shm = Path(f"{database}-wal"), Path(f"{database}-shm")
        assert wal.exists()
        assert shm.exists()
        assert {p.name: oct(mode(p)) for p in (database, wal, shm)} == {
            p.name: "0o600" for p in (database, wal, shm)
        }
    assert mode(folder) == 0o700
    assert mode(folder.parent) == 0o700  # a parent the program made too
    assert mode(folder / "audit.key") == 0o600
    anchors = store.anchor.path.parent
    assert mode(anchors) == 0o700
    assert store.anchor.path.exists()
    assert mode(store.anchor.path) == 0o600


def test_backups_and_the_copy_kept_before_a_restore(fresh: tuple[Store, Path], tmp_path: Path):
    store, folder = fresh
    add_customers(store, 2)
    target = tmp_path / "backups" / "monday.sqlite3"
    backup.backup(store, target)
    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700
    url = str(store.engine.url)
    store.close()
    kept = backup.restore(url, folder, target, "tester")
    assert kept is not None
    assert mode(kept) == 0o600
    assert mode(kept.parent) == 0o700


def test_settings_and_an_exported_ca_certificate(fresh: tuple[Store, Path], tmp_path: Path):
    store, folder = fresh
    saved = settings.Settings.in_folder(folder / "elsewhere")
    saved.set(settings.LANGUAGE, "zh_CN")
    saved.save()
    assert mode(saved.path) == 0o600
    assert mode(saved.path.parent) == 0o700
    with store.write("setup") as session:
        users.setup(session, "Acme", "boss", "Pat", "boss-password-1", "ca-passphrase-77")
    pem = tmp_path / "ca.pem"
    pem.write_text("an older, world-readable file")
    pem.chmod(0o644)
    with store.read() as session:
        certificates.export_ca(session, pem)
        certificates.export_ca(session, tmp_path / "ca.der")
    assert pem.read_text().startswith("-----BEGIN CERTIFICATE-----")
    assert mode(pem) == 0o600  # replaced and tightened
    assert mode(tmp_path / "ca.der") == 0o600


def test_an_unwritable_target_is_a_message_and_leaves_nothing(tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(QmsError, match="Cannot write") as caught:
        paths.write_private(blocker / "x.pem", b"data")
    assert caught.value.key == "error.write_failed"
    with pytest.raises(QmsError, match="Cannot create the folder"):
        paths.private_folder(blocker / "sub" / "folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_a_read_only_database_refuses_a_write_with_a_message(store: Store):
    """A database that may only be read here (SQLite's read-only error, as a read-only file or
    folder gives it, even to root) is refused in one line, nothing half-written."""

    @event.listens_for(store.engine, "connect")
    def read_only(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA query_only = ON")

    store.engine.dispose()  # new connections, read-only
    with pytest.raises(QmsError, match="can only be read here") as caught:
        add_customers(store, 1)
    assert caught.value.key == "error.db_read_only"
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Customer)) == 0
