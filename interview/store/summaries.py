"""The small read models the store returns for lists and searches."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class SessionSummary(BaseModel):
    """One row of `interview history`: the session plus its latest score, if graded."""

    id: str
    scenario_id: str
    scenario_title: str
    persona_id: str
    model: str
    level: str
    status: str
    started_at: datetime
    ended_at: datetime | None = None
    elapsed_s: float = 0.0
    overall: float | None = None
    verdict: str | None = None
    kind: str = "interview"


class SearchHit(BaseModel):
    """One turn that matched a full-text search; matched words are wrapped in `[…]`."""

    session_id: str
    scenario_id: str
    seq: int
    role: str
    phase: str
    snippet: str
    started_at: datetime


class CriterionPoint(BaseModel):
    """One criterion's grade (1-4) in one graded session: a point of `interview progress`."""

    session_id: str
    scenario_id: str
    kind: str
    started_at: datetime
    criterion_id: str
    name: str
    score: int
