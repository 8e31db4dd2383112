"""Converting records, events and reports to database rows and back."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from interview.engine.records import Event, SessionRecord
from interview.scoring.report import Report

SNAPSHOT_FIELDS = ("scenario", "rubric", "persona")
SESSION_FIELDS = tuple(SessionRecord.model_fields)
_SECRET_PARAM_WORDS = ("key", "token", "secret", "password", "sig")


def utc_text(value: datetime | None) -> str | None:
    """ISO 8601 text; aware datetimes are stored in UTC so the text sorts by time."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.isoformat()


def now_text() -> str:
    """The current time as stored text."""
    return datetime.now(UTC).isoformat()


def strip_secrets(url: str | None) -> str | None:
    """An api_base without user:password@ and without key-like query parameters."""
    if not url:
        return url
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)[-1]
    query = urlencode(
        [
            (name, value)
            for name, value in parse_qsl(parts.query, keep_blank_values=True)
            if not any(word in name.lower() for word in _SECRET_PARAM_WORDS)
        ]
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def snapshot_row(kind: str, value: dict[str, Any]) -> dict[str, str]:
    """A snapshots row: the JSON body keyed by its sha256, so equal snapshots are stored once."""
    body = json.dumps(value, ensure_ascii=False)
    return {"hash": hashlib.sha256(body.encode("utf-8")).hexdigest(), "kind": kind, "body": body}


def session_columns(fields: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """Column values for some SessionRecord fields (already validated), plus snapshot rows."""
    columns: dict[str, Any] = {}
    snapshots: list[dict[str, str]] = []
    for name, value in fields.items():
        if name in SNAPSHOT_FIELDS:
            snap = snapshot_row(name, value)
            snapshots.append(snap)
            columns[f"{name}_snapshot"] = snap["hash"]
            if name == "rubric":
                columns["rubric_id"] = str(value.get("id", ""))
        elif name == "phase_times":
            columns[name] = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, datetime):
            columns[name] = utc_text(value)
        elif name == "api_base":
            columns[name] = strip_secrets(value)
        else:
            columns[name] = value
    return columns, snapshots


def record_row(record: SessionRecord) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The sessions row for a whole record, plus its snapshot rows."""
    return session_columns({name: getattr(record, name) for name in SESSION_FIELDS})


def record_from_row(row: dict[str, Any]) -> SessionRecord:
    """Rebuild a SessionRecord from a sessions row joined with its snapshot bodies."""
    values = {name: row[name] for name in SESSION_FIELDS}
    for name in (*SNAPSHOT_FIELDS, "phase_times"):
        values[name] = json.loads(values[name])
    return SessionRecord.model_validate(values)


EVENT_COLUMNS = ("seq", "role", "kind", "phase", "elapsed_s", "text", "fallback", "data", "at")


def event_row(session_id: str, event: Event) -> dict[str, Any]:
    """The events row for one event."""
    return {
        "session_id": session_id,
        "seq": event.seq,
        "role": event.role,
        "kind": event.kind,
        "phase": event.phase,
        "elapsed_s": event.elapsed_s,
        "text": event.text,
        "fallback": event.fallback,
        "data": json.dumps(event.data, ensure_ascii=False, default=str),
        "at": utc_text(event.at),
    }


def event_from_row(row: dict[str, Any]) -> Event:
    """Rebuild an Event from an events row."""
    values = {name: row[name] for name in EVENT_COLUMNS}
    values["data"] = json.loads(values["data"])
    return Event.model_validate(values)


def report_row(session_id: str, report: Report) -> dict[str, Any]:
    """The reports row for one grade."""
    return {
        "session_id": session_id,
        "saved_at": now_text(),
        "scored_at": utc_text(report.scored_at),
        "overall": report.overall,
        "verdict": report.verdict,
        "level": report.level,
        "scorer": report.scorer,
        "fallback": report.fallback,
        "rubric_id": report.rubric_id,
        "summary": report.feedback.summary,
        "report": report.model_dump_json(),
    }


def criterion_rows(session_id: str, report_id: int, report: Report) -> list[dict[str, Any]]:
    """One row per graded criterion, with its evidence and the feedback about it."""
    rows = []
    for crit in report.criteria:
        improvements = [
            i.model_dump(mode="json") for i in report.feedback.improvements if i.criterion == crit.id
        ]
        rows.append(
            {
                "report_id": report_id,
                "session_id": session_id,
                "criterion_id": crit.id,
                "name": crit.name,
                "weight": crit.weight,
                "score": crit.score,
                "max": crit.max,
                "why": crit.why,
                "insufficient_evidence": int(crit.insufficient_evidence),
                "evidence": json.dumps(
                    [q.model_dump(mode="json") for q in crit.evidence], ensure_ascii=False
                ),
                "missing": json.dumps(crit.missing, ensure_ascii=False),
                "feedback": json.dumps(improvements, ensure_ascii=False),
            }
        )
    return rows
