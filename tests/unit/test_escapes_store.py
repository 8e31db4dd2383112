"""The store's promises a user relies on without seeing them: durable commits (WAL with
synchronous FULL), search that puts the best match first, and migrations that two processes
can run at once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import interview.store.migrations as migrations
from interview.store import Store
from tests.support.store_data import stored_session

FULL = 2  # PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA


def test_the_database_is_in_wal_mode_and_every_commit_is_synced(tmp_path: Path) -> None:
    path = tmp_path / "interview.db"
    with Store(path) as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA synchronous").fetchone()[0] == FULL
        stored_session(store)
    other = sqlite3.connect(path)  # WAL is a property of the file: any reader sees it
    try:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        other.close()
    with Store(path) as again:  # and every opening sets FULL again (it is per connection)
        assert again.db.execute("PRAGMA synchronous").fetchone()[0] == FULL


def turns(*texts: str) -> list[tuple[str, str, str, None]]:
    return [("candidate", "deep_dive", text, None) for text in texts]


def test_search_puts_the_best_match_first_whatever_the_order_they_were_stored(tmp_path: Path) -> None:
    with Store(tmp_path / "interview.db") as store:
        best, _ = stored_session(store, transcript=turns("Gossip protocol, gossip everywhere: gossip."))
        middle, _ = stored_session(store, transcript=turns("Membership spreads by gossip between nodes."))
        filler = " ".join(["the ring rebalances slowly while nodes join and leave"] * 8)
        worst, _ = stored_session(store, transcript=turns(f"{filler} and gossip is used once {filler}"))
        hits = store.search("gossip")
        assert [h.session_id for h in hits] == [best.id, middle.id, worst.id]
        assert [h.session_id for h in store.search("gossip", limit=1)] == [best.id]


def test_a_migration_is_rechecked_inside_its_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes open a new file at once: the second read version 0 before the first
    committed. Once it holds the write lock it must see the new version and skip the step."""
    path = tmp_path / "interview.db"
    Store(path).close()  # the first process finished migrating
    conn = sqlite3.connect(path, isolation_level=None)
    real = migrations.user_version
    stale = {"reads": 0}

    def read_before_the_lock(c: sqlite3.Connection) -> int:
        if not c.in_transaction and stale["reads"] < len(migrations.MIGRATIONS):
            stale["reads"] += 1
            return 0  # what it read before the other process committed
        return real(c)

    monkeypatch.setattr(migrations, "user_version", read_before_the_lock)
    try:
        assert migrations.migrate(conn) == migrations.SCHEMA_VERSION  # no "table already exists"
    finally:
        conn.close()
    monkeypatch.undo()
    with Store(path) as store:
        record, _ = stored_session(store)
        assert store.get_session(record.id).id == record.id
