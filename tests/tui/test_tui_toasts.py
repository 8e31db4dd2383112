"""Toasts come before the action or not at all: nothing pops up over the screen that shows
the result (the report, the search results)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Markdown, Static

from interview import scoring
from interview.catalog import Catalog
from interview.store import Store
from interview.tui.app import InterviewApp
from interview.tui.screens.history import HistoryScreen
from interview.tui.screens.report import ReportScreen
from tests.tui.conftest import sample_events, sample_record
from tests.tui.helpers import screen_lines, type_text, wait_for


def _store(db_path: Path, record, events=None) -> None:
    with Store(db_path) as store:
        store.create_session(record)
        for event in events if events is not None else sample_events():
            store.append_event(record.id, event)


async def test_a_failed_judge_is_said_on_the_report_not_in_a_toast_over_it(
    make_services, catalog: Catalog, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken_judge(*args: object, **kwargs: object) -> None:
        raise TimeoutError("judge timed out")

    monkeypatch.setattr(scoring, "score_session", broken_judge)
    record = sample_record(catalog, model="openai/gpt-4o-mini")
    _store(db_path, record)
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.open_session(record.id)
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen) and app.screen.report is not None)
        await pilot.pause()
        note = app.screen.query_one("#report-note", Static)
        assert note.display and "The judge failed (TimeoutError); scored offline instead." in str(
            note.render()
        )
        assert "The judge failed" in "\n".join(screen_lines(pilot))  # on screen, at the top of the report
        assert not app._notifications  # and no toast arrives after the report opened


async def test_resuming_a_finished_session_opens_its_report_without_a_toast(
    make_services, catalog: Catalog, db_path: Path
) -> None:
    record = sample_record(catalog)
    _store(db_path, record)
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.resume_interview(record.id)
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen) and app.screen.query("#report-md"))
        await wait_for(pilot, lambda: app.screen.report is not None, what="the report")
        assert not app._notifications


async def test_a_search_with_no_match_says_so_on_the_table(make_services, catalog, db_path) -> None:
    _store(db_path, sample_record(catalog))
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.press("slash")
        await type_text(pilot, "blockchain")
        await pilot.press("enter")
        table = app.screen.query_one("#sessions", DataTable)
        await wait_for(pilot, lambda: app.screen.searching)
        await pilot.pause()
        assert table.row_count == 0
        assert "nothing said matches" in "\n".join(screen_lines(pilot))
        assert not app._notifications


async def test_scoring_that_fails_outright_says_so_in_the_report(
    make_services, catalog: Catalog, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("no rubric")

    async def broken_judge(*args: object, **kwargs: object) -> None:
        raise ValueError("no rubric")

    monkeypatch.setattr(scoring, "score_session", broken_judge)
    monkeypatch.setattr(scoring, "score_offline", broken)
    record = sample_record(catalog)
    _store(db_path, record)
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.open_session(record.id)
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen) and app.screen.query("#report-md"))
        md = app.screen.query_one("#report-md", Markdown)
        await wait_for(pilot, lambda: "Scoring failed" in md.source, what="the failure")
        assert "The transcript is saved" in md.source
        assert not app._notifications
