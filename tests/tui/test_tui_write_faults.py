"""In the app, a locked database or a quit while the interviewer speaks loses no answer and skips no reply."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from textual.widgets import TextArea

from interview.engine import factory
from interview.engine.voice import TurnContext
from interview.store import Store
from interview.tui.app import InterviewApp
from interview.tui.drafts import load_draft
from interview.tui.screens.interview import InterviewScreen
from interview.tui.services import StartOptions
from interview.tui.widgets.conversation import CandidateTurn, Conversation, Turn
from tests.tui.helpers import type_text, wait_for

ANSWER = "How many requests per second at peak?"


@pytest.fixture(autouse=True)
def short_lock_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEW_DB_TIMEOUT", "0.4")


async def _interview(app: InterviewApp, pilot) -> InterviewScreen:  # noqa: ANN001
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, InterviewScreen) and app.screen.query(Conversation),
        what="screen",
    )
    screen = app.screen
    assert isinstance(screen, InterviewScreen)
    await wait_for(pilot, lambda: not screen.speaking and len(screen.query(Turn)) >= 1, what="interviewer")
    return screen


def _stored(db: Path, session_id: str) -> list[tuple[int, str, str]]:
    with Store(db) as store:
        return [(e.seq, e.role, e.text) for e in store.events(session_id)]


async def test_answer_sent_while_another_process_locks_the_database_is_kept_then_stored_once(
    make_services, db_path: Path
) -> None:
    app = InterviewApp(StartOptions("practice", scenario_id="rate-limiter"), make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _interview(app, pilot)
        session_id = screen.session.record.id
        before = _stored(db_path, session_id)
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        try:
            await type_text(pilot, ANSWER)
            await pilot.press("ctrl+s")
            answer = screen.query_one("#answer", TextArea)
            await wait_for(pilot, lambda: answer.text == ANSWER and not screen.speaking, what="handed back")
            assert load_draft(session_id) == ANSWER  # and on disk
            messages = [n.message for n in app._notifications]
            assert any("not saved" in m and "back in the answer box" in m for m in messages)
            assert ANSWER not in [t.source for t in screen.query(CandidateTurn)]
            assert len(screen.query(Turn)) == 1  # no reply to an answer that was not stored
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert _stored(db_path, session_id) == before
        await pilot.press("ctrl+q")  # released; quit and come back later

    resumed = InterviewApp(StartOptions("resume"), make_services())
    async with resumed.run_test(size=(120, 40)) as pilot:
        screen = await _interview(resumed, pilot)
        assert screen.session.record.id == session_id
        answer = screen.query_one("#answer", TextArea)
        assert answer.text == ANSWER
        await pilot.press("ctrl+s")
        await wait_for(
            pilot, lambda: not screen.speaking and ANSWER in [t.source for t in screen.query(CandidateTurn)]
        )
        await wait_for(pilot, lambda: load_draft(session_id) == "", what="the draft emptied once stored")
    stored = _stored(db_path, session_id)
    assert [seq for seq, _, _ in stored] == list(range(len(stored)))  # no gap, no duplicate seq
    assert [text for _, role, text in stored if role == "candidate"] == [ANSWER]
    assert stored[-1][1] == "interviewer"  # and it got its reply


class SlowVoice:
    """A model voice whose replies (after the opening) stream until the test releases them."""

    name = "fake/slow-model"

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.calls = 0

    def available(self) -> bool:
        return True

    def pop_notice(self) -> str | None:
        return None

    async def speak(self, ctx: TurnContext) -> AsyncIterator[str]:
        self.calls += 1
        yield ctx.offline_text[:20]
        if ctx.move_kind != "opening":
            await self.release.wait()
        yield ctx.offline_text[20:]


async def test_answer_sent_while_the_interviewer_speaks_is_on_disk_and_the_reply_is_not_skipped(
    make_services, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    voice = SlowVoice()
    monkeypatch.setattr(factory, "model_voice_for", lambda model, api_base, timeout: voice)
    start = StartOptions("practice", scenario_id="rate-limiter", model="fake/slow-model")
    app = InterviewApp(start, make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _interview(app, pilot)
        session_id = screen.session.record.id
        await type_text(pilot, ANSWER)
        await pilot.press("ctrl+s")
        # A model's reply is held until whole and checked: it is still being spoken.
        await wait_for(pilot, lambda: voice.calls == 1 and screen.speaking, what="the reply under way")
        await type_text(pilot, "Sent while it speaks")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: screen.queued == ["Sent while it speaks"], what="queued")
        assert load_draft(session_id) == "Sent while it speaks"  # on disk the moment it is sent
        await pilot.press("ctrl+q")  # quit before the reply to the first answer is finished
    stored = _stored(db_path, session_id)
    assert [text for _, role, text in stored if role == "candidate"] == [ANSWER]
    assert load_draft(session_id) == "Sent while it speaks"

    voice.release.set()
    resumed = InterviewApp(StartOptions("resume", model="fake/slow-model"), make_services())
    async with resumed.run_test(size=(120, 40)) as pilot:
        screen = await _interview(resumed, pilot)
        assert screen.query_one("#answer", TextArea).text == "Sent while it speaks"
    stored = _stored(db_path, session_id)
    roles = [role for _, role, _ in stored if role != "system"]
    assert roles == ["interviewer", "candidate", "interviewer"]  # the owed reply was given, not skipped
    assert [seq for seq, _, _ in stored] == list(range(len(stored)))


def test_a_report_saved_while_the_database_is_briefly_locked_is_stored(
    make_services, db_path: Path, catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from tests.tui.conftest import sample_record, sample_report

    monkeypatch.setenv("INTERVIEW_DB_TIMEOUT", "0.2")
    record = sample_record(catalog)
    with Store(db_path) as store:
        store.create_session(record)
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.6, lambda: other.execute("ROLLBACK"))
    release.start()
    try:
        app = InterviewApp(StartOptions("home"), make_services())
        assert app.save_report_in_thread(record.id, sample_report()) is None
    finally:
        release.join()
        other.close()
    with Store(db_path) as store:
        assert store.latest_report(record.id) is not None
