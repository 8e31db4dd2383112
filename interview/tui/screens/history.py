"""Every past session: filter by scenario, full-text search, open one, and scores over time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from interview.store.summaries import MATCH_CLOSE, MATCH_OPEN, SearchHit, marked_from_brackets, snippet_parts
from interview.text.display import visible_line
from interview.tui.plain import cell, line, option_list
from interview.tui.services import format_when
from interview.tui.widgets.report_text import verdict_label
from interview.tui.widgets.score_plot import ScorePlot

if TYPE_CHECKING:
    from interview.store import Store
    from interview.tui.app import InterviewApp

# Score and verdict right after the scenario, so they stay on screen in 80 columns.
SESSION_COLUMNS = (
    ("Date", 16),
    ("Scenario", 26),
    ("Score", 5),
    ("Verdict", 21),
    ("Min", 4),
    ("Persona", 12),
    ("Model", 14),
)
SHORT_TERMINAL = 32  # rows; below this the controls are one line high and the plot smaller
HIT_FIXED = {"Date": 16, "Scenario": 24, "Phase": 17, "Who": 11}
MATCH_MIN = 40  # the match column is never narrower than this (it scrolls sideways instead)
TABLE_CHROME = 4  # the table's border (2) and its vertical scrollbar (2)


def hit_columns(width: int) -> list[tuple[str, int]]:
    """Search-hit columns for a `width`-column terminal; the match gets what is left on screen.

    Who said it and the date always come before the match; the scenario (from 120 columns)
    and the phase (from 150) too when there is room, else after it (scrolled to sideways).
    """
    before = ["Date"] + (["Scenario"] if width >= 120 else []) + (["Phase"] if width >= 150 else []) + ["Who"]
    after = [name for name in ("Scenario", "Phase") if name not in before]
    used = TABLE_CHROME + sum(HIT_FIXED[name] + 2 for name in before) + 2  # 1 cell padding each side
    match = max(MATCH_MIN, width - used)
    return [(n, HIT_FIXED[n]) for n in before] + [("Match", match)] + [(n, HIT_FIXED[n]) for n in after]


def match_cell(hit: SearchHit | str, width: int) -> Text:
    """The snippet as one line of `width` cells, centred on its first match, matches in [bold]."""
    parts = hit.parts() if isinstance(hit, SearchHit) else snippet_parts(marked_from_brackets(hit))
    # one character per cell: a match is shown as "[word]" (its markers stand for the brackets)
    flat = "".join(
        f"{MATCH_OPEN}{visible_line(p)}{MATCH_CLOSE}" if is_match else visible_line(p)
        for p, is_match in parts
    )
    total = len(flat)
    first = flat.find(MATCH_OPEN)
    if total > width and first >= 0:
        end = flat.find(MATCH_CLOSE, first) + 1 or total
        room = width - (end - first)  # context either side of the first match
        start = max(0, min(first - room // 2, total - width))
        flat = flat[start : start + width]
        if start > 0:
            flat = "…" + flat[1:]
        if start + width < total:
            flat = flat[:-1] + "…"
    text = Text()
    bold = False
    for ch in flat:
        if ch in (MATCH_OPEN, MATCH_CLOSE):
            bold = ch == MATCH_OPEN
            text.append("[" if bold else "]", style="bold reverse")
        else:
            text.append(ch, style="bold reverse" if bold else "")
    return text


class HistoryScreen(Screen[None]):
    """A table of sessions (or search hits), and a plot of one scenario's scores."""

    BINDINGS = [
        Binding("slash", "search", "Search"),
        Binding("f", "filter", "Filter"),
        Binding("p", "progress", "Progress"),
        Binding("d", "next_practice", "Do next"),
        Binding("escape", "clear_or_back", "Clear/Back"),
        Binding("b", "app.pop_screen", "Back", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_TERMINAL, "-tall")]

    def __init__(self) -> None:
        super().__init__()
        self.searching = False
        self._query = ""  # the search shown, laid out for `_hit_width` columns
        self._hit_width = 0
        self._row_scenarios: dict[str, str] = {}  # row key -> scenario id (for the plot)
        self.criteria_rubric: str | None = None  # whose criteria the plot's picker lists
        self._criterion_names: dict[str, str] = {}

    @property
    def interview_app(self) -> InterviewApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        catalog = self.interview_app.catalog
        yield Header()
        with Horizontal(id="history-controls"):
            yield Input(placeholder="/ search what was said (full text)", id="search")
            yield Select(
                option_list((e.model.title, sid) for sid, e in sorted(catalog.scenarios.items())),
                prompt="All scenarios",
                id="scenario-filter",
            )
            yield Select([], prompt="Plot: overall", id="criterion")
        table: DataTable[str] = DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        table.border_title = "Sessions"
        yield table
        with Vertical(id="plot-box") as box:
            box.border_title = "Score over time"
            yield ScorePlot(tz=self.interview_app.services.tz, id="plot")
        yield Static("", id="next-practice")
        yield Footer()

    def _fit_height(self, rows: int) -> None:
        """In a short terminal the controls lose their borders, so the table keeps its rows."""
        for widget in self.query("#search, #scenario-filter, #criterion"):
            widget.compact = rows < SHORT_TERMINAL  # type: ignore[attr-defined]

    def on_resize(self, event: events.Resize) -> None:
        self._fit_height(event.size.height)
        if self.searching and self._query and self._hit_width != event.size.width:
            self.show_search(self._query)  # the match column follows the terminal's width

    def on_mount(self) -> None:
        self.sub_title = "history"
        self.refresh_sessions()
        self.query_one("#sessions", DataTable).focus()

    def on_screen_resume(self) -> None:
        self._fit_height(self.app.size.height)  # the terminal may have been resized meanwhile
        if not self.searching:
            self.refresh_sessions()

    def _store(self) -> Store | None:
        return self.interview_app.open_store()

    def _scenario_filter(self) -> str | None:
        value = self.query_one("#scenario-filter", Select).value
        return value if isinstance(value, str) else None

    def refresh_sessions(self) -> None:
        """Fill the table with sessions (newest first), filtered by the chosen scenario."""
        self.searching = False
        table = self.query_one("#sessions", DataTable)
        table.clear(columns=True)
        for label, width in SESSION_COLUMNS:
            table.add_column(label, width=width)
        table.border_title = "Sessions"
        store = self._store()
        if store is None:
            return
        tz = self.interview_app.services.tz
        self._row_scenarios = {}
        for s in store.list_sessions(scenario=self._scenario_filter(), limit=500):
            self._row_scenarios[s.id] = s.scenario_id
            table.add_row(
                format_when(s.started_at, tz),
                line(s.scenario_title if s.kind == "interview" else f"drill · {s.scenario_title}"),
                f"{s.overall:.0f}" if s.overall is not None else "—",
                cell(verdict_label(s.verdict) if s.status == "completed" else s.status.replace("_", " ")),
                f"{s.elapsed_s / 60:.0f}",
                line(s.persona_id),
                line(s.model),
                key=s.id,
            )
        self.refresh_plot()
        self._next_practice()

    def _next_practice(self) -> None:
        """The next suggested practice (issue 17), from every criterion's recent grades."""
        from interview.tui.screens.progress import load_progress, next_practice_text

        self.progress = load_progress(self.interview_app)
        self.query_one("#next-practice", Static).update(line(next_practice_text(self.progress)))

    def action_progress(self) -> None:
        from interview.tui.screens.progress import ProgressScreen

        self.app.push_screen(ProgressScreen())

    def action_next_practice(self) -> None:
        from interview.tui.screens.progress import start_next

        start_next(self.interview_app, getattr(self, "progress", None))

    def show_search(self, query: str) -> None:
        """Fill the table with full-text hits; Enter opens the session."""
        from interview.catalog import PHASE_TITLES

        store = self._store()
        if store is None:
            return
        hits = store.search(query, limit=200)
        wanted = self._scenario_filter()
        table = self.query_one("#sessions", DataTable)
        table.clear(columns=True)
        self._hit_width = self.app.size.width
        columns = hit_columns(self._hit_width)
        for label, width in columns:
            table.add_column(label, width=width, key=label)
        match_width = dict(columns)["Match"]
        table.border_title = line(f"Search: {query}")  # a query like "[/]" is not markup
        self.searching = True
        self._query = query
        self._row_scenarios = {}
        tz = self.interview_app.services.tz
        seen: set[str] = set()
        for hit in hits:
            if wanted and hit.scenario_id != wanted:
                continue
            key = f"{hit.session_id}:{hit.seq}"
            if key in seen:
                continue
            seen.add(key)
            self._row_scenarios[key] = hit.scenario_id
            who = "You" if hit.role == "candidate" else hit.role.capitalize()
            entry = self.interview_app.catalog.scenarios.get(hit.scenario_id)
            values = {
                "Date": format_when(hit.started_at, tz),
                "Scenario": line(entry.model.title if entry else hit.scenario_id),  # as in the sessions table
                "Phase": cell(PHASE_TITLES.get(hit.phase or "", hit.phase or "—")),
                "Who": cell(who),
                "Match": match_cell(hit, match_width),  # plain text: `[…]` is not markup
            }
            table.add_row(*(values[label] for label, _ in columns), key=key)
        if not table.row_count:  # said where the result is, not in a toast over it
            table.border_title = line(f"Search: {query} · nothing said matches")

    def refresh_plot(self, scenario_id: str | None = None) -> None:
        """Plot the overall score (and the chosen criterion) of one scenario over time."""
        scenario_id = scenario_id or self._scenario_filter() or self._highlighted_scenario()
        plot = self.query_one("#plot", ScorePlot)
        box = self.query_one("#plot-box")
        store = self._store()
        if store is None or scenario_id is None:
            plot.plot([])
            return
        entry = self.interview_app.catalog.scenarios.get(scenario_id)
        box.border_title = line(f"Score over time · {entry.model.title if entry else scenario_id}")
        self._fill_criteria(entry.model.rubric if entry else None)
        series = [("overall", store.score_series(scenario_id))]
        criterion = self.query_one("#criterion", Select).value
        if isinstance(criterion, str):
            graded = store.score_series(scenario_id, criterion)  # grades 1-4, drawn as 25-100
            label = f"{self._criterion_names.get(criterion, criterion)} (grade 1-4 ×25)"
            series.append((label, [(when, grade * 25) for when, grade in graded]))
        plot.plot(series)

    def _fill_criteria(self, rubric_id: str | None) -> None:
        select = self.query_one("#criterion", Select)
        rubric = self.interview_app.catalog.rubrics.get(rubric_id or "")
        named = [(c.name, c.id) for c in rubric.model.criteria] if rubric else []
        self._criterion_names = {cid: name for name, cid in named}
        if self.criteria_rubric != rubric_id:
            select.set_options(option_list(named))
            self.criteria_rubric = rubric_id

    def _highlighted_scenario(self) -> str | None:
        table = self.query_one("#sessions", DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self._row_scenarios.get(str(row_key.value))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if not self._scenario_filter():
            self.refresh_plot()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if key:
            session_id, _, seq = key.partition(":")  # a search hit opens at its turn
            self.interview_app.open_session(session_id, int(seq) if seq else None)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "scenario-filter":
            query = self.query_one("#search", Input).value.strip()
            if self.searching and query:
                self.show_search(query)
            else:
                self.refresh_sessions()
        elif event.select.id == "criterion":
            self.refresh_plot()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        query = event.value.strip()
        if query:
            self.show_search(query)
        else:
            self.refresh_sessions()
        self.query_one("#sessions", DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_filter(self) -> None:
        self.query_one("#scenario-filter", Select).focus()

    def action_clear_or_back(self) -> None:
        search = self.query_one("#search", Input)
        if self.searching or search.value:
            search.value = ""
            self.refresh_sessions()
            self.query_one("#sessions", DataTable).focus()
        else:
            self.app.pop_screen()
