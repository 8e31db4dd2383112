"""History search: the matched word is on screen at 80 and 120 columns, and a hit opens the
transcript at its turn, numbered as the report's quotes number turns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Markdown, TabbedContent

from interview.catalog import Catalog
from interview.engine.records import Event
from interview.scoring import score_offline
from interview.store import Store
from interview.tui.app import InterviewApp
from interview.tui.screens.history import HistoryScreen, match_cell
from interview.tui.screens.report import ReportScreen
from interview.tui.widgets.report_text import transcript_markdown
from tests.tui.conftest import FIXED_NOW, sample_record
from tests.tui.helpers import screen_lines, type_text, wait_for

FILLER = (
    "We keep a counter per client key in the shared store and refill it on every request that "
    "arrives, checking the budget before we let the call through to the backend service."
)
FOUND_TURN = 25  # the candidate turn that mentions the word searched for


def long_events() -> list[Event]:
    """30 turns, one system event between phases; only turn 25 says 'zeppelin'."""
    events: list[Event] = []
    seq = 0
    for number in range(30):
        if number == 10:
            events.append(
                Event(seq=seq, role="system", kind="phase", phase="estimation", elapsed_s=600, at=FIXED_NOW)
            )
            seq += 1
        role = "interviewer" if number % 2 == 0 else "candidate"
        text = f"Question {number}: what happens next?" if role == "interviewer" else FILLER
        if number == FOUND_TURN:
            text = "Before that, the zeppelin cache in front of the counters absorbs the hot keys " + FILLER
        phase = "requirements" if number < 10 else "estimation"
        events.append(
            Event(
                seq=seq,
                role=role,  # type: ignore[arg-type]
                kind="say" if role == "interviewer" else "answer",
                phase=phase,
                elapsed_s=30.0 * number,
                text=text,
                at=FIXED_NOW,
            )
        )
        seq += 1
    return events


@pytest.fixture
def long_session(catalog: Catalog, db_path: Path) -> str:
    record = sample_record(catalog)
    with Store(db_path) as store:
        store.create_session(record)
        for event in long_events():
            store.append_event(record.id, event)
    return record.id


async def _search(pilot, app: InterviewApp, query: str) -> HistoryScreen:
    await pilot.press("h")
    await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
    screen = app.screen
    await pilot.press("slash")
    await type_text(pilot, query)
    await pilot.press("enter")
    table = screen.query_one("#sessions", DataTable)
    await wait_for(pilot, lambda: screen.searching and table.row_count == 1, what="one hit")
    await pilot.pause()
    return screen  # type: ignore[return-value]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_matched_word_and_its_context_are_on_screen(make_services, long_session, size) -> None:
    app = InterviewApp(services=make_services())
    async with app.run_test(size=size) as pilot:
        await _search(pilot, app, "zeppelin")
        rows = [row for row in screen_lines(pilot) if "[zeppelin]" in row]
        assert rows, "the matched word is not on screen"
        # Words either side of it are visible too (the match column used to start past column 75).
        assert re.search(r"\w+ \[zeppelin\] cache in front", rows[0])


def test_a_long_snippet_is_centred_on_its_first_match() -> None:
    snippet = "…" + "a lot of words that came before " * 4 + "the [zeppelin] cache " + "and after " * 10
    shown = match_cell(snippet, 40).plain
    assert len(shown) == 40
    assert "[zeppelin]" in shown and shown.startswith("…") and shown.endswith("…")
    assert match_cell("short [hit] here", 40).plain == "short [hit] here"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_search_hit_opens_the_transcript_at_its_turn(make_services, long_session, size) -> None:
    app = InterviewApp(services=make_services())
    async with app.run_test(size=size) as pilot:
        await _search(pilot, app, "zeppelin")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen))
        report = app.screen
        assert report.query_one("#report-tabs", TabbedContent).active == "tab-transcript"
        scroll = report.query_one("#transcript-scroll", VerticalScroll)
        await wait_for(pilot, lambda: scroll.scroll_y > 0, what="the transcript to scroll to the hit")
        await pilot.pause()
        shown = "\n".join(screen_lines(pilot))
        assert f"Found: turn {FOUND_TURN}" in shown  # the hit's turn is on screen, headed
        assert "zeppelin cache" in shown
        source = report.query_one("#transcript-md", Markdown).source
        assert source.count("Found: turn") == 1  # only the hit is highlighted


def test_transcript_turn_numbers_are_the_report_quotes_turn_numbers(catalog: Catalog) -> None:
    """A quote cited as "turn N" in the report is the turn the transcript numbers N."""
    record = sample_record(catalog, status="completed")
    events = long_events()
    report = score_offline(record, events)
    quotes = [q for c in report.criteria for q in c.evidence if q.turn >= 0]
    assert quotes, "the offline scorer quoted nothing"
    transcript = transcript_markdown(events)
    for quote in quotes:
        head = f"· turn {quote.turn}\n\n"
        assert head in transcript
        said = transcript.split(head, 1)[1].split("\n\n", 1)[0]
        assert quote.quote.strip("…").split()[0] in said


def test_only_the_match_is_highlighted_not_the_candidates_own_brackets() -> None:
    from interview.store.summaries import MATCH_CLOSE, MATCH_OPEN, SearchHit

    hit = SearchHit.model_construct(marked=f"[Client] -> [LB] -> {MATCH_OPEN}Redis{MATCH_CLOSE} cache")
    cell = match_cell(hit, 60)
    assert cell.plain == "[Client] -> [LB] -> [Redis] cache"
    bold = "".join(cell.plain[s.start : s.end] for s in cell.spans if "bold" in str(s.style))
    assert bold == "[Redis]"
