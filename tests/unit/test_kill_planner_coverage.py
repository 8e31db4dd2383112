"""The one hint a phase gets points at what the candidate has not touched yet, never an answer
(engine/planner_coverage.py). Played on the unseen notifications scenario (tests/fixtures/listening).
"""

from __future__ import annotations

from interview.engine.moves import spoken_label
from tests.unit.test_engine_listening import figures_of, move_of, say, session_for, to_phase


def test_the_requirements_hint_points_at_scale_then_at_a_fact_not_asked_then_says_to_summarise() -> None:
    fresh = session_for("notifications")
    assert "You haven't asked about scale yet" in say(fresh, "/hint")
    assert move_of(fresh)["move"] == "hint"
    assert "You've had your hint for this phase" in say(fresh, "/hint")  # one a phase
    assert move_of(fresh)["move"] == "hint_used"

    scaled = session_for("notifications")
    say(scaled, "How many notifications are sent a day?")
    hidden = next(f for f in scaled.scenario.facts if f.id not in scaled.planner.state.revealed)
    assert f"There's more to learn about {hidden.about[0]}; ask me about it." in say(scaled, "/hint")

    known = session_for("notifications")
    for asked in ("How many notifications are sent a day?", "Which channels?", "What delivery guarantee?"):
        say(known, asked)
    assert set(known.planner.state.revealed) == {f.id for f in known.scenario.facts}
    assert "You have what you need; summarise the requirements" in say(known, "/hint")


def test_the_estimation_hint_names_the_next_figure_to_work_out_never_its_value() -> None:
    session = session_for("notifications")
    to_phase(session, "estimation")
    hint = say(session, "/hint")
    assert f"Work out {spoken_label(session.scenario.estimates[0].label)} from the numbers" in hint
    assert not any(value in hint for value in figures_of(session) if len(value) > 2)

    done = session_for("notifications")
    to_phase(done, "estimation")
    say(done, "500 million a day over 86,400 seconds is about 6,000 notifications a second.")
    say(done, "At 200 bytes each that's 100 GB of delivery history a day.")
    assert "Your numbers look complete; say which one drives the design." in say(done, "/hint")


def test_a_design_hint_is_an_uncovered_topic_never_asked_again_and_the_wrap_up_hint_is_about_growth() -> None:
    session = session_for("notifications")
    to_phase(session, "high_level_design")
    hint = say(session, "/hint")
    concept = move_of(session)["concept"]
    probe = next(c.probe for c in session.scenario.concepts if c.id == concept)
    assert probe in hint
    for said in ("An API writes to Postgres.", "Workers read a queue.", "Providers are called by workers."):
        say(session, said)
    asked = [e.data.get("question") for e in session.turns() if e.role == "interviewer"][-3:]
    assert probe not in asked  # the hint put that topic to them already
    to_phase(session, "wrap_up")
    assert "Think about where this design breaks first as traffic grows." in say(session, "/hint")
