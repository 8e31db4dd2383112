"""Home: pick a scenario and the interviewer, see recent sessions, resume one in progress."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Select, Static

from interview.text.display import visible_all
from interview.tui.plain import cell, line, option_list
from interview.tui.services import format_ago, format_when, reflow
from interview.tui.widgets.report_text import verdict_label

if TYPE_CHECKING:
    from interview.catalog import Catalog, Entry, Scenario
    from interview.store import Store
    from interview.tui.app import InterviewApp


# Score and verdict first after the scenario: they are what a user looks for, and they
# stay on screen in 80 columns.
RECENT_COLUMNS = (
    ("Date", 16),
    ("Scenario", 26),
    ("Score", 5),
    ("Verdict", 21),  # or the status of an unfinished session, as in History
    ("Persona", 10),
    ("Model", 14),
)
SHORT_TERMINAL = 32  # rows; below this the choices are drawn one line high
NARROW_LIST = 130  # columns; below this the list drops the "Design a" every title starts with
MODEL_HINT = "Empty: offline. Or a litellm model, e.g. ollama_chat/llama3.1"


def list_title(title: str, narrow: bool) -> str:
    """A scenario's title as the list shows it: without a leading "Design a/an" when narrow,
    so the words that tell scenarios apart are not cut off (the brief shows the whole title)."""
    if not narrow:
        return title
    for prefix in ("Design an ", "Design a ", "Design "):
        if title.startswith(prefix) and len(title) > len(prefix):
            rest = title[len(prefix) :]
            return rest[0].upper() + rest[1:]
    return title


class ScenarioTable(DataTable[str]):
    """The scenario list; Enter starts the highlighted one."""

    BINDINGS = [Binding("enter", "select_cursor", "Start", key_display="⏎")]


def scenario_rows(catalog: Catalog) -> list[tuple[str, str, str, str, str]]:
    """The scenario list: (id, title, level, minutes, source), by title."""
    return [
        (sid, e.model.title, e.model.level, f"{e.model.minutes:g}", e.source)
        for sid, e in sorted(catalog.scenarios.items(), key=lambda kv: kv[1].model.title)
    ]


def _brief(entry: Entry[Scenario]) -> tuple[dict, str]:
    """The candidate-safe brief (never facts or reference figures) and its phase line."""
    from interview.catalog import PHASE_TITLES
    from interview.cli.catalog_cmds import scenario_brief

    brief = visible_all(scenario_brief(entry))  # shown: escape codes in a user file are not obeyed
    phases = " → ".join(f"{PHASE_TITLES[p['id']]} {p['minutes']:g}′" for p in brief["phases"])
    return brief, phases


def brief_text(entry: Entry[Scenario]) -> Text:
    """The brief as styled text (Home)."""
    brief, phases = _brief(entry)
    return Text.assemble(
        (brief["title"], "bold"),
        "\n\n",
        (brief["level"], "bold"),
        f" · {brief['minutes']:g} minutes · interviewer ",
        (brief["persona"], "bold"),
        f" · {brief['source']}\n\n",
        reflow(brief["prompt"]),  # the YAML's hard line breaks would leave ragged lines
        "\n\n",
        (phases, "dim"),
    )


def brief_markdown(entry: Entry[Scenario]) -> str:
    """The brief as Markdown (the Scenarios screen)."""
    brief, phases = _brief(entry)
    return (
        f"## {brief['title']}\n\n"
        f"**{brief['level']}** · {brief['minutes']:g} minutes · interviewer **{brief['persona']}** · "
        f"{brief['source']}\n\n{reflow(brief['prompt'])}\n\n{phases}\n"
    )


class HomeScreen(Screen[None]):
    """The first screen: scenarios, a brief, choices, recent sessions and a resume banner."""

    BINDINGS = [
        Binding("r", "resume", "Resume"),
        Binding("h", "history", "History"),
        Binding("s", "scenarios", "Scenarios"),
        Binding("n", "suggested", "Suggested"),
        Binding("d", "drill", "Drill"),
        Binding("q", "app.quit", "Quit", show=False),
    ]
    suggested: str | None = None
    _rows: list[tuple[str, str, str, str, str]] = []  # the list shown (from the index or catalog)
    _narrow = False
    _choices_ready = True  # False from compose to just after the first frame (see _mount_choices)
    _populate_waiting = False
    # -tiny hides recent sessions (History has them) so the brief and the choices fit.
    VERTICAL_BREAKPOINTS = [(0, "-tiny"), (22, "-short"), (SHORT_TERMINAL, "-tall")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]

    @property
    def interview_app(self) -> InterviewApp:
        return self.app  # type: ignore[return-value]

    def _fit_height(self, rows: int) -> None:
        """In a short terminal the choices lose their borders, so the brief keeps some room."""
        short = rows < SHORT_TERMINAL
        for widget in self.query("#persona, #level, #model, #start"):
            widget.compact = short  # type: ignore[attr-defined]

    def on_resize(self, event: events.Resize) -> None:
        self._fit_height(event.size.height)
        if self._rows and (event.size.width < NARROW_LIST) != self._narrow:
            self._fill_scenarios(self._rows)  # titles follow the terminal's width

    def compose(self) -> ComposeResult:
        # Drawn before the catalog and the store are loaded (see InterviewApp.prepare): the
        # first frame must not wait for pydantic models or sqlite.
        yield Header()
        yield Static("", id="resume-banner", classes="banner -hidden")
        yield Static("", id="broken-note", classes="note -hidden")
        yield Static("", id="suggestion", classes="hint -hidden")
        with Horizontal(id="home-main"):
            table = ScenarioTable(id="scenario-table", cursor_type="row", zebra_stripes=True)
            table.border_title = "Scenarios"
            yield table
            with Vertical(id="brief-pane"):
                with VerticalScroll(id="brief-scroll"):
                    # Plain text, not Markdown: keeps markdown-it out of the first frame's imports.
                    yield Static("Loading scenarios…", id="brief")
                with Horizontal(id="choices"):
                    if self.interview_app.prepared:  # else mounted just after the first frame
                        yield from self._choices()
                with Horizontal(id="model-row"):
                    if self.interview_app.prepared:
                        yield from self._model_row()
                yield Static(MODEL_HINT, id="model-hint")  # whole at every width (it wraps)
        recent: DataTable[str] = DataTable(id="recent", cursor_type="row")
        recent.border_title = "Recent sessions"
        yield recent
        yield Footer()

    populated = False
    """Scenarios, choices and sessions are on screen (the choices mount after the first frame)."""

    def on_mount(self) -> None:
        self.title = "interview"
        self.sub_title = "practise system design"
        table = self.query_one("#scenario-table", DataTable)
        table.add_columns("Title", "Level", "Min", "Source")
        recent = self.query_one("#recent", DataTable)
        for label, width in RECENT_COLUMNS:
            recent.add_column(label, width=width)
        table.focus()
        if self.interview_app.prepared:
            self.populate()
        else:  # the list from the index of the last load, if no catalog file changed since
            self._choices_ready = False
            self.call_after_refresh(self._mount_choices)
            from interview.tui.scenario_index import load_rows

            self._fill_scenarios(load_rows(self.interview_app.services.scenario_dirs) or [])

    def _fill_scenarios(self, rows: list[tuple[str, str, str, str, str]]) -> None:
        """Fill the scenario list, keeping the highlighted scenario highlighted."""
        table = self.query_one("#scenario-table", DataTable)
        keep = self._highlighted_id()
        table.clear()
        self._rows = rows
        self._narrow = self.app.size.width < NARROW_LIST
        for sid, title, level, minutes, source in rows:
            table.add_row(line(list_title(title, self._narrow)), level, minutes, source, key=sid)
        ids = [row[0] for row in rows]
        if keep in ids:
            table.move_cursor(row=ids.index(keep))

    def populate(self) -> None:
        """Fill in scenarios, choices and sessions once the catalog is loaded."""
        from interview.catalog import LEVELS

        if not self._choices_ready:  # the catalog came before the choices were mounted
            self._populate_waiting = True
            return
        app = self.interview_app
        catalog: Catalog = app.catalog
        options = app.start_options
        persona = self.query_one("#persona", Select)
        people = sorted(catalog.personas.items())
        persona.set_options(option_list((f"{e.model.name} ({pid})", pid) for pid, e in people))
        if options.persona in catalog.personas:
            persona.value = options.persona
        level = self.query_one("#level", Select)
        level.set_options([(name, name) for name in LEVELS])
        if options.level in LEVELS:
            level.value = options.level
        model = self.query_one("#model", Input)
        if not model.value and options.model:
            model.value = options.model
        self._fill_scenarios(scenario_rows(catalog))
        shown = catalog.scenarios.get(self._highlighted_id() or "")
        if shown is not None:
            self.query_one("#brief", Static).update(brief_text(shown))
        broken = [p for p, kind in catalog.broken_kinds.items() if kind == "scenarios"]
        if broken:
            note = self.query_one("#broken-note", Static)
            note.update(f"{len(broken)} scenario file(s) have errors and were skipped — press s to see them.")
            note.remove_class("-hidden")
        if not catalog.scenarios:
            self.query_one("#brief", Static).update("No scenarios found. Add YAML files, then restart.")
        self.refresh_sessions()
        self.populated = True

    def _choices(self) -> ComposeResult:
        yield Select([], prompt="Persona: default", id="persona")
        yield Select([], prompt="Level: default", id="level")

    def _model_row(self) -> ComposeResult:
        yield Label("Model", id="model-label")
        yield Input(value=self.interview_app.start_options.model or "", placeholder="offline", id="model")
        yield Button("Start ⏎", variant="primary", id="start")

    async def _mount_choices(self) -> None:
        """The persona/level/model choices, after the first frame: Select and Input are the
        costliest widgets to set up (~0.1 s), and the list must not wait for them."""
        await self.query_one("#choices").mount_all(list(self._choices()))
        await self.query_one("#model-row").mount_all(list(self._model_row()))
        if not self.is_attached or not self.query("#model"):
            return  # the app was closed while these mounted (quit right after launch)
        self._fit_height(self.app.size.height)
        self._choices_ready = True
        if self._populate_waiting:
            self.populate()

    def on_screen_resume(self) -> None:
        self._fit_height(self.app.size.height)  # the terminal may have been resized meanwhile
        self.refresh_sessions()

    def refresh_sessions(self) -> None:
        """Reload recent sessions and the resume banner from the store."""
        if not self.interview_app.prepared:
            return
        recent = self.query_one("#recent", DataTable)
        recent.clear()
        store = self.interview_app.open_store()
        if store is None:
            return
        tz = self.interview_app.services.tz
        for s in store.list_sessions(limit=8):
            score = f"{s.overall:.0f}" if s.overall is not None else "—"
            recent.add_row(
                format_when(s.started_at, tz),
                line(s.scenario_title if s.kind == "interview" else f"drill · {s.scenario_title}"),
                score,
                cell(verdict_label(s.verdict) if s.status == "completed" else s.status.replace("_", " ")),
                line(s.persona_id),
                line(s.model),
                key=s.id,
            )
        self._suggest(store)
        banner = self.query_one("#resume-banner", Static)
        waiting = store.in_progress()
        if waiting:
            latest = waiting[0]
            minutes = latest.elapsed_s / 60
            ago = format_ago(latest.started_at, self.interview_app.services.now())
            if len(waiting) > 1:  # r asks which one (screens/pick_session.py)
                text = (
                    f"▶ {len(waiting)} sessions are in progress; the newest: {latest.scenario_title} "
                    f"({minutes:.0f} min in, started {ago}). Press r to pick one."
                )
            else:
                kind = "A drill" if latest.kind != "interview" else "An interview"
                text = (
                    f"▶ {kind} is in progress: {latest.scenario_title} "
                    f"({minutes:.0f} min in, started {ago}). Press r to resume."
                )
            banner.update(line(text))
            banner.remove_class("-hidden")
        else:
            banner.add_class("-hidden")

    def _suggest(self, store: Store) -> None:
        """Name the scenario to practise next: one never tried, else the weakest last score."""
        from interview.catalog.browse import suggest

        catalog = self.interview_app.catalog
        last: dict[str, float | None] = {}
        for s in store.list_sessions(limit=10_000):  # newest first: the first seen is the latest
            if s.scenario_id not in last or (last[s.scenario_id] is None and s.overall is not None):
                last[s.scenario_id] = s.overall
        order = [row[0] for row in scenario_rows(catalog)]
        pick = suggest(order, last)
        note = self.query_one("#suggestion", Static)
        if pick is None or not last:  # a first-time user needs no nudge: the whole list is new
            self.suggested = None
            note.add_class("-hidden")
            return
        self.suggested = pick.scenario_id
        title = catalog.scenarios[pick.scenario_id].model.title
        note.update(line(f"Suggested next: {title} ({pick.reason}). Press n to go to it."))
        note.remove_class("-hidden")

    def action_suggested(self) -> None:
        """Highlight the suggested scenario in the list."""
        table = self.query_one("#scenario-table", DataTable)
        ids = [str(key.value) for key in table.rows]
        if self.suggested in ids:
            table.move_cursor(row=ids.index(self.suggested))
            table.focus()

    def _highlighted_id(self) -> str | None:
        table = self.query_one("#scenario-table", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id != "scenario-table" or event.row_key.value is None:
            return
        if not self.interview_app.prepared:
            return  # listed from the index; the brief follows once the catalog is loaded
        entry = self.interview_app.catalog.scenarios.get(event.row_key.value)
        if entry is not None:
            self.query_one("#brief", Static).update(brief_text(entry))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "scenario-table":
            self.action_start()
        elif event.data_table.id == "recent" and event.row_key.value:
            self.interview_app.open_session(event.row_key.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "model":
            self.action_start()

    def action_start(self) -> None:
        """Start the highlighted scenario with the chosen persona, level and model."""
        focused = self.focused
        if focused is not None and focused.id == "recent":
            return  # Enter on a recent session opens it (handled by RowSelected)
        scenario_id = self._highlighted_id()
        if scenario_id is None:
            self.notify("There is no scenario to start.", severity="warning")
            return
        persona = self.query_one("#persona", Select).value
        level = self.query_one("#level", Select).value
        model = self.query_one("#model", Input).value.strip() or None
        self.interview_app.start_interview(
            scenario_id,
            persona=persona if isinstance(persona, str) else None,
            level=level if isinstance(level, str) else None,
            model=model,
        )

    def action_resume(self) -> None:
        self.interview_app.resume_interview(None)

    def action_history(self) -> None:
        self.interview_app.open_history()

    def action_scenarios(self) -> None:
        self.interview_app.open_scenarios()

    def action_drill(self) -> None:
        """Pick a drill (the suggested one first) and start it."""
        if not self.interview_app.prepared:
            return
        from interview.tui.screens.drill import DrillPickScreen, drill_choices, start_choice

        choices = drill_choices(self.interview_app, self._highlighted_id())
        self.app.push_screen(
            DrillPickScreen(choices), lambda choice: start_choice(self.interview_app, choice)
        )
