"""One report, many forms: the graded report as a neutral list of sections.

`report_sections(report, record)` decides what every form of a report shows: the same
sections with the same titles, labels, units and derivations, in the same order. Thin
front-ends lay them out: `sections_markdown` here (the app's report screen and the
Markdown export), `cli/report_rich.py` (`show`, `run`, `rescore`). A front-end never
adds or renames a figure; a new section is one builder added to `SECTION_BUILDERS`.

Free of rich and Textual (pure strings); the whiteboard's diagram is drawn on demand.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # kept off the app's first-frame import path
    from interview.engine.records import SessionRecord
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


@dataclass(frozen=True)
class Item:
    """One entry of a list, with indented notes under it ("Exposed by: …")."""

    text: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """One piece of a section: a paragraph, a sub-heading, a table, a list, or verbatim text."""

    kind: Literal["text", "heading", "table", "items", "numbered", "code"]
    text: str = ""
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    items: tuple[Item, ...] = ()
    emphasis: bool = False  # a text block said with weight (the overall score)


@dataclass
class Section:
    """A titled part of the report."""

    id: str
    title: str
    blocks: list[Block] = field(default_factory=list)


Builder = Callable[["Report", "SessionRecord | None"], "Section | None"]


def _overall(report: Report, record: SessionRecord | None) -> Section:
    blocks = [
        Block("text", f"Overall: {report.overall:.0f}/100 · {verdict_label(report.verdict)}", emphasis=True)
    ]
    who = f"Scored by {report.scorer} at level {report.level}"
    if record is not None:
        who += f" · interviewer {record.persona_id} · model {record.model}"
    blocks.append(Block("text", who))
    if report.fallback:
        blocks.append(Block("text", f"The model judge was not used: {report.fallback}"))
    if report.feedback.summary.strip():
        blocks.append(Block("text", report.feedback.summary.strip()))
    return Section("overall", "Score", blocks)


def _criteria(report: Report, record: SessionRecord | None) -> Section:
    rows = []
    for c in report.criteria:
        score = f"{bar(c.score, c.max)} {c.score}/{c.max}"
        why = c.why + (" (insufficient evidence)" if c.insufficient_evidence else "")
        rows.append((c.name, f"{c.weight:g}", score, why))
    table = Block("table", headers=("Criterion", "Weight", "Score", "Why"), rows=tuple(rows))
    return Section("criteria", "Criteria", [table])


def _evidence(report: Report, record: SessionRecord | None) -> Section | None:
    blocks = []
    for c in report.criteria:
        if not (c.evidence or c.missing):
            continue
        blocks.append(Block("heading", c.name))
        items = [Item(f"{q.where}: “{q.quote}”") for q in c.evidence]
        if c.missing:
            items.append(Item(f"Not covered: {', '.join(c.missing)}"))
        blocks.append(Block("items", items=tuple(items)))
    return Section("evidence", "Evidence", blocks) if blocks else None


def _estimates(report: Report, record: SessionRecord | None) -> Section | None:
    from interview.text.estimate_report import estimate_rows

    if not report.estimates:
        return None
    rows = estimate_rows(report.estimates)
    blocks = [
        Block(
            "table",
            headers=("Figure", "You said", "Reference", "Within tolerance", "How"),
            rows=tuple((r.label, r.said, r.reference, r.within, r.how) for r in rows),
        )
    ]
    corrected = [Item(f"{r.label}: {r.history}") for r in rows if r.history]
    if corrected:
        blocks.append(Block("items", items=tuple(corrected)))
    return Section("estimates", "Estimates", blocks)


def _strengths(report: Report, record: SessionRecord | None) -> Section | None:
    strengths = [Item(s) for s in report.feedback.strengths if s.strip()]
    return Section("strengths", "Strengths", [Block("items", items=tuple(strengths))]) if strengths else None


def _improvements(report: Report, record: SessionRecord | None) -> Section | None:
    items = []
    for imp in report.feedback.improvements:
        notes = []
        if imp.exposed_by:
            notes.append(f"Exposed by: “{imp.exposed_by}”")
        if imp.strong_answer:
            notes.append(f"A strong answer: {imp.strong_answer}")
        items.append(Item(f"{imp.title} ({imp.criterion})", tuple(notes)))
    if not items:
        return None
    return Section("improvements", "Top improvements", [Block("numbered", items=tuple(items))])


def _time(report: Report, record: SessionRecord | None) -> Section | None:
    from interview.catalog.models import PHASE_TITLES

    fb = report.feedback
    if not fb.time and not fb.hints_used:
        return None
    blocks = []
    if fb.time:
        rows = tuple(
            (
                PHASE_TITLES.get(t.id, t.id.replace("_", " ").capitalize()),
                f"{t.planned_min:g} min",
                f"{t.used_min:.1f} min",
                f"+{t.overtime_min:.1f} min" if t.overtime_min > 0 else "—",
            )
            for t in fb.time
        )
        blocks.append(Block("table", headers=("Phase", "Planned", "Used", "Over"), rows=rows))
    blocks.append(Block("text", f"Hints used: {fb.hints_used}"))
    return Section("time", "Time per phase", blocks)


def _flags(report: Report, record: SessionRecord | None) -> Section | None:
    items = []
    for flag in report.flags:
        text = flag.message + (f" (turn {flag.turn})" if flag.turn is not None else "")
        if flag.quote:
            text += f" You said: “{flag.quote}”"
        items.append(Item(text))
    return Section("flags", "Notes from the grader", [Block("items", items=tuple(items))]) if items else None


def whiteboard_section(record: SessionRecord | None) -> Section | None:
    """The final whiteboard, drawn as boxes and arrows, with its findings (each naming its node)."""
    if record is None:
        return None
    board_text = record.whiteboard
    if not board_text.strip():
        return Section("whiteboard", "Whiteboard", [Block("text", "The whiteboard was empty.")])
    from interview.understanding.diagram import parse_board
    from interview.understanding.diagram_render import render
    from interview.understanding.diagram_rules import check

    blocks = [Block("code", board_text.rstrip("\n"))]
    board = parse_board(board_text)
    if not board.empty:
        blocks += [Block("heading", "Diagram"), Block("code", render(board, 76))]
        findings = [Item(f.title) for f in check(board)]
        if findings:
            blocks += [Block("heading", "Findings"), Block("items", items=tuple(findings))]
    return Section("whiteboard", "Whiteboard", blocks)


def _whiteboard(report: Report, record: SessionRecord | None) -> Section | None:
    return whiteboard_section(record)


def _unanswered(report: Report, record: SessionRecord | None) -> Section | None:
    """The interviewer's questions left dodged or open (scoring/unanswered.py)."""
    from interview.scoring import unanswered

    left = unanswered.lines(report)
    if not left:
        return None
    return Section("unanswered", unanswered.TITLE, [Block("items", items=tuple(Item(line) for line in left))])


