"""`--level staff` on the library scenarios: a staff answer clears the staff bar, a senior one does not.

The staff answers (tests/fixtures/library_answers/<scenario>/staff.txt) were written for this test in
other words than the scenario's reference answers: failure modes named first, trade-offs raised
unasked, a rollout plan and the bill. The senior strong answer covers the same design without those.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.scoring import score_offline
from interview.scoring.report import Report
from tests.support.scoring_sessions import headless_run

ANSWERS = Path(__file__).resolve().parents[1] / "fixtures" / "library_answers"
STAFF = sorted(p.parent.name for p in ANSWERS.glob("*/staff.txt"))
HIRING = {"lean_hire", "hire", "strong_hire"}


def graded(scenario_id: str, quality: str, level: str) -> Report:
    return score_offline(*headless_run(scenario_id, quality, level, root=ANSWERS))


def test_at_least_four_library_scenarios_have_a_staff_answer() -> None:
    assert len(STAFF) >= 4


@pytest.mark.parametrize("scenario_id", STAFF)
def test_a_staff_answer_clears_the_staff_bar_and_a_senior_answer_does_not(scenario_id: str) -> None:
    staff = graded(scenario_id, "staff", "staff")
    assert staff.level == "staff"
    assert staff.overall >= 75 and staff.verdict in HIRING, [(c.id, c.score, c.why) for c in staff.criteria]
    senior_at_staff = graded(scenario_id, "strong", "staff")
    assert senior_at_staff.overall < staff.overall - 5  # the staff signals are what earn the difference
    assert senior_at_staff.overall < graded(scenario_id, "strong", "senior").overall  # the bar rises


@pytest.mark.parametrize("scenario_id", STAFF)
def test_the_bar_falls_at_mid_level_but_a_weak_answer_is_still_no_hire(scenario_id: str) -> None:
    mid, senior = graded(scenario_id, "strong", "mid"), graded(scenario_id, "strong", "senior")
    assert mid.level == "mid" and mid.overall >= senior.overall
    weak = graded(scenario_id, "weak", "mid")
    assert weak.verdict not in HIRING and weak.overall <= 40
