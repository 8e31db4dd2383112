"""The row of interview phases with the current one lit."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from interview.catalog import PHASE_TITLES


class PhaseStepper(Static):
    """`✓ Requirements ─ ● Estimation ─ ○ High-level design …`."""

    current: reactive[int] = reactive(0)

    def __init__(self, phase_ids: list[str], current: int = 0, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.phase_ids = phase_ids
        self.set_reactive(PhaseStepper.current, current)

    def _steps(self, *, titles: bool) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for index, phase_id in enumerate(self.phase_ids):
            if index:
                text.append(" ─ ", style="dim")
            title = PHASE_TITLES.get(phase_id, phase_id)
            # Short of room, only the current phase keeps its name: it must never be cut off.
            name = f" {title}" if titles or index == self.current else ""
            if index < self.current:
                text.append(f"✓{name}", style="green")
            elif index == self.current:
                text.append(f"●{name}", style="bold reverse")
            else:
                text.append(f"○{name}", style="dim")
        return text

    def render(self) -> Text:
        full = self._steps(titles=True)
        width = self.content_size.width
        if width and full.cell_len > width:
            return self._steps(titles=False)
        return full
