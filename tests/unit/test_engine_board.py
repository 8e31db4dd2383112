"""The interviewer reads the whiteboard: a drawn SPOF or a queue without a DLQ is asked about by name."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.catalog import load_catalog
from interview.cli import cli
from interview.engine import VirtualClock, new_session
from interview.engine.answers import board_of, parse_answers, read_answers, remaining_after
from interview.engine.session import InterviewSession

UNSEEN = Path(__file__).resolve().parents[1] / "fixtures" / "listening"
BOARDS = {
    "notifications": "[Client] -> [API x2] -> [Router]\n[Router] -.-> [Push queue]\n[Push queue] -> [Sender x3] -> [APNs]",
    "url-shortener": "[Client] -> [LB x2] -> [App x3] -> [Redirect store x2]\n[App] -.-> [Click events]\n"
    "[Click events] -> [Counter workers x2]\n[App] -> [Id allocator]",
}
SPOF = {"notifications": "Router", "url-shortener": "Id allocator"}
QUEUE = {"notifications": "Push queue", "url-shortener": "Click events"}
NEUTRAL = [
    "Each request is validated and then handed on.",
    "I would keep the services stateless.",
    "Everything is deployed in one region to start.",
    "Logs and metrics go to the usual places.",
    "Let me keep going with the rest of the flow.",
]


async def _drain(stream) -> None:  # noqa: ANN001
    async for _ in stream:
        pass


def session_for(scenario: str) -> InterviewSession:
    session = new_session(load_catalog([UNSEEN]), scenario, seed=3, clock=VirtualClock())
    asyncio.run(_drain(session.opening()))
    return session


def say(session: InterviewSession, text: str) -> str:
    asyncio.run(_drain(session.send(text)))
    return session.turns()[-1].text


def to_phase(session: InterviewSession, phase: str) -> None:
    while session.phase_id != phase:
        say(session, "/next")


def board_replies(session: InterviewSession) -> list[tuple[str, str]]:
    """(key, text) of every interviewer turn that asked a board question."""
    return [
        (t.data["key"], t.text)
        for t in session.turns()
        if t.role == "interviewer" and str(t.data.get("key", "")).startswith("board:")
    ]


@pytest.mark.parametrize("scenario", ["notifications", "url-shortener"])
def test_a_drawn_spof_and_a_queue_without_dlq_are_asked_about_by_name(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    session.save_whiteboard(BOARDS[scenario])
    for text in NEUTRAL:
        say(session, text)
    asked = board_replies(session)
    keys = [k for k, _ in asked]
    assert len(keys) == len(set(keys)), "each board question is asked once"
    spof = [text for key, text in asked if key.startswith("board:spof:")]
    dlq = [text for key, text in asked if key.startswith("board:no_dlq:")]
    assert spof and SPOF[scenario] in spof[0] and "single instance" in spof[0], asked
    assert dlq and QUEUE[scenario] in dlq[0] and "fail every retry" in dlq[0], asked


def test_the_board_is_not_asked_about_during_requirements() -> None:
    session = session_for("notifications")
    session.save_whiteboard(BOARDS["notifications"])
    for text in NEUTRAL[:3]:
        say(session, text)
    assert session.phase_id == "requirements"
    assert board_replies(session) == []


def test_a_finding_redrawn_away_is_not_asked() -> None:
    session = session_for("notifications")
    to_phase(session, "high_level_design")
    session.save_whiteboard(BOARDS["notifications"])
    fixed = BOARDS["notifications"].replace("[Router]", "[Router x2]") + "\n[Sender] -> [Dead letter queue]"
    session.save_whiteboard(fixed)
    for text in NEUTRAL:
        say(session, text)
    assert not [k for k, _ in board_replies(session) if k.startswith(("board:spof:router", "board:no_dlq"))]


def test_a_spof_answered_in_words_first_is_not_asked() -> None:
    session = session_for("notifications")
    to_phase(session, "high_level_design")
    say(session, "Let me draw it.")
    session.save_whiteboard(BOARDS["notifications"])
    say(session, "The router runs as two instances with failover, so one can die.")
    for text in NEUTRAL:
        say(session, text)
    assert not [k for k, _ in board_replies(session) if k.startswith("board:spof:router")]


def test_something_said_but_not_on_the_board_is_asked_about() -> None:
    session = session_for("url-shortener")
    to_phase(session, "high_level_design")
    session.save_whiteboard("[Client] -> [LB x2] -> [App x3] -> [Redirect store x2]")
    say(session, "We put Kafka between the app and the analytics consumers, because clicks are bursty.")
    for text in NEUTRAL[:3]:
        say(session, text)
    missing = [text for key, text in board_replies(session) if key.startswith("board:missing:")]
    assert missing and "Kafka" in missing[0] and "not on the board" in missing[0]


def test_board_blocks_in_an_answers_file() -> None:
    blocks = parse_answers("Hello\n---\n/board\n[Client] -> [App]\n---\n/next\n")
    assert [board_of(b) for b in blocks] == [None, "[Client] -> [App]", None]
    assert board_of("/board") == ""
    # resuming skips the turns already said; a board block between them is not a turn
    assert remaining_after(blocks, ["Hello"]) == blocks[1:]
    assert remaining_after(["/board\n[a] -> [b]", "Hi", "/next"], ["Hi"]) == ["/next"]


def test_a_headless_run_draws_and_is_asked_about_the_board(tmp_path: Path) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_text(
        "\n---\n".join(
            [
                "How many notifications a day?",
                "/next",
                "About 1 billion a day, so 12,000 a second on average.",
                "/next",
                "/board\n" + BOARDS["notifications"],
                *NEUTRAL,
                "/end",
            ]
        )
    )
    assert len(read_answers(answers)) == 11
    result = CliRunner().invoke(
        cli,
        ["run", "notifications", "--answers", str(answers), "--json", "--seed", "3", "--db", str(tmp_path / "db"),
         "--scenarios", str(UNSEEN)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["whiteboard"] == BOARDS["notifications"]
    interviewer = " ".join(t["text"] for t in out["turns"] if t["role"] == "interviewer")
    assert "Router" in interviewer and "Push queue" in interviewer
    assert not any(t["text"].startswith("/board") for t in out["turns"])
