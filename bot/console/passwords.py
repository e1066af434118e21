"""Staff password hashing with argon2id, and the one-time passwords an admin hands out."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 10
# argon2-cffi's defaults (RFC 9106 "low memory" profile). When they change with a new release,
# `needs_rehash` is true and the next successful sign-in stores a fresh hash.
_HASHER = PasswordHasher()
# No look-alike characters: one-time passwords are read off a screen and typed by hand.
_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify(password_hash: str, password: str) -> bool:
    """Whether `password` matches; a malformed hash counts as no match."""
    try:
        return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    try:
        return _HASHER.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


def one_time_password(length: int = 14) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


# A hash of a random password: verified against when the username is unknown, so that an unknown
# user costs the same time as a wrong password and the response time reveals nothing.
DUMMY_HASH = hash_password(one_time_password())
