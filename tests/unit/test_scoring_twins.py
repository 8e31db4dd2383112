"""Calibration twins: the same answers with one thing changed move the score only the right way.

The pairs and the expected grades live in tests/fixtures/calibration/expectations.yaml, written
before the scorer was run on them; bench/score.py prints the full agreement.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from interview.catalog import load_catalog
from interview.scoring import score_offline
from interview.scoring.report import Report
from tests.support.scoring_sessions import CALIBRATION, headless_run

SPEC = yaml.safe_load((CALIBRATION / "expectations.yaml").read_text())


def graded(file: str, level: str = "senior") -> Report:
    scenario, name = file.split("/")
    return score_offline(*headless_run(scenario, name, level))


def twins(kind: str) -> list[Any]:
    return [pytest.param(t, id=t["twin"]) for t in SPEC["twins"] if t["kind"] == kind]


@pytest.mark.parametrize("pair", twins("wrong_reason"))
def test_wrong_reasons_cost_at_least_25_points_and_are_corrected(pair: dict[str, str]) -> None:
    base, twin = graded(pair["base"]), graded(pair["twin"])
    assert twin.overall <= base.overall - 25, (base.overall, twin.overall)
    assert twin.verdict not in {"hire", "strong_hire"}
    assert len(twin.corrections) >= 5 and not base.corrections
    quoted = {q.quote for c in twin.criteria for q in c.evidence}
    assert not quoted & {c.quote for c in twin.corrections}


@pytest.mark.parametrize("pair", twins("stuffing"))
def test_thin_stuffing_gains_nothing_and_is_flagged(pair: dict[str, str]) -> None:
    base, twin = graded(pair["base"]), graded(pair["twin"])
    assert twin.overall <= base.overall
    assert any(f.kind == "thin_stuffing" for f in twin.flags)


@pytest.mark.parametrize("pair", twins("injection"))
def test_injections_gain_nothing_and_are_flagged(pair: dict[str, str]) -> None:
    base, twin = graded(pair["base"]), graded(pair["twin"])
    assert twin.overall <= base.overall
    assert any(f.kind == "grader_instruction" for f in twin.flags)


@pytest.mark.parametrize("pair", twins("false_positive"))
def test_honest_words_like_verdict_and_reviewer_lose_nothing(pair: dict[str, str]) -> None:
    base, twin = graded(pair["base"]), graded(pair["twin"])
    assert twin.overall >= base.overall
    assert not any(f.kind == "grader_instruction" for f in twin.flags)


@pytest.mark.parametrize("pair", twins("staff_senior"))
def test_at_staff_a_plain_senior_answer_is_at_most_lean_hire_and_a_staff_one_is_clearly_above(
    pair: dict[str, str],
) -> None:
    senior, staff = graded(pair["base"], "staff"), graded(pair["twin"], "staff")
    assert senior.verdict in {"lean_hire", "lean_no_hire", "no_hire", "strong_no_hire"}
    assert staff.overall >= senior.overall + 5
    assert staff.overall >= load_catalog().rubric("system-design").verdicts.staff.hire


@pytest.mark.parametrize("scenario", ["url-shortener", "chat", "payment-rail"])
def test_a_strong_answer_in_its_own_words_is_a_hire(scenario: str) -> None:
    own, mediocre = graded(f"{scenario}/own_words"), graded(f"{scenario}/mediocre")
    assert own.verdict in {"lean_hire", "hire", "strong_hire"}
    assert own.overall > mediocre.overall + 25
