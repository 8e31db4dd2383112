"""The offline interviewer across a session: lines that fit what just happened (issue 3).

An interviewer who says "Say more about that." and then changes the subject, "Good, that's the
number I wanted." after an answer with no number, or "That's our time." when the candidate ended
at minute ten, reads like a form being filled in. These tests pin the stitching down.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.catalog import Catalog, load_catalog
from interview.catalog.models import Persona
from interview.engine.moves import Move
from interview.engine.offline import OfflineVoice
from interview.engine.planner import Planner

CATALOG_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "runs" / "catalog"
REFER_BACK = ["Say more about that.", "Let me push on that."]


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog([CATALOG_DIR])


@pytest.fixture
def persona(catalog: Catalog) -> Persona:
    persona = catalog.persona("tester").model_copy(deep=True)
    persona.voice.probe = list(REFER_BACK)
    persona.voice.acknowledge = ["Good, that's the number I wanted.", "Okay.", "Fair enough."]
    persona.voice.closing = [
        "That's our time. Thanks.",
        "Let's stop there. Thanks for your time.",
        "Thanks, and good luck.",
    ]
    return persona


def voice_for(catalog: Catalog, persona: Persona, seed: int = 1) -> OfflineVoice:
    return OfflineVoice(catalog.scenario("mini-shortener"), persona, seed=seed)


def planner_for(catalog: Catalog, persona: Persona) -> Planner:
    return Planner(catalog.scenario("mini-shortener"), persona, catalog.rubric("system-design"))


def turn(planner: Planner, text: str, phase: str) -> Move:
    move = planner.reply(planner.observe(text, phase))
    planner.commit(move)
    return move


def test_a_probe_on_a_new_topic_does_not_refer_back_to_the_last_answer(
    catalog: Catalog, persona: Persona
) -> None:
    voice = voice_for(catalog, persona)
    probe = Move(kind="probe", phase="deep_dive", key="concept:x", question="How do you split the data?")
    lines = [voice.render(probe) for _ in range(8)]
    assert all(line.endswith("How do you split the data?") for line in lines)
    assert not any(lead in line for line in lines for lead in REFER_BACK)


def test_a_followup_to_what_they_just_said_names_their_words(catalog: Catalog, persona: Persona) -> None:
    planner = planner_for(catalog, persona)
    move = turn(planner, "App servers read through a Redis layer before the store.", "high_level_design")
    assert move.kind == "followup" and move.prompted
    said = voice_for(catalog, persona).render(move)
    assert "App servers read through a Redis layer" in said and said.endswith("?")
    assert Move.from_data(move.to_data(), move.phase).prompted  # kept in the event for resume


def test_an_acknowledgement_about_a_number_only_follows_a_figure(catalog: Catalog, persona: Persona) -> None:
    voice = voice_for(catalog, persona)
    listens = [voice.render(Move(kind="listen", phase="requirements")) for _ in range(9)]
    assert not any("number" in line for line in listens)
    assert any("Okay." in line for line in listens) and any("Fair enough." in line for line in listens)


def test_ending_early_is_not_called_time(catalog: Catalog, persona: Persona) -> None:
    voice = voice_for(catalog, persona)
    early = [
        voice.render(Move(kind="closing", phase="wrap_up", end_reason="candidate"), elapsed_s=120)
        for _ in range(6)
    ]
    assert not any("time" in line.lower().replace("your time", "") for line in early)


def test_ending_on_time_says_so_once(catalog: Catalog, persona: Persona) -> None:
    voice = voice_for(catalog, persona)
    for _ in range(6):
        text = voice.render(Move(kind="closing", phase="deep_dive", end_reason="time"), elapsed_s=3200)
        assert "past time" in text
        assert text.lower().count("stop there") <= 1 and "That's our time" not in text


def test_after_the_closing_questions_the_interviewer_says_it_has_nothing_more(
    catalog: Catalog, persona: Persona
) -> None:
    planner = planner_for(catalog, persona)
    for name in ("bottlenecks", "ten_x", "more_time"):
        planner.commit(Move(kind="wrap_up", phase="wrap_up", key=f"wrap:{name}", question=name))
    # An answer that brings up a new concept: nothing left to ask, so say so and let them lead.
    move = turn(planner, "With more time I'd switch the codes to base62.", "wrap_up")
    assert move.kind == "nothing_new"
    assert "/end" in voice_for(catalog, persona).render(move)


def test_a_design_hint_reads_as_one_pointer_then_the_question(catalog: Catalog, persona: Persona) -> None:
    planner = planner_for(catalog, persona)
    hint = planner.hint("high_level_design")
    text = voice_for(catalog, persona).render(hint)
    assert hint.concept and text.endswith(hint.question)
    assert "covered" in text.lower() or "touched" in text.lower()
    lead = text[: -len(hint.question)].strip()
    assert lead.count(".") == 1  # one pointer, not "Something to consider. You haven't covered this yet."
    assert text.count("haven't") == 1


def test_a_repeated_fact_reads_as_a_sentence(catalog: Catalog, persona: Persona) -> None:
    scenario = catalog.scenario("mini-shortener")
    fact = scenario.facts[0]
    text = voice_for(catalog, persona).render(
        Move(kind="reveal", phase="estimation", repeated_facts=[fact.id])
    )
    assert text.startswith("As I mentioned, ") and ": " not in text[:20]
    assert fact.answer[1:] in text


def test_a_figure_agreed_earlier_is_not_praised_again(catalog: Catalog, persona: Persona) -> None:
    planner = planner_for(catalog, persona)
    first = turn(planner, "That's about 40 writes per second.", "estimation")
    assert first.accepted
    again = turn(planner, "At 40 writes per second one database is plenty.", "high_level_design")
    assert again.accepted == []
    assert "right range" not in voice_for(catalog, persona).render(again)


def test_a_followup_asked_a_turn_late_says_it_goes_back(catalog: Catalog, persona: Persona) -> None:
    voice = voice_for(catalog, persona)
    late = Move(
        kind="followup", phase="deep_dive", key="followup:0", question="What is your eviction policy?"
    )
    text = voice.render(late)
    assert text.endswith("What is your eviction policy?")
    assert "back" in text.lower() or "return" in text.lower()
    assert not any(lead in text for lead in REFER_BACK)  # "that" would point at the wrong answer
