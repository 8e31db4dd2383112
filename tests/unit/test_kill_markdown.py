"""The Markdown export as a person reads it: header, brief, timing, transcript (store/markdown.py).

Each test builds a small session and compares what the export says with what was stored.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from interview.engine.records import Event
from interview.store.markdown import clock, session_markdown, when
from tests.support.store_data import make_events, make_record, make_report

TURNS = [
    ("interviewer", "requirements", "Where would you like to start?", None),
    ("candidate", "requirements", "Who uses it?", None),
    ("interviewer", "deep_dive", "What fails first?", "model timed out"),
    ("candidate", "deep_dive", "The cache node holding a hot key.", None),
]


def section(document: str, title: str) -> str:
    """The lines of one `## title` section, without its heading."""
    return document.split(f"## {title}\n\n", 1)[1].split("\n## ", 1)[0]


def export(status: str = "completed", verdict: str | None = "lean_no_hire", **changes: object) -> str:
    record = make_record(status=status).model_copy(update=changes)
    report = make_report(record, overall=41.4, verdict=verdict) if verdict else None
    return session_markdown(record, make_events(TURNS), report)


def test_the_header_says_what_the_session_was_in_words() -> None:
    record = make_record(status="in_progress")
    head = export(status="in_progress").split("\n## ", 1)[0]
    assert head.splitlines() == [
        "# Design a URL shortener: practice interview",
        "",
        f"- **Session:** `{record.id}`".replace(record.id, head.split("`")[1]),
        "- **Date:** 2026-11-01 09:00 UTC",
        f"- **Interviewer:** {record.persona['name']} ({record.persona_id})",
        "- **Model:** offline",
        "- **Level:** senior",
        "- **Status:** in progress",
        f"- **Duration:** {clock(record.elapsed_s)}",
        "- **Score:** 41/100, lean no hire",
    ]


def test_an_unscored_session_has_no_score_line_and_a_drill_says_which() -> None:
    head = export(verdict=None, kind="drill_estimation").split("\n## ", 1)[0]
    assert head.startswith("# Design a URL shortener: estimation drill\n")
    assert "**Score:**" not in head


def test_the_brief_gives_the_planned_minutes_and_level() -> None:
    brief = section(export(), "Brief")
    assert brief.startswith("*45 minutes, senior level.*\n\nLet's design a URL shortener")


def test_the_timing_table_shows_overtime_only_where_a_phase_ran_over() -> None:
    times = {"requirements": 300.0, "estimation": 420.0, "high_level_design": 600.0}
    timing = section(export(phase_times=times), "Timing")
    assert timing.splitlines() == [
        "| Phase | Planned | Used | Over |",
        "|---|---|---|---|",
        "| Requirements | 5 min | 5 min | — |",
        "| Estimation | 5 min | 7 min | 2 min |",
        "| High-level design | 15 min | 10 min | — |",
        "| Deep dive | 15 min | 0 min | — |",
        "| Wrap-up | 5 min | 0 min | — |",
    ]


def test_the_transcript_groups_turns_by_phase_and_says_who_spoke_and_when_the_model_was_not_used() -> None:
    transcript = section(export(), "Transcript")
    assert transcript.splitlines() == [
        "### Requirements",
        "",
        "**Interviewer** · 0:00 · turn 0",
        "",
        "Where would you like to start?",
        "",
        "**You** · 2:30 · turn 1",
        "",
        "Who uses it?",
        "",
        "### Deep dive",
        "",
        "**Interviewer** · 5:00 · turn 2",
        "",
        "What fails first?",
        "",
        "*(model not used for this turn: model timed out)*",
        "",
        "**You** · 7:30 · turn 3",
        "",
        "The cache node holding a hot key.",
    ]


def test_a_session_where_nothing_was_said_says_so() -> None:
    record = make_record()
    events = [Event(seq=0, role="system", kind="end", phase="requirements", elapsed_s=0.0, data={})]
    document = session_markdown(record, events)
    assert "## Transcript\n\n(nothing was said)\n\n## Whiteboard\n" in document


def test_a_scored_export_names_the_interviewer_and_model_and_keeps_the_whiteboard() -> None:
    document = export()
    assert "Scored by offline at level senior · interviewer principal · model offline" in document
    assert "## Whiteboard" in document and "keygen (ranges)" in document


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (datetime(2026, 3, 4, 5, 6), "2026-03-04 05:06"),  # no zone known
        (None, "—"),
    ],
)
def test_dates_read_year_first_to_the_minute(value: datetime | None, shown: str) -> None:
    assert when(value) == shown


@pytest.mark.parametrize(("seconds", "shown"), [(0, "0:00"), (59.6, "1:00"), (3723, "1:02:03"), (-5, "0:00")])
def test_durations_read_as_a_clock(seconds: float, shown: str) -> None:
    assert clock(seconds) == shown
