"""A model that fails mid-stream: nothing of it is shown, the offline interviewer answers, we go on."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from interview.engine import factory
from interview.tui.app import InterviewApp
from interview.tui.screens.interview import InterviewScreen
from interview.tui.services import StartOptions
from interview.tui.widgets.conversation import CandidateTurn, Conversation, Turn
from tests.tui.helpers import FailingVoice, type_text, wait_for


async def test_model_failing_mid_stream_falls_back_and_interview_goes_on(
    make_services, monkeypatch: pytest.MonkeyPatch
) -> None:
    voice = FailingVoice()
    monkeypatch.setattr(factory, "model_voice_for", lambda model, api_base, timeout: voice)
    app = InterviewApp(
        StartOptions("practice", scenario_id="rate-limiter", model="fake/flaky-model"), make_services()
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, InterviewScreen) and app.screen.query(Conversation),
            what="screen",
        )
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        conversation = screen.query_one(Conversation)

        # The opening is the scenario's own text: the model is not asked for it.
        await wait_for(pilot, lambda: not screen.speaking and conversation.query(Turn), what="opening")
        assert voice.calls == 0
        await type_text(pilot, "How many requests a second?")
        await pilot.press("ctrl+s")
        # The model is "talking": its reply is held back until it is whole and checked ...
        await wait_for(pilot, lambda: voice.calls == 1, what="the model is asked")
        await pilot.pause(0.2)
        assert all("PARTIAL" not in t.source for t in conversation.query(Turn))
        # ... and the answer box keeps working meanwhile.
        await type_text(pilot, "still typing")
        await wait_for(pilot, lambda: screen.query_one("#answer", TextArea).text == "still typing")

        voice.release.set()  # the connection drops
        await wait_for(
            pilot, lambda: not screen.speaking and len(conversation.query(Turn)) == 2, what="fallback"
        )
        reply = conversation.query(Turn).last().source
        recorded = [e for e in screen.session.events if e.role == "interviewer"]
        assert "PARTIAL" not in reply
        assert reply.strip() == recorded[-1].text.strip()
        assert recorded[-1].fallback == "connection dropped"
        messages = [n.message for n in app._notifications]
        assert any("connection dropped" in m and "offline interviewer" in m for m in messages)
        # nothing of the model's was shown, so the whole turn is the offline interviewer's
        assert any("this turn is the offline interviewer's" in m and "rest of" not in m for m in messages)

        # The interview goes on: the next answer gets a (fallback) reply too.
        await pilot.press("ctrl+s")
        await wait_for(
            pilot, lambda: not screen.speaking and len(conversation.query(Turn)) == 3, what="reply"
        )
        assert [t.source for t in conversation.query(CandidateTurn)] == [
            "How many requests a second?",
            "still typing",
        ]
        assert "PARTIAL" not in conversation.query(Turn).last().source
        assert voice.calls == 2
