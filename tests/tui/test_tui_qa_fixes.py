"""What a user saw go wrong in a real terminal: ragged briefs, a cut-off clock, a report that
would not scroll from the keyboard, a dropped newline, raw ids in search hits."""

from __future__ import annotations

from textual.widgets import DataTable, Static, TextArea

from interview import paths
from interview.catalog import load_catalog
from interview.tui.app import InterviewApp
from interview.tui.screens.history import HistoryScreen
from interview.tui.screens.interview import InterviewScreen
from interview.tui.screens.report import ReportScreen
from interview.tui.services import StartOptions, reflow
from interview.tui.widgets.conversation import Conversation, Turn
from interview.tui.widgets.countdown import Countdown
from tests.tui.conftest import sample_events, sample_record, sample_report
from tests.tui.helpers import type_text, wait_for

WRAPPED = """\
id: aaa-wrapped
title: AAA A wrapped brief
minutes: 45
rubric: system-design
persona: principal
prompt: |
  A user gives the service a long URL and gets back a short link. Anyone who opens the short
  link is sent on to the original page.

  Start by asking me what you need to know.
phases:
  - id: requirements
    minutes: 45
"""


def test_reflow_joins_lines_inside_paragraphs_and_keeps_breaks_lists_and_diagrams() -> None:
    text = "One two\nthree.\n\nNext para\ngoes on.\n- item one\n  continued\n- item two\n\n    a -> b\n    b -> c\n"
    assert reflow(text) == (
        "One two three.\n\nNext para goes on.\n- item one continued\n- item two\n\n    a -> b\n    b -> c"
    )


async def test_home_brief_wraps_the_prompt_as_paragraphs(make_services) -> None:
    user_dir = paths.user_dir("scenarios")
    user_dir.mkdir(parents=True, exist_ok=True)
    (user_dir / "wrapped.yaml").write_text(WRAPPED, encoding="utf-8")
    app = InterviewApp(services=make_services(catalog=load_catalog()))
    async with app.run_test(size=(120, 40)) as pilot:
        brief = app.screen.query_one("#brief", Static)
        await wait_for(pilot, lambda: "AAA A wrapped brief" in str(brief.render()))
        shown = str(brief.render())
        assert "opens the short link is sent on" in shown  # no hard break mid-sentence
        assert "original page.\n\nStart by asking" in shown  # the paragraph break stays


