"""What a sentence's wording earns in the report's "why" lines (scoring/signals.py).

Each case is a short transcript and the note the graded report shows (or must not show) for it.
"""

from __future__ import annotations

import pytest

from interview.scoring import score_offline
from tests.support.scoring_sessions import make_session

SERVERS = (
    "each app server can handle a few thousand requests {unit}, so three of them behind the load "
    "balancer is plenty because the redirect is a single key lookup."
)


def why(text: str, phase: str = "high_level_design", scenario: str = "url-shortener") -> dict[str, str]:
    """The report's why line per criterion for one candidate answer."""
    record, events = make_session([("interviewer", phase, "Go on."), ("candidate", phase, text)], scenario)
    return {c.id: c.why for c in score_offline(record, events).criteria}


@pytest.mark.parametrize("unit", ["per second", "a second", "every second", "each second", "/second"])
def test_second_as_a_unit_of_time_is_not_signposting(unit: str) -> None:
    said = why(SERVERS.format(unit=unit).capitalize())
    assert "signposting" not in said["communication"]


@pytest.mark.parametrize("lead", ["First, ", "Second, ", "Secondly, ", "Then "])
def test_a_step_word_is_signposting(lead: str) -> None:
    said = why(lead + SERVERS.format(unit="per second"))
    assert "1 turn with signposting" in said["communication"]


@pytest.mark.parametrize(
    "asked",
    [
        "What read to write ratio should I plan for",  # a question, typed without its question mark
        "So how many people shorten links every day",
        "Okay, do links ever expire",
    ],
)
def test_a_question_without_a_question_mark_is_still_a_clarifying_question(asked: str) -> None:
    said = why(asked, phase="requirements")
    assert said["requirements"].startswith("1 clarifying question;")


def test_a_statement_is_not_a_clarifying_question() -> None:
    said = why("Links never expire in this design and nobody picks their own alias", phase="requirements")
    assert "clarifying question" not in said["requirements"]
