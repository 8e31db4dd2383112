"""Markdown for a report and a transcript: pure functions, so they are easy to test."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # kept out of the import path of the first frame (pydantic models are slow to build)
    from interview.engine.records import Event, SessionRecord
    from interview.scoring.report import Report

VERDICT_LABELS = {
    "strong_no_hire": "Strong no hire",
    "no_hire": "No hire",
    "lean_no_hire": "Lean no hire",
    "lean_hire": "Lean hire",
    "hire": "Hire",
    "strong_hire": "Strong hire",
    "insufficient_evidence": "Insufficient evidence",
}


def verdict_label(verdict: str | None) -> str:
    """`lean_hire` -> `Lean hire`."""
    if not verdict:
        return "—"
    return VERDICT_LABELS.get(verdict, verdict.replace("_", " ").capitalize())


def bar(score: int, maximum: int = 4, width: int = 8) -> str:
    """`██████░░` for 3 of 4."""
    filled = round(width * score / maximum) if maximum else 0
    return "█" * filled + "░" * (width - filled)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _fence(text: str) -> str:
    """A code fence longer than any backtick run inside, so the board shows verbatim."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text.rstrip()}\n{fence}"


def report_markdown(report: Report, record: SessionRecord | None = None) -> str:
    """The whole report as Markdown: verdict, bars, evidence, estimates, improvements, time, board."""
    from interview.catalog import PHASE_TITLES
    from interview.text.estimate_report import estimate_rows

    lines: list[str] = []
    title = record.scenario_title if record else "Interview"
    lines.append(f"# {title}: {verdict_label(report.verdict)} · {report.overall:.0f}/100")
    meta = [f"level **{report.level}**", f"scored by **{report.scorer}**"]
    if record is not None:
        meta.insert(0, f"persona **{record.persona_id}** · model **{record.model}**")
    lines.append(" · ".join(meta))
    if report.fallback:
        lines.append(f"\n> The model judge was not used: {report.fallback}")
    if report.feedback.summary:
        lines.append(f"\n{report.feedback.summary}")

    lines.append("\n## Criteria\n")
    lines.append("| Criterion | Score | Why |")
    lines.append("|---|---|---|")
    for c in report.criteria:
        note = " (insufficient evidence)" if c.insufficient_evidence else ""
        lines.append(
            f"| {_cell(c.name)} | `{bar(c.score, c.max)}` {c.score}/{c.max} | {_cell(c.why)}{note} |"
        )

    evidence = [c for c in report.criteria if c.evidence or c.missing]
    if evidence:
        lines.append("\n## Evidence\n")
        for c in evidence:
            lines.append(f"**{c.name}**\n")
            for quote in c.evidence:
                lines.append(f"> “{_cell(quote.quote)}” — {quote.where}\n")
            if c.missing:
                lines.append(f"Missing: {', '.join(c.missing)}\n")

    if report.estimates:
        lines.append("\n## Estimates\n")
        lines.append("| Figure | You said | Reference | Within tolerance | How |")
        lines.append("|---|---|---|---|---|")
        rows = estimate_rows(report.estimates)
        for r in rows:
            lines.append(
                f"| {_cell(r.label)} | {_cell(r.said)} | {_cell(r.reference)} | {r.within} | {_cell(r.how)} |"
            )
        lines.extend(f"\n{_cell(r.label)}: {_cell(r.history)}" for r in rows if r.history)

    if report.feedback.strengths:
        lines.append("\n## Strengths\n")
        lines.extend(f"- {_cell(s)}" for s in report.feedback.strengths)

    if report.feedback.improvements:
        lines.append("\n## Top improvements\n")
        for i, imp in enumerate(report.feedback.improvements, 1):
            lines.append(f"{i}. **{_cell(imp.title)}** ({imp.criterion})")
            if imp.strong_answer:
                lines.append(f"   - A strong answer: {_cell(imp.strong_answer)}")
            if imp.exposed_by:
                lines.append(f"   - Exposed by: “{_cell(imp.exposed_by)}”")

    if report.feedback.time:
        lines.append("\n## Time per phase\n")
        lines.append("| Phase | Planned | Used | Over |")
        lines.append("|---|---|---|---|")
        for t in report.feedback.time:
            over = f"+{t.overtime_min:.1f}" if t.overtime_min > 0 else "—"
            name = PHASE_TITLES.get(t.id, t.id)
            lines.append(f"| {name} | {t.planned_min:g} min | {t.used_min:.1f} min | {over} |")
    lines.append(f"\nHints used: {report.feedback.hints_used}")

    if report.flags:
        lines.append("\n## Flags\n")
        lines.extend(f"- {f.kind}: {_cell(f.message)}" for f in report.flags)

    board = record.whiteboard if record is not None else ""
    lines.append("\n## Whiteboard\n")
    lines.append(_fence(board) if board.strip() else "_The whiteboard was empty._")
    lines.extend(_diagram(board))
    return "\n".join(lines) + "\n"


def _diagram(board_text: str) -> list[str]:
    """The board drawn as boxes and arrows, and its findings naming their nodes."""
    from interview.understanding.diagram import parse_board  # imported when a report is shown
    from interview.understanding.diagram_render import render
    from interview.understanding.diagram_rules import check

    board = parse_board(board_text)
    if board.empty:
        return []
    findings = check(board)
    out = ["\n### Diagram\n", _fence(render(board, 76))]
    if findings:
        out += ["\n**Findings**\n", *[f"- {_cell(f.title)}" for f in findings]]
    return out


def found_heading(turn: int) -> str:
    """The heading over a turn a search hit opened (the transcript scrolls to it)."""
    return f"▶ Found: turn {turn}"


def transcript_markdown(events: list[Event], found: int | None = None) -> str:
    """The turns grouped under a heading per phase, each numbered as report quotes number them
    ("turn 27": the 0-based index among turns); the `found` turn is headed and quoted."""
    from interview.catalog import PHASE_TITLES

    lines: list[str] = []
    phase: str | None = None
    for number, event in enumerate(e for e in events if e.is_turn):
        if event.phase != phase:
            phase = event.phase
            lines.append(f"\n## {PHASE_TITLES.get(phase, phase)}\n")
        who = "Interviewer" if event.role == "interviewer" else "You"
        minute = f"{int(event.elapsed_s // 60):02d}:{int(event.elapsed_s % 60):02d}"
        fallback = " _(offline fallback)_" if event.fallback else ""
        text = event.text.strip() or "_(empty)_"
        if event.kind == "command":
            text = f"`{text}`"
        head = f"**{who}** · {minute} · turn {number}{fallback}"
        if number == found:
            quoted = "\n".join(f"> {row}" if row.strip() else ">" for row in text.splitlines())
            lines.append(f"#### {found_heading(number)}\n\n{head}\n\n{quoted}\n")
            continue
        lines.append(f"{head}\n\n{text}\n")
    if not lines:
        return "_No turns were recorded._\n"
    return "\n".join(lines)
