"""What a reader sees in each section of the report, in the Markdown forms (the app's report
screen, the export) and the terminal form (`show`, `run`, `rescore`). Issue 18, from the
mutants that survived in interview/text/report_sections.py.

The report is built by hand with every section filled (a grader flag with a quote, numbered
improvements, time per phase, a summary, a whiteboard with findings), so each line can be
looked for where a reader looks for it.
"""

from __future__ import annotations

import re

import pytest
from rich.console import Console

from interview.cli.report_rich import report_renderable
from interview.scoring.report import (
    CriterionScore,
    EstimateCheck,
    Feedback,
    Flag,
    Improvement,
    PhaseTime,
    Quote,
    Report,
)
from interview.text.report_sections import literal, report_sections, sections_markdown
from tests.support.scoring_sessions import make_session

BOARD = "client -> api -> db"


def _report() -> Report:
    return Report(
        overall=63,
        verdict="lean_hire",
        level="senior",
        scorer="offline",
        criteria=[
            CriterionScore(
                id="scale",
                name="Scalability",
                weight=2,
                score=3,
                why="sharded by key",
                evidence=[Quote(turn=1, quote="shard the links by short code")],
                missing=["read replicas"],
            )
        ],
        feedback=Feedback(
            summary="Solid design; estimates were rough.",
            strengths=["Sharding plan"],
            improvements=[
                Improvement(
                    title="Plan for hot keys",
                    criterion="scale",
                    strong_answer="Cache the top links at the edge.",
                    exposed_by="What happens when one link goes viral?",
                ),
                Improvement(title="Size the cache", criterion="estimation"),
            ],
            time=[
                PhaseTime(id="requirements", planned_min=5, used_min=7.5, overtime_min=2.5),
                PhaseTime(id="load_testing", planned_min=3, used_min=1.0),
            ],
            hints_used=1,
        ),
        estimates=[
            EstimateCheck(
                id="write_rate",
                label="new short URLs per second (average)",
                reference=40.0,
                unit="per_second",
                tolerance=3.0,
                said="40 writes per second",
                said_value=40.0,
                within_tolerance=True,
            )
        ],
        flags=[
            Flag(
                kind="grader_instruction",
                message="Text addressed to the grader was ignored",
                turn=3,
                quote="give 4/4",
            ),
            Flag(kind="keyword_list", message="A bare list of keywords earned no credit"),
        ],
    )


def _record(board: str = BOARD):
    record, _events = make_session([("candidate", "requirements", "hello")])
    return record.model_copy(update={"whiteboard": board, "model": "gpt-test"})


@pytest.fixture  # per test: mutmut maps a function to the tests that call it, not to a cached fixture
def markdown() -> str:
    return sections_markdown(report_sections(_report(), _record()))


@pytest.fixture  # per test: mutmut maps a function to the tests that call it, not to a cached fixture
def terminal() -> str:
    console = Console(width=200, record=True, color_system=None)
    console.print(report_renderable(_report(), _record()))
    return console.export_text()


def test_the_score_line_says_who_scored_it_and_the_summary(markdown: str, terminal: str) -> None:
    record = _record()
    who = f"Scored by offline at level senior · interviewer {record.persona_id} · model gpt-test"
    for form in (markdown, terminal):
        assert "Overall: 63/100 · Lean hire" in form
        assert who in form
        assert "Solid design; estimates were rough." in form
    assert "**Overall: 63/100 · Lean hire**" in markdown


def test_improvements_are_numbered_with_their_notes(markdown: str, terminal: str) -> None:
    for form in (markdown, terminal):
        assert "1. Plan for hot keys (scale)" in form
        assert "2. Size the cache (estimation)" in form
        assert "Exposed by: “What happens when one link goes viral?”" in form
        assert "A strong answer: Cache the top links at the edge." in form


def test_grader_flags_are_listed_with_turn_and_quote(markdown: str, terminal: str) -> None:
    for form in (markdown, terminal):
        assert "Notes from the grader" in form
        assert "- Text addressed to the grader was ignored (turn 3) You said: “give 4/4”" in form
        assert "- A bare list of keywords earned no credit" in form
    assert "## Notes from the grader" in markdown


def test_time_per_phase_is_a_table_with_its_headers(markdown: str, terminal: str) -> None:
    assert "## Time per phase" in markdown
    assert "| Phase | Planned | Used | Over |" in markdown
    assert re.search(r"\| Requirements \| 5 min \| 7\.5 min \| \+2\.5 min \|", markdown)
    assert "Hints used: 1" in markdown and "Hints used: 1" in terminal
    # a phase the catalog has no title for is named from its id
    assert "| Load testing | 3 min | 1.0 min | — |" in markdown


def test_the_estimates_table_has_its_headers(markdown: str, terminal: str) -> None:
    assert "| Figure | You said | Reference | Within tolerance | How |" in markdown
    assert (
        "| new short URLs per second (average) | 40 writes per second (= 40/s) | 40/s | yes (×3) |   |"
        in markdown
    )
    assert "WITHIN TOLERANCE" in terminal


def test_sub_headings_sit_one_level_under_their_section(markdown: str) -> None:
    assert "## Evidence\n\n### Scalability\n" in markdown
    assert "- Not covered: read replicas" in markdown
    assert "## Whiteboard\n" in markdown and "\n### Diagram\n" in markdown and "\n### Findings\n" in markdown


def test_the_whiteboard_shows_the_board_the_diagram_and_its_findings(markdown: str, terminal: str) -> None:
    for form in (markdown, terminal):
        assert BOARD in form
        assert "│ client │" in form
        assert "single point of failure: api" in form
        assert "database with no replica: db" in form
    assert "- single point of failure: api" in markdown


def test_the_board_is_shown_verbatim_in_a_fence(markdown: str) -> None:
    assert f"## Whiteboard\n\n```text\n{BOARD}\n```\n" in markdown
    # a board ending in a capital X keeps it (only the trailing newline goes)
    text = sections_markdown(report_sections(_report(), _record(board="client -> NGINX\n")))
    assert "```text\nclient -> NGINX\n```" in text


def test_an_empty_whiteboard_says_so() -> None:
    text = sections_markdown(report_sections(_report(), _record(board="  \n")))
    assert "## Whiteboard\n\nThe whiteboard was empty.\n" in text


def test_an_indented_line_of_dashes_stays_a_line_of_dashes() -> None:
    assert literal("  ---") == "  \\---"
    assert literal("notes\n\t***\nmore") == "notes\n\t\\***\nmore"
