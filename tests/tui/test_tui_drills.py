"""Drills in the app: started from Home (d) and from a report ("Drill this", "Redo"), played, scored."""

from __future__ import annotations

from textual.widgets import Button, OptionList, Static, TextArea

from interview.store import Store
from interview.tui.app import InterviewApp
from interview.tui.screens.drill import DrillPickScreen, DrillScreen
from interview.tui.screens.report import ReportScreen
from tests.tui.conftest import sample_events, sample_record, sample_report
from tests.tui.helpers import home_ready, wait_for


def _log(screen: DrillScreen) -> str:
    return "\n".join(str(w.render()) for w in screen.query("#drill-log Static"))  # type: ignore[attr-defined]


async def test_an_estimation_drill_from_home_is_checked_tallied_stored_and_scored(
    make_services, db_path
) -> None:
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: home_ready(app), what="the catalog")
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DrillPickScreen))
        options = app.screen.query_one("#drill-pick", OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels[0].startswith("Estimation drill")  # no history yet: nothing to suggest
        assert any(label.startswith("Reliability") for label in labels)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))
        screen = app.screen
        assert screen.session.record.kind == "drill_estimation"
        assert "Question 1 of" in _log(screen)
        assert "1 GB" not in _log(screen)  # the reference is not given away before the end
        screen.query_one(
            "#drill-answer", TextArea
        ).text = "10M keys x 1 byte = 10 MB of memory for the counters."
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Tally: 0 of 1 right" in _log(screen))
        assert "Not quite" in _log(screen)
        status = str(screen.query_one("#drill-status", Static).render())
        assert "0 of 1 right" in status
        assert status.index("0 of 1 right") < status.index(screen.session.title)  # titles last (cut first)
        await wait_for(pilot, lambda: screen.session.finished)  # that was the only question
        assert "Estimation drill over" in _log(screen)
        assert "10M keys x ~100 bytes per counter = 1 GB" in _log(screen)  # the derivation, at the end
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen))
        assert [c.id for c in app.screen.report.criteria] == ["estimation"]
    with Store(db_path) as store:
        [drill] = store.list_sessions(kind="drill_estimation")
        assert drill.status == "completed" and drill.overall is not None


async def _report_of_stored_session(pilot, app: InterviewApp, record_id: str) -> ReportScreen:
    await wait_for(pilot, lambda: home_ready(app), what="the catalog")
    app.open_session(record_id)
    await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen))
    screen = app.screen
    await wait_for(pilot, lambda: bool(screen.query("#drill-weakest")), what="the drill buttons")
    return screen


async def test_drill_this_on_a_report_drills_its_weakest_criterion(make_services, catalog, db_path) -> None:
    record = sample_record(catalog)
    with Store(db_path) as store:
        store.create_session(record)
        for event in sample_events():
            store.append_event(record.id, event)
        store.save_report(record.id, sample_report())  # reliability is the weakest (1)
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _report_of_stored_session(pilot, app, record.id)
        assert "Reliability" in str(screen.query_one("#drill-weakest", Button).label)
        await pilot.press("d")  # what its label says; the buttons sit below the report
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))
        drill = app.screen.session
        assert drill.record.kind == "drill_criterion" and drill.spec.criterion == "reliability"
        assert drill.record.scenario_id == "rate-limiter"
        assert "counter store is unreachable" in _log(app.screen)  # a failure probe, nothing else


async def test_redo_on_an_improvement_item_asks_that_question_again(make_services, catalog, db_path) -> None:
    record = sample_record(catalog)
    with Store(db_path) as store:
        store.create_session(record)
        for event in sample_events():
            store.append_event(record.id, event)
        store.save_report(record.id, sample_report())
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _report_of_stored_session(pilot, app, record.id)
        assert "Say what happens when the counter store fails" in str(
            screen.query_one("#redo-0", Button).label
        )
        screen.query_one("#redo-0", Button).focus()  # below the report: tab to it, then Enter
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))
        drill = app.screen
        assert drill.session.record.kind == "redo"
        assert "The counter store is down. Do you let traffic through?" in _log(drill)
        drill.query_one(
            "#drill-answer", TextArea
        ).text = (
            "Fail open with a local fallback limit, because blocking every customer is worse than a burst."
        )
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: drill.session.finished)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen))
        assert [c.id for c in app.screen.report.criteria] == ["reliability"]
        assert app.screen.report.criteria[0].score >= 2


async def test_history_shows_the_next_practice_and_progress_per_criterion(
    make_services, stored_sessions
) -> None:
    from textual.widgets import DataTable

    from interview.tui.screens.history import HistoryScreen
    from interview.tui.screens.progress import ProgressScreen
    from interview.tui.widgets.score_plot import ScorePlot

    app = InterviewApp(services=make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: home_ready(app), what="the catalog")
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        nxt = str(app.screen.query_one("#next-practice", Static).render())
        assert (
            "Reliability and failure handling is your weakest criterion" in nxt
        )  # graded 1 in every stored report
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, ProgressScreen))
        screen = app.screen
        table = screen.query_one("#criteria", DataTable)
        reliability, requirements = table.get_row("reliability"), table.get_row("requirements")
        assert reliability[1] == "1 1 1 1" and reliability[4] == "→ steady"
        assert requirements[2] == "3"
        plot = screen.query_one("#criterion-plot", ScorePlot)
        assert [score for _, score in plot.series[0][1]] == [75.0] * 4  # requirements: grade 3, four sessions
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DrillScreen))
        assert app.screen.session.spec.criterion == "reliability"
