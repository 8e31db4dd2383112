"""The model interviewer: streams a turn through litellm, with our own retries, timeouts and breaker.

litellm is imported lazily (about 2 s and 165 MB), off the event loop, and only when a model
voice actually speaks; importing this module does not import it. Every failure becomes a
`ModelFailure` with a short, secret-free reason, and the session falls back to the offline text.

Semantics (see `LLMVoice`):
- retries: 429, 5xx and connection errors are retried with exponential backoff (Retry-After is
  honoured, capped) only before any text has streamed; nothing is retried once text was shown;
- timeouts: no first token within `timeout`, or no token for `timeout` mid-stream, fails the
  turn; `deadline` (default 4 x timeout) bounds the whole turn, retries and waits included;
- circuit breaker: after `open_after` failed turns in a row, `available()` answers False for the
  next `skip_turns` calls, then lets one turn through again (half-open). A reply the session
  refuses (`refused(reason)`: the output guard, a wrong form) counts as a failed turn; a turn
  counts as good once the session `accepted()` it (or, unjudged, when the next turn starts).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import threading
from collections.abc import AsyncIterator, Mapping
from types import ModuleType
from typing import Any

from interview.engine.model_guard import DEFAULT_WORD_LIMIT
from interview.engine.prompts import build_messages
from interview.engine.voice import ModelFailure, ReplyFormat, TurnContext
from interview.llm_env import import_litellm

log = logging.getLogger(__name__)

# Reasons recorded as Event.fallback and shown to the user: short, fixed, never an exception text.
RATE_LIMITED = "rate limited (429)"
AUTH_FAILED = "authentication failed (401) — check your API key"
PERMISSION_DENIED = "permission denied (403) — check your API key and model access"
MODEL_NOT_FOUND = "model not found (404)"
CONTEXT_TOO_LONG = "conversation too long for the model"
FIRST_TOKEN_TIMEOUT = "timed out waiting for the first token"
STREAM_STALLED = "stream stalled"
TURN_TOO_LONG = "reply took too long"
CONNECTION_DROPPED = "connection dropped"
CANNOT_CONNECT = "could not connect to the model server"
MALFORMED_STREAM = "model sent a malformed stream"
NO_TEXT = "model returned no text"
NO_LITELLM = "litellm could not be loaded"
NO_KEY = "no API key: set OPENAI_API_KEY or the provider's variable"
UNKNOWN_MODEL = "unknown model — check the model name"
SERVER_ERROR = "server error ({status})"

DEFAULT_TEMPERATURE = 0.4
DEFAULT_MAX_TOKENS = 400  # a 120-word turn in JSON is ~250 tokens
_KEY_WORDS = (
    "api key",
    "api_key",
    "missing credentials",
    "no auth",
    "invalid x-api-key",
    "incorrect api key",
)
_MODEL_WORDS = (
    "model not found",
    "does not exist",
    "unknown model",
    "llm provider not provided",
    "no such model",
    "invalid model",
    "model_not_found",
)
_CONTEXT_WORDS = (
    "context length",
    "context window",
    "maximum context",
    "too many tokens",
    "prompt is too long",
)

BREAKER_NOTICE = (
    "The model failed twice in a row; the offline interviewer will carry on for the next few turns."
)
REFUSED_NOTICE = (
    "The model's replies failed our checks twice in a row; the offline interviewer will carry on "
    "for the next few turns."
)
DUMMY_KEY = "sk-local-no-key"  # for openai/... against a local server when no key is set


_warm_lock = threading.Lock()
_warmed = False


def warm_up() -> None:
    """Import litellm and its provider code now (blocking, ~3 s once); call it in a thread.

    Importing litellm takes ~2 s, and its first real `acompletion` imports ~500 more modules
    (~0.7 s measured) synchronously, which would freeze an event loop. So after the import we
    make one call to a just-closed local port (refused at once, nothing leaves the machine) and
    one `mock_response` call on a private loop; later first calls took ~30 ms instead of ~800 ms.
    """
    global _warmed
    with _warm_lock:
        litellm = import_litellm()
        if _warmed:
            return
        try:
            asyncio.get_running_loop()
            return  # called on an event loop: the import is done, the rest needs a thread
        except RuntimeError:
            pass
        with contextlib.suppress(Exception):
            asyncio.run(_exercise(litellm))
        _warmed = True


async def _exercise(litellm: ModuleType) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    messages = [{"role": "user", "content": "warm up"}]
    with contextlib.suppress(Exception):
        await litellm.acompletion(
            model="openai/warm-up",
            api_base=f"http://127.0.0.1:{port}/v1",
            api_key=DUMMY_KEY,
            messages=messages,
            stream=True,
            max_retries=0,
            timeout=2,
        )
    with contextlib.suppress(Exception):
        stream = await litellm.acompletion(
            model="openai/warm-up", messages=messages, stream=True, mock_response="ok"
        )
        async for _chunk in stream:
            pass


async def _load_litellm() -> ModuleType:
    """litellm, loaded and warmed in a worker thread the first time so the event loop never stalls.

    The thread is a daemon of its own, not the loop's executor: ctrl+c during the ~3 s warm-up
    must not wait for it (asyncio.run joins its executor before KeyboardInterrupt reaches the
    command, which held an interrupted run for 10+ s; issue 18).
    """
    if not _warmed:
        loop = asyncio.get_running_loop()
        done: asyncio.Future[None] = loop.create_future()

        def settle(error: BaseException | None) -> None:
            if done.done():
                return
            if error is None:
                done.set_result(None)
            else:
                done.set_exception(error)

        def work() -> None:
            error: BaseException | None = None
            try:
                warm_up()
            except BaseException as exc:  # handed to the awaiting task, which decides
                error = exc
            with contextlib.suppress(RuntimeError):  # the loop is gone: nobody is waiting
                loop.call_soon_threadsafe(settle, error)

        threading.Thread(target=work, name="litellm-warm-up", daemon=True).start()
        await done
    return import_litellm()


class _Retryable(Exception):
    """A failure worth another attempt (only raised before any text has streamed)."""

    def __init__(self, reason: str, retry_after: float | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


def _retry_after(exc: BaseException) -> float | None:
    """Seconds from a Retry-After header on the error, if the server sent one."""
    headers = getattr(exc, "litellm_response_headers", None)
    if headers is None:
        response = getattr(exc, "response", None)
        headers = getattr(response, "headers", None)
    if not headers:
        return None
    try:
        value = headers.get("retry-after")
        return max(0.0, float(value)) if value is not None else None
    except (TypeError, ValueError, AttributeError):
        return None  # an HTTP date or garbage: fall back to our own backoff


def classify(exc: BaseException, litellm: ModuleType) -> tuple[str, bool]:
    """Map a litellm/openai exception to (user-facing reason, worth retrying before text).

    By exception type first, then by message: providers report a missing key as a 500
    ("Missing credentials"), an unknown model as a 400, an over-long prompt as a plain 400.
    """
    errors = litellm.exceptions  # MidStreamFallbackError is not re-exported at the top level
    status = getattr(exc, "status_code", None)
    text = str(exc)
    lowered = text.lower()
    if isinstance(exc, errors.MidStreamFallbackError):
        # litellm wraps every broken stream in this class (status 500/503); tell them apart by text.
        if "timeout" in lowered or "timed out" in lowered:
            return STREAM_STALLED, False
        if "json" in lowered or "expecting" in lowered:
            return MALFORMED_STREAM, False
        return CONNECTION_DROPPED, True
    if isinstance(exc, errors.Timeout):  # subclass of APIConnectionError: check first
        return FIRST_TOKEN_TIMEOUT, False
    if isinstance(exc, errors.ContextWindowExceededError) or any(w in lowered for w in _CONTEXT_WORDS):
        return CONTEXT_TOO_LONG, False
    if isinstance(exc, errors.RateLimitError) or status == 429:
        return RATE_LIMITED, True
    if any(w in lowered for w in _KEY_WORDS) and status in (None, 400, 401, 403, 500):
        return NO_KEY, False
    if isinstance(exc, errors.AuthenticationError) or status == 401:
        return AUTH_FAILED, False
    if isinstance(exc, errors.PermissionDeniedError) or status == 403:
        return PERMISSION_DENIED, False
    if isinstance(exc, errors.NotFoundError) or status == 404:
        return MODEL_NOT_FOUND, False
    if any(w in lowered for w in _MODEL_WORDS):
        return UNKNOWN_MODEL, False
    # Branch on status, not class: a 500 whose body says "invalid_request_error" arrives as a
    # BadRequestError with status 500.
    if isinstance(exc, errors.APIConnectionError) or "Connection error" in text:
        # connection refused arrives as InternalServerError(500, "Connection error.")
        return CANNOT_CONNECT, True
    if isinstance(status, int) and status >= 500:
        return SERVER_ERROR.format(status=status), True
    if isinstance(exc, errors.ServiceUnavailableError | errors.InternalServerError):
        return SERVER_ERROR.format(status=status or 500), True
    if isinstance(status, int) and 400 <= status < 500:
        return f"request rejected ({status})", False
    return f"model call failed ({type(exc).__name__})", False


def supports_json(litellm: ModuleType, model: str) -> bool:
    """Whether litellm knows the model takes `response_format` (unknown models: no, use tags)."""
    try:
        return bool(litellm.supports_response_format(model=model))
    except Exception:  # unknown provider or model: the tagged-text form works everywhere
        return False


class LLMVoice:
    """A `ModelVoice` that streams the interviewer's turn from any litellm model."""

    def __init__(
        self,
        model: str,
        api_base: str | None = None,
        timeout: float = 30.0,
        max_retries: int = 2,
        *,
        deadline: float | None = None,
        backoff: float = 0.5,
        max_backoff: float = 8.0,
        retry_after_cap: float = 10.0,
        open_after: int = 2,
        skip_turns: int = 3,
        litellm_kwargs: Mapping[str, Any] | None = None,
        temperature: float = DEFAULT_TEMPERATURE,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        word_limit: int = DEFAULT_WORD_LIMIT,
        structured: bool | None = None,
        stream_sentences: bool = True,
    ) -> None:
        """`timeout`: seconds to the first token and between tokens; `deadline`: the whole turn
        (default 4 x timeout); `litellm_kwargs`: extra `acompletion` arguments (tests pass
        `mock_response`); `structured`: ask for JSON through `response_format` (None: when litellm
        says the model supports it), else the tagged-text form; `stream_sentences`: the session
        shows each checked sentence as it arrives (False: the whole reply once checked)."""
        self.name = model
        self.model = model
        self.api_base = api_base
        self.timeout = float(timeout)
        self.deadline = float(deadline) if deadline is not None else 4.0 * self.timeout
        self.max_retries = max(0, int(max_retries))
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.retry_after_cap = retry_after_cap
        self.open_after = open_after
        self.skip_turns = skip_turns
        self.litellm_kwargs = dict(litellm_kwargs or {})
        self.temperature = float(temperature)
        self.max_tokens = int(max_tokens)
        self.word_limit = int(word_limit)
        self.structured = structured
        self.stream_sentences = bool(stream_sentences)
        self.failures_in_a_row = 0
        self.refusals_in_a_row = 0  # of those, replies the session refused (for the notice's words)
        self.last_failure: str | None = None
        self._skips_left = 0
        self._notice: str | None = None
        self._told = False
        self._unjudged = False  # the last turn streamed; the session has not said if it was used

    # ------------------------------------------------------------------ circuit breaker

    def available(self) -> bool:
        """False while the breaker is open. Call once per interviewer turn: each False uses up a skip."""
        if self._skips_left > 0:
            self._skips_left -= 1
            return False
        return True

    @property
    def breaker_open(self) -> bool:
        """Whether upcoming turns will skip the model."""
        return self._skips_left > 0

    def pop_notice(self) -> str | None:
        """The one-time message about the breaker opening, then None."""
        notice, self._notice = self._notice, None
        return notice

    def accepted(self) -> None:
        """The session used the reply just streamed."""
        self._unjudged = False
        self.failures_in_a_row = self.refusals_in_a_row = 0

    def refused(self, reason: str) -> None:
        """The session refused the reply just streamed (guard, form): it counts as a failed turn."""
        self.refusals_in_a_row += 1
        self._failed(reason, refused=True)

    def _failed(self, reason: str, refused: bool = False) -> ModelFailure:
        self._unjudged = False
        if not refused:
            self.refusals_in_a_row = 0
        self.failures_in_a_row += 1
        self.last_failure = reason
        if self.failures_in_a_row >= self.open_after:
            self._skips_left = self.skip_turns
            if not self._told:
                self._told = True
                only_refused = self.refusals_in_a_row >= self.failures_in_a_row
                self._notice = REFUSED_NOTICE if only_refused else BREAKER_NOTICE
        log.info("model turn failed: %s", reason)  # the reason only: never prompts or keys
        return ModelFailure(reason)

    # ------------------------------------------------------------------ speaking

    def _call_kwargs(self, structured: bool = False) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "model": self.model,
            "stream": True,
            # litellm's timeout is per read for streams; ours fire first, this is a backstop.
            "timeout": self.timeout * 2 + 1,
            "max_retries": 0,  # the openai SDK would otherwise triple every attempt; we retry
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
        }
        if self.api_base:
            kwargs["api_base"] = self.api_base
            if self.model.startswith("openai/") and not os.environ.get("OPENAI_API_KEY"):
                kwargs["api_key"] = DUMMY_KEY  # local OpenAI-compatible servers need no key
        if structured:
            kwargs["response_format"] = ReplyFormat
        kwargs.update(self.litellm_kwargs)
        return kwargs

    async def speak(self, ctx: TurnContext) -> AsyncIterator[str]:
        """Stream the turn's text; raise `ModelFailure(reason)` before or during the stream."""
        if self._unjudged:  # nobody said whether the last reply was used: it streamed, so it counts
            self.accepted()
        try:
            litellm = await _load_litellm()
        except Exception as exc:  # a broken install must not take the interview down
            log.info("litellm import failed: %s", type(exc).__name__)
            raise self._failed(NO_LITELLM) from None
        if self.structured is None:
            self.structured = supports_json(litellm, self.model)
        messages = build_messages(ctx, structured=self.structured, word_limit=self.word_limit)
        loop = asyncio.get_running_loop()
        turn_end = loop.time() + self.deadline
        stream: Any = None
        streamed = False
        try:
            stream, first = await self._open(litellm, messages, turn_end)
            streamed = True
            yield first
            chunks = stream.__aiter__()
            while True:
                step_end = loop.time() + self.timeout
                try:
                    async with asyncio.timeout_at(min(step_end, turn_end)):
                        piece = await _next_text(chunks)
                except TimeoutError:
                    raise self._failed(TURN_TOO_LONG if turn_end <= step_end else STREAM_STALLED) from None
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    raise self._failed(classify(exc, litellm)[0]) from None
                if piece is None:
                    break
                yield piece
        finally:
            if stream is not None:
                with contextlib.suppress(Exception):
                    await stream.aclose()
        if streamed:
            self._unjudged = True

    async def _open(
        self, litellm: ModuleType, messages: list[dict[str, str]], turn_end: float
    ) -> tuple[Any, str]:
        """Start the stream and read up to its first text, retrying what is worth retrying."""
        loop = asyncio.get_running_loop()
        attempt = 0
        while True:
            try:
                return await self._attempt(litellm, messages, turn_end)
            except _Retryable as failure:
                if attempt >= self.max_retries:
                    raise self._failed(failure.reason) from None
                wait = min(self.backoff * (2**attempt), self.max_backoff)
                if failure.retry_after is not None:
                    wait = max(wait, min(failure.retry_after, self.retry_after_cap))
                if loop.time() + wait >= turn_end:
                    raise self._failed(failure.reason) from None
                attempt += 1
                log.info("retrying after %s (attempt %d, waiting %.2fs)", failure.reason, attempt, wait)
                await asyncio.sleep(wait)

    async def _attempt(
        self, litellm: ModuleType, messages: list[dict[str, str]], turn_end: float
    ) -> tuple[Any, str]:
        """One HTTP attempt up to the first piece of text; the stream is closed if it fails."""
        loop = asyncio.get_running_loop()
        first_end = loop.time() + self.timeout
        stream: Any = None
        try:
            async with asyncio.timeout_at(min(first_end, turn_end)):
                stream = await litellm.acompletion(
                    messages=messages, **self._call_kwargs(bool(self.structured))
                )
                first = await _next_text(stream.__aiter__())
        except TimeoutError:
            await _close(stream)
            raise self._failed(FIRST_TOKEN_TIMEOUT) from None  # nothing shown yet, whichever limit hit
        except asyncio.CancelledError:
            await _close(stream)
            raise
        except Exception as exc:
            await _close(stream)
            reason, retryable = classify(exc, litellm)
            if retryable:
                raise _Retryable(reason, _retry_after(exc)) from None
            raise self._failed(reason) from None
        if first is None:
            await _close(stream)
            raise self._failed(NO_TEXT)
        return stream, first


