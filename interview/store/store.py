"""The session database: every session, event and grade in one SQLite file (sqlite-utils).

One `Store` owns one connection, which belongs to the thread that opened it. Every write
is its own `BEGIN IMMEDIATE` transaction, committed before the method returns.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlite_utils import Database

from interview import paths
from interview.engine.records import Event, SessionRecord
from interview.scoring.report import Report
from interview.store import rows
from interview.store.connection import busy_timeout_from_env, open_database
from interview.store.errors import AmbiguousSessionId, SessionNotFound, StoreError, explain
from interview.store.summaries import CriterionPoint, SearchHit, SessionSummary

P = ParamSpec("P")
R = TypeVar("R")

_RECORD_SQL = """
SELECT s.*, sc.body AS scenario, ru.body AS rubric, pe.body AS persona
FROM sessions s
JOIN snapshots sc ON sc.hash = s.scenario_snapshot
JOIN snapshots ru ON ru.hash = s.rubric_snapshot
JOIN snapshots pe ON pe.hash = s.persona_snapshot
WHERE s.id = ?
"""

_SUMMARY_SQL = """
SELECT s.id, s.scenario_id, s.scenario_title, s.persona_id, s.model, s.level, s.status,
       s.started_at, s.ended_at, s.elapsed_s, s.kind,
       (SELECT r.overall FROM reports r WHERE r.session_id = s.id ORDER BY r.id DESC LIMIT 1) AS overall,
       (SELECT r.verdict FROM reports r WHERE r.session_id = s.id ORDER BY r.id DESC LIMIT 1) AS verdict
