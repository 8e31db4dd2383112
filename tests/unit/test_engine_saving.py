"""Writes that fail (a locked database) lose nothing, duplicate nothing, and leave the session resumable.

Also: resume finishes a session whose end was stored but whose status was not, and gives
the opening of a session stopped before its opening was stored.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.catalog import Catalog, load_catalog
from interview.cli import cli
from interview.engine import VirtualClock, new_session, resume_session
from interview.engine.session import AnswerNotSaved
from interview.store import Store, StoreError

CATALOG_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "runs" / "catalog"


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog([CATALOG_DIR])


@pytest.fixture(autouse=True)
def short_lock_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEW_DB_TIMEOUT", "0.3")


async def say(chunks) -> str:  # noqa: ANN001
    return "".join([str(c) async for c in chunks])


@contextmanager
def locked(db: Path) -> Iterator[None]:
    """Another process holds the write lock on the database."""
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def stored_events(db: Path, session_id: str) -> list[tuple[int, str, str]]:
    with Store(db) as store:
        return [(e.seq, e.role, e.text) for e in store.events(session_id)]


async def test_an_answer_sent_while_the_database_is_locked_is_handed_back_then_stored_once(
    catalog: Catalog, tmp_path: Path
) -> None:
    db = tmp_path / "interview.db"
    store = Store(db)
    session = new_session(catalog, "url-shortener", store=store, seed=3, clock=VirtualClock())
    await say(session.opening())
    before = [(e.seq, e.role, e.text) for e in session.events]
    clock_before = session.clock.now()

    with locked(db):
        with pytest.raises(AnswerNotSaved) as failed:
            await say(session.send("How many new URLs a month?"))
    assert failed.value.text == "How many new URLs a month?"
    assert "locked" in str(failed.value)
    assert [(e.seq, e.role, e.text) for e in session.events] == before  # taken back, not half-kept
    assert session.clock.now() == clock_before
    assert stored_events(db, session.record.id) == before

    reply = await say(session.send("How many new URLs a month?"))  # sent again once released
    assert reply.strip()
    stored = stored_events(db, session.record.id)
    assert [seq for seq, _, _ in stored] == list(range(len(stored)))
    assert [text for _, role, text in stored if role == "candidate"] == ["How many new URLs a month?"]
    store.close()

    with Store(db) as again:
        resumed = resume_session(again, session.record.id, clock=VirtualClock())
        await say(resumed.opening())
        await say(resumed.send("/end"))
        assert again.get_session(session.record.id).status == "completed"


async def test_a_reply_that_could_not_be_stored_waits_and_is_stored_before_the_next_answer(
    catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "interview.db"
    store = Store(db)
    session = new_session(catalog, "url-shortener", store=store, seed=3, clock=VirtualClock())
    await say(session.opening())
    real_append = Store.append_event
    failing = {"on": True}

    def flaky_append(self: Store, session_id: str, event) -> None:  # noqa: ANN001
        if failing["on"] and event.role == "interviewer":
            raise StoreError("database is locked by another process", locked=True)
        real_append(self, session_id, event)

    monkeypatch.setattr(Store, "append_event", flaky_append)
    await say(session.send("Who uses it?"))
    notices = session.pop_notices()
    assert any("Could not save the interview" in n for n in notices)
    stored = stored_events(db, session.record.id)
    assert stored[-1][1] == "candidate"  # the reply waits; what is stored has no gap

    failing["on"] = False
    await say(session.send("Do links expire?"))
    stored = stored_events(db, session.record.id)
    assert stored == [(e.seq, e.role, e.text) for e in session.events]
    assert [seq for seq, _, _ in stored] == list(range(len(stored)))
    store.close()


def test_resume_finishes_a_session_whose_end_was_stored_but_not_its_status(
    catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "interview.db"
    store = Store(db)
    session = new_session(catalog, "url-shortener", store=store, seed=3, clock=VirtualClock())
    real_update = Store.update_session

    def killed_before_status(self: Store, session_id: str, **fields) -> None:  # noqa: ANN003
        if "status" in fields:
            raise KeyboardInterrupt  # the process dies between the end event and the status
        real_update(self, session_id, **fields)

    async def interview() -> None:
        await say(session.opening())
        await say(session.send("Who uses it, and how many links a month?"))
        monkeypatch.setattr(Store, "update_session", killed_before_status)
        await say(session.send("/end"))

    with pytest.raises(KeyboardInterrupt):
        asyncio.run(interview())
    monkeypatch.setattr(Store, "update_session", real_update)
    store.close()
    with Store(db) as check:
        assert check.get_session(session.record.id).status == "in_progress"
        assert check.events(session.record.id)[-1].kind == "end"

    result = CliRunner().invoke(
        cli,
        ["run", "--resume", session.record.id[:12], "--answers", str(_answers(tmp_path)), "--db", str(db)],
    )
    assert result.exit_code == 0, result.output
    assert "completed" in result.stderr
    with Store(db) as check:
        record = check.get_session(session.record.id)
        assert record.status == "completed" and record.ended_at is not None
        assert check.latest_report(record.id) is not None  # scored, as a finished run is
        assert check.in_progress() == []


@pytest.mark.parametrize("stopped_after", ["nothing", "a pause"])
def test_resume_gives_the_opening_that_was_never_stored(
    catalog: Catalog, tmp_path: Path, stopped_after: str
) -> None:
    db = tmp_path / "interview.db"
    with Store(db) as store:
        session = new_session(catalog, "url-shortener", store=store, seed=3, clock=VirtualClock())
        if stopped_after == "a pause":  # the app was quit while the opening was still streaming
            session.pause()
        statement = session.scenario.prompt.strip().split("\n")[0][:40]

    result = CliRunner().invoke(
        cli,
        ["run", "--resume", session.record.id[:12], "--answers", str(_answers(tmp_path)), "--db", str(db)],
    )
    assert result.exit_code == 0, result.output
    assert statement in result.stdout
    with Store(db) as store:
        events = store.events(session.record.id)
    said = [e for e in events if e.role == "interviewer"]
    assert said and said[0].data.get("move") == "opening" and statement in said[0].text
    assert [e.seq for e in events] == list(range(len(events)))


def _answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.txt"
    path.write_text("How many links a month?\n---\n/end\n", encoding="utf-8")
    return path


async def test_an_interview_continued_in_another_window_refuses_instead_of_losing_the_answer(
    catalog: Catalog, tmp_path: Path
) -> None:
    db = tmp_path / "interview.db"
    with Store(db) as store_a, Store(db) as store_b:
        session = new_session(catalog, "url-shortener", store=store_a, seed=3, clock=VirtualClock())
        await say(session.opening())
        other = resume_session(store_b, session.record.id, clock=VirtualClock())  # a second window
        await say(other.opening())  # its welcome back takes the next seq
        with pytest.raises(AnswerNotSaved) as refused:
            await say(session.send("Only in the first window"))
        assert "continued elsewhere" in str(refused.value)
        assert refused.value.text == "Only in the first window"
        stored = [(e.seq, e.role) for e in store_a.events(session.record.id)]
        assert [seq for seq, _ in stored] == list(range(len(stored)))


def test_a_session_left_with_a_gap_in_its_seq_numbers_by_an_older_version_resumes(
    catalog: Catalog, tmp_path: Path
) -> None:
    db = tmp_path / "interview.db"
    with Store(db) as store:
        session = new_session(catalog, "url-shortener", store=store, seed=3, clock=VirtualClock())
        asyncio.run(say(session.opening()))
        asyncio.run(say(session.send("Who uses it?")))
        stored = store.events(session.record.id)
        shifted = [e.model_copy(update={"seq": e.seq + 5}) for e in stored[1:]]  # seq 0, then 6, 7
        store.delete_session(session.record.id)
        store.create_session(session.record)
        for event in [stored[0], *shifted]:
            store.append_event(session.record.id, event)

    result = CliRunner().invoke(
        cli,
        ["run", "--resume", session.record.id[:12], "--answers", str(_answers(tmp_path)), "--db", str(db)],
    )
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        events = store.events(session.record.id)
        assert store.get_session(session.record.id).status == "completed"
    candidate = [e.text for e in events if e.role == "candidate"]
    assert candidate == ["Who uses it?", "How many links a month?", "/end"]
    assert [e.seq for e in events] == sorted({e.seq for e in events})  # increasing, none twice
