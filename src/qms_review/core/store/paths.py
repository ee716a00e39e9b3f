"""Where the program keeps its files: the user data folder, unless told otherwise."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

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
