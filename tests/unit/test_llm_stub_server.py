"""The local OpenAI-compatible stub server behaves as the LLM tests and benches rely on."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import urllib.request
from typing import Any

import aiohttp
import pytest

from tests.support.stub_server import DEFAULT_REPLY, StubServer, ThreadedStubServer, split_reply

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _body(model: str, stream: bool = True, user: str = "hello") -> dict[str, Any]:
    return {"model": model, "stream": stream, "messages": [{"role": "user", "content": user}]}


async def _stream_text(session: aiohttp.ClientSession, url: str, model: str) -> tuple[list[str], bool]:
    """Return the content pieces and whether `[DONE]` arrived."""
    pieces: list[str] = []
    async with session.post(f"{url}/chat/completions", json=_body(model)) as response:
        assert response.status == 200
        async for raw in response.content:
            line = raw.decode().strip()
            if not line.startswith("data: "):
                continue
            data = line.removeprefix("data: ")
            if data == "[DONE]":
                return pieces, True
            delta = json.loads(data)["choices"][0]["delta"]
            if delta.get("content"):
                pieces.append(delta["content"])
    return pieces, False


def test_split_reply_keeps_every_character() -> None:
    pieces = split_reply(DEFAULT_REPLY)
    assert len(pieces) >= 3
    assert "".join(pieces) == DEFAULT_REPLY


async def test_ok_streams_the_reply_in_chunks_then_done() -> None:
    async with StubServer() as server, aiohttp.ClientSession() as session:
        pieces, done = await _stream_text(session, server.base_url, "ok")
    assert done
    assert len(pieces) >= 3
    assert "".join(pieces) == DEFAULT_REPLY
    assert server.count("ok") == 1
    assert server.requests[0].stream


async def test_non_stream_returns_scripted_json_then_default() -> None:
    async with StubServer() as server, aiohttp.ClientSession() as session:
        server.replies.append('{"score": 3}')
        async with session.post(f"{server.base_url}/chat/completions", json=_body("ok", stream=False)) as r:
            first = await r.json()
        async with session.post(f"{server.base_url}/chat/completions", json=_body("ok", stream=False)) as r:
            second = await r.json()
    assert first["object"] == "chat.completion"
    assert first["choices"][0]["message"]["content"] == '{"score": 3}'
    assert second["choices"][0]["message"]["content"] == DEFAULT_REPLY


async def test_echo_replies_with_the_last_user_message() -> None:
    async with StubServer() as server, aiohttp.ClientSession() as session:
        pieces, done = await _stream_text(session, server.base_url, "echo")
    assert done and "".join(pieces) == "hello"


@pytest.mark.parametrize("model,status", [("r429", 429), ("r500", 500), ("r503", 503), ("r401", 401)])
async def test_status_models_fail_every_time(model: str, status: int) -> None:
    async with StubServer(retry_after="1") as server, aiohttp.ClientSession() as session:
        for _ in range(2):
            async with session.post(f"{server.base_url}/chat/completions", json=_body(model)) as r:
                assert r.status == status
                assert "error" in await r.json()
                assert (r.headers.get("Retry-After") == "1") == (status in (429, 503))
    assert server.count(model) == 2


async def test_r429once_fails_once_per_server_then_succeeds() -> None:
    async with StubServer() as server, aiohttp.ClientSession() as session:
        async with session.post(f"{server.base_url}/chat/completions", json=_body("r429once")) as r:
            assert r.status == 429
        pieces, done = await _stream_text(session, server.base_url, "r429once")
    assert done and "".join(pieces) == DEFAULT_REPLY
    assert server.count("r429once") == 2


async def test_stall_sends_some_text_then_hangs_until_the_server_stops() -> None:
    server = await StubServer(stall_after=2).start()
    pieces: list[str] = []
    async with aiohttp.ClientSession() as session:

        async def read() -> None:
            async with session.post(f"{server.base_url}/chat/completions", json=_body("stall")) as r:
                async for raw in r.content:
                    line = raw.decode().strip()
                    if line.startswith("data: {"):
                        content = json.loads(line[6:])["choices"][0]["delta"].get("content")
                        if content:
                            pieces.append(content)

        reader = asyncio.create_task(read())
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(asyncio.shield(reader), timeout=1.0)
        assert len(pieces) == 2  # partial text arrived, then nothing
        await asyncio.wait_for(server.stop(), timeout=10)  # the hanging handler does not block shutdown
        with pytest.raises((aiohttp.ClientError, asyncio.CancelledError)):
            await asyncio.wait_for(reader, timeout=10)


async def test_drop_closes_the_connection_mid_stream() -> None:
    async with StubServer() as server, aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.ClientPayloadError):
            await _stream_text(session, server.base_url, "drop")


def test_threaded_server_serves_sync_clients() -> None:
    with ThreadedStubServer(reply_text="from a thread") as server:
        request = urllib.request.Request(
            f"{server.base_url}/chat/completions",
            data=json.dumps(_body("ok", stream=False)).encode(),
            headers={"Content-Type": "application/json", "Authorization": "Bearer dummy"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            reply = json.load(response)
    assert reply["choices"][0]["message"]["content"] == "from a thread"
    assert server.requests[0].headers["Authorization"] == "Bearer dummy"


def test_runs_as_a_process_and_prints_its_port() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.support.stub_server", "--port", "0", "--reply", "hi there"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        port = int(proc.stdout.readline())
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/v1/chat/completions",
            data=json.dumps(_body("ok", stream=False)).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.load(response)["choices"][0]["message"]["content"] == "hi there"
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
