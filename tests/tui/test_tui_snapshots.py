"""SVG snapshots of the main screens (fixed catalog, clock, seed, dates; no cursor blink).

Home, the interview and the report at 80x24, 120x40 and 150x50: nothing clipped or cut off
at any of them (issue 13).

Update after an intended change with `pytest tests/tui/test_tui_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest

from interview.store import Store
from interview.tui.app import InterviewApp
from interview.tui.screens.interview import InterviewScreen
from interview.tui.screens.report import ReportScreen
from interview.tui.services import StartOptions
from interview.tui.widgets.conversation import Conversation, Turn
from tests.tui.conftest import sample_events, sample_record, sample_report
from tests.tui.helpers import home_ready, type_text, wait_for

SIZE = (120, 40)
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40), (150, 50)], ids=lambda s: f"{s[0]}x{s[1]}")


@SIZES
def test_home(snap_compare, make_services, stored_sessions, catalog, db_path, size) -> None:
    with Store(db_path) as store:  # one interview left in progress: the resume banner shows
        store.create_session(
            sample_record(catalog, "url-mini", days_ago=1, status="in_progress", elapsed_s=720.0)
        )
    assert snap_compare(InterviewApp(services=make_services(cursor_blink=False)), terminal_size=size)


@SIZES
def test_interview(snap_compare, make_services, size) -> None:
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

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_report(snap_compare, make_services, catalog, size) -> None:
    app = InterviewApp(services=make_services(cursor_blink=False))

    async def run_before(pilot) -> None:
        await pilot.pause()
        app.push_screen(ReportScreen(sample_record(catalog), sample_events(), sample_report()))
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


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


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (150, 50)])
async def test_home_shows_whole_titles_the_start_button_and_the_model_example(
    make_services, stored_sessions, size
) -> None:
    from pathlib import Path

    from interview.catalog import load_catalog
    from interview.tui.screens.home import HomeScreen, list_title
    from tests.tui.helpers import screen_lines

    repo = Path(__file__).resolve().parents[2]
    library = load_catalog([repo, repo / "scenarios"])  # the real library: long titles
    assert len(library.scenarios) >= 10
    app = InterviewApp(services=make_services(cursor_blink=False, catalog=library))
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and home_ready(app))
        await pilot.pause()
        shown = screen_lines(pilot)
        text = "\n".join(shown)
        assert "Start ⏎" in text  # the button is whole, not clipped at the edge
        assert "ollama_chat/llama3.1" in text  # the model example is on screen (it used to be cut)
        visible_rows = size[1] // 3  # the titles of the first rows of the list (the rest scroll)
        titles = sorted(e.model.title for e in library.scenarios.values())[:visible_rows]
        for title in titles:  # every title on screen is whole
            assert list_title(title, size[0] < 130) in text, title

        from interview.tui.screens.scenarios import ScenariosScreen

        await pilot.press("s")  # the scenario browser too
        await wait_for(pilot, lambda: isinstance(app.screen, ScenariosScreen))
        await pilot.pause()
        text = "\n".join(screen_lines(pilot))
        for title in sorted(e.model.title for e in library.scenarios.values())[: size[1] // 3]:
            assert list_title(title, size[0] < 130) in text, title
