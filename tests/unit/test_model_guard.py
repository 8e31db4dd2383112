"""The output guard on its own: what a model may and may not say on a turn (pure checks)."""

from __future__ import annotations

import pytest

from interview.engine import model_guard as guard
from interview.engine.prompts import ReplyFormatError, parse_reply
from tests.support.model_runs import CATALOG

URL = CATALOG.scenario("url-shortener")
PAY = CATALOG.scenario("payment-rail")


def check(
    text: str, *, allowed: list[str] | None = None, due: bool | None = None, scenario=URL
) -> str | None:
    return guard.check(
        guard.GuardInput(
            text=text,
            scenario=scenario,
            persona=CATALOG.persona(scenario.persona),
            allowed=allowed or [],
            question_due=due,
        )
    )


def test_a_reference_estimate_is_refused_unless_the_candidate_said_it() -> None:
    assert check("That should be around 4,000 reads per second.") == guard.REFERENCE_FIGURE.format(
        raw="4,000 reads per second"
    )
    assert check("You said 4,000 reads per second; why?", allowed=["I get 4k reads per second."]) is None


def test_a_figure_from_an_earned_fact_may_be_repeated_and_an_invented_one_may_not() -> None:
    fact = next(f for f in URL.facts if f.id == "scale").answer
    assert check("As I said, 100 million new URLs a month. What next?", allowed=[fact]) is None
    assert check("Assume 250 million a month.").startswith("model stated a figure nobody gave")
    assert check("Give me two options.") is None  # small counts are not figures to leak


def test_a_strong_answer_phrase_is_refused() -> None:
    concept = URL.concepts[0]
    words = concept.strong_answer.split()
    assert check(" ".join(words[:8]) + ".") == guard.REFERENCE_PHRASE
    assert check(" ".join(words[:8]) + ".", allowed=[concept.strong_answer]) is None  # they said it


def test_reciting_the_persona_expertise_is_refused_unless_the_candidate_raised_it() -> None:
    assert check("Which pacs.008 fields matter?", scenario=PAY).startswith("model recited")
    assert check("Which pacs.008 fields matter?", scenario=PAY, allowed=["We send a pacs.008."]) is None
    assert check("And the UETR?", scenario=PAY, allowed=["Every payment carries a UETR."]) is None


def test_a_due_question_may_be_asked_or_put_as_a_request() -> None:
    assert check("Good.", due=True) == guard.NO_QUESTION
    assert check("Good. Walk me through the write path.", due=True) is None
    assert check("Good. What happens on a miss?", due=True) is None
    assert check("Good.", due=None) is None


def test_a_long_reply_is_refused_whole() -> None:
    assert check("word " * 121) == guard.TOO_LONG.format(words=121, limit=120)
    assert check("word " * 119 + "why?") is None


@pytest.mark.parametrize(
    ("raw", "move", "text", "fact"),
    [
        ('{"move": "2", "text": "Why?", "ask_fact": null}', "2", "Why?", None),
        ('```json\n{"move": "1", "text": "Go on.", "ask_fact": "scale"}\n```', "1", "Go on.", "scale"),
        ("MOVE: 3\nASK_FACT: none\nTEXT: Tell me more.\nAnd why?", "3", "Tell me more.\nAnd why?", None),
        ("Just plain words?", "1", "Just plain words?", None),
    ],
)
def test_replies_are_read_in_every_form(raw: str, move: str, text: str, fact: str | None) -> None:
    reply = parse_reply(raw)
    assert (reply.move, reply.text, reply.ask_fact) == (move, text, fact)


@pytest.mark.parametrize("raw", ['{"move": "1", "text": "cut', '{"text": 3}', "MOVE: 1\nASK_FACT: none"])
def test_a_reply_in_a_broken_form_is_refused(raw: str) -> None:
    with pytest.raises(ReplyFormatError):
        parse_reply(raw)
