"""SVG snapshots of the four main screens (fixed catalog, clock, seed, dates; no cursor blink).

Update after an intended change with `pytest tests/tui/test_tui_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from interview.store import Store
from interview.tui.app import InterviewApp
from interview.tui.screens.interview import InterviewScreen
from interview.tui.screens.report import ReportScreen
from interview.tui.services import StartOptions
from interview.tui.widgets.conversation import Conversation, Turn
from tests.tui.conftest import sample_events, sample_record, sample_report
from tests.tui.helpers import type_text, wait_for

SIZE = (120, 40)


def test_home(snap_compare, make_services, stored_sessions, catalog, db_path) -> None:
    with Store(db_path) as store:  # one interview left in progress: the resume banner shows
        store.create_session(
            sample_record(catalog, "url-mini", days_ago=1, status="in_progress", elapsed_s=720.0)
        )
    assert snap_compare(InterviewApp(services=make_services(cursor_blink=False)), terminal_size=SIZE)


def test_interview(snap_compare, make_services) -> None:
    app = InterviewApp(
        StartOptions("practice", scenario_id="rate-limiter"), make_services(cursor_blink=False)
    )

    async def run_before(pilot) -> None:
        await wait_for(
            pilot, lambda: isinstance(app.screen, InterviewScreen) and app.screen.query(Conversation)
        )
        screen = app.screen
        await wait_for(pilot, lambda: not screen.speaking and len(screen.query(Turn)) == 1)
        await type_text(pilot, "Who calls the API, and how many requests per second at peak?")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.speaking and len(screen.query(Turn)) == 2)
        await pilot.press("f2")
        await type_text(pilot, "client -> LB -> limiter -> API\n               |\n             redis")
        screen.query_one("#answer").focus()  # the whiteboard stays open beside the conversation
        await type_text(pilot, "A token bucket per API key,\nkept in redis.")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_report(snap_compare, make_services, catalog) -> None:
    app = InterviewApp(services=make_services(cursor_blink=False))

    async def run_before(pilot) -> None:
        await pilot.pause()
        app.push_screen(ReportScreen(sample_record(catalog), sample_events(), sample_report()))
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_history(snap_compare, make_services, stored_sessions) -> None:
    app = InterviewApp(services=make_services(cursor_blink=False))
    assert snap_compare(app, press=["h"], terminal_size=SIZE)


def test_report_down_to_the_estimates(snap_compare, make_services, catalog) -> None:
    """The whole report, estimates and improvements included (the 40-row one stops above them)."""
    app = InterviewApp(services=make_services(cursor_blink=False))

    async def run_before(pilot) -> None:
        await pilot.pause()
        app.push_screen(ReportScreen(sample_record(catalog), sample_events(), sample_report()))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 110), run_before=run_before)
