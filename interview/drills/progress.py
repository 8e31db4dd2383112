"""Progress per criterion over time (interviews and drills) and the next practice to do.

`progress(points, rubric, scenarios)` is pure: the store gives the points
(`Store.criterion_history()`), the catalog the rubric and scenarios.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from pydantic import BaseModel, Field

from interview.catalog.models import Rubric, Scenario
from interview.drills.plan import ESTIMATION, scenario_for
from interview.store.summaries import CriterionPoint

__all__ = ["CriterionTrend", "Practice", "Progress", "progress", "weakest"]

RECENT = 5  # the grades that decide "weakest" and the trend: the last few sessions


class TrendPoint(BaseModel):
    at: datetime
    score: int  # 1-4
    kind: str  # interview | drill_estimation | drill_criterion | redo
    session_id: str
    scenario: str


class CriterionTrend(BaseModel):
    """One criterion's grades over time."""

    id: str
    name: str
    sessions: int  # graded sessions that scored it (drills included)
    drills: int  # of which drills
    latest: int | None = None
    recent_mean: float | None = None  # mean of the last RECENT grades
    change: float | None = None  # recent mean minus the mean of the grades before them
    trend: str = "none"  # improving | declining | steady | new | none
    points: list[TrendPoint] = Field(default_factory=list)


class Practice(BaseModel):
    """The next practice suggested, with the command that starts it."""

    kind: str  # drill_estimation | drill_criterion | interview
    criterion: str | None = None
    scenario: str | None = None
    reason: str
    command: str


class Progress(BaseModel):
    criteria: list[CriterionTrend]
    next: Practice


def _trend(scores: Sequence[int]) -> tuple[float | None, float | None, str]:
    if not scores:
        return None, None, "none"
    recent = scores[-RECENT:]
    mean = sum(recent) / len(recent)
    if len(scores) < 2:
        return mean, None, "new"
    half = max(1, min(RECENT, len(scores) // 2))
    before, after = scores[:-half], scores[-half:]
    change = sum(after) / len(after) - sum(before) / len(before)
    trend = "improving" if change >= 0.5 else "declining" if change <= -0.5 else "steady"
    return mean, round(change, 2), trend


def weakest(trends: Iterable[CriterionTrend]) -> CriterionTrend | None:
    """The criterion with the lowest recent mean (ties: the one with the lower latest grade)."""
    scored = [t for t in trends if t.recent_mean is not None]
    if not scored:
        return None
    return min(scored, key=lambda t: (t.recent_mean, t.latest or 0, t.id))


def progress(points: Iterable[CriterionPoint], rubric: Rubric, scenarios: Iterable[Scenario]) -> Progress:
    """Each rubric criterion with its trend, and the next practice (a drill of the weakest)."""
    by_id: dict[str, list[CriterionPoint]] = {}
    for point in points:
        by_id.setdefault(point.criterion_id, []).append(point)
    trends = []
    for criterion in rubric.criteria:
        mine = sorted(by_id.get(criterion.id, []), key=lambda p: p.started_at)
        mean, change, trend = _trend([p.score for p in mine])
        trends.append(
            CriterionTrend(
                id=criterion.id,
                name=criterion.name,
                sessions=len(mine),
                drills=sum(p.kind != "interview" for p in mine),
                latest=mine[-1].score if mine else None,
                recent_mean=round(mean, 2) if mean is not None else None,
                change=change,
                trend=trend,
                points=[
                    TrendPoint(
                        at=p.started_at,
                        score=p.score,
                        kind=p.kind,
                        session_id=p.session_id,
                        scenario=p.scenario_id,
                    )
                    for p in mine
                ],
            )
        )
    return Progress(criteria=trends, next=suggest(trends, list(scenarios)))


def suggest(trends: list[CriterionTrend], scenarios: list[Scenario]) -> Practice:
    """A drill of the weakest criterion, on the scenario where it weighs most; else an interview."""
    drillable = [t for t in trends if not scenarios or scenario_for(scenarios, t.id) is not None]
    worst = weakest(drillable)
    if worst is None:
        first = sorted(s.id for s in scenarios)[:1]
        scenario = first[0] if first else None
        return Practice(
            kind="interview",
            scenario=scenario,
            reason="No graded sessions yet: a whole interview shows where you stand.",
            command=f"interview practice {scenario}" if scenario else "interview",
        )
    where = scenario_for(scenarios, worst.id)
    scenario = where.id if where is not None else None
    mean = f"{worst.recent_mean:.1f}" if worst.recent_mean is not None else "?"
    reason = (
        f"{worst.name} is your weakest criterion (mean {mean}/4 over the last {min(RECENT, worst.sessions)})."
    )
    if worst.id == ESTIMATION:
        return Practice(
            kind="drill_estimation",
            criterion=worst.id,
            scenario=scenario,
            reason=reason,
            command=f"interview drill estimation {scenario or ''}".rstrip(),
        )
    return Practice(
        kind="drill_criterion",
        criterion=worst.id,
        scenario=scenario,
        reason=reason,
        command=f"interview drill criterion {worst.id}",
    )
