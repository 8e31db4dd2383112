"""The session: phases on /next, on time and on coverage; time up; events; commits in order."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from interview.catalog import Catalog, load_catalog
from interview.engine import InterviewSession, SessionOver, VirtualClock, new_session
from interview.engine.records import Event

CATALOG_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "runs" / "catalog"


class ManualClock:
    """A real-time clock the test moves by hand (not a VirtualClock: real-clock rules apply)."""

    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog([CATALOG_DIR])


async def say(chunks) -> str:  # noqa: ANN001 - an async iterator of chunks
    return "".join([str(c) async for c in chunks])


async def started(catalog: Catalog, clock=None, **kw) -> InterviewSession:  # noqa: ANN001
    session = new_session(catalog, "mini-shortener", seed=3, clock=clock or VirtualClock(), **kw)
    await say(session.opening())
    return session


def phase_events(session: InterviewSession) -> list[Event]:
    return [e for e in session.events if e.kind == "phase"]


async def test_opening_greets_and_presents_the_problem(catalog: Catalog) -> None:
    session = new_session(catalog, "mini-shortener", seed=3, clock=VirtualClock())
    text = await say(session.opening())
    assert "Tess" in text and "Design a small URL shortener" in text
    assert [e.role for e in session.turns()] == ["interviewer"]
    assert session.turns()[0].data["move"] == "opening"


async def test_every_turn_is_an_event_with_phase_and_elapsed_time(catalog: Catalog) -> None:
    session = await started(catalog)
    await say(session.send("How many new URLs per month do we expect?"))
    candidate, interviewer = session.turns()[-2:]
    assert candidate.role == "candidate" and candidate.kind == "answer"
    assert interviewer.role == "interviewer" and "100 million" in interviewer.text
    assert candidate.phase == interviewer.phase == "requirements"
    assert candidate.elapsed_s == pytest.approx(9.0)  # 9 words at 60 wpm
    assert [e.seq for e in session.events] == list(range(len(session.events)))


async def test_wpm_sets_the_virtual_clock_speed(catalog: Catalog) -> None:
    session = await started(catalog, wpm=120)
    await say(session.send("one two three four five six seven eight"))
    assert session.clock_state().elapsed_s == pytest.approx(4.0)


async def test_moves_phase_on_next(catalog: Catalog) -> None:
    session = await started(catalog)
    text = await say(session.send("/next"))
    assert session.phase_id == "estimation"
    assert phase_events(session)[-1].data == {"from": "requirements", "to": "estimation", "reason": "next"}
    assert "estimation" in text.lower()
    assert session.turns()[-2].kind == "command"


async def test_headless_run_nudges_at_time_but_stays_in_phase(catalog: Catalog) -> None:
    session = await started(catalog)
    long_answer = "word " * 130  # over two minutes at 60 wpm
    text = await say(session.send(long_answer))
    assert session.phase_id == "requirements"
    assert session.turns()[-1].data.get("nudge") is True
    assert "time for requirements" in text.lower() or "time for requirements" in text
    await say(session.send(long_answer))
    assert session.phase_id == "requirements"  # only /next moves a headless run
    assert sum(1 for t in session.turns() if t.data.get("nudge")) == 1
    assert session.record.phase_times["requirements"] > 240


async def test_real_clock_moves_on_time_after_a_nudge(catalog: Catalog) -> None:
    clock = ManualClock()
    session = await started(catalog, clock=clock)
    clock.t = 130
    first = await say(session.send("I think the links should redirect fast."))
    assert session.phase_id == "requirements" and "requirements" in first.lower()
    clock.t = 150
    second = await say(session.send("And they should be short."))
    assert session.phase_id == "estimation"
    assert phase_events(session)[-1].data["reason"] == "time"
    assert "over time" in second.lower() or "time's up" in second.lower()


async def test_check_time_speaks_only_when_due(catalog: Catalog) -> None:
    clock = ManualClock()
    session = await started(catalog, clock=clock)
    clock.t = 60
    assert await say(session.check_time()) == ""
    clock.t = 121
    nudge = await say(session.check_time())
    assert "requirements" in nudge.lower()
    assert await say(session.check_time()) == ""  # once per phase


async def test_real_clock_moves_on_when_the_phase_goals_are_covered(catalog: Catalog) -> None:
    session = await started(catalog, clock=ManualClock())
    await say(session.send("It takes a long URL and hands back a short link that redirects."))
    await say(session.send("How many new URLs per month, and how long do we keep them?"))
    assert session.phase_id == "requirements"
    text = await say(session.send("Do we need custom aliases?"))
    assert session.phase_id == "estimation"
    assert phase_events(session)[-1].data["reason"] == "coverage"
    assert "optional" in text  # the question is still answered before moving on


async def test_time_up_asks_for_a_summary_then_ends_five_minutes_past(catalog: Catalog) -> None:
    clock = ManualClock()
    session = await started(catalog, clock=clock)
    clock.t = 601
    text = await say(session.send("Let me keep going on requirements."))
    assert "summar" in text.lower()
    assert not session.finished
    clock.t = 700
    await say(session.send("Here is my summary."))
    assert not session.finished
    clock.t = 905
    await say(session.send("One more thing."))
    assert session.finished and session.record.status == "completed"
    assert session.events[-1].kind == "end" and session.events[-1].data["reason"] == "time"
    with pytest.raises(SessionOver):
        await say(session.send("hello?"))


async def test_end_command_ends_the_interview(catalog: Catalog) -> None:
    session = await started(catalog)
    text = await say(session.send("/end"))
    assert text
    assert session.finished and session.record.status == "completed" and session.record.ended_at
    assert session.events[-1].data["reason"] == "candidate"


async def test_next_in_the_last_phase_says_so(catalog: Catalog) -> None:
    session = await started(catalog)
    for _ in range(4):
        await say(session.send("/next"))
    assert session.phase_id == "wrap_up"
    text = await say(session.send("/next"))
    assert session.phase_id == "wrap_up" and "/end" in text


async def test_hint_is_recorded_and_counted(catalog: Catalog) -> None:
    session = await started(catalog)
    await say(session.send("/hint"))
    await say(session.send("/hint"))
    moves = [t.data["move"] for t in session.turns() if t.role == "interviewer"]
    assert moves[-2:] == ["hint", "hint_used"]


async def test_pause_and_whiteboard_are_events(catalog: Catalog) -> None:
    session = await started(catalog)
    session.pause()
    session.resume()
    session.save_whiteboard("client -> LB -> app -> redis -> db (replicas)")
    kinds = [e.kind for e in session.events]
    assert kinds[-3:] == ["pause", "resume", "whiteboard"]
    assert session.record.whiteboard.startswith("client")
    assert "replication" in session.planner.state.covered_concepts


class RecordingStore:
    """Just enough of the Store to see what was committed, in order."""

    busy_timeout = 5.0

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    @contextmanager
    def lock_wait(self, seconds: float) -> Iterator[None]:
        yield

    def create_session(self, record) -> None:  # noqa: ANN001
        self.calls.append(("create", record.id))

    def append_event(self, session_id: str, event: Event) -> None:
        self.calls.append(("event", (event.role, event.kind)))

    def update_session(self, session_id: str, **fields) -> None:  # noqa: ANN003
        self.calls.append(("update", tuple(sorted(fields))))


class WatchingVoice:
    """A model voice that checks the candidate's turn was committed before it is asked."""

    name = "watching"

    def __init__(self, store: RecordingStore) -> None:
        self.store = store
        self.seen: list[object] = []

    def available(self) -> bool:
        return True

    async def speak(self, ctx):  # noqa: ANN001, ANN201
        events = [c[1] for c in self.store.calls if c[0] == "event"]
        self.seen.append(events[-1] if events else None)
        yield "Noted."

    def pop_notice(self) -> None:
        return None


