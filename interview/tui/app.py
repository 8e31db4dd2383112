"""The Textual app: screens for home, interview, report, history and scenarios.

Imports stay light so the first frame is fast: the engine, the store and the scorer are
imported when first needed, and litellm only in a thread worker once a model is chosen
(importing it costs ~2 s and would freeze the event loop).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen

from interview.text.display import visible, visible_line
from interview.tui.commands import ScenarioCommands
from interview.tui.hangup import HangUp
from interview.tui.services import Services, StartOptions, is_offline

if TYPE_CHECKING:
    from interview.catalog import Catalog
    from interview.engine.records import Event, SessionRecord
    from interview.scoring.report import Report
    from interview.store import Store


class InterviewApp(App[None]):
    """Practise system-design interviews: pick, answer, read the report, review history."""

    CSS_PATH = "app.tcss"
    TITLE = "interview"
    COMMANDS = App.COMMANDS | {ScenarioCommands}
    BINDINGS = [
        Binding("ctrl+c", "quit", "Quit", priority=True, show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),  # the one Quit every footer shows
    ]

    def __init__(self, start: StartOptions | None = None, services: Services | None = None) -> None:
        super().__init__()
        self.start_options = start or StartOptions()
        self.services = services or Services()
        self._catalog: Catalog | None = self.services.catalog
        self._catalog_lock = threading.Lock()
        self._store: Store | None = None
        self._store_error: str | None = None
        self.exit_message: str | None = None
        self.prepared = self._catalog is not None and not self.start_options.resolve_settings
        self.warming = False
        self.hang_up_guard: HangUp | None = None  # set by run_app: SIGHUP/SIGTERM save and exit
        self._config_theme: str | None = None  # read by `prepare`; applied on the UI thread
        self._save_theme = False  # on once the configured theme is applied: later changes are the user's

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast is plain text: messages quote titles, paths, queries and model errors,
        so they are never read as markup and their control characters are shown, not obeyed."""
        super().notify(
            visible(message), title=visible_line(title), severity=severity, timeout=timeout, markup=False
        )

    # ------------------------------------------------------------------ shared resources

    @property
    def catalog(self) -> Catalog:
        """The catalog, loaded on first use (broken files become located problems)."""
        with self._catalog_lock:  # the startup worker and the UI thread may both ask first
            if self._catalog is None:
                from interview.catalog import load_catalog

                self._catalog = load_catalog(self.services.scenario_dirs)
            return self._catalog

    def open_store(self, notify: bool = True) -> Store | None:
        """The UI thread's store; None (with one notification) when the database is unusable."""
        if self._store is None and self._store_error is None:
            from interview.store import Store, StoreError

            try:
                self._store = Store(self.services.db_path)
            except StoreError as exc:
                self._store_error = str(exc)
                if notify:
                    self.notify(f"History is unavailable: {exc}", severity="error", timeout=10)
        return self._store

    def save_report_in_thread(self, session_id: str, report: Report) -> str | None:
        """Save a report from a worker thread with its own connection; the error text, if any.

        A locked database is tried again (three times, each waiting the lock timeout); the report
        stays on screen either way, and a session without one is graded again when opened.
        """
        import time

        from interview.store import Store, StoreError

        for attempt in range(3):
            try:
                with Store(self.services.db_path) as store:
                    store.save_report(session_id, report)
                return None
            except StoreError as exc:
                if not exc.locked or attempt == 2:
                    return str(exc)
                time.sleep(0.5)
            except LookupError as exc:
                return str(exc)
        return None

    # ------------------------------------------------------------------ lifecycle

    class Prepared(Message):
        """The catalog (and settings) are loaded; screens can fill themselves in."""

        def __init__(self, problem: str | None) -> None:
            super().__init__()
            self.problem = problem

    @work(thread=True, exclusive=True, group="startup", exit_on_error=False)
    def prepare(self) -> None:
        """After the first frame: load the catalog, read settings, import the store (~0.4 s)."""
        problem = None
        try:
            if self.start_options.resolve_settings:
                problem = self._resolve_settings()
            else:
                self._read_theme()
            self._load_catalog_and_index()
            import interview.store  # noqa: F401 - imported here, off the event loop
        except Exception as exc:  # shown, never a crash: the app can still browse history
            problem = f"{type(exc).__name__}: {exc}"
        self.post_message(self.Prepared(problem))

    def _load_catalog_and_index(self) -> None:
        """Load the catalog; keep Home's rows in the index for the next start's first frame."""
        from interview.tui.scenario_index import fingerprint, save_rows
        from interview.tui.screens.home import scenario_rows

        seen = fingerprint(self.services.scenario_dirs)  # before loading: a change meanwhile misses
        catalog = self.catalog
        if self.services.catalog is None:  # an injected (test) catalog is not from these files
            save_rows(scenario_rows(catalog), seen)

    def _resolve_settings(self) -> str | None:
        from interview.config import ConfigError, resolve

        try:
            settings = resolve()
        except ConfigError as exc:
            return f"{exc}; using the defaults"
        options = self.start_options
        options.persona = options.persona or settings.persona
        options.level = options.level or settings.level
        options.model = options.model or settings.model
        options.api_base = options.api_base or settings.api_base
        options.timeout = settings.timeout
        options.voice_options = settings.voice_options()
        self._config_theme = settings.theme
        return None

    def _read_theme(self) -> None:
        from interview.config import ConfigError, read_config_file

        try:
            self._config_theme = read_config_file().get("theme")
        except ConfigError:
            pass  # the settings problem is reported where settings are used

    def watch_theme(self, theme: str) -> None:
        """A theme chosen in the app (command palette) is kept in config.toml for next time."""
        if not self._save_theme or theme == self._config_theme:
            return
        from interview.config import ConfigError, save_setting

        try:
            save_setting("theme", theme)
            self._config_theme = theme
        except ConfigError as exc:
            self.notify(f"Theme not saved: {exc}", severity="warning", timeout=6)

    def on_interview_app_prepared(self, message: Prepared) -> None:
        from interview.tui.screens.home import HomeScreen

        self.prepared = True
        if self._config_theme in self.available_themes:
            self.theme = self._config_theme  # type: ignore[assignment]
        self._save_theme = True
        if message.problem:
            self.notify(message.problem, severity="error", timeout=10)
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.populate()

    def get_default_screen(self) -> Screen:
        """Home is the base screen (no blank default screen drawn first)."""
        from interview.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        if not self.prepared:
            self.call_after_refresh(self.prepare)
        else:
            self._save_theme = True
        options = self.start_options
        if options.mode == "practice" and options.scenario_id:
            self.call_after_refresh(self.start_interview, options.scenario_id)
        elif options.mode == "resume":
            self.call_after_refresh(self.resume_interview, options.session_id)
        elif options.mode == "drill" and options.drill:
            self.call_after_refresh(self.start_drill, dict(options.drill), options.scenario_id)

    def on_load(self) -> None:
        """The loop runs: a hang-up that came during startup is acted on now (see tui/hangup.py)."""
        if self.hang_up_guard is not None:
            import asyncio

            self.hang_up_guard.attach(asyncio.get_running_loop())

    def _hang_up(self) -> None:
        self.save_interviews()
        self.exit()

    def save_interviews(self) -> None:
        """Keep every open interview resumable: draft, whiteboard, clock paused."""
        module = sys.modules.get("interview.tui.screens.interview")
        if module is None:  # never imported: no interview is open (and importing it takes time)
            return
        InterviewScreen = module.InterviewScreen  # noqa: N806

        for screen in self.screen_stack:
            if isinstance(screen, InterviewScreen):
                try:
                    screen.save_for_later()
                except Exception as exc:  # never block quitting; say what was not saved
                    self.exit_message = f"could not save the interview: {exc}"

    async def action_quit(self) -> None:
        self.save_interviews()
        self.exit()

    def on_unmount(self) -> None:
        self.save_interviews()
        if self._store is not None:
            self._store.close()

    # ------------------------------------------------------------------ navigation

    def go_home(self) -> None:
        """Back to the home screen (the bottom of the stack); an interview left is kept resumable."""
        self.save_interviews()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        home = self.screen_stack[-1]
        if hasattr(home, "refresh_sessions"):
            home.refresh_sessions()

    def open_history(self) -> None:
        from interview.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen())

    def open_scenarios(self) -> None:
        from interview.tui.screens.scenarios import ScenariosScreen

        self.push_screen(ScenariosScreen())

    def open_session(self, session_id: str, seq: int | None = None) -> None:
        """Show one past session: its report (scored now if it never was) and transcript.

        With `seq` (a search hit's event), the transcript opens at that turn, highlighted.
        """
        from interview.tui.screens.report import ReportScreen

        store = self.open_store()
        if store is None:
            return
        try:
            record = store.get_session(session_id)
            events = store.events(record.id)
            report = store.latest_report(record.id)
        except LookupError as exc:
            self.notify(str(exc), severity="error")
            return
        turns = [e.seq for e in events if e.is_turn]
        turn = turns.index(seq) if seq in turns else None
        self.push_screen(ReportScreen(record, events, report, score=record.status == "completed", turn=turn))

    def show_report(self, record: SessionRecord, events: list[Event]) -> None:
        """The interview is over: replace it with its report, scored in a worker."""
        from interview.tui.screens.report import ReportScreen

        self.switch_screen(ReportScreen(record, events))

    # ------------------------------------------------------------------ interviews

    def _session_kwargs(self, model: str | None, *, resuming: bool = False) -> dict[str, Any]:
        options = self.start_options
        kwargs: dict[str, Any] = {
            "model": "offline" if is_offline(model) else model,
            "timeout": options.timeout,
            "voice_options": options.voice_options,
        }
        if options.api_base is not None or not resuming:
            kwargs["api_base"] = options.api_base
        if self.services.clock_factory is not None:
            kwargs["clock"] = self.services.clock_factory()
        return kwargs

    def _set_aside_live_interview(self, opening: str | None = None) -> bool:
        """Only one interview runs at a time: pause and save the open one before another opens.

        Returns False (and says so) when `opening` is the interview already open.
        """
        from interview.tui.screens.interview import InterviewScreen

        live = [s for s in self.screen_stack if isinstance(s, InterviewScreen) and not s.left_for_report]
        if not live:
            return True
        if opening is not None and any(s.session.record.id == opening for s in live):
            self.notify("That interview is already open.", timeout=4)
            return False
        titles = ", ".join(s.session.scenario.title for s in live)
        self.go_home()  # saves the draft and whiteboard and stops its clock
        self.notify(f"Paused the interview on {titles}; r on Home resumes it.", timeout=6)
        return True

    def start_interview(
        self,
        scenario_id: str,
        *,
        persona: str | None = None,
        level: str | None = None,
        model: str | None = None,
    ) -> None:
        """Create a session and open the interview screen on it."""
        from interview.engine.factory import new_session
        from interview.store import StoreError
        from interview.tui.drafts import load_draft
        from interview.tui.screens.interview import InterviewScreen

        options = self.start_options
        store = self.open_store()
        if store is None or not self._set_aside_live_interview():
            return
        chosen_model = model if model is not None else options.model
        try:
            session = new_session(
                self.catalog,
                scenario_id,
                persona=persona or options.persona,
                level=level or options.level,
                seed=self.services.seed,
                store=store,
                **self._session_kwargs(chosen_model),
            )
        except (KeyError, ValueError, StoreError) as exc:
            self.notify(f"Cannot start: {exc.args[0] if exc.args else exc}", severity="error", timeout=8)
            return
        self.push_screen(InterviewScreen(session, draft=load_draft(session.record.id)))

    def resume_interview(self, session_id: str | None) -> None:
        """Continue an interview left in progress (the latest one when no id is given)."""
        from interview.engine.factory import resume_session
        from interview.store import StoreError
        from interview.tui.drafts import load_draft
        from interview.tui.screens.interview import InterviewScreen

        store = self.open_store()
        if store is None:
            return
        try:
            if session_id is None:
                waiting = store.in_progress()
                if not waiting:
                    self.notify("No interview is in progress.", timeout=4)
                    return
                if len(waiting) > 1:  # never a silent pick: ask which one
                    from interview.tui.screens.pick_session import PickSessionScreen

                    def picked(chosen: str | None) -> None:
                        if chosen is not None:
                            self.resume_interview(chosen)

                    self.push_screen(PickSessionScreen(waiting, self.services.tz), picked)
                    return
                session_id = waiting[0].id
            record = store.get_session(session_id)
            if record.status == "in_progress" and record.kind != "interview":  # a drill (issue 17)
                from interview.tui.screens.drill import resume_drill_screen

                resume_drill_screen(self, record.id)
                return
            if record.status == "in_progress" and not self._set_aside_live_interview(record.id):
                return
            if record.status != "in_progress":  # the report says the session's status
                self.open_session(record.id)
                return
            model = self.start_options.model if self.start_options.model is not None else record.model
            session = resume_session(store, record.id, **self._session_kwargs(model, resuming=True))
        except (LookupError, ValueError, StoreError) as exc:
            self.notify(f"Cannot resume: {exc.args[0] if exc.args else exc}", severity="error", timeout=8)
            return
        if session.finished:  # its end was stored but not its status: now finished, so the report
            self.open_session(record.id)
            return
        self.push_screen(InterviewScreen(session, resumed=True, draft=load_draft(session.record.id)))

    def start_drill(self, spec: dict[str, Any], scenario_id: str | None = None) -> None:
        """Start a drill (a DrillSpec dump; see interview/drills) and open its screen."""
        from interview.tui.screens.drill import open_drill

        open_drill(self, spec, scenario_id)

    def warm_up_model(self, voice: object | None) -> None:
        """Import litellm in a thread after the first frame, only when a litellm voice is in use."""
        if voice is None or "litellm" in sys.modules or self.warming:
            return
        from interview.engine.llm import LLMVoice  # light: this module imports litellm lazily

        if isinstance(voice, LLMVoice):
            self.warming = True
            self._warm_up()

    @work(thread=True, exclusive=True, group="warm-up", exit_on_error=False)
    def _warm_up(self) -> None:
        from interview.engine.llm import warm_up

        warm_up()

    # ------------------------------------------------------------------ command palette

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Start interview", "Start the highlighted scenario (Home)", self._palette_start)
        yield SystemCommand(
            "Resume interview", "Continue the interview left in progress", self._palette_resume
        )
        yield SystemCommand("History", "Every past session, search and scores over time", self.open_history)
        yield SystemCommand("Scenarios", "Browse the catalog and broken scenario files", self.open_scenarios)

    def _palette_start(self) -> None:
        from interview.tui.screens.home import HomeScreen

        home = self.screen_stack[0]
        if isinstance(home, HomeScreen):
            self._set_aside_live_interview()
            self.go_home()
            home.action_start()

    def _palette_resume(self) -> None:
        self.resume_interview(None)


def run_app(start: StartOptions, services: Services) -> str | None:
    """Run the app until it exits; returns a message to print afterwards, if any.

    SIGHUP (the terminal closed) and SIGTERM save every open interview and exit, at any
    moment from here on, startup included.
    """
    app = InterviewApp(start, services)
    guard = HangUp(app._hang_up)
    app.hang_up_guard = guard
    guard.install()
    try:
        app.run()
    finally:
        guard.uninstall()
    if guard.signum is not None:
        # Saved and closed: end now rather than wait seconds for the interpreter's teardown
        # (collecting litellm's many modules), which no watchdog can shorten.
        guard.end_now()
    return app.exit_message
