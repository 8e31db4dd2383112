"""Persona rules fire in the sense they mean, in their phases, and name the candidate's component."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.catalog import Catalog, load_catalog, load_text
from interview.catalog.models import Persona
from interview.engine.persona_rules import component_name, fire
from interview.engine.planner import Planner
from tests.support.rule_cases import CASES

ROOT = Path(__file__).resolve().parents[1]
DIRS = [ROOT / "fixtures" / "scenarios_unseen", ROOT / "tui" / "data" / "scenarios"]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(DIRS)


@pytest.mark.parametrize(("scenario_id", "phase", "text", "must", "must_not"), CASES)
def test_rules_fire_sensibly(
    catalog: Catalog, scenario_id: str, phase: str, text: str, must: set[str], must_not: set[str]
) -> None:
    scenario = catalog.scenario(scenario_id)
    fired = {hit.rule for hit in fire(catalog.persona(scenario.persona).rules, text, phase, said=text)}
    assert must <= fired
    assert not (fired & must_not)


def test_the_question_names_the_candidates_own_component(catalog: Catalog) -> None:
    rules = catalog.persona("principal").rules
    (hit,) = [
        h
        for h in fire(rules, "Counters live in a Redis counter store.", "deep_dive")
        if h.rule == "single_point_of_failure"
    ]
    assert hit.question.startswith("If the Redis counter store dies")
    (queue,) = fire(rules, "Clicks go onto a Kafka queue and workers aggregate them.", "deep_dive")
    assert "the Kafka queue" in queue.question


def test_component_name_stops_at_verbs_and_falls_back() -> None:
    text = "All writes go to a single database for now."
    start = text.index("single database")
    assert (
        component_name(text, start, start + len("single database"), "that component") == "the single database"
    )
    assert component_name("One.", 0, 3, "that component") == "that component"


def test_a_trigger_said_as_a_verb_is_not_named_as_a_thing(catalog: Catalog) -> None:
    rules = catalog.persona("principal").rules
    (hit,) = [
        h
        for h in fire(rules, "robots.txt is fetched and cached per host for a day.", "deep_dive")
        if h.rule == "cache_eviction"
    ]
    assert "the cached" not in hit.question
    assert hit.question.startswith("What goes in the cache,")
    (layer,) = [
        h for h in fire(rules, "A caching layer sits in front.", "deep_dive") if h.rule == "cache_eviction"
    ]
    assert "the caching layer" in layer.question


def test_an_answered_rule_stays_quiet_for_the_session(catalog: Catalog) -> None:
    rules = catalog.persona("principal").rules
    said = "Redis has a replica with automatic failover. Counters live in Redis."
    assert "single_point_of_failure" not in {
        h.rule for h in fire(rules, "Counters live in Redis.", "deep_dive", said=said)
    }


def test_negated_triggers_do_not_fire(catalog: Catalog) -> None:
    rules = catalog.persona("principal").rules
    assert "cache_eviction" not in {h.rule for h in fire(rules, "We don't need a cache here.", "deep_dive")}


def test_the_planner_asks_the_rule_with_the_component(catalog: Catalog) -> None:
    scenario = catalog.scenario("rate-limiter")
    planner = Planner(scenario, catalog.persona("principal"), catalog.rubric("system-design"))
    move = planner.reply(
        planner.observe("Counters live in a Redis counter store, sharded by key.", "deep_dive")
    )
    assert move.kind == "rule" and move.rule == "single_point_of_failure"
    assert "the Redis counter store" in move.question


PERSONA = """
id: p
name: P
title: T
description: D
rules:
  - id: r
    says: s
    when: [redis]
    sense: [cache]
    not_near: [counter]
    ask: "Is {{component}} warm?"
voice: {greeting: [g], acknowledge: [a], probe: [p], challenge: [c], move_on: [m], closing: [c]}
"""


def test_sense_and_not_near_are_authorable() -> None:
    persona = load_text(PERSONA.replace("{{", "{").replace("}}", "}"), Persona).model
    assert persona is not None
    rules = persona.rules
    assert fire(rules, "Redis holds sessions.", "deep_dive") == []  # not in the cache sense
    assert fire(rules, "A Redis counter cache.", "deep_dive") == []  # next to "counter"
    (hit,) = fire(rules, "A Redis cache in front of Postgres.", "deep_dive")
    assert hit.question == "Is the Redis cache warm?"


def test_unknown_placeholders_are_refused() -> None:
    loaded = load_text(PERSONA.replace("{{component}}", "{thing}"), Persona)
    assert loaded.model is None
    assert any("unknown placeholder {thing}" in p.message for p in loaded.problems)


@pytest.mark.parametrize("persona_id", ["principal", "backend", "architect", "engineer", "payments"])
def test_a_figure_challenge_asks_one_question_whatever_the_personas_lead_in(
    catalog: Catalog, persona_id: str
) -> None:
    """A persona's challenge lines include questions ("What about the unhappy path?"); put before
    "How do you get from 1 MB to 400 TB?" they made two unrelated questions in one breath."""
    from interview.engine.moves import Move
    from interview.engine.offline import OfflineVoice

    persona = catalog.persona(persona_id)
    voice = OfflineVoice(catalog.scenario("url-shortener"), persona, seed=1)
    ask = "How do you get from 1 MB to 400 TB? What did you divide or multiply by?"
    leads = set()
    for _ in range(3 * len(persona.voice.challenge)):
        text = voice.render(Move(kind="challenge", phase="estimation", key="challenge:storage", question=ask))
        assert text.endswith(ask) and text.count("?") == ask.count("?"), text
        leads.add(text[: -len(ask)].strip())
    assert len(leads) > 1  # still the persona's own lines, in turn


def test_a_rule_with_no_phases_stays_quiet_while_the_candidate_estimates(catalog: Catalog) -> None:
    """ "400 TB of uploads a day" said while estimating got "What do you accept in that field, and
    what happens when someone sends something malicious?": a design stance, asked of a figure."""
    rules = catalog.persona("backend").rules
    said = "If the average file is 1 MB, that's 400 TB of uploads a day."
    assert "input_validation" not in {h.rule for h in fire(rules, said, "estimation")}
    design = "Clients upload files straight to object storage with a signed URL."
    assert "input_validation" in {h.rule for h in fire(rules, design, "high_level_design")}


def test_the_input_validation_question_names_the_input_it_is_about(catalog: Catalog) -> None:
    """ "What do you accept in that field" after a sentence about uploads named no field at all."""
    rules = catalog.persona("backend").rules
    (hit,) = [
        h
        for h in fire(rules, "The filename comes from the user.", "deep_dive")
        if h.rule == "input_validation"
    ]
    assert hit.question.startswith("What do you accept in the filename,")
