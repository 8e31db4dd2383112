"""Replies the output guard keeps refusing trip the circuit breaker, like errors do.

Through the stub server: two refused replies in a row (the leaky interviewer) and the model is
left alone for the next three turns, the user told once; a good reply between two refusals
resets the count. A refusal and an error in a row count together.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from interview.engine import llm
from interview.engine.speaking import BREAKER_REASON
from tests.support.model_runs import answers, interviewer, start
from tests.support.stub_server import StubServer

GOOD = "MOVE: 1\nASK_FACT: none\nTEXT: Noted. What would you look at next?"
LEAK = "MOVE: 1\nASK_FACT: none\nTEXT: Between us, expect 38,000 redirects a second. What next?"
LEAKED = "model stated a figure nobody gave (38,000 redirects a second)"


@pytest.fixture(scope="module", autouse=True)
def warmed() -> None:
    llm.warm_up()


@pytest.fixture
async def server() -> AsyncIterator[StubServer]:
    async with StubServer() as stub:
        yield stub


async def play(server: StubServer, behaviour: str, replies: list[str], turns: int):  # noqa: ANN201
    session = await start("url-shortener", server, behaviour)
    server.replies.extend(replies)
    for text in [a for a in answers("url-shortener") if not a.startswith("/")][:turns]:
        async for _ in session.send(text):
            pass
    return session


async def test_two_refusals_in_a_row_pause_the_model_and_the_user_is_told_once(server: StubServer) -> None:
    session = await play(server, "leaky", [], turns=10)
    fallbacks = [t.fallback for t in interviewer(session)[1:]]
    refused = fallbacks[0]
    assert refused.startswith("model stated a figure nobody gave")
    # refused twice: three turns offline, one try (refused: the breaker opens again at once), ...
    assert fallbacks == [refused, refused] + [BREAKER_REASON] * 3 + [refused] + [BREAKER_REASON] * 3 + [
        refused
    ]
    assert server.count("leaky") == 4  # paused turns never asked it
    assert session.pop_notices().count(llm.REFUSED_NOTICE) == 1
    assert [e.text for e in session.events if e.kind == "notice"] == [llm.REFUSED_NOTICE]
    assert all("38,000" not in t.text for t in interviewer(session))


async def test_a_good_reply_between_refusals_resets_the_count(server: StubServer) -> None:
    session = await play(server, "ok", [LEAK, GOOD, LEAK, GOOD, LEAK], turns=5)
    turns = interviewer(session)[1:]
    assert [t.fallback for t in turns] == [LEAKED, None, LEAKED, None, LEAKED]
    assert [t.text for t in turns if t.fallback is None] == ["Noted. What would you look at next?"] * 2
    assert session.pop_notices() == []


async def test_an_error_then_a_refusal_count_together(server: StubServer) -> None:
    session = await start("url-shortener", server, "r429once")  # first request 429 x3, then "ok"
    voice = session.model_voice
    assert voice is not None
    voice.max_retries = 0  # type: ignore[attr-defined]
    server.replies.extend([LEAK])
    said = [a for a in answers("url-shortener") if not a.startswith("/")]
    for text in said[:3]:
        async for _ in session.send(text):
            pass
    fallbacks = [t.fallback for t in interviewer(session)[1:]]
    assert fallbacks == ["rate limited (429)", LEAKED, BREAKER_REASON]
    assert session.pop_notices() == [llm.BREAKER_NOTICE]  # not "failed our checks": one was an error
