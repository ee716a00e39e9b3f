"""What the audit trail keeps on this computer, beside the database: the key that keys its HMAC
chain (owner-readable only) and the anchor, the last chain head this computer saw committed (so
that events cut off the end are noticed)."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import tempfile
from pathlib import Path

from qms_review.core.messages import QmsError
from qms_review.core.store.audit import Head

# --- the key -------------------------------------------------------------------------------


def read_key(path: Path) -> bytes:
    try:
        raw = path.read_text(encoding="ascii").strip()
        key = bytes.fromhex(raw)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise QmsError("error.key_unreadable", key=str(path), reason=str(exc)) from exc
    if len(key) < 32:
        raise QmsError("error.key_unreadable", key=str(path), reason="shorter than 32 bytes")
    return key


def create_key(path: Path) -> bytes:
    """Create a new random key file readable by its owner only (fails if it exists)."""
    key = secrets.token_bytes(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")
    return key


def key_check(key: bytes, store_uuid: str) -> str:
    """A value stored with the database that tells whether a key is its key."""
    return hmac.new(key, f"qms-review key check {store_uuid}".encode(), hashlib.sha256).hexdigest()


# --- the anchor ----------------------------------------------------------------------------


class Anchor:
    """The last chain head this computer saw committed, kept beside the key.

    One per database *at its location*: a backup copy elsewhere is an older state of the same
    database, not a truncated one, so it has no anchor of its own until written to.
    """

    def __init__(self, folder: Path, store_uuid: str, location: str) -> None:
        name = hashlib.sha256(f"{store_uuid}|{location}".encode()).hexdigest()[:24]
        self.path = folder / "audit-anchors" / f"{name}.json"

    def read(self) -> Head | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return Head(int(data["seq"]), str(data["mac"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def advance(self, head: Head) -> None:
        current = self.read()
        if current is None or head.seq > current.seq:
            self.reset(head)

    def reset(self, head: Head) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"seq": head.seq, "mac": head.mac}, handle)
        os.replace(tmp, self.path)
