"""A throwaway PostgreSQL server for the tests, started from the machine's own binaries.

``QMS_TEST_POSTGRES_URL`` (a server URL whose user may create databases) is used when set;
otherwise a cluster is made in a temporary folder, listening only on a Unix socket, and removed
afterwards. Without PostgreSQL installed the tests that need it are skipped, saying why.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ENV_URL = "QMS_TEST_POSTGRES_URL"
_names = itertools.count(1)


@contextmanager
def server() -> Iterator[str]:
    """The URL of a server (without database name) for the whole test session."""
    if os.environ.get(ENV_URL):
        yield os.environ[ENV_URL]
        return
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        message = "PostgreSQL is not installed (apt-get install postgresql)"
        if os.environ.get("CI"):  # CI installs it: a skip there would hide a broken install
            pytest.fail(message)
        pytest.skip(message)
    bindir = Path(found[-1]).parent
    base = Path(tempfile.mkdtemp(prefix="qms-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        as_user = ["runuser", "-u", "postgres", "--"]
        os.chmod(base, 0o755)
        shutil.chown(base, "postgres", "postgres")
    data = base / "data"
    run = lambda *args: subprocess.run([*as_user, *args], check=True, capture_output=True)  # noqa: E731
    run(
        str(bindir / "initdb"),
        "-D",
        str(data),
        "-U",
        "qms",
        "--auth=trust",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
    )
    port = "54329"
    options = f"-k {base} -p {port} -c listen_addresses='' -c fsync=off"
    run(
        str(bindir / "pg_ctl"),
        "-D",
        str(data),
        "-o",
        options,
        "-w",
        "-l",
        str(base / "log"),
        "start",
    )
    try:
        yield f"postgresql+psycopg://qms@/postgres?host={base}&port={port}"
    finally:
        subprocess.run(
            [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


def new_database(server_url: str) -> str:
    """Create an empty database on the server; its URL."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"qms_test_{os.getpid()}_{next(_names)}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def _cluster(server_url: str) -> tuple[list[str], Path, Path, str]:
    """The command prefix, binaries, data folder and options of a server ``server`` started."""
    from sqlalchemy.engine import make_url

    if os.environ.get(ENV_URL):
        pytest.skip(f"{ENV_URL} names a server these tests did not start: not restarted")
    u = make_url(server_url)
    base = Path(str(u.query["host"]))
    bindir = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))[-1]).parent
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    options = f"-k {base} -p {u.query['port']} -c listen_addresses='' -c fsync=off"
    return as_user, bindir, base, options


def stop(server_url: str) -> None:
    """Stop the throwaway server at once (its connections are cut, as in a crash)."""
    as_user, bindir, base, _options = _cluster(server_url)
    subprocess.run(
        [*as_user, str(bindir / "pg_ctl"), "-D", str(base / "data"), "-m", "immediate", "stop"],
        check=True,
        capture_output=True,
    )


def start(server_url: str) -> None:
    """Start the throwaway server again after :func:`stop`."""
    as_user, bindir, base, options = _cluster(server_url)
    pg_ctl = [*as_user, str(bindir / "pg_ctl"), "-D", str(base / "data")]
    subprocess.run(
        [*pg_ctl, "-o", options, "-w", "-l", str(base / "log"), "start"],
        check=True,
        capture_output=True,
    )


def restart(server_url: str) -> None:
    """A server restart: every connection open is cut."""
    stop(server_url)
    start(server_url)
