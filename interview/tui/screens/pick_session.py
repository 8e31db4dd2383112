"""Which interview to resume, when more than one is in progress."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from datetime import tzinfo

    from interview.store import SessionSummary


def _minutes(seconds: float) -> str:
    minutes = int(seconds // 60)
    return "under a minute in" if minutes < 1 else f"{minutes} min in"


class PickSessionScreen(ModalScreen[str | None]):
    """Dismisses with the chosen session id, or None (escape)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, sessions: list[SessionSummary], tz: tzinfo | None = None) -> None:
        super().__init__()
        self.sessions = sessions
        self.tz = tz

    def compose(self) -> ComposeResult:
        from interview.tui.services import format_when

        with Vertical(id="pick-box"):
            yield Static(f"{len(self.sessions)} interviews are in progress. Which one?", id="pick-question")
            options = [
                Option(
                    Text(  # plain text: a title is never read as markup
                        f"{s.scenario_title} · started {format_when(s.started_at, self.tz)} · "
                        f"{_minutes(s.elapsed_s)} · {s.id[:8]}"
                    ),
                    id=s.id,
                )
                for s in self.sessions
            ]
            yield OptionList(*options, id="pick-list")
            yield Static("⏎ resume · Esc cancel", id="pick-help")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
