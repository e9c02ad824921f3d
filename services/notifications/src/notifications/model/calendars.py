"""Secret calendar URLs: a random token shown once, only its hash kept. Pure."""

from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 32


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What is stored and looked up: a leaked table names no working URL."""
    return hashlib.sha256(token.encode()).hexdigest()
