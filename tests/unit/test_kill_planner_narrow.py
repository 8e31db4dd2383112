"""Stuck on a topic they name: the narrower question is about the thing itself, by the kind of
problem their words describe (engine/planner_narrow.py). Played on pastebin
(tests/fixtures/scenarios_unseen), whose words none of these are.
"""

from __future__ import annotations

import pytest

from tests.unit.test_engine_narrowing import DESIGN, _last, say, session_for, to_phase


@pytest.mark.parametrize(
    ("said", "thing", "asks"),
    [
        ("I don't know how to keep messages in order for each chat.", "each chat", "out of order"),
        (
            "I'm not sure how to handle the traffic spike on one hot paste.",
            "one paste at peak",
            "gives out first",
        ),
        ("No idea how to find nearby drivers quickly.", "one driver up", "index"),
        ("I don't know how to store each paste and its metadata.", "one paste record", "look it up by"),
        ("I don't know how to get the latest message first.", "each message a number", "out of order"),
        ("I don't know how to make it all work somehow.", "just that part", "which component"),
        ("No idea how to find drivers quickly.", "one driver up", "index"),
        ("No idea how to find cars quickly.", "one car up", "index"),
        ("I don't know how to fix it.", "just that part", "which component"),
        ("I don't know how to fix old ones.", "just that part", "which component"),  # no thing named
        ("I don't know how to store each address and its history.", "one address record", "look it up by"),
    ],
)
def test_stuck_on_a_named_problem_is_asked_about_that_thing_by_its_kind(
    said: str, thing: str, asks: str
) -> None:
    session = session_for("pastebin")
    to_phase(session, "deep_dive")
    say(session, DESIGN)
    reply = say(session, said)
    move = _last(session)
    assert move["move"] == "ladder" and move["step"] == 1
    assert thing in move["question"] and asks in move["question"], move["question"]
    assert move["echo"] in reply  # their own words, named back
    assert move["topic"].split()[0].endswith("ing")  # "keeping messages in order ...", said as a topic


def test_a_second_vague_reply_lets_the_question_go_and_moves_on_to_the_next() -> None:
    session = session_for("pastebin")
    to_phase(session, "high_level_design")
    say(session, DESIGN)
    asked = _last(session)
    say(session, "Anyway, I think it's fine.")
    reply = say(session, "Should be ok.")
    move = _last(session)
    assert move["dropped"] == asked["key"] and move["act"] == "vague"
    assert move["move"] != "listen" and move.get("key") != asked["key"] and "?" in reply


def test_the_topic_they_are_stuck_on_is_said_back_as_a_topic() -> None:
    session = session_for("pastebin")
    to_phase(session, "deep_dive")
    say(session, DESIGN)
    say(session, "I don't know how to free up seats nobody paid for.")
    assert _last(session)["topic"] == "freeing up seats nobody paid for"  # not "freing"
    again = say(session, "I don't know.")
    assert "freeing up seats nobody paid for" in again  # the next rung stays on their topic
