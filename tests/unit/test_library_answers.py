"""Every library scenario separates a strong answer from a weak one when graded offline.

The answers files live in tests/fixtures/library_answers/<scenario>/ (strong.txt, weak.txt) and
are played through the offline interviewer at the scenario's own level, as `interview run` would.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.catalog import load_catalog
from interview.scoring import score_offline
from interview.scoring.report import Report
from tests.support.scoring_sessions import headless_run

REPO = Path(__file__).resolve().parents[2]
ANSWERS = REPO / "tests" / "fixtures" / "library_answers"
CALIBRATED = {"url-shortener", "chat", "payment-rail"}  # graded by tests/fixtures/calibration
LIBRARY = sorted(p.stem for p in (REPO / "scenarios").glob("*.yaml") if p.stem not in CALIBRATED)
HIRING = {"lean_hire", "hire", "strong_hire"}


def graded(scenario_id: str, quality: str) -> Report:
    return score_offline(*headless_run(scenario_id, quality, root=ANSWERS))


def test_every_builtin_scenario_has_answers_to_grade() -> None:
    assert len(LIBRARY) >= 10
    assert sorted(p.name for p in ANSWERS.iterdir() if p.is_dir()) == LIBRARY


@pytest.mark.parametrize("scenario_id", LIBRARY)
def test_a_strong_answer_is_a_hire_and_a_weak_one_is_not(scenario_id: str) -> None:
    strong, weak = graded(scenario_id, "strong"), graded(scenario_id, "weak")
    assert strong.level == load_catalog().scenario(scenario_id).level
    assert strong.overall >= 75, [(c.id, c.score, c.why) for c in strong.criteria]
    assert strong.verdict in HIRING
    assert weak.overall <= 40 and weak.verdict not in HIRING
    # the numbers were read, not just the words: most reference figures land within tolerance
    landed = [e for e in strong.estimates if e.within_tolerance]
    assert len(landed) >= len(strong.estimates) - 1, [(e.id, e.said) for e in strong.estimates]
    assert not any(e.within_tolerance for e in weak.estimates)
