"""Fixtures for the TUI tests: a fixed catalog, a temp database, fixed time, stored sessions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from interview import paths
from interview.catalog import Catalog, load_catalog
from interview.engine.records import Event, SessionRecord
from interview.scoring.report import (
    CriterionScore,
    EstimateCheck,
    Feedback,
    Improvement,
    PhaseTime,
    Quote,
    Report,
)
from interview.tui.services import Services

DATA = Path(__file__).parent / "data"
FIXED_NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_builtins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Built-in YAML comes from tests/tui/data, so catalog changes never move a snapshot."""
    monkeypatch.setattr(paths, "builtin_dir", lambda kind: DATA / kind)


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tui.db"


@pytest.fixture
def make_services(catalog: Catalog, db_path: Path) -> Callable[..., Services]:
    """Services with a fixed catalog, temp db, UTC dates, seed 7 and a clock the test moves."""

    def build(**overrides: object) -> Services:
        from tests.tui.helpers import ManualClock

        values: dict[str, object] = {
            "catalog": catalog,
            "db_path": db_path,
            "tz": UTC,
            "seed": 7,
            "now": lambda: FIXED_NOW,
            "clock_factory": ManualClock,
            "tick_seconds": 0,
            "autosave_seconds": 0,
        }
        values.update(overrides)
        return Services(**values)  # type: ignore[arg-type]

    return build


def sample_report(overall: float = 64.0, verdict: str = "lean_hire") -> Report:
    """A hand-built report with every section filled in."""
    return Report(
        overall=overall,
        verdict=verdict,
        level="senior",
        criteria=[
            CriterionScore(
                id="requirements",
                name="Requirements and scoping",
                weight=15,
                score=3,
                why="Asked about scale and limits before designing.",
                evidence=[Quote(turn=1, quote="How many requests per second at peak?")],
            ),
            CriterionScore(
                id="estimation",
                name="Back-of-envelope estimation",
                weight=10,
                score=2,
                why="Gave peak traffic but no memory figure.",
                missing=["memory for the counters"],
            ),
            CriterionScore(
                id="reliability",
                name="Reliability",
                weight=15,
                score=1,
                why="Never said what happens when Redis is down.",
                insufficient_evidence=True,
            ),
        ],
        estimates=[
            EstimateCheck(
                id="peak_rps",
                label="requests per second at peak",
                reference=1_000_000,
                unit="per_second",
                tolerance=3,
                said="800k rps",
                said_value=800_000,
                turn=3,
                within_tolerance=True,
            ),
            EstimateCheck(
                id="counter_memory",
                label="memory for the counters",
                reference=1e9,
                unit="bytes",
                tolerance=5,
            ),
        ],
        feedback=Feedback(
            summary="Good scoping; the failure story is missing.",
            strengths=["Clarified limits per plan before drawing."],
            improvements=[
                Improvement(
                    title="Say what happens when the counter store fails",
                    criterion="reliability",
                    concept="fail_open",
                    strong_answer="Fail open with a local fallback limit.",
                    exposed_by="The counter store is down. Do you let traffic through?",
                )
            ],
            time=[
                PhaseTime(id="requirements", planned_min=5, used_min=6.5, overtime_min=1.5),
                PhaseTime(id="estimation", planned_min=5, used_min=4.0),
            ],
            hints_used=1,
        ),
        rubric_id="system-design",
        scored_at=FIXED_NOW,
    )


def sample_record(
    catalog: Catalog, scenario_id: str = "rate-limiter", *, days_ago: int = 0, **fields: object
) -> SessionRecord:
    """A finished session record of a fixture scenario."""
    import uuid

    entry = catalog.scenarios[scenario_id]
    persona = catalog.personas[entry.model.persona].model
    values: dict[str, object] = {
        "id": uuid.uuid4().hex,
        "scenario_id": scenario_id,
        "scenario_title": entry.model.title,
        "scenario": entry.model.model_dump(mode="json"),
        "rubric": catalog.rubrics[entry.model.rubric].model.model_dump(mode="json"),
        "persona_id": persona.id,
        "persona": persona.model_dump(mode="json"),
        "level": entry.model.level,
        "seed": 7,
        "status": "completed",
        "started_at": FIXED_NOW - timedelta(days=days_ago),
        "ended_at": FIXED_NOW - timedelta(days=days_ago) + timedelta(minutes=40),
        "elapsed_s": 2400.0,
        "phase_times": {"requirements": 390.0, "estimation": 240.0},
        "whiteboard": "client -> LB -> limiter -> API\n          |\n        redis",
    }
    values.update(fields)
    return SessionRecord(**values)  # type: ignore[arg-type]


def sample_events() -> list[Event]:
    """A short conversation across two phases."""
    texts = [
        ("interviewer", "say", "requirements", "Design a rate limiter for a public API."),
        ("candidate", "answer", "requirements", "How many requests per second at peak?"),
        ("interviewer", "say", "requirements", "About 1 million requests per second at peak."),
        ("system", "phase", "estimation", ""),
        ("candidate", "answer", "estimation", "So 800k rps on average; a token bucket per key in redis."),
        ("interviewer", "say", "estimation", "How much memory do the counters need?"),
    ]
    return [
        Event(seq=i, role=role, kind=kind, phase=phase, elapsed_s=60.0 * i, text=text, at=FIXED_NOW)  # type: ignore[arg-type]
        for i, (role, kind, phase, text) in enumerate(texts)
    ]


@pytest.fixture
def stored_sessions(catalog: Catalog, db_path: Path) -> list[SessionRecord]:
    """Three graded sessions of rate-limiter (scores rising) and one of url-mini."""
    from interview.store import Store

    records = []
    with Store(db_path) as store:
        for days_ago, overall, verdict in (
            (20, 41.0, "lean_no_hire"),
            (10, 55.0, "lean_hire"),
            (2, 72.0, "hire"),
        ):
            record = sample_record(catalog, days_ago=days_ago)
            store.create_session(record)
            for event in sample_events():
                store.append_event(record.id, event)
            store.save_report(record.id, sample_report(overall, verdict))
            records.append(record)
        other = sample_record(catalog, "url-mini", days_ago=5)
        store.create_session(other)
        for event in sample_events()[:3]:
            store.append_event(other.id, event)
        store.save_report(other.id, sample_report(30.0, "no_hire"))
        records.append(other)
    return records
