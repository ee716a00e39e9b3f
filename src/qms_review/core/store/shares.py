"""Whether a folder is on a network share, where an SQLite database is not safe: its locking and
its write-ahead log need a local disk (https://www.sqlite.org/wal.html, "all processes using a
database must be on the same host computer"). A team shares a PostgreSQL server instead.

Linux: the mount table (``/proc/self/mountinfo``) names the file system of the longest mount
point above the folder. Windows: a UNC path (``\\\\server\\share``) or a mapped network drive.
Elsewhere nothing is detected (the check is advice, not a lock).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path, PurePosixPath

MOUNTINFO = Path("/proc/self/mountinfo")
#: File systems reached over a network (kernel and FUSE names).
NETWORK = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "fuse.sshfs",
        "fuse.davfs2",
        "fuse.glusterfs",
        "fuse.smbnetfs",
        "fuse.rclone",
    }
)


def network_filesystem(folder: Path) -> str | None:
    """The network file system ``folder`` is on (``"cifs"``, ``"nfs4"``, ``"network drive"``),
    or None when it is local or cannot be told."""
    if sys.platform == "win32":
        return _windows(folder)
    try:
        table = MOUNTINFO.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return mounted_on(folder, table)


def mounted_on(folder: Path, mountinfo: str) -> str | None:
    """The network file system of ``folder`` according to a ``mountinfo`` table (None: local)."""
    target = PurePosixPath(os.path.realpath(_existing(folder)))
    best, kind = -1, ""
    for line in mountinfo.splitlines():
        fields = line.split()
        if "-" not in fields or len(fields) < 5:
            continue
        point = PurePosixPath(_unescape(fields[4]))
        fstype = fields[fields.index("-") + 1]
        if (target == point or point in target.parents) and len(point.parts) > best:
            best, kind = len(point.parts), fstype
    return kind if kind in NETWORK else None


def _existing(folder: Path) -> Path:
    """``folder`` or its nearest existing parent (the database's folder may not exist yet)."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return candidate
    return folder


def _unescape(field: str) -> str:
    """Mount points escape space, tab, newline and backslash as octal (``\\040``)."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def _windows(folder: Path) -> str | None:  # pragma: no cover - Windows only
    resolved = str(folder.resolve())
    if resolved.startswith(("\\\\", "//")):
        return "network share"
    import ctypes

    drive = os.path.splitdrive(resolved)[0] + "\\"
    remote = 4  # DRIVE_REMOTE
    if drive and ctypes.windll.kernel32.GetDriveTypeW(drive) == remote:  # type: ignore[attr-defined]
        return "network drive"
    return None
