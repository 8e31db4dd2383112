"""A candidate who turns away from a question in words not on any topic list is noticed.

"Let's talk about something else" or "I'd rather not" right after a question is a dodge: the
interviewer comes back to that question once, by name, instead of moving on as if answered.
"""

from __future__ import annotations

import pytest

from interview.understanding.reading import read_turn
from tests.unit.test_engine_listening import SCENARIOS, move_of, say, session_for, to_phase

TURNING_AWAY = [
    "Let's talk about something else, like the UI colours.",
    "I'd rather not go into that.",
    "Can we skip that one?",
    "Let's change the subject.",
    "Next question, please.",
    "I'll come back to that later.",
]
ANSWERING = [
    "Something else matters more here: the counter service needs a standby.",
    "I'd rather use Postgres than Cassandra because the data fits on one node.",
]


@pytest.mark.parametrize("text", TURNING_AWAY)
def test_turning_away_is_read_as_a_dodge(text: str) -> None:
    assert "dodge" in read_turn(text, [], None).kinds


@pytest.mark.parametrize("text", ANSWERING)
def test_an_answer_using_the_same_words_is_not_a_dodge(text: str) -> None:
    assert "dodge" not in read_turn(text, [], None).kinds


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_question_turned_away_from_is_asked_again_by_name(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    say(session, "App servers behind one load balancer, a single database and a worker.")
    asked = move_of(session)
    assert asked.get("key"), asked
    reply = say(session, "Let's talk about something else, like the UI colours.")
    back = move_of(session)
    assert back["move"] == "revisit" and back["key"] == f"revisit:{asked['key']}", back
    assert back["heard"] == {asked["key"]: "dodged"}
    assert "?" in reply
