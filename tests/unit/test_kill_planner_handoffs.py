"""Questions about the queues and parties named in words, in the cases the surviving mutants of
engine/planner_handoffs.py showed no test pinned: what a second queue's and a party's question is
called when it is come back to, "the queue" meaning the queue already named, and a path's name
read cleanly from "for webhooks in front of ...". Played on pastebin (tests/fixtures/scenarios_unseen).
"""

from __future__ import annotations

from interview.engine.session import InterviewSession
from tests.unit.test_engine_handoffs import FILLER, session_for, to_phase
from tests.unit.test_engine_handoffs import say as _say
from tests.unit.test_engine_listening import move_of

DODGE = "Let's talk about something else, like the UI colours."
KAFKA = "Events go to Kafka for click events and workers aggregate them."
SQS = "We also put an SQS queue for webhooks in front of the sender."


def _design(*turns: str) -> tuple[InterviewSession, list[str]]:
    session = session_for("pastebin")
    to_phase(session, "high_level_design")
    return session, [_say(session, turn) for turn in turns]


def test_a_second_queues_dead_letter_question_is_come_back_to_by_that_queue() -> None:
    session, replies = _design(KAFKA, FILLER[0], SQS)
    asked = move_of(session)
    assert asked["key"] == "path:dlq:sqs:webhooks" and asked["rule"] == "dead_letter"
    assert "the SQS queue for webhooks that fails every retry" in replies[-1]  # not "webhooks in"
    again = _say(session, DODGE)
    back = move_of(session)
    assert back["move"] == "revisit" and back["covers"] == "path:dlq:sqs:webhooks"
    assert "leaves failed messages on the SQS queue for webhooks open" in again


def test_a_party_question_is_come_back_to_as_that_party_failing() -> None:
    session, _ = _design(KAFKA, FILLER[0], "The sender hands every SMS to Twilio.")
    asked = move_of(session)
    assert asked["key"] == "path:party:twilio" and "Twilio is slow or down" in asked["question"]
    assert "rule" not in asked  # not the persona's dead-letter stance
    again = _say(session, DODGE)
    assert move_of(session)["covers"] == "path:party:twilio" and "leaves Twilio failing open" in again


def test_the_queue_said_again_is_the_queue_already_named() -> None:
    session, replies = _design(KAFKA, FILLER[0], "Then the queue feeds the workers.", FILLER[1], FILLER[2])
    dead_letter = [r for r in replies if "every retry" in r]
    assert len(dead_letter) == 1 and "Kafka" in dead_letter[0]
    assert not any(k.startswith("path:dlq:") for k in session.planner.state.asked)
