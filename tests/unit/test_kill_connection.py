"""Opening the database in this process: what the store says about a bad file or folder, and
what it leaves behind (tests/unit/test_store_bad_db.py runs the same cases through the command).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from interview.store import Store, StoreError
from tests.support.store_data import stored_session


def refusal(path: Path) -> str:
    with pytest.raises(StoreError) as refused:
        Store(path)
    return str(refused.value)


def test_a_file_where_the_folder_should_be_is_named_and_left_alone(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be\n", encoding="utf-8")
    said = refusal(blocker / "deeper" / "interview.db")
    assert (
        said
        == f"cannot create database {blocker / 'deeper' / 'interview.db'}: {blocker} is a file, not a folder"
    )
    assert blocker.read_text(encoding="utf-8") == "a file where a folder should be\n"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_a_folder_that_cannot_be_made_or_written_is_named_with_the_reason() -> None:
    # /proc takes no new files or folders, even from root
    assert refusal(Path("/proc/interview-test/interview.db")) == (
        "cannot create the database folder /proc/interview-test: No such file or directory"
    )
    assert refusal(Path("/proc/interview-test.db")).startswith("cannot open database /proc/interview-test.db")


def test_a_file_that_is_not_sqlite_is_named_and_nothing_is_added_beside_it(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    path = folder / "notes.db"
    path.write_text("These are my interview notes, not a database.\n" * 200, encoding="utf-8")
    assert refusal(path) == f"{path} is not an interview database (not a SQLite file)"
    assert [p.name for p in folder.iterdir()] == ["notes.db"]


def test_a_versioned_database_without_our_tables_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    assert refusal(path) == f"{path} is not an interview database (its tables are missing)"
    assert path.read_bytes() == before


def test_a_new_database_and_its_journal_are_private(tmp_path: Path) -> None:
    path = tmp_path / "data" / "interview.db"
    with Store(path) as store:
        stored_session(store)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        wal = path.with_name("interview.db-wal")
        assert wal.exists() and stat.S_IMODE(wal.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("setting", "seconds"), [("2.5", 2.5), ("0", 0.0), ("-1", 5.0), ("soon", 5.0), ("", 5.0)]
)
def test_the_lock_wait_comes_from_the_environment_when_it_makes_sense(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str, seconds: float
) -> None:
    monkeypatch.setenv("INTERVIEW_DB_TIMEOUT", setting)
    with Store(tmp_path / "interview.db") as store:
        assert store.busy_timeout == seconds


def test_a_zero_lock_wait_gives_up_at_once_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "interview.db"
    Store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process is mid-write
    monkeypatch.setenv("INTERVIEW_DB_TIMEOUT", "0")
    try:
        with Store(path) as store, pytest.raises(StoreError) as refused:
            stored_session(store)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "locked by another process (waited 0 s)" in str(refused.value)


def test_deleting_a_session_takes_its_events_and_reports_with_it(tmp_path: Path) -> None:
    path = tmp_path / "interview.db"
    with Store(path) as store:
        record, _ = stored_session(store)
        store.delete_session(record.id)
    conn = sqlite3.connect(path)
    try:
        for table in ("events", "reports", "criterion_scores"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    finally:
        conn.close()
    assert os.path.exists(path)
