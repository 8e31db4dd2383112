"""Sessions for scorer tests: hand-built transcripts and headless engine runs of answers files."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from interview.catalog import load_catalog
from interview.engine import VirtualClock, new_session
from interview.engine.answers import read_answers
from interview.engine.records import Event, SessionRecord

CALIBRATION = Path(__file__).resolve().parents[1] / "fixtures" / "calibration"
UNSEEN = Path(__file__).resolve().parents[1] / "fixtures" / "calibration_unseen"
"""Answers written after the scorer, in other words and shapes than the calibration set."""
START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def make_session(
    turns: list[tuple[str, str, str] | tuple[str, str, str, dict[str, Any]]],
    scenario_id: str = "url-shortener",
    level: str = "senior",
    phase_times: dict[str, float] | None = None,
) -> tuple[SessionRecord, list[Event]]:
    """A record and events from (role, phase, text[, data]) tuples; role "candidate" or "interviewer".

    Candidate text "/next" becomes a command event. Time advances 60 words a minute.
    """
    catalog = load_catalog()
    scenario = catalog.scenario(scenario_id)
    record = SessionRecord(
        id="0" * 32,
        scenario_id=scenario.id,
        scenario_title=scenario.title,
        scenario=scenario.model_dump(mode="json"),
        rubric=catalog.rubric(scenario.rubric).model_dump(mode="json"),
        persona_id=scenario.persona,
        persona=catalog.persona(scenario.persona).model_dump(mode="json"),
        level=level,
        seed=1,
        status="completed",
        clock="virtual",
        started_at=START,
        phase_times=phase_times or {},
    )
    events: list[Event] = []
    elapsed = 0.0
    for item in turns:
        role, phase, text = item[0], item[1], item[2]
        data = item[3] if len(item) > 3 else {}  # type: ignore[misc]
        kind = "say" if role == "interviewer" else ("command" if text.startswith("/") else "answer")
        events.append(
            Event(seq=len(events), role=role, kind=kind, phase=phase, elapsed_s=elapsed, text=text, data=data)
        )
        elapsed += max(5.0, len(text.split()))
    record.elapsed_s = elapsed
    return record, events


async def _play(scenario_id: str, path: Path, level: str | None) -> tuple[SessionRecord, list[Event]]:
    session = new_session(load_catalog(), scenario_id, clock=VirtualClock(), seed=7, level=level)
    async for _ in session.opening():
        pass
    for answer in read_answers(path):
        if session.finished:
            break
        async for _ in session.send(answer):
            pass
    if not session.finished:
        session.end()
    return session.record, list(session.events)


@cache
def headless_run(
    scenario_id: str, quality: str, level: str | None = None, root: Path = CALIBRATION
) -> tuple[SessionRecord, list[Event]]:
    """Play a calibration answers file through the engine offline (cached per test run)."""
    path = root / scenario_id / f"{quality}.txt"
    # async tests already run a loop: play the interview on a thread with its own
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _play(scenario_id, path, level)).result()
