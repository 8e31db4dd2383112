"""Checking the candidate's numbers against the scenario's reference estimates.

A figure is right when it is within the estimate's tolerance, or within the tolerance of
another estimate the same turn talks about ("10,000 redirects a second at peak"). Numbers the
interviewer gave (a revealed fact's "500 bytes") are inputs, not estimates; bare numbers
("a 302") are never challenged.
"""

from __future__ import annotations

from interview.catalog.models import Scenario
from interview.engine.planner_state import FigureCheck, PlannerState
from interview.text.matching import mentions
from interview.text.numbers import Figure, compatible, convert, match_estimates, within_tolerance


def check_figures(
    scenario: Scenario, st: PlannerState, text: str, fact_figures: dict[str, list[Figure]]
) -> list[FigureCheck]:
    """Check each stated figure against its estimate (and any other the turn talks about)."""
    checks: list[FigureCheck] = []
    for estimate, figure in match_estimates(text, scenario.estimates):
        value = convert(figure.value, figure.unit, estimate.unit)
        if value is None or _given(st, fact_figures, figure.value, figure.unit):
            continue  # a number the interviewer gave is an input, not an estimate
        right = [estimate] if within_tolerance(value, estimate) else []
        for other in scenario.estimates:  # "10,000 redirects a second at peak"
            if other is estimate or not compatible(figure.unit, other.unit):
                continue
            other_value = convert(figure.value, figure.unit, other.unit)
            if other_value and within_tolerance(other_value, other) and mentions(text, other.about):
                right.append(other)
        for ok in right:
            st.stated_estimates.add(ok.id)
            st.accepted_estimates.add(ok.id)
        if right:
            checks.append(FigureCheck(right[0].id, figure.raw, True))
        elif figure.unit is not None:  # a bare number ("a 302") is never challenged
            st.stated_estimates.add(estimate.id)
            checks.append(FigureCheck(estimate.id, figure.raw, False))
    right_ids = {c.estimate for c in checks if c.ok}
    for check in checks:  # a wrong figure next to a right one for the same estimate was a step
        if not check.ok and check.estimate not in right_ids:
            st.wrong_figures.setdefault((check.estimate, check.raw), len(st.candidate_text))
    checks[:] = [c for c in checks if c.ok or c.estimate not in right_ids]
    return checks


def _given(st: PlannerState, fact_figures: dict[str, list[Figure]], value: float, unit: str | None) -> bool:
    """Whether a figure repeats one stated in a revealed fact (e.g. "500 bytes" a record)."""
    for fact_id in st.revealed:
        for given in fact_figures.get(fact_id, ()):
            if given.unit == unit and abs(given.value - value) <= 0.01 * max(abs(value), 1e-9):
                return True
    return False
