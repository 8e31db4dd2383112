"""Drills in the app: pick one (Home's d), play it (questions, checks, tally, time left), then its report.

The drill itself is `interview.drills.session.DrillSession` (stored as it goes, like an interview).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from interview.tui.plain import block, line

if TYPE_CHECKING:
    from interview.drills.session import DrillSession
    from interview.tui.app import InterviewApp


def _clock_factory(app: InterviewApp) -> Any:
    if app.services.clock_factory is not None:
        return app.services.clock_factory()
    return None


def open_drill(app: InterviewApp, spec: dict[str, Any], scenario_id: str | None = None) -> None:
    """Start a drill (a DrillSpec dump) on a scenario (default: where its criterion weighs most)."""
    from interview.drills.plan import DrillSpec, plan, scenario_for
    from interview.drills.session import DrillError, start_drill
    from interview.store import StoreError

    store = app.open_store()
    if store is None:
        return
    drill = DrillSpec.model_validate(spec)
    catalog = app.catalog
    if scenario_id in catalog.scenarios and not plan(drill, catalog.scenario(scenario_id)):
        scenario_id = None  # nothing to ask there: the scenario where it weighs most instead
    if scenario_id is None or scenario_id not in catalog.scenarios:
        where = scenario_for([catalog.scenario(s) for s in sorted(catalog.scenarios)], drill.criterion)
        if where is None:
            app.notify(f"No scenario has questions for {drill.criterion}.", severity="warning")
            return
        scenario_id = where.id
    try:
        session = start_drill(
            catalog,
            scenario_id,
            drill,
            level=app.start_options.level,
            seed=app.services.seed,
            clock=_clock_factory(app),
            store=store,
        )
    except (DrillError, StoreError) as exc:
        app.notify(f"Cannot start the drill: {exc}", severity="error", timeout=8)
        return
    app.push_screen(DrillScreen(session))


def resume_drill_screen(app: InterviewApp, session_id: str) -> None:
    """Continue a drill left in progress."""
    from interview.drills.session import DrillError, resume_drill
    from interview.store import StoreError

    store = app.open_store()
    if store is None:
        return
    try:
        session = resume_drill(store, session_id, clock=_clock_factory(app))
    except (DrillError, StoreError, LookupError) as exc:
        app.notify(f"Cannot resume the drill: {exc}", severity="error", timeout=8)
        return
    app.push_screen(DrillScreen(session, resumed=True))


class DrillScreen(Screen[None]):
    """One drill: the log of questions and checks, the answer box, time left and the tally."""

    BINDINGS = [
        Binding("ctrl+s,f5", "send", "Send", priority=True),
        Binding("f6", "skip", "Skip"),
        Binding("f9", "end", "End"),
        Binding("escape", "leave", "Home"),
    ]

    def __init__(self, session: DrillSession, *, resumed: bool = False) -> None:
        super().__init__()
        self.session = session
        self.resumed = resumed

    @property
    def interview_app(self) -> InterviewApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="drill-status")
        with VerticalScroll(id="drill-log"):
            pass
        with Vertical(id="drill-input"):
            yield TextArea("", id="drill-answer")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = line(f"{self.session.title} · {self.session.scenario.title}").plain
        if self.resumed:
            for event in self.session.events:
                if event.is_turn:
                    self._say(event.text, you=event.role == "candidate")
        opening = self.session.opening()
        if opening and not self.resumed:
            self._say(opening)
        self._status()
        self.set_interval(1.0, self._tick)
        self.query_one("#drill-answer", TextArea).focus()
        if self.session.finished:
            self._finished("")

    def _say(self, text: str, *, you: bool = False) -> None:
        who = "You" if you else "Interviewer"
        widget = Static(block(f"{who}: {text}"), classes="drill-you" if you else "drill-them")
        log = self.query_one("#drill-log", VerticalScroll)
        log.mount(widget)
        log.scroll_end(animate=False)

    def _status(self) -> None:
        session = self.session
        left = max(0, int(session.remaining_s))
        state = "over · ctrl+s: the report" if session.finished else f"{left // 60}:{left % 60:02d} left"
        self.query_one("#drill-status", Static).update(
            # time and tally first: in 80 columns the titles are what gets cut (with …)
            line(f"{state} · {session.tally_text()} · {session.title} · {session.scenario.title}")
        )

    def _tick(self) -> None:
        if not self.session.finished and self.session.remaining_s <= 0:
            self._finished(self.session.end())
        self._status()

    def action_send(self) -> None:
        if self.session.finished:
            self.show_report()
            return
        box = self.query_one("#drill-answer", TextArea)
        text = box.text.strip()
        if not text:
            return
        box.text = ""
        self._answer(text)

    def action_skip(self) -> None:
        if not self.session.finished:
            self._answer("/next")

    def action_end(self) -> None:
        if not self.session.finished:
            self._answer("/end")
        else:
            self.show_report()

    def _answer(self, text: str) -> None:
        from interview.store import StoreError

        self._say(text, you=True)
        try:
            reply = self.session.send(text)
        except StoreError as exc:
            self.notify(f"Not saved: {exc}", severity="error", timeout=8)
            return
        self._say(reply)
        if self.session.finished:
            self._finished("")
        self._status()

    def _finished(self, closing: str) -> None:
        if closing:
            self._say(closing)
        self.query_one("#drill-answer", TextArea).disabled = True
        self._status()

    def show_report(self) -> None:
        """Score the drill on its one criterion, save it, and show the report."""
        from interview.tui.screens.report import ReportScreen

        session = self.session
        if session.record.status != "completed":
            self.interview_app.go_home()
            return
        report = session.score()
        store = self.interview_app.open_store()
        if store is not None:
            store.save_report(session.record.id, report)
        self.app.switch_screen(ReportScreen(session.record, session.events, report, score=False))

    def action_leave(self) -> None:
        """Home; a drill in progress stays resumable (Home's banner says so: r resumes it)."""
        self.interview_app.go_home()


class DrillPickScreen(ModalScreen[dict[str, Any] | None]):
    """Which drill: the suggested one, the estimation drill, or one criterion. Returns a choice."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, choices: list[tuple[str, dict[str, Any]]]) -> None:
        super().__init__()
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="drill-pick-box"):
            yield Static("Drill: pick one (Enter), Esc to cancel", id="drill-pick-title")
            yield OptionList(
                *[Option(line(label), id=str(i)) for i, (label, _) in enumerate(self.choices)],
                id="drill-pick",
            )

    def on_mount(self) -> None:
        self.query_one("#drill-pick", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id or 0)][1])

    def action_cancel(self) -> None:
        self.dismiss(None)


def drill_choices(app: InterviewApp, scenario_id: str | None) -> list[tuple[str, dict[str, Any]]]:
    """The drills Home offers: the suggested practice first, then estimation, then each criterion."""
    from interview.drills.plan import estimation_questions, scenario_for
    from interview.drills.progress import progress

    catalog = app.catalog
    scenarios = [catalog.scenario(s) for s in sorted(catalog.scenarios)]
    rubric_ids = sorted(catalog.rubrics)
    out: list[tuple[str, dict[str, Any]]] = []
    if not rubric_ids:
        return out
    rubric = catalog.rubric("system-design" if "system-design" in rubric_ids else rubric_ids[0])
    store = app.open_store(notify=False)
    points = store.criterion_history() if store is not None else []
    found = progress(points, rubric, scenarios)
    nxt = found.next
    if nxt.criterion is not None:
        kind = "drill_estimation" if nxt.kind == "drill_estimation" else "drill_criterion"
        out.append(
            (f"Suggested: {nxt.reason}", {"kind": kind, "criterion": nxt.criterion, "scenario": nxt.scenario})
        )
    if scenario_id in catalog.scenarios and not estimation_questions(catalog.scenario(scenario_id)):
        scenario_id = None
    if scenario_id is None:
        best = scenario_for(scenarios, "estimation")
        scenario_id = best.id if best is not None else None
    title = catalog.scenario(scenario_id).title if scenario_id in catalog.scenarios else "a scenario"
    out.append(
        (
            f"Estimation drill (5 min) on {title}",
            {"kind": "drill_estimation", "criterion": "estimation", "scenario": scenario_id},
        )
    )
    for c in rubric.criteria:
        if c.id == "estimation" or scenario_for(scenarios, c.id) is None:
            continue  # estimation is above; a criterion no scenario can drill is not offered
        out.append(
            (f"{c.name} drill (12 min)", {"kind": "drill_criterion", "criterion": c.id, "scenario": None})
        )
    return out


def start_choice(app: InterviewApp, choice: dict[str, Any] | None) -> None:
    """Start what DrillPickScreen returned."""
    if not choice:
        return
    scenario = choice.pop("scenario", None)
    open_drill(app, choice, scenario)


def weakest_criterion(report: Any) -> Any:
    """The report's lowest grade (ties: the heavier criterion), or None."""
    if not report.criteria:
        return None
    return min(report.criteria, key=lambda c: (c.score, -c.weight, c.id))


def drill_weakest(app: InterviewApp, record: Any, report: Any) -> None:
    """Drill the weakest criterion of a report, on that session's scenario when it has questions."""
    from interview.catalog.models import Scenario
    from interview.drills.plan import criterion_questions, criterion_spec

    weakest = weakest_criterion(report)
    if weakest is None:
        return
    spec = criterion_spec(weakest.id)
    scenario = Scenario.model_validate(record.scenario)
    here = record.scenario_id if criterion_questions(scenario, weakest.id) else None
    open_drill(app, spec.model_dump(), here)


def redo_from_report(app: InterviewApp, record: Any, report: Any, index: int) -> None:
    """A 5-minute redo of one improvement item of a report."""
    from interview.catalog.models import Scenario
    from interview.drills.plan import redo_spec

    items = report.feedback.improvements
    if not 0 <= index < len(items):
        return
    spec = redo_spec(items[index], Scenario.model_validate(record.scenario))
    open_drill(app, spec.model_dump(), record.scenario_id)
