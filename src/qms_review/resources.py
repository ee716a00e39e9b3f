"""Where the program's data files are: in the package when installed or frozen, else in the
source checkout's top-level ``resources/`` folder.

``QMS_REVIEW_RESOURCES`` names another folder of the same shape to use instead (a translator's
working copy with a new language, a test's pseudo-language); it is read on every call, so no
restart of the Python process is needed between tests.
"""

from __future__ import annotations

import os
from functools import cache
from importlib.resources import files
from pathlib import Path

ENVIRONMENT = "QMS_REVIEW_RESOURCES"


def resources_dir() -> Path:
    chosen = os.environ.get(ENVIRONMENT)
    if chosen:
        return Path(chosen)
    return _shipped()


@cache
def _shipped() -> Path:
    packaged = Path(str(files("qms_review"))) / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
