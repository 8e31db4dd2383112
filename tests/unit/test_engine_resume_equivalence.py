"""Resume at any point gives the interview a user would have had without stopping.

The script makes every kind of planner memory: facts revealed, a time nudge per phase, an
estimate asked for and a figure challenged, a follow-up, a persona rule, a hint, probes, and a
whiteboard naming a dead-letter queue (so the persona's dead-letter question must never come).
The session is stopped after every step, resumed from the store, and finished; the
interviewer's turns after the resume must be exactly those of the uninterrupted run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.catalog import Catalog, load_catalog
from interview.engine import InterviewSession, VirtualClock, new_session, resume_session
from interview.store import Store

CATALOG_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "runs" / "catalog"
BOARD = "client -> LB -> app\napp -> Kafka workers; failures go to a dead letter queue"

SCRIPT: list[tuple[str, str | float]] = [
    ("say", "How many new URLs per month?"),
    ("wait", 130),  # past the requirements budget: the clock nudges
    ("say", "How long do we keep links?"),
    ("say", "Ok, and custom aliases?"),
    ("wait", 30),
    ("say", "That's 40 writes per second and 4 million reads a second."),
    ("board", BOARD),
    ("wait", 100),
    ("say", "Storage is about 3 TB."),
    ("say", "App servers, a Redis cache, a counter for ids, and Kafka workers with a queue for clicks."),
    ("say", "We split it into microservices on kubernetes."),
    ("say", "Each id comes from a counter, one sequence in a single table."),
    ("wait", 125),
    ("say", "/hint"),
    ("say", "The queue has async workers."),
    ("say", "ok"),
    ("say", "/end"),
]


def headless(script: list[tuple[str, str | float]]) -> list[tuple[str, str | float]]:
    """The same interview headless: phases move only on /next, so say it after each nudge's reply."""
    out: list[tuple[str, str | float]] = []
    waited = False
    for step in script:
        out.append(step)
        if step[0] == "wait":
            waited = True
        elif step[0] == "say" and waited:
            out.append(("say", "/next"))
            waited = False
    return out


SCRIPTS = {"real": SCRIPT, "virtual": headless(SCRIPT)}
EXPECTED: dict[str, list[tuple[str, dict]]] = {}  # the uninterrupted run's interviewer turns, per clock


class StepClock:
    """Real-clock semantics (phases move on time, as in the app) with time a test moves."""

    def __init__(self, start: float = 0.0) -> None:
        self.t = float(start)

    def now(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog([CATALOG_DIR])


async def say(chunks) -> str:  # noqa: ANN001
    return "".join([str(c) async for c in chunks])


async def play(session: InterviewSession, steps: list[tuple[str, str | float]]) -> None:
    for kind, arg in steps:
        if session.finished:
            break
        if kind == "board":
            session.save_whiteboard(str(arg))
        elif kind == "wait":
            session.clock.advance(float(arg))  # type: ignore[attr-defined]
            if session.virtual:  # headless time only moves with events: record it like a pause
                session.pause()
                session.resume()
            await say(session.check_time())
        else:
            await say(session.send(str(arg)))


def interviewer_turns(store: Store, session_id: str) -> list[tuple[str, dict]]:
    return [
        (e.text, e.data)
        for e in store.events(session_id)
        if e.role == "interviewer" and e.data.get("move") != "welcome_back"
    ]


def make_clock(kind: str, start: float = 0.0) -> StepClock | VirtualClock:
    return StepClock(start) if kind == "real" else VirtualClock(start)


async def uninterrupted(catalog: Catalog, db: Path, clock: str) -> list[tuple[str, dict]]:
    store = Store(db)
    session = new_session(catalog, "mini-shortener", seed=9, clock=make_clock(clock), store=store, wpm=60)
    await say(session.opening())
    await play(session, SCRIPTS[clock])
    assert session.finished
    turns = interviewer_turns(store, session.record.id)
    store.close()
    return turns


@pytest.mark.parametrize("clock", ["real", "virtual"])
async def test_the_script_exercises_every_kind_of_planner_memory(
    catalog: Catalog, tmp_path: Path, clock: str
) -> None:
    turns = await uninterrupted(catalog, tmp_path / "base.db", clock)
    moves = [d["move"] for _, d in turns]
    for kind in ("reveal", "challenge", "followup", "rule", "hint", "probe"):
        assert kind in moves, (kind, moves)
    nudged = [d["phase"] for _, d in turns if d.get("nudge")]
    assert len(nudged) >= 2 and len(nudged) == len(set(nudged)), nudged  # once per phase
    keys = [d.get("key") for _, d in turns if d.get("key")]
    assert "rule:dead_letter" not in keys  # the board already answers it
    assert not any("fails every retry" in text for text, _ in turns)


async def test_without_the_board_the_dead_letter_question_does_come(catalog: Catalog, tmp_path: Path) -> None:
    """The control for the whiteboard check: the same turns with no board ask about failed messages."""
    store = Store(tmp_path / "i.db")
    session = new_session(catalog, "mini-shortener", seed=9, clock=StepClock(), store=store)
    await say(session.opening())
    await play(session, [step for step in SCRIPT if step[0] != "board"])
    keys = [e.data.get("key") for e in store.events(session.record.id) if e.role == "interviewer"]
    store.close()
    assert "rule:dead_letter" in keys


@pytest.mark.parametrize(
    ("clock", "cut"), [(c, i) for c, script in SCRIPTS.items() for i in range(len(script))]
)
async def test_resuming_after_any_step_continues_exactly_as_without_a_stop(
    catalog: Catalog, tmp_path: Path, cut: int, clock: str
) -> None:
    script = SCRIPTS[clock]
    if clock not in EXPECTED:
        EXPECTED[clock] = await uninterrupted(catalog, tmp_path / "base.db", clock)
    expected = EXPECTED[clock]

    db = tmp_path / "cut.db"
    store = Store(db)
    session = new_session(catalog, "mini-shortener", seed=9, clock=make_clock(clock), store=store, wpm=60)
    await say(session.opening())
    await play(session, script[:cut])
    session.pause()  # what quitting the app does
    stopped_at = session.clock.now()
    store.close()

    store = Store(db)
    again = resume_session(store, session.record.id, clock=make_clock(clock, stopped_at))
    again.resume()  # what the app does when the screen opens
    await say(again.opening())
    await play(again, script[cut:])
    assert again.finished
    got = interviewer_turns(store, session.record.id)
    store.close()
    for i, (want, have) in enumerate(zip(expected, got, strict=False)):
        assert have == want, f"turn {i} after resuming at step {cut} differs"
    assert len(got) == len(expected)
