"""Whole sessions through the stub server's scripted interviewers, beside the offline interviewer."""

from __future__ import annotations

from pathlib import Path

from interview.catalog.catalog import load_catalog
from interview.engine import InterviewSession, VirtualClock, new_session
from interview.engine.answers import read_answers
from interview.engine.records import Event
from interview.store import Store
from tests.support.stub_server import StubServer

RUNS = Path(__file__).resolve().parents[1] / "fixtures" / "runs"
CATALOG = load_catalog()


def answers(scenario_id: str) -> list[str]:
    return read_answers(RUNS / f"{scenario_id}.txt")


async def start(
    scenario_id: str, server: StubServer | None, behaviour: str = "obedient", store: Store | None = None
) -> InterviewSession:
    """A headless session, opened (offline when `server` is None)."""
    kwargs = {} if server is None else {"model": f"openai/{behaviour}", "api_base": server.base_url}
    session = new_session(
        CATALOG, scenario_id, seed=11, clock=VirtualClock(), timeout=5, store=store, **kwargs
    )
    async for _ in session.opening():
        pass
    return session


async def run(
    scenario_id: str,
    server: StubServer | None,
    behaviour: str = "obedient",
    limit: int | None = None,
    store: Store | None = None,
) -> InterviewSession:
    """A headless session with answers from the fixture (offline when `server` is None)."""
    session = await start(scenario_id, server, behaviour, store)
    for text in answers(scenario_id)[:limit]:
        if session.finished:
            break
        async for _ in session.send(text):
            pass
    return session


def interviewer(session: InterviewSession) -> list[Event]:
    return [e for e in session.turns() if e.role == "interviewer"]
