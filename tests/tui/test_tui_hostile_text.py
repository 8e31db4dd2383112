"""Hostile words in the app: markup in titles, models and queries is text; escape codes are shown."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from rich.text import Text
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, Markdown, Static, TextArea
from textual.widgets._toast import Toast

from interview.catalog import load_catalog
from interview.engine import factory
from interview.engine.voice import TurnContext
from interview.store import Store
from interview.tui.app import InterviewApp
from interview.tui.screens.history import HistoryScreen
from interview.tui.screens.home import HomeScreen
from interview.tui.screens.interview import InterviewScreen
from interview.tui.screens.report import ReportScreen
from interview.tui.services import StartOptions
from interview.tui.widgets.conversation import CandidateTurn, Conversation, Turn
from tests.tui.conftest import DATA, sample_events, sample_record, sample_report
from tests.tui.helpers import home_ready, wait_for

ESCAPES = "\x1b]0;PWNED\x07\x1b[2J\x1b]52;c;ZWNobyBwd25lZA==\x07"
SHOWN = "␛]0;PWNED␇␛[2J␛]52;c;ZWNobyBwd25lZA==␇"
TITLE = "Design a [/] limiter [bold]B[/bold]"


def _hostile_catalog(tmp_path: Path):
    """The fixture catalog plus a scenario whose title is markup and escape codes."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    source = (DATA / "scenarios" / "rate-limiter.yaml").read_text(encoding="utf-8")
    lines = [
        f'title: "{TITLE} \\e]0;PWNED\\a"' if line.startswith("title:") else
        "id: hostile" if line.startswith("id:") else line
        for line in source.splitlines()
    ]  # fmt: skip
    (folder / "hostile.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_catalog([folder])


def _screen_text(app: InterviewApp) -> str:
    svg = app.export_screenshot()
    assert "\x1b" not in svg and "\x07" not in svg  # nothing reaches the terminal raw
    return svg


class EscapingVoice:
    """A model voice whose reply is full of escape codes and markup (a hostile or broken model)."""

    name = "fake/[b]model[/b]"

    def available(self) -> bool:
        return True

    def pop_notice(self) -> str | None:
        return None

    async def speak(self, ctx: TurnContext) -> AsyncIterator[str]:
        for piece in ("Hello ", "\x1b]0;PW", "NED\x07 ", "[bold]x[/bold] [/]", " What next?"):
            yield piece


async def test_markup_title_and_escape_codes_in_a_live_interview(
    make_services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(factory, "model_voice_for", lambda model, api_base, timeout: EscapingVoice())
    services = make_services(catalog=_hostile_catalog(tmp_path))
    app = InterviewApp(StartOptions("practice", scenario_id="hostile", model="fake/[b]model[/b]"), services)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(
            pilot, lambda: isinstance(app.screen, InterviewScreen) and app.screen.query(Conversation)
        )
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        conversation = screen.query_one(Conversation)
        await wait_for(pilot, lambda: not screen.speaking and conversation.query(Turn), what="opening")
        title = str(screen.query_one("#interview-title", Static).render())
        assert TITLE in title and "␛]0;PWNED␇" in title and "fake/[b]model[/b]" in title
        assert TITLE in screen.sub_title and "␛]0;PWNED␇" in screen.sub_title
        opening = conversation.query(Turn).last().source  # the scenario's own text, never the model's
        assert "\x1b" not in opening

        screen.query_one("#answer", TextArea).text = f"my answer {ESCAPES} [/] [bold]y[/bold]"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not screen.speaking and len(conversation.query(Turn)) == 2)
        reply = conversation.query(Turn).last().source
        assert "␛]0;PWNED␇" in reply and "\x1b" not in reply and "[bold]x[/bold] [/]" in reply
        said = conversation.query(CandidateTurn).last().source
        assert said == f"my answer {SHOWN} [/] [bold]y[/bold]"
        shot = _screen_text(app)
        assert "PWNED" in shot
    stored = [e.text for e in screen.session.events if e.role == "candidate"]
    assert stored == [f"my answer {ESCAPES} [/] [bold]y[/bold]"]  # stored exactly as typed


async def test_session_with_a_markup_title_resumes_after_the_yaml_is_fixed(
    make_services, catalog, db_path: Path
) -> None:
    """The title is stored with the session: fixing the file must not leave it crashing."""
    record = sample_record(catalog, status="in_progress", ended_at=None, scenario_title=f"{TITLE} {ESCAPES}")
    record.scenario["title"] = f"{TITLE} {ESCAPES}"
    with Store(db_path) as store:
        store.create_session(record)
        for event in sample_events()[:3]:
            store.append_event(record.id, event)
    app = InterviewApp(StartOptions("home"), make_services())  # today's catalog: a clean title
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and home_ready(app))
        banner = str(app.screen.query_one("#resume-banner", Static).render())
        assert TITLE in banner and SHOWN in banner
        recent = app.screen.query_one("#recent", DataTable)
        assert TITLE in recent.get_row(record.id)[1].plain
        _screen_text(app)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen) and app.screen.query(Turn))
        screen = app.screen
        await wait_for(pilot, lambda: not screen.speaking)
        assert TITLE in str(screen.query_one("#interview-title", Static).render())
        _screen_text(app)


