"""Saying one interviewer turn: the model voice when it can, the offline text when it cannot.

A model's reply is buffered whole, never streamed to the screen as it arrives: it is parsed
(the move it made, its words, a hidden fact it asks the app to state) and checked by
`engine/model_guard.py` before any of it is shown or stored. On `ModelFailure`, a reply in the
wrong form, a move that was not offered, or a failed check, the turn falls back to the offline
text and records why. A refused reply counts toward the model's circuit breaker like an
error (`voice.refused`); while the breaker is open the offline text is used without asking it.
The model's reading of the candidate's turn is merged with ours (`engine/model_reading.py`).
(`STREAM_RESET` is no longer needed by this path, since nothing is shown before the check;
consumers still honour it.)
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from interview.engine import model_guard, model_reading
from interview.engine.prompts import ReplyFormatError, parse_reply
from interview.engine.voice import ModelFailure, ModelVoice, StreamReset, TurnContext

BREAKER_REASON = "model paused after repeated failures"
EMPTY_REASON = "the model sent an empty reply"
MALFORMED_REASON = "model reply was not in the expected form"
NOT_OFFERED = "model made a move that was not offered ({move})"
BAD_FACT = "model asked to state a fact that is not hidden ({fact})"


@dataclass
class Spoken:
    """What was finally said, and why the model was not used (None when it was, or offline)."""

    text: str
    fallback: str | None = None
    move: str = "1"  # the offered move the model made ("1" is the planner's own)
    ask_fact: str | None = None  # a hidden fact the model asked the app to state
    reading: model_reading.Merged | None = None  # the reading used (None: the turn answers no message)


async def speak(
    voice: ModelVoice | None, offline_text: str, context: Callable[[], TurnContext], spoken: Spoken
) -> AsyncIterator[str | StreamReset]:
    """Yield the turn's text once it is checked; `spoken` holds the text, move and fallback reason."""
    spoken.text, spoken.fallback, spoken.move, spoken.ask_fact = offline_text, None, "1", None
    spoken.reading = None
    if voice is None:
        yield offline_text
        return
    if not voice.available():
        spoken.fallback = BREAKER_REASON
        yield offline_text
        return
    parts: list[str] = []
    ctx = context()
    try:
        async for chunk in voice.speak(ctx):
            if chunk:
                parts.append(chunk)
    except ModelFailure as exc:  # counted by the voice itself
        reason: str | None = exc.reason or "the model failed"
    else:
        raw = "".join(parts).strip()
        limit = getattr(voice, "word_limit", model_guard.DEFAULT_WORD_LIMIT)
        reason = _accept(raw, ctx, spoken, limit) if raw else EMPTY_REASON
        _judged(voice, reason)
    if reason is not None:
        spoken.text, spoken.move, spoken.ask_fact, spoken.fallback = offline_text, "1", None, reason
        if ctx.reading is not None:
            spoken.reading = model_reading.merge(None, ctx.reading)
            spoken.reading.rejected = model_reading.REFUSED_REPLY
    yield spoken.text


def _judged(voice: ModelVoice, reason: str | None) -> None:
    """Tell the voice whether its reply was used: a refused one counts toward the breaker like an error."""
    if reason is None:
        accepted = getattr(voice, "accepted", None)
        if accepted is not None:
            accepted()
        return
    refused = getattr(voice, "refused", None)
    if refused is not None:
        refused(reason)


def _accept(raw: str, ctx: TurnContext, spoken: Spoken, word_limit: int) -> str | None:
    """Parse and check a model reply; fill `spoken` and return None, or return why it is refused."""
    try:
        reply = parse_reply(raw)
    except ReplyFormatError:
        return MALFORMED_REASON
    if not reply.text:
        return EMPTY_REASON
    offered = {m.id: m for m in ctx.offered}
    if (offered and reply.move not in offered) or (not offered and reply.move != "1"):
        return NOT_OFFERED.format(move=reply.move[:20])
    hidden = {f.id: f for f in ctx.hidden_facts}
    merged = None
    if ctx.reading is not None:
        merged = model_reading.merge(reply.reading, ctx.reading, reply.ask_fact)
    fact = None
    # ask_fact, or a fact the model's (valid) reading says they asked about in other words
    fact_id = reply.ask_fact or (merged.asked_fact if merged is not None else None)
    if fact_id is not None:
        fact = hidden.get(fact_id)
        read = merged is not None and merged.asked_fact == fact_id  # checked against our reading
        if fact is None or not (ctx.may_ask_fact or read):
            return BAD_FACT.format(fact=fact_id[:40])
    chosen = offered.get(reply.move)
    asks = chosen.asks if chosen is not None else None
    allowed = [f.answer for f in ctx.revealed_facts]
    allowed += [e.text for e in ctx.history if e.role == "candidate"]
    allowed.append(ctx.offline_text)
    reason = model_guard.check(
        model_guard.GuardInput(
            text=reply.text,
            scenario=ctx.scenario,
            persona=ctx.persona,
            allowed=allowed,
            question_due=True if asks else None,
            word_limit=word_limit,
        )
    )
    if reason is not None:
        return reason
    spoken.text = reply.text if fact is None else f"{reply.text} {fact.answer.strip()}"
    spoken.move, spoken.ask_fact = reply.move, fact.id if fact is not None else None
    spoken.reading = merged
    return None