FROM sessions s
"""

# Ranking every match is O(matches): 76 ms for a word in 54,000 of 400,000 turns. So rank
# (bm25) only the SEARCH_WINDOW most recent matches (a rowid-ordered scan that stops early),
# then build snippets for the rows shown. Fewer matches than the window: exact ranking.
# bench/store.py prints the numbers behind this choice.
SEARCH_WINDOW = 1000
_SEARCH_SQL = """
WITH recent AS (
    SELECT rowid AS event_id, bm25(events_fts) AS score
    FROM events_fts WHERE events_fts MATCH :query
    ORDER BY rowid DESC LIMIT :window
),
best AS (SELECT event_id, score FROM recent ORDER BY score, event_id DESC LIMIT :limit),
hits AS (
    SELECT best.event_id, best.score, snippet(events_fts, 0, char(57344), char(57345), '…', 16) AS marked
    FROM events_fts JOIN best ON events_fts.rowid = best.event_id
    WHERE events_fts MATCH :query
)
SELECT e.session_id, s.scenario_id, e.seq, e.role, e.phase, hits.marked, s.started_at
FROM hits JOIN events e ON e.id = hits.event_id JOIN sessions s ON s.id = e.session_id
ORDER BY hits.score, e.id DESC
"""


def _guarded(method: Callable[Concatenate[Store, P], R]) -> Callable[Concatenate[Store, P], R]:
    """Turn any sqlite3 error inside a Store method into a one-line StoreError."""

    @functools.wraps(method)
    def wrapper(self: Store, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise explain(exc, self.path, self.busy_timeout) from exc

    return wrapper


class Store:
    """Sessions, their events and their grades, in one SQLite database file."""

    def __init__(self, path: Path | None = None) -> None:
        """Open (creating or migrating if needed) the database; None means the default path."""
        self.path: Path = Path(path).expanduser() if path is not None else paths.default_db_path()
        self.busy_timeout: float = busy_timeout_from_env()
        self._conn = open_database(self.path, self.busy_timeout)
        self.db = Database(self._conn)

    # ------------------------------------------------------------------ plumbing

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken with IMMEDIATE so lock waits honour the busy timeout."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:  # a failed COMMIT (disk full, I/O) leaves it open
                self._conn.execute("ROLLBACK")
            raise

    @contextmanager
    def lock_wait(self, seconds: float) -> Iterator[None]:
        """Wait at most `seconds` for another process's lock in this block (then StoreError, locked).

        For callers that retry on their own without blocking an event loop for the full wait.
        """
        self._conn.execute(f"PRAGMA busy_timeout = {max(0, int(seconds * 1000))}")
        saved, self.busy_timeout = self.busy_timeout, seconds
        try:
            yield
        finally:
            self.busy_timeout = saved
            self._conn.execute(f"PRAGMA busy_timeout = {int(saved * 1000)}")

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        names = ", ".join(row)
        marks = ", ".join(f":{name}" for name in row)
        cursor = self._conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", row)
        return int(cursor.lastrowid or 0)

    def _save_snapshots(self, snapshots: list[dict[str, str]]) -> None:
        self._conn.executemany(
            "INSERT OR IGNORE INTO snapshots (hash, kind, body) VALUES (:hash, :kind, :body)", snapshots
        )

    def _exists(self, session_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is not None

    def _require(self, session_id: str) -> None:
        if not self._exists(session_id):
            raise SessionNotFound(session_id)

    # ------------------------------------------------------------------ sessions

    @_guarded
    def create_session(self, record: SessionRecord) -> None:
        """Store a new session record (api_base credentials are stripped)."""
        columns, snapshots = rows.record_row(record)
        with self._write():
            self._save_snapshots(snapshots)
            self._insert("sessions", columns)

    @_guarded
    def update_session(self, session_id: str, **fields: Any) -> None:
        """Change some SessionRecord fields of a stored session; committed on return."""
        unknown = sorted(set(fields) - set(rows.SESSION_FIELDS) | ({"id"} & set(fields)))
        if unknown:
            raise ValueError(f"cannot update session field(s): {', '.join(unknown)}")
        if not fields:
            return
        with self._write():
            current = self._get_record(session_id)
            merged = current.model_copy(update=fields)
            validated = SessionRecord.model_validate(merged.model_dump())  # types checked
            columns, snapshots = rows.session_columns({name: getattr(validated, name) for name in fields})
            self._save_snapshots(snapshots)
            assignments = ", ".join(f"{name} = :{name}" for name in columns)
            self._conn.execute(
                f"UPDATE sessions SET {assignments} WHERE id = :_id", {**columns, "_id": session_id}
            )

    def _get_record(self, session_id: str) -> SessionRecord:
        found = list(self.db.query(_RECORD_SQL, [session_id]))
        if not found:
            raise SessionNotFound(session_id)
        return rows.record_from_row(found[0])

    @_guarded
    def resolve_id(self, id_or_prefix: str) -> str:
        """The full id of the one session whose id starts with `id_or_prefix`."""
        prefix = id_or_prefix.strip().lower()
        if not prefix:
            raise SessionNotFound(id_or_prefix)
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        matches = self._conn.execute(
            "SELECT id, scenario_id, started_at FROM sessions WHERE id >= ? AND id < ? "
            "ORDER BY started_at DESC LIMIT 50",
            (prefix, upper),
        ).fetchall()
        if not matches:
            raise SessionNotFound(id_or_prefix)
        if len(matches) > 1:
            labels = [
                f"{sid[:12]} ({scenario}, {started[:16].replace('T', ' ')})"
                for sid, scenario, started in matches
            ]
            raise AmbiguousSessionId(id_or_prefix, [m[0] for m in matches], labels)
        return str(matches[0][0])

    @_guarded
    def get_session(self, id_or_prefix: str) -> SessionRecord:
        """The session record for a full id or any unique prefix of one."""
        return self._get_record(self.resolve_id(id_or_prefix))

    @_guarded
    def abandon(self, session_id: str) -> None:
        """Mark a session abandoned (its end time is set if it had none)."""
        with self._write():
            self._require(session_id)
            self._conn.execute(
                "UPDATE sessions SET status = 'abandoned', ended_at = coalesce(ended_at, ?) WHERE id = ?",
                (rows.now_text(), session_id),
            )

    @_guarded
    def delete_session(self, session_id: str) -> None:
        """Remove a session with its events, grades, search entries and unshared snapshots."""
        with self._write():
            found = self._conn.execute(
                "SELECT scenario_snapshot, rubric_snapshot, persona_snapshot FROM sessions WHERE id = ?",
                (session_id,),
            ).fetchone()
            if found is None:
                raise SessionNotFound(session_id)
            self._conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
            self._conn.execute(
                "DELETE FROM snapshots WHERE hash IN (?, ?, ?) AND NOT EXISTS (SELECT 1 FROM sessions"
                " WHERE scenario_snapshot = hash OR rubric_snapshot = hash OR persona_snapshot = hash)",
                tuple(found),
            )

    # ------------------------------------------------------------------ events

    @_guarded
    def append_event(self, session_id: str, event: Event) -> None:
        """Store one event; it is committed (durable) when this returns."""
        try:
            with self._write():
                self._insert("events", rows.event_row(session_id, event))
        except sqlite3.IntegrityError as exc:
            if not self._exists(session_id):
                raise SessionNotFound(session_id) from exc
            raise ValueError(f"event {event.seq} of session {session_id} is already stored") from exc

    @_guarded
    def events(self, session_id: str) -> list[Event]:
        """Every event of a session, in order."""
        found = self.db.query("SELECT * FROM events WHERE session_id = ? ORDER BY seq", [session_id])
        return [rows.event_from_row(row) for row in found]

    # ------------------------------------------------------------------ lists and search

    @_guarded
    def list_sessions(
        self,
        scenario: str | None = None,
        status: str | None = None,
        limit: int = 20,
        offset: int = 0,
        kind: str | None = None,
    ) -> list[SessionSummary]:
        """Sessions newest first, optionally of one scenario, status and/or kind, with latest scores."""
        where, params = [], []
        if kind is not None:
            where.append("s.kind = ?")
            params.append(kind)
        if scenario is not None:
            where.append("s.scenario_id = ?")
            params.append(scenario)
        if status is not None:
            where.append("s.status = ?")
            params.append(status)
        sql = _SUMMARY_SQL + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY s.started_at DESC, s.rowid DESC LIMIT ? OFFSET ?"
        return [SessionSummary.model_validate(row) for row in self.db.query(sql, [*params, limit, offset])]

    def in_progress(self) -> list[SessionSummary]:
        """Every session still in progress, newest first (what the TUI offers to resume)."""
        return self.list_sessions(status="in_progress", limit=-1)

    @_guarded
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over what candidates and interviewers said; any text is safe.

        Best matches first (bm25) among the most recent `SEARCH_WINDOW` matching turns.
        """
        quoted = self.db.quote_fts(query.replace("\x00", " ")).strip()
        if not quoted or not any(ch.isalnum() for ch in quoted):
            return []
        params = {"query": quoted, "limit": limit, "window": max(SEARCH_WINDOW, limit)}
        found = self.db.query(_SEARCH_SQL, params)
        return [SearchHit.model_validate(row) for row in found]

    # ------------------------------------------------------------------ reports

    @_guarded
    def save_report(self, session_id: str, report: Report) -> None:
        """Keep a new grade for the session (earlier grades stay; the latest is shown)."""
        with self._write():
            self._require(session_id)
            report_id = self._insert("reports", rows.report_row(session_id, report))
            for row in rows.criterion_rows(session_id, report_id, report):
                self._insert("criterion_scores", row)

    @_guarded
    def reports(self, session_id: str) -> list[Report]:
        """Every grade of a session, oldest first."""
        found = self._conn.execute(
            "SELECT report FROM reports WHERE session_id = ? ORDER BY id", (session_id,)
        )
        return [Report.model_validate_json(row[0]) for row in found]

    @_guarded
    def latest_report(self, session_id: str) -> Report | None:
        """The most recent grade of a session, if it was graded."""
        row = self._conn.execute(
            "SELECT report FROM reports WHERE session_id = ? ORDER BY id DESC LIMIT 1", (session_id,)
        ).fetchone()
        return Report.model_validate_json(row[0]) if row else None

    @_guarded
    def score_series(self, scenario_id: str, criterion: str | None = None) -> list[tuple[datetime, float]]:
        """(started_at, score) of each graded session of a scenario, oldest first.

        The score is the latest report's overall (0-100), or with `criterion`, that
        criterion's grade (1-4); sessions whose latest report lacks it are skipped.
        """
        latest = "r.id = (SELECT max(id) FROM reports WHERE session_id = s.id)"
        if criterion is None:
            sql = f"SELECT s.started_at, r.overall FROM sessions s JOIN reports r ON {latest}"
            params: list[Any] = [scenario_id]
        else:
            sql = (
                f"SELECT s.started_at, c.score FROM sessions s JOIN reports r ON {latest} "
                "JOIN criterion_scores c ON c.report_id = r.id AND c.criterion_id = ?"
            )
            params = [criterion, scenario_id]
        sql += " WHERE s.scenario_id = ? ORDER BY s.started_at, s.rowid"
        return [(_parse_time(at), float(value)) for at, value in self._conn.execute(sql, params)]

    @_guarded
    def criterion_history(self, kind: str | None = None) -> list[CriterionPoint]:
        """Every criterion grade of every graded session (latest report each), oldest first."""
        sql = (
            "SELECT s.id AS session_id, s.scenario_id, s.kind, s.started_at, c.criterion_id, c.name, c.score "
            "FROM sessions s JOIN reports r ON r.id = (SELECT max(id) FROM reports WHERE session_id = s.id) "
            "JOIN criterion_scores c ON c.report_id = r.id"
        )
        params: list[Any] = []
        if kind is not None:
            sql += " WHERE s.kind = ?"
            params.append(kind)
        sql += " ORDER BY s.started_at, s.rowid, c.id"
        return [CriterionPoint.model_validate(row) for row in self.db.query(sql, params)]

    # ------------------------------------------------------------------ lifetime

    def close(self) -> None:
        """Close the connection (checkpointing the WAL when this is the last one)."""
        try:
            self._conn.close()
        except sqlite3.Error as exc:  # pragma: no cover - close rarely fails
            raise StoreError(f"closing database {self.path}: {exc}") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _parse_time(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
