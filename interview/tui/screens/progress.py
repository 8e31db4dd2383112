"""Progress per criterion (History's p): each criterion's trend, a plot of its grades, what to do next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from interview.tui.plain import line
from interview.tui.widgets.score_plot import ScorePlot

if TYPE_CHECKING:
    from interview.drills.progress import Progress
    from interview.tui.app import InterviewApp

TREND_MARKS = {"improving": "↑ improving", "declining": "↓ declining", "steady": "→ steady", "new": "· new"}


def load_progress(app: InterviewApp) -> Progress | None:
    """Progress over the app's store and catalog (None without a rubric or a database)."""
    from interview.drills.progress import progress

    catalog = app.catalog
    ids = sorted(catalog.rubrics)
    store = app.open_store(notify=False)
    if not ids or store is None:
        return None
    rubric = catalog.rubric("system-design" if "system-design" in ids else ids[0])
    scenarios = [catalog.scenario(s) for s in sorted(catalog.scenarios)]
    return progress(store.criterion_history(), rubric, scenarios)


def next_practice_text(found: Progress | None) -> str:
    if found is None:
        return ""
    return f"Next: {found.next.reason}  (d starts it)"


def start_next(app: InterviewApp, found: Progress | None) -> None:
    """Start the suggested practice: a drill, or a whole interview when nothing is graded yet."""
    if found is None:
        return
    practice = found.next
    if practice.kind == "interview":
        if practice.scenario:
            app.start_interview(practice.scenario)
        return
    app.start_drill({"kind": practice.kind, "criterion": practice.criterion}, practice.scenario)


class ProgressScreen(Screen[None]):
    """Criteria with their grades over time (drills included), a plot, and the next practice."""

    BINDINGS = [
        Binding("d", "next_practice", "Do next"),
        Binding("escape,b", "app.pop_screen", "Back"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.found: Progress | None = None

    @property
    def interview_app(self) -> InterviewApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        table: DataTable[str] = DataTable(id="criteria", cursor_type="row", zebra_stripes=True)
        table.border_title = "Criteria (grades 1-4, oldest first)"
        yield table
        with Vertical(id="plot-box") as box:
            box.border_title = "Grade over time"
            yield ScorePlot(tz=self.interview_app.services.tz, id="criterion-plot")
        yield Static("", id="next-practice")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "progress"
        self.refresh_progress()
        self.query_one("#criteria", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_progress()

    def refresh_progress(self) -> None:
        self.found = load_progress(self.interview_app)
        table = self.query_one("#criteria", DataTable)
        table.clear(columns=True)
        for label, width in (
            ("Criterion", 30),
            ("Grades", 22),
            ("Latest", 6),
            ("Mean", 5),
            ("Trend", 12),
            ("Drills", 6),
        ):
            table.add_column(label, width=width)
        if self.found is None:
            return
        for c in self.found.criteria:
            table.add_row(
                line(c.name),
                " ".join(str(p.score) for p in c.points[-10:]) or "—",
                str(c.latest) if c.latest is not None else "—",
                f"{c.recent_mean:.1f}" if c.recent_mean is not None else "—",
                TREND_MARKS.get(c.trend, "—"),
                str(c.drills),
                key=c.id,
            )
        self.query_one("#next-practice", Static).update(line(next_practice_text(self.found)))
        self.plot_row()

    def plot_row(self) -> None:
        """Plot the highlighted criterion: interviews and drills as two series (grade × 25)."""
        table = self.query_one("#criteria", DataTable)
        plot = self.query_one("#criterion-plot", ScorePlot)
        if self.found is None or not table.row_count:
            plot.plot([])
            return
        criterion = self.found.criteria[min(table.cursor_row, len(self.found.criteria) - 1)]
        interviews = [(p.at, p.score * 25.0) for p in criterion.points if p.kind == "interview"]
        drills = [(p.at, p.score * 25.0) for p in criterion.points if p.kind != "interview"]
        self.query_one("#plot-box").border_title = line(f"{criterion.name} · grade 1-4 (×25)")
        plot.plot([("interviews", interviews), ("drills", drills)])

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.plot_row()

    def action_next_practice(self) -> None:
        start_next(self.interview_app, self.found)
