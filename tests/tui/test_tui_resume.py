"""Quitting mid-interview keeps everything typed; resuming brings it all back."""

from __future__ import annotations

from textual.widgets import TextArea

from interview.store import Store
from interview.tui.app import InterviewApp
from interview.tui.drafts import load_draft
from interview.tui.screens.interview import InterviewScreen
from interview.tui.services import StartOptions
from interview.tui.widgets.conversation import CandidateTurn, Conversation, Turn
from tests.tui.helpers import type_text, wait_for


async def _interview(app: InterviewApp, pilot) -> InterviewScreen:
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, InterviewScreen) and app.screen.query(Conversation),
        what="screen",
    )
    screen = app.screen
    assert isinstance(screen, InterviewScreen)
    await wait_for(pilot, lambda: not screen.speaking and len(screen.query(Turn)) >= 1, what="interviewer")
    return screen


async def test_quit_keeps_draft_and_whiteboard_and_resume_restores_them(make_services, db_path) -> None:
    start = StartOptions("practice", scenario_id="rate-limiter")
    app = InterviewApp(start, make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _interview(app, pilot)
        session_id = screen.session.record.id
        await type_text(pilot, "What is the peak traffic?")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.speaking and len(screen.query(Turn)) == 2, what="reply")
        await pilot.press("f2")  # open the whiteboard and draw
        await type_text(pilot, "client -> LB\nLB -> limiter")
        await pilot.press("f2")  # back to the answer box: an unsent, multi-line draft
        await type_text(pilot, "token bucket per key\nstored in redis")
        await pilot.press("ctrl+c")  # ctrl+c quits (it does not copy) and keeps the session resumable
    assert app.return_code == 0

    with Store(db_path) as store:
        record = store.get_session(session_id)
        assert record.status == "in_progress"
        assert record.whiteboard == "client -> LB\nLB -> limiter"
        kinds = [e.kind for e in store.events(session_id)]
        assert kinds[-1] == "pause"  # the clock stopped when the user quit
    assert load_draft(session_id) == "token bucket per key\nstored in redis"

    resumed = InterviewApp(StartOptions("resume"), make_services())
    async with resumed.run_test(size=(120, 40)) as pilot:
        screen = await _interview(resumed, pilot)
        assert screen.session.record.id == session_id
        assert not screen.session.paused
        assert screen.query_one("#answer", TextArea).text == "token bucket per key\nstored in redis"
        assert screen.query_one("#whiteboard", TextArea).text == "client -> LB\nLB -> limiter"
        assert not screen.query_one("#whiteboard").has_class("-hidden")
        said = [t.source for t in screen.query_one(Conversation).query(CandidateTurn)]
        assert said == ["What is the peak traffic?"]
        await pilot.press("ctrl+s")  # the restored draft is sent like any answer
        await wait_for(pilot, lambda: not screen.speaking and len(screen.query(CandidateTurn)) == 2)
    assert load_draft(session_id) == ""
    with Store(db_path) as store:
        answers = [e.text for e in store.events(session_id) if e.kind == "answer"]
    assert answers == ["What is the peak traffic?", "token bucket per key\nstored in redis"]


async def test_hang_up_saves_like_quit(make_services, db_path) -> None:
    """Closing the terminal sends SIGHUP; the handler saves the draft and the board first."""
    app = InterviewApp(StartOptions("practice", scenario_id="rate-limiter"), make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _interview(app, pilot)
        session_id = screen.session.record.id
        await type_text(pilot, "half an answer")
        app._hang_up()
        await pilot.pause()
    assert load_draft(session_id) == "half an answer"
    with Store(db_path) as store:
        assert store.get_session(session_id).status == "in_progress"


async def test_escape_then_q_quits_and_q_in_the_box_is_just_a_letter(make_services, db_path) -> None:
    app = InterviewApp(StartOptions("practice", scenario_id="rate-limiter"), make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _interview(app, pilot)
        await type_text(pilot, "qq")
        assert screen.query_one("#answer", TextArea).text == "qq"
        assert app.is_running
        await pilot.press("escape", "q")
        await wait_for(pilot, lambda: not app.is_running, what="quit")
    assert load_draft(screen.session.record.id) == "qq"


async def test_draft_is_autosaved_while_typing(make_services) -> None:
    """Even a crash (no quit, no hang-up) loses at most a few seconds of the draft."""
    app = InterviewApp(
        StartOptions("practice", scenario_id="rate-limiter"), make_services(autosave_seconds=0.05)
    )
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _interview(app, pilot)
        session_id = screen.session.record.id
        await type_text(pilot, "first thoughts\non sharding")
        await wait_for(
            pilot, lambda: load_draft(session_id) == "first thoughts\non sharding", what="autosave"
        )
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: load_draft(session_id) == "", what="draft cleared once sent")
