"""What used to end in a traceback ends in one line and exit code 1, with nothing written:
numbers too big for any row, unwritable paths, files that are not databases, databases we do
not work with, read-only databases, a reader that stops early, a mistyped ``--database``,
control characters typed into text fields, a password an administrator set, the demo
among an organisation's own users."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from qms_review import cli
from qms_review.core import demo
from qms_review.core.store import engines, paths
from tests.core.helpers import catalogue_file, counts
from tests.helpers import refused

ORDER = "PO-1002-261006"
HUGE = "99999999999999999999"


@pytest.fixture
def demo_db(capsys: pytest.CaptureFixture[str], folder: Path) -> Path:
    assert cli.main(["demo"]) == 0
    capsys.readouterr()
    return folder / paths.DATABASE_FILE


def test_numbers_too_big_for_any_row_are_not_found(
    capsys: pytest.CaptureFixture[str], demo_db: Path, typed: list[str]
):
    before = counts(demo_db)
    assert "The order has no revision 99999999999999999999" in refused(
        capsys, "check", ORDER, "--revision", HUGE
    )
    typed.append("sales-demo")
    assert "revision" in refused(
        capsys, "review", "start", ORDER, "--as", "sales", "--revision", HUGE
    )
    typed.append("sales-demo")
    assert cli.main(["review", "start", ORDER, "--as", "sales"]) == 0
    capsys.readouterr()
    typed.append("sales-demo")
    assert "#99999999999999999999" in refused(
        capsys, "review", "ask", ORDER, "When?", "--finding", HUGE, "--as", "sales"
    )
    typed.append("sales-demo")
    assert HUGE in refused(
        capsys, "review", "answer-question", ORDER, HUGE, "Next week", "--as", "sales"
    )
    typed.append("sales-demo")
    assert HUGE in refused(capsys, "review", "dispose", ORDER, HUGE, "resolved", "--as", "sales")
    assert counts(demo_db)["clarifications"] == before["clarifications"]


def test_ca_export_to_an_unwritable_path(capsys, demo_db: Path, tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    target = blocker / "ca.pem"
    err = refused(capsys, "ca", "export", str(target))
    assert f"Cannot write {target}" in err
    assert "Nothing was written" in err
    assert blocker.read_text() == "not a folder"


def test_db_info_on_a_file_that_is_not_a_database(capsys, folder: Path, tmp_path: Path):
    text = tmp_path / "notes.sqlite3"
    text.write_text("meeting notes, not a database\n" * 100)
    before = text.read_bytes()
    for command in (["db", "info"], ["review", "status", ORDER], ["audit", "verify"]):
        err = refused(capsys, "--database", engines.sqlite_url(text), *command)
        assert f"Cannot open the database {text}" in err
    assert text.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "notes.sqlite3"]


@pytest.mark.parametrize("url", ["mysql://scott@db/qms", "oracle://x@y/z", "not a url at all"])
def test_databases_we_do_not_work_with(capsys, folder: Path, url: str):
    for command in (["db", "info"], ["db", "upgrade"], ["demo"], ["review", "status", ORDER]):
        err = refused(capsys, "--database", url, *command)
        assert "is not a database QMS Review works with" in err
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    "command",
    [
        ["db", "info"],
        ["review", "status", ORDER],
        ["audit", "verify"],
        ["check", ORDER],
        ["backup", "copy.sqlite3"],
        ["user", "list"],
        ["catalogue", "list"],
        ["template", "list"],
        ["export", "register.xlsx"],
        ["record", "make", ORDER],
        ["ca", "export", "ca.pem"],
    ],
)
def test_a_mistyped_database_path_is_not_created(
    capsys, folder: Path, tmp_path: Path, command: list[str]
):
    typo = tmp_path / "qms-reveiw.sqlite3"
    err = refused(capsys, "--database", engines.sqlite_url(typo), *command)
    assert f"The database {typo} does not exist; nothing was created" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
    assert list(folder.iterdir()) == []


def _without_root_powers() -> list[str]:
    """A prefix that runs a command subject to file permissions: nothing for an ordinary user;
    for root, ``setpriv`` without the capabilities that override them."""
    if os.geteuid() != 0:
        return []
    found = shutil.which("setpriv")
    if found is None:
        pytest.skip("root writes read-only files anyway, and setpriv is not there")
    drop = "-dac_override,-dac_read_search"
    return [found, f"--bounding-set={drop}", f"--inh-caps={drop}"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("read_only", ["file", "folder"])
def test_a_write_to_a_read_only_database(capsys, demo_db: Path, read_only: str):
    """``chmod 0400`` on the database, or ``chmod 0500`` on its folder: one line, exit 1."""
    before = counts(demo_db)
    target, mode = (demo_db, 0o400) if read_only == "file" else (demo_db.parent, 0o500)
    target.chmod(mode)
    try:
        done = subprocess.run(
            [
                *_without_root_powers(),
                sys.executable,
                "-m",
                "qms_review",
                "review",
                "start",
                ORDER,
                "--as",
                "sales",
            ],
            input="sales-demo\n",
            capture_output=True,
            text=True,
            env={**os.environ, paths.ENV_DATA_DIR: str(demo_db.parent)},
            check=False,
        )
    finally:
        target.chmod(0o700 if read_only == "folder" else 0o600)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "can only be read here (a read-only file, folder or server)" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert counts(demo_db) == before


def _catalogue_of(count: int, tmp_path: Path) -> Path:
    rows: list[list[object]] = [
        [f"P-{n:05d}", "A", "released", f"Part number {n} " + "x" * 40, 10, 1, 1000, 500, "CNC"]
        for n in range(count)
    ]
    return catalogue_file(tmp_path / "parts.xlsx", rows)


def test_output_piped_into_head_ends_quietly(capsys, folder: Path, tmp_path: Path):
    """``qms-review catalogue list | head -1``: head stops reading after one line; the rest
    of the ~300 KB meets a closed pipe. No traceback, no "Exception ignored", exit code 1."""
    assert cli.main(["catalogue", "import", str(_catalogue_of(3000, tmp_path))]) == 0
    capsys.readouterr()
    env = {**os.environ, paths.ENV_DATA_DIR: str(folder)}
    writer = subprocess.Popen(
        [sys.executable, "-m", "qms_review", "catalogue", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert writer.stdout is not None
    head = subprocess.run(["head", "-1"], stdin=writer.stdout, capture_output=True, check=True)
    writer.stdout.close()
    assert writer.stderr is not None
    err = writer.stderr.read().decode()
    writer.stderr.close()
    assert writer.wait(timeout=60) == 1
    assert head.stdout.decode().startswith("P-00000\tA\treleased")
    assert err == ""


def test_a_reader_that_reads_nothing(capsys, folder: Path):
    """``qms-review template list | true``: the pipe is closed before the first line."""
    env = {**os.environ, paths.ENV_DATA_DIR: str(folder)}
    assert cli.main(["db", "upgrade"]) == 0
    capsys.readouterr()
    done = subprocess.run(
        f"{sys.executable} -m qms_review template list | true; exit ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.stderr.decode() == ""
    assert done.returncode in (0, 1)  # 0 when it all fitted in the pipe before it closed


def test_control_and_bidi_characters_are_refused_and_not_echoed(
    capsys, demo_db: Path, typed: list[str]
):
    typed.append("sales-demo")
    assert cli.main(["review", "start", ORDER, "--as", "sales"]) == 0
    capsys.readouterr()
    before = counts(demo_db)
    cases = [
        (
            ["review", "answer", ORDER, "gate.kind", "yes", "--comment", "ok\x1b[2J\x1b[H"],
            "comment",
        ),
        (["review", "ask", ORDER, "Delivery \u202eetad\u202c?"], "question"),
        (["review", "log", ORDER, "Called \u2067them\u2069"], "summary"),
    ]
    for args, field in cases:
        typed.append("sales-demo")
        err = refused(capsys, *args, "--as", "sales")
        assert f"The {field} holds a character that cannot be stored" in err
        assert "\x1b" not in err
        assert "\u202e" not in err
        assert "\u2067" not in err
    assert counts(demo_db) == {**before, "audit_events": counts(demo_db)["audit_events"]}
    typed += ["admin-demo", "eve-first-pw-1", "eve-first-pw-1", demo.CA_PASSPHRASE]
    err = refused(
        capsys,
        "user",
        "add",
        "eve",
        "--name",
        "Eve\x1b]0;pwned\x07",
        "--function",
        "sales",
        "--admin",
        "admin",
    )
    assert "The name holds a character that cannot be stored (U+001B, character 4)" in err
    typed += ["admin-demo", "eve-first-pw-1", "eve-first-pw-1", demo.CA_PASSPHRASE]
    err = refused(
        capsys,
        "user",
        "add",
        "eve\u202e",
        "--name",
        "Eve",
        "--function",
        "sales",
        "--admin",
        "admin",
    )
    assert "The login holds a character that cannot be stored (U+202E, character 4)" in err


def test_a_password_an_administrator_set_must_be_changed_before_signing(
    capsys, demo_db: Path, typed: list[str]
):
    typed += ["admin-demo", "temporary-pw-1", "temporary-pw-1", demo.CA_PASSPHRASE]
    assert cli.main(["user", "reset-password", "sales", "--admin", "admin"]) == 0
    capsys.readouterr()
    before = counts(demo_db)
    typed.append("temporary-pw-1")
    err = refused(capsys, "review", "start", ORDER, "--as", "sales")
    assert "change it first" in err
    assert "qms-review user password sales" in err
    assert counts(demo_db)["reviews"] == before["reviews"]
    typed += ["temporary-pw-1", "sales-own-pw-1", "sales-own-pw-2"]
    assert "differ" in refused(capsys, "user", "password", "sales")
    typed += ["temporary-pw-1", "sales-own-pw-1", "sales-own-pw-1"]
    assert cli.main(["user", "password", "sales"]) == 0
    assert "Changed the password of sales" in capsys.readouterr().out
    typed.append("sales-own-pw-1")
    assert cli.main(["review", "start", ORDER, "--as", "sales"]) == 0
    assert typed == []


def test_the_demo_is_not_loaded_among_an_organisations_own_users(
    capsys, folder: Path, typed: list[str]
):
    typed += ["admin-secret-1", "admin-secret-1", "ca-passphrase-77", "ca-passphrase-77"]
    assert cli.main(["user", "add", "boss", "--name", "Pat", "--organisation", "Acme"]) == 0
    capsys.readouterr()
    before = counts(folder / paths.DATABASE_FILE)
    err = refused(capsys, "demo")
    assert "belongs to an organisation (1 users)" in err
    assert counts(folder / paths.DATABASE_FILE) == before
    assert cli.main(["user", "list"]) == 0
    assert "[DEMO" not in capsys.readouterr().out


def test_db_upgrade_makes_a_missing_data_folder(capsys, tmp_path: Path, monkeypatch):
    folder = tmp_path / "new" / "data"
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(folder))
    assert cli.main(["db", "upgrade"]) == 0
    assert "Upgraded the database from (empty)" in capsys.readouterr().out
    assert (folder / paths.DATABASE_FILE).is_file()


def test_db_upgrade_where_no_folder_can_be_made(capsys, tmp_path: Path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(blocker / "data"))
    err = refused(capsys, "db", "upgrade")
    assert "Cannot" in err
    assert blocker.read_text() == ""


def test_a_record_whose_copy_cannot_be_written_is_not_kept(capsys, demo_db: Path, tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    before = counts(demo_db)
    err = refused(capsys, "record", "make", "PO-1001-260927", "--output", str(blocker / "r.pdf"))
    assert "Cannot write" in err
    assert counts(demo_db)["records"] == before["records"]
    existing = tmp_path / "r.pdf"
    existing.write_bytes(b"mine")
    assert "already exists" in refused(
        capsys, "record", "make", "PO-1001-260927", "--output", str(existing)
    )
    assert counts(demo_db)["records"] == before["records"]
    assert existing.read_bytes() == b"mine"
