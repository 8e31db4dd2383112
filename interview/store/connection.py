"""Opening the database file safely: checks first, then WAL, pragmas and migrations.

The order matters for "nothing already stored is touched": the header is read (which
catches non-SQLite files) and the schema version checked before anything is written,
because even switching to WAL rewrites two header bytes.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from interview import paths
from interview.store.errors import StoreError, explain
from interview.store.migrations import SCHEMA_VERSION, migrate, user_version

DEFAULT_BUSY_TIMEOUT = 5.0  # seconds a write waits for another process's lock
TIMEOUT_ENV = "INTERVIEW_DB_TIMEOUT"
OUR_TABLES = {"sessions", "events", "reports", "criterion_scores"}


def busy_timeout_from_env() -> float:
    """The lock wait in seconds: `$INTERVIEW_DB_TIMEOUT` if set and valid, else 5."""
    raw = os.environ.get(TIMEOUT_ENV, "").strip()
    try:
        value = float(raw) if raw else DEFAULT_BUSY_TIMEOUT
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT
    return value if value >= 0 else DEFAULT_BUSY_TIMEOUT


def _check_location(path: Path) -> None:
    if path.is_dir():
        raise StoreError(f"cannot use {path} as the database: it is a directory")
    if path.exists():
        return
    parent = path.parent
    existing = next((p for p in (parent, *parent.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise StoreError(f"cannot create database {path}: {existing} is a file, not a folder")
    try:
        paths.private_dir(parent)  # 0700 when we create it: transcripts are the user's alone
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StoreError(f"cannot create the database folder {parent}: {reason}") from exc
    if not os.access(parent, os.W_OK | os.X_OK):
        raise StoreError(f"cannot create database {path}: folder {parent} is not writable")


def _make_private(path: Path) -> None:
    """A new database file is created 0600 (sqlite gives -wal/-shm the same mode); an older
    one in our data folder is tightened. A file we cannot change is left for sqlite to judge."""
    try:
        paths.private_file(path)
        for suffix in ("-wal", "-shm"):
            paths.private_file(path.with_name(path.name + suffix), create=False)
    except OSError:
        pass


def _check_contents(conn: sqlite3.Connection, path: Path) -> int:
    """Read the header and schema without writing; refuse files that are not ours."""
    # One read transaction: another process creating the database at the same moment must not be
    # seen half-way (its tables after our read of version 0 would look like someone else's file).
    conn.execute("BEGIN")
    try:
        version = user_version(conn)  # raises SQLITE_NOTADB for a non-SQLite file
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.execute("COMMIT")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"database {path} has schema version {version}, newer than this version of "
            f"interview understands ({SCHEMA_VERSION}); upgrade interview to open it"
        )
    if version == 0 and tables:
        raise StoreError(f"{path} is a SQLite database but not an interview database")
    if version > 0 and not OUR_TABLES & tables:
        raise StoreError(f"{path} is not an interview database (its tables are missing)")
    return version


def open_database(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A connection to an up-to-date interview database at `path`, or a StoreError."""
    _check_location(path)
    _make_private(path)
    try:
        conn = sqlite3.connect(str(path), timeout=busy_timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise explain(exc, path, busy_timeout) from exc
    try:
        version = _check_contents(conn, path)
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit survives power loss too, not only a killed process.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if version < SCHEMA_VERSION:
            migrate(conn)
    except StoreError:
        conn.close()
        raise
    except sqlite3.Error as exc:
        conn.close()
        raise explain(exc, path, busy_timeout) from exc
    return conn
