"""`--level` changes what is expected of the candidate, visibly in the interviewer's replies.

The same script played at two levels: a mid-level candidate who says "I don't know" is given a
worked first step straight away and the next phase opens with one; a staff candidate who has to
be prompted for failure modes or trade-offs is told so (once), and an answer to a failure
question is taken one level deeper instead of moving on to the next stock probe.
"""

from __future__ import annotations

import pytest

from tests.unit.test_engine_handoffs import SCENARIOS, say, session_for, to_phase

DESIGN = [
    "Requests go through a load balancer to app servers that write to one database.",
    "The app servers are stateless and there are three of them.",
    "Each request is validated and then handed on to the database.",
]
FAILOVER = (
    "If the database dies, the standby replica is promoted within thirty seconds, and users see errors."
)
_EXPECTED = ("expect you to raise this yourself", "bring this up unprompted")


def _play(scenario: str, level: str, turns: list[str]) -> list[tuple[str, dict]]:
    session = session_for(scenario, level=level)
    to_phase(session, "high_level_design")
    out = []
    for text in turns:
        reply = say(session, text)
        out.append((reply, session.turns()[-1].data))
    return out


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_mid_level_gets_a_worked_first_step_at_once_senior_a_smaller_question(scenario: str) -> None:
    mid = _play(scenario, "mid", [DESIGN[0], "I don't know."])
    senior = _play(scenario, "senior", [DESIGN[0], "I don't know."])
    assert "first step" in mid[-1][0].lower() and "first step" not in senior[-1][0].lower()
    assert mid[-1][1]["move"] == senior[-1][1]["move"] == "ladder"


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_mid_level_is_scaffolded_into_the_next_phase_after_one_non_answer(scenario: str) -> None:
    replies = {}
    for level in ("mid", "senior"):
        session = session_for(scenario, level=level)
        to_phase(session, "high_level_design")
        say(session, DESIGN[0])
        say(session, "I don't know.")
        replies[level] = say(session, "/next")
    assert "one step at a time" in replies["mid"] and "one step at a time" not in replies["senior"]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_staff_is_told_once_when_failure_modes_or_trade_offs_had_to_be_prompted(scenario: str) -> None:
    staff = _play(scenario, "staff", [*DESIGN, *DESIGN[1:]])
    senior = _play(scenario, "senior", [*DESIGN, *DESIGN[1:]])
    noted = [reply for reply, _ in staff if any(words in reply for words in _EXPECTED)]
    assert len(noted) == 1, [r for r, _ in staff]
    assert not any(words in reply for reply, _ in senior for words in _EXPECTED)
    note = next(data for _, data in staff if data.get("expected"))
    assert note["move"] in ("rule", "trade_offs", "failure_probe")


@pytest.mark.parametrize("scenario", ["url-shortener", "pastebin"])
def test_staff_answering_a_failure_question_goes_one_level_deeper(scenario: str) -> None:
    staff = _play(scenario, "staff", [*DESIGN, FAILOVER])
    senior = _play(scenario, "senior", [*DESIGN, FAILOVER])
    assert staff[-1][1]["move"] == "deeper" and "deeper" in staff[-1][0].lower()
    assert staff[-1][1]["heard"] == senior[-1][1]["heard"]  # the same answer, heard the same way
    assert any(status == "answered" for status in staff[-1][1]["heard"].values())
    if scenario == "pastebin":  # nothing else made the senior reply deeper: a stock probe came instead
        assert senior[-1][1]["move"] != "deeper"


def test_staff_drives_scoping_without_the_late_scale_prompt() -> None:
    from interview.engine.moves import Move
    from interview.engine.planner import Planner
    from interview.engine.planner_level import expect

    session = session_for("url-shortener", level="staff")
    planner: Planner = session.planner
    moved = expect(planner, Move(kind="ask_scale", phase="requirements", key="ask_scale"))
    assert moved.kind == "listen"
    senior = session_for("url-shortener", level="senior").planner
    assert expect(senior, Move(kind="ask_scale", phase="requirements", key="ask_scale")).kind == "ask_scale"
