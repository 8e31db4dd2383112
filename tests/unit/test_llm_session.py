"""A session with the LLM interviewer against the stub server: failures fall back, transcript stays whole."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from interview.catalog.catalog import load_catalog
from interview.engine import InterviewSession, VirtualClock, llm, new_session
from interview.engine.llm import BREAKER_NOTICE
from interview.engine.voice import STREAM_RESET
from tests.support.stub_server import DEFAULT_REPLY, StubServer


@pytest.fixture(scope="module", autouse=True)
def warmed() -> None:
    llm.warm_up()


@pytest.fixture
async def server() -> AsyncIterator[StubServer]:
    async with StubServer(stall_seconds=60) as stub:
        yield stub


def session_with(server: StubServer, behaviour: str) -> InterviewSession:
    return new_session(
        load_catalog(),
        "url-shortener",
        model=f"openai/{behaviour}",
        api_base=server.base_url,
        timeout=0.5,
        seed=7,
        clock=VirtualClock(),
    )


async def collect(stream: AsyncIterator[object]) -> list[object]:
    return [chunk async for chunk in stream]


def shown(chunks: list[object]) -> str:
    """What a consumer shows: the text after the last STREAM_RESET."""
    last_reset = max((i for i, c in enumerate(chunks) if c is STREAM_RESET), default=-1)
    return "".join(c for c in chunks[last_reset + 1 :] if isinstance(c, str))


QUESTION = "How many new URLs are created per month?"


async def test_healthy_model_speaks_the_turn(server: StubServer) -> None:
    session = session_with(server, "ok")
    await collect(session.opening())
    assert server.count() == 0  # the opening is the scenario's own text
    chunks = await collect(session.send(QUESTION))
    turn = session.turns()[-1]
    assert turn.role == "interviewer"
    assert turn.text == DEFAULT_REPLY == shown(chunks)
    assert turn.fallback is None


async def test_stalled_stream_falls_back_and_shows_nothing_of_the_partial_text(server: StubServer) -> None:
    session = session_with(server, "stall")
    await collect(session.opening())
    chunks = await collect(session.send(QUESTION))
    turn = session.turns()[-1]
    assert turn.fallback == "stream stalled"
    assert chunks == [turn.text]
    assert "Good question" not in turn.text  # the stub's first chunks were never shown


async def test_server_errors_fall_back_then_the_breaker_pauses_the_model(server: StubServer) -> None:
    session = session_with(server, "r500")
    await collect(session.opening())
    chunks = await collect(session.send("What is the read-to-write ratio?"))
    assert STREAM_RESET not in chunks  # nothing was streamed before the failure
    assert session.turns()[-1].fallback == "server error (500)"
    assert server.count("r500") == 3  # first attempt plus two retries

    await collect(session.send(QUESTION))
    assert session.turns()[-1].fallback == "server error (500)"
    assert session.pop_notices() == [BREAKER_NOTICE]

    await collect(session.send("And how many times is each link read?"))
    candidate, interviewer = session.turns()[-2:]
    assert candidate.role == "candidate" and candidate.text == "And how many times is each link read?"
    assert interviewer.fallback == "model paused after repeated failures"
    assert interviewer.text
    assert server.count("r500") == 6  # the paused turn did not call the model
    assert session.pop_notices() == []
