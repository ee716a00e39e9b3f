"""What makes the program install like a desktop program: its icon, the Linux menu entry and
AppStream metadata (valid by the desktop's own validators), and the installer script."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from qms_review.gui import app

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "resources" / "icons"
DESKTOP = LINUX / f"{app.DESKTOP_ID}.desktop"
METAINFO = LINUX / f"{app.DESKTOP_ID}.metainfo.xml"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
IN_CI = os.environ.get("CI") == "true"


def test_the_icon_is_drawn_at_every_size_a_desktop_asks_for():
    for size in SIZES:
        with Image.open(ICONS / f"qms-review-{size}.png") as png:
            assert png.size == (size, size)
            assert png.mode == "RGBA"
            assert png.getpixel((0, 0))[3] == 0  # transparent corners: a rounded tile
            assert png.getpixel((size // 2, size // 2))[3] == 255
    with Image.open(ICONS / "qms-review.ico") as ico:
        assert {(s, s) for s in SIZES if s <= 256} <= set(ico.info["sizes"])
    assert (ICONS / "qms-review.icns").stat().st_size > 0
    assert "<svg" in (ICONS / "qms-review.svg").read_text(encoding="utf-8")


def test_the_program_shows_its_icon_and_names_its_desktop_entry(qapp):
    icon = app.icon()
    assert {s.width() for s in icon.availableSizes()} == set(app.ICON_SIZES)
    assert not icon.pixmap(32, 32).isNull()


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        if IN_CI:
            pytest.fail(f"{name} is not installed (.ci/run installs it)")
        pytest.skip(f"{name} is not installed")
    return found


def test_the_menu_entry_and_the_metadata_pass_their_validators():
    desktop = subprocess.run(
        [_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True
    )
    assert desktop.returncode == 0, desktop.stdout + desktop.stderr
    assert desktop.stdout == ""  # not even a hint
    metainfo = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert metainfo.returncode == 0, metainfo.stdout + metainfo.stderr


def test_the_menu_entry_opens_order_spreadsheets_and_records_with_the_program():
    entry = dict(
        line.split("=", 1)
        for line in DESKTOP.read_text(encoding="utf-8").splitlines()
        if "=" in line
    )
    assert entry["Exec"] == "qms-review gui %f"
    types = set(entry["MimeType"].rstrip(";").split(";"))
    assert {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-excel",
        "application/vnd.oasis.opendocument.spreadsheet",
        "text/csv",
        "application/pdf",
    } <= types
    assert entry["Icon"] == app.DESKTOP_ID


def _fake_bundle(folder: Path) -> Path:
    bundle = folder / "qms-review"
    icons = bundle / "_internal" / "qms_review" / "resources" / "icons"
    icons.mkdir(parents=True)
    for path in ICONS.iterdir():
        shutil.copy(path, icons)
    program = bundle / "qms-review"
    program.write_text("#!/bin/sh\necho qms-review 0.0-test\n", encoding="utf-8")
    program.chmod(0o755)
    return bundle


def test_the_installer_puts_everything_where_the_desktop_finds_it_and_takes_it_back(
    tmp_path: Path,
):
    prefix = tmp_path / "prefix"
    env = {**os.environ, "PREFIX": str(prefix), "HOME": str(tmp_path)}
    script = LINUX / "install.sh"
    done = subprocess.run(
        ["bash", str(script), str(_fake_bundle(tmp_path))], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert subprocess.run(
        [str(prefix / "bin" / "qms-review")], capture_output=True, text=True
    ).stdout == ("qms-review 0.0-test\n")
    installed = prefix / "share" / "applications" / f"{app.DESKTOP_ID}.desktop"
    assert f"Exec={prefix}/bin/qms-review gui %f" in installed.read_text(encoding="utf-8")
    for size in SIZES:
        assert (prefix / f"share/icons/hicolor/{size}x{size}/apps/{app.DESKTOP_ID}.png").is_file()
    assert (prefix / f"share/icons/hicolor/scalable/apps/{app.DESKTOP_ID}.svg").is_file()
    assert (prefix / f"share/metainfo/{app.DESKTOP_ID}.metainfo.xml").is_file()
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(installed)], capture_output=True)
        assert checked.returncode == 0

    removed = subprocess.run(
        ["bash", str(script), "--uninstall"], env=env, capture_output=True, text=True
    )
    assert removed.returncode == 0, removed.stderr
    left = [p for p in prefix.rglob("*") if p.is_file() and "icon-theme.cache" not in p.name]
    assert [p for p in left if "mimeinfo.cache" not in p.name] == []


def test_the_installer_says_when_there_is_no_bundle(tmp_path: Path):
    done = subprocess.run(
        ["bash", str(LINUX / "install.sh"), str(tmp_path / "nothing")],
        env={**os.environ, "PREFIX": str(tmp_path / "p")},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert done.stderr.startswith(f"No bundle at {tmp_path / 'nothing'}: build it first")
    assert not (tmp_path / "p").exists()
