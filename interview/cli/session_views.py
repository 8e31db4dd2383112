"""Rich renderings of stored sessions for `history`, `show` and `search` (human output)."""

from __future__ import annotations

import os
import re
import textwrap
from datetime import datetime

from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from interview.engine.records import Event, SessionRecord
from interview.engine.transcript import phase_rows
from interview.scoring.report import Report
from interview.store import SearchHit, SessionSummary
from interview.store.markdown import clock, phase_groups, phase_title, verdict_label, when
from interview.text.display import visible_all

SHORT_ID = 8


PIPE_WIDTH = 100  # off a terminal (`show | less`) without COLUMNS: readable in a pager or a file


def output_width(is_terminal: bool) -> int | None:
    """Columns for printed output: COLUMNS when set, else the terminal's (None), else PIPE_WIDTH."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return None if is_terminal else PIPE_WIDTH


def plain(*cells: str | Text) -> list[Text]:
    """Table cells as literal text: stored words like "[/b]" must never be read as markup."""
    return [cell if isinstance(cell, Text) else Text(cell) for cell in cells]


def console() -> Console:
    """A console on stdout that never reinterprets user text as markup (plain `str` cells too)."""
    probe = Console()
    return Console(markup=False, highlight=False, width=output_width(probe.is_terminal))


def local_time(value: datetime) -> str:
    """A stored time in the reader's time zone, to the minute."""
    if value.tzinfo is not None:
        value = value.astimezone()
    return value.strftime("%Y-%m-%d %H:%M")


NARROW = 120  # below this many columns, lists put each entry's details on a second line


def _compact_table(*names: str) -> Table:
    """ID and DATE columns, then one column holding an entry's details over two lines."""
    table = Table(box=None, header_style="bold", pad_edge=False)
    for name in names[:-1]:
        table.add_column(name, no_wrap=True)
    table.add_column(names[-1], overflow="fold")
    return table


def _scenario_cell(s: SessionSummary) -> str:
    """The scenario id, with the drill kind for a drill ("url-shortener · estimation drill")."""
    if s.kind == "interview":
        return s.scenario_id
    label = {"drill_estimation": "estimation drill", "drill_criterion": "criterion drill"}.get(s.kind, s.kind)
    return f"{s.scenario_id} · {label}"


def history_table(sessions: list[SessionSummary], width: int = PIPE_WIDTH) -> Table:
    """Sessions newest first, with the latest score once graded (two lines each when narrow)."""
    sessions = visible_all(sessions)  # stored words are shown, never obeyed (escape codes)
    if width < NARROW:
        table = _compact_table("ID", "DATE", "SESSION")
        for s in sessions:
            details = Text(_scenario_cell(s), style="bold")
            if s.overall is not None:
                verdict = verdict_label(s.verdict) if s.verdict else ""
                details.append(f" · {s.overall:.0f}/100 {verdict}".rstrip())
            details.append(
                f"\n{s.persona_id} · {s.model} · {s.status.replace('_', ' ')} · {clock(s.elapsed_s)}",
                style="dim",
            )
            table.add_row(*plain(s.id[:SHORT_ID], local_time(s.started_at), details))
        return table
    table = Table(box=None, header_style="bold", pad_edge=False)
    for name in ("ID", "DATE", "SCENARIO", "PERSONA", "MODEL", "STATUS", "DURATION", "SCORE", "VERDICT"):
        wraps = name in ("SCENARIO", "MODEL")
        table.add_column(name, no_wrap=not wraps, min_width=8 if wraps else None)
    for s in sessions:
        table.add_row(
            *plain(
                s.id[:SHORT_ID],
                local_time(s.started_at),
                _scenario_cell(s),
                s.persona_id,
                s.model,
                s.status.replace("_", " "),
                clock(s.elapsed_s),
                f"{s.overall:.0f}" if s.overall is not None else "—",
                verdict_label(s.verdict) if s.verdict else "—",
            )
        )
    return table


def _meta_line(record: SessionRecord) -> Text:
    parts = [
        when(record.started_at),
        f"interviewer {record.persona_id}",
        f"model {record.model}",
        record.level,
        record.status.replace("_", " "),
        f"duration {clock(record.elapsed_s)}",
    ]
    return Text(" · ".join(parts), style="dim")


def _timing_table(record: SessionRecord) -> Table | None:
    phases = phase_rows(record)
    if not phases:
        return None
    table = Table(title="Timing", title_justify="left", box=None, header_style="bold", pad_edge=False)
    for name in ("PHASE", "PLANNED", "USED", "OVER"):
        table.add_column(name)
    for p in phases:
        over = f"{p['overtime_min']:g} min" if p["overtime_min"] else "—"
        table.add_row(
            *plain(phase_title(p["id"]), f"{p['planned_min']:g} min", f"{p['used_min']:g} min", over)
        )
    return table


INDENT = "    "


_LIST_ITEM = re.compile(r"\s|[-*•]\s|\d+[.)]\s")


def _reflowed(text: str) -> str:
    """Soft line breaks joined (the scenario prompt is hard-wrapped in its YAML); paragraphs,
    list items and indented lines kept."""
    lines: list[str] = []
    for line in text.splitlines():
        if lines and lines[-1].strip() and line.strip() and not _LIST_ITEM.match(line):
            lines[-1] = f"{lines[-1].rstrip()} {line.strip()}"
        else:
            lines.append(line)
    return "\n".join(lines)


