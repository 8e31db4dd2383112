"""The database schema as ordered forward migrations keyed on `PRAGMA user_version`.

Each step runs in one `BEGIN IMMEDIATE` transaction together with the version bump, so a
crash mid-migration leaves the previous version intact. Steps are frozen SQL: once
released, a step never changes; a new schema is a new step at the end of `MIGRATIONS`.
"""

from __future__ import annotations

import sqlite3

# Only candidate and interviewer turns are searchable; whiteboard snapshots and system
# events would flood results with repeats. The WHEN clauses must match on insert and
# delete, or the external-content index gets out of step with `events`.
_TURN = "('candidate', 'interviewer')"

V1_SESSIONS_AND_EVENTS: tuple[str, ...] = (
    # Scenario, rubric and persona snapshots are stored once per distinct content and
    # shared: 10,000 sessions of one scenario would otherwise hold 10,000 copies of ~35 KB.
    """CREATE TABLE snapshots (
        hash TEXT PRIMARY KEY,               -- sha256 of body
        kind TEXT NOT NULL,                  -- scenario | rubric | persona
        body TEXT NOT NULL                   -- model_dump(mode="json") as JSON
    )""",
    """CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        scenario_id TEXT NOT NULL,
        scenario_title TEXT NOT NULL,
        persona_id TEXT NOT NULL,
        rubric_id TEXT NOT NULL DEFAULT '',
        model TEXT NOT NULL,                 -- "offline" or a litellm model name; never a key
        api_base TEXT,                       -- credentials stripped
        level TEXT NOT NULL,
        seed INTEGER NOT NULL,
        status TEXT NOT NULL,                -- in_progress | completed | abandoned
        clock TEXT NOT NULL,
        wpm REAL,
        started_at TEXT NOT NULL,            -- ISO 8601, UTC when the datetime is aware
        ended_at TEXT,
        elapsed_s REAL NOT NULL DEFAULT 0,
        phase_times TEXT NOT NULL DEFAULT '{}',  -- JSON {phase id: seconds}
        scenario_snapshot TEXT NOT NULL REFERENCES snapshots (hash),
        rubric_snapshot TEXT NOT NULL REFERENCES snapshots (hash),
        persona_snapshot TEXT NOT NULL REFERENCES snapshots (hash),
        whiteboard TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX sessions_started ON sessions (started_at)",
    "CREATE INDEX sessions_scenario_started ON sessions (scenario_id, started_at)",
    "CREATE INDEX sessions_status_started ON sessions (status, started_at)",
    """CREATE TABLE events (
        id INTEGER PRIMARY KEY,              -- stable rowid for the FTS index
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        role TEXT NOT NULL,
        kind TEXT NOT NULL,
        phase TEXT NOT NULL,
        elapsed_s REAL NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        fallback TEXT,
        data TEXT NOT NULL DEFAULT '{}',     -- JSON
        at TEXT,
        UNIQUE (session_id, seq)
    )""",
    """CREATE VIRTUAL TABLE events_fts USING fts5 (
        text, content='events', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    f"""CREATE TRIGGER events_fts_ai AFTER INSERT ON events WHEN new.role IN {_TURN} BEGIN
        INSERT INTO events_fts (rowid, text) VALUES (new.id, new.text);
    END""",
    f"""CREATE TRIGGER events_fts_ad AFTER DELETE ON events WHEN old.role IN {_TURN} BEGIN
        INSERT INTO events_fts (events_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    f"""CREATE TRIGGER events_fts_au_old AFTER UPDATE ON events WHEN old.role IN {_TURN} BEGIN
        INSERT INTO events_fts (events_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END""",
    f"""CREATE TRIGGER events_fts_au_new AFTER UPDATE ON events WHEN new.role IN {_TURN} BEGIN
        INSERT INTO events_fts (rowid, text) VALUES (new.id, new.text);
    END""",
)

# Scores arrive with the scorer: every grade is kept (the latest is the one shown), and
# each criterion's grade is a row with its evidence and feedback, so it can be queried.
V2_REPORTS: tuple[str, ...] = (
    """CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        saved_at TEXT NOT NULL,
        scored_at TEXT,
        overall REAL NOT NULL,
        verdict TEXT NOT NULL,
        level TEXT NOT NULL,
        scorer TEXT NOT NULL,
        fallback TEXT,
        rubric_id TEXT NOT NULL DEFAULT '',
        summary TEXT NOT NULL DEFAULT '',    -- feedback summary
        report TEXT NOT NULL                 -- the whole Report as JSON
    )""",
    "CREATE INDEX reports_session ON reports (session_id, id)",
    """CREATE TABLE criterion_scores (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        criterion_id TEXT NOT NULL,
        name TEXT NOT NULL,
        weight REAL NOT NULL,
        score INTEGER NOT NULL,
        max INTEGER NOT NULL,
        why TEXT NOT NULL DEFAULT '',
        insufficient_evidence INTEGER NOT NULL DEFAULT 0,
        evidence TEXT NOT NULL DEFAULT '[]', -- JSON [{turn, quote}]
        missing TEXT NOT NULL DEFAULT '[]',  -- JSON [label]
        feedback TEXT NOT NULL DEFAULT '[]'  -- JSON [Improvement] about this criterion
    )""",
    "CREATE INDEX criterion_scores_report ON criterion_scores (report_id)",
    "CREATE INDEX criterion_scores_session ON criterion_scores (session_id, criterion_id)",
)


# Drills are sessions too (issue 17): `kind` says which (interview | drill_estimation |
# drill_criterion | redo), so history can filter on it; older rows are interviews.
V3_SESSION_KIND: tuple[str, ...] = (
    "ALTER TABLE sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'interview'",
    "CREATE INDEX sessions_kind_started ON sessions (kind, started_at)",
)


# Index i holds the statements that take the schema from version i to version i + 1.
MIGRATIONS: list[tuple[str, ...]] = [
    V1_SESSIONS_AND_EVENTS,
    V2_REPORTS,
    V3_SESSION_KIND,
]
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the database header (0 for a new file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Apply the missing steps up to `target`, each in its own transaction; return the version.

    The connection must be in autocommit mode (`isolation_level=None`). The version is
    re-read inside each transaction, so two processes opening a new file at once are safe.
    """
    for version, statements in enumerate(MIGRATIONS[:target], start=1):
        if user_version(conn) >= version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if user_version(conn) < version:
                for sql in statements:
                    conn.execute(sql)
                conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return user_version(conn)
