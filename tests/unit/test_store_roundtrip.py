"""Store round trips: what goes in comes back, and every write is committed at once."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from interview import paths
from interview.engine.records import Event
from interview.store import AmbiguousSessionId, SessionNotFound, Store
from tests.support.store_data import START, make_record, make_report, stored_session


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "sessions.db") as opened:
        yield opened


def test_full_session_round_trip(store: Store) -> None:
    record, events = stored_session(store)
    report = make_report(record)

    assert store.get_session(record.id) == record
    assert store.events(record.id) == events
    assert store.latest_report(record.id) == report
    assert store.reports(record.id) == [report]


def test_snapshots_survive_without_the_catalog(store: Store) -> None:
    record, _ = stored_session(store)
    loaded = store.get_session(record.id)
    # The scenario as run is kept whole, hidden material included, for the scorer and resume.
    assert loaded.scenario["facts"] == record.scenario["facts"]
    assert loaded.rubric["criteria"] == record.rubric["criteria"]
    assert loaded.persona["name"] == record.persona["name"]


def test_equal_snapshots_are_stored_once_and_freed_with_their_last_session(store: Store) -> None:
    first, _ = stored_session(store)
    second, _ = stored_session(store)
    chat, _ = stored_session(store, scenario_id="chat")
    kinds = dict(store.db.execute("SELECT kind, count(*) FROM snapshots GROUP BY kind").fetchall())
    assert kinds == {"scenario": 2, "rubric": 1, "persona": 1}  # chat shares rubric and persona
    store.delete_session(first.id)
    assert store.db.execute("SELECT count(*) FROM snapshots").fetchone()[0] == 4
    store.delete_session(second.id)
    assert store.db.execute("SELECT count(*) FROM snapshots").fetchone()[0] == 3
    assert store.get_session(chat.id).scenario["id"] == "chat"


def test_default_path_honours_interview_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "elsewhere" / "mine.db"
    monkeypatch.setenv("INTERVIEW_DB", str(target))
    with Store() as opened:
        assert opened.path == target == paths.default_db_path()
    assert target.is_file()


def test_default_path_is_under_xdg_data_home(isolated_home: Path) -> None:
    with Store() as opened:
        assert opened.path == isolated_home / "data" / "interview" / "interview.db"


def test_wal_mode_and_foreign_keys(store: Store) -> None:
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_api_base_credentials_are_never_stored(store: Store) -> None:
    record = make_record(
        model="openai/gpt-4o-mini", api_base="https://bobuser9:s3cret@llm.example/v1?api_key=sk-123&v=2"
    )
    store.create_session(record)
    store.update_session(record.id, api_base="http://aliceuser7:pw2x@localhost:11434?token=tok-9f8e")
    raw = Path(store.path).read_bytes() + Path(str(store.path) + "-wal").read_bytes()
    for secret in (b"s3cret", b"sk-123", b"pw2x", b"tok-9f8e", b"bobuser9", b"aliceuser7"):
        assert secret not in raw
    loaded = store.get_session(record.id)
    assert loaded.api_base == "http://localhost:11434"
    assert loaded.model == "openai/gpt-4o-mini"


def test_append_event_is_visible_to_another_connection_immediately(store: Store) -> None:
    record = make_record(status="in_progress")
    store.create_session(record)
    event = Event(
        seq=0, role="candidate", kind="answer", phase="requirements", elapsed_s=3.0, text="Who are the users?"
    )
    store.append_event(record.id, event)
    # No close, no explicit commit: a separate connection must already see it.
    other = sqlite3.connect(store.path)
    try:
        assert other.execute("SELECT text FROM events").fetchall() == [("Who are the users?",)]
    finally:
        other.close()


def test_append_event_refuses_a_duplicate_seq_and_an_unknown_session(store: Store) -> None:
    record, events = stored_session(store, report=False)
    with pytest.raises(ValueError, match="already stored"):
        store.append_event(record.id, events[0])
    with pytest.raises(SessionNotFound):
        store.append_event("f" * 32, events[0])
    assert store.events(record.id) == events


def test_update_session_changes_only_the_given_fields(store: Store) -> None:
    record, _ = stored_session(store, status="in_progress", report=False)
    ended = START + timedelta(minutes=50)
    store.update_session(record.id, status="completed", ended_at=ended, phase_times={"requirements": 61.5})
    loaded = store.get_session(record.id)
    assert (loaded.status, loaded.ended_at, loaded.phase_times) == (
        "completed",
        ended,
        {"requirements": 61.5},
    )
    assert loaded.whiteboard == record.whiteboard
    with pytest.raises(ValueError, match="nonsense"):
        store.update_session(record.id, nonsense=1)
    with pytest.raises(ValueError, match="id"):
        store.update_session(record.id, id="0" * 32)
    with pytest.raises(SessionNotFound):
        store.update_session("0" * 32, status="completed")


def test_every_report_is_kept_and_the_latest_is_used(store: Store) -> None:
    record, _ = stored_session(store, report=False)
    first, second = make_report(record, 40.0, "no_hire"), make_report(record, 81.0, "strong_hire")
    store.save_report(record.id, first)
    store.save_report(record.id, second)
    assert store.reports(record.id) == [first, second]
    assert store.latest_report(record.id) == second
    summary = store.list_sessions()[0]
    assert (summary.overall, summary.verdict) == (81.0, "strong_hire")


def test_criterion_scores_are_queryable_rows_with_evidence_and_feedback(store: Store) -> None:
    record, _ = stored_session(store)
    report = make_report(record)
    rows = list(
        store.db.query("SELECT criterion_id, score, evidence, feedback FROM criterion_scores ORDER BY id")
    )
    assert [r["criterion_id"] for r in rows] == [c.id for c in report.criteria]
    assert "100M new links a day" in rows[0]["evidence"]
    assert "Size the storage" in rows[1]["feedback"]


def test_history_is_newest_first_with_filters(store: Store) -> None:
    old, _ = stored_session(store, started_at=START)
    new, _ = stored_session(store, started_at=START + timedelta(days=2), status="in_progress", report=False)
    chat, _ = stored_session(store, scenario_id="chat", started_at=START + timedelta(days=1))
    assert [s.id for s in store.list_sessions()] == [new.id, chat.id, old.id]
    assert [s.id for s in store.list_sessions(scenario="url-shortener")] == [new.id, old.id]
    assert [s.id for s in store.list_sessions(status="in_progress")] == [new.id]
    assert [s.id for s in store.list_sessions(limit=1, offset=1)] == [chat.id]
    assert [s.id for s in store.in_progress()] == [new.id]
    unscored = store.list_sessions()[0]
    assert (unscored.overall, unscored.verdict) == (None, None)


def test_score_series_follows_latest_grades_oldest_first(store: Store) -> None:
    first, _ = stored_session(store, started_at=START, report=False)
    second, _ = stored_session(store, started_at=START + timedelta(days=3), report=False)
    stored_session(store, started_at=START + timedelta(days=4), report=False)  # never graded
    store.save_report(first.id, make_report(first, 50.0, "lean_no_hire"))
    store.save_report(second.id, make_report(second, 60.0, "lean_hire"))
    store.save_report(first.id, make_report(first, 55.0, "lean_no_hire"))  # a rescore replaces 50
    series = store.score_series("url-shortener")
    assert series == [(first.started_at, 55.0), (second.started_at, 60.0)]
    criterion = make_report(first).criteria[1]
    assert store.score_series("url-shortener", criterion.id) == [
        (first.started_at, float(criterion.score)),
        (second.started_at, float(criterion.score)),
    ]
    assert store.score_series("chat") == []


def test_short_ids_unique_prefix_ambiguous_and_unknown(store: Store) -> None:
    a, _ = stored_session(store, session_id="abc1" + "0" * 28, report=False)
    b, _ = stored_session(store, session_id="abc2" + "0" * 28, report=False)
    assert store.resolve_id("abc1") == a.id
    assert store.get_session("ABC2").id == b.id
    assert store.resolve_id(a.id) == a.id
    with pytest.raises(AmbiguousSessionId) as ambiguous:
        store.resolve_id("abc")
    assert a.id[:12] in str(ambiguous.value) and b.id[:12] in str(ambiguous.value)
    assert sorted(ambiguous.value.candidates) == [a.id, b.id]
    for unknown in ("abd", "", "zz"):
        with pytest.raises(SessionNotFound):
            store.resolve_id(unknown)


def test_abandon_and_delete(store: Store) -> None:
    keep, _ = stored_session(store, status="in_progress", report=False)
    gone, _ = stored_session(store)
    store.abandon(keep.id)
    abandoned = store.get_session(keep.id)
    assert abandoned.status == "abandoned" and abandoned.ended_at is not None

    store.delete_session(gone.id)
    with pytest.raises(SessionNotFound):
        store.get_session(gone.id)
    assert store.events(gone.id) == [] and store.reports(gone.id) == []
    leftovers = store.db.execute(
        "SELECT (SELECT count(*) FROM criterion_scores WHERE session_id = ?),"
        " (SELECT count(*) FROM reports WHERE session_id = ?)",
        (gone.id, gone.id),
    ).fetchone()
    assert leftovers == (0, 0)
    assert len(store.events(keep.id)) > 0
    with pytest.raises(SessionNotFound):
        store.delete_session(gone.id)
