"""The software architect and the architect-engineer: visible in the opening, different in what they ask.

One candidate plays the same ticket-booking answers to every persona; each persona's stances fire
on what it cares about (the architect on decisions and regulated data, the architect-engineer on
slices, migration and rollout), so the same answers draw different questions.
"""

from __future__ import annotations

import asyncio

import pytest

from interview.catalog import load_catalog
from interview.catalog.lint import lint_persona
from interview.engine import VirtualClock, new_session

TURNS = [
    "I'll use a load balancer in front of a Postgres database. How many tickets a month, and how big "
    "is the biggest on-sale?",
    "/next",
    "Normal trading is about 4 bookings a second; a stadium on-sale sells about 83 seats a second.",
    "/next",
    "I'd go with Postgres rather than DynamoDB, because a hold must be one transaction. We'll rewrite the "
    "existing booking system as new services, each service with its own database.",
    "The hold is a conditional update on the seat row, so exactly one buyer wins and a seat is never sold twice.",
    "/next",
    "For now, a quick fix is a cron job that releases expired holds every minute. We deploy it with the rest "
    "on Friday.",
    "Payments go to the provider with an idempotency key, and card details never touch our servers.",
    "/end",
]


def play(persona: str) -> tuple[str, list[str]]:
    """The opening and the ids of the persona rules the interviewer asked, in order."""

    async def run() -> tuple[str, list[str]]:
        session = new_session(load_catalog(), "ticket-booking", persona=persona, clock=VirtualClock(), seed=7)
        async for _ in session.opening():
            pass
        for turn in TURNS:
            if session.finished:
                break
            async for _ in session.send(turn):
                pass
        said = [e for e in session.events if e.role == "interviewer"]
        return said[0].text, [str(e.data["rule"]) for e in said if e.data.get("rule")]

    return asyncio.run(run())


@pytest.mark.parametrize(
    ("persona", "name", "role"), [("architect", "Priya", "architect"), ("engineer", "Tomás", "engineer")]
)
def test_the_opening_says_who_is_interviewing(persona: str, name: str, role: str) -> None:
    opening, _ = play(persona)
    greeting = opening.split("\n")[0]
    assert name in greeting and role in greeting.lower()
    assert greeting in load_catalog().persona(persona).voice.greeting


def test_the_architect_asks_for_the_decision_record_and_regulated_data() -> None:
    _, rules = play("architect")
    assert "record_the_decision" in rules  # "I'd go with Postgres rather than DynamoDB"
    assert "compliance" in rules  # "card details"
    assert not {"build_in_slices", "migration_plan", "safe_rollout"} & set(rules)


def test_the_architect_engineer_asks_how_it_is_built_migrated_and_rolled_out() -> None:
    _, rules = play("engineer")
    assert {"build_in_slices", "migration_plan", "safe_rollout"} <= set(rules)
    assert "record_the_decision" not in rules


def test_the_same_answers_draw_different_stances_from_each_persona() -> None:
    fired = {p: frozenset(play(p)[1]) for p in ("architect", "engineer", "principal", "payments", "backend")}
    assert len(set(fired.values())) == len(fired), fired
    assert fired["architect"].isdisjoint(fired["engineer"])


def test_the_new_personas_lint_clean_and_are_used_by_library_scenarios() -> None:
    catalog = load_catalog()
    for persona_id in ("architect", "engineer"):
        assert lint_persona(catalog.persona(persona_id)) == []
    uses = {e.model.persona for e in catalog.scenarios.values() if e.source == "built-in"}
    assert {"architect", "engineer"} <= uses


@pytest.mark.parametrize("persona", sorted(load_catalog().personas))
def test_every_persona_is_named_in_the_opening_and_asks_its_own_questions(persona: str) -> None:
    found = load_catalog().persona(persona)
    opening, rules = play(persona)
    assert found.name.split()[0] in opening.split("\n")[0]  # who is interviewing, in the first line
    others = [p for p in load_catalog().personas if p != persona]
    assert all(play(other)[0].split("\n")[0] != opening.split("\n")[0] for other in others)
    own = {r.id for r in found.rules}
    assert set(rules) <= own  # every stance asked is one of this persona's rules
