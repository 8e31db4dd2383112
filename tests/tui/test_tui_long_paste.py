"""A long answer is read off the UI thread: the app keeps taking keys; the user is told it was read in part."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import TextArea

from interview.engine.planner import Planner
from interview.text.display import SHOWN_CHARS
from interview.text.limits import ANALYSED_CHARS
from interview.tui.app import InterviewApp
from interview.tui.screens.interview import InterviewScreen
from interview.tui.services import StartOptions
from interview.tui.widgets.conversation import CandidateTurn, Conversation, Turn
from tests.tui.helpers import type_text, wait_for


async def test_reading_an_answer_does_not_freeze_the_app(make_services, monkeypatch: pytest.MonkeyPatch) -> None:
    reading = threading.Event()
    release = threading.Event()
    read = threading.Event()
    real_observe = Planner.observe

    def slow_observe(self: Planner, text: str, phase: str):  # noqa: ANN202 - a stand-in
        if len(text) > 1000:
            reading.set()
            release.wait(10)  # on the UI thread this would hold every key for 10 s
            read.set()
        return real_observe(self, text, phase)

    monkeypatch.setattr(Planner, "observe", slow_observe)
    app = InterviewApp(StartOptions("practice", scenario_id="rate-limiter"), make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen) and app.screen.query(Conversation))
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await wait_for(pilot, lambda: not screen.speaking and screen.query(Turn), what="opening")
        paste = "we shard by key and keep replicas for reads " * (ANALYSED_CHARS // 40 + 50)
        screen.query_one("#answer", TextArea).text = paste
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: reading.is_set(), what="reading started")
        await type_text(pilot, "next")  # while the answer is being read
        await wait_for(
            pilot, lambda: screen.query_one("#answer", TextArea).text == "next", timeout=5, what="keys taken"
        )
        assert not read.is_set()  # the keys were taken while the answer was still being read
        release.set()
        await wait_for(pilot, lambda: not screen.speaking and len(screen.query(Turn)) == 2, what="reply")
        turn = screen.query_one(Conversation).query(CandidateTurn).last()
        assert turn.source == paste  # kept whole ...
        shown = str(turn.render())  # ... but a screen lays out only the start of a pasted essay
        assert len(shown) < SHOWN_CHARS + 200 and f"{len(paste):,} characters in all" in shown
        messages = [n.message for n in app._notifications]
        assert any("read only its first" in m for m in messages)
    release.set()
