"""The report of one session (scored in a thread worker when needed) and its transcript."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, LoadingIndicator, Markdown, Static, TabbedContent, TabPane

from interview.text.display import SHOWN_CHARS, clipped, visible, visible_line
from interview.tui.plain import line
from interview.tui.services import is_offline
from interview.tui.widgets.report_text import found_heading, report_markdown, transcript_markdown

if TYPE_CHECKING:
    from interview.engine.records import Event, SessionRecord
    from interview.scoring.report import Report
    from interview.tui.app import InterviewApp


class ReportScreen(Screen[None]):
    """Verdict, bars, evidence, estimates, improvements, time and whiteboard; transcript by phase."""

    BINDINGS = [
        Binding("escape,b", "back", "Back"),
        Binding("h", "history", "History"),
        Binding("n", "home", "Home"),
        Binding("t", "toggle_tab", "Report/Transcript"),
        Binding("r", "resume", "Resume"),  # only for a session still in progress
        Binding("d", "drill_weakest", "Drill weakest"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    @dataclass
    class Progress(Message):
        """The scorer says what it is doing."""

        text: str

    @dataclass
    class Scored(Message):
        """The report is ready (and saved)."""

        report: Report
        note: str | None = None

    @dataclass
    class ScoringFailed(Message):
        """Neither scorer produced a report."""

        error: str

    def __init__(
        self,
        record: SessionRecord,
        events: list[Event],
        report: Report | None = None,
        *,
        score: bool = True,
        turn: int | None = None,
    ) -> None:
        super().__init__()
        self.record = record
        self.events = events
        self.report = report
        self.should_score = score and report is None
        self.found_turn = turn  # a search hit's turn: the transcript opens there, highlighted

    @property
    def interview_app(self) -> InterviewApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        opening = "tab-transcript" if self.found_turn is not None else "tab-report"
        with TabbedContent(id="report-tabs", initial=opening):
            with TabPane("Report", id="tab-report"):
                with Vertical(id="scoring", classes="-hidden"):
                    yield LoadingIndicator()
                    yield Static("Scoring…", id="scoring-status")
                with VerticalScroll(id="report-scroll"):
                    yield Static("", id="report-note", classes="-hidden")
                    yield Markdown("", id="report-md")  # the grade first; what to practise after it
                    yield Vertical(id="drill-actions", classes="-hidden")
            with TabPane("Transcript", id="tab-transcript"):
                with VerticalScroll(id="transcript-scroll"):
                    yield Markdown(
                        visible(transcript_markdown(self._shown_events(), found=self.found_turn)),
                        id="transcript-md",
                    )
        yield Footer()

    def _shown_events(self) -> list[Event]:
        """The events with very long turns shortened for the screen (stored whole)."""
        return [
            e.model_copy(update={"text": clipped(e.text)}) if len(e.text) > SHOWN_CHARS else e
            for e in self.events
        ]

    def on_mount(self) -> None:
        self.sub_title = visible_line(f"{self.record.scenario_title} · report")
        shown = "#transcript-scroll" if self.found_turn is not None else "#report-scroll"
        self.query_one(shown).focus()  # ↑↓, PgUp/PgDn and Home/End scroll the shown tab
        if self.report is not None:
            self._show(self.report)
        elif self.should_score:
            self.query_one("#scoring").remove_class("-hidden")
            self._score()
        else:
            status = self.record.status.replace("_", " ")
            title = visible_line(self.record.scenario_title)
            self.query_one("#report-md", Markdown).update(
                f"# {title}\n\nThis session is **{status}** and has no report yet."
                + ("\n\nPress **r** to resume it." if self.record.status == "in_progress" else "")
            )

    def _show(self, report: Report) -> None:
        self.report = report
        self.query_one("#scoring").add_class("-hidden")
        self.query_one("#report-md", Markdown).update(visible(report_markdown(report, self.record)))
        self._drill_buttons(report)

    def _drill_buttons(self, report: Report) -> None:
        """ "Drill this" on the weakest criterion and a 5-minute redo of each improvement item."""
        from interview.tui.screens.drill import weakest_criterion

        actions = self.query_one("#drill-actions", Vertical)
        actions.remove_children()
        weakest = weakest_criterion(report)
        buttons = []
        if weakest is not None:
            buttons.append(Button(line(f"Drill this: {weakest.name} (d)"), id="drill-weakest", compact=True))
        for i, item in enumerate(report.feedback.improvements):
            buttons.append(Button(line(f"Redo: {item.title}"), id=f"redo-{i}", compact=True))
        if buttons:
            actions.mount(*buttons)
            actions.remove_class("-hidden")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        from interview.tui.screens.drill import redo_from_report

        button = event.button.id or ""
        if button == "drill-weakest":
            self.action_drill_weakest()
        elif button.startswith("redo-") and self.report is not None:
            redo_from_report(self.interview_app, self.record, self.report, int(button.split("-", 1)[1]))

    def action_drill_weakest(self) -> None:
        """A drill of this report's weakest criterion (estimation: the estimation drill)."""
        from interview.tui.screens.drill import drill_weakest

        if self.report is not None:
            drill_weakest(self.interview_app, self.record, self.report)

    @work(thread=True, exclusive=True, group="scoring", exit_on_error=False)
    def _score(self) -> None:
        """Score off the event loop (the judge may import litellm: ~2 s) and save the report."""
        model = None if is_offline(self.record.model) else self.record.model
        note = None
        who = f"the judge ({model})" if model else "the offline scorer"
        self.post_message(self.Progress(f"Scoring with {who}…"))
        try:
            from interview.scoring import score_session

            report = asyncio.run(
                score_session(self.record, self.events, model=model, api_base=self.record.api_base)
            )
        except Exception as exc:  # a broken judge must not cost the user their report
            if model:
                note = f"The judge failed ({type(exc).__name__}); scored offline instead."
            self.post_message(self.Progress("Scoring offline…"))
            try:
                from interview.scoring import score_offline

                report = score_offline(self.record, self.events)
            except Exception as inner:
                self.post_message(self.ScoringFailed(f"{type(inner).__name__}: {inner}"))
                return
        self.post_message(self.Progress("Saving the report…"))
        problem = self.interview_app.save_report_in_thread(self.record.id, report)
        if problem is not None:
            note = f"{note + ' ' if note else ''}The report could not be saved: {problem}"
        self.post_message(self.Scored(report, note))

    def on_report_screen_progress(self, message: Progress) -> None:
        self.query_one("#scoring-status", Static).update(line(message.text))  # may name the model

    def on_report_screen_scored(self, message: Scored) -> None:
        self._show(message.report)
        if message.note:  # on the report itself: a toast arriving now would cover the report
            note = self.query_one("#report-note", Static)
            note.update(line(f"⚠ {message.note}"))
            note.remove_class("-hidden")

    def on_report_screen_scoring_failed(self, message: ScoringFailed) -> None:
        self.query_one("#scoring").add_class("-hidden")
        self.query_one("#report-md", Markdown).update(
            f"# Scoring failed\n\n{visible(message.error)}\n\nThe transcript is saved (press t)."
        )

    def on_markdown_table_of_contents_updated(self, event: Markdown.TableOfContentsUpdated) -> None:
        """Once the transcript is laid out, scroll the found turn's heading to the top."""
        if event.markdown.id != "transcript-md" or self.found_turn is None:
            return
        wanted = found_heading(self.found_turn)
        for _level, title, header_id in event.table_of_contents:
            if title == wanted:
                self.call_after_refresh(self._scroll_to, header_id)

    def _scroll_to(self, header_id: str) -> None:
        heading = self.query_one(f"#{header_id}")
        self.query_one("#transcript-scroll", VerticalScroll).scroll_to_widget(
            heading, top=True, animate=False
        )

    def action_toggle_tab(self) -> None:
        tabs = self.query_one("#report-tabs", TabbedContent)
        tabs.active = "tab-transcript" if tabs.active == "tab-report" else "tab-report"

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """The shown tab's text takes the keys, so it scrolls without a click or Tab first."""
        scroll_id = "#transcript-scroll" if event.pane.id == "tab-transcript" else "#report-scroll"
        self.query_one(scroll_id).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.record.status == "in_progress"
        return True

    def action_resume(self) -> None:
        """Continue this very session (Home's r would take the latest one in progress)."""
        self.interview_app.resume_interview(self.record.id)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:  # opened from History (Home, History, this)
            self.app.pop_screen()
        else:
            self.interview_app.go_home()

    def action_history(self) -> None:
        self.interview_app.open_history()

    def action_home(self) -> None:
        self.interview_app.go_home()
