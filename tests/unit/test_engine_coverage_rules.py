"""When a phase counts as covered (and a real-clock interview moves on by itself): estimation when
every reference figure has been stated within range; wrap-up when each closing question has been
asked or already answered in their words."""

from __future__ import annotations

from interview.catalog import load_catalog
from interview.engine.planner import Planner
from tests.unit.test_engine_resume_equivalence import CATALOG_DIR

CATALOG = load_catalog([CATALOG_DIR])


def _planner() -> Planner:
    scenario = CATALOG.scenario("mini-shortener")
    return Planner(scenario, CATALOG.persona(scenario.persona), CATALOG.rubric(scenario.rubric))


def _say(planner: Planner, text: str, phase: str) -> None:
    planner.commit(planner.reply(planner.observe(text, phase)))


def test_estimation_is_not_covered_until_every_figure_is_stated_in_range() -> None:
    planner = _planner()
    for text in ("Let me think about the numbers.", "It is a big system.", "Lots of traffic, I'd say."):
        _say(planner, text, "estimation")
    assert not planner.covered("estimation")  # three turns, no figure: the phase is not done


def _observe(planner: Planner, texts: list[str], phase: str) -> None:
    for text in texts:  # heard, no reply yet: nothing is asked
        planner.observe(text, phase)


def test_wrap_up_is_not_covered_while_a_closing_question_is_neither_asked_nor_answered() -> None:
    planner = _planner()
    _observe(planner, ["Thanks for the questions.", "It was a good discussion.", "I enjoyed it."], "wrap_up")
    assert not planner.covered("wrap_up")


def test_wrap_up_said_in_their_own_shorthand_covers_it_unasked() -> None:
    planner = _planner()
    _observe(
        planner, ["The SPOF is the primary.", "At 10x we shard by code.", "Next steps: analytics."], "wrap_up"
    )
    assert planner.covered("wrap_up")  # "SPOF", "10x", "next steps": each closing question answered
    partly = _planner()
    _observe(partly, ["The SPOF is the primary.", "At 10x we shard by code.", "Nothing else."], "wrap_up")
    assert not partly.covered("wrap_up")


def test_the_wrap_up_hint_points_at_where_the_design_breaks() -> None:
    hint = _planner().hint_text("wrap_up")
    assert hint.startswith("Think about where") and hint.endswith("breaks first as traffic grows.")
