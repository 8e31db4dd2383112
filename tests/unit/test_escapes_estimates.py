"""Figures, as the candidate sees the interviewer and the report treat them.

A figure exactly on the edge of an estimate's tolerance is accepted (the interval is closed),
a hair beyond it is challenged; a figure the interviewer gave is not the candidate's estimate
(never challenged, never graded); a bare number is never challenged even where it lands on an
estimate. Each case drives a real headless session and the offline scorer, with a control
that shows the example matters.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from interview.catalog import Catalog, load_catalog
from interview.catalog.models import Estimate
from interview.engine import InterviewSession, VirtualClock, new_session
from interview.scoring import score_offline
from interview.text.units import within_tolerance

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "runs" / "catalog"


@pytest.fixture(scope="module")
def mini() -> Catalog:
    return load_catalog([MINI])


@pytest.fixture(scope="module")
def builtin() -> Catalog:
    return load_catalog()


async def _play(catalog: Catalog, scenario: str, turns: list[str]) -> InterviewSession:
    session = new_session(catalog, scenario, seed=1, clock=VirtualClock())
    async for _ in session.opening():
        pass
    for text in turns:
        async for _ in session.send(text):
            pass
    session.end()
    return session


def play(catalog: Catalog, scenario: str, turns: list[str]) -> InterviewSession:
    return asyncio.run(_play(catalog, scenario, turns))


def last_reply(session: InterviewSession) -> dict:
    return [e.data for e in session.events if e.role == "interviewer"][-1]


def graded(session: InterviewSession, estimate_id: str):  # noqa: ANN201 - an EstimateCheck
    report = score_offline(session.record, session.events)
    return next(e for e in report.estimates if e.id == estimate_id)


def estimate(catalog: Catalog, scenario: str, estimate_id: str) -> Estimate:
    return next(e for e in catalog.scenario(scenario).estimates if e.id == estimate_id)


# --------------------------------------------------------------------------- tolerance edges


def test_the_tolerance_is_a_closed_interval() -> None:
    est = Estimate(id="w", label="writes", value=40, unit="per_second", tolerance=4, about=["writes"])
    assert within_tolerance(10, est) and within_tolerance(160, est)  # exactly on both edges
    assert not within_tolerance(9.99, est) and not within_tolerance(160.01, est)
    thirds = Estimate(id="r", label="reads", value=4000, unit="per_second", tolerance=3, about=["reads"])
    assert within_tolerance(4000 / 3, thirds) and within_tolerance(12000, thirds)


def test_a_figure_on_the_upper_edge_is_accepted_and_one_past_it_challenged(mini: Catalog) -> None:
    est = estimate(mini, "mini-shortener", "write_rate")
    edge = est.value * est.tolerance
    assert edge == int(edge)  # the fixture keeps the edge a whole number the candidate can say
    on = play(mini, "mini-shortener", ["/next", f"That's {edge:.0f} writes per second."])
    assert "write_rate" in last_reply(on).get("accepted", [])
    assert last_reply(on)["move"] != "challenge"
    assert graded(on, "write_rate").within_tolerance is True

    past = play(mini, "mini-shortener", ["/next", f"That's {edge + 1:.0f} writes per second."])
    assert last_reply(past)["move"] == "challenge" and last_reply(past)["estimate"] == "write_rate"
    assert graded(past, "write_rate").within_tolerance is False


def test_a_figure_on_the_lower_edge_is_accepted_and_one_below_it_challenged(builtin: Catalog) -> None:
    """Chat: 2 billion messages a day, within x3 either way; a third of it is the lower edge."""
    est = estimate(builtin, "chat", "messages_per_day")
    low = est.value / est.tolerance
    words = f"{low / 1e6:.10g} million messages per day"
    on = play(builtin, "chat", ["/next", f"That is about {words}."])
    assert last_reply(on)["move"] != "challenge", last_reply(on)
    assert graded(on, "messages_per_day").within_tolerance is True

    under = play(builtin, "chat", ["/next", "That is about 600 million messages per day."])
    assert last_reply(under)["move"] == "challenge"
    assert graded(under, "messages_per_day").within_tolerance is False


# --------------------------------------------------------------------------- given figures


GIVEN = "We have 50 million daily active users sending messages."


def test_a_figure_the_interviewer_gave_is_not_challenged(builtin: Catalog) -> None:
    told = play(builtin, "chat", ["How many daily active users are there?", "/next", GIVEN])
    assert "50 million" in [e.text for e in told.events if e.role == "interviewer"][1]  # it was said
    moves = [e.data for e in told.events if e.role == "interviewer"]
    assert not any(m.get("move") == "challenge" for m in moves), moves[-1]


def test_control_a_wrong_figure_beside_the_given_one_is_still_challenged(builtin: Catalog) -> None:
    slip = f"{GIVEN[:-1]}, so about 600 million messages per day."
    told = play(builtin, "chat", ["How many daily active users are there?", "/next", slip])
    assert last_reply(told)["move"] == "challenge"
    assert "600 million" in last_reply(told)["figure"]


def test_a_figure_the_interviewer_gave_is_not_graded_as_the_candidates_estimate(builtin: Catalog) -> None:
    told = play(builtin, "chat", ["How many daily active users are there?", "/next", GIVEN])
    row = graded(told, "messages_per_day")
    assert row.said is None and row.within_tolerance is None  # not given, not "wrong"


# --------------------------------------------------------------------------- bare numbers


def test_a_bare_number_next_to_an_estimates_words_is_not_challenged(mini: Catalog) -> None:
    """ "For reads we answer 302": 302 sits by "reads" (the read-rate estimate) but has no unit."""
    bare = play(mini, "mini-shortener", ["/next", "For reads we answer 302."])
    assert last_reply(bare)["move"] != "challenge"
    assert "302" not in str(last_reply(bare).get("figure", ""))


def test_control_the_same_number_with_a_unit_is_challenged(mini: Catalog) -> None:
    with_unit = play(mini, "mini-shortener", ["/next", "For reads we answer 302 per second."])
    assert last_reply(with_unit)["move"] == "challenge"
    assert last_reply(with_unit)["estimate"] == "read_rate"
