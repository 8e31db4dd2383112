"""Every key a footer offers does what the footer says, on every screen (issue 18).

One table row per key: the screen it is on, the label its footer shows, and what a user sees
happen when it is pressed. The footer label is read from the screen's active bindings, so a
renamed or hidden key fails here as surely as a key bound to the wrong action.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from interview.store import Store
from interview.tui.app import InterviewApp
from interview.tui.screens.confirm import ConfirmScreen
from interview.tui.screens.history import HistoryScreen
from interview.tui.screens.home import HomeScreen
from interview.tui.screens.interview import InterviewScreen
from interview.tui.screens.report import ReportScreen
from interview.tui.screens.scenarios import ScenariosScreen
from interview.tui.services import StartOptions
from tests.tui.conftest import sample_events, sample_record
from tests.tui.helpers import type_text, wait_for


def footer_label(app: InterviewApp, key: str) -> str | None:
    """The description the footer shows for `key` on the current screen (None if hidden)."""
    active = app.screen.active_bindings.get(key)
    if active is None or not active.binding.show:
        return None
    return active.binding.description


# --------------------------------------------------------------------------- the interview


async def interview_screen(app: InterviewApp, pilot: Pilot) -> InterviewScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen), what="interview screen")
    screen = app.screen
    assert isinstance(screen, InterviewScreen)
    await wait_for(pilot, lambda: not screen.speaking and screen.session.turns(), what="the opening")
    return screen


def candidate_texts(screen: InterviewScreen) -> list[str]:
    return [e.text for e in screen.session.events if e.role == "candidate"]


def last_move(screen: InterviewScreen) -> str | None:
    said = [e for e in screen.session.events if e.role == "interviewer"]
    return said[-1].data.get("move") if said else None


@dataclass
class Case:
    key: str
    label: str
    act: Callable[[InterviewApp, Pilot, InterviewScreen], Awaitable[None]]


async def sends(app: InterviewApp, pilot: Pilot, screen: InterviewScreen, key: str) -> None:
    await type_text(pilot, "What is the peak traffic?")
    turns = len(screen.session.turns())
    await pilot.press(key)
    await wait_for(pilot, lambda: not screen.speaking and len(screen.session.turns()) == turns + 2)
    assert candidate_texts(screen)[-1] == "What is the peak traffic?"
    assert screen.query_one("#answer", TextArea).text == ""


async def send_ctrl_s(app: InterviewApp, pilot: Pilot, screen: InterviewScreen) -> None:
    await sends(app, pilot, screen, "ctrl+s")


async def send_f5(app: InterviewApp, pilot: Pilot, screen: InterviewScreen) -> None:
    await sends(app, pilot, screen, "f5")


async def board(app: InterviewApp, pilot: Pilot, screen: InterviewScreen) -> None:
    whiteboard = screen.query_one("#whiteboard", TextArea)
    assert whiteboard.has_class("-hidden")
    await pilot.press("f2")
    assert not whiteboard.has_class("-hidden") and whiteboard.has_focus
    await pilot.press("f2")
    assert whiteboard.has_class("-hidden") and screen.query_one("#answer", TextArea).has_focus


async def next_phase(app: InterviewApp, pilot: Pilot, screen: InterviewScreen) -> None:
    before = screen.session.phase_id
    await pilot.press("f6")
    await wait_for(pilot, lambda: not screen.speaking and candidate_texts(screen)[-1:] == ["/next"])
    await wait_for(pilot, lambda: last_move(screen) not in (None, "opening"))
    assert screen.session.phase_id != before


async def hint(app: InterviewApp, pilot: Pilot, screen: InterviewScreen) -> None:
    before = screen.session.phase_id
    await pilot.press("f7")
    await wait_for(pilot, lambda: not screen.speaking and candidate_texts(screen)[-1:] == ["/hint"])
    await wait_for(pilot, lambda: last_move(screen) in ("hint", "hint_used"))
    assert screen.session.phase_id == before  # a hint, not a move to the next phase


async def pause(app: InterviewApp, pilot: Pilot, screen: InterviewScreen) -> None:
    await pilot.press("f8")
    assert screen.session.paused
    await pilot.press("f8")
    assert not screen.session.paused


async def end(app: InterviewApp, pilot: Pilot, screen: InterviewScreen) -> None:
    await pilot.press("f9")
    await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="the confirmation")
    await pilot.press("n")  # No: nothing ends
    await wait_for(pilot, lambda: app.screen is screen)
    assert not screen.session.finished
    await pilot.press("f9")
    await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
    await pilot.press("y")
    await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen), what="the report")
    assert screen.session.finished and candidate_texts(screen)[-1] == "/end"


INTERVIEW_KEYS = [
    Case("ctrl+s", "Send", send_ctrl_s),
    Case("f5", "Send", send_f5),
    Case("f2", "Board", board),
    Case("f6", "Next", next_phase),
    Case("f7", "Hint", hint),
    Case("f8", "Pause", pause),
    Case("f9", "End", end),
]


@pytest.mark.parametrize("case", INTERVIEW_KEYS, ids=lambda c: c.key)
async def test_interview_keys_do_what_the_footer_says(make_services, case: Case) -> None:
    app = InterviewApp(StartOptions("practice", scenario_id="rate-limiter"), make_services())
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await interview_screen(app, pilot)
        assert footer_label(app, case.key) == case.label
        await case.act(app, pilot, screen)


async def test_ctrl_q_quits_and_keeps_the_interview_resumable(make_services, db_path) -> None:
    app = InterviewApp(StartOptions("practice", scenario_id="rate-limiter"), make_services())
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await interview_screen(app, pilot)
        assert footer_label(app, "ctrl+q") == "Quit"
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    with Store(db_path) as store:
        record = store.get_session(screen.session.record.id)
        assert record.status == "in_progress"
        assert store.events(record.id)[-1].kind == "pause"


# --------------------------------------------------------------------------- home and the rest


def store_in_progress(catalog, db_path) -> str:  # noqa: ANN001
    record = sample_record(catalog, status="in_progress", ended_at=None)
    with Store(db_path) as store:
        store.create_session(record)
        for event in sample_events():
            store.append_event(record.id, event)
    return record.id


async def test_r_on_home_resumes_the_interview_in_progress(make_services, catalog, db_path) -> None:
    waiting = store_in_progress(catalog, db_path)
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(140, 45)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert footer_label(app, "r") == "Resume"
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen), what="the resumed interview")
        assert app.screen.session.record.id == waiting
        assert [e.text for e in app.screen.session.events if e.role == "candidate"][:1] == [
            "How many requests per second at peak?"
        ]


@pytest.mark.parametrize(
    ("key", "label", "opens"), [("h", "History", HistoryScreen), ("s", "Scenarios", ScenariosScreen)]
)
async def test_home_keys_open_what_the_footer_says(make_services, key: str, label: str, opens: type) -> None:
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(140, 45)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert footer_label(app, key) == label
        await pilot.press(key)
        await wait_for(pilot, lambda: isinstance(app.screen, opens), what=label)
        back = "escape"
        assert footer_label(app, back) in ("Back", "Clear/Back")
        await pilot.press(back)
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), what="home again")


async def open_report(app: InterviewApp, pilot: Pilot) -> ReportScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen))
    await pilot.press("h")
    await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen) and app.screen.query("#report-md"))
    return app.screen  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("key", "label", "lands_on"),
    [("h", "History", HistoryScreen), ("n", "Home", HomeScreen), ("b", "Back", HistoryScreen)],
)
async def test_report_keys_go_where_the_footer_says(
    make_services, stored_sessions, key: str, label: str, lands_on: type
) -> None:
    app = InterviewApp(services=make_services())
    async with app.run_test(size=(140, 45)) as pilot:
        await open_report(app, pilot)
        assert footer_label(app, "escape" if key == "b" else key) == label
        await pilot.press(key)
        await wait_for(pilot, lambda: isinstance(app.screen, lands_on), what=label)


async def test_t_on_the_report_switches_between_report_and_transcript(make_services, stored_sessions) -> None:
    from textual.widgets import TabbedContent

    app = InterviewApp(services=make_services())
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_report(app, pilot)
        assert footer_label(app, "t") == "Report/Transcript"
        tabs = screen.query_one(TabbedContent)
        first = tabs.active
        await pilot.press("t")
        await wait_for(pilot, lambda: tabs.active != first, what="the other tab")
        await pilot.press("t")
        await wait_for(pilot, lambda: tabs.active == first, what="back to the first tab")
