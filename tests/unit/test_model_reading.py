"""The model's reading of the candidate's turn: validated, merged with ours, replayed on resume.

Readers on the stub server (tests/support/stub_server.py): `reader` (a good reading, scripted
per turn), `badfact` (a fact id the scenario lacks), `eager` (says every question was
answered), `badreading` (not JSON). A bad reading never costs the reply; ours decides instead.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from interview.engine import llm, model_reading, resume_session
from interview.engine.prompts import parse_reply
from interview.engine.voice import ReplyFormat
from interview.store import Store
from interview.understanding.reading import read_turn
from tests.conftest import REPO
from tests.support.model_runs import CATALOG, interviewer, start
from tests.support.stub_server import StubServer

SCALE_Q = "What scale are we talking about: how many new URLs are created per month?"
RETENTION_IN_OTHER_WORDS = "For how long must a short code keep working?"  # our matcher misses it
RETENTION = next(f for f in CATALOG.scenario("url-shortener").facts if f.id == "retention")


@pytest.fixture(scope="module", autouse=True)
def warmed() -> None:
    llm.warm_up()


@pytest.fixture
async def server() -> AsyncIterator[StubServer]:
    async with StubServer() as stub:
        yield stub


async def say(session, text: str):  # noqa: ANN001, ANN201 - a test helper
    async for _ in session.send(text):
        pass
    return interviewer(session)[-1]


async def at_write_rate(server: StubServer | None, behaviour: str, store: Store | None = None):  # noqa: ANN201
    """A session in estimation, the write-rate question just asked (and open)."""
    session = await start("url-shortener", server, behaviour, store)
    await say(session, SCALE_Q)
    await say(session, "/next")
    assert session.planner.state.ledger.entries["estimate:write_rate"].status == "open"
    return session


def given(text: str, *, hidden: set[str], status: str | None = "open") -> model_reading.ReadingInput:
    return model_reading.ReadingInput(
        reading=read_turn(text),
        hidden=hidden,
        known={f.id for f in CATALOG.scenario("url-shortener").facts},
        asked="?" in text,
        question_key="estimate:write_rate" if status else None,
        question="new short URLs per second (average)",
        status=status,
    )


# ---------------------------------------------------------------------- the rules, pure


def test_a_reading_naming_a_fact_the_scenario_lacks_or_already_stated_is_rejected() -> None:
    asked = given(RETENTION_IN_OTHER_WORDS, hidden={"retention"})
    bad = model_reading.merge({"acts": ["question"], "asked_fact": "nope"}, asked)
    assert (bad.source, bad.rejected) == ("offline", model_reading.UNKNOWN_FACT.format(fact="nope"))
    stated = model_reading.merge({"acts": ["question"], "asked_fact": "scale"}, asked)
    assert stated.rejected == model_reading.NOT_HIDDEN.format(fact="scale") and stated.asked_fact is None
    good = model_reading.merge({"acts": ["question"], "asked_fact": "retention"}, asked)
    assert (good.source, good.asked_fact, good.rejected) == ("model", "retention", None)


def test_an_act_outside_the_list_or_a_broken_reading_is_rejected() -> None:
    turn = given("Roughly forty a second.", hidden=set())
    for raw in ({"acts": ["shouting"]}, '{"acts": ["answer"]', {"acts": ["answer"], "mood": "good"}, "yes"):
        merged = model_reading.merge(raw, turn)
        assert (merged.source, merged.rejected) == ("offline", model_reading.NOT_READ)


def test_answered_is_refused_where_our_reader_is_sure_nothing_was_said() -> None:
    claim = {"acts": ["answer"], "answered": "yes"}
    assert model_reading.merge(claim, given("Hmm.", hidden=set())).rejected == model_reading.NO_CONTENT
    dunno = model_reading.merge(claim, given("I don't know.", hidden=set()))
    assert dunno.rejected == model_reading.SAID_NOTHING.format(act="non-answer")
    assert model_reading.merge(claim, given("Roughly forty a second.", hidden=set())).settled == (
        "estimate:write_rate",
        "answered",
    )
    # a reading never takes back what ours settled
    kept = model_reading.merge(
        {"acts": ["answer"], "answered": "no"}, given("40/s", hidden=set(), status="answered")
    )
    assert kept.source == "merged" and kept.settled is None


def test_a_json_reply_keeps_its_text_when_its_reading_is_bad_and_the_schema_lists_the_acts() -> None:
    reply = parse_reply(json.dumps({"move": "1", "text": "Go on. Why?", "ask_fact": None, "reading": "??"}))
    assert (reply.text, reply.reading) == ("Go on. Why?", "??")
    tagged = parse_reply('MOVE: 1\nASK_FACT: none\nREADING: {"acts": ["dodge"]}\nTEXT: Go on. Why?')
    assert tagged.text == "Go on. Why?" and model_reading.parse(tagged.reading).acts == ["dodge"]
    schema = json.dumps(ReplyFormat.model_json_schema())
    assert '"non_answer"' in schema and '"asked_fact"' in schema


# ---------------------------------------------------------------------- through the stub server


async def test_a_fact_asked_in_other_words_is_revealed_on_the_models_reading(server: StubServer) -> None:
    offline = await start("url-shortener", None)
    plain = await say(offline, RETENTION_IN_OTHER_WORDS)
    assert "retention" not in offline.planner.state.revealed and RETENTION.answer not in plain.text

    session = await start("url-shortener", server, "reader")
    server.readings.append({"acts": ["question"], "asked_fact": "retention", "answered": None})
    turn = await say(session, RETENTION_IN_OTHER_WORDS)
    assert turn.fallback is None and turn.text.endswith(RETENTION.answer.strip())
    assert turn.data["reading_source"] == "model" and "retention" in turn.data["facts"]
    assert "retention" in session.planner.state.revealed
    system = server.requests[-1].body["messages"][0]["content"]
    assert "READING:" in system and "retention: retention" in system  # asked, hidden topic by name


async def test_a_last_question_the_model_reads_as_answered_is_marked_answered(server: StubServer) -> None:
    offline = await at_write_rate(None, "offline")
    await say(offline, "Roughly forty a second.")
    assert offline.planner.state.ledger.entries["estimate:write_rate"].status == "open"  # ours missed it

    session = await at_write_rate(server, "reader")
    server.readings.append({"acts": ["answer"], "asked_fact": None, "answered": "yes"})
    turn = await say(session, "Roughly forty a second.")
    assert turn.data["reading_source"] == "model"
    assert turn.data["reading"]["settled"] == ["estimate:write_rate", "answered"]
    assert session.planner.state.ledger.entries["estimate:write_rate"].status == "answered"
    assert "whether it answers your last question" in server.requests[-1].body["messages"][0]["content"]


async def test_a_reading_that_agrees_with_ours_is_recorded_as_merged(server: StubServer) -> None:
    session = await start("url-shortener", server, "reader")
    turn = await say(session, SCALE_Q)  # the stub reads a question; ours revealed the scale already
    assert turn.data["reading_source"] == "merged" and turn.data["reading"]["acts"] == ["question"]


async def test_an_unknown_fact_id_is_rejected_and_the_reply_still_shown(server: StubServer) -> None:
    offline = await start("url-shortener", None)
    plain = await say(offline, RETENTION_IN_OTHER_WORDS)
    session = await start("url-shortener", server, "badfact")
    turn = await say(session, RETENTION_IN_OTHER_WORDS)
    assert turn.fallback is None and turn.text == plain.text  # the draft, said by the model
    assert turn.data["reading_source"] == "offline"
    assert turn.data["reading_rejected"] == model_reading.UNKNOWN_FACT.format(fact="no_such_fact")
    assert "retention" not in session.planner.state.revealed


@pytest.mark.parametrize(
    ("said", "reason"),
    [
        ("Hmm.", model_reading.NO_CONTENT),
        ("I don't know.", model_reading.SAID_NOTHING.format(act="non-answer")),
    ],
)
async def test_answered_claimed_for_an_empty_reply_is_rejected(
    server: StubServer, said: str, reason: str
) -> None:
    session = await at_write_rate(server, "eager")
    turn = await say(session, said)
    assert turn.data["reading_source"] == "offline" and turn.data["reading_rejected"] == reason
    assert session.planner.state.ledger.entries["estimate:write_rate"].status == "open"


async def test_a_malformed_reading_is_rejected_and_the_reply_kept(server: StubServer) -> None:
    offline = await at_write_rate(None, "offline")
    plain = await say(offline, "Roughly forty a second.")
    session = await at_write_rate(server, "badreading")
    turn = await say(session, "Roughly forty a second.")
    assert turn.fallback is None and turn.text == plain.text
    assert turn.data["reading_rejected"] == model_reading.NOT_READ
    assert session.planner.state.ledger.entries["estimate:write_rate"].status == "open"


async def test_a_refused_reply_uses_our_reading_only(server: StubServer) -> None:
    session = await start("url-shortener", server, "leaky")
    turn = await say(session, SCALE_Q)
    assert turn.fallback and turn.data["reading_source"] == "offline"
    assert turn.data["reading_rejected"] == model_reading.REFUSED_REPLY
    await say(session, "/next")  # refused again: the breaker opens; the model is not asked
    paused = await say(session, "Roughly forty a second.")
    assert (
        paused.fallback == "model paused after repeated failures"
        and paused.data["reading_source"] == "offline"
    )
    assert "reading_rejected" not in paused.data


async def test_a_resume_rebuilds_what_the_models_reading_decided(server: StubServer, tmp_path: Path) -> None:
    with Store(tmp_path / "i.db") as store:
        session = await start("url-shortener", server, "reader", store)
        server.readings.append({"acts": ["question"], "asked_fact": "retention", "answered": None})
        await say(session, RETENTION_IN_OTHER_WORDS)
        await say(session, SCALE_Q)
        await say(session, "/next")
        server.readings.append({"acts": ["answer"], "asked_fact": None, "answered": "yes"})
        await say(session, "Roughly forty a second.")
        live = session.planner.state
        assert (
            "retention" in live.revealed and live.ledger.entries["estimate:write_rate"].status == "answered"
        )
        resumed = resume_session(store, session.record.id, model="offline").planner.state
    assert resumed.revealed == live.revealed
    assert {k: e.status for k, e in resumed.ledger.entries.items()} == {
        k: e.status for k, e in live.ledger.entries.items()
    }
    assert (resumed.asked, resumed.covered_concepts) == (live.asked, live.covered_concepts)


def test_the_offline_path_still_never_imports_litellm() -> None:
    code = (
        "import asyncio, sys\n"
        "from interview.catalog.catalog import load_catalog\n"
        "from interview.engine import VirtualClock, new_session\n"
        "async def main():\n"
        "    s = new_session(load_catalog(), 'url-shortener', seed=1, clock=VirtualClock())\n"
        "    async for _ in s.opening(): pass\n"
        f"    for text in [{RETENTION_IN_OTHER_WORDS!r}, 'Hmm.', '/next', 'Roughly forty a second.']:\n"
        "        async for _ in s.send(text): pass\n"
        "    assert not any('reading_source' in e.data for e in s.events)\n"
        "asyncio.run(main())\n"
        "print('litellm' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "False"


def test_the_model_may_read_exactly_the_acts_the_offline_reader_knows() -> None:
    """One list of acts: a new act in understanding/acts.py must reach the model's schema and prompt."""
    from interview.engine.model_reading import Act
    from interview.engine.prompts import ACTS_TEXT
    from interview.understanding.acts import ACT_KINDS

    assert set(Act.__args__) == set(ACT_KINDS)  # type: ignore[attr-defined]
    assert all(kind in ACTS_TEXT for kind in ACT_KINDS)
