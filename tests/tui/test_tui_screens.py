"""Scenarios (with broken files), history (search, filter, plot) and the report's scoring state."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable, Markdown, Select

from interview import paths
from interview.catalog import load_catalog
from interview.tui.app import InterviewApp
from interview.tui.screens.history import HistoryScreen
from interview.tui.screens.report import ReportScreen
from interview.tui.screens.scenarios import ScenariosScreen
from interview.tui.widgets.score_plot import ScorePlot
from tests.tui.helpers import type_text, wait_for

BROKEN = """\
id: broken-one
title: A broken scenario
minutes: 45
rubric: system-design
persona: principal
prompt: Design something.
phases:
  - id: requirements
    minutes: 40
"""


async def test_scenarios_lists_broken_user_files_with_located_errors(make_services) -> None:
    user_dir = paths.user_dir("scenarios")
    user_dir.mkdir(parents=True, exist_ok=True)
    (user_dir / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    app = InterviewApp(services=make_services(catalog=load_catalog()))
    async with app.run_test(size=(120, 40)) as pilot:
        note = app.screen.query_one("#broken-note")
        assert not note.has_class("-hidden")  # Home points at the problem
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, ScenariosScreen))
        table = app.screen.query_one("#catalog-table", DataTable)
        labels = [str(c.label) for c in table.ordered_columns]
        assert labels[0] == "Title"  # below 130 columns the title comes first (whole), the id last
        rows = [dict(zip(labels, table.get_row_at(i), strict=True)) for i in range(table.row_count)]
        assert [r["ID"] for r in rows] == ["rate-limiter", "url-mini", "broken"]
        assert rows[2]["Source"] == "broken"
        await pilot.press("down", "down")
        detail = app.screen.query_one("#catalog-brief", Markdown)
        await wait_for(pilot, lambda: "was skipped" in detail.source)
        assert f"{user_dir / 'broken.yaml'}:8:" in detail.source  # file:line of the phases problem
        assert "add up to 40" in detail.source
        await pilot.press("up", "up")
        await wait_for(pilot, lambda: "Design a rate limiter" in detail.source)
        assert "1 million" not in detail.source  # the brief never leaks hidden facts


async def test_history_search_filter_plot_and_open(make_services, stored_sessions) -> None:
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        screen = app.screen
        table = screen.query_one("#sessions", DataTable)
        assert table.row_count == 4
        assert table.get_row_at(0)[2] == "72"

        plot = screen.query_one("#plot", ScorePlot)
        assert [score for _, score in plot.series[0][1]] == [41.0, 55.0, 72.0]
        screen.query_one("#criterion", Select).value = "requirements"
        await wait_for(pilot, lambda: len(plot.series) == 2)
        assert [score for _, score in plot.series[1][1]] == [75.0, 75.0, 75.0]  # grade 3 of 4

        screen.query_one("#scenario-filter", Select).value = "url-mini"
        await wait_for(pilot, lambda: table.row_count == 1)
        assert str(table.get_row_at(0)[1]) == "Design a URL shortener"

        screen.query_one("#scenario-filter", Select).value = Select.NULL
        await wait_for(pilot, lambda: table.row_count == 4)
        await pilot.press("slash")
        await type_text(pilot, "token bucket")
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.searching and table.row_count == 3)
        snippet = table.get_row_at(0)[[str(c.label) for c in table.ordered_columns].index("Match")]
        # Shown as plain text: as a str, DataTable would read `[token]` as markup and drop it.
        assert isinstance(snippet, Text)
        assert "[token]" in snippet.plain or "[bucket]" in snippet.plain

        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen))
        report_screen = app.screen
        assert report_screen.report is not None
        assert "Design a rate limiter" in report_screen.query_one("#report-md", Markdown).source
        transcript = report_screen.query_one("#transcript-md", Markdown).source
        assert "token bucket per key in redis" in transcript

        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.press("escape")  # clears the search first
        await wait_for(pilot, lambda: not screen.searching and table.row_count == 4)


async def test_home_choices_reach_the_session(make_services) -> None:
    from interview.tui.screens.interview import InterviewScreen

    app = InterviewApp(services=make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        home.query_one("#persona", Select).value = "skeptic"
        home.query_one("#level", Select).value = "staff"
        await pilot.pause()
        await pilot.press("down", "enter")  # the rate limiter, whose own persona is principal
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        session = app.screen.session
        assert (session.scenario.id, session.persona.id, session.record.level) == (
            "rate-limiter",
            "skeptic",
            "staff",
        )
        assert session.record.model == "offline"


async def test_an_in_progress_session_from_history_is_not_scored(make_services, catalog, db_path) -> None:
    from interview.store import Store
    from tests.tui.conftest import sample_events, sample_record

    record = sample_record(catalog, status="in_progress", ended_at=None)
    with Store(db_path) as store:
        store.create_session(record)
        for event in sample_events():
            store.append_event(record.id, event)
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        assert str(app.screen.query_one("#sessions", DataTable).get_row_at(0)[3]) == "in progress"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen) and app.screen.query("#report-md"))
        screen = app.screen
        await pilot.pause()
        assert screen.report is None
        assert "is **in progress** and has no report yet" in screen.query_one("#report-md", Markdown).source
        assert "token bucket per key" in screen.query_one("#transcript-md", Markdown).source
    with Store(db_path) as store:
        assert store.latest_report(record.id) is None
