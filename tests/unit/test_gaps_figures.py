"""A bare number is challenged only as the lone answer to the estimate just asked for.

Found by re-planting issue 18's "bare number challenged" escape after the figure reader moved
to understanding/references.py: the old example ("For reads we answer 302") is no longer read
as an estimate at all, so the plant passed. These examples are read as estimates.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from interview.catalog import Catalog, load_catalog
from interview.engine import InterviewSession, VirtualClock, new_session
from interview.understanding.references import attempts

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "runs" / "catalog"


@pytest.fixture(scope="module")
def mini() -> Catalog:
    return load_catalog([MINI])


async def _play(catalog: Catalog, turns: list[str]) -> InterviewSession:
    session = new_session(catalog, "mini-shortener", seed=1, clock=VirtualClock())
    async for _ in session.opening():
        pass
    for text in turns:
        async for _ in session.send(text):
            pass
    return session


def _reply(catalog: Catalog, turns: list[str]) -> dict:
    session = asyncio.run(_play(catalog, turns))
    return [e.data for e in session.events if e.role == "interviewer"][-1]


def test_the_examples_are_read_as_estimates(mini: Catalog) -> None:
    found = attempts("Reads: 302, writes: 40.", mini.scenario("mini-shortener"))
    assert [(a.estimate.id, a.worked.figure.unit, a.ok) for a in found] == [
        ("read_rate", None, False),
        ("write_rate", None, True),
    ]


def test_bare_numbers_among_others_are_not_challenged(mini: Catalog) -> None:
    reply = _reply(mini, ["/next", "Reads: 302, writes: 40."])
    assert reply["move"] != "challenge"
    assert "302" not in str(reply.get("figure", ""))


def test_control_the_same_figure_with_a_unit_is_challenged(mini: Catalog) -> None:
    reply = _reply(mini, ["/next", "Reads: 302 per second, writes: 40."])
    assert (reply["move"], reply["estimate"]) == ("challenge", "read_rate")
