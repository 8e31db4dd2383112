"""A local OpenAI-compatible chat server for tests and benches (no network, 127.0.0.1 only).

The model name in the request picks the behaviour (litellm strips the `openai/` prefix):

- `ok`: streams the reply in several chunks (or one JSON reply when `stream` is false);
- `echo`: replies with the last user message;
- `slow`: like `ok`, `slow_delay` seconds between chunks;
- `stall`: sends `stall_after` chunks, then hangs for `stall_seconds` (cancelled on shutdown
  or when the client goes away);
- `slowstart`: sends nothing, not even headers, for `slowstart_seconds`, then behaves like `ok`;
- `drop`: sends `stall_after` chunks, then closes the connection without finishing;
- `badjson`: sends one chunk, then a `data:` line that is not JSON;
- `empty`: streams a reply with no text at all;
- `rNNN` (e.g. `r429`, `r500`, `r503`, `r401`): answers every request with that HTTP status;
- `rNNNonce` (e.g. `r429once`): that status the first time per server, then like `ok`;
- `r500badreq`: a 500 whose error body says `invalid_request_error`;
- `ctx400`: a 400 saying the context length was exceeded;
- `nokey`: a 500 whose message is litellm's "Missing credentials" (no API key set).

Interviewer behaviours (they read the system prompt the app sends; tagged-text replies):

- `obedient`: makes move 1 and says its draft (the planner's own text), as a good model would;
- `leaky`: like `obedient`, plus `server.leak_text` (a reference figure by default);
- `rambling`: 600 words;
- `questionless`: a short acknowledgement with no question;
- `reciting`: recites the payments persona's expertise (message types, identifiers);
- `malformed`: a JSON reply cut off half way;
- `offmove`: names a move that was not offered;
- `second`: makes move 2 when two are offered (a short question of its own), else move 1's draft.

Readers (obedient replies, plus a `READING:` line when the app asks for a reading):

- `reader`: a good reading: `server.readings.popleft()` when queued (a dict, sent as JSON; with an
  `asked_fact` the text is "Fair question; ..." and the app adds the fact), else acts `question`
  or `answer` (by a "?" in the candidate's last message), no fact, no verdict;
- `badfact`: says the candidate asked about a fact id the scenario does not have;
- `eager`: says every last question was answered, whatever the candidate said;
- `badreading`: a reading that is not valid JSON (the reply itself is fine).

The reply text is `server.replies.popleft()` when scripted replies are queued, else
`server.reply_text`. Every request is recorded in `server.requests` (model, JSON body,
headers) so tests can count retries and check what was sent.

Use it from async tests (`async with StubServer() as server:`), from sync code or other
threads (`with ThreadedStubServer() as server:`), or as a process for subprocess tests:
`python -m tests.support.stub_server --port 0` prints the port on its first line of stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import signal
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

DEFAULT_REPLY = (
    "Good question. We expect about 100 million new URLs a month. What else would you like to know?"
)

DEFAULT_LEAK = "For reference, expect about 38,000 redirects per second at peak."
_DRAFT = re.compile(r"A plain draft of move 1[^\n]*:\n(.*?)\n\nRules for your reply", re.S)
_RECITAL = (
    "As I always say, you should send a pacs.008 with a UETR, expect a pacs.002 back and "
    "use camt.056 to recall. What would you do next?"
)
_READERS = ("reader", "badfact", "eager", "badreading")
_CANDIDATE = re.compile(r"<candidate>\n(.*?)\n</candidate>", re.S)
_STATUS_MODEL = re.compile(r"^r(\d{3})(once)?$")
_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "invalid_request_error",
    403: "permission_error",
    404: "not_found_error",
    429: "rate_limit_error",
}


@dataclass
class RecordedRequest:
    """One request the server received."""

    model: str
    body: dict[str, Any]
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)

    @property
    def stream(self) -> bool:
        """Whether the client asked for a streamed reply."""
        return bool(self.body.get("stream"))


def split_reply(text: str, pieces: int = 5) -> list[str]:
    """Split text into about `pieces` chunks on word boundaries, keeping every character."""
    words = re.findall(r"\S+\s*|\s+", text)
    if not words:
        return []
    size = max(1, -(-len(words) // pieces))
    return ["".join(words[i : i + size]) for i in range(0, len(words), size)]


class StubServer:
    """An aiohttp OpenAI-compatible `/v1/chat/completions` server on 127.0.0.1."""

    def __init__(
        self,
        *,
        port: int = 0,
        reply_text: str = DEFAULT_REPLY,
        slow_delay: float = 0.2,
        stall_after: int = 2,
        stall_seconds: float = 3600.0,
        slowstart_seconds: float = 3600.0,
        chunk_delay: float = 0.0,
        retry_after: str | None = None,
        leak_text: str = DEFAULT_LEAK,
    ) -> None:
        self.requested_port = port
        self.leak_text = leak_text
        self.reply_text = reply_text
        self.replies: deque[str] = deque()
        self.readings: deque[dict[str, Any]] = deque()  # scripted readings for `reader`
        self.slow_delay = slow_delay
        self.stall_after = stall_after
        self.stall_seconds = stall_seconds
        self.slowstart_seconds = slowstart_seconds
        self.chunk_delay = chunk_delay  # delay before every chunk, any model (benches)
        self.retry_after = retry_after  # Retry-After header value sent with 429/503
        self.requests: list[RecordedRequest] = []
        self.port: int = 0
        self._seen_once: set[str] = set()
        self._runner: web.AppRunner | None = None
        self._handlers: set[asyncio.Task[Any]] = set()

    # ------------------------------------------------------------------ lifecycle

    @property
    def base_url(self) -> str:
        """The `api_base` to give litellm, e.g. http://127.0.0.1:PORT/v1."""
        return f"http://127.0.0.1:{self.port}/v1"

    def count(self, model: str | None = None) -> int:
        """How many chat requests arrived (for one model name, or all)."""
        return sum(1 for r in self.requests if model is None or r.model == model)

    @property
    def active(self) -> int:
        """Requests still being answered (a client that closed its stream ends its handler)."""
        return len(self._handlers)

    async def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until no request is being answered; False if some still are after `timeout`."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while self._handlers and loop.time() < end:
            await asyncio.sleep(0.01)
        return not self._handlers

    async def start(self) -> StubServer:
        """Listen on 127.0.0.1 (a free port when `port` is 0)."""
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._chat)
        app.router.add_post("/chat/completions", self._chat)
        app.router.add_get("/v1/models", self._models)
        self._runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.requested_port)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[union-attr]
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        """Cancel hanging handlers and close the server."""
        for task in list(self._handlers):
            task.cancel()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> StubServer:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ------------------------------------------------------------------ handlers

    async def _models(self, request: web.Request) -> web.Response:
        return web.json_response({"object": "list", "data": [{"id": "ok", "object": "model"}]})

    async def _chat(self, request: web.Request) -> web.StreamResponse:
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        try:
            return await self._answer(request)
        finally:
            self._handlers.discard(task)

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        try:
            body = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            return self._error(400, "request body is not JSON")
        model = str(body.get("model", "")).removeprefix("openai/")
        self.requests.append(RecordedRequest(model=model, body=body, headers=dict(request.headers)))
        stream = bool(body.get("stream"))

        status = _STATUS_MODEL.match(model)
        if status:
            code, once = int(status.group(1)), bool(status.group(2))
            if not once or model not in self._seen_once:
                self._seen_once.add(model)
                return self._error(code, f"stub server says {code}")
        elif model == "r500badreq":
            return self._error(500, "stub server says 500", error_type="invalid_request_error")
        elif model == "ctx400":
            return self._error(400, "This model's maximum context length is 8192 tokens.")
        elif model == "nokey":
            return self._error(
                500, "Missing credentials. Please pass an `api_key`, or set the `OPENAI_API_KEY` variable."
            )
        elif model == "slowstart":
            await asyncio.sleep(self.slowstart_seconds)

        text = self._reply_for(model, body)
        if not stream:
            if model == "stall":
                await asyncio.sleep(self.stall_seconds)
            return web.json_response(_completion(model, text))
        return await self._stream(request, model, text)

    def _reply_for(self, model: str, body: dict[str, Any]) -> str:
        if model == "empty":
            return ""
        if model == "echo":
            users = [m for m in body.get("messages", []) if m.get("role") == "user"]
            content = users[-1].get("content", "") if users else ""
            return content if isinstance(content, str) else json.dumps(content)
        if self.replies:
            return self.replies.popleft()
        scripted = self._interviewer(model, body)
        return scripted if scripted is not None else self.reply_text

    def _interviewer(self, model: str, body: dict[str, Any]) -> str | None:
        """The scripted interviewer behaviours (None: not one of them)."""
        system = next(
            (m.get("content", "") for m in body.get("messages", []) if m.get("role") == "system"), ""
        )
        found = _DRAFT.search(system if isinstance(system, str) else "")
        draft = found.group(1).strip() if found else "Go on. What would you do next?"
        tagged = "MOVE: {move}\nASK_FACT: none\nTEXT: {text}"
        if model == "obedient":
            return tagged.format(move=1, text=draft)
        if model == "leaky":
            return tagged.format(move=1, text=f"{self.leak_text} {draft}")
        if model == "rambling":
            return tagged.format(move=1, text=" ".join(["Let me think about that with you."] * 85) + " Why?")
        if model == "questionless":
            return tagged.format(move=1, text="Thanks, that is clear.")
        if model == "reciting":
            return tagged.format(move=1, text=_RECITAL)
        if model == "malformed":
            return '{"move": "1", "text": "Tell me how you would'
        if model == "second":
            if "\n- 2 (" in system:
                return tagged.format(move=2, text="Let's look at another part. What would you do there?")
            return tagged.format(move=1, text=draft)
        if model in _READERS:
            reading = self._reading(model, body, system if isinstance(system, str) else "")
            if reading is None:
                return tagged.format(move=1, text=draft)
            if model == "reader" and '"asked_fact": "' in reading:  # the app states the fact it names
                draft = "Fair question; here is what I can tell you."
            return f"MOVE: 1\nASK_FACT: none\nREADING: {reading}\nTEXT: {draft}"
        if model == "offmove":
            return tagged.format(move=7, text="Let's talk about something else entirely. What do you think?")
        return None

    def _reading(self, model: str, body: dict[str, Any], system: str) -> str | None:
        """The READING line's JSON for a reader behaviour (None when the app asked for no reading)."""
        if "READING:" not in system:
            return None
        if model == "badreading":
            return '{"acts": ["answer"], "answered": "yes"'
        if model == "badfact":
            return json.dumps({"acts": ["question"], "asked_fact": "no_such_fact", "answered": None})
        if model == "eager":
            return json.dumps({"acts": ["answer"], "asked_fact": None, "answered": "yes"})
        if self.readings:
            return json.dumps(self.readings.popleft())
        users = [m.get("content", "") for m in body.get("messages", []) if m.get("role") == "user"]
        said = _CANDIDATE.findall(users[-1] if users and isinstance(users[-1], str) else "")
        asks = bool(said) and "?" in said[-1]
        return json.dumps({"acts": ["question" if asks else "answer"], "asked_fact": None, "answered": None})

    async def _stream(self, request: web.Request, model: str, text: str) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
        )
        await response.prepare(request)
        chunk_id = f"chatcmpl-{uuid.uuid4().hex[:12]}"
        await _send(response, _chunk(chunk_id, model, {"role": "assistant", "content": ""}))
        for index, piece in enumerate(split_reply(text)):
            if model in ("stall", "drop") and index == self.stall_after:
                if model == "drop":
                    if request.transport is not None:
                        request.transport.close()
                    return response
                await asyncio.sleep(self.stall_seconds)
            if model == "badjson" and index == 1:
                await response.write(b"data: {this is not json\n\n")
                return response
            delay = self.chunk_delay + (self.slow_delay if model == "slow" else 0.0)
            if delay:
                await asyncio.sleep(delay)
            await _send(response, _chunk(chunk_id, model, {"content": piece}))
        await _send(response, _chunk(chunk_id, model, {}, finish_reason="stop"))
        await response.write(b"data: [DONE]\n\n")
        await response.write_eof()
        return response

    def _error(self, status: int, message: str, error_type: str | None = None) -> web.Response:
        kind = error_type or _ERROR_TYPES.get(status, "server_error")
        headers = {}
        if self.retry_after is not None and status in (429, 503):
            headers["Retry-After"] = self.retry_after
        body = {"error": {"message": message, "type": kind, "param": None, "code": None}}
        return web.json_response(body, status=status, headers=headers)


