"""Browse the catalog: each scenario's brief, and broken user files with their errors."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Markdown

from interview.catalog.browse import Query, matches, parse_query
from interview.text.display import visible
from interview.tui.plain import cell, line
from interview.tui.screens.home import NARROW_LIST, ScenarioTable, brief_markdown, list_title

if TYPE_CHECKING:
    from interview.tui.app import InterviewApp

BROKEN_PREFIX = "broken:"


def broken_markdown(path: str, problems: list) -> str:
    """A broken file's problems, one `file:line:col` per line."""
    lines = [f"## ⚠ {Path(path).name} was skipped\n", f"`{path}` has {len(problems)} problem(s):\n"]
    lines.extend(f"- `{p.path}:{p.line}:{p.col}` **{p.field}**: {p.message}" for p in problems)
    lines.append("\nFix the file, then check it with `interview scenarios validate FILE`.")
    return "\n".join(lines) + "\n"


class ScenariosScreen(Screen[None]):
    """Every scenario (and every broken scenario file) with its brief or its errors."""

    BINDINGS = [
        Binding("enter", "start", "Start"),
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("escape,b", "app.pop_screen", "Back"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    @property
    def interview_app(self) -> InterviewApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="scenarios-main"):
            with Vertical(id="catalog-list"):
                yield Input(placeholder="Filter: words, tag:caching, level:senior", id="catalog-filter")
                # Its own Enter binding, so the footer shows "⏎ Start" (a plain DataTable hides it).
                table = ScenarioTable(id="catalog-table", cursor_type="row", zebra_stripes=True)
                table.border_title = "Catalog"
                yield table
            with VerticalScroll(id="catalog-detail"):
                yield Markdown("", id="catalog-brief")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "scenarios"
        table = self.query_one("#catalog-table", DataTable)
        self._narrow = self.app.size.width < NARROW_LIST
        if self._narrow:  # the title first (the id scrolls), and the whole filter hint
            table.add_columns("Title", "Level", "Min", "Source", "ID")
            self.query_one("#catalog-filter", Input).placeholder = "Filter: words, tag:, level:"
        else:
            table.add_columns("ID", "Title", "Level", "Min", "Source")
        self._fill(Query())
        table.focus()

    def _fill(self, query: Query) -> None:
        """List the scenarios the filter matches (and, unfiltered, the broken files)."""
        catalog = self.interview_app.catalog
        table = self.query_one("#catalog-table", DataTable)
        table.clear()
        for sid, entry in sorted(catalog.scenarios.items()):
            s = entry.model
            if matches(s, query):
                self._add(
                    table,
                    sid,
                    line(list_title(s.title, self._narrow)),
                    s.level,
                    f"{s.minutes:g}",
                    entry.source,
                )
        shown = f"Catalog: {table.row_count} of {len(catalog.scenarios)}"
        table.border_title = "Catalog" if query.empty else shown
        for path, problems in sorted(catalog.broken.items()) if query.empty else []:
            if catalog.broken_kinds.get(path) != "scenarios":
                continue
            first = problems[0]
            self._add(
                table,
                BROKEN_PREFIX + path,
                line(f"⚠ {Path(path).name}:{first.line}: {first.field}: {first.message}"[:60]),
                "—",
                "—",
                "broken",
                shown_id=cell(Path(path).stem),  # a file named "[b].yaml" is not markup
            )
        if not table.row_count:
            empty = "No scenarios found." if query.empty else "No scenario matches the filter."
            self.query_one("#catalog-brief", Markdown).update(empty)

    def _add(self, table: DataTable, key: str, title: object, *rest: str, shown_id: object = None) -> None:
        """One row: ID, Title, Level, Min, Source (narrow: Title first, ID last)."""
        shown = key if shown_id is None else shown_id
        cells = [title, *rest, shown] if self._narrow else [shown, title, *rest]
        table.add_row(*cells, key=key)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "catalog-filter":
            self._fill(parse_query(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "catalog-filter":
            self.query_one("#catalog-table", DataTable).focus()

    def action_filter(self) -> None:
        self.query_one("#catalog-filter", Input).focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value
        if key is None:
            return
        catalog = self.interview_app.catalog
        brief = self.query_one("#catalog-brief", Markdown)
        if key.startswith(BROKEN_PREFIX):
            path = key[len(BROKEN_PREFIX) :]
            brief.update(visible(broken_markdown(path, catalog.broken.get(path, []))))
        elif key in catalog.scenarios:
            brief.update(brief_markdown(catalog.scenarios[key]))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_start()

    def action_start(self) -> None:
        """Start the highlighted scenario with its default interviewer."""
        table = self.query_one("#catalog-table", DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is None or key.startswith(BROKEN_PREFIX):
            self.notify("This file has errors; fix it before practising.", severity="warning")
            return
        self.interview_app.start_interview(key)
