"""The whiteboard pane: the source the candidate types, the parsed graph's status live, and the drawn view.

F2 opens and closes the pane (the screen's binding); F3 switches between the source and the
rendered box-and-arrow view. The status line (nodes · edges · findings, then each finding
naming its node) follows every keystroke; parsing a 200-line board takes well under 10 ms.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static, TextArea

from interview.text.display import visible
from interview.understanding.diagram import parse_board
from interview.understanding.diagram_render import render, status
from interview.understanding.diagram_rules import check

SOURCE_TITLE = "Whiteboard (F2) · F3 diagram"
VIEW_TITLE = "Diagram (F3 source)"
STATUS_FINDINGS = 2  # findings listed under the counts (all are in the diagram view)


class BoardPane(Vertical):
    """The whiteboard's source and its diagram, toggled, with a status line."""

    DEFAULT_CSS = """
    BoardPane { width: 1fr; max-width: 90; border: round $accent; height: 1fr; }
    BoardPane #whiteboard { height: 1fr; border: none; }
    BoardPane #board-view-scroll { height: 1fr; display: none; }
    BoardPane.-viewing #whiteboard { display: none; }
    BoardPane.-viewing #board-view-scroll { display: block; }
    BoardPane #board-status { height: auto; max-height: 3; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, text: str, *, hidden: bool, cursor_blink: bool = True) -> None:
        super().__init__(id="board-pane", classes="-hidden" if hidden else "")
        self._text = text
        self._hidden = hidden
        self._blink = cursor_blink

    def compose(self) -> ComposeResult:
        area = TextArea(
            self._text,
            id="whiteboard",
            soft_wrap=False,
            tab_behavior="indent",
            show_line_numbers=False,
            classes="-hidden" if self._hidden else "",
        )
        area.cursor_blink = self._blink
        yield area
        with VerticalScroll(id="board-view-scroll"):
            yield Static(id="board-view")
        yield Static(id="board-status")

    def on_mount(self) -> None:
        self.border_title = SOURCE_TITLE
        self.show(self._text)

    @property
    def viewing(self) -> bool:
        return self.has_class("-viewing")

    def show(self, text: str) -> None:
        """Read the board again: the status line always, the drawing when it is on screen."""
        self._text = text
        board = parse_board(text)
        findings = check(board)
        empty = "no diagram yet: [Client] -> [App] -> [DB]"
        lines = [empty] if board.empty else [status(board, findings)]
        lines += [f"! {f.title}" for f in findings[:STATUS_FINDINGS]]
        self.query_one("#board-status", Static).update(Text(visible("\n".join(lines)), no_wrap=True))
        if self.viewing:
            width = max(20, (self.content_size.width or 60) - 2)
            self.query_one("#board-view", Static).update(Text(visible(render(board, width, findings))))

    def toggle_view(self) -> None:
        """Switch between the source and the drawn diagram."""
        self.toggle_class("-viewing")
        self.border_title = VIEW_TITLE if self.viewing else SOURCE_TITLE
        self.show(self.query_one("#whiteboard", TextArea).text)

    def on_resize(self) -> None:
        if self.viewing:
            self.show(self._text)
