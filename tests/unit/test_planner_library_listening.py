"""The interviewer across the scenario library: no question their long answers already said, every
persona asks where a failing async message goes, echoes in words (never code), a trade-off even for a
one-box design, and the choice made when the candidate hands it over (issue 16)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from interview.catalog import load_catalog
from interview.engine import VirtualClock, new_session
from interview.engine.answers import read_answers
from interview.engine.moves import Move
from interview.engine.planner import Planner
from interview.engine.planner_state import answered, content_words

ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog()
TOPICAL = ("followup", "rule", "probe", "failure_probe", "wrap_up")


def _answers(scenario: str) -> Path:
    folder = "calibration" if scenario in ("url-shortener", "chat", "payment-rail") else "library_answers"
    return ROOT / "tests" / "fixtures" / folder / scenario / "strong.txt"


def _said(question: str, turn: str) -> bool:
    asked = content_words(question)
    return answered(question, turn) and len(asked & content_words(turn)) >= min(2, len(asked))


async def _play(scenario: str) -> list[tuple[dict, list[str]]]:
    session = new_session(CATALOG, scenario, seed=7, clock=VirtualClock())
    async for _ in session.opening():
        pass
    said: list[str] = []
    asked: list[tuple[dict, list[str]]] = []
    for text in read_answers(_answers(scenario)):
        if session.finished:
            break
        seen = len(session.events)
        async for _ in session.send(text):
            pass
        if not text.startswith("/"):
            said.append(text)
        for event in session.events[seen:]:
            if event.role == "interviewer" and event.data.get("move") in TOPICAL and event.data.get("question"):
                asked.append((dict(event.data), list(said)))
    return asked


@pytest.mark.parametrize("scenario", sorted(CATALOG.scenarios))
def test_no_question_asks_what_a_long_strong_answer_already_said(scenario: str) -> None:
    for move, before in asyncio.run(_play(scenario)):
        repeats = [turn[:80] for turn in before if _said(move["question"], turn)]
        assert not repeats, f"{move['key']}: {move['question']!r} already said in {repeats}"


def planner(scenario: str, persona: str) -> Planner:
    found = CATALOG.scenario(scenario)
    return Planner(found, CATALOG.persona(persona), CATALOG.rubric(found.rubric))


def turn(p: Planner, text: str, phase: str) -> Move:
    move = p.reply(p.observe(text, phase))
    p.commit(move)
    return move


@pytest.mark.parametrize("persona", ["principal", "backend", "architect", "engineer"])
def test_every_persona_asks_where_an_async_message_that_always_fails_goes(persona: str) -> None:
    p = planner("search-autocomplete", persona)
    obs = p.observe("Search events go to Kafka and a consumer aggregates the counts every hour.", "deep_dive")
    assert "dead_letter" in obs.rules
    question = p.rule_question(p.rule("dead_letter"))
    assert "fails every retry" in question and "Kafka" in question
    calm = planner("search-autocomplete", persona)
    quiet = calm.observe("Events go to Kafka; a consumer retries, then parks it on a dead-letter topic.", "deep_dive")
    assert "dead_letter" not in quiet.rules  # they said where it goes


def test_a_rule_whose_question_their_turn_already_answers_is_not_asked() -> None:
    p = planner("payment-rail", "payments")
    said = (
        "At the end of the day we compare our ledger with the settlement bank's file; any payment that "
        "does not match is found by its id and the operations team fixes it with a correcting entry."
    )
    obs = p.observe(said, "deep_dive")
    assert "reconciliation" not in obs.rules


def test_the_interviewer_names_their_words_back_never_their_code() -> None:
    p = planner("ticket-booking", "architect")
    turn(p, "Seats live in a table keyed by event and seat, with a status column.", "high_level_design")
    move = turn(
        p,
        "POST /holds {event_id, seat_ids} returns a hold id and expiry or 409 if any seat is gone; "
        "the hold is kept in the same database as the seats.",
        "high_level_design",
    )
    assert "{" not in move.echo and "/holds" not in move.echo


def test_a_plain_answer_without_a_named_component_is_still_named_back() -> None:
    p = planner("ride-hailing", "backend")
    move = turn(
        p,
        "The driver app sends its location and we update the row. When a rider asks, we calculate the "
        "distance to every driver and pick the closest one.",
        "high_level_design",
    )
    assert move.echo and move.echo.lower() in (
        "the driver app sends its location and we update the row. when a rider asks, we calculate the "
        "distance to every driver and pick the closest one."
    )


def test_a_design_of_one_named_box_still_gets_a_trade_off_question() -> None:
    p = planner("ride-hailing", "backend")
    turn(p, "I'd store the drivers in a MySQL table with their location.", "high_level_design")
    move = turn(p, "When a rider asks, we calculate the distance to every driver.", "high_level_design")
    assert move.kind == "trade_offs" and "trade-off" in move.question and "MySQL" in move.question


def test_when_the_candidate_hands_over_the_choice_the_interviewer_makes_it() -> None:
    p = planner("chat", "principal")
    move = turn(
        p,
        "Messages go onto a queue and delivery workers push them to each device. "
        "Which area would you like me to go deeper on?",
        "deep_dive",
    )
    assert move.kind not in ("assume", "listen", "nothing_new") and move.question


def test_a_guessed_figure_asked_back_in_estimation_gets_an_estimate_to_work_out() -> None:
    p = planner("news-feed", "principal")
    move = turn(p, "Maybe a few thousand users? A database can handle that.", "estimation")
    assert move.kind == "ask_estimate" and move.estimate


def test_when_a_scenarios_own_probes_run_out_one_of_their_boxes_is_put_to_failure() -> None:
    p = planner("ride-hailing", "backend")
    p.state.covered_concepts.update(c.id for c in p.scenario.concepts)  # nothing of its own left
    p.state.asked.update(f"failure:{i}" for i in range(len(p.scenario.failure_probes)))
    first = turn(p, "Trip state lives in Postgres, and the hot cells are cached in Redis.", "deep_dive")
    assert first.kind == "failure_probe" and "Redis is down" in first.question
    second = turn(p, "Locations go through a gateway into the in-memory index.", "deep_dive")
    assert second.kind != "failure_probe" or "down or slow" not in second.question  # once a session


async def _replies(scenario: str) -> list[tuple[dict, str]]:
    session = new_session(CATALOG, scenario, seed=7, clock=VirtualClock())
    async for _ in session.opening():
        pass
    for text in read_answers(_answers(scenario)):
        if session.finished:
            break
        async for _ in session.send(text):
            pass
    return [(dict(e.data), e.text) for e in session.events if e.role == "interviewer"]


def test_a_stance_raised_turns_ago_is_not_introduced_with_the_latest_answer_as_its_reason() -> None:
    """"You said “Media goes to the CDN”. What happens to a message on the workers…" read as if the
    CDN sentence raised the queue question; a stance from an earlier turn acknowledges the latest
    answer, then says it is going back."""
    from interview.engine.offline_listening import EARLIER

    late = [
        (scenario, text)
        for scenario in sorted(CATALOG.scenarios)
        for data, text in asyncio.run(_replies(scenario))
        if data.get("move") == "rule" and data.get("earlier")
    ]
    assert late  # the library's strong answers do leave stances waiting
    for scenario, text in late:
        assert not text.startswith(("You said", "On “", "About “")), (scenario, text)
        assert "Back to “" in text or any(lead in text for lead in EARLIER), (scenario, text)
    # most name the words that raised them ("Back to “done asynchronously by workers”:")
    assert sum("Back to “" in text for _, text in late) >= len(late) / 2, late
