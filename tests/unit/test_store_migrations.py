"""Schema migrations: from the first schema forward, one transaction per step, newer refused."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from interview.store import Store, StoreError
from interview.store import migrations as mig
from tests.support.store_data import make_events, make_record, make_report

# Frozen copy of schema version 1 as released. Never edit: it is what old databases hold.
SCHEMA_V1 = [
    "CREATE TABLE snapshots (hash TEXT PRIMARY KEY, kind TEXT NOT NULL, body TEXT NOT NULL)",
    """CREATE TABLE sessions (
        id TEXT PRIMARY KEY, scenario_id TEXT NOT NULL, scenario_title TEXT NOT NULL,
        persona_id TEXT NOT NULL, rubric_id TEXT NOT NULL DEFAULT '', model TEXT NOT NULL,
        api_base TEXT, level TEXT NOT NULL, seed INTEGER NOT NULL, status TEXT NOT NULL,
        clock TEXT NOT NULL, wpm REAL, started_at TEXT NOT NULL, ended_at TEXT,
        elapsed_s REAL NOT NULL DEFAULT 0, phase_times TEXT NOT NULL DEFAULT '{}',
        scenario_snapshot TEXT NOT NULL REFERENCES snapshots (hash),
        rubric_snapshot TEXT NOT NULL REFERENCES snapshots (hash),
        persona_snapshot TEXT NOT NULL REFERENCES snapshots (hash),
        whiteboard TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX sessions_started ON sessions (started_at)",
    "CREATE INDEX sessions_scenario_started ON sessions (scenario_id, started_at)",
    "CREATE INDEX sessions_status_started ON sessions (status, started_at)",
    """CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, role TEXT NOT NULL, kind TEXT NOT NULL, phase TEXT NOT NULL,
        elapsed_s REAL NOT NULL, text TEXT NOT NULL DEFAULT '', fallback TEXT,
        data TEXT NOT NULL DEFAULT '{}', at TEXT, UNIQUE (session_id, seq))""",
    """CREATE VIRTUAL TABLE events_fts USING fts5 (
        text, content='events', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER events_fts_ai AFTER INSERT ON events
        WHEN new.role IN ('candidate', 'interviewer') BEGIN
        INSERT INTO events_fts (rowid, text) VALUES (new.id, new.text); END""",
    """CREATE TRIGGER events_fts_ad AFTER DELETE ON events
        WHEN old.role IN ('candidate', 'interviewer') BEGIN
        INSERT INTO events_fts (events_fts, rowid, text) VALUES ('delete', old.id, old.text); END""",
    """CREATE TRIGGER events_fts_au_old AFTER UPDATE ON events
        WHEN old.role IN ('candidate', 'interviewer') BEGIN
        INSERT INTO events_fts (events_fts, rowid, text) VALUES ('delete', old.id, old.text); END""",
    """CREATE TRIGGER events_fts_au_new AFTER UPDATE ON events
        WHEN new.role IN ('candidate', 'interviewer') BEGIN
        INSERT INTO events_fts (rowid, text) VALUES (new.id, new.text); END""",
]


def build_v1_database(path: Path) -> tuple[str, int]:
    """A database as version 1 of interview left it, holding one session with events."""
    record = make_record()
    events = make_events()
    conn = sqlite3.connect(path)
    for sql in SCHEMA_V1:
        conn.execute(sql)
    conn.execute("PRAGMA user_version = 1")
    row = record.model_dump(mode="json")
    row.pop("kind")  # added by version 3
    for kind in ("scenario", "rubric", "persona"):
        body = json.dumps(row.pop(kind))
        digest = hashlib.sha256(body.encode()).hexdigest()
        conn.execute("INSERT INTO snapshots VALUES (?, ?, ?)", (digest, kind, body))
        row[f"{kind}_snapshot"] = digest
    row["phase_times"] = json.dumps(row["phase_times"])
    row["rubric_id"] = record.rubric["id"]
    conn.execute(
        f"INSERT INTO sessions ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values())
    )
    for e in events:
        conn.execute(
            "INSERT INTO events (session_id, seq, role, kind, phase, elapsed_s, text, fallback, data, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.id,
                e.seq,
                e.role,
                e.kind,
                e.phase,
                e.elapsed_s,
                e.text,
                e.fallback,
                json.dumps(e.data),
                None,
            ),
        )
    conn.commit()
    conn.close()
    return record.id, len(events)


def test_frozen_v1_matches_the_first_migration(tmp_path: Path) -> None:
    """The frozen copy above must be what migration 1 creates, or the next test proves nothing."""
    frozen, migrated = (
        sqlite3.connect(tmp_path / "frozen.db"),
        sqlite3.connect(tmp_path / "m1.db", isolation_level=None),
    )
    for sql in SCHEMA_V1:
        frozen.execute(sql)
    mig.migrate(migrated, target=1)

    def shape(conn: sqlite3.Connection) -> dict[str, list]:
        names = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
        ]
        tables = [
            n
            for n in names
            if conn.execute("SELECT type FROM sqlite_master WHERE name=?", (n,)).fetchone()[0] == "table"
        ]
        return {
            "names": names,
            **{t: [c[1:] for c in conn.execute(f"PRAGMA table_info('{t}')")] for t in tables},
        }

    assert shape(frozen) == shape(migrated)
    assert mig.user_version(migrated) == 1


def test_a_v1_database_is_migrated_and_keeps_its_sessions(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    session_id, n_events = build_v1_database(path)

    with Store(path) as store:
        assert mig.user_version(store.db.conn) == mig.SCHEMA_VERSION
        record = store.get_session(session_id[:6])
        assert record.id == session_id and record.scenario_id == "url-shortener"
        assert len(store.events(session_id)) == n_events
        assert [h.session_id for h in store.search("consistent hashing")] == [session_id]
        # What version 2 added works on the migrated data.
        store.save_report(session_id, make_report(record))
        assert store.list_sessions()[0].overall == 72.0
        # Version 3: every older session is a whole interview.
        assert record.kind == "interview" and store.list_sessions(kind="interview")[0].id == session_id


def test_a_new_file_gets_the_current_schema_and_reopening_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    assert mig.user_version(conn) == mig.SCHEMA_VERSION
    schema = conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    conn.close()
    Store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema
    conn.close()


def test_a_failing_step_rolls_back_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.db"
    build_v1_database(path)

    broken = ("CREATE TABLE half_done (x)", "INSERT INTO no_such_table VALUES (1)")  # fails midway
    monkeypatch.setattr(mig, "MIGRATIONS", [mig.MIGRATIONS[0], broken])
    monkeypatch.setattr(mig, "SCHEMA_VERSION", 2)
    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        mig.migrate(conn, target=2)
    assert mig.user_version(conn) == 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    conn.close()


def test_a_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    (tmp_path / "db").mkdir()
    path = tmp_path / "db" / "future.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE sessions (id TEXT)")
    conn.execute(f"PRAGMA user_version = {mig.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match=f"schema version {mig.SCHEMA_VERSION + 1}.*upgrade interview"):
        Store(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["future.db"]


def test_an_empty_file_becomes_a_database(tmp_path: Path) -> None:
    path = tmp_path / "touched.db"
    path.touch()  # e.g. created by `touch` or a half-finished copy: SQLite treats it as empty
    with Store(path) as store:
        assert mig.user_version(store.db.conn) == mig.SCHEMA_VERSION
        assert store.list_sessions() == []