def _wrapped(text: str, width: int) -> str:
    """Text wrapped to `width` with a hanging indent, keeping the writer's line breaks."""
    lines = []
    for line in text.splitlines() or [""]:
        lines.append(
            textwrap.fill(
                line, width, initial_indent=INDENT, subsequent_indent=INDENT, break_on_hyphens=False
            )
            if line.strip()
            else ""
        )
    return "\n".join(lines)


def _transcript(events: list[Event], width: int, from_turn: int | None = None) -> list[RenderableType]:
    # One Text for all turns, wrapped here with textwrap: rich tables cost ~1 ms per row to
    # measure, which made `show` of a 40-turn session take 25-60 ms (bench/store.py).
    parts: list[RenderableType] = []
    if from_turn:
        parts.append(Text(f"(from turn {from_turn}; `show` without --turn prints every turn)", style="dim"))
    for phase, turns in phase_groups(events):
        turns = [(n, t) for n, t in turns if from_turn is None or n >= from_turn]
        if not turns:
            continue
        parts.append(Rule(Text(phase_title(phase), style="bold"), align="left"))
        block = Text(no_wrap=True, overflow="ignore")
        for number, turn in turns:
            if number == from_turn:
                block.append(f"▶ turn {number} {clock(turn.elapsed_s)}  ", style="bold reverse")
            else:
                block.append(f"turn {number} {clock(turn.elapsed_s)}  ", style="dim")
            if turn.role == "interviewer":
                block.append("Interviewer\n", style="cyan")
            else:
                block.append("You\n", style="green")
            said = turn.text.strip() or "(silence)"
            if turn.role == "interviewer":  # a candidate's own line breaks are theirs to keep
                said = _reflowed(said)
            block.append(_wrapped(said, width) + "\n")
            if turn.fallback:
                block.append(f"{INDENT}(model not used: {turn.fallback})\n", style="dim italic")
            block.append("\n")
        parts.append(block)
    if not parts:
        parts.append(Text("(nothing was said)", style="dim"))
    return parts


def show_renderable(
    record: SessionRecord,
    events: list[Event],
    report: Report | None,
    width: int = 100,
    from_turn: int | None = None,
) -> Group:
    """The transcript by phase with timings, the whiteboard, and the report when present.

    With `from_turn`, the transcript starts at that turn (a search hit), marked ▶.
    """
    record, events, report = visible_all((record, events, report))
    parts: list[RenderableType] = [
        Text(f"{record.scenario_title}  ({record.id})", style="bold"),
        _meta_line(record),
        Text(""),
    ]
    timing = _timing_table(record)
    if timing is not None:
        parts += [timing, Text("")]
    parts += _transcript(events, width, from_turn)
    from interview.cli.report_rich import sections_renderable
    from interview.text.report_sections import report_sections, whiteboard_section

    if report is not None:  # the same sections as the app's report and the export
        parts += [Text(""), sections_renderable(report_sections(report, record))]
    elif (board := whiteboard_section(record)) is not None:
        parts += [Text(""), sections_renderable([board])]
    return Group(*parts)


def _snippet(hit: SearchHit) -> Text:
    """Matched words in [brackets] and bold; brackets the candidate typed stay plain."""
    text = Text()
    for piece, is_match in hit.parts():  # one line: a turn's line breaks would split the row
        text.append(f"[{piece}]" if is_match else piece, style="bold yellow" if is_match else "")
    return text


def search_table(
    hits: list[SearchHit], width: int = PIPE_WIDTH, turns: dict[tuple[str, int], int] | None = None
) -> Table:
    """One row per matching turn, matched words in [brackets] (the snippet below when narrow).

    `turns` numbers each hit's turn as report quotes and `show --turn` do.
    """
    hits = visible_all(hits)
    turns = turns or {}

    def turn_of(hit: SearchHit) -> str:
        number = turns.get((hit.session_id, hit.seq))
        return "—" if number is None else str(number)

    if width < NARROW:
        table = _compact_table("SESSION", "DATE", "MATCH")
        for hit in hits:
            who = "interviewer" if hit.role == "interviewer" else "you"
            details = Text(
                f"{hit.scenario_id} · {phase_title(hit.phase)} · turn {turn_of(hit)} · {who}", style="dim"
            )
            details.append("\n")
            details.append_text(_snippet(hit))
            table.add_row(*plain(hit.session_id[:SHORT_ID], local_time(hit.started_at), details))
        return table
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("SESSION", no_wrap=True)
    table.add_column("DATE", no_wrap=True)
    table.add_column("SCENARIO")
    table.add_column("PHASE")
    table.add_column("TURN", no_wrap=True)
    table.add_column("WHO", no_wrap=True)
    table.add_column("SNIPPET", overflow="fold")
    for hit in hits:
        who = "interviewer" if hit.role == "interviewer" else "you"
        table.add_row(
            *plain(
                hit.session_id[:SHORT_ID],
                local_time(hit.started_at),
                hit.scenario_id,
                phase_title(hit.phase),
                turn_of(hit),
                who,
                _snippet(hit),
            )
        )
    return table
