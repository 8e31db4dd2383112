"""Build a realistic `TurnContext` from the built-in url-shortener scenario for voice tests."""

from __future__ import annotations

from typing import Any

from interview.catalog.catalog import load_catalog
from interview.engine.records import Event
from interview.engine.voice import TurnContext


def make_context(**overrides: Any) -> TurnContext:
    """A requirements-phase turn answering a scale question; override any field."""
    catalog = load_catalog()
    scenario = catalog.scenario("url-shortener")
    persona = catalog.persona(scenario.persona)
    facts = {fact.id: fact for fact in scenario.facts}
    history = [
        Event(
            seq=0,
            role="interviewer",
            kind="say",
            phase="requirements",
            elapsed_s=0.0,
            text="Let's design a URL shortener. What would you like to know?",
        ),
        Event(
            seq=1,
            role="candidate",
            kind="answer",
            phase="requirements",
            elapsed_s=20.0,
            text="How many new URLs do we create per month?",
        ),
    ]
    values: dict[str, Any] = {
        "scenario": scenario,
        "persona": persona,
        "level": "senior",
        "phase_id": "requirements",
        "phase_title": "Requirements",
        "phase_remaining_s": 280.0,
        "total_remaining_s": 2680.0,
        "move_kind": "reveal_fact",
        "move_brief": "Answer the scale question with the scale fact, then invite the next question.",
        "offline_text": "Good question: about 100 million new short URLs are created each month.",
        "history": history,
        "revealed_facts": [facts["scale"]],
        "hidden_facts": [f for f in scenario.facts if f.id != "scale"],
    }
    values.update(overrides)
    return TurnContext(**values)
