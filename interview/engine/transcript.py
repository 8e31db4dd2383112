"""The one JSON shape of a session, shared by `run --json`, `show --json` and `export`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from interview.engine.records import Event, SessionRecord

if TYPE_CHECKING:  # only a type here; importing scoring would be circular (it uses hints_used)
    from interview.scoring.report import Report


def phase_rows(record: SessionRecord) -> list[dict[str, Any]]:
    """Planned and used minutes per phase of the scenario as run."""
    rows = []
    for phase in record.scenario.get("phases", []):
        used_s = float(record.phase_times.get(phase["id"], 0.0))
        planned = float(phase["minutes"])
        used = round(used_s / 60.0, 2)
        rows.append(
            {
                "id": phase["id"],
                "planned_min": planned,
                "used_min": used,
                "overtime_min": round(max(0.0, used - planned), 2),
            }
        )
    return rows


def turn_dict(event: Event) -> dict[str, Any]:
    """A turn as it appears in JSON output."""
    return {
        "role": event.role,
        "phase": event.phase,
        "elapsed_s": round(event.elapsed_s, 1),
        "text": event.text,
        "fallback": event.fallback,
    }


def hints_used(events: list[Event]) -> int:
    """How many hints the candidate asked for."""
    return sum(1 for e in events if e.role == "interviewer" and e.data.get("move") == "hint")


def session_json(
    record: SessionRecord, events: list[Event], report: Report | None = None, **extra: Any
) -> dict[str, Any]:
    """The session as one JSON-ready dict (see docs/ARCHITECTURE.md)."""
    out: dict[str, Any] = {
        "session_id": record.id,
        "kind": record.kind,
        "scenario": record.scenario_id,
        "scenario_title": record.scenario_title,
        "persona": record.persona_id,
        "model": record.model,
        "level": record.level,
        "seed": record.seed,
        "status": record.status,
        "started_at": record.started_at.isoformat(),
        "ended_at": record.ended_at.isoformat() if record.ended_at else None,
        "elapsed_s": round(record.elapsed_s, 1),
        "phases": phase_rows(record),
        "turns": [turn_dict(e) for e in events if e.is_turn],
        "whiteboard": record.whiteboard,
        "hints_used": hints_used(events),
        "score": report.model_dump(mode="json") if report is not None else None,
    }
    out.update(extra)
    return out
