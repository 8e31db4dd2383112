"""The scenario browser filters as you type; Home suggests what to practise next."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from interview.tui.app import InterviewApp
from interview.tui.screens.scenarios import ScenariosScreen
from tests.tui.helpers import home_ready, type_text, wait_for


def rows(table: DataTable) -> list[str]:
    return [str(key.value) for key in table.rows]


async def test_the_browser_filters_by_level_and_words_as_you_type(make_services) -> None:
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, ScenariosScreen))
        table = app.screen.query_one("#catalog-table", DataTable)
        assert rows(table) == ["rate-limiter", "url-mini"]
        await pilot.press("slash")
        await type_text(pilot, "level:mid")
        await wait_for(pilot, lambda: rows(table) == ["url-mini"], what="level filter")
        assert "1 of 2" in str(table.border_title)
        await pilot.press(*["backspace"] * len("level:mid"))
        await type_text(pilot, "rate limiter")
        await wait_for(pilot, lambda: rows(table) == ["rate-limiter"], what="word filter")
        await type_text(pilot, " nothing-like-this")
        await wait_for(pilot, lambda: rows(table) == [], what="no match")
        await pilot.press("enter")  # back to the (empty) list; Enter there starts nothing
        assert isinstance(app.screen, ScenariosScreen)


async def test_home_suggests_the_weakest_last_score_and_n_goes_to_it(make_services, stored_sessions) -> None:
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        note = app.screen.query_one("#suggestion", Static)
        await wait_for(pilot, lambda: not note.has_class("-hidden"), what="suggestion")
        text = str(note.render())
        assert "Design a URL shortener" in text and "30" in text  # url-mini last scored 30, rate-limiter 72
        await pilot.press("n")
        table = app.screen.query_one("#scenario-table", DataTable)
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert key == "url-mini"


async def test_a_first_time_user_gets_no_suggestion(make_services) -> None:
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: home_ready(app), what="catalog and store loaded")
        await pilot.pause()
        assert app.screen.query_one("#suggestion", Static).has_class("-hidden")
