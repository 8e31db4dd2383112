"""Interview time: a real clock for the TUI and a virtual one for reproducible headless runs."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol


class Clock(Protocol):
    """Seconds of interview time since the session started (pauses excluded)."""

    def now(self) -> float: ...


class RealClock:
    """Monotonic wall time that can be paused; `start` lets a resumed session carry on."""

    def __init__(self, start: float = 0.0) -> None:
        self._base = start
        self._since: float | None = time.monotonic()

    def now(self) -> float:
        if self._since is None:
            return self._base
        return self._base + (time.monotonic() - self._since)

    @property
    def paused(self) -> bool:
        return self._since is None

    def pause(self) -> None:
        """Stop the clock; `now()` stays where it is until `resume()`."""
        if self._since is not None:
            self._base = self.now()
            self._since = None

    def resume(self) -> None:
        """Start the clock again from where it was paused."""
        if self._since is None:
            self._since = time.monotonic()


class VirtualClock:
    """Time that moves only when told to: headless runs advance it by each answer's length."""

    def __init__(self, start: float = 0.0) -> None:
        self._t = float(start)

    def now(self) -> float:
        return self._t

    def advance(self, seconds: float) -> None:
        """Move time forward (negative values are ignored: time never runs backwards)."""
        self._t += max(0.0, float(seconds))

    def set(self, seconds: float) -> None:
        """Jump to an absolute time (used when a session is rebuilt from its events)."""
        self._t = float(seconds)


@dataclass(frozen=True)
class ClockState:
    """Where the interview stands in time; remaining values go negative in overtime."""

    elapsed_s: float
    phase_elapsed_s: float
    phase_budget_s: float
    total_budget_s: float

    @property
    def phase_remaining_s(self) -> float:
        return self.phase_budget_s - self.phase_elapsed_s

    @property
    def total_remaining_s(self) -> float:
        return self.total_budget_s - self.elapsed_s


def typing_seconds(text: str, wpm: float) -> float:
    """How long a headless answer takes at `wpm` words a minute (typing and thinking)."""
    words = len(text.split())
    return words * 60.0 / wpm if wpm > 0 else 0.0
