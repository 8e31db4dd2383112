"""The report and transcript Markdown, and the small formatters the screens share."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from interview.tui.services import format_ago, format_clock
from interview.tui.widgets.report_text import bar, report_markdown, transcript_markdown, verdict_label
from tests.tui.conftest import sample_events, sample_record, sample_report


def test_report_has_every_section_and_the_whiteboard_verbatim(catalog) -> None:
    board = "```\nclient -> LB\n```  | pipes | and *stars*"
    text = report_markdown(sample_report(), sample_record(catalog, whiteboard=board))
    for heading in ("## Criteria", "## Evidence", "## Estimates", "## Top improvements", "## Time per phase"):
        assert heading in text
    assert "Lean hire · 64/100" in text
    assert "██████░░ 3/4" in text  # a bar per criterion
    assert "turn 1: “How many requests per second at peak?”" in text
    # what was said, the reference human-formatted (never "1e+06" or "1,000,000 per second")
    assert "| requests per second at peak | 800k rps (= 800k/s) | 1M/s | yes (×3) |" in text
    assert "Hints used: 1" in text
    fence_start = text.index("````text\n")  # longer than the board's own ``` so it stays verbatim
    assert text[fence_start:].startswith(f"````text\n{board}\n````")


def test_empty_whiteboard_and_no_turns_say_so(catalog) -> None:
    assert "The whiteboard was empty." in report_markdown(
        sample_report(), sample_record(catalog, whiteboard="")
    )
    assert transcript_markdown([]) == "_No turns were recorded._\n"


def test_transcript_is_grouped_by_phase_in_order() -> None:
    text = transcript_markdown(sample_events())
    assert text.index("## Requirements") < text.index("How many requests") < text.index("## Estimation")
    assert text.index("## Estimation") < text.index("token bucket per key")
    assert "**You** · 04:00" in text


def test_formatters() -> None:
    assert bar(3) == "██████░░" and bar(1) == "██░░░░░░"
    assert verdict_label("lean_no_hire") == "Lean no hire" and verdict_label(None) == "—"
    assert format_clock(300) == "05:00" and format_clock(59.2) == "01:00" and format_clock(-80) == "+01:20"
    now = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    assert format_ago(now - timedelta(days=2, hours=3), now) == "2 days ago"
    assert format_ago(now - timedelta(minutes=1), now) == "1 minute ago"
    assert format_ago(now, now) == "just now"
