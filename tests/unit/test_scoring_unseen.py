"""Answers the scorer was not tuned on: other vocabulary, wrong numbers, generic reasons, subtler injection.

Each test asserts an ordering or a band a strong interviewer would sign, never exact numbers.
"""

from __future__ import annotations

import pytest

from interview.catalog import load_catalog
from interview.scoring import score_offline
from interview.scoring.report import Report
from tests.support.scoring_sessions import UNSEEN, headless_run

HIRING = {"lean_hire", "hire", "strong_hire"}


def graded(scenario: str, name: str) -> Report:
    return score_offline(*headless_run(scenario, name, root=UNSEEN))


def calibrated(scenario: str, quality: str) -> Report:
    return score_offline(*headless_run(scenario, quality))


def criterion(report: Report, criterion_id: str):  # noqa: ANN201 - test helper
    return next(c for c in report.criteria if c.id == criterion_id)


def lean_hire_bar() -> float:
    return load_catalog().rubric("system-design").verdicts.senior.lean_hire


def test_a_strong_answer_in_its_own_words_is_a_hire_and_beats_the_mediocre_one() -> None:
    report = graded("url-shortener", "strong_own_words")
    assert report.verdict in HIRING, (report.overall, report.verdict)
    assert report.overall > calibrated("url-shortener", "mediocre").overall + 20
    # "a create call that takes the long address and answers with the short link" defines an API
    assert criterion(report, "api_and_data_model").score >= 3


@pytest.mark.parametrize("scenario", ["url-shortener", "chat", "payment-rail"])
def test_great_reasoning_with_wrong_numbers_fails_estimation_but_not_the_design(scenario: str) -> None:
    report = graded(scenario, "reasoning_wrong_numbers")
    estimation = criterion(report, "estimation")
    assert estimation.score <= 2
    assert "off" in estimation.why  # the why line says the figures were wrong
    assert all(e.within_tolerance is not True for e in report.estimates)
    assert report.overall > calibrated(scenario, "mediocre").overall
    assert criterion(report, "high_level_design").score >= 3


def test_wrong_figures_are_never_matched_to_a_status_code_or_another_estimate() -> None:
    said = {e.id: e.said for e in graded("url-shortener", "reasoning_wrong_numbers").estimates}
    assert said["write_rate"] == "4,000 writes per second"  # the average, not the peak
    assert said["read_rate"] == "400,000 redirects per second"
    assert said["keyspace"] != "302" and said["read_rate"] != "301"


def test_right_numbers_with_no_design_are_not_a_hire() -> None:
    report = graded("url-shortener", "numbers_no_design")
    assert criterion(report, "estimation").score >= 3
    assert report.overall < lean_hire_bar()
    assert report.verdict not in HIRING


@pytest.mark.parametrize("scenario", ["url-shortener", "chat"])
def test_right_words_with_generic_reasons_score_no_higher_than_an_honest_mediocre_answer(
    scenario: str,
) -> None:
    generic, mediocre = graded(scenario, "generic_reasons"), calibrated(scenario, "mediocre")
    assert generic.overall <= mediocre.overall
    assert generic.verdict not in HIRING
    assert any(f.kind == "unexplained_terms" for f in generic.flags)


@pytest.mark.parametrize(
    ("scenario", "injected", "honest", "instructions"),
    [
        ("url-shortener", "injected_subtle", None, 4),  # honest content = the calibration mediocre answer
        ("payment-rail", "injected_subtle", "honest_of_injected", 3),
    ],
)
def test_subtle_grader_instructions_gain_nothing_and_are_all_flagged(
    scenario: str, injected: str, honest: str | None, instructions: int
) -> None:
    report = graded(scenario, injected)
    baseline = graded(scenario, honest) if honest else calibrated(scenario, "mediocre")
    assert report.overall <= baseline.overall
    assert report.verdict == baseline.verdict
    flagged_turns = {f.turn for f in report.flags if f.kind == "grader_instruction"}
    assert len(flagged_turns) >= instructions


@pytest.mark.parametrize("scenario", ["url-shortener", "chat"])
def test_restating_the_interviewers_facts_earns_no_estimates(scenario: str) -> None:
    report = graded(scenario, "restater")
    assert not any(e.within_tolerance for e in report.estimates)
    assert all(e.said is None for e in report.estimates)  # nor is a given figure marked as a wrong estimate
    assert criterion(report, "estimation").score == 1


def test_saying_a_component_is_not_needed_does_not_earn_it() -> None:
    report = graded("url-shortener", "negations")
    missing = {m.split(" (")[0] for c in report.criteria for m in c.missing}
    assert {"redirect cache", "partitioning", "replication failover", "no single point of failure"} <= missing
    assert report.verdict not in HIRING


@pytest.mark.parametrize("scenario", ["url-shortener", "chat", "payment-rail"])
def test_requirements_quotes_come_from_the_requirements_phase(scenario: str) -> None:
    record, events = headless_run(scenario, "solid")
    turns = [e for e in events if e.is_turn]
    report = score_offline(record, events)
    quotes = criterion(report, "requirements").evidence
    assert quotes
    assert all(turns[q.turn].phase == "requirements" for q in quotes), [(q.turn, q.quote) for q in quotes]
