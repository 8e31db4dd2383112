"""Whole sessions replayed through the stub: what the model is sent, and what it never is.

Every request body is searched for each scenario's reference estimate values (any figure equal
to one, unless the candidate or an earned fact said it first), its concepts' strong answers and
estimate derivations (any run of five words not said by the candidate), and the persona's
expertise text; and the requests must carry the planner's state (goals, coverage, the ledger,
figures with status, level).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest

from interview.engine import llm
from interview.engine.model_guard import SHINGLE, _shingles
from interview.text.numbers import find_figures
from tests.support.model_runs import CATALOG, interviewer, run
from tests.support.stub_server import StubServer


@pytest.fixture(scope="module", autouse=True)
def warmed() -> None:
    llm.warm_up()


@pytest.fixture
async def server() -> AsyncIterator[StubServer]:
    async with StubServer() as stub:
        yield stub


def _said_before(body: dict) -> list[str]:
    """What the candidate and the earned facts put in the conversation (may be echoed back)."""
    said = [m["content"] for m in body["messages"] if m["role"] == "user"]
    system = body["messages"][0]["content"]
    facts = (
        system.split("Facts you may state", 1)[1].split("\n\n", 1)[0]
        if "Facts you may state" in system
        else ""
    )
    return [*said, facts]


@pytest.mark.parametrize("scenario_id", ["url-shortener", "chat", "payment-rail"])
async def test_requests_carry_the_state_and_never_a_reference_answer(
    server: StubServer, scenario_id: str
) -> None:
    scenario = CATALOG.scenario(scenario_id)
    persona = CATALOG.persona(scenario.persona)
    session = await run(scenario_id, server, "obedient")
    assert server.requests, "the model was never asked"
    secret_shingles = set()
    for concept in scenario.concepts:
        secret_shingles |= _shingles(concept.strong_answer)
    for estimate in scenario.estimates:
        secret_shingles |= _shingles(estimate.derivation)
    systems = []
    for request in server.requests:
        body = request.body
        whole = json.dumps(body, ensure_ascii=False)
        system = body["messages"][0]["content"]
        systems.append(system)
        said = _said_before(body)
        said_values = [f.value for text in said for f in find_figures(text)]
        for figure in find_figures(system):
            for estimate in scenario.estimates:
                if estimate.value > 10 and abs(figure.value - estimate.value) <= 0.01 * estimate.value:
                    assert any(abs(v - figure.value) <= 0.01 * figure.value for v in said_values), (
                        f"{estimate.id} = {figure.raw} sent before anyone said it"
                    )
        leaked = _shingles(system) & secret_shingles
        leaked -= set().union(*(_shingles(t) for t in said))
        assert not leaked, f"strong answer sent: {' '.join(next(iter(leaked)))}"
        assert persona.description[:80] not in whole
        for concept in scenario.concepts:
            assert concept.strong_answer not in whole
    assert len(secret_shingles) > 50 and SHINGLE == 5  # the search had something to find
    # The state, as names: every part is there in some request, and filled in at some point.
    joined = "\n".join(systems)
    for part in ("Goals of this phase", "Topics the candidate has covered", "Topics still open",
                 "Your questions still open", "Your questions they dodged", "Their figures",
                 "Your principles not yet raised"):  # fmt: skip
        assert part in systems[-1]
        if part == "Your questions they dodged":
            continue  # a good candidate dodges nothing: see the test below
        assert any(f"{part}: " in s and f"{part}: none" not in s for s in systems), part
    assert f"Candidate level: {session.record.level}." in joined
    assert ": accepted" in joined  # a figure's status, never its reference value
    assert any(goal in joined for phase in scenario.phases for goal in phase.goals)


async def test_a_challenged_figure_is_named_with_its_status(server: StubServer) -> None:
    from tests.support.model_runs import start

    session = await start("url-shortener", server, "obedient")
    for text in ["/next", "About 100 million URLs a month is roughly 9,000 writes per second."]:
        async for _ in session.send(text):
            pass
    system = server.requests[-1].body["messages"][0]["content"]
    assert "'9,000 writes per second' for" in system and ": challenged" in system
    assert "40" not in system.split("Their figures", 1)[1].split("\n", 1)[0]  # not the reference


async def test_a_dodged_question_is_named_to_the_model(server: StubServer) -> None:
    from tests.support.model_runs import start

    session = await start("url-shortener", server, "obedient")
    for text in [
        "/next",
        "/next",
        "I'd put an API in front of a database.",
        "Let's not get into that, it's a detail.",
    ]:
        async for _ in session.send(text):
            pass
    probe = next(e for e in session.planner.state.ledger.entries.values() if e.key.startswith("concept:"))
    # The request for the reply to the dodge named it (the revisit then reopens the question).
    line = server.requests[-1].body["messages"][0]["content"].split("Your questions they dodged: ", 1)[1]
    assert line.split("\n", 1)[0] == probe.question[:160]
    assert interviewer(session)[-1].data["move"] == "revisit"
