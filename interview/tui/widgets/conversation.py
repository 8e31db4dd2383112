"""The conversation: one Markdown block per turn, the interviewer's streaming in.

Every piece of text passes through `visible` on its way in: a model or an answer holding
escape codes shows them (as ␛[2J …) instead of sending them to the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widget import MountError
from textual.widgets import Markdown, Static
from textual.widgets.markdown import MarkdownStream

from interview.catalog import PHASE_TITLES
from interview.text.display import clipped, visible, visible_line

SPEAKERS = {"interviewer": "Interviewer", "candidate": "You"}


class Turn(Markdown):
    """One turn of speech, styled by who said it."""

    def __init__(self, role: str, text: str = "") -> None:
        super().__init__(text, classes=f"turn -{role}")
        self.border_title = SPEAKERS.get(role, role)


class CandidateTurn(Static):
    """The candidate's words exactly as typed: newlines and ASCII diagrams kept, no Markdown."""

    def __init__(self, text: str) -> None:
        super().__init__(Text(clipped(text)), classes="turn -candidate")  # a 1 MB paste: the start
        self.border_title = SPEAKERS["candidate"]
        self.source = text


class PhaseMark(Static):
    """A divider when the phase changes."""

    def __init__(self, phase_id: str) -> None:
        title = visible_line(PHASE_TITLES.get(phase_id, phase_id))
        super().__init__(Text(f"── {title} ──"), classes="phase-mark")


class Conversation(VerticalScroll):
    """Turns in order; keeps to the bottom while the reader is there."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._stream: MarkdownStream | None = None
        self._streaming_turn: Turn | None = None
        self._last_phase: str | None = None

    def on_mount(self) -> None:
        # Anchored: new turns keep the view at the bottom, unless the reader has scrolled up
        # to read earlier turns (then it stays put until they scroll back down or send).
        self.anchor()

    @property
    def streaming(self) -> bool:
        """True while an interviewer turn is arriving."""
        return self._streaming_turn is not None

    def _widgets_for(self, role: str, text: str, phase: str | None) -> list[Static | Markdown]:
        text = visible(text)
        widgets: list[Static | Markdown] = []
        if phase and phase != self._last_phase:
            if self._last_phase is not None:
                widgets.append(PhaseMark(phase))
            self._last_phase = phase
        widgets.append(CandidateTurn(text) if role == "candidate" else Turn(role, text))
        return widgets

    async def add_turns(self, turns: Iterable[tuple[str, str, str | None]]) -> None:
        """Mount many (role, text, phase) turns in one go (resume, 300 turns)."""
        widgets: list[Static | Markdown] = []
        for role, text, phase in turns:
            widgets.extend(self._widgets_for(role, text, phase))
        if widgets:
            await self.mount_all(widgets)

    async def add_turn(self, role: str, text: str, phase: str | None = None) -> None:
        """Append one finished turn."""
        await self.add_turns([(role, text, phase)])

    async def withdraw_candidate(self, text: str) -> None:
        """Remove the latest candidate turn showing `text` (it was not stored after all)."""
        for turn in reversed(list(self.query(CandidateTurn))):
            if turn.source == text:
                await turn.remove()
                return

    async def begin_stream(self, phase: str | None = None) -> None:
        """Start an interviewer turn whose text arrives in pieces."""
        await self.end_stream()
        widgets = self._widgets_for("interviewer", "", phase)
        self._streaming_turn = widgets[-1]  # type: ignore[assignment]
        self._streaming_turn.add_class("-streaming")
        await self.mount_all(widgets)
        self._stream = Markdown.get_stream(self._streaming_turn)

    async def write(self, piece: str) -> None:
        """Append streamed text to the current interviewer turn."""
        if self._stream is None:
            await self.begin_stream()
        assert self._stream is not None
        await self._stream.write(visible(piece))

    async def reset_stream(self) -> None:
        """Discard what streamed so far this turn (the model failed; the fallback follows)."""
        if self._streaming_turn is None:
            return
        if self._stream is not None:
            await self._stream.stop()
        await self._streaming_turn.update("")
        self._stream = Markdown.get_stream(self._streaming_turn)

    async def end_stream(self, final_text: str | None = None) -> None:
        """Finish the streaming turn; `final_text` replaces it when given (the recorded text)."""
        if self._stream is not None:
            await self._stream.stop()
        turn = self._streaming_turn
        self._stream = None
        self._streaming_turn = None
        if turn is not None:
            turn.remove_class("-streaming")
            if not turn.is_mounted:
                return  # the screen closed under it (quit mid-reply): nothing left to draw into
            final_text = visible(final_text) if final_text is not None else None
            if final_text is not None and final_text != turn.source:
                try:
                    await turn.update(final_text)
                except MountError:  # torn down between the check and the update (a busy machine)
                    return
            if not turn.source.strip():
                await turn.remove()