async def test_paused_clock_keeps_the_interview_countdown_on_screen(make_services) -> None:
    app = InterviewApp(
        StartOptions("practice", scenario_id="rate-limiter"), make_services(cursor_blink=False)
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        screen = app.screen
        await wait_for(pilot, lambda: not screen.speaking and len(screen.query(Turn)) == 1)
        countdown = screen.query_one(Countdown)
        await pilot.press("f8")
        await wait_for(pilot, lambda: countdown.paused)
        await pilot.pause()
        text = countdown.render()
        assert "PAUSED" in text.plain and "Interview" in text.plain
        assert countdown.content_size.width >= text.cell_len  # nothing cut off at the right


async def test_ctrl_j_in_the_answer_box_is_a_new_line_not_a_lost_key(make_services) -> None:
    app = InterviewApp(
        StartOptions("practice", scenario_id="rate-limiter"), make_services(cursor_blink=False)
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        screen = app.screen
        await wait_for(pilot, lambda: not screen.speaking and len(screen.query(Turn)) == 1)
        await type_text(pilot, "Analytics?")
        await pilot.press("ctrl+j")
        await type_text(pilot, "How many?")
        assert screen.query_one("#answer", TextArea).text == "Analytics?\nHow many?"
        assert len(screen.query_one(Conversation).query(Turn)) == 1  # nothing was sent


async def test_report_and_transcript_scroll_from_the_keyboard(make_services, catalog) -> None:
    app = InterviewApp(services=make_services(cursor_blink=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(ReportScreen(sample_record(catalog), sample_events(), sample_report()))
        await wait_for(
            pilot, lambda: isinstance(app.screen, ReportScreen) and app.screen.query("#report-scroll")
        )
        scroll = app.screen.query_one("#report-scroll")
        await wait_for(pilot, lambda: scroll.max_scroll_y > 0)
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: scroll.scroll_y > 0, what="report scrolled by PgDn")
        await pilot.press("t")
        transcript = app.screen.query_one("#transcript-scroll")
        await wait_for(pilot, lambda: app.focused is transcript, what="transcript takes the keys")


async def test_search_hits_name_the_scenario_and_phase_as_elsewhere(make_services, stored_sessions) -> None:
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        screen = app.screen
        table = screen.query_one("#sessions", DataTable)
        await pilot.press("slash")
        await type_text(pilot, "token bucket")
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.searching and table.row_count > 0)
        row = dict(zip((str(c.label) for c in table.ordered_columns), table.get_row_at(0), strict=True))
        assert str(row["Scenario"]) == "Design a rate limiter"  # the title, as in the sessions table
        assert row["Phase"] in {"Requirements", "Estimation", "High-level design", "Deep dive", "Wrap-up"}


async def test_stepper_keeps_the_current_phase_visible_when_narrow() -> None:
    from textual.app import App, ComposeResult

    from interview.tui.widgets.phase_stepper import PhaseStepper

    phases = ["requirements", "estimation", "high_level_design", "deep_dive", "wrap_up"]

    class StepperApp(App[None]):
        def compose(self) -> ComposeResult:
            yield PhaseStepper(phases, 4)

    app = StepperApp()
    async with app.run_test(size=(58, 3)) as pilot:
        await pilot.pause()
        shown = app.query_one(PhaseStepper).render().plain
        assert "● Wrap-up" in shown and len(shown) <= 58
    app = StepperApp()
    async with app.run_test(size=(120, 3)) as pilot:
        await pilot.pause()
        assert "✓ Requirements" in app.query_one(PhaseStepper).render().plain  # room: every name


async def test_home_in_80x24_shows_the_brief_and_recent_scores(make_services, stored_sessions) -> None:
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        brief = screen.query_one("#brief-scroll")
        assert brief.region.height >= 6  # was squeezed to its border by three-line choices
        recent = screen.query_one("#recent", DataTable)
        labels = [str(c.label) for c in recent.columns.values()]
        assert labels[:4] == ["Date", "Scenario", "Score", "Verdict"]
        assert sum(c.get_render_width(recent) for c in list(recent.columns.values())[:4]) <= 78
        assert screen.query_one("#model").region.height >= 1


async def test_home_in_60x18_keeps_brief_and_start_on_screen(make_services, stored_sessions) -> None:
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#brief-scroll").region.height >= 4
        assert screen.query_one("#start").region.height >= 1
        assert not screen.query_one("#recent").display  # History lists them


class SlowFirstWordVoice:
    """A model that takes its time before the first word (as a local model does)."""

    name = "fake/slow-model"

    def __init__(self) -> None:
        import asyncio

        self.go = asyncio.Event()

    def available(self) -> bool:
        return True

    def pop_notice(self) -> str | None:
        return None

    async def speak(self, ctx):  # noqa: ANN001, ANN201 - the engine's voice protocol
        await self.go.wait()
        yield "Hello there. "
        yield "Where would you like to start?"


async def test_answer_box_says_the_interviewer_is_thinking_until_words_arrive(
    make_services, monkeypatch
) -> None:
    from interview.engine import factory

    voice = SlowFirstWordVoice()
    monkeypatch.setattr(factory, "model_voice_for", lambda model, api_base, timeout: voice)
    app = InterviewApp(
        StartOptions("practice", scenario_id="rate-limiter", model="fake/slow-model"), make_services()
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen) and app.screen.query("#answer"))
        answer = app.screen.query_one("#answer", TextArea)
        await wait_for(pilot, lambda: not app.screen.speaking, what="the opening (the scenario's own text)")
        answer.text = "How many requests a second?"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "thinking" in str(answer.border_title), what="thinking shown")
        voice.go.set()
        await wait_for(pilot, lambda: not app.screen.speaking)
        assert str(answer.border_title) == "Your answer"