# The order every form shows.
SECTION_BUILDERS: list[Builder] = [
    _overall,
    _criteria,
    _evidence,
    _estimates,
    _strengths,
    _improvements,
    _time,
    _unanswered,
    _flags,
    _whiteboard,
]


def report_sections(report: Report, record: SessionRecord | None = None) -> list[Section]:
    """The report's sections, in order; empty ones are left out (the same way in every form)."""
    return [s for s in (build(report, record) for build in SECTION_BUILDERS) if s is not None]


# --------------------------------------------------------------------------- Markdown


_TAG = re.compile(r"<(?=[A-Za-z/!?])")  # would be read as an HTML tag and vanish
_RULE_LINE = re.compile(r"^([ \t]*)(-{3,}|\*{3,}|_{3,}|=+)[ \t]*$", re.MULTILINE)  # a rule, or a heading


def literal(text: str) -> str:
    """What someone typed, kept as typed when rendered: `GET /<code>` keeps its `<code>`, and
    a line of dashes stays a line of dashes rather than turning the line above into a heading.
    Other Markdown (lists, emphasis) is left to work."""
    text = _TAG.sub(r"\\<", text)
    return _RULE_LINE.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


def _line(text: str) -> str:
    return literal(" ".join(text.split()))


def _fence(text: str) -> str:
    """A code fence longer than any backtick run inside, so the text shows verbatim."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text.rstrip()}\n{fence}"


def block_markdown(block: Block, level: int = 3) -> list[str]:
    """One block as Markdown lines (followed by a blank line); a sub-heading at `level`."""
    if block.kind == "text":
        return [f"**{_line(block.text)}**" if block.emphasis else literal(block.text.strip()), ""]
    if block.kind == "heading":
        return [f"{'#' * level} {_line(block.text)}", ""]
    if block.kind == "code":
        return [_fence(block.text), ""]
    if block.kind == "table":
        lines = ["| " + " | ".join(block.headers) + " |", "|" + "---|" * len(block.headers)]
        lines += ["| " + " | ".join(_cell(cell) or " " for cell in row) + " |" for row in block.rows]
        return lines + [""]
    lines = []
    for number, item in enumerate(block.items, start=1):
        lines.append(f"{number}. {_line(item.text)}" if block.kind == "numbered" else f"- {_line(item.text)}")
        lines += [f"   - {_line(note)}" for note in item.notes]
    return lines + [""]


def sections_markdown(sections: list[Section], level: int = 2) -> str:
    """The sections as Markdown, each under a heading of `level`."""
    lines: list[str] = []
    for section in sections:
        lines += [f"{'#' * level} {section.title}", ""]
        for block in section.blocks:
            lines += block_markdown(block, level + 1)
    return "\n".join(lines).rstrip("\n") + "\n"
