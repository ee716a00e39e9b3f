"""An SQLite database on a network share is refused with advice, before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from qms_review.cli import main
from qms_review.core.messages import QmsError
from qms_review.core.store import engines, shares
from qms_review.core.store.database import open_store

LOCAL = "22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"


def _table(share: Path, fstype: str) -> str:
    point = str(share).replace(" ", "\\040")
    return (
        LOCAL + f"97 22 0:52 / {point} rw,relatime shared:60 - {fstype} //nas/qms rw,vers=3.1.1\n"
    )


@pytest.mark.parametrize("fstype", ["cifs", "nfs4", "smb3", "fuse.sshfs"])
def test_a_folder_under_a_network_mount_is_told_by_its_file_system(tmp_path: Path, fstype: str):
    share = tmp_path / "office share"
    (share / "qms").mkdir(parents=True)
    table = _table(share, fstype)
    assert shares.mounted_on(share / "qms", table) == fstype
    assert shares.mounted_on(share / "qms" / "not yet made", table) == fstype
    assert shares.mounted_on(share, table) == fstype
    assert shares.mounted_on(tmp_path, table) is None  # beside the mount: local
    assert shares.mounted_on(tmp_path, LOCAL + _table(tmp_path / "x", "ext4")) is None


def test_the_machine_s_own_folders_are_local(tmp_path: Path):
    assert shares.network_filesystem(tmp_path) is None


def test_the_program_refuses_a_database_on_a_share_and_writes_nothing(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, capsys
):
    share = tmp_path / "share"
    share.mkdir()
    table = tmp_path / "mountinfo"
    table.write_text(_table(share, "cifs"), encoding="utf-8")
    monkeypatch.setattr(shares, "MOUNTINFO", table)
    database = share / "qms-review.sqlite3"
    with pytest.raises(QmsError) as refused:
        open_store(engines.sqlite_url(database), folder)
    assert refused.value.message("en").startswith(
        f"The database {database} is on a network share (cifs). SQLite cannot keep a database "
        "safe there"
    )
    assert list(share.iterdir()) == []

    assert main(["--database", engines.sqlite_url(database), "db", "upgrade"]) == 1
    assert "is on a network share (cifs)" in capsys.readouterr().err
    assert list(share.iterdir()) == []
