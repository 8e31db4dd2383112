"""Saying one interviewer turn: the model voice when it can, the offline text when it cannot.

A model's reply is released sentence by sentence, each only after the checks of
`engine/model_guard.py` pass on everything released so far (`engine/model_stream.py` reads the
header, then the text as it streams). Early release happens only on the planner's own move
("1") with no doubtful `ask_fact`; otherwise the reply is released when it is whole and checked.
The whole reply is always checked at the end (form, move, fact, reading, every guard check incl.
"a question was due"). On `ModelFailure`, a reply in the wrong form, a move that was not
offered, or a failed check, nothing more of the model is shown: the offline text says the turn
(after the sentences already released, if any) and the reason is recorded. A refused reply
counts toward the model's circuit breaker like an error (`voice.refused`); while the breaker is
open the offline text is used without asking it. The model's reading of the candidate's turn is
merged with ours (`engine/model_reading.py`). (`STREAM_RESET` is not needed by this path;
consumers still honour it.)
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from interview.engine import model_guard, model_reading
from interview.engine.model_stream import ReplyStream
from interview.engine.prompts import ReplyFormatError, parse_reply
from interview.engine.voice import ModelFailure, ModelReply, ModelVoice, StreamReset, TurnContext

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
    released: int = 0  # characters of `text` the model said before a fallback took over the rest


async def speak(
    voice: ModelVoice | None, offline_text: str, context: Callable[[], TurnContext], spoken: Spoken
) -> AsyncIterator[str | StreamReset]:
    """Yield the turn's text once it is checked; `spoken` holds the text, move and fallback reason."""
    spoken.text, spoken.fallback, spoken.move, spoken.ask_fact = offline_text, None, "1", None
    spoken.reading, spoken.released = None, 0
    if voice is None:
        yield offline_text
        return
    if not voice.available():
        spoken.fallback = BREAKER_REASON
        yield offline_text
        return
    ctx = context()
    limit = getattr(voice, "word_limit", model_guard.DEFAULT_WORD_LIMIT)
    stream = ReplyStream()
    shown = ""  # sentences already released (each checked with all before it)
    early: bool | None = None if getattr(voice, "stream_sentences", True) else False
    stopped: str | None = None  # why a sentence was held back: the reply is refused
    try:
        async for chunk in voice.speak(ctx):
            if not chunk:
                continue
            stream.add(chunk)
            if early is None and (header := stream.header()) is not None:
                early = _may_release(header, ctx)
            for sentence in stream.sentences() if early else ():
                sentence = sentence if shown else sentence.lstrip()
                stopped = _prefix_refused(shown + sentence, ctx, limit)
                if stopped is not None:
                    stream.stop()  # nothing more of this reply is shown
                    break
                shown += sentence
                yield sentence
    except ModelFailure as exc:  # counted by the voice itself
        reason: str | None = exc.reason or "the model failed"
    else:
        raw = stream.raw.strip()
        reason = _accept(raw, ctx, spoken, limit) if raw else EMPTY_REASON
        reason = reason or stopped
        if reason is None and not spoken.text.startswith(shown.rstrip()):
            reason = MALFORMED_REASON  # what was shown is not how the whole reply reads
        elif reason is None and shown:  # shown ends with white space; the whole text was stripped
            spoken.text = shown + spoken.text[len(shown.rstrip()) :].lstrip()
        _judged(voice, reason)
    if reason is not None:
        spoken.move, spoken.ask_fact, spoken.fallback = "1", None, reason
        spoken.text = shown + offline_text  # released sentences end with white space
        spoken.released = len(shown)
        if ctx.reading is not None:
            spoken.reading = model_reading.merge(None, ctx.reading)
            spoken.reading.rejected = model_reading.REFUSED_REPLY
    rest = spoken.text[len(shown) :]
    if rest:
        yield rest


def _may_release(header: ModelReply, ctx: TurnContext) -> bool:
    """Release sentences early only on the planner's own move with no doubtful fact: if the reply
    is refused later, the offline text of that same move says the rest."""
    if header.move != "1":
        return False
    if header.ask_fact is None:
        return True
    return ctx.may_ask_fact and any(f.id == header.ask_fact for f in ctx.hidden_facts)


def _guard_input(
    text: str, ctx: TurnContext, question_due: bool | None, limit: int
) -> model_guard.GuardInput:
    allowed = [f.answer for f in ctx.revealed_facts]
    allowed += [e.text for e in ctx.history if e.role == "candidate"]
    allowed.append(ctx.offline_text)
    return model_guard.GuardInput(
        text=text,
        scenario=ctx.scenario,
        persona=ctx.persona,
        allowed=allowed,
        question_due=question_due,
        word_limit=limit,
    )


def _prefix_refused(text: str, ctx: TurnContext, limit: int) -> str | None:
    """Why the sentences so far already fail a check (all but "a question was due"), or None."""
    return model_guard.check(_guard_input(text, ctx, None, limit))


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
    reason = model_guard.check(_guard_input(reply.text, ctx, True if asks else None, word_limit))
    if reason is not None:
        return reason
    spoken.text = reply.text if fact is None else f"{reply.text} {fact.answer.strip()}"
    spoken.move, spoken.ask_fact = reply.move, fact.id if fact is not None else None
    spoken.reading = merged
    return None
