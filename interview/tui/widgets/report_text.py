"""Markdown for a report and a transcript: pure functions, so they are easy to test."""

from __future__ import annotations

from typing import TYPE_CHECKING

from interview.text.report_sections import VERDICT_LABELS, bar, verdict_label  # noqa: F401 (re-exported)

if TYPE_CHECKING:  # kept out of the import path of the first frame (pydantic models are slow to build)
    from interview.engine.records import Event, SessionRecord
    from interview.scoring.report import Report


def report_markdown(report: Report, record: SessionRecord | None = None) -> str:
    """The whole report as Markdown: the title, then the sections every form of the report
    shows (text/report_sections.py), so the app says what `show` and the export say."""
    from interview.text.report_sections import report_sections, sections_markdown

    title = record.scenario_title if record else "Interview"
    head = f"# {title}: {verdict_label(report.verdict)} · {report.overall:.0f}/100\n\n"
    return head + sections_markdown(report_sections(report, record))


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
