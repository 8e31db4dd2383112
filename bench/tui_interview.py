"""How the interview screen copes with load, measured headless (Textual's run_test).

Prints: the time to open a resumed session of 300 turns, the time for a 200 KB paste to land
in the answer box and for it to be sent, and the worst gap between clock ticks (a 50 ms
interval timer) while the interviewer streams a long reply in small chunks.

    .venv/bin/python bench/tui_interview.py
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

TMP = tempfile.mkdtemp(prefix="interview-bench-")
os.environ["XDG_DATA_HOME"] = f"{TMP}/data"
os.environ["XDG_CONFIG_HOME"] = f"{TMP}/config"

from textual import events  # noqa: E402

from interview.catalog import load_catalog  # noqa: E402
from interview.engine import factory  # noqa: E402
from interview.engine.clock import VirtualClock  # noqa: E402
from interview.store import Store  # noqa: E402
from interview.tui.app import InterviewApp  # noqa: E402
from interview.tui.screens.interview import InterviewScreen  # noqa: E402
from interview.tui.services import Services, StartOptions  # noqa: E402
from interview.tui.widgets.conversation import CandidateTurn, Conversation  # noqa: E402

DB = Path(TMP) / "bench.db"


class ManualClock:
    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t


class ChattyVoice:
    """A model voice that streams 2,000 small chunks as fast as the loop allows."""

    name = "bench/chatty"

    def available(self) -> bool:
        return True

    def pop_notice(self) -> str | None:
        return None

    async def speak(self, ctx: object) -> AsyncIterator[str]:
        for i in range(2000):
            yield f"word{i} " + ("\n\n" if i % 50 == 49 else "")
            await asyncio.sleep(0)


def services(catalog: object) -> Services:
    return Services(
        catalog=catalog, db_path=DB, clock_factory=ManualClock, tick_seconds=0, autosave_seconds=0
    )  # type: ignore[arg-type]


async def until(pilot: object, condition: Callable[[], bool], timeout: float = 120) -> float:
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise TimeoutError
        await pilot.pause(0.005)  # type: ignore[attr-defined]
    return time.perf_counter() - start


async def resume_300(catalog: object) -> float:
    with Store(DB) as store:
        session = factory.new_session(catalog, "url-shortener", seed=7, clock=VirtualClock(), store=store)  # type: ignore[arg-type]
        for i in range(150):
            async for _ in session.send(f"answer {i}: we shard by key across {i} nodes and cache hot keys"):
                pass
        session_id = session.record.id
    app = InterviewApp(StartOptions("resume", session_id=session_id), services(catalog))
    async with app.run_test(size=(120, 40)) as pilot:
        start = time.perf_counter()
        await until(
            pilot,
            lambda: isinstance(app.screen, InterviewScreen) and len(app.screen.query(CandidateTurn)) == 150,
        )
        return time.perf_counter() - start


async def paste_200kb(catalog: object) -> tuple[float, float]:
    block = "\n".join(f"line {i:05d}: " + "x" * 40 for i in range(4000))
    app = InterviewApp(StartOptions("practice", scenario_id="url-shortener"), services(catalog))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen) and not app.screen.speaking)
        screen = app.screen
        answer = screen.query_one("#answer")
        answer.focus()
        app.post_message(events.Paste(block))
        landed = await until(pilot, lambda: answer.text == block)
        start = time.perf_counter()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: len(screen.query(CandidateTurn)) == 1 and not screen.speaking)
        return landed, time.perf_counter() - start


async def streaming_gap(catalog: object) -> tuple[float, int]:
    voice = ChattyVoice()
    factory.model_voice_for = lambda model, api_base, timeout: voice  # type: ignore[assignment]
    app = InterviewApp(
        StartOptions("practice", scenario_id="url-shortener", model="bench/chatty"), services(catalog)
    )
    gaps: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        last = time.perf_counter()

        def tick() -> None:
            nonlocal last
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

        app.set_interval(0.05, tick)
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen) and app.screen.query(Conversation))
        await until(pilot, lambda: app.screen.query_one(Conversation).streaming)
        await until(pilot, lambda: not app.screen.speaking)
    return max(gaps), len(gaps)


async def main() -> None:
    catalog = load_catalog()
    opened = await resume_300(catalog)
    print(f"resume a 300-turn session: {opened:.2f} s until every turn is on screen")
    landed, sent = await paste_200kb(catalog)
    print(
        f"200 KB paste (4,000 lines): in the box after {landed:.2f} s; sent and answered after {sent:.2f} s"
    )
    worst, ticks = await streaming_gap(catalog)
    print(
        f"streaming 2,000 chunks: worst gap between 50 ms clock ticks {worst * 1000:.0f} ms ({ticks} ticks)"
    )


if __name__ == "__main__":
    asyncio.run(main())
