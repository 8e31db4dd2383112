"""The candidate asks to move on ("Let's do estimates.", "Moving on to the deep dive."): the
interviewer moves to the next phase with a short transition, reads the rest of the turn in that
phase, never jumps past a phase, and ignores sentences that only mention one. Played on a built-in
scenario and an unseen one, and resumed after every step."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from interview.catalog import Catalog, load_catalog
from interview.engine import VirtualClock, new_session, resume_session
from interview.engine.session import InterviewSession
from interview.store import Store
from interview.understanding.moving_on import NEXT, phase_asked
from tests.unit.test_engine_resume_equivalence import CATALOG_DIR, StepClock, interviewer_turns, play, say

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

ASKS = [
    ("Let's do estimates. 20M DAU and 20 changes a day each.", "estimation"),
    ("Okay, let's move on to the high-level design.", "high_level_design"),
    ("Moving on to the deep dive.", "deep_dive"),
    ("Can we go to the deep dive?", "deep_dive"),
    ("Alright, on to the design.", "high_level_design"),
    ("Time to do some back-of-the-envelope math.", "estimation"),
    ("Let's wrap up.", "wrap_up"),
    ("Let's move on.", NEXT),
]
NOT_ASKING = [
    "Let's go with Kafka for the queue.",
    "We can move the counter to Redis.",
    "Let's design the API first.",
    "The design has three services and a cache in front of the database.",
    "Let's start with requirements: who are the users?",
    "Let's dive into how the write path works.",
    "I'll go with Postgres.",
]


@pytest.mark.parametrize(("text", "phase"), ASKS)
def test_a_request_to_move_on_names_its_phase(text: str, phase: str) -> None:
    assert phase_asked(text) == phase


@pytest.mark.parametrize("text", NOT_ASKING)
def test_a_sentence_that_only_mentions_a_phase_or_a_move_is_not_a_request(text: str) -> None:
    assert phase_asked(text) is None


def _session(scenario: str) -> InterviewSession:
    catalog = load_catalog([FIXTURES / "scenarios_unseen"])
    session = new_session(catalog, scenario, seed=3, clock=VirtualClock())
    asyncio.run(say(session.opening()))
    return session


def _say(session: InterviewSession, text: str) -> str:
    asyncio.run(say(session.send(text)))
    return session.turns()[-1].text


@pytest.mark.parametrize("scenario", ["url-shortener", "file-sync"])
def test_asking_for_estimates_moves_there_and_reads_the_figures_there(scenario: str) -> None:
    session = _session(scenario)
    assert session.phase_id == "requirements"
    reply = _say(session, "Let's do estimates. I'd say 20 million users, each making 20 changes a day.")
    assert session.phase_id == "estimation"
    assert reply.startswith(("Sure, let's move on to estimation.", "Okay, estimation it is.")), reply
    said = [e for e in session.events if e.role == "candidate"][-1]
    assert said.phase == "estimation"  # the figures in it are estimation's, for the scorer too
    kinds = [e.kind for e in session.events[-3:]]
    assert kinds == ["phase", "answer", "say"]


@pytest.mark.parametrize("scenario", ["url-shortener", "file-sync"])
def test_a_bare_request_opens_the_next_phase_with_its_question(scenario: str) -> None:
    session = _session(scenario)
    reply = _say(session, "Okay, let's move on.")
    assert session.phase_id == "estimation"
    assert "?" in reply  # the phase's opening question, not "keep going"


def test_asking_for_the_design_during_requirements_gets_estimation_first() -> None:
    session = _session("url-shortener")
    reply = _say(session, "Let's move on to the high-level design.")
    assert session.phase_id == "estimation"
    assert "first" in reply.split(".")[0].lower(), reply


def test_a_sentence_that_mentions_a_move_changes_no_phase() -> None:
    session = _session("url-shortener")
    for text in NOT_ASKING:
        _say(session, text)
    assert session.phase_id == "requirements"


def test_no_request_moves_past_the_last_phase_or_backwards() -> None:
    session = _session("url-shortener")
    for _ in range(4):
        _say(session, "/next")
    assert session.phase_id == "wrap_up"
    _say(session, "Let's move on.")
    assert session.phase_id == "wrap_up"
    _say(session, "Can we go to the deep dive?")
    assert session.phase_id == "wrap_up"


SCRIPT: list[tuple[str, str | float]] = [
    ("say", "How many new URLs per month?"),
    ("say", "Let's do estimates. That's 40 writes per second and 4,000 reads a second."),
    ("say", "Storage is about 3 TB."),
    ("say", "Okay, let's move on to the design."),
    ("say", "App servers, a Redis cache and a database."),
    ("say", "/end"),
]


async def _run(catalog: Catalog, db: Path, steps: list, session=None) -> tuple[InterviewSession, Store]:  # noqa: ANN001
    store = Store(db)
    if session is None:
        session = new_session(catalog, "mini-shortener", seed=9, clock=StepClock(), store=store, wpm=60)
        await say(session.opening())
    await play(session, steps)
    return session, store


@pytest.mark.parametrize("cut", range(len(SCRIPT)))
async def test_a_phase_the_candidate_asked_for_survives_a_resume(tmp_path: Path, cut: int) -> None:
    catalog = load_catalog([CATALOG_DIR])
    whole, store = await _run(catalog, tmp_path / "whole.db", SCRIPT)
    expected = interviewer_turns(store, whole.record.id)
    store.close()
    assert [d.get("transition_reason") for _, d in expected].count("candidate") == 2

    first, store = await _run(catalog, tmp_path / "cut.db", SCRIPT[:cut])
    first.pause()
    stopped = first.clock.now()
    store.close()
    store = Store(tmp_path / "cut.db")
    again = resume_session(store, first.record.id, clock=StepClock(stopped))
    again.resume()
    await say(again.opening())
    await play(again, SCRIPT[cut:])
    got = interviewer_turns(store, first.record.id)
    store.close()
    assert got == expected
