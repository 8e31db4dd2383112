"""The verdict a candidate reads, at every edge of its mapping.

Each level's thresholds are inclusive (a score exactly on a bar earns it, a tenth below does
not), every verdict is reachable (strong hire included), the session's level picks the bars, a
1 on a critical criterion caps the verdict at lean no hire and nothing else, and fewer than 100
candidate words is "insufficient evidence". The bars are read from the built-in rubric, so the
tests follow a deliberate retuning of them and still catch a broken mapping.
"""

from __future__ import annotations

import pytest

from interview.catalog import load_catalog
from interview.catalog.models import LEVELS, VERDICT_SCALE, Rubric
from interview.scoring import score_offline
from interview.scoring.offline import overall_from, verdict_for
from tests.support.scoring_sessions import make_session

NAMES = ["strong_hire", "hire", "lean_hire", "lean_no_hire", "no_hire"]
BELOW = {**{a: b for a, b in zip(NAMES, NAMES[1:], strict=False)}, "no_hire": "strong_no_hire"}
PLENTY = 500  # candidate words: enough to judge


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_catalog().rubric("system-design")


def threes(rubric: Rubric) -> list[tuple[float, int]]:
    return [(c.weight, 3) for c in rubric.criteria]


def bar(rubric: Rubric, level: str, name: str) -> float:
    return getattr(getattr(rubric.verdicts, level), name)


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("name", NAMES)
def test_a_score_exactly_on_a_bar_earns_it_and_a_tenth_below_does_not(
    rubric: Rubric, level: str, name: str
) -> None:
    edge = bar(rubric, level, name)
    assert verdict_for(rubric, level, edge, threes(rubric), PLENTY) == name
    assert verdict_for(rubric, level, round(edge - 0.1, 1), threes(rubric), PLENTY) == BELOW[name]


@pytest.mark.parametrize("level", LEVELS)
def test_every_verdict_is_reachable_and_a_perfect_interview_is_a_strong_hire(
    rubric: Rubric, level: str
) -> None:
    fours = [(c.weight, 4) for c in rubric.criteria]
    perfect = overall_from([(w, float(p)) for w, p in fours])
    assert perfect == 100.0
    assert verdict_for(rubric, level, perfect, fours, PLENTY) == "strong_hire"
    seen = {verdict_for(rubric, level, x / 2, threes(rubric), PLENTY) for x in range(0, 201)}
    assert seen == set(NAMES) | {"strong_no_hire"}


def test_the_level_of_the_session_picks_the_bars(rubric: Rubric) -> None:
    """A score on the mid strong-hire bar is a strong hire for a mid, not for a staff engineer."""
    for lower, higher in zip(LEVELS, LEVELS[1:], strict=False):
        for name in NAMES:
            edge = bar(rubric, lower, name)
            if edge < bar(rubric, higher, name):
                assert verdict_for(rubric, lower, edge, threes(rubric), PLENTY) == name
                assert verdict_for(rubric, higher, edge, threes(rubric), PLENTY) != name


def test_the_level_reaches_the_report(rubric: Rubric) -> None:
    """score_offline grades the same transcript against each level's bars."""
    turns = [
        ("interviewer", "requirements", "Design a URL shortener. What do you need to know?"),
        ("candidate", "requirements", "How many new URLs a month, and how long do links live? " * 8),
        ("interviewer", "requirements", "About 100 million a month, kept for five years."),
        ("candidate", "high_level_design", "A cache in front of a key-value store, with base62 codes. " * 8),
    ]
    for level in LEVELS:
        report = score_offline(*make_session(turns, level=level))
        assert report.level == level
        scores = [(c.weight, c.score) for c in report.criteria]
        words = report.extra["candidate_words"]
        assert report.verdict == verdict_for(rubric, level, report.overall, scores, words)
        assert f"at {level} level" in report.feedback.summary


