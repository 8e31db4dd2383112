"""Stuck on something named, or vague: the interviewer narrows to *that*, by meaning.

"I don't know how to stop two people grabbing the same seat" gets a smaller question about the
seat and two writes conflicting (built from their words, not from the scenario), not the phase's
stock question. "Should be ok." to a question that asked how or how much leaves it open and gets
it once more, narrower, by name; a second time it is let go and recorded. "Sure." to a yes/no or
wrap-up question is an answer. Played on two built-in scenarios and an unseen one (pastebin).
"""

from __future__ import annotations

import pytest

from interview.engine.planner_narrow import gerund, narrower, noun_of
from interview.understanding.ledger import Ledger, asks_for_content
from interview.understanding.reading import read_turn
from tests.unit.test_engine_handoffs import SCENARIOS, say, session_for, to_phase

DESIGN = "Requests go through a gateway to a service that writes to a database."


def _last(session):  # noqa: ANN001, ANN202
    return session.turns()[-1].data


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_stuck_on_a_named_topic_gets_a_narrower_question_about_that_topic(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    say(session, DESIGN)
    reply = say(session, "I don't know how to stop two people grabbing the same seat.")
    move = _last(session)
    assert move["move"] == "ladder" and move["act"] == "non_answer"
    assert "stop two people grabbing the same seat" in reply  # their words, named back
    assert "seat" in move["question"] and "conflict" in move["question"]
    assert "one request and one server" not in reply  # not the stock first rung
    again = say(session, "I don't know.")
    assert (
        "two people grabbing the same seat" in again and _last(session)["step"] == 2
    )  # still on their topic


@pytest.mark.parametrize(
    ("said", "noun", "word"),
    [
        ("I'm not sure how to delete old pastes without slowing reads.", "paste", "removes"),
        ("I have no idea how to stop a payment being charged twice.", "payment", "twice"),
        ("Honestly, I don't know how to keep the counts right when a node dies.", "node", "breaks"),
    ],
)
def test_the_narrower_question_follows_the_kind_of_problem_named(said: str, noun: str, word: str) -> None:
    session = session_for("pastebin")
    to_phase(session, "deep_dive")
    say(session, DESIGN)
    say(session, said)
    question = _last(session)["question"]
    assert noun in question and word in question, question


def test_a_hedged_answer_is_not_read_as_stuck() -> None:
    reading = read_turn("Not sure how to shard it, maybe by user id with consistent hashing.")
    assert "non_answer" not in reading.kinds and reading.stuck_on is None


def test_narrowing_is_built_from_the_words_alone() -> None:
    assert noun_of("stop two people grabbing the same seat") == "seat"
    assert noun_of("assign a driver to each rider fairly") == "rider"
    assert (
        gerund("stop two people") == "stopping two people"
        and gerund("store the files") == "storing the files"
    )
    assert "rider" in narrower("stop two drivers taking the same rider")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_vague_reply_to_a_specific_question_is_asked_once_more_then_recorded(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    say(session, DESIGN)
    asked = _last(session)
    assert asks_for_content(asked["question"])
    reply = say(session, "Anyway, I think it's fine.")
    move = _last(session)
    assert move["move"] == "ladder" and move["act"] == "vague" and move["covers"] == asked["key"]
    assert "it's fine" in reply and "?" in reply
    first = asked["question"].split(",")[0].split("?")[0].lower()
    assert first[:25] in reply.lower() or asked["topic"] in reply  # the question, by name
    assert session.planner.state.ledger.entries[asked["key"]].status == "open"
    say(session, "Should be ok.")
    assert _last(session).get("dropped") == asked["key"]  # let go, once
    assert session.planner.state.ledger.entries[asked["key"]].status == "dodged"


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_sure_to_a_wrap_up_question_is_not_a_dodge(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "wrap_up")
    say(session, "The database is the bottleneck; I'd add read replicas first.")
    say(session, "Sure.")
    move = _last(session)
    assert move.get("act") not in ("vague", "dodge", "non_answer") and move["move"] not in (
        "ladder",
        "revisit",
    )
    assert not move.get("dropped")


def test_the_ledger_reads_short_and_vague_replies_by_what_was_asked() -> None:
    ledger = Ledger()
    ledger.ask("wrap", "Is there anything you would change?", "changes", "wrap_up")
    assert ledger.hear(read_turn("Sure.")) == {"wrap": "answered"}
    ledger.ask("how", "How do you keep two writers from taking the same code?", "codes", "deep_dive")
    assert ledger.hear(read_turn("Should be ok.")) == {}  # still open
    assert ledger.entries["how"].status == "open"
    assert "vague" in read_turn("Should be ok.").kinds
    assert "vague" not in read_turn("Redis should be fine because one node holds all 3 GB.").kinds


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_not_sure_about_a_named_part_is_stuck_on_it_not_an_answer(scenario: str) -> None:
    """ "I'm not sure about the conflict resolution details, honestly." was taken as an answer and
    acknowledged with "Got it"; it is a non-answer on something named, and gets a smaller step."""
    session = session_for(scenario)
    to_phase(session, "deep_dive")
    say(session, DESIGN)
    reply = say(session, "I'm not sure about the conflict resolution details, honestly.")
    move = _last(session)
    assert move["move"] == "ladder" and move["act"] == "non_answer", reply
    assert "the conflict resolution details" in reply and not reply.startswith("Got it")
    assert "conflict conflict" not in reply  # a thing, not a task: no task template filled with it


@pytest.mark.parametrize(
    "said",
    [
        "I'm not sure the database is the bottleneck, it might be the network.",
        "I'm not sure about the cache, maybe Redis with a short TTL.",
    ],
)
def test_a_hedged_claim_about_something_is_not_stuck(said: str) -> None:
    reading = read_turn(said)
    assert reading.stuck_on is None and "non_answer" not in reading.kinds


def test_the_first_part_of_a_question_is_never_its_setup_sentence() -> None:
    """ "One paste goes viral. What serves its reads?" put again as "Just the first part, then: one
    paste goes viral?" asked them to answer the scenario, not the question."""
    from interview.engine.planner_narrow import first_part

    again = first_part("One paste goes viral. What serves its reads?", "viral pastes")
    assert "What serves its reads?" in again and "viral?" not in again
    split = first_part(
        "A node dies at peak. How do you notice it, and what do users see meanwhile?", "a node dying"
    )
    assert split == "Just the first part, then: A node dies at peak. How do you notice it?"
    assert first_part("How do you keep order, and what happens when a consumer dies?", "order") == (
        "Just the first part, then: how do you keep order?"
    )
