"""The command line: what a user types, what they read, and the exit code."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from qms_review import __version__, cli
from qms_review.cli import context
from qms_review.core.store import engines, paths, schema, settings
from tests.core.helpers import counts, tamper


def run(*args: str, env_extra: dict[str, str] | None = None) -> int:
    return cli.main(list(args))


def test_version(capsys):
    with pytest.raises(SystemExit) as caught:
        cli.main(["--version"])
    assert caught.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_module_entry_point_answers_version():
    out = subprocess.run(
        [sys.executable, "-m", "qms_review", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == f"qms-review {__version__}"


def test_bad_arguments_exit_2(capsys, folder: Path):
    with pytest.raises(SystemExit) as caught:
        cli.main(["frobnicate"])
    assert caught.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
    assert list(folder.iterdir()) == []


def test_demo_then_verify(capsys, folder: Path):
    assert run("demo") == 0
    assert "Loaded the demo" in capsys.readouterr().out
    assert run("audit", "verify") == 0
    assert "Audit trail OK" in capsys.readouterr().out


def test_demo_twice_is_refused_and_changes_nothing(capsys, folder: Path):
    assert run("demo") == 0
    before = counts(folder / paths.DATABASE_FILE)
    assert run("demo") == 1
    assert "already holds 44 orders" in capsys.readouterr().err
    assert counts(folder / paths.DATABASE_FILE) == before


def test_audit_verify_fails_on_tampering(capsys, folder: Path):
    assert run("demo") == 0
    tamper(folder / paths.DATABASE_FILE, "UPDATE audit_events SET actor = 'mallory' WHERE seq = 17")
    capsys.readouterr()
    assert run("audit", "verify") == 1
    assert "Event 17 is not genuine" in capsys.readouterr().err


def test_messages_follow_the_language_setting(capsys, folder: Path):
    s = settings.Settings.in_folder(folder)
    s.set(settings.LANGUAGE, "zh_CN")
    s.save()
    assert run("demo") == 0
    capsys.readouterr()
    assert run("demo") == 1
    assert "演示数据" in capsys.readouterr().err


def test_unreadable_database_file(capsys, tmp_path: Path, folder: Path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"\x00garbage" * 500)
    assert run("--database", engines.sqlite_url(junk), "audit", "verify") == 1
    assert "Cannot open the database" in capsys.readouterr().err
    assert junk.read_bytes() == b"\x00garbage" * 500


def test_verify_of_a_missing_database_creates_nothing(capsys, tmp_path: Path, folder: Path):
    assert run("--database", engines.sqlite_url(tmp_path / "none.sqlite3"), "audit", "verify") == 1
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite3").exists()


def test_newer_database_is_refused(capsys, folder: Path):
    assert run("demo") == 0
    path = folder / paths.DATABASE_FILE
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999'")
        conn.commit()
    before = counts(path)
    capsys.readouterr()
    for command in (
        ["demo"],
        ["db", "upgrade"],
        ["audit", "verify"],
        ["backup", str(folder / "b")],
    ):
        assert run(*command) == 1, command
        assert "newer version" in capsys.readouterr().err
    assert counts(path) == before


def test_db_upgrade_and_info(capsys, folder: Path):
    assert run("db", "upgrade") == 0
    assert f"to schema {schema.HEAD}" in capsys.readouterr().out
    assert run("db", "upgrade") == 0
    assert "up to date" in capsys.readouterr().out
    assert run("db", "info") == 0
    assert f"schema:   {schema.HEAD}" in capsys.readouterr().out


def test_backup_and_restore(capsys, folder: Path, tmp_path: Path):
    assert run("demo") == 0
    copy = tmp_path / "backup.sqlite3"
    assert run("backup", str(copy)) == 0
    assert copy.exists()
    assert run("restore", str(copy)) == 0
    assert "Restored" in capsys.readouterr().out
    assert run("audit", "verify") == 0


def test_url_precedence(tmp_path: Path):
    folder = tmp_path / "d"
    default = context.resolve_url(None, {}, folder)
    assert engines.sqlite_path(default) == folder / paths.DATABASE_FILE
    s = settings.Settings.in_folder(folder)
    s.set(settings.DATABASE_URL, "sqlite:////srv/from-settings.sqlite3")
    s.save()
    assert context.resolve_url(None, {}, folder) == "sqlite:////srv/from-settings.sqlite3"
    env = {paths.ENV_DATABASE: "sqlite:////srv/from-env.sqlite3"}
    assert context.resolve_url(None, env, folder) == "sqlite:////srv/from-env.sqlite3"
    assert context.resolve_url("sqlite:////x.sqlite3", env, folder) == "sqlite:////x.sqlite3"
