"""Every bad model reply is caught before it is shown, replaced by the offline turn and recorded.

Scripted interviewers on the stub server (tests/support/stub_server.py) play whole sessions
next to the offline interviewer with the same seed: a replaced turn must be exactly the offline
interviewer's turn, with the reason in `fallback`; the obedient one leaves the planner where
the offline run leaves it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from interview.engine import llm
from interview.engine.model_guard import REFERENCE_FIGURE
from tests.support.model_runs import CATALOG, interviewer, run
from tests.support.stub_server import StubServer


@pytest.fixture(scope="module", autouse=True)
def warmed() -> None:
    llm.warm_up()


@pytest.fixture
async def server() -> AsyncIterator[StubServer]:
    async with StubServer() as stub:
        yield stub


BAD = {
    "rambling": "model reply too long (596 words, limit 120)",
    "malformed": "model reply was not in the expected form",
    "offmove": "model made a move that was not offered (7)",
    "leaky": "model stated a figure nobody gave (38,000 redirects per second)",
}


@pytest.mark.parametrize("behaviour", sorted(BAD))
async def test_a_bad_reply_is_replaced_by_the_offline_turn_and_recorded(
    server: StubServer, behaviour: str
) -> None:
    offline = interviewer(await run("url-shortener", None, limit=8))
    session = await run("url-shortener", server, behaviour, limit=8)
    turns = interviewer(session)
    if behaviour == "rambling":  # checked sentences went out as they came, up to the limit; then offline
        ramble = "Let me think about that with you. "
        for turn, plain in zip(turns[1:], offline[1:], strict=True):
            if turn.fallback == BAD[behaviour]:
                shown = turn.text.removesuffix(plain.text)
                assert shown == ramble * 17 and len(shown.split()) <= 120  # the 18th would pass it
            else:
                assert turn.text == plain.text
        turns, offline = turns[:1], offline[:1]
    assert [t.text for t in turns] == [t.text for t in offline]  # shown and stored: the offline turn
    turns = interviewer(session)
    assert turns[0].fallback is None  # the opening never asks the model
    # Two refusals in a row open the breaker like two errors: three turns offline, then one try.
    paused = "model paused after repeated failures"
    expected = [BAD[behaviour] if i < 2 or (i - 1) % 4 == 0 else paused for i in range(8)]
    assert [t.fallback for t in turns[1:]] == expected[: len(turns) - 1]
    assert server.count(behaviour) == expected[: len(turns) - 1].count(BAD[behaviour])
    notices = [e.text for e in session.events if e.kind == "notice"]
    assert notices == [llm.REFUSED_NOTICE]  # said once, though the breaker opened again
    assert (
        session.planner.state.revealed == (await run("url-shortener", None, limit=8)).planner.state.revealed
    )


async def test_a_question_that_was_due_must_be_asked(server: StubServer) -> None:
    session = await run("url-shortener", server, "questionless", limit=12)
    for turn in interviewer(session)[1:]:
        asks = turn.data.get("move") and (turn.data.get("key") or turn.data.get("ask_scale"))
        if turn.fallback is None:
            assert turn.text == "Thanks, that is clear."
            assert turn.data["move"] in (
                "reveal",
                "assume",
                "clarify",
                "listen",
                "accept",
                "nothing_new",
                "nudge",
            )
        elif turn.fallback != "model paused after repeated failures":  # two refusals in a row
            assert turn.fallback == "model reply asked no question where one was due" and asks
    assert any(t.fallback == "model reply asked no question where one was due" for t in interviewer(session))


async def test_reciting_the_payments_persona_is_caught(server: StubServer) -> None:
    session = await run("payment-rail", server, "reciting", limit=4)
    turns = interviewer(session)[1:]
    recited = [
        t for t in turns if t.fallback and t.fallback.startswith("model recited the persona's expertise")
    ]
    assert len(recited) == 2 and all(t.fallback == "model paused after repeated failures" for t in turns[2:])
    assert all("pacs.008" not in t.text for t in turns)


@pytest.mark.parametrize("scenario_id", ["url-shortener", "chat", "payment-rail"])
async def test_stating_a_reference_estimate_is_caught(server: StubServer, scenario_id: str) -> None:
    scenario = CATALOG.scenario(scenario_id)
    for estimate in (e for e in scenario.estimates if e.value > 10):
        server.leak_text = f"Between us, it comes to {estimate.value:,.0f}."
        session = await run(scenario_id, server, "leaky", limit=2)
        turns = interviewer(session)[1:]
        assert turns and all(
            t.fallback == REFERENCE_FIGURE.format(raw=f"{estimate.value:,.0f}") for t in turns
        )
        assert all(server.leak_text not in t.text for t in turns)


async def test_the_obedient_model_is_shown_and_the_planner_matches_what_was_said(server: StubServer) -> None:
    offline = await run("url-shortener", None)
    session = await run("url-shortener", server, "obedient")
    turns = interviewer(session)
    assert all(t.fallback is None for t in turns)
    assert [t.text for t in turns] == [t.text for t in interviewer(offline)]
    made = [{k: v for k, v in t.data.items() if k not in ("offered", "reading_source")} for t in turns]
    # it sent no reading: ours decided every turn that answered the candidate (commands have none)
    assert {t.data.get("reading_source") for t in turns[1:]} == {"offline", None}
    assert made == [t.data for t in interviewer(offline)]  # the planner recorded the moves made
    assert any("offered" in t.data for t in turns)  # ... though it had offered others
    mine, theirs = session.planner.state, offline.planner.state
    assert (mine.revealed, mine.asked, mine.covered_concepts) == (
        theirs.revealed,
        theirs.asked,
        theirs.covered_concepts,
    )
    assert {k: e.status for k, e in mine.ledger.entries.items()} == {
        k: e.status for k, e in theirs.ledger.entries.items()
    }


async def test_the_move_the_model_made_is_the_one_recorded_and_resumed(
    server: StubServer, tmp_path: Path
) -> None:
    from interview.engine import resume_session
    from interview.store import Store

    with Store(tmp_path / "i.db") as store:
        session = await run("url-shortener", server, "second", limit=-1, store=store)  # all but /end
        chosen = [t for t in interviewer(session) if t.data.get("offered")]
        seconds = [t for t in chosen if t.data["move"] == t.data["offered"][1]]
        assert seconds, "the stub should have taken a second move somewhere"
        for turn in seconds:
            assert (
                turn.text == "Let's look at another part. What would you do there?" and turn.fallback is None
            )
            assert turn.data["key"] in session.planner.state.asked  # recorded as asked: never asked again
            assert turn.data["key"] in session.planner.state.ledger.entries
        later = [t.data.get("key") for t in interviewer(session)]
        assert all(later.count(t.data["key"]) == 1 for t in seconds)
        assert not session.finished
        resumed = resume_session(store, session.record.id, model="offline")
        assert resumed.planner.state.asked == session.planner.state.asked


async def test_a_hidden_fact_the_model_asks_for_is_stated_by_the_app(server: StubServer) -> None:
    from tests.support.model_runs import start

    session = await start("url-shortener", server, "ok")
    scale = next(f for f in CATALOG.scenario("url-shortener").facts if f.id == "scale")
    server.replies.append("MOVE: 1\nASK_FACT: scale\nTEXT: Fair question; here is what I can tell you.")
    async for _ in session.send("Roughly how big does this thing get, do you know?"):
        pass
    turn = interviewer(session)[-1]
    assert turn.fallback is None and turn.text.endswith(scale.answer.strip())
    assert turn.data["move"] == "reveal" and "scale" in turn.data["facts"]
    assert "scale" in session.planner.state.revealed
    server.replies.append("MOVE: 1\nASK_FACT: scale\nTEXT: As I said.")  # no longer hidden
    async for _ in session.send("And how many of them are read?"):
        pass
    assert interviewer(session)[-1].fallback == "model asked to state a fact that is not hidden (scale)"
