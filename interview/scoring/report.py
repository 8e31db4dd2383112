"""The graded report of one session: the shape `run --json`, `show`, `export` and the TUI share."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field, computed_field


class Quote(BaseModel):
    """An exact span of what the candidate said, with the turn it came from."""

    turn: int  # index into the session's turns (0-based, counting interviewer and candidate turns)
    quote: str
    source: str = ""  # "" a turn; "whiteboard": the final diagram (turn is then -1)

    @property
    def where(self) -> str:
        """Where the quote comes from, as a reader sees it: "turn 7" or "whiteboard"."""
        return self.source or f"turn {self.turn}"


class CriterionScore(BaseModel):
    """The grade for one rubric criterion and what justifies it."""

    id: str
    name: str
    weight: float
    score: int = Field(ge=1, le=4)
    max: int = 4
    why: str  # one line
    evidence: list[Quote] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)  # concept / estimate labels not covered
    insufficient_evidence: bool = False


class SaidFigure(BaseModel):
    """One figure the candidate gave for an estimate, in the order said (corrections included)."""

    said: str
    value: float  # normalised to the reference's unit
    turn: int
    within_tolerance: bool
    challenged: bool = False  # the interviewer challenged it on the next turn


class EstimateCheck(BaseModel):
    """A reference figure and what the candidate said about it."""

    id: str
    label: str
    reference: float
    unit: str
    tolerance: float
    derivation: str = ""
    said: str | None = None  # the candidate's words for the figure, e.g. "4k QPS"
    said_value: float | None = None  # normalised to the reference's unit
    turn: int | None = None
    within_tolerance: bool | None = None  # None: the candidate never gave this figure
    history: list[SaidFigure] = Field(default_factory=list)  # every figure given for it, in order
    assumed: list[str] = Field(default_factory=list)  # off only because it rests on these inputs of theirs

    @computed_field  # type: ignore[prop-decorator]
    @property
    def reference_text(self) -> str:
        """The reference human-formatted ("40/s", "3 TB", "6B"), as every report shows it."""
        from interview.text.units import format_value

        return format_value(self.reference, self.unit)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def said_text(self) -> str | None:
        """The candidate's figure in the reference's unit, human-formatted."""
        from interview.text.units import format_value

        return None if self.said_value is None else format_value(self.said_value, self.unit)


class Improvement(BaseModel):
    """One concrete thing to do better next time."""

    title: str
    criterion: str
    concept: str | None = None
    strong_answer: str = ""
    exposed_by: str | None = None  # the interviewer's question that exposed it


class PhaseTime(BaseModel):
    """Minutes used in a phase against the plan."""

    id: str
    planned_min: float
    used_min: float
    overtime_min: float = 0.0


class Feedback(BaseModel):
    """What a strong interviewer would tell the candidate afterwards."""

    summary: str = ""
    strengths: list[str] = Field(default_factory=list)
    improvements: list[Improvement] = Field(default_factory=list)  # top three
    time: list[PhaseTime] = Field(default_factory=list)
    hints_used: int = 0


class Flag(BaseModel):
    """Something the grader noticed about the transcript itself (e.g. text addressed to it)."""

    kind: str  # e.g. "grader_instruction", "keyword_list", "judge_fallback"
    message: str
    turn: int | None = None
    quote: str | None = None


class Correction(BaseModel):
    """A claim the candidate got wrong (a misconception), quoted, with the line that corrects it."""

    turn: int
    quote: str
    correction: str
    concept: str | None = None


class Report(BaseModel):
    """A graded session."""

    overall: float = Field(ge=0, le=100)
    verdict: str  # strong_no_hire ... strong_hire, or insufficient_evidence
    level: str
    criteria: list[CriterionScore]
    estimates: list[EstimateCheck] = Field(default_factory=list)
    feedback: Feedback = Field(default_factory=Feedback)
    flags: list[Flag] = Field(default_factory=list)
    corrections: list[Correction] = Field(default_factory=list)  # wrong claims: never positive evidence
    scorer: str = "offline"  # "offline" or "llm:<model>"
    fallback: str | None = None  # why the LLM judge was not used, if it was asked for
    rubric_id: str = ""
    scored_at: datetime | None = None
    extra: dict[str, Any] = Field(default_factory=dict)