async def test_history_search_and_report_show_markup_as_text(make_services, catalog, db_path: Path) -> None:
    record = sample_record(catalog, scenario_title=f"{TITLE} {ESCAPES}", model="[b]m[/b] [/]")
    events = sample_events()
    events[1].text = f"How many requests {ESCAPES} [bold]peak[/bold] [/]?"
    report = sample_report()
    report.criteria[0].evidence[0].quote = f"quoted {ESCAPES} [/]"
    report.feedback.summary = f"summary {ESCAPES} [/]"
    with Store(db_path) as store:
        store.create_session(record)
        for event in events:
            store.append_event(record.id, event)
        store.save_report(record.id, report)
    app = InterviewApp(StartOptions("home"), make_services())
    async with app.run_test(size=(120, 40), notifications=True) as pilot:  # toasts quote the query
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and home_ready(app))
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        table = app.screen.query_one("#sessions", DataTable)
        row = table.get_row(record.id)
        assert TITLE in row[1].plain and "[b]m[/b] [/]" in row[-1].plain
        search = app.screen.query_one("#search", Input)
        for query in ("[/]", "[bold]peak", "[/bold] nothing", "PWNED"):  # markup in a query: shown as typed
            search.value = query
            await search.action_submit()
            await pilot.pause()
        assert isinstance(table.border_title, str) and "PWNED" in Text.from_markup(table.border_title).plain
        hit = table.get_row_at(0)[[str(c.label) for c in table.ordered_columns].index("Match")]
        assert "␛]0;[PWNED]␇␛[2J" in hit.plain  # shown as typed (cut to the column around the match)
        _screen_text(app)
        app.open_session(record.id)
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen))
        screen = app.screen
        await wait_for(
            pilot,
            lambda: (
                screen.query("#report-md") and "quoted" in screen.query_one("#report-md", Markdown).source
            ),
        )
        for widget_id in ("#report-md", "#transcript-md"):
            source = screen.query_one(widget_id, Markdown).source
            assert "\x1b" not in source and "␛]0;PWNED␇" in source
        assert TITLE in app.screen.sub_title
        _screen_text(app)


async def test_palette_lists_a_markup_title_without_crashing(make_services, tmp_path: Path) -> None:
    app = InterviewApp(StartOptions("home"), make_services(catalog=_hostile_catalog(tmp_path)))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and home_ready(app))
        table = app.screen.query_one("#scenario-table", DataTable)
        assert (
            "[/] limiter [bold]B[/bold]" in table.get_row("hostile")[0].plain
        )  # "Design a" dropped below 130 cols
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"Start")
        await pilot.pause(0.5)
        _screen_text(app)
        assert app.is_running


async def test_an_alias_bomb_in_a_user_folder_is_a_warning_and_quit_still_works(
    make_services, tmp_path: Path
) -> None:
    from tests.unit.test_yaml_alias_limits import alias_bomb

    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "bomb.yaml").write_text(alias_bomb(), encoding="utf-8")
    (folder / "self.yaml").write_text("id: self\ntitle: &t [x, *t]\n", encoding="utf-8")
    app = InterviewApp(StartOptions("home"), make_services(catalog=None, scenario_dirs=(folder,)))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and home_ready(app), what="catalog")
        note = str(app.screen.query_one("#broken-note", Static).render())
        assert note.startswith("2 scenario file(s) have errors")
        assert app.screen.query_one("#scenario-table", DataTable).row_count == 2  # the good ones
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_a_database_path_with_markup_is_reported_as_text(make_services, tmp_path: Path) -> None:
    (tmp_path / "db [").mkdir()
    blocker = tmp_path / "db [" / "] not-a-folder [bold]"  # the path reads "db [/] not-a-folder [bold]"
    blocker.write_text("a file where a folder should be")
    app = InterviewApp(StartOptions("home"), make_services(db_path=blocker / "h.db"))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen) and home_ready(app))
        await wait_for(pilot, lambda: bool(app._notifications), what="the database problem")
        [message] = [n.message for n in app._notifications]
        assert message.startswith("History is unavailable") and "db [/] not-a-folder [bold]" in message
        await wait_for(pilot, lambda: bool(app.screen.query(Toast)), what="the toast")
        shown = " ".join(str(toast.render()) for toast in app.screen.query(Toast))
        assert "db [/] not-a-folder [bold]" in shown  # as written, not read as markup
        _screen_text(app)
        assert app.is_running
