"""Scoring: the offline rubric scorer and the LLM judge that can refine it.

`score_offline` is pure and fast; `score_session` uses the judge when a model is given and
falls back to the offline report (saying why) when the judge fails.
"""

from __future__ import annotations

from interview.engine.records import Event, SessionRecord
from interview.scoring.offline import score_offline
from interview.scoring.report import Report

__all__ = ["Report", "score_offline", "score_session"]


async def score_session(
    record: SessionRecord,
    events: list[Event],
    *,
    model: str | None = None,
    api_base: str | None = None,
    timeout: float = 60,
) -> Report:
    """Grade a session: the LLM judge when `model` is given (guarded by offline evidence), else offline."""
    if not model or model == "offline":
        return score_offline(record, events)
    from interview.scoring.judge import judge_session

    report = await judge_session(record, events, model=model, api_base=api_base, timeout=timeout)
    if "unanswered" not in report.extra:
        from interview.scoring import unanswered

        unanswered.apply(report, events)
    return report
