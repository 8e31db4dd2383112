"""Words the interviewer listens for (engine/planner_state.py): each way of asking about scale
counts as asking it, and each way of raising a wrap-up topic keeps that question from being put.
Played on the unseen notifications scenario (tests/fixtures/listening).
"""

from __future__ import annotations

import pytest

from interview.engine.moves import WRAP_UP_QUESTIONS
from tests.unit.test_engine_listening import move_of, say, session_for, to_phase

NOT_ASKED_SCALE = "haven't talked about scale"
SCALE_QUESTIONS = [
    "What scale are we designing for?",
    "How many go out?",
    "How much is stored?",
    "How big is it?",
    "What's the number of users?",
    "Do we know the active users?",
    "What traffic do we expect?",
    "What's the expected QPS?",
    "What RPS should it take?",
    "What TPS should it take?",
    "Roughly what requests per second?",
    "Roughly what requests a second?",
    "What volume do we expect?",
    "What throughput do we need?",
    "What's the daily active count?",
    "What's the DAU?",
    "What's the MAU?",
    "What growth do we expect?",
    "What's the peak?",
    "Sends per day?",
    "Sends per second?",
    "Sends per month?",
    "Sends a month?",
    "Sends a day?",
]


def test_a_question_about_something_else_leaves_scale_owed() -> None:
    session = session_for("notifications")
    say(session, "Which channels do we support?")
    assert NOT_ASKED_SCALE in say(session, "/next")


@pytest.mark.parametrize("question", SCALE_QUESTIONS)
def test_each_way_of_asking_about_scale_counts(question: str) -> None:
    session = session_for("notifications")
    say(session, question)
    opener = say(session, "/next")
    assert session.phase_id == "estimation" and NOT_ASKED_SCALE not in opener


@pytest.mark.parametrize(
    ("said", "covered"),
    [
        ("At 10x we would add partitions.", "ten_x"),
        ("At ten times the load we would add partitions.", "ten_x"),
        ("At 10 times the load we would add partitions.", "ten_x"),
        ("A tenfold rise means more partitions.", "ten_x"),
        ("An order of magnitude more means more partitions.", "ten_x"),
        ("With more time I'd add per-user rate limits.", "more_time"),
        ("With another hour I'd add per-user rate limits.", "more_time"),
        ("Given time, I'd add per-user rate limits.", "more_time"),
        ("My next steps would be per-user rate limits.", "more_time"),
    ],
)
def test_a_wrap_up_topic_raised_unprompted_is_not_asked(said: str, covered: str) -> None:
    session = session_for("notifications")
    to_phase(session, "wrap_up")  # its opener asks about bottlenecks
    before = len(session.turns())
    say(session, said)
    for more in ("Fine.", "Nothing else.", "That's it.", "Okay.", "Done."):
        say(session, more)
    asked = [e.data.get("question") for e in session.turns()[before:] if e.role == "interviewer"]
    assert WRAP_UP_QUESTIONS[covered] not in asked, move_of(session)
    other = next(q for name, q in WRAP_UP_QUESTIONS.items() if name not in (covered, "bottlenecks"))
    assert other in asked  # the wrap-up went on to the topic they had not raised
