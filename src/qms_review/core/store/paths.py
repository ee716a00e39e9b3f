"""Where the program keeps its files: the user data folder, unless told otherwise."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from pathlib import Path

from qms_review.core.messages import QmsError

APP_NAME = "qms-review"
ENV_DATA_DIR = "QMS_REVIEW_DATA_DIR"
ENV_DATABASE = "QMS_REVIEW_DATABASE"
ENV_AUDIT_KEY = "QMS_REVIEW_AUDIT_KEY"
DATABASE_FILE = "qms-review.sqlite3"


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """The data folder: ``$QMS_REVIEW_DATA_DIR`` or the platform's user data folder."""
    env = os.environ if env is None else env
    if env.get(ENV_DATA_DIR):
        return Path(env[ENV_DATA_DIR]).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def audit_key_path(folder: Path, env: Mapping[str, str] | None = None) -> Path:
    """The audit key file: ``$QMS_REVIEW_AUDIT_KEY`` or ``audit.key`` in the data folder."""
    env = os.environ if env is None else env
    if env.get(ENV_AUDIT_KEY):
        return Path(env[ENV_AUDIT_KEY]).expanduser()
    return folder / "audit.key"


def log_dir(folder: Path) -> Path:
    return folder / "logs"


#: Owner-only permissions for what the program creates (POSIX; Windows ignores them): the
#: database holds password hashes and encrypted keys, the data folder the audit key.
PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700


def private_folder(path: Path) -> Path:
    """Create ``path`` and its missing parents readable by their owner only (0700); a folder
    that exists already is left as it is. :class:`QmsError` if one cannot be made."""
    missing: list[Path] = []
    at = path
    while not at.exists() and at != at.parent:
        missing.append(at)
        at = at.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_FOLDER)
        except FileExistsError:
            continue
        except OSError as exc:
            raise QmsError("error.folder_failed", folder=str(folder), reason=reason(exc)) from exc
        os.chmod(folder, PRIVATE_FOLDER)  # mkdir's mode is masked by the umask
    return path


def private_file(path: Path) -> Path:
    """Create the empty file ``path`` (which must not exist: :class:`FileExistsError`)
    readable and writable by its owner only (0600), in a private folder if it has none."""
    private_folder(path.parent)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    os.chmod(path, PRIVATE_FILE)
    return path


def write_private(path: Path, content: bytes, private: bool = True) -> Path:
    """Write ``content`` to ``path`` readable by its owner only (0600; an existing file is
    replaced and tightened), or with the umask's permissions when not ``private`` (a file
    meant to be passed on). :class:`QmsError` ``error.write_failed`` names the file and the
    reason if it cannot be written; a file begun is removed again."""
    existed = path.exists()
    try:
        private_folder(path.parent)
        fd = os.open(
            path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE if private else 0o666
        )
        try:
            if private and hasattr(os, "fchmod"):
                os.fchmod(fd, PRIVATE_FILE)
            _write_all(fd, content)
        finally:
            os.close(fd)
    except OSError as exc:
        if not existed:
            with contextlib.suppress(OSError):
                path.unlink()
        raise QmsError("error.write_failed", path=str(path), reason=reason(exc)) from exc
    return path


def _write_all(fd: int, content: bytes) -> None:
    view = memoryview(content)
    while view:
        view = view[os.write(fd, view) :]


def reason(exc: OSError) -> str:
    """An operating system error without the file name the message gives already."""
    return exc.strerror or str(exc)


def sqlite_url(path: Path) -> str:
    """The database URL of an SQLite file, as SQLAlchemy renders it (``URL.create(…)
    .render_as_string()``: the path quoted but for spaces, plus signs and slashes), without
    loading SQLAlchemy (the program's start needs the URL long before the database)."""
    from urllib.parse import quote

    return "sqlite+pysqlite:///" + quote(str(path), safe=" +/")
