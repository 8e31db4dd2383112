"""Resume: a stored session continues with the same id, rebuilt exactly from its events."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.catalog import Catalog, load_catalog
from interview.engine import InterviewSession, SessionSetupError, VirtualClock, new_session, resume_session
from interview.store import Store

CATALOG_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "runs" / "catalog"

ANSWERS = [
    "How many new URLs per month?",
    "Links redirect fast; I'd put a load balancer and a database behind it.",
    "/next",
    "That's 40 writes per second and 4 million reads a second.",
    "Storage is about 3 TB.",
    "/next",
    "App servers, a Redis cache, a counter for ids, and Kafka workers for clicks.",
    "/hint",
    "ok",
    "/next",
    "ok",
    "ok",
    "ok",
    "/next",
    "The database is the bottleneck.",
    "fine",
    "/end",
]


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog([CATALOG_DIR])


async def say(chunks) -> str:  # noqa: ANN001
    return "".join([str(c) async for c in chunks])


def snapshot(session: InterviewSession) -> dict:
    """Everything resume must bring back exactly."""
    return {
        "phase": session.phase_id,
        "phase_started_s": session.phase_started_s,
        "clock": session.clock.now(),
        "planner": session.planner.state,
        "nudged": set(session._nudged),
        "time_up": session._time_up,
        "phrasing": dict(session.offline._uses),
    }


async def test_resume_rebuilds_state_and_continues_the_same_session(catalog: Catalog, tmp_path: Path) -> None:
    db = tmp_path / "interview.db"
    store = Store(db)
    session = new_session(catalog, "mini-shortener", seed=9, clock=VirtualClock(), store=store, wpm=30)
    await say(session.opening())
    for answer in ANSWERS[:8]:
        await say(session.send(answer))
    before = snapshot(session)
    store.close()

    store = Store(db)
    again = resume_session(store, session.record.id[:8])
    assert again.record.id == session.record.id
    assert again.record.wpm == 30 and again.virtual
    assert snapshot(again) == before
    assert not again.awaiting_reply
    for answer in ANSWERS[8:]:
        await say(again.send(answer))
    assert again.finished

    stored = store.events(session.record.id)
    assert [e.seq for e in stored] == list(range(len(stored)))
    candidate = [e.text for e in stored if e.role == "candidate"]
    assert candidate == ANSWERS  # nothing lost, nothing twice
    keys = [e.data["key"] for e in stored if e.role == "interviewer" and e.data.get("key")]
    assert len(keys) == len(set(keys))  # no question asked twice across the resume
    assert store.get_session(session.record.id).status == "completed"
    store.close()


async def test_resume_answers_the_turn_left_unanswered_by_a_crash(catalog: Catalog, tmp_path: Path) -> None:
    store = Store(tmp_path / "interview.db")
    session = new_session(catalog, "mini-shortener", seed=9, clock=VirtualClock(), store=store)
    await say(session.opening())
    stream = session.send("How long do we keep links?")
    await stream.__anext__()  # the reply was streaming ...
    await stream.aclose()  # ... when the process died
    assert store.events(session.record.id)[-1].role == "candidate"

    again = resume_session(store, session.record.id)
    assert again.awaiting_reply
    reply = await say(again.opening())
    assert "5 years" in reply
    turns = [(e.role, e.text) for e in store.events(session.record.id) if e.is_turn]
    assert [t for t in turns if t[0] == "candidate"] == [("candidate", "How long do we keep links?")]
    assert turns[-1][0] == "interviewer"
    store.close()


async def test_resume_after_a_crash_during_a_phase_change_does_not_skip_a_phase(
    catalog: Catalog, tmp_path: Path
) -> None:
    store = Store(tmp_path / "interview.db")
    session = new_session(catalog, "mini-shortener", seed=9, clock=VirtualClock(), store=store)
    await say(session.opening())
    stream = session.send("/next")
    await stream.__anext__()
    await stream.aclose()
    again = resume_session(store, session.record.id)
    assert again.phase_id == "estimation"
    await say(again.opening())
    assert again.phase_id == "estimation"
    phases = [e.data["to"] for e in store.events(session.record.id) if e.kind == "phase"]
    assert phases == ["estimation"]
    store.close()


async def test_only_sessions_in_progress_resume(catalog: Catalog, tmp_path: Path) -> None:
    store = Store(tmp_path / "interview.db")
    session = new_session(catalog, "mini-shortener", clock=VirtualClock(), store=store)
    await say(session.opening())
    await say(session.send("/end"))
    with pytest.raises(SessionSetupError, match="completed"):
        resume_session(store, session.record.id)
    store.close()


async def test_a_session_left_paused_resumes_paused(catalog: Catalog, tmp_path: Path) -> None:
    store = Store(tmp_path / "interview.db")
    session = new_session(catalog, "mini-shortener", clock=VirtualClock(), store=store)
    await say(session.opening())
    session.pause()
    again = resume_session(store, session.record.id)
    assert again.paused
    await say(again.send("How long do we keep links?"))  # answering resumes the clock
    assert not again.paused
    assert [e.kind for e in store.events(session.record.id)][-4:] == ["pause", "resume", "answer", "say"]
    store.close()


@pytest.mark.parametrize(("answers", "expected"), [(1, "less than a minute"), (8, "about ")])
async def test_a_resumed_session_welcomes_the_candidate_back_in_plain_english(
    catalog: Catalog, tmp_path: Path, answers: int, expected: str
) -> None:
    store = Store(tmp_path / "interview.db")
    session = new_session(catalog, "mini-shortener", seed=3, clock=VirtualClock(), store=store, wpm=30)
    await say(session.opening())
    for answer in ANSWERS[:answers]:
        await say(session.send(answer))
    again = resume_session(store, session.record.id)
    welcome = await say(again.opening())
    assert expected in welcome
    assert " 0 minutes" not in welcome and " 1 minutes" not in welcome
    store.close()
