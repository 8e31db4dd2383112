"""Command palette entries: start a scenario, resume, history, scenarios (themes are Textual's)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from interview.text.display import visible_line

if TYPE_CHECKING:
    from interview.tui.app import InterviewApp


class ScenarioCommands(Provider):
    """`Start: <scenario title>` for every scenario in the catalog."""

    def _entries(self) -> list[tuple[str, str, str]]:
        """(label, id, help) as escaped markup: the palette reads them as markup."""
        app: InterviewApp = self.app  # type: ignore[assignment]
        return [
            (
                escape(visible_line(f"Start: {e.model.title}")),
                sid,
                escape(visible_line(f"{e.model.level} · {e.model.minutes:g} min · {e.model.brief}")),
            )
            for sid, e in sorted(app.catalog.scenarios.items())
        ]

    def _start(self, scenario_id: str) -> None:
        app: InterviewApp = self.app  # type: ignore[assignment]
        app.start_interview(scenario_id)

    async def discover(self) -> Hits:
        for label, sid, help_text in self._entries():
            yield DiscoveryHit(label, lambda sid=sid: self._start(sid), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, sid, help_text in self._entries():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), lambda sid=sid: self._start(sid), help=help_text)