async def test_candidate_turn_is_committed_before_the_interviewer_is_asked(catalog: Catalog) -> None:
    store = RecordingStore()
    session = await started(catalog, store=store)
    voice = WatchingVoice(store)
    session.model_voice = voice
    await say(session.send("How long do we keep links?"))
    assert voice.seen == [("candidate", "answer")]
    events = [c[1] for c in store.calls if c[0] == "event"]
    assert events[-2:] == [("candidate", "answer"), ("interviewer", "say")]
    assert ("update", ("elapsed_s", "phase_times")) in store.calls


async def test_check_time_announces_time_up_then_ends_five_minutes_over(catalog: Catalog) -> None:
    clock = ManualClock()
    session = await started(catalog, clock=clock)
    clock.t = 601
    said = await say(session.check_time())
    assert "summar" in said.lower() and not session.finished
    assert await say(session.check_time()) == ""  # said once
    clock.t = 901
    await say(session.check_time())
    assert session.finished and session.events[-1].data["reason"] == "time"


async def test_next_right_after_an_automatic_phase_change_asks_before_skipping(catalog: Catalog) -> None:
    clock = ManualClock()
    session = await started(catalog, clock=clock)
    clock.t = 121  # requirements' time is up: nudged, then the next turn moves on by itself
    await say(session.check_time())
    await say(session.send("Links should redirect quickly."))
    assert session.phase_id == "estimation" and phase_events(session)[-1].data["reason"] == "time"
    held = await say(session.send("/next"))  # pressed as the change scrolled by
    assert session.phase_id == "estimation" and "again" in held
    await say(session.send("/next"))
    assert session.phase_id != "estimation"  # asked twice: it does skip
