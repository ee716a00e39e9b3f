"""Where the program's data files are: in the package when installed or frozen, else in the
source checkout's top-level ``resources/`` folder."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resources_dir() -> Path:
    packaged = Path(str(files("qms_review"))) / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
