"""A session as a Markdown report a person would want to read or share.

Only what the candidate saw goes in: the brief (never the scenario's hidden facts,
estimates or concepts), the transcript by phase, timings, the whiteboard, and the
latest grade with its feedback when the session was scored.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from interview.catalog import PHASE_TITLES
from interview.engine.records import Event, SessionRecord
from interview.engine.transcript import phase_rows
from interview.scoring import unanswered
from interview.scoring.report import Report
from interview.text.estimate_report import estimate_rows
from interview.understanding.diagram import parse_board
from interview.understanding.diagram_render import render
from interview.understanding.diagram_rules import check

_KIND_TITLES = {  # what a drill (interview/drills) is called in its export title
    "drill_estimation": "estimation drill",
    "drill_criterion": "criterion drill",
    "redo": "redo drill",
}
_VERDICTS = {
    "strong_no_hire": "strong no hire",
    "no_hire": "no hire",
    "lean_no_hire": "lean no hire",
    "lean_hire": "lean hire",
    "hire": "hire",
    "strong_hire": "strong hire",
    "insufficient_evidence": "insufficient evidence",
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
    """A verdict id as words."""
    return _VERDICTS.get(verdict or "", (verdict or "").replace("_", " "))


def phase_title(phase_id: str) -> str:
    """A phase id as its display title."""
    return PHASE_TITLES.get(phase_id, phase_id.replace("_", " ").capitalize())


def _cell(text: Any) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip()


def _table(headers: list[str], body: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in body]
    return lines + [""]


_TAG = re.compile(r"<(?=[A-Za-z/!?])")  # would be read as an HTML tag and vanish
_RULE_LINE = re.compile(r"^([ \t]*)(-{3,}|\*{3,}|_{3,}|=+)[ \t]*$", re.MULTILINE)  # a rule, or a heading


def _literal(text: str) -> str:
    """What someone typed, kept as typed when rendered: `GET /<code>` keeps its `<code>`, and
    a line of dashes stays a line of dashes rather than turning the line above into a heading.
    Other Markdown (lists, emphasis) is left to work."""
    text = _TAG.sub(r"\\<", text)
    return _RULE_LINE.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text)


def _fenced(text: str) -> list[str]:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + "text", text.rstrip("\n"), fence, ""]


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


def _scores(report: Report) -> list[str]:
    lines = ["## Scores", "", f"**Overall: {report.overall:.0f}/100, {verdict_label(report.verdict)}**"]
    lines += [f"(scored by {report.scorer}{', fallback: ' + report.fallback if report.fallback else ''})", ""]
    body = [[c.name, f"{c.weight:g}", f"{c.score}/{c.max}", c.why] for c in report.criteria]
    lines += _table(["Criterion", "Weight", "Score", "Why"], body)
    for crit in report.criteria:
        if not (crit.evidence or crit.missing):
            continue
        lines += [f"**{crit.name}**", ""]
        lines += [f"- {q.where}: \u201c{q.quote}\u201d" for q in crit.evidence]
        if crit.missing:
            lines.append(f"- not covered: {', '.join(crit.missing)}")
        lines.append("")
    if report.estimates:
        rows = estimate_rows(report.estimates)
        body = [[r.label, r.said, r.reference, r.within, r.how] for r in rows]
        headers = ["Figure", "You said", "Reference", "Within tolerance", "How"]
        lines += ["### Estimates", "", *_table(headers, body)]
        lines += [f"- {r.label}: {r.history}" for r in rows if r.history]
        lines += [""] if any(r.history for r in rows) else []
    return lines


def _feedback(report: Report) -> list[str]:
    fb = report.feedback
    lines = ["## Feedback", ""]
    if fb.summary:
        lines += [fb.summary.strip(), ""]
    if fb.strengths:
        lines += ["**Strengths**", "", *[f"- {s}" for s in fb.strengths], ""]
    if fb.improvements:
        lines += ["**To improve**", ""]
        for number, item in enumerate(fb.improvements, start=1):
            lines.append(f"{number}. **{item.title}** ({item.criterion})")
            if item.exposed_by:
                lines.append(f"   - Exposed by: \u201c{item.exposed_by}\u201d")
            if item.strong_answer:
                lines.append(f"   - A strong answer: {item.strong_answer}")
        lines.append("")
    if fb.hints_used:
        lines += [f"Hints used: {fb.hints_used}", ""]
    if report.flags:
        lines += ["**Notes from the grader**", "", *[f"- {flag.message}" for flag in report.flags], ""]
    return lines if len(lines) > 2 else []


def _diagram(whiteboard: str) -> list[str]:
    """The board drawn as boxes and arrows, and its findings (each naming its node)."""
    board = parse_board(whiteboard)
    if board.empty:
        return []
    findings = check(board)
    lines = ["### Diagram", "", *_fenced(render(board, 78))]
    if findings:
        lines += ["**Findings**", "", *[f"- {_literal(f.title)}" for f in findings], ""]
    return lines


def session_markdown(record: SessionRecord, events: list[Event], report: Report | None = None) -> str:
    """The whole session as a Markdown document."""
    lines = _header(record, report) + _brief(record) + _timing(record) + _transcript(events)
    if record.whiteboard.strip():
        lines += ["## Whiteboard", "", *_fenced(record.whiteboard), *_diagram(record.whiteboard)]
    if report is not None:
        lines += _scores(report) + _feedback(report)
        if left := unanswered.lines(report):  # shared with the printed and app reports
            lines += [f"## {unanswered.TITLE}", "", *[f"- {_literal(line)}" for line in left], ""]
    return "\n".join(lines).rstrip("\n") + "\n"
