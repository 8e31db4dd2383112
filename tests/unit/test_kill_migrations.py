"""Migrations under a second process (bench/mutation.py migrations survivors)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from interview.store import Store
from interview.store import migrations as mig


def test_a_database_already_migrated_is_not_held_up_by_another_writer(tmp_path: Path) -> None:
    """Two processes opened a new file at once; the other one finished migrating and is now
    writing. Checking the schema must not wait for its write lock."""
    path = tmp_path / "interview.db"
    Store(path).close()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    late = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        assert mig.migrate(late) == mig.SCHEMA_VERSION  # no "database is locked"
    finally:
        writer.execute("ROLLBACK")
        writer.close()
        late.close()
