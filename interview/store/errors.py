"""What can go wrong with the session database, as exceptions the CLI maps to exit codes."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class StoreError(Exception):
    """The database itself is unusable: unwritable, locked, not SQLite, corrupt, newer schema (exit 2).

    `locked` is True when another process held the database: trying again later may work.
    """

    def __init__(self, message: str, *, locked: bool = False) -> None:
        super().__init__(message)
        self.locked = locked


class SessionNotFound(LookupError):
    """No session has this id or prefix (exit 1)."""

    def __init__(self, id_or_prefix: str) -> None:
        super().__init__(f"no session matches {id_or_prefix!r}; `interview history` lists them")
        self.id_or_prefix = id_or_prefix

    def __str__(self) -> str:  # LookupError would add quotes around the message
        return str(self.args[0])


class AmbiguousSessionId(LookupError):
    """A prefix matches several sessions (exit 1); the message lists them."""

    def __init__(self, prefix: str, candidates: list[str], labels: list[str] | None = None) -> None:
        described = labels or candidates
        shown = ", ".join(described[:10]) + (", ..." if len(described) > 10 else "")
        super().__init__(f"{prefix!r} matches {len(candidates)} sessions: {shown}; type more of the id")
        self.prefix = prefix
        self.candidates = candidates

    def __str__(self) -> str:
        return str(self.args[0])


def explain(exc: sqlite3.Error, path: Path, busy_timeout: float) -> StoreError:
    """Turn a sqlite3 error into one clear line about the database file."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return StoreError(
            f"database {path} is locked by another process (waited {busy_timeout:g} s); "
            "try again when it is done",
            locked=True,
        )
    if name.startswith("SQLITE_NOTADB") or "not a database" in text:
        return StoreError(f"{path} is not an interview database (not a SQLite file)")
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return StoreError(f"database {path} is corrupted ({text}); move it aside or restore a backup")
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return StoreError(f"cannot write to database {path}: it is read-only")
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return StoreError(f"cannot open database {path}: check that its folder is writable")
    if name.startswith("SQLITE_FULL"):
        return StoreError(f"cannot write to database {path}: the disk is full")
    if name.startswith("SQLITE_IOERR"):
        return StoreError(f"cannot read or write database {path}: disk I/O error ({text})")
    return StoreError(f"database {path}: {text}")
