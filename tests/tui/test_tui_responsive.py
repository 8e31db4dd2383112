"""The interview screen keeps working with a 200 KB paste, 300 turns, a resize, and mid-stream."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import TextArea

from interview.engine import factory
from interview.engine.clock import VirtualClock
from interview.engine.factory import new_session
from interview.store import Store
from interview.tui.app import InterviewApp
from interview.tui.screens.interview import InterviewScreen
from interview.tui.services import StartOptions
from interview.tui.widgets.conversation import CandidateTurn, Conversation, Turn
from interview.tui.widgets.countdown import Countdown
from tests.tui.helpers import FailingVoice, ManualClock, type_text, wait_for


async def _screen(app: InterviewApp, pilot) -> InterviewScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen) and app.screen.query(Conversation))
    screen = app.screen
    assert isinstance(screen, InterviewScreen)
    return screen


async def test_200kb_paste_keeps_newlines_and_sends(make_services) -> None:
    block = "\n".join(f"line {i:05d}: " + "x" * 40 for i in range(4000))  # ~200 KB
    assert len(block) > 200_000
    app = InterviewApp(StartOptions("practice", scenario_id="rate-limiter"), make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _screen(app, pilot)
        await wait_for(pilot, lambda: not screen.speaking and len(screen.query(Turn)) == 1)
        answer = screen.query_one("#answer", TextArea)
        answer.focus()
        app.post_message(events.Paste(block))  # as the terminal driver delivers a bracketed paste
        await wait_for(pilot, lambda: answer.text == block, timeout=30, what="paste")
        assert answer.document.line_count == 4000
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.speaking and len(screen.query(Turn)) == 2, timeout=30)
        assert screen.query_one(CandidateTurn).source == block
        assert answer.text == ""


async def test_300_turns_resume_and_still_answer(make_services, catalog, db_path) -> None:
    with Store(db_path) as store:
        session = new_session(catalog, "rate-limiter", seed=7, clock=VirtualClock(), store=store)
        for i in range(150):
            session.record  # noqa: B018 - keep the session alive across the loop
            async for _ in session.send(f"answer number {i}: shard by api key, {i} nodes"):
                pass
        session_id = session.record.id
        assert len(session.turns()) == 300
    app = InterviewApp(StartOptions("resume", session_id=session_id), make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _screen(app, pilot)
        conversation = screen.query_one(Conversation)
        await wait_for(pilot, lambda: not screen.speaking and len(conversation.query(CandidateTurn)) == 150)
        assert len(conversation.query(Turn)) >= 150  # every interviewer turn (plus a welcome back)
        await type_text(pilot, "one more")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.speaking and len(conversation.query(CandidateTurn)) == 151)
        assert conversation.max_scroll_y > 0 and conversation.scroll_y == conversation.max_scroll_y


async def test_resize_keeps_answer_box_and_clock(make_services) -> None:
    app = InterviewApp(StartOptions("practice", scenario_id="rate-limiter"), make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _screen(app, pilot)
        await wait_for(pilot, lambda: not screen.speaking)
        for size in ((60, 20), (200, 60), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            answer = screen.query_one("#answer", TextArea)
            assert answer.region.height >= 3 and answer.region.bottom <= size[1]
            assert screen.query_one(Countdown).region.width > 0
        await type_text(pilot, "after resize")
        assert screen.query_one("#answer", TextArea).text == "after resize"


async def test_clock_ticks_while_the_interviewer_speaks(
    make_services, monkeypatch: pytest.MonkeyPatch
) -> None:
    voice = FailingVoice()
    monkeypatch.setattr(factory, "model_voice_for", lambda model, api_base, timeout: voice)
    clock = ManualClock()
    services = make_services(clock_factory=lambda: clock, tick_seconds=0.05)
    app = InterviewApp(
        StartOptions("practice", scenario_id="rate-limiter", model="fake/flaky-model"), services
    )
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _screen(app, pilot)
        countdown = screen.query_one(Countdown)
        conversation = screen.query_one(Conversation)
        await wait_for(pilot, lambda: not screen.speaking and conversation.query(Turn), what="opening")
        await type_text(pilot, "How many requests a second?")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: voice.calls == 1 and screen.speaking, what="the model speaking")
        assert countdown.total_remaining == 45 * 60
        clock.advance(65)
        await wait_for(pilot, lambda: countdown.total_remaining == 45 * 60 - 65, what="tick while streaming")
        clock.advance(4 * 60)  # into the phase's overtime: the countdown turns red
        await wait_for(pilot, lambda: countdown.has_class("-overtime"), what="overtime")
        assert countdown.phase_remaining < 0
        voice.release.set()
        await wait_for(pilot, lambda: not screen.speaking)


async def test_phase_time_running_out_brings_a_nudge(make_services) -> None:
    clock = ManualClock()
    services = make_services(clock_factory=lambda: clock, tick_seconds=0.05)
    app = InterviewApp(StartOptions("practice", scenario_id="rate-limiter"), services)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _screen(app, pilot)
        conversation = screen.query_one(Conversation)
        await wait_for(pilot, lambda: not screen.speaking and len(conversation.query(Turn)) == 1)
        countdown = screen.query_one(Countdown)
        clock.advance(4 * 60 + 10)  # the requirements phase has 5 minutes: last-minute warning
        await wait_for(
            pilot, lambda: countdown.has_class("-warning") and not countdown.has_class("-overtime")
        )
        assert len(conversation.query(Turn)) == 1  # no nudge yet
        clock.advance(60)  # over time: the interviewer says so, unprompted
        await wait_for(
            pilot, lambda: len(conversation.query(Turn)) == 2 and not screen.speaking, what="nudge"
        )
        assert countdown.has_class("-overtime")
        nudges = [
            e for e in screen.session.events if e.role == "interviewer" and e.data.get("move") == "nudge"
        ]
        assert len(nudges) == 1
        assert conversation.query(Turn).last().source.strip() == nudges[0].text.strip()


async def test_reading_earlier_turns_is_not_yanked_to_the_bottom(make_services) -> None:
    clock = ManualClock()
    services = make_services(clock_factory=lambda: clock, tick_seconds=0.05)
    app = InterviewApp(StartOptions("practice", scenario_id="rate-limiter"), services)
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await _screen(app, pilot)
        conversation = screen.query_one(Conversation)
        for question in (
            "What is the peak traffic?",
            "What limits do plans have?",
            "What latency is allowed?",
        ):
            await wait_for(pilot, lambda: not screen.speaking)
            await type_text(pilot, question)
            await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.speaking and len(conversation.query(CandidateTurn)) == 3)
        await pilot.pause()
        assert conversation.max_scroll_y > 0 and conversation.scroll_y == conversation.max_scroll_y
        await pilot.press("escape", "home")  # into the conversation, up to the first turn
        await wait_for(pilot, lambda: conversation.scroll_y == 0, what="scrolled up")
        turns_before = len(conversation.query(Turn))
        clock.advance(5 * 60 + 1)  # phase time is up: the interviewer speaks unprompted
        await wait_for(
            pilot, lambda: len(conversation.query(Turn)) == turns_before + 1 and not screen.speaking
        )
        await pilot.pause()
        assert conversation.scroll_y == 0  # still reading where they were
        screen.query_one("#answer").focus()
        await type_text(pilot, "ok")
        await pilot.press("ctrl+s")  # sending brings the view back to the newest turn
        await wait_for(pilot, lambda: not screen.speaking and len(conversation.query(CandidateTurn)) == 4)
        await pilot.pause()
        assert conversation.scroll_y == conversation.max_scroll_y
