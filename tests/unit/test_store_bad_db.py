"""Bad databases through the real command: exit 2, one line, no traceback, file untouched."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from interview.store import Store
from tests.support.store_data import stored_session


def interview(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "interview", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def assert_one_line_exit_2(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for needle in needles:
        assert needle in lines[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def good_db(tmp_path: Path) -> tuple[Path, str]:
    """A real database with one in-progress session, closed (WAL checkpointed)."""
    folder = tmp_path / "db"
    folder.mkdir()
    path = folder / "interview.db"
    with Store(path) as store:
        record, _ = stored_session(store, status="in_progress", report=False)
    return path, record.id


def test_path_is_a_directory(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.db"
    folder.mkdir()
    assert_one_line_exit_2(interview("history", "--db", str(folder)), "is a directory")
    assert list(folder.iterdir()) == []


def test_folder_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be\n")
    result = interview("history", "--db", str(blocker / "interview.db"))
    assert_one_line_exit_2(result, "is a file, not a folder")
    assert blocker.read_text() == "a file where a folder should be\n"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_folder_that_refuses_new_files() -> None:
    # /proc accepts no new files, even from root, so this works where chmod cannot.
    result = interview("history", "--db", "/proc/interview-test.db")
    assert_one_line_exit_2(result, "cannot open database /proc/interview-test.db")
    assert not Path("/proc/interview-test.db").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere; permissions cannot be tested")
def test_folder_not_writable(tmp_path: Path) -> None:
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert_one_line_exit_2(interview("history", "--db", str(locked / "interview.db")), "not writable")
    finally:
        locked.chmod(0o700)


def test_not_a_sqlite_file(tmp_path: Path) -> None:
    folder = tmp_path / "db"
    folder.mkdir()
    path = folder / "notes.db"
    path.write_text("These are my interview notes, not a database.\n" * 200)
    before = snapshot(folder)
    for command in (["history"], ["show", "abc"], ["search", "notes"]):
        assert_one_line_exit_2(interview(*command, "--db", str(path)), "not a SQLite file")
    assert snapshot(folder) == before


def test_someone_elses_sqlite_database(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    assert_one_line_exit_2(interview("history", "--db", str(path)), "not an interview database")
    assert path.read_bytes() == before


def test_corrupted_database(good_db: tuple[Path, str]) -> None:
    path, session_id = good_db
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = b"\xa5" * (len(data) - page)  # every page but the first (the schema) is garbage
    path.write_bytes(bytes(data))
    before = snapshot(path.parent)
    for command in (["history"], ["show", session_id[:8]], ["search", "hashing"], ["abandon", session_id]):
        assert_one_line_exit_2(interview(*command, "--db", str(path)), "corrupt")
    assert snapshot(path.parent) == before


def test_newer_schema(good_db: tuple[Path, str]) -> None:
    path, session_id = good_db
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    before = snapshot(path.parent)
    for command in (["history"], ["abandon", session_id]):
        assert_one_line_exit_2(interview(*command, "--db", str(path)), "schema version 999", "upgrade")
    assert snapshot(path.parent) == before


def test_locked_past_the_timeout(good_db: tuple[Path, str]) -> None:
    path, session_id = good_db
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process is mid-write and stays there
    try:
        before = path.read_bytes()
        fast = {"INTERVIEW_DB_TIMEOUT": "0.3"}
        result = interview("abandon", session_id[:8], "--db", str(path), env=fast)
        assert_one_line_exit_2(result, "locked", "0.3 s")
        assert path.read_bytes() == before
        # Readers are not blocked by a writer in WAL mode: history still works meanwhile.
        listed = interview("history", "--db", str(path), "--json", env=fast)
        assert listed.returncode == 0 and session_id in listed.stdout
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Store(path) as store:
        assert store.get_session(session_id).status == "in_progress"
    assert interview("abandon", session_id[:8], "--db", str(path)).returncode == 0
