"""Saying one interviewer turn: the model voice when it can, the offline text when it cannot.

On `ModelFailure` (before or mid-stream) the turn falls back to the offline text, records
why, and yields `STREAM_RESET` first if model text had already streamed. While the model's
circuit breaker is open the offline text is used without asking it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from interview.engine.voice import STREAM_RESET, ModelFailure, ModelVoice, StreamReset, TurnContext

BREAKER_REASON = "model paused after repeated failures"
EMPTY_REASON = "the model sent an empty reply"


@dataclass
class Spoken:
    """What was finally said, and why the model was not used (None when it was, or offline)."""

    text: str
    fallback: str | None = None


async def speak(
    voice: ModelVoice | None, offline_text: str, context: Callable[[], TurnContext], spoken: Spoken
) -> AsyncIterator[str | StreamReset]:
    """Stream a turn's text; `spoken` holds the final text and fallback reason when done."""
    spoken.text, spoken.fallback = offline_text, None
    if voice is None:
        yield offline_text
        return
    if not voice.available():
        spoken.fallback = BREAKER_REASON
        yield offline_text
        return
    parts: list[str] = []
    try:
        async for chunk in voice.speak(context()):
            if chunk:
                parts.append(chunk)
                yield chunk
        if not "".join(parts).strip():
            raise ModelFailure(EMPTY_REASON)
        spoken.text = "".join(parts).strip()
    except ModelFailure as exc:
        spoken.fallback = exc.reason or "the model failed"
        if parts:
            yield STREAM_RESET
        yield offline_text
