"""What the candidate's level changes in the interviewer's moves (engine/planner_level.py): a staff
candidate's design is pushed with each escalation once, in order, on their own figure and boxes.
Played on the unseen notifications scenario (tests/fixtures/listening).
"""

from __future__ import annotations

from tests.unit.test_engine_listening import STAFF_SCRIPT, say, session_for

MORE = (
    "We would add partitions and more workers; Postgres gets read replicas.",
    "Clients retry with the same id, so replays are harmless.",
    "Consumer lag alarms page the on-call engineer within a minute.",
    "Hot users are spread by hashing the notification id, not the user.",
)


def _moves(level: str) -> list[dict]:
    session = session_for("notifications", level=level)
    for said in (*STAFF_SCRIPT, *MORE):
        say(session, said)
    return [e.data for e in session.turns() if e.role == "interviewer"]


def test_a_staff_design_is_pushed_by_ten_times_then_a_lost_region_then_a_hot_key_once_each() -> None:
    pushed = [m for m in _moves("staff") if m["move"] == "escalate"]
    assert [m["key"] for m in pushed] == ["escalate:ten_x", "escalate:region", "escalate:hot_key"]
    ten_x, region, hot_key = (m["question"] for m in pushed)
    assert ten_x.startswith("Traffic grows ten times from your 6,000 notifications a second.")
    assert region.startswith("You lose a whole region,") and "{component}" not in region
    assert "fifty times the traffic" in hot_key
    assert not [m for m in _moves("senior") if m["move"] == "escalate"]
