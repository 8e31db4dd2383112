"""The command palette reaches every screen; the TUI commands fail cleanly on bad input."""

from __future__ import annotations

import asyncio

import pytest
from click.testing import CliRunner
from textual.command import CommandList

from interview.cli import cli
from interview.scoring.report import Report
from interview.tui.app import InterviewApp
from interview.tui.screens.history import HistoryScreen
from interview.tui.screens.interview import InterviewScreen
from interview.tui.screens.report import ReportScreen
from interview.tui.screens.scenarios import ScenariosScreen
from tests.tui.conftest import sample_events, sample_record, sample_report
from tests.tui.helpers import type_text, wait_for


@pytest.mark.parametrize(
    ("query", "screen_type"),
    [("History", HistoryScreen), ("Scenarios", ScenariosScreen), ("Start: Design a rate", InterviewScreen)],
)
async def test_palette_opens_screens(make_services, query: str, screen_type: type) -> None:
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, query)

        def first_hit() -> str:  # the palette searches asynchronously
            commands = app.screen.query(CommandList)
            if not commands or not commands.first().option_count:
                return ""
            return str(commands.first().get_option_at_index(0).prompt)

        await wait_for(pilot, lambda: query.split(":")[0] in first_hit(), what="palette hit")
        await pilot.pause(0.3)  # let the search settle on its best hit
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, screen_type), what=screen_type.__name__)
        if screen_type is InterviewScreen:
            assert app.screen.session.scenario.id == "rate-limiter"


async def test_report_shows_progress_while_scoring(make_services, catalog, monkeypatch) -> None:
    release = asyncio.Event()

    async def slow_score(record, events, **kwargs) -> Report:
        while not release.is_set():  # set from the test's loop; polled here (another thread)
            await asyncio.sleep(0.01)
        return sample_report(88.0, "strong_hire")

    import interview.scoring as scoring

    monkeypatch.setattr(scoring, "score_session", slow_score)
    record = sample_record(catalog)
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ReportScreen(record, sample_events()))
        await wait_for(
            pilot, lambda: isinstance(app.screen, ReportScreen) and app.screen.query("#scoring-status")
        )
        screen = app.screen
        status = screen.query_one("#scoring-status")
        await wait_for(pilot, lambda: "offline scorer" in str(status.render()), what="progress text")
        assert not screen.query_one("#scoring").has_class("-hidden")
        await pilot.press("t")  # the UI still answers keys while scoring
        assert screen.query_one("#report-tabs").active == "tab-transcript"
        release.set()
        await wait_for(pilot, lambda: screen.report is not None, what="scored")
        assert screen.query_one("#scoring").has_class("-hidden")
        assert "Strong hire · 88/100" in screen.query_one("#report-md").source


def test_practice_unknown_scenario_is_one_line_error() -> None:
    result = CliRunner().invoke(cli, ["practice", "no-such-scenario"], standalone_mode=True)
    assert result.exit_code == 1
    assert result.output.startswith("error: unknown scenario 'no-such-scenario'")
    assert "Traceback" not in result.output


def test_resume_with_nothing_in_progress_is_one_line_error(db_path) -> None:
    result = CliRunner().invoke(cli, ["resume", "--db", str(db_path)])
    assert result.exit_code == 1
    assert result.output.strip() == "error: no interview is in progress; start one with `interview`"
