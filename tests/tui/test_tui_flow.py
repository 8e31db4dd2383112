"""The whole flow through the real app: pick, answer, next phase, end, report, history, reopen."""

from __future__ import annotations

from textual.widgets import DataTable, Markdown, TextArea

from interview.store import Store
from interview.tui.app import InterviewApp
from interview.tui.screens.history import HistoryScreen
from interview.tui.screens.interview import InterviewScreen
from interview.tui.screens.report import ReportScreen
from interview.tui.widgets.conversation import CandidateTurn, Conversation, Turn
from interview.tui.widgets.phase_stepper import PhaseStepper
from tests.tui.helpers import type_text, wait_for


async def test_pick_answer_next_end_report_history_reopen(make_services, db_path) -> None:
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        # Home lists the fixture scenarios sorted by title; the second is the rate limiter.
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen), what="interview screen")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.session.scenario.id == "rate-limiter"
        conversation = screen.query_one(Conversation)
        await wait_for(
            pilot, lambda: not screen.speaking and len(conversation.query(Turn)) == 1, what="opening"
        )
        assert conversation.query(Turn).first().source.strip()  # the interviewer greeted

        await type_text(pilot, "How many requests per second at peak?\nAnd what are the limits per plan?")
        await pilot.press("ctrl+s")
        await wait_for(
            pilot, lambda: not screen.speaking and len(conversation.query(Turn)) == 2, what="reply"
        )
        sent = conversation.query(CandidateTurn).first()
        assert sent.source == "How many requests per second at peak?\nAnd what are the limits per plan?"
        assert screen.query_one("#answer", TextArea).text == ""
        reply = conversation.query(Turn).last().source
        assert "1 million" in reply or "10 to 1,000" in reply  # the hidden fact, earned by asking

        await pilot.press("f6")
        await wait_for(
            pilot, lambda: screen.session.phase_index == 1 and not screen.speaking, what="next phase"
        )
        assert screen.query_one(PhaseStepper).current == 1

        await pilot.press("f9")
        await pilot.press("y")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen), what="report screen")
        report_screen = app.screen
        assert isinstance(report_screen, ReportScreen)
        await wait_for(pilot, lambda: report_screen.report is not None, timeout=30, what="scoring")
        shown = report_screen.query_one("#report-md", Markdown).source
        assert "Design a rate limiter:" in shown and "/100" in shown
        assert "## Criteria" in shown

        session_id = screen.session.record.id
        with Store(db_path) as store:
            assert store.get_session(session_id).status == "completed"
            assert store.latest_report(session_id) is not None
            answers = [e.text for e in store.events(session_id) if e.kind == "answer"]
            assert answers == ["How many requests per second at peak?\nAnd what are the limits per plan?"]

        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), what="history")
        table = app.screen.query_one("#sessions", DataTable)
        await wait_for(pilot, lambda: table.row_count == 1, what="history row")
        row = table.get_row_at(0)
        assert str(row[1]) == "Design a rate limiter" and row[2] != "—"
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: isinstance(app.screen, ReportScreen) and app.screen is not report_screen
        )
        reopened = app.screen
        assert isinstance(reopened, ReportScreen)
        assert reopened.report is not None
        assert reopened.query_one("#report-md", Markdown).source == shown
        transcript = reopened.query_one("#transcript-md", Markdown).source
        assert "## Requirements" in transcript and "And what are the limits per plan?" in transcript
