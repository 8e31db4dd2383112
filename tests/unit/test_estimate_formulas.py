"""Every built-in estimate's derivation is checked arithmetic: its `formula:` lands on its value."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.catalog.formula import FormulaError, evaluate
from interview.catalog.lint import lint_scenario
from interview.catalog.loader import load_file
from interview.catalog.models import Estimate, Scenario

REPO = Path(__file__).resolve().parents[2]
BUILTIN = sorted((REPO / "scenarios").glob("*.yaml"))


def _estimates() -> list[tuple[str, Estimate]]:
    out: list[tuple[str, Estimate]] = []
    for path in BUILTIN:
        scenario = load_file(path, Scenario).model
        assert scenario is not None, path
        out.extend((scenario.id, e) for e in scenario.estimates)
    return out


ESTIMATES = _estimates()


def test_every_builtin_scenario_has_estimates_to_check() -> None:
    assert len(BUILTIN) >= 13
    assert {sid for sid, _ in ESTIMATES} == {p.stem for p in BUILTIN}


@pytest.mark.parametrize(("scenario_id", "estimate"), ESTIMATES, ids=[f"{s}:{e.id}" for s, e in ESTIMATES])
def test_the_formula_gives_the_stated_value(scenario_id: str, estimate: Estimate) -> None:
    assert estimate.formula, f"{scenario_id}:{estimate.id} has no formula for its derivation"
    worked = evaluate(estimate.formula)
    # within the tolerance the scorer grants a candidate ...
    assert estimate.value / estimate.tolerance <= worked <= estimate.value * estimate.tolerance
    # ... and the stated value is only the rounded result ("~39/s, call it ~40/s"), not another figure
    assert worked == pytest.approx(estimate.value, rel=0.1), (estimate.derivation, worked)


def test_formulas_are_arithmetic_only() -> None:
    assert evaluate("100e6 / (30 * 86400)") == pytest.approx(38.58, rel=1e-3)
    assert evaluate("ceil(log(6e9 * 100) / log(62))") == 7
    for bad in ["__import__('os')", "x * 2", "open('f')", "2 ** 1000", "1 if 1 else 2", ""]:
        with pytest.raises(FormulaError):
            evaluate(bad)


def test_lint_names_an_estimate_whose_formula_disagrees_with_its_value() -> None:
    scenario = load_file(REPO / "scenarios" / "news-feed.yaml", Scenario).model
    assert scenario is not None and not lint_scenario(scenario)
    broken = scenario.model_copy(deep=True)
    broken.estimates[0].formula = "200e6 * 10 / 86400 * 100"  # a factor of 100 off
    problems = lint_scenario(broken)
    assert [p.field for p in problems] == ["estimates.0.formula"]
    assert "outside the tolerance" in problems[0].message
