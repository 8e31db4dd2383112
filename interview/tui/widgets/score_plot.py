"""A small scatter-and-line plot of scores (0-100) over time, drawn with text.

Textual's Sparkline has no axes or dates, and a plotting dependency (plotext) for one
chart is more than this needs; this draws two series on a character grid.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from rich.text import Text
from textual.widget import Widget

from interview.text.display import visible_line

SERIES_STYLES = (("●", "bold cyan"), ("◆", "bold magenta"))


class ScorePlot(Widget):
    """Overall score (and optionally one criterion) per session, oldest on the left."""

    DEFAULT_CSS = """
    ScorePlot { height: 12; }
    """

    def __init__(self, tz: tzinfo | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.tz = tz
        self.series: list[tuple[str, list[tuple[datetime, float]]]] = []

    def plot(self, series: list[tuple[str, list[tuple[datetime, float]]]]) -> None:
        """Replace the plotted series: [(label, [(when, score 0-100)])]."""
        self.series = [(label, sorted(points)) for label, points in series[: len(SERIES_STYLES)]]
        self.refresh()

    def render(self) -> Text:
        width = max(self.size.width, 20)
        height = max(self.size.height, 6)
        points = [p for _, pts in self.series for p in pts]
        if not points:
            return Text("No scored sessions for this scenario yet.", style="dim")
        rows = height - 3  # legend, x-axis line, date labels
        if rows % 2 == 0:  # an odd row count puts 50 on a row of its own
            rows -= 1
        plot_w = width - 6
        times = sorted({when for when, _ in points})
        slots = {when: i for i, when in enumerate(times)}
        grid: list[list[tuple[str, str]]] = [[(" ", "")] * plot_w for _ in range(rows)]

        def col(when: datetime) -> int:
            if len(times) == 1:
                return plot_w // 2
            return round(slots[when] * (plot_w - 1) / (len(times) - 1))

        def row(score: float) -> int:
            return rows - 1 - round(max(0.0, min(100.0, score)) * (rows - 1) / 100)

        for (mark, style), (_, pts) in zip(SERIES_STYLES, self.series, strict=False):
            previous: tuple[int, int] | None = None
            for when, score in pts:
                x, y = col(when), row(score)
                if previous is not None:  # a dotted line between consecutive points
                    px, py = previous
                    for step in range(1, max(1, x - px)):
                        iy = py + round((y - py) * step / (x - px))
                        if grid[iy][px + step][0] == " ":
                            grid[iy][px + step] = ("·", style)
                grid[y][x] = (mark, style)
                previous = (x, y)

        text = Text(no_wrap=True)
        legend = Text("  ")
        for (mark, style), (label, pts) in zip(SERIES_STYLES, self.series, strict=False):
            last = f" (last {pts[-1][1]:.0f})" if pts else ""
            legend.append(f"{mark} {visible_line(label)}{last}   ", style=style)  # a rubric's words
        text.append_text(legend)
        text.append("\n")
        for r in range(rows):
            value = round(100 - r * 100 / (rows - 1)) if rows > 1 else 100
            label = f"{value:>3} ┤" if r in (0, rows // 2, rows - 1) else "    │"
            text.append(label + " ", style="dim")
            for char, style in grid[r]:
                text.append(char, style=style)
            text.append("\n")
        text.append("    └" + "─" * (plot_w + 1) + "\n", style="dim")
        start, end = times[0].astimezone(self.tz), times[-1].astimezone(self.tz)
        # Sessions all on one day: the times tell them apart, a date twice would not.
        fmt = "%Y-%m-%d %H:%M" if start.date() == end.date() else "%Y-%m-%d"
        first, last = start.strftime(fmt), end.strftime(fmt)
        gap = max(1, plot_w - len(first) - len(last))
        text.append(f"      {first}{' ' * gap}{last}" if len(times) > 1 else f"      {first}", style="dim")
        return text
