"""The model-voice seam: a checked whole reply, fallback to the offline text, the breaker notice."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from interview.catalog import Catalog, load_catalog
from interview.engine import InterviewSession, VirtualClock, new_session
from interview.engine.speaking import BREAKER_REASON
from interview.engine.voice import STREAM_RESET, ModelFailure, TurnContext

CATALOG_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "runs" / "catalog"


class FakeVoice:
    """A test double for `LLMVoice`: scripted chunks, optional failure after `fail_after` chunks."""

    name = "fake/model"

    def __init__(self, chunks: list[str], fail_after: int | None = None, up: bool = True) -> None:
        self.chunks = chunks
        self.fail_after = fail_after
        self.up = up
        self.contexts: list[TurnContext] = []
        self.notice: str | None = None

    def available(self) -> bool:
        return self.up

    async def speak(self, ctx: TurnContext) -> AsyncIterator[str]:
        self.contexts.append(ctx)
        for i, chunk in enumerate(self.chunks):
            if self.fail_after is not None and i == self.fail_after:
                raise ModelFailure("stream stalled")
            yield chunk
        if self.fail_after is not None and self.fail_after >= len(self.chunks):
            raise ModelFailure("stream stalled")

    def pop_notice(self) -> str | None:
        notice, self.notice = self.notice, None
        return notice


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog([CATALOG_DIR])


async def started(catalog: Catalog, voice: FakeVoice) -> InterviewSession:
    session = new_session(catalog, "mini-shortener", seed=3, clock=VirtualClock())
    session.model_voice = voice
    return session


async def collect(chunks: AsyncIterator) -> list:
    return [c async for c in chunks]


async def test_the_opening_is_the_problem_statement_never_the_model(catalog: Catalog) -> None:
    voice = FakeVoice(["Hello ", "there."])
    session = await started(catalog, voice)
    chunks = await collect(session.opening())
    turn = session.turns()[-1]
    assert chunks == [turn.text] and "Design a small URL shortener" in turn.text
    assert turn.fallback is None and voice.contexts == []  # verbatim from the scenario


async def test_model_text_is_shown_whole_once_checked_and_recorded(catalog: Catalog) -> None:
    voice = FakeVoice(["Kept for ", "5 years. ", "What else?"])
    session = await started(catalog, voice)
    await collect(session.opening())
    chunks = await collect(session.send("How long do we keep links?"))
    turn = session.turns()[-1]
    assert chunks == ["Kept for 5 years. What else?"] == [turn.text] and turn.fallback is None
    assert voice.contexts[0].move_kind == "reveal"
    assert voice.contexts[0].offline_text  # the fallback is always ready


async def test_failure_before_any_text_falls_back_without_reset(catalog: Catalog) -> None:
    voice = FakeVoice(["never"], fail_after=0)
    session = await started(catalog, voice)
    await collect(session.opening())
    chunks = await collect(session.send("How long do we keep links?"))
    assert STREAM_RESET not in chunks
    turn = session.turns()[-1]
    assert chunks == [turn.text]
    assert turn.fallback == "stream stalled"
    assert "5 years" in turn.text  # the offline reveal


async def test_failure_mid_stream_shows_nothing_of_the_partial_text(catalog: Catalog) -> None:
    voice = FakeVoice(["Partial ", "answ"], fail_after=1)
    session = await started(catalog, voice)
    await collect(session.opening())
    chunks = await collect(session.send("How long do we keep links?"))
    turn = session.turns()[-1]
    assert chunks == [turn.text] and "Partial" not in turn.text and "5 years" in turn.text
    assert turn.fallback == "stream stalled"
    assert session.turns()[-2].text == "How long do we keep links?"  # the candidate turn is kept


async def test_the_model_is_told_only_the_facts_it_may_state(catalog: Catalog) -> None:
    voice = FakeVoice(["Five years."])
    session = await started(catalog, voice)
    await collect(session.opening())
    await collect(session.send("How long do we keep links?"))
    ctx = voice.contexts[-1]
    assert ctx.move_kind == "reveal"
    assert [f.id for f in ctx.revealed_facts] == ["retention"]
    assert {f.id for f in ctx.hidden_facts} == {"scale", "custom_alias"}
    assert "5 years" in ctx.move_brief
    assert ctx.history[-1].text == "How long do we keep links?"


async def test_open_breaker_uses_offline_and_says_why(catalog: Catalog) -> None:
    voice = FakeVoice(["unused"], up=False)
    session = await started(catalog, voice)
    await collect(session.opening())
    await collect(session.send("How long do we keep links?"))
    assert voice.contexts == []
    assert session.turns()[-1].fallback == BREAKER_REASON


async def test_notices_are_passed_through_once(catalog: Catalog) -> None:
    voice = FakeVoice(["Hi."])
    session = await started(catalog, voice)
    message = "The model failed twice; using the offline interviewer for a few turns."
    voice.notice = message
    await collect(session.opening())
    assert session.pop_notices() == [message]
    assert session.pop_notices() == []
    assert session.events[-1].kind == "notice"


async def test_empty_model_reply_falls_back(catalog: Catalog) -> None:
    voice = FakeVoice(["", "  "])
    session = await started(catalog, voice)
    await collect(session.opening())
    await collect(session.send("How long do we keep links?"))
    turn = session.turns()[-1]
    assert turn.fallback and "5 years" in turn.text


def test_offline_model_names_never_build_a_model_voice(catalog: Catalog) -> None:
    for model in (None, "offline", "OFFLINE", "  "):
        session = new_session(catalog, "mini-shortener", model=model, clock=VirtualClock())
        assert session.model_voice is None and session.record.model == "offline"
