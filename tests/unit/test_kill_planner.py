"""What the interviewer does next, in cases the planner's surviving mutants showed no test pinned.

Short scripted candidates through a headless session, mostly on the unseen notifications
scenario (tests/fixtures/listening), asserting what the interviewer says or does next.
"""

from __future__ import annotations

import asyncio

from interview.catalog import load_catalog
from interview.engine import new_session
from interview.engine.session import InterviewSession
from tests.unit.test_engine_listening import UNSEEN, _drain, move_of, say, session_for, to_phase


class _Clock:
    """A real clock that stands still: the real-clock rules (moving on by coverage) apply."""

    def now(self) -> float:
        return 0.0


def _real_clock_session(scenario: str) -> InterviewSession:
    session = new_session(load_catalog([UNSEEN]), scenario, seed=3, clock=_Clock())
    asyncio.run(_drain(session.opening()))
    return session


def test_a_question_it_has_no_fact_for_is_left_to_them_with_nothing_tacked_on() -> None:
    session = session_for("notifications")
    to_phase(session, "high_level_design")
    say(session, "An API service writes to Postgres and a worker sends from a queue.")
    reply = say(session, "Should I assume the clients are mostly on mobile?")
    move = move_of(session)
    assert move["move"] == "assume" and "leave that to you" in reply
    assert "key" not in move and reply.count("?") == 0  # one thing at a time: they carry on


def test_the_deep_dive_opens_on_failure_not_on_a_follow_up_left_from_the_design() -> None:
    session = session_for("notifications")
    to_phase(session, "high_level_design")
    say(session, "An API service renders templates and writes to Postgres; a worker sends from a queue.")
    assert move_of(session)["move"] == "rule"  # the template follow-up had to wait
    reply = say(session, "/next")
    move = move_of(session)
    assert move["phase"] == "deep_dive" and move["move"] in ("probe", "failure_probe"), move
    assert "template" not in reply.lower()


def test_saying_the_same_thing_twice_is_asked_what_they_would_add() -> None:
    session = session_for("notifications")
    said = "Users get notified by email and push when something happens in the product."
    first = say(session, said)
    assert "twice" not in first
    again = say(session, said)
    assert move_of(session)["act"] == "repeats"
    assert "said it twice" in again and again.rstrip().endswith("?")


def test_asking_to_be_told_they_are_right_is_turned_back_on_them() -> None:
    session = session_for("notifications")
    reply = say(session, "Email and push are the two channels that matter, right?")
    assert move_of(session)["act"] == "approval_seeking"
    assert "What would have to be true for that to be wrong?" in reply
    assert "Email and push" in reply  # what they wanted confirmed, named


def test_a_phase_covered_in_two_turns_still_gets_a_third_before_moving_on() -> None:
    session = _real_clock_session("notifications")
    say(session, "/next")
    assert session.phase_id == "estimation"
    say(session, "500 million a day over 86,400 seconds is about 6,000 notifications a second.")
    second = say(session, "At 200 bytes each that's 100 GB of delivery history a day.")
    assert session.phase_id == "estimation" and "100 GB" in second  # both right, but only two turns
    third = say(session, "Peak is maybe three times that, so 18,000 a second.")
    assert session.phase_id == "high_level_design" and "high-level design" in third
    assert [e.data["reason"] for e in session.events if e.kind == "phase"][-1] == "coverage"