def critical_and_minor(rubric: Rubric) -> tuple[str, str]:
    total = sum(c.weight for c in rubric.criteria)
    heavy = min((c for c in rubric.criteria if c.weight / total >= 0.15), key=lambda c: c.weight)
    light = max((c for c in rubric.criteria if c.weight / total < 0.15), key=lambda c: c.weight)
    return heavy.id, light.id


def with_score(rubric: Rubric, criterion_id: str, score: int) -> list[tuple[float, int]]:
    return [(c.weight, score if c.id == criterion_id else 3) for c in rubric.criteria]


def test_a_1_on_the_lightest_critical_criterion_caps_at_exactly_lean_no_hire(rubric: Rubric) -> None:
    heavy, _ = critical_and_minor(rubric)
    for level in LEVELS:
        top = bar(rubric, level, "strong_hire")
        assert verdict_for(rubric, level, top, with_score(rubric, heavy, 1), PLENTY) == "lean_no_hire"
        assert verdict_for(rubric, level, top, with_score(rubric, heavy, 2), PLENTY) == "strong_hire"
        lean = bar(rubric, level, "lean_hire")
        assert verdict_for(rubric, level, lean, with_score(rubric, heavy, 1), PLENTY) == "lean_no_hire"


def test_the_cap_never_raises_a_verdict_below_it(rubric: Rubric) -> None:
    heavy, _ = critical_and_minor(rubric)
    for level in LEVELS:
        for name in ("lean_no_hire", "no_hire"):
            edge = bar(rubric, level, name)
            assert verdict_for(rubric, level, edge, with_score(rubric, heavy, 1), PLENTY) == name
        low = bar(rubric, level, "no_hire") - 0.1
        assert verdict_for(rubric, level, low, with_score(rubric, heavy, 1), PLENTY) == "strong_no_hire"


def test_a_1_on_a_minor_criterion_does_not_cap(rubric: Rubric) -> None:
    _, light = critical_and_minor(rubric)
    for level in LEVELS:
        top = bar(rubric, level, "strong_hire")
        assert verdict_for(rubric, level, top, with_score(rubric, light, 1), PLENTY) == "strong_hire"


@pytest.mark.parametrize("level", LEVELS)
def test_99_words_is_too_few_to_judge_and_100_is_enough(rubric: Rubric, level: str) -> None:
    top = bar(rubric, level, "strong_hire")
    assert verdict_for(rubric, level, top, threes(rubric), 99) == "insufficient_evidence"
    assert verdict_for(rubric, level, top, threes(rubric), 100) == "strong_hire"


def words(n: int) -> str:
    vocabulary = "we keep links in a store behind a cache and count clicks later on".split()
    return " ".join(vocabulary[i % len(vocabulary)] for i in range(n)) + "."


@pytest.mark.parametrize(("count", "judged"), [(99, False), (100, True)])
def test_the_report_says_too_little_to_judge_below_100_words(count: int, judged: bool) -> None:
    record, events = make_session(
        [
            ("interviewer", "requirements", "Design a URL shortener."),
            ("candidate", "requirements", words(count)),
        ]
    )
    report = score_offline(record, events)
    assert report.extra["candidate_words"] == count
    assert (report.verdict != "insufficient_evidence") is judged
    if not judged:
        assert "Too little to judge" in report.feedback.summary and str(count) in report.feedback.summary
    assert report.verdict in VERDICT_SCALE or report.verdict == "insufficient_evidence"


def test_the_overall_is_a_weighted_mean_shown_to_one_decimal() -> None:
    assert overall_from([(1.0, 2.0)]) == 33.3  # one point of three above the floor, to a tenth
    assert overall_from([(2.0, 4.0), (1.0, 1.0)]) == 66.7
    assert overall_from([(1.0, 1.0)]) == 0.0


def test_an_unknown_level_is_graded_against_the_senior_bars(rubric: Rubric) -> None:
    for name in NAMES:
        edge = bar(rubric, "senior", name)
        assert verdict_for(rubric, "principal", edge, threes(rubric), PLENTY) == name
