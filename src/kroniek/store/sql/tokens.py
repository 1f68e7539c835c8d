"""Tokens for the write endpoints of the server: made once, kept only as their SHA-256."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timezone
from typing import Any

from ...errors import UsageError
from .db import Db

PREFIX = "krn_"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def create_token(db: Db, name: str) -> str:
    """A new token called ``name``; the only time it is seen whole.

    Raises:
        UsageError: an empty name, or one in use.
    """
    name = name.strip()
    if not name:
        raise UsageError("give the token a name (--name)")
    token = PREFIX + secrets.token_urlsafe(32)
    with db.transaction():
        if db.execute("SELECT 1 FROM api_tokens WHERE name = ?", (name,)).fetchone():
            raise UsageError(f"a token called {name!r} exists already (revoke it first)")
        db.execute("INSERT INTO api_tokens (name, hash, created_at) VALUES (?, ?, ?)", (name, _hash(token), _now()))
    return token


def check_token(db: Db, token: str) -> str | None:
    """The name of the token, or None when it is not one (or was revoked)."""
    if not token or not token.startswith(PREFIX) or len(token) > 200:
        return None
    row = db.execute("SELECT name FROM api_tokens WHERE hash = ?", (_hash(token),)).fetchone()
    if row is None:
        return None
    db.execute("UPDATE api_tokens SET last_used = ? WHERE hash = ?", (_now(), _hash(token)))
    return row[0]


def list_tokens(db: Db) -> list[dict[str, Any]]:
    """Tokens by name: ``{name, created_at, last_used}`` (never the token)."""
    return [{"name": r[0], "created_at": r[1], "last_used": r[2]}
            for r in db.execute("SELECT name, created_at, last_used FROM api_tokens ORDER BY name")]


def revoke_token(db: Db, name: str) -> None:
    """Remove a token.

    Raises:
        UsageError: no token of that name.
    """
    with db.transaction():
        if not db.execute("SELECT 1 FROM api_tokens WHERE name = ?", (name,)).fetchone():
            raise UsageError(f"no token called {name!r}")
        db.execute("DELETE FROM api_tokens WHERE name = ?", (name,))
