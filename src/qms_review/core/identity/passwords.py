"""Passwords: argon2id hashes only, and the rules a new password must meet.

The hash parameters are argon2-cffi's defaults (RFC 9106's low-memory profile: 3 passes over
64 MiB); a hash made with weaker parameters is upgraded at the next successful login.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from qms_review.core.messages import QmsError

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_LENGTH = 10
MAX_LENGTH = 256


@cache
def hasher() -> PasswordHasher:
    from argon2 import PasswordHasher, Type

    return PasswordHasher(type=Type.ID)


def check_policy(password: str, login: str = "") -> None:
    """Refuse a password that is too short, too long, or the login itself."""
    if len(password) < MIN_LENGTH:
        raise QmsError("identity.password_short", length=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise QmsError("identity.password_long", length=MAX_LENGTH)
    if login and password.casefold() == login.casefold():
        raise QmsError("identity.password_is_login")


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches the stored hash (False for none, or a damaged one)."""
    if not stored:
        return False
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return hasher().check_needs_rehash(stored)
