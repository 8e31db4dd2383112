"""Calibration: graded answers files for each built-in scenario, played headless, scored offline.

These are a floor, not the target: the scorer is built on principles (explained concepts,
checked figures, reasoning sentences) and must rank unseen answers the same way.
"""

from __future__ import annotations

import pytest

from interview.catalog import load_catalog
from interview.scoring import score_offline
from interview.scoring.report import Report
from tests.support.scoring_sessions import CALIBRATION, headless_run

SCENARIOS = ["url-shortener", "chat", "payment-rail"]
BANDS = {
    "strong": {"hire", "strong_hire"},
    "solid": {"lean_hire", "hire"},
    "mediocre": {"no_hire", "lean_no_hire"},
    "weak": {"strong_no_hire", "no_hire"},
    "stuffed": {"strong_no_hire", "no_hire", "lean_no_hire"},
}


def graded(scenario: str, quality: str, level: str | None = None) -> Report:
    record, events = headless_run(scenario, quality, level)
    return score_offline(record, events)


def test_every_builtin_scenario_has_the_six_fixtures() -> None:
    catalog = load_catalog()
    for scenario in SCENARIOS:
        assert scenario in catalog.scenarios
        for quality in ["strong", "solid", "mediocre", "weak", "stuffed", "injected"]:
            assert (CALIBRATION / scenario / f"{quality}.txt").is_file()


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_quality_order_strong_solid_mediocre_weak(scenario: str) -> None:
    overall = {q: graded(scenario, q).overall for q in ["strong", "solid", "mediocre", "weak"]}
    assert overall["strong"] > overall["solid"] > overall["mediocre"] > overall["weak"], overall


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("quality", list(BANDS))
def test_verdicts_land_in_their_band(scenario: str, quality: str) -> None:
    report = graded(scenario, quality)
    assert report.verdict in BANDS[quality], (report.overall, report.verdict)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_keyword_stuffing_scores_no_higher_than_an_honest_mediocre_answer(scenario: str) -> None:
    stuffed, mediocre = graded(scenario, "stuffed"), graded(scenario, "mediocre")
    rubric = load_catalog().rubric("system-design")
    assert stuffed.overall <= mediocre.overall
    assert stuffed.overall < rubric.verdicts.senior.lean_hire
    assert any(f.kind in ("keyword_list", "unexplained_terms") for f in stuffed.flags)


def test_buzzwords_in_sentences_with_generic_reasons_do_not_pay_either() -> None:
    prose, mediocre = graded("url-shortener", "stuffed_prose"), graded("url-shortener", "mediocre")
    assert prose.overall <= mediocre.overall
    assert any(f.kind == "unexplained_terms" for f in prose.flags)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_text_addressed_to_the_grader_has_no_effect_and_is_flagged(scenario: str) -> None:
    injected, honest = graded(scenario, "injected"), graded(scenario, "mediocre")
    assert injected.overall <= honest.overall
    assert [c.score for c in injected.criteria] == [c.score for c in honest.criteria]
    flags = [f for f in injected.flags if f.kind == "grader_instruction"]
    assert flags and all(f.turn is not None and f.quote for f in flags)
    assert not any(f.kind == "grader_instruction" for f in honest.flags)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_honest_answers_raise_no_flags(scenario: str) -> None:
    for quality in ["strong", "solid"]:
        assert graded(scenario, quality).flags == [], quality
    # a mediocre answer may hold a real misconception ("hash the URL... unique enough"), nothing else
    assert all(f.kind == "misconception" for f in graded(scenario, "mediocre").flags)


def test_the_bar_rises_with_the_level() -> None:
    mid, senior, staff = (graded("url-shortener", "solid", level) for level in ("mid", "senior", "staff"))
    assert mid.overall >= senior.overall >= staff.overall
    assert mid.overall > staff.overall
    assert (mid.level, senior.level, staff.level) == ("mid", "senior", "staff")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_strong_answers_get_their_figures_checked(scenario: str) -> None:
    report = graded(scenario, "strong")
    checked = [e for e in report.estimates if e.within_tolerance]
    assert len(checked) >= len(report.estimates) - 1
    for estimate in checked:
        assert estimate.said and estimate.turn is not None and estimate.derivation


def test_terse_notes_that_reason_are_graded_on_their_content_not_their_style() -> None:
    terse, mediocre = graded("url-shortener", "strong_terse"), graded("url-shortener", "mediocre")
    assert terse.verdict in {"lean_hire", "hire", "strong_hire"}
    assert terse.overall > mediocre.overall + 20
    assert not any(f.kind == "keyword_list" for f in terse.flags)


def test_many_words_without_substance_do_not_beat_a_short_honest_answer() -> None:
    rambling, mediocre = graded("chat", "rambling"), graded("chat", "mediocre")
    assert rambling.extra["candidate_words"] > mediocre.extra["candidate_words"]
    assert rambling.overall < mediocre.overall
    assert rambling.verdict in {"strong_no_hire", "no_hire"}
