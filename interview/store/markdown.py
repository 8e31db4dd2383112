"""A session as a Markdown report a person would want to read or share.

Only what the candidate saw goes in: the brief (never the scenario's hidden facts,
estimates or concepts), the transcript by phase, timings, the whiteboard, and the
latest grade with its feedback when the session was scored.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from interview.catalog import PHASE_TITLES
from interview.engine.records import Event, SessionRecord
from interview.engine.transcript import phase_rows
from interview.scoring.report import Report
from interview.text.report_sections import literal as _literal
from interview.text.report_sections import report_sections, sections_markdown, whiteboard_section

_KIND_TITLES = {  # what a drill (interview/drills) is called in its export title
    "drill_estimation": "estimation drill",
    "drill_criterion": "criterion drill",
    "redo": "redo drill",
}


def clock(seconds: float) -> str:
    """Seconds as m:ss (or h:mm:ss past an hour)."""
    total = max(0, int(round(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def when(value: datetime | None) -> str:
    """A datetime as 'YYYY-MM-DD HH:MM' plus its zone when known."""
    if value is None:
        return "—"
    zone = f" {value.tzname()}" if value.tzinfo else ""
    return value.strftime("%Y-%m-%d %H:%M") + zone


def verdict_label(verdict: str | None) -> str:
    """A verdict id as words: `lean_no_hire` -> `lean no hire`."""
    return (verdict or "").replace("_", " ")


def phase_title(phase_id: str) -> str:
    """A phase id as its display title."""
    return PHASE_TITLES.get(phase_id, phase_id.replace("_", " ").capitalize())


def _cell(text: Any) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip()


def _table(headers: list[str], body: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in body]
    return lines + [""]


def phase_groups(events: list[Event]) -> list[tuple[str, list[tuple[int, Event]]]]:
    """(turn number, turn) pairs grouped by consecutive phase, in the order they happened.

    Turn numbers are the 0-based index among turns, the numbering report quotes use.
    """
    groups: list[tuple[str, list[tuple[int, Event]]]] = []
    turns = [event for event in events if event.is_turn]
    for number, event in enumerate(turns):
        if not groups or groups[-1][0] != event.phase:
            groups.append((event.phase, []))
        groups[-1][1].append((number, event))
    return groups


def _header(record: SessionRecord, report: Report | None) -> list[str]:
    persona_name = record.persona.get("name") or record.persona_id
    lines = [
        f"# {record.scenario_title}: {_KIND_TITLES.get(record.kind, 'practice interview')}",
        "",
        f"- **Session:** `{record.id}`",
        f"- **Date:** {when(record.started_at)}",
        f"- **Interviewer:** {persona_name} ({record.persona_id})",
        f"- **Model:** {record.model}",
        f"- **Level:** {record.level}",
        f"- **Status:** {record.status.replace('_', ' ')}",
        f"- **Duration:** {clock(record.elapsed_s)}",
    ]
    if report is not None:
        lines.append(f"- **Score:** {report.overall:.0f}/100, {verdict_label(report.verdict)}")
    return lines + [""]


def _brief(record: SessionRecord) -> list[str]:
    prompt = str(record.scenario.get("prompt", "")).strip()
    minutes = record.scenario.get("minutes")
    lines = ["## Brief", ""]
    if minutes:
        lines += [f"*{float(minutes):g} minutes, {record.level} level.*", ""]
    return lines + [prompt or "(no brief stored)", ""]


def _timing(record: SessionRecord) -> list[str]:
    phases = phase_rows(record)
    if not phases:
        return []
    body = [
        [
            phase_title(p["id"]),
            f"{p['planned_min']:g} min",
            f"{p['used_min']:g} min",
            f"{p['overtime_min']:g} min" if p["overtime_min"] else "—",
        ]
        for p in phases
    ]
    return ["## Timing", "", *_table(["Phase", "Planned", "Used", "Over"], body)]


def _transcript(events: list[Event]) -> list[str]:
    lines = ["## Transcript", ""]
    groups = phase_groups(events)
    if not groups:
        return lines + ["(nothing was said)", ""]
    for phase, turns in groups:
        lines += [f"### {phase_title(phase)}", ""]
        for number, turn in turns:
            who = "Interviewer" if turn.role == "interviewer" else "You"
            lines.append(f"**{who}** · {clock(turn.elapsed_s)} · turn {number}")
            lines.append("")
            lines.append(_literal(turn.text.strip()) or "(silence)")
            if turn.fallback:
                lines += ["", f"*(model not used for this turn: {turn.fallback})*"]
            lines.append("")
    return lines


def session_markdown(record: SessionRecord, events: list[Event], report: Report | None = None) -> str:
    """The whole session as a Markdown document."""
    lines = _header(record, report) + _brief(record) + _timing(record) + _transcript(events)
    # The report: the same sections as the app's report screen and `show` (text/report_sections.py).
    if report is not None:
        sections = report_sections(report, record)
    else:
        sections = [board] if (board := whiteboard_section(record)) is not None else []
    text = "\n".join(lines).rstrip("\n") + "\n"
    return text + ("\n" + sections_markdown(sections) if sections else "")
