"""LLMVoice against the local OpenAI-compatible stub server: streaming, retries, timeouts, failures."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from interview.engine import llm
from interview.engine.llm import LLMVoice
from interview.engine.voice import ModelFailure
from tests.support.stub_server import DEFAULT_REPLY, StubServer
from tests.support.voice_context import make_context


@pytest.fixture(scope="module", autouse=True)
def warmed() -> None:
    """Import litellm once per module, outside the timed turns (the first import takes seconds)."""
    llm.warm_up()


@pytest.fixture
async def server() -> AsyncIterator[StubServer]:
    async with StubServer(stall_seconds=60, slowstart_seconds=60) as stub:
        yield stub


@pytest.fixture(autouse=True)
def no_openai_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)


def voice(server: StubServer, behaviour: str, **options: float) -> LLMVoice:
    settings = {"timeout": 2.0, "backoff": 0.01, **options}
    return LLMVoice(f"openai/{behaviour}", api_base=server.base_url, **settings)  # type: ignore[arg-type]


async def speak(v: LLMVoice) -> tuple[list[str], ModelFailure | None]:
    """The pieces yielded, and the failure that ended the turn (if any)."""
    pieces: list[str] = []
    try:
        async for piece in v.speak(make_context()):
            pieces.append(piece)
    except ModelFailure as failure:
        return pieces, failure
    return pieces, None


async def test_streams_the_reply_in_pieces(server: StubServer) -> None:
    pieces, failure = await speak(voice(server, "ok"))
    assert failure is None
    assert len(pieces) > 1
    assert "".join(pieces) == DEFAULT_REPLY
    assert server.count() == 1


async def test_sends_the_prompt_and_a_dummy_key_to_a_local_server(server: StubServer) -> None:
    await speak(voice(server, "ok"))
    request = server.requests[0]
    assert request.stream
    assert request.model == "ok"
    messages = request.body["messages"]
    assert messages[0]["role"] == "system" and "Margaret Okafor" in messages[0]["content"]
    question = "How many new URLs do we create per month?"
    assert messages[-1] == {"role": "user", "content": f"<candidate>\n{question}\n</candidate>"}
    assert request.body["temperature"] == 0.4 and request.body["max_tokens"] == 400  # set, not defaulted
    assert "response_format" not in request.body  # an unknown model gets the tagged-text form
    assert request.headers["Authorization"] == f"Bearer {llm.DUMMY_KEY}"


async def test_uses_the_key_from_the_environment(server: StubServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-from-env")
    await speak(voice(server, "ok"))
    assert server.requests[0].headers["Authorization"] == "Bearer sk-test-from-env"


async def test_retries_a_429_then_succeeds(server: StubServer) -> None:
    pieces, failure = await speak(voice(server, "r429once"))
    assert failure is None
    assert "".join(pieces) == DEFAULT_REPLY
    assert server.count("r429once") == 2


async def test_honours_retry_after(server: StubServer) -> None:
    server.retry_after = "0.3"
    _, failure = await speak(voice(server, "r429once"))
    assert failure is None
    first, second = server.requests
    assert second.at - first.at >= 0.25  # waited at least what the server asked, not our 0.01 s backoff


async def test_retry_after_beyond_the_turn_deadline_fails_at_once(server: StubServer) -> None:
    server.retry_after = "30"  # capped at 10 s, still past the 8 s turn deadline (4 x 2 s)
    pieces, failure = await speak(voice(server, "r429"))
    assert failure is not None and failure.reason == "rate limited (429)"
    assert server.count("r429") == 1  # no pointless wait that would end in a timeout anyway


async def test_500_every_time_fails_after_retries(server: StubServer) -> None:
    pieces, failure = await speak(voice(server, "r500", max_retries=2))
    assert pieces == []
    assert failure is not None and failure.reason == "server error (500)"
    assert server.count("r500") == 3


async def test_no_retries_when_max_retries_is_zero(server: StubServer) -> None:
    _, failure = await speak(voice(server, "r503", max_retries=0))
    assert failure is not None and failure.reason == "server error (503)"
    assert server.count("r503") == 1


async def test_500_with_an_invalid_request_body_is_still_a_retried_server_error(server: StubServer) -> None:
    # litellm raises BadRequestError(status_code=500) for this body; we go by the status.
    _, failure = await speak(voice(server, "r500badreq"))
    assert failure is not None and failure.reason == "server error (500)"
    assert server.count("r500badreq") == 3


async def test_401_is_not_retried_and_says_check_your_key(
    server: StubServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-value-123")
    _, failure = await speak(voice(server, "r401"))
    assert failure is not None
    assert failure.reason == "authentication failed (401) — check your API key"
    assert "sk-secret" not in str(failure)
    assert server.count("r401") == 1


async def test_stall_mid_answer_yields_partial_text_then_fails(server: StubServer) -> None:
    pieces, failure = await speak(voice(server, "stall", timeout=0.5))
    assert failure is not None and failure.reason == "stream stalled"
    assert pieces and DEFAULT_REPLY.startswith("".join(pieces))
    assert "".join(pieces) != DEFAULT_REPLY
    assert server.count("stall") == 1  # never retried once text was shown
    assert await server.wait_idle()  # we closed the stream: the server saw the client go


async def test_dropped_connection_after_text_fails_without_retry(server: StubServer) -> None:
    pieces, failure = await speak(voice(server, "drop"))
    assert failure is not None and failure.reason == "connection dropped"
    assert pieces and DEFAULT_REPLY.startswith("".join(pieces))
    assert server.count("drop") == 1


async def test_malformed_stream_fails(server: StubServer) -> None:
    _, failure = await speak(voice(server, "badjson"))
    assert failure is not None and failure.reason == "model sent a malformed stream"


async def test_no_first_token_times_out(server: StubServer) -> None:
    pieces, failure = await speak(voice(server, "slowstart", timeout=0.5))
    assert pieces == []
    assert failure is not None and failure.reason == "timed out waiting for the first token"
    assert server.count("slowstart") == 1  # a timeout is not retried: it would multiply the wait


async def test_total_deadline_bounds_a_slow_turn(server: StubServer) -> None:
    server.slow_delay = 0.3  # five pieces: at least 1.5 s of server time
    pieces, failure = await speak(voice(server, "slow", timeout=2.0, deadline=0.5))
    assert failure is not None and failure.reason == "reply took too long"
    assert "".join(pieces) != DEFAULT_REPLY


async def test_empty_reply_is_a_failure(server: StubServer) -> None:
    pieces, failure = await speak(voice(server, "empty"))
    assert pieces == []
    assert failure is not None and failure.reason == "model returned no text"


async def test_connection_refused_is_retried_then_fails() -> None:
    stub = StubServer()
    await stub.start()
    await stub.stop()  # the port is now closed
    v = LLMVoice("openai/ok", api_base=stub.base_url, timeout=2.0, backoff=0.01)
    _, failure = await speak(v)
    assert failure is not None and failure.reason == "could not connect to the model server"


async def test_cancelling_a_stalled_turn_raises_cancelled_not_failure(server: StubServer) -> None:
    v = voice(server, "stall", timeout=30.0)
    pieces: list[str] = []

    async def consume() -> None:
        async for piece in v.speak(make_context()):
            pieces.append(piece)

    task = asyncio.create_task(consume())
    async with asyncio.timeout(30):
        while len(pieces) < server.stall_after:
            await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert v.failures_in_a_row == 0
    assert await server.wait_idle()  # the HTTP stream was closed, not left hanging


async def test_stopping_early_closes_the_http_stream_and_is_not_a_failure(server: StubServer) -> None:
    v = voice(server, "stall", timeout=30.0)
    stream = v.speak(make_context())
    assert await anext(stream)
    await stream.aclose()  # the consumer still holds the generator: only our aclose() ends the request
    assert await server.wait_idle()
    assert v.failures_in_a_row == 0