def _chunk(chunk_id: str, model: str, delta: dict[str, Any], finish_reason: str | None = None) -> dict:
    return {
        "id": chunk_id,
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
    }


def _completion(model: str, text: str) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:12]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": len(text.split()), "total_tokens": 10},
    }


async def _send(response: web.StreamResponse, payload: dict[str, Any]) -> None:
    await response.write(b"data: " + json.dumps(payload).encode() + b"\n\n")


class ThreadedStubServer:
    """A `StubServer` running on its own event loop in a daemon thread (for sync tests)."""

    def __init__(self, **options: Any) -> None:
        self.server = StubServer(**options)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="stub-server", daemon=True)

    def __enter__(self) -> StubServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> StubServer:
        """Start the thread and wait until the server listens."""
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self.server.start(), self._loop).result(timeout=10)
        return self.server

    def stop(self) -> None:
        """Stop the server, then the loop and thread."""
        if not self._thread.is_alive():
            return
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(self.server.stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        if not self._thread.is_alive():
            self._loop.close()


async def _serve(args: argparse.Namespace) -> None:
    server = StubServer(port=args.port, reply_text=args.reply, slow_delay=args.slow_delay)
    await server.start()
    print(server.port, flush=True)
    done = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, done.set)
    await done.wait()
    await server.stop()


def main(argv: list[str] | None = None) -> None:
    """Run the stub until SIGINT/SIGTERM; prints the port it listens on."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--reply", default=DEFAULT_REPLY, help="reply text for ok/slow/stall")
    parser.add_argument("--slow-delay", type=float, default=0.2, help="seconds between `slow` chunks")
    asyncio.run(_serve(parser.parse_args(argv)))


if __name__ == "__main__":
    main()
