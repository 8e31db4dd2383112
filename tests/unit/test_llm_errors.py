"""Model errors are told by what went wrong, from litellm's exception types and their messages."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from interview.engine import llm
from interview.engine.llm import LLMVoice, classify
from interview.engine.voice import ModelFailure
from interview.llm_env import import_litellm
from tests.support.stub_server import StubServer
from tests.support.voice_context import make_context


@pytest.fixture(scope="module", autouse=True)
def warmed() -> None:
    llm.warm_up()


def _errors():  # noqa: ANN202 - litellm's exception module
    return import_litellm().exceptions


CASES = [
    (
        lambda e: e.AuthenticationError("Missing credentials. Please pass an `api_key`", "openai", "gpt-4o"),
        llm.NO_KEY,
    ),
    (
        lambda e: e.APIError(500, "OpenAIException - Missing credentials. Set OPENAI_API_KEY", "openai", "x"),
        llm.NO_KEY,
    ),
    (lambda e: e.AuthenticationError("Incorrect API key provided: sk-abc", "openai", "gpt-4o"), llm.NO_KEY),
    (lambda e: e.AuthenticationError("invalid token", "openai", "gpt-4o"), llm.AUTH_FAILED),
    (lambda e: e.NotFoundError("The model `gpt-9` does not exist", "gpt-9", "openai"), llm.MODEL_NOT_FOUND),
    (
        lambda e: e.BadRequestError("LLM Provider NOT provided. Pass in the LLM provider", "foo", "x"),
        llm.UNKNOWN_MODEL,
    ),
    (
        lambda e: e.BadRequestError("This model's maximum context length is 8192 tokens", "gpt-4o", "openai"),
        llm.CONTEXT_TOO_LONG,
    ),  # fmt: skip
    (lambda e: e.RateLimitError("slow down", "openai", "gpt-4o"), llm.RATE_LIMITED),
    (lambda e: e.ServiceUnavailableError("overloaded", "openai", "gpt-4o"), "server error (503)"),
    (lambda e: e.Timeout("timed out", "gpt-4o", "openai"), llm.FIRST_TOKEN_TIMEOUT),
]


@pytest.mark.parametrize(("make", "reason"), CASES)
def test_exceptions_are_classified_by_type_and_message(make, reason: str) -> None:  # noqa: ANN001
    litellm = import_litellm()
    assert classify(make(_errors()), litellm)[0] == reason


@pytest.fixture
async def server() -> AsyncIterator[StubServer]:
    async with StubServer() as stub:
        yield stub


@pytest.mark.parametrize(
    ("model", "reason", "calls"),
    [("nokey", llm.NO_KEY, 1), ("ctx400", llm.CONTEXT_TOO_LONG, 1), ("r404", llm.MODEL_NOT_FOUND, 1)],
)
async def test_a_server_saying_so_is_told_once_and_not_retried(
    server: StubServer, model: str, reason: str, calls: int
) -> None:
    voice = LLMVoice(f"openai/{model}", api_base=server.base_url, timeout=2, backoff=0.01)
    with pytest.raises(ModelFailure) as failure:
        async for _ in voice.speak(make_context()):
            pass
    assert failure.value.reason == reason
    assert server.count(model) == calls  # a missing key is not worth another attempt


async def test_a_model_that_takes_json_is_asked_for_the_reply_schema(server: StubServer) -> None:
    voice = LLMVoice("openai/ok", api_base=server.base_url, timeout=2, structured=True, temperature=0.0)
    async for _ in voice.speak(make_context()):
        pass
    body = server.requests[0].body
    assert body["temperature"] == 0.0
    schema = body["response_format"]["json_schema"]["schema"]
    assert {"move", "text", "ask_fact"} <= set(schema["properties"])
    assert "JSON object" in body["messages"][0]["content"]