async def _next_text(chunks: Any) -> str | None:
    """The next non-empty text piece of a litellm stream, or None when it ends."""
    while True:
        try:
            chunk = await chunks.__anext__()
        except StopAsyncIteration:
            return None
        choices = getattr(chunk, "choices", None) or []
        if not choices:
            continue
        delta = getattr(choices[0], "delta", None)
        content = getattr(delta, "content", None)
        if content:
            return content


async def _close(stream: Any) -> None:
    if stream is not None:
        with contextlib.suppress(Exception):
            await stream.aclose()


async def ping(model: str, api_base: str | None = None, timeout: float = 30.0) -> str | None:
    """One tiny request (a few tokens) to check a model answers; the failure reason, or None."""
    try:
        litellm = await _load_litellm()
    except Exception:  # a broken install
        return NO_LITELLM
    voice = LLMVoice(model, api_base=api_base, timeout=timeout, max_tokens=5)
    kwargs = voice._call_kwargs()
    kwargs["stream"] = False
    try:
        async with asyncio.timeout(timeout * 2 + 1):
            response = await litellm.acompletion(
                messages=[{"role": "user", "content": "Reply with the word OK."}], **kwargs
            )
    except TimeoutError:
        return FIRST_TOKEN_TIMEOUT
    except Exception as exc:
        return classify(exc, litellm)[0]
    choices = getattr(response, "choices", None) or []
    message = getattr(choices[0], "message", None) if choices else None
    return None if getattr(message, "content", None) else NO_TEXT