async def test_starting_another_interview_sets_the_open_one_aside_resumable(make_services, db_path) -> None:
    from interview.store import Store
    from interview.tui.drafts import load_draft

    app = InterviewApp(
        StartOptions("practice", scenario_id="rate-limiter"), make_services(cursor_blink=False)
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        first = app.screen
        await wait_for(pilot, lambda: not first.speaking and len(first.query(Turn)) == 1)
        await type_text(pilot, "half an answer")
        first_id = first.session.record.id

        app.call_later(app.resume_interview, first_id)  # "Resume interview" from the palette
        await pilot.pause()
        assert app.screen is first
        assert "already open" in [n.message for n in app._notifications][-1]

        app.call_later(app.start_interview, "url-mini")  # "Start: …" from the palette, mid-interview
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, InterviewScreen) and app.screen is not first,
            what="the second interview",
        )
        live = [s for s in app.screen_stack if isinstance(s, InterviewScreen)]
        assert len(live) == 1 and live[0].session.scenario.id == "url-mini"  # one at a time
        assert first.session.paused  # its clock stopped when it was set aside
        assert load_draft(first_id) == "half an answer"
        with Store(db_path) as store:
            assert store.get_session(first_id).status == "in_progress"


async def test_history_in_80x24_shows_sessions_with_scores_and_the_plot(
    make_services, stored_sessions
) -> None:
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#sessions", DataTable)
        assert table.region.height >= 7  # was squeezed to nothing by a fixed-height plot
        assert screen.query_one("#plot").region.height >= 5
        labels = [str(c.label) for c in table.columns.values()]
        assert labels[:4] == ["Date", "Scenario", "Score", "Verdict"]
        assert table.get_row_at(0)[2] == "72"


async def test_plot_names_the_criterion_and_tells_same_day_sessions_apart(
    make_services, stored_sessions
) -> None:
    from datetime import UTC, datetime

    from textual.widgets import Select

    from interview.tui.widgets.score_plot import ScorePlot

    app = InterviewApp(services=make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        plot = app.screen.query_one("#plot", ScorePlot)
        app.screen.query_one("#criterion", Select).value = "requirements"
        await wait_for(pilot, lambda: len(plot.series) == 2)
        assert plot.series[1][0].startswith("Requirements and scoping")  # the name, not the id
        day = [(datetime(2026, 11, 22, h, 5, tzinfo=UTC), 50.0 + h) for h in (9, 13, 18)]
        plot.plot([("overall", day)])
        await pilot.pause()
        shown = plot.render().plain
        assert "2026-11-22 09:05" in shown and "2026-11-22 18:05" in shown


async def test_r_on_an_unfinished_sessions_page_resumes_that_session(make_services, catalog, db_path) -> None:
    from interview.store import Store

    older = sample_record(catalog, days_ago=3, status="in_progress", ended_at=None)
    newer = sample_record(catalog, "url-mini", days_ago=1, status="in_progress", ended_at=None)
    with Store(db_path) as store:
        for record in (older, newer):
            store.create_session(record)
            for event in sample_events():
                store.append_event(record.id, event)
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        table = app.screen.query_one("#sessions", DataTable)
        await wait_for(pilot, lambda: table.row_count == 2)
        await pilot.press("down", "enter")  # the older one (Home's r would take the newer)
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen) and app.screen.query("#report-md"))
        assert "Press **r** to resume it." in app.screen.query_one("#report-md").source
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen), what="resumed")
        assert app.screen.session.record.id == older.id


async def test_scenarios_footer_offers_start_and_enter_starts(make_services) -> None:
    from textual.widgets import Footer

    from interview.tui.screens.scenarios import ScenariosScreen

    app = InterviewApp(services=make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, ScenariosScreen))
        await pilot.pause()
        keys = {k.description for k in app.screen.query_one(Footer).query("FooterKey")}  # type: ignore[attr-defined]
        assert "Start" in keys
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
