"""Small helpers for Pilot tests: wait on conditions, never on wall-clock sleeps."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

from textual.pilot import Pilot

from interview.engine.voice import ModelFailure, TurnContext


async def wait_for(
    pilot: Pilot, condition: Callable[[], bool], timeout: float = 15.0, what: str = ""
) -> None:
    """Let the app run until `condition()` holds; fail after a generous timeout."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        await pilot.pause(0.02)


async def type_text(pilot: Pilot, text: str) -> None:
    """Press one key per character; a newline is Enter."""
    keys = ["enter" if ch == "\n" else ("space" if ch == " " else ch) for ch in text]
    await pilot.press(*keys)


class FailingVoice:
    """A model voice (litellm-free test double) that streams a few words, then drops mid-stream.

    `release` lets a test look at the screen while the partial text is showing.
    """

    name = "fake/flaky-model"

    def __init__(self, partial: str = "PARTIAL model words that must vanish") -> None:
        self.partial = partial
        self.release = asyncio.Event()
        self.calls = 0

    def available(self) -> bool:
        return True

    def pop_notice(self) -> str | None:
        return None

    async def speak(self, ctx: TurnContext) -> AsyncIterator[str]:
        self.calls += 1
        for word in self.partial.split(" "):
            yield word + " "
        await self.release.wait()
        raise ModelFailure("connection dropped")


class ManualClock:
    """Interview time that moves only when a test says so, with real-clock semantics.

    (A VirtualClock would make the session headless: time jumps by each answer's typing time.)
    """

    def __init__(self, start: float = 0.0) -> None:
        self.t = float(start)

    def now(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def screen_lines(pilot: Pilot) -> list[str]:
    """The characters on the terminal now, one string per row (what a user reads)."""
    strips = pilot.app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]


def home_ready(app) -> bool:  # noqa: ANN001
    """The catalog is loaded and, when Home is showing, Home has filled in its list, choices and note."""
    from interview.tui.screens.home import HomeScreen

    return bool(app.prepared) and (not isinstance(app.screen, HomeScreen) or app.screen.populated)
