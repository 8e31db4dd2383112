"""First use: a picker when several interviews are in progress, and `q` quits only outside text boxes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, TextArea

from interview.catalog import Catalog
from interview.store import Store
from interview.tui.app import InterviewApp
from interview.tui.screens.home import HomeScreen
from interview.tui.screens.interview import InterviewScreen
from interview.tui.screens.pick_session import PickSessionScreen
from interview.tui.services import StartOptions
from interview.tui.widgets.conversation import Conversation, Turn
from tests.tui.conftest import FIXED_NOW, sample_events, sample_record
from tests.tui.helpers import home_ready, screen_lines, type_text, wait_for


def _in_progress(catalog: Catalog, db_path: Path) -> list[str]:
    """Two interviews left in progress: rate-limiter (older) and url-mini (newer)."""
    ids = []
    with Store(db_path) as store:
        for scenario_id, days_ago in (("rate-limiter", 3), ("url-mini", 1)):
            record = sample_record(
                catalog, scenario_id, days_ago=days_ago, status="in_progress", ended_at=None, elapsed_s=300.0
            )
            store.create_session(record)
            for event in sample_events()[:3]:
                store.append_event(record.id, event)
            ids.append(record.id)
    return ids


async def test_resume_asks_which_interview_when_several_are_in_progress(
    make_services, catalog: Catalog, db_path: Path
) -> None:
    older, newer = _in_progress(catalog, db_path)
    app = InterviewApp(StartOptions("resume"), make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, PickSessionScreen) and app.screen.query(OptionList),
            what="picker",
        )
        listed = app.screen.query_one(OptionList)
        assert [listed.get_option_at_index(i).id for i in range(listed.option_count)] == [newer, older]
        shown = str(listed.get_option_at_index(1).prompt)
        assert "Design a rate limiter" in shown and FIXED_NOW.strftime("%Y") in shown
        await pilot.press("down", "enter")  # the older one, not the newest
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen), what="the interview")
        assert app.screen.session.record.id == older


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_home_banner_counts_the_interviews_in_progress_and_r_picks(
    make_services, catalog: Catalog, db_path: Path, size: tuple[int, int]
) -> None:
    older, _newer = _in_progress(catalog, db_path)
    app = InterviewApp(StartOptions("home"), make_services())
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: home_ready(app), what="the catalog")
        await pilot.pause()
        banner = " ".join(" ".join(screen_lines(pilot)).split())
        assert "2 sessions are in progress" in banner and "Press r to pick one" in banner
        await pilot.press("r")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, PickSessionScreen) and app.screen.query(OptionList),
            what="picker",
        )
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen), what="the interview")
        assert app.screen.session.record.id == older


async def test_escape_in_the_picker_resumes_nothing(make_services, catalog: Catalog, db_path: Path) -> None:
    _in_progress(catalog, db_path)
    app = InterviewApp(StartOptions("home"), make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: home_ready(app), what="the catalog")
        await pilot.press("r")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, PickSessionScreen) and app.screen.query(OptionList),
            what="picker",
        )
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home again")


async def test_q_types_in_the_answer_box_and_quits_from_outside_it(make_services, db_path: Path) -> None:
    app = InterviewApp(StartOptions("practice", scenario_id="rate-limiter"), make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(
            pilot, lambda: isinstance(app.screen, InterviewScreen) and app.screen.query(Conversation)
        )
        screen = app.screen
        await wait_for(pilot, lambda: not screen.speaking and len(screen.query(Turn)) >= 1, what="opening")
        await type_text(pilot, "quorum")
        assert screen.query_one("#answer", TextArea).text == "quorum"  # q is a letter in a text box
        assert app.is_running
        await pilot.press("escape", "q")  # outside the box, q quits (and keeps the draft)
        await wait_for(pilot, lambda: not app.is_running, what="the app to quit")
        session_id = screen.session.record.id
    with Store(db_path) as store:
        assert store.get_session(session_id).status == "in_progress"


async def test_a_theme_chosen_in_the_app_is_saved_in_config_and_used_next_time(
    make_services, isolated_home: Path
) -> None:
    config = isolated_home / "config" / "interview" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('# my settings\nlevel = "staff"\ntheme = "gruvbox"\n', encoding="utf-8")
    app = InterviewApp(StartOptions("home", resolve_settings=True), make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: home_ready(app), what="settings")
        assert app.theme == "gruvbox"
        app.theme = "nord"  # what picking it in the command palette does
        await pilot.pause()
    text = config.read_text(encoding="utf-8")
    assert text == '# my settings\nlevel = "staff"\ntheme = "nord"\n'  # the rest kept as written
    assert config.stat().st_mode & 0o777 == 0o600  # written private, like every file of ours

    again = InterviewApp(StartOptions("home", resolve_settings=True), make_services())
    async with again.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: home_ready(again), what="settings")
        assert again.theme == "nord"
