"""The whiteboard pane: the parsed graph's status live, and the drawn view toggled with F3 (120x40, 80x24).

Update after an intended change with `pytest tests/tui/test_tui_whiteboard.py --snapshot-update`.
"""

from __future__ import annotations

import pytest
from textual.widgets import Static, TextArea

from interview.tui.app import InterviewApp
from interview.tui.screens.interview import InterviewScreen
from interview.tui.services import StartOptions
from interview.tui.widgets.conversation import Conversation, Turn
from interview.tui.widgets.whiteboard import BoardPane
from tests.tui.helpers import type_text, wait_for

BOARD = "[Client] -> [LB] -> [App x3] -> [Redis] -> [DB]\n[App] -.-> [Kafka]\n[Kafka] -> [Workers x2]"


def _app(make_services) -> InterviewApp:  # noqa: ANN001
    return InterviewApp(
        StartOptions("practice", scenario_id="rate-limiter"), make_services(cursor_blink=False)
    )


async def _draw(app: InterviewApp, pilot, *, view: bool) -> None:  # noqa: ANN001
    await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen) and app.screen.query(Conversation))
    screen = app.screen
    await wait_for(pilot, lambda: not screen.speaking and len(screen.query(Turn)) == 1)
    await pilot.press("f2")
    await type_text(pilot, BOARD)
    if view:
        await pilot.press("f3")
    await pilot.pause()


def _status(app: InterviewApp) -> str:
    return str(app.screen.query_one("#board-status", Static).render())


async def test_the_status_follows_the_board_and_f3_draws_it(make_services) -> None:
    app = _app(make_services)
    async with app.run_test(size=(120, 40)) as pilot:
        await _draw(app, pilot, view=False)
        assert _status(app).startswith("7 nodes · 6 edges")
        assert "single point of failure: LB" in _status(app)
        area = app.screen.query_one("#whiteboard", TextArea)
        area.text = BOARD.replace("[LB]", "[LB x2]")
        await pilot.pause()
        assert "single point of failure: LB" not in _status(app)  # redrawn: the status follows
        pane = app.screen.query_one(BoardPane)
        await pilot.press("f3")
        await pilot.pause()
        assert pane.viewing and not area.display
        drawn = str(app.screen.query_one("#board-view", Static).render())
        assert "│ LB ×2 │" in drawn and "│ Kafka │" in drawn and "! single point of failure: Redis" in drawn
        await pilot.press("f3")
        await pilot.pause()
        assert not pane.viewing and area.display and area.has_focus


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
@pytest.mark.parametrize("view", [False, True], ids=["source", "diagram"])
def test_pane_snapshot(snap_compare, make_services, size: tuple[int, int], view: bool) -> None:
    app = _app(make_services)

    async def run_before(pilot) -> None:  # noqa: ANN001
        await _draw(app, pilot, view=view)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
