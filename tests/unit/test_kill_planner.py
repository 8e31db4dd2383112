"""What the interviewer does next, in cases the planner's surviving mutants showed no test pinned.

Short scripted candidates through a headless session, mostly on the unseen notifications
scenario (tests/fixtures/listening), asserting what the interviewer says or does next.
"""

from __future__ import annotations

from tests.unit.test_engine_listening import move_of, say, session_for, to_phase


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
