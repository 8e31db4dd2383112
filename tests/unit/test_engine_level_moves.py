"""What a staff candidate is asked, exactly: escalations that name their own latest component and
figure, a "one level deeper" on the failure question they just answered, and no scale prompt while
scoping; a mid-level ladder starts from the worked step. Read from the planner's moves."""

from __future__ import annotations

from interview.catalog import load_catalog
from interview.engine import planner_level as level
from interview.engine.moves import Move
from interview.engine.planner import Planner
from tests.unit.test_engine_resume_equivalence import CATALOG_DIR

CATALOG = load_catalog([CATALOG_DIR])


def _planner(lvl: str) -> Planner:
    scenario = CATALOG.scenario("mini-shortener")
    return Planner(scenario, CATALOG.persona(scenario.persona), CATALOG.rubric(scenario.rubric), level=lvl)


def _design(planner: Planner, turns: list[str], phase: str = "deep_dive") -> Move:
    move = None
    for text in turns:
        move = planner.reply(planner.observe(text, phase))
        planner.commit(move)
    assert move is not None
    return move


def test_the_first_escalation_grows_their_own_figure_and_has_a_topic() -> None:
    planner = _planner("staff")
    planner.observe("That's 4,000 redirects a second on average.", "estimation")
    obs = None
    for text in ("Reads hit a Redis cache in front of Postgres.", "Writes go to the Postgres primary."):
        obs = planner.observe(text, "deep_dive")
    assert obs is not None
    move = level.escalation(planner, obs)
    assert move is not None and move.kind == "escalate" and move.topic == "ten x"
    assert move.question.startswith("Traffic grows ten times from your ")
    assert "4,000" in move.question


def test_without_a_figure_of_theirs_ten_times_is_said_plainly_and_later_ones_name_their_latest_box() -> None:
    planner = _planner("staff")
    obs = None
    for text in ("Reads hit a Redis cache first.", "Writes go to the Postgres primary."):
        obs = planner.observe(text, "deep_dive")
    assert obs is not None
    first = level.escalation(planner, obs)
    assert first is not None and first.question.startswith("Traffic grows ten times. Which part")
    planner.state.asked.add(first.key or "")
    second = level.escalation(planner, obs)
    components = planner.components_named()
    assert second is not None and len(components) >= 2
    assert second.topic == "region" and f"{components[-1]} included" in second.question


def test_staff_do_not_get_the_scale_prompt_while_scoping_and_their_words_are_kept() -> None:
    planner = _planner("staff")
    move = Move(kind="ask_scale", phase="requirements", echo="a link shortener", heard={"x": "answered"})
    out = level.expect(planner, move)
    assert (out.kind, out.phase, out.echo, out.heard) == (
        "listen",
        "requirements",
        "a link shortener",
        move.heard,
    )


def test_an_answered_failure_question_is_taken_one_level_deeper_on_that_question() -> None:
    planner = _planner("staff")
    obs = planner.observe("Reads hit a Redis cache in front of Postgres.", "deep_dive")
    planner.state.ledger.ask(
        "failure:0",
        "The primary database fails at noon. What do users see?",
        "the database failing",
        "deep_dive",
    )
    obs = planner.observe(
        "If the primary database fails, a replica is promoted within seconds and users see a few errors.",
        "deep_dive",
    )
    obs.heard = {"failure:0": "answered"}
    out = level.expect(planner, Move(kind="probe", phase="deep_dive"), obs)
    assert out.kind == "deeper" and out.key == "deeper:failure:0" and out.covers == "failure:0"
    assert out.act == "answer" and out.topic == "the database failing"
    assert out.echo and out.echo in obs.reading.text  # their words, named back
    assert out.question == level._DEEPER


def test_a_mid_level_ladder_starts_from_the_worked_step() -> None:
    assert level.ladder(_planner("mid"), ("reframe", "narrower", "worked")) == (
        "worked",
        "narrower",
        "reframe",
    )
    assert level.ladder(_planner("senior"), ("reframe", "narrower", "worked")) == (
        "reframe",
        "narrower",
        "worked",
    )


def test_ten_times_is_asked_even_of_a_design_that_named_no_box() -> None:
    planner = _planner("staff")
    obs = None
    for text in (
        "It handles 4,000 requests a second because nothing is shared.",
        "Each request is retried at most twice, so load stays bounded at 8,000 a second.",
    ):
        obs = planner.observe(text, "deep_dive")
    assert obs is not None and planner.components_named() == []
    move = level.escalation(planner, obs)
    assert move is not None and move.question.startswith("Traffic grows ten times from your 8,000 a second.")
