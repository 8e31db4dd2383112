"""The seam between the engine and whatever speaks for the interviewer.

The planner decides *what* to do; a voice decides *how to say it*. The offline voice is
always there; a model voice (litellm) is optional and may fail, in which case the session
falls back to the offline text for that turn.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Protocol

from interview.catalog.models import Fact, Persona, Scenario
from interview.engine.records import Event


@dataclass
class TurnContext:
    """Everything a voice needs to say the interviewer's next turn."""

    scenario: Scenario
    persona: Persona
    level: str
    phase_id: str
    phase_title: str
    phase_remaining_s: float  # negative: overtime
    total_remaining_s: float
    move_kind: str  # the planner's move, e.g. "reveal_fact", "challenge_estimate", "probe"
    move_brief: str  # one-line instruction: what this turn must do
    offline_text: str  # what the offline interviewer says for this move (the fallback)
    history: list[Event] = field(default_factory=list)  # turns so far, candidate's latest last
    revealed_facts: list[Fact] = field(default_factory=list)  # may be stated (incl. this turn's)
    hidden_facts: list[Fact] = field(default_factory=list)  # not earned yet: never volunteer


class ModelFailure(Exception):
    """The model could not produce this turn; `reason` is short, user-facing and secret-free."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ModelVoice(Protocol):
    """A model that can speak a turn (see `interview.engine.llm.LLMVoice`)."""

    name: str  # the model string, e.g. "gpt-4o-mini"

    def available(self) -> bool:
        """False while the circuit breaker is open (recent repeated failures)."""
        ...

    def speak(self, ctx: TurnContext) -> AsyncIterator[str]:
        """Stream the turn's text; raise ModelFailure before or during the stream."""
        ...

    def pop_notice(self) -> str | None:
        """A message to show the user once (e.g. the model was paused), else None."""
        ...


class StreamReset:
    """Yielded by `InterviewSession.send` to mean: discard the text streamed so far this turn."""

    def __repr__(self) -> str:
        return "STREAM_RESET"


STREAM_RESET = StreamReset()
