"""Credentials are random, shown once and stored only as a SHA-256 digest."""

import hashlib
import hmac
import secrets

ENTERPRISE_KEY_PREFIX = "swk_"
STATISTICIAN_TOKEN_PREFIX = "sws_"


def new_secret(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    # 256 random bits need no slow hash: a digest cannot be brute-forced back to the key.
    return hashlib.sha256(secret.encode()).hexdigest()


def same_secret(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())
