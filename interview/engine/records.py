"""What an interview leaves behind: the session record and its ordered events.

These are the shared currency of the engine, the store, the scorer and the UI. A session
can be rebuilt from its record plus its events (that is how resume works).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

Role = Literal["interviewer", "candidate", "system"]
EventKind = Literal[
    "answer",  # candidate: free text
    "command",  # candidate: /next, /end, /hint, /pause ... (text holds the command)
    "say",  # interviewer: a turn of speech (data["move"] says which planner move)
    "phase",  # system: phase changed (data: from, to, reason)
    "whiteboard",  # system: whiteboard snapshot (text is the whole board)
    "pause",  # system
    "resume",  # system
    "end",  # system: interview over (data: reason)
    "notice",  # system: something the user was told (e.g. model unavailable, circuit open)
]
Status = Literal["in_progress", "completed", "abandoned"]
SessionKind = Literal["interview", "drill_estimation", "drill_criterion", "redo"]
SESSION_KINDS: tuple[str, ...] = ("interview", "drill_estimation", "drill_criterion", "redo")


class Event(BaseModel):
    """One thing that happened, in order. Candidate and interviewer events are the turns."""

    seq: int  # 0-based, dense, per session
    role: Role
    kind: EventKind
    phase: str  # phase id current when it happened
    elapsed_s: float  # interview clock (virtual in headless runs), seconds since start
    text: str = ""
    fallback: str | None = None  # why the model was not used for this interviewer turn
    data: dict[str, Any] = Field(default_factory=dict)  # planner move metadata etc.
    at: datetime | None = None  # wall-clock time it was recorded

    @property
    def is_turn(self) -> bool:
        """Candidate and interviewer events are the transcript's turns."""
        return self.role in ("interviewer", "candidate")

    @property
    def fallback_note(self) -> str:
        """What to tell the user when the model failed on this turn ("" when it did not): the
        whole turn is the offline interviewer's, or only the rest after the model's first sentences."""
        if not self.fallback:
            return ""
        whose = "the rest of this turn" if self.data.get("model_chars") else "this turn"
        return f"the model failed ({self.fallback}); {whose} is the offline interviewer's"


class SessionRecord(BaseModel):
    """Everything about a session except its events; snapshots keep it readable forever."""

    id: str  # uuid4 hex (32 chars); any unique prefix works on the CLI
    scenario_id: str
    scenario_title: str
    scenario: dict[str, Any]  # Scenario.model_dump(mode="json") as run
    rubric: dict[str, Any]  # Rubric.model_dump(mode="json") as run
    persona_id: str
    persona: dict[str, Any]  # Persona.model_dump(mode="json") as run
    model: str = "offline"  # "offline" or the litellm model string; never a key
    api_base: str | None = None  # credentials stripped
    level: str
    seed: int
    status: Status = "in_progress"
    clock: Literal["real", "virtual"] = "real"
    wpm: float | None = None  # headless virtual clock speed
    started_at: datetime
    ended_at: datetime | None = None
    elapsed_s: float = 0.0
    phase_times: dict[str, float] = Field(default_factory=dict)  # seconds used per phase id
    whiteboard: str = ""
    kind: SessionKind = "interview"  # a whole interview, or a drill (interview/drills/)
