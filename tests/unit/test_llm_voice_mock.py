"""LLMVoice through litellm's own `mock_response` (no server at all), and its circuit breaker."""

from __future__ import annotations

from typing import Any

import pytest

from interview.engine import llm
from interview.engine.llm import BREAKER_NOTICE, LLMVoice
from interview.engine.voice import ModelFailure
from tests.support.voice_context import make_context

REPLY = "Good question. About 100 million new links a month. What would you ask next?"


@pytest.fixture(scope="module", autouse=True)
def warmed() -> None:
    llm.warm_up()


def mocked(**litellm_kwargs: Any) -> LLMVoice:
    return LLMVoice("openai/mock", timeout=2.0, backoff=0.01, litellm_kwargs=litellm_kwargs)


async def turn(v: LLMVoice) -> str | None:
    """Speak one turn; the failure reason, or None when it streamed to the end."""
    try:
        async for _piece in v.speak(make_context()):
            pass
    except ModelFailure as failure:
        return failure.reason
    return None


async def test_mock_reply_streams_in_pieces() -> None:
    pieces = [piece async for piece in mocked(mock_response=REPLY).speak(make_context())]
    assert len(pieces) > 1
    assert "".join(pieces) == REPLY


@pytest.mark.parametrize(
    "mock,reason",
    [
        ("litellm.RateLimitError", "rate limited (429)"),
        ("litellm.InternalServerError", "server error (500)"),
        ("litellm.ContextWindowExceededError", "conversation too long for the model"),
    ],
)
async def test_mock_errors_map_to_short_reasons(mock: str, reason: str) -> None:
    assert await turn(mocked(mock_response=mock)) == reason


async def test_mock_timeout_is_a_first_token_timeout() -> None:
    v = LLMVoice("openai/mock", timeout=0.5, litellm_kwargs={"mock_timeout": True})
    assert await turn(v) == "timed out waiting for the first token"


async def test_breaker_opens_after_two_failures_skips_three_turns_then_recovers() -> None:
    v = mocked(mock_response="litellm.InternalServerError")
    assert v.available()
    assert await turn(v) == "server error (500)"
    assert v.pop_notice() is None  # one failure is not a pattern
    assert v.available()
    assert await turn(v) == "server error (500)"

    assert v.pop_notice() == BREAKER_NOTICE
    assert v.pop_notice() is None  # told once
    assert [v.available() for _ in range(3)] == [False, False, False]

    v.litellm_kwargs = {"mock_response": REPLY}  # the model is healthy again
    assert v.available()  # half-open: one turn goes through
    assert await turn(v) is None
    assert v.available() and v.available()  # closed again
    assert v.pop_notice() is None


async def test_breaker_reopens_after_a_failed_retry_without_telling_again() -> None:
    v = mocked(mock_response="litellm.InternalServerError")
    for _ in range(2):
        await turn(v)
    assert v.pop_notice() == BREAKER_NOTICE
    for _ in range(3):
        assert not v.available()
    assert v.available()
    assert await turn(v) == "server error (500)"  # half-open attempt fails
    assert not v.available()  # straight back to skipping
    assert v.pop_notice() is None


async def test_a_success_between_failures_resets_the_count() -> None:
    v = mocked(mock_response="litellm.InternalServerError")
    await turn(v)
    v.litellm_kwargs = {"mock_response": REPLY}
    assert await turn(v) is None
    v.litellm_kwargs = {"mock_response": "litellm.InternalServerError"}
    await turn(v)
    assert v.available()
    assert v.pop_notice() is None
