"""The phase and interview countdowns: a warning in the last minute, overtime after zero."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from interview.tui.services import format_clock


def _style(remaining: float) -> str:
    if remaining < 0:
        return "bold white on red"
    if remaining <= 60:
        return "bold black on yellow"
    return "bold"


class Countdown(Static):
    """`Phase 03:12 left · Interview 41:02 left`, or `+01:20 over` in overtime."""

    phase_remaining: reactive[float] = reactive(0.0)
    total_remaining: reactive[float] = reactive(0.0)
    paused: reactive[bool] = reactive(False)

    def show(self, phase_remaining: float, total_remaining: float, paused: bool) -> None:
        """Set every value at once (one repaint)."""
        # The width is `auto`: when the text grows (PAUSED, `+01:20 over`) the layout must be
        # redone, or the right end (the interview clock) is cut off.
        wider = paused != self.paused or (phase_remaining < 0) != (self.phase_remaining < 0)
        wider = wider or (total_remaining < 0) != (self.total_remaining < 0)
        self.set_reactive(Countdown.phase_remaining, phase_remaining)
        self.set_reactive(Countdown.total_remaining, total_remaining)
        self.set_reactive(Countdown.paused, paused)
        self.set_class(phase_remaining <= 60 or total_remaining <= 60, "-warning")
        self.set_class(phase_remaining < 0 or total_remaining < 0, "-overtime")
        self.refresh(layout=wider)

    @staticmethod
    def _part(label: str, remaining: float) -> Text:
        suffix = " over" if remaining < 0 else " left"
        return Text.assemble(
            (f"{label} ", "dim"), (f" {format_clock(remaining)}{suffix} ", _style(remaining))
        )

    def render(self) -> Text:
        text = Text(no_wrap=True, justify="right")
        if self.paused:
            text.append(" PAUSED ", style="bold black on cyan")
            text.append("  ")
        text.append_text(self._part("Phase", self.phase_remaining))
        text.append("  ")
        text.append_text(self._part("Interview", self.total_remaining))
        return text
