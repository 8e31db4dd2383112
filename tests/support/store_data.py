"""Realistic stored sessions for store and session-CLI tests, built without the engine.

Records use the built-in catalog's snapshots; events follow the engine's conventions
(turns are interviewer/candidate events; phase, whiteboard and end events are system).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from interview.catalog import load_catalog
from interview.engine.records import Event, SessionRecord
from interview.scoring.report import CriterionScore, Feedback, Improvement, Quote, Report
from interview.store import Store

START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)

# (role, phase, text, fallback) — a compact but complete interview.
TRANSCRIPT: list[tuple[str, str, str, str | None]] = [
    ("interviewer", "requirements", "Design a URL shortener. Where would you like to start?", None),
    (
        "candidate",
        "requirements",
        "Who uses it, and do links ever expire? Also, do we need custom aliases?",
        None,
    ),
    (
        "interviewer",
        "requirements",
        "Links expire after five years; custom aliases are a nice-to-have.",
        None,
    ),
    (
        "candidate",
        "estimation",
        "100M new links a day is about 1.2k writes per second, reads 100x that.",
        None,
    ),
    ("interviewer", "estimation", "How much storage over five years?", "model timed out"),
    (
        "candidate",
        "high_level_design",
        "An API tier behind a load balancer, a key generation service, and a KV store.",
        None,
    ),
    ("interviewer", "high_level_design", "How do you avoid two writers minting the same short code?", None),
    (
        "candidate",
        "deep_dive",
        "Pre-allocate ranges of ids per node; hot keys get cached with consistent hashing.",
        None,
    ),
    ("interviewer", "deep_dive", "What happens when the cache node holding a hot key fails?", None),
    (
        "candidate",
        "wrap_up",
        "Replicas take over; I'd add monitoring on cache hit ratio and p99 redirect latency.",
        None,
    ),
]


def catalog_snapshots(scenario_id: str = "url-shortener") -> tuple[dict, dict, dict]:
    """Scenario, rubric and persona snapshots from the built-in catalog."""
    catalog = load_catalog()
    scenario = catalog.scenarios[scenario_id].model
    rubric = catalog.rubrics[scenario.rubric].model
    persona = catalog.personas[scenario.persona].model
    return (scenario.model_dump(mode="json"), rubric.model_dump(mode="json"), persona.model_dump(mode="json"))


def make_record(
    *,
    scenario_id: str = "url-shortener",
    started_at: datetime = START,
    status: str = "completed",
    session_id: str | None = None,
    model: str = "offline",
    api_base: str | None = None,
) -> SessionRecord:
    """A session record as the engine would store it."""
    scenario, rubric, persona = catalog_snapshots(scenario_id)
    phase_times = {p["id"]: p["minutes"] * 60.0 + 30.0 for p in scenario["phases"]}
    return SessionRecord(
        id=session_id or uuid.uuid4().hex,
        scenario_id=scenario_id,
        scenario_title=scenario["title"],
        scenario=scenario,
        rubric=rubric,
        persona_id=persona["id"],
        persona=persona,
        model=model,
        api_base=api_base,
        level="senior",
        seed=7,
        status=status,  # type: ignore[arg-type]
        clock="virtual",
        wpm=150.0,
        started_at=started_at,
        ended_at=started_at + timedelta(minutes=47) if status != "in_progress" else None,
        elapsed_s=sum(phase_times.values()),
        phase_times=phase_times,
        whiteboard="client -> LB -> api -> kv\n  api -> keygen (ranges)",
    )


def make_events(
    transcript: list[tuple[str, str, str, str | None]] | None = None, *, started_at: datetime = START
) -> list[Event]:
    """Turns plus the system events around them (phase changes, a whiteboard snapshot, the end)."""
    events: list[Event] = []
    phase = None
    for index, (role, turn_phase, text, fallback) in enumerate(transcript or TRANSCRIPT):
        elapsed = index * 150.0
        if phase is not None and turn_phase != phase:
            events.append(
                _event(events, "system", "phase", turn_phase, elapsed, data={"from": phase, "to": turn_phase})
            )
        phase = turn_phase
        kind = "say" if role == "interviewer" else "answer"
        data = {"move": "probe"} if role == "interviewer" else {}
        events.append(_event(events, role, kind, turn_phase, elapsed, text, fallback, data, started_at))
    events.append(_event(events, "system", "whiteboard", phase or "wrap_up", 1400.0, "client -> LB -> api"))
    events.append(_event(events, "system", "end", phase or "wrap_up", 1500.0, data={"reason": "completed"}))
    return events


def _event(
    events: list[Event],
    role: str,
    kind: str,
    phase: str,
    elapsed: float,
    text: str = "",
    fallback: str | None = None,
    data: dict | None = None,
    started_at: datetime = START,
) -> Event:
    return Event(
        seq=len(events),
        role=role,  # type: ignore[arg-type]
        kind=kind,  # type: ignore[arg-type]
        phase=phase,
        elapsed_s=elapsed,
        text=text,
        fallback=fallback,
        data=data or {},
        at=started_at + timedelta(seconds=elapsed),
    )


def make_report(record: SessionRecord, overall: float = 72.0, verdict: str = "hire") -> Report:
    """A graded report over the record's rubric, quoting the candidate's turns."""
    criteria = [
        CriterionScore(
            id=c["id"],
            name=c["name"],
            weight=c["weight"],
            score=3 if i % 2 else 2,
            why=f"covered {c['name'].lower()} partly",
            evidence=[Quote(turn=3, quote="100M new links a day")] if i == 0 else [],
            missing=["custom alias collisions"] if i == 1 else [],
        )
        for i, c in enumerate(record.rubric["criteria"])
    ]
    improvement = Improvement(
        title="Size the storage before designing",
        criterion=criteria[1].id,
        strong_answer="100M links/day x 500 B x 365 x 5 is about 90 TB.",
        exposed_by="How much storage over five years?",
    )
    return Report(
        overall=overall,
        verdict=verdict,
        level=record.level,
        criteria=criteria,
        feedback=Feedback(
            summary="Solid requirements, thin on storage math.",
            strengths=["Asked about expiry before designing"],
            improvements=[improvement],
        ),
        scorer="offline",
        rubric_id=record.rubric["id"],
        scored_at=record.started_at + timedelta(hours=1),
    )


def stored_session(
    store: Store, *, report: bool = True, transcript: list | None = None, **record_fields: object
) -> tuple[SessionRecord, list[Event]]:
    """Create, fill and (optionally) grade one session in `store`."""
    record = make_record(**record_fields)  # type: ignore[arg-type]
    events = make_events(transcript, started_at=record.started_at)
    store.create_session(record)
    for event in events:
        store.append_event(record.id, event)
    if report:
        store.save_report(record.id, make_report(record))
    return record, events
