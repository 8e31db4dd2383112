"""A figure that is off only because the candidate started from other inputs: asked about the input, half credit."""

from __future__ import annotations

from interview.catalog import load_catalog
from interview.engine.figures import check_figures
from interview.engine.planner_state import PlannerState
from interview.understanding.references import attempts

BLOOM = "A bloom filter for 10 billion URLs at 1% false positives needs about 10 bits per URL, so around 12 GB."
SLIP = "A bloom filter for 10 billion URLs at 1% false positives needs about 10 bits per URL, so around 4 GB."


def crawler():  # noqa: ANN201
    return load_catalog().scenario("web-crawler")


def test_right_arithmetic_on_other_inputs_names_the_input() -> None:
    [attempt] = [a for a in attempts(BLOOM, crawler()) if a.estimate.id == "seen_set_memory"]
    assert not attempt.ok and [a.said for a in attempt.assumed] == ["10 billion URLs"]
    [verdict] = check_figures(crawler(), PlannerState(), BLOOM)
    assert "10 billion URLs" in verdict.question and "1.2" not in verdict.question  # the reference stays hidden
    assert "divide or multiply" not in verdict.question  # the arithmetic is not what is wrong


def test_a_slip_on_the_same_inputs_is_still_a_slip() -> None:
    [attempt] = [a for a in attempts(SLIP, crawler()) if a.estimate.id == "seen_set_memory"]
    assert not attempt.ok and attempt.assumed == ()
    [verdict] = check_figures(crawler(), PlannerState(), SLIP)
    assert "10 billion URLs" not in verdict.question or "holds" not in verdict.question


def test_conversion_constants_are_never_taken_for_assumptions() -> None:
    """Dividing a month's pages by a day's seconds is a slip, even though 86,400 was said."""
    text = "1 billion pages a month, divided by 86,400, is about 11,500 pages a second."
    [attempt] = [a for a in attempts(text, crawler()) if a.estimate.id == "fetch_rate" and not a.given]
    assert attempt.raw == "11,500 pages a second" and not attempt.ok and attempt.assumed == ()


def test_the_report_gives_half_credit_and_says_which_input() -> None:
    from interview.scoring import score_offline
    from tests.support.scoring_sessions import make_session

    def report(answer: str):  # noqa: ANN202
        turns = [
            ("interviewer", "estimation", "How much memory does the seen-URL Bloom filter need?"),
            ("candidate", "estimation", answer),
            ("interviewer", "estimation", "And the fetch rate?"),
            ("candidate", "estimation", "1 billion pages a month is about 400 pages a second."),
        ]
        record, events = make_session(turns, scenario_id="web-crawler")
        return score_offline(record, events)

    assumed, slip = report(BLOOM), report(SLIP)
    check = next(e for e in assumed.estimates if e.id == "seen_set_memory")
    assert check.within_tolerance is False and check.assumed == ["10 billion URLs"]
    assert assumed.extra["points"]["estimation"] > slip.extra["points"]["estimation"]
    assert any("follows from your 10 billion URLs" in c.correction for c in assumed.corrections)


def test_which_of_the_candidates_figures_may_stand_for_a_reference_input() -> None:
    """Same order of magnitude (within 100x either way), not the same number, not off by a period."""
    from interview.understanding.assumptions import _similar

    assert _similar(1e10, 1e9) and _similar(1e8, 1e9)  # 10x either way: another assumption
    assert _similar(1e11, 1e9) and _similar(1e7, 1e9)  # 100x is the edge, still allowed
    assert not _similar(1.02e11, 1e9) and not _similar(0.98e7, 1e9)  # past it: not the same input
    assert not _similar(1e9, 1e9) and not _similar(1.01e9, 1e9)  # the reference's own input
    assert not _similar(3.33e6, 1e8) and not _similar(1e8 * 12, 1e8)  # a day for a month, a year for a month
    assert not _similar(1e8 / 7, 1e8) and not _similar(1e8 * 24, 1e8)  # a week, an hour
    assert _similar(1e8 * 5, 1e8) and _similar(1e8 * 40, 1e8)  # 5x and 40x are not periods
    assert not _similar(0, 1e9) and not _similar(1e9, 0) and not _similar(-1e9, 1e9)
