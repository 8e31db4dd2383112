"""The deep dive is not over because every concept was named in the design: a question it asked
must get its answer first, and two failure probes must be answered (the app ended a deep
dive after two turns that ignored "What happens when the metadata database is down?")."""

from __future__ import annotations

import asyncio

from interview.catalog import load_catalog
from interview.engine import new_session
from interview.engine.session import InterviewSession
from tests.unit.test_engine_resume_equivalence import CATALOG_DIR, StepClock, say

DESIGN = (
    "App servers behind a load balancer; a Redis cache in front of the database, base62 codes from a "
    "counter, the database has a replica with failover, a rate limit on creation, and we answer with a 302."
)
ELSEWHERE = [
    "The codes are seven characters long.",
    "Analytics events are batched every minute.",
    "We log every redirect for debugging.",
    "Custom aliases share the same table.",
]


def _to_deep_dive() -> InterviewSession:
    session = new_session(load_catalog([CATALOG_DIR]), "mini-shortener", seed=9, clock=StepClock())
    asyncio.run(say(session.opening()))
    for _ in range(2):
        asyncio.run(say(session.send("/next")))
    assert session.phase_id == "high_level_design"
    for text in (DESIGN, "Reads hit the cache first.", "Writes go to the primary."):
        asyncio.run(say(session.send(text)))
    while session.phase_id != "deep_dive":
        asyncio.run(say(session.send("/next")))
    return session


def test_a_deep_dive_whose_failure_question_went_unanswered_does_not_end_by_itself() -> None:
    session = _to_deep_dive()
    for text in ELSEWHERE:
        asyncio.run(say(session.send(text)))
    assert session.phase_id == "deep_dive"


def test_it_ends_once_failure_probes_are_answered() -> None:
    session = _to_deep_dive()
    answer = (
        "If the primary database fails, the replica is promoted by failover within seconds; redirects keep "
        "working from the cache and the replica, and only new links fail and are retried by the client."
    )
    for text in [
        ELSEWHERE[0],
        answer,
        "Writes queue in the client until the promotion finishes.",
        *ELSEWHERE[1:],
    ]:
        asyncio.run(say(session.send(text)))
        if session.phase_id != "deep_dive":
            break
    assert session.phase_id == "wrap_up"


def test_a_box_failure_they_already_explained_is_not_asked() -> None:
    """After "If the primary database fails, the replica is promoted by failover", the next
    question is not "What happens when the database is down or slow for ten minutes?"."""
    session = _to_deep_dive()
    answer = (
        "If the primary database fails, the replica is promoted by failover within seconds; redirects keep "
        "working from the cache and the replica, and only new links fail and are retried by the client."
    )
    for text in (ELSEWHERE[0], answer):
        asyncio.run(say(session.send(text)))
    assert "database is down" not in session.turns()[-1].text, session.turns()[-1].text


def test_a_box_failure_answered_about_another_box_is_come_back_to() -> None:
    """Asked "What happens when Redis is down or slow for ten minutes?", they talked about S3: that
    is not an answer, the deep dive does not end on it, and the question is put again."""
    session = _to_deep_dive()
    answer = (
        "If the primary database fails, the replica is promoted by failover within seconds; redirects keep "
        "working from the cache and the replica, and only new links fail and are retried by the client."
    )
    for text in (ELSEWHERE[0], answer):
        asyncio.run(say(session.send(text)))
    asked = session.turns()[-1].text
    assert "Redis is down" in asked, asked
    asyncio.run(say(session.send("Object storage is very durable, and uploads retry with backoff on errors.")))
    assert session.phase_id == "deep_dive"
    assert "Redis" in session.turns()[-1].text, session.turns()[-1].text  # come back to, by name
    assert session.planner.state.ledger.entries["failure:box:redis"].revisited  # put again, once
