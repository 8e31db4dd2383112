"""The seam between the engine and whatever speaks for the interviewer.

The planner decides *what* to do; a voice decides *how to say it*. The offline voice is
always there; a model voice (litellm) is optional and may fail, in which case the session
falls back to the offline text for that turn.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import BaseModel, Field

from interview.catalog.models import Fact, Persona, Scenario
from interview.engine.model_reading import ModelReading, ReadingInput
from interview.engine.records import Event


@dataclass
class OfferedMove:
    """One move the planner offers the model: an id to name it by, its kind and what it must do."""

    id: str  # "1", "2", "3": ranked, "1" is the planner's choice
    kind: str
    brief: str
    asks: bool  # whether the move puts a question to the candidate


@dataclass
class ModelState:
    """The planner's state for a model, as names only (never a reference value or answer)."""

    phase_goals: list[str] = field(default_factory=list)
    concepts_covered: list[str] = field(default_factory=list)
    concepts_open: list[str] = field(default_factory=list)
    open_questions: list[str] = field(default_factory=list)  # asked, not yet answered
    dodged_questions: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)  # "'40k QPS' for reads per second: challenged"
    stances_pending: list[str] = field(default_factory=list)  # persona principles not yet raised
    whiteboard: str = ""  # trimmed


class ModelReply(BaseModel):
    """What a model answers: the move it made, its words, and a hidden fact the candidate asked for."""

    move: str = Field(description="the id of the move you made, one of those offered")
    ask_fact: str | None = Field(default=None, description="id of a hidden fact the candidate asked about")
    # Checked on its own (engine/model_reading.py): a bad reading never costs a good reply.
    reading: Any = Field(default=None, description="how you read the candidate's last message")
    text: str = Field(description="what you say to the candidate")  # last: it can be shown as it streams


class ReplyFormat(ModelReply):
    """The JSON schema a model is asked for (`response_format`): a reply with a typed reading."""

    reading: ModelReading | None = Field(
        default=None, description="how you read the candidate's last message"
    )


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
    offered: list[OfferedMove] = field(default_factory=list)  # ranked; empty: just the move above
    state: ModelState = field(default_factory=ModelState)
    may_ask_fact: bool = False  # the candidate's turn asked something: a hidden fact may be requested
    reading: ReadingInput | None = None  # the turn answers a candidate's message: ask for a reading


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
