"""The interview: phases, clocks, the conversation streaming in, the answer box, the whiteboard."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static, TextArea

from interview.engine.session import AnswerNotSaved
from interview.engine.voice import STREAM_RESET
from interview.text.display import visible_line
from interview.tui.drafts import save_draft
from interview.tui.screens.confirm import ConfirmScreen
from interview.tui.widgets.conversation import Conversation
from interview.tui.widgets.countdown import Countdown
from interview.tui.widgets.phase_stepper import PhaseStepper
from interview.tui.widgets.whiteboard import SOURCE_TITLE, BoardPane

if TYPE_CHECKING:
    from interview.tui.app import InterviewApp

SEND_HELP = "ctrl+s or F5 sends · Enter is a new line"
ANSWER_TITLE = "Your answer"
THINKING = " · the interviewer is thinking…"
BOARD_AUTOSAVE_S = 15.0


class InterviewScreen(Screen[None]):
    """A live interview. The engine's stream runs in a worker that only posts messages."""

    BINDINGS = [
        Binding("ctrl+s", "send", "Send", priority=True),
        Binding("f5", "send", "Send", priority=True),
        Binding("enter", "focus_answer", "New line", key_display="⏎"),
        # Some terminals send ctrl+enter (and tmux a pasted "\n") as ctrl+j: a new line too,
        # never a dropped character.
        Binding("ctrl+j", "newline", "New line", show=False),
        Binding("f2", "toggle_whiteboard", "Board", priority=True),
        Binding("f3", "board_view", "Diagram", priority=True, show=False),
        Binding("f6", "next_phase", "Next", priority=True, tooltip="Move on to the next phase"),
        Binding("f7", "hint", "Hint", priority=True),
        Binding("f8", "pause", "Pause", priority=True),
        Binding("f9", "end", "End", priority=True),
        Binding("escape", "leave_box", "Leave box", show=False),
        Binding("q", "app.quit", "Quit", show=False),  # when focus is outside the text boxes (Esc)
    ]

    # ------------------------------------------------------------------ messages (worker -> screen)

    @dataclass
    class Started(Message):
        """The interviewer began a turn."""

    @dataclass
    class Token(Message):
        """A piece of the interviewer's turn."""

        text: str

    @dataclass
    class Reset(Message):
        """The model failed mid-turn: discard what streamed; the offline text follows."""

    @dataclass
    class Finished(Message):
        """The engine is done with this call (the turn is recorded)."""

        events_before: int

    @dataclass
    class Failed(Message):
        """The engine raised; the interview goes on."""

        error: str

    @dataclass
    class NotSaved(Message):
        """A candidate turn could not be stored (the database stayed locked): it is handed back."""

        text: str
        reason: str

    def __init__(self, session: Any, *, resumed: bool = False, draft: str = "") -> None:
        super().__init__()
        self.session = session
        self.resumed = resumed
        self.initial_draft = draft
        self.speaking = False
        self.queued: list[str] = []  # turns sent while the interviewer was speaking, in order
        # Answers sent but not yet stored (queued or being stored): they stay in the draft file
        # until the store has them, so a kill or a failed write never loses one.
        self.unsent: list[str] = []
        self.closing = False  # quitting or set aside: nothing more is sent
        self.draft_dirty = False
        self.board_dirty = False
        self.left_for_report = False
        self._tick_timer: Timer | None = None
        self._save_timer: Timer | None = None
        self._board_saved_at = time.monotonic()

    @property
    def interview_app(self) -> InterviewApp:
        return self.app  # type: ignore[return-value]

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        s = self.session
        with Horizontal(id="interview-top"):
            yield Static(  # plain text: a title like "Design a [/] limiter" is not markup
                Text.assemble(
                    (visible_line(s.scenario.title), "bold"),
                    visible_line(f" · {s.persona.name} · {s.record.model}"),
                ),
                id="interview-title",
            )
            yield Countdown(id="countdown")
        yield PhaseStepper([p.id for p in s.scenario.phases], s.phase_index, id="stepper")
        with Horizontal(id="interview-body"):
            yield Conversation(id="conversation")
            yield BoardPane(
                s.record.whiteboard,
                hidden=not s.record.whiteboard,
                cursor_blink=self.interview_app.services.cursor_blink,
            )
        with Vertical(id="answer-box"):
            answer = TextArea(
                self.initial_draft,
                id="answer",
                soft_wrap=True,
                tab_behavior="focus",
                show_line_numbers=False,
                placeholder="Type your answer…",
            )
            answer.border_title = ANSWER_TITLE
            answer.border_subtitle = SEND_HELP
            yield answer
        yield Footer(compact=True)  # every key fits in 80 columns

    async def on_mount(self) -> None:
        self.sub_title = visible_line(self.session.scenario.title)
        self.session.on_saved = self._event_saved
        answer = self.query_one("#answer", TextArea)
        answer.cursor_blink = self.interview_app.services.cursor_blink
        answer.move_cursor(answer.document.end)
        answer.focus()
        if self.session.paused:
            self.session.resume()  # the pause recorded when the user quit
        if self.resumed:
            turns = [(e.role, e.text, e.phase) for e in self.session.turns() if e.kind != "command"]
            await self.query_one(Conversation).add_turns(turns)
        self._update_clock()
        services = self.interview_app.services
        if services.tick_seconds > 0:
            self._tick_timer = self.set_interval(services.tick_seconds, self._tick)
        if services.autosave_seconds > 0:
            self._save_timer = self.set_interval(services.autosave_seconds, self._autosave)
        self._run(None)  # the opening, or on resume the answer still owed / a welcome back
        self.interview_app.warm_up_model(self.session.model_voice)

    # ------------------------------------------------------------------ the engine, in a worker

    @work(exclusive=True, group="interviewer", exit_on_error=False)
    async def _speak(self, text: str | None, *, check_time: bool = False) -> None:
        """Run one engine call; post what it says. Never touches a widget."""
        session = self.session
        before = len(session.events)
        if check_time:
            stream = session.check_time()
        elif text is None:
            stream = session.opening()
        else:
            stream = session.send(text)
        started = False
        try:
            async for chunk in stream:
                if chunk is STREAM_RESET:
                    self.post_message(self.Reset())
                    continue
                if not started:
                    started = True
                    self.post_message(self.Started())
                self.post_message(self.Token(chunk))
        except AnswerNotSaved as exc:
            self.post_message(self.NotSaved(exc.text, exc.reason))
        except Exception as exc:  # the engine falls back itself; this is the last guard
            self.post_message(self.Failed(f"{type(exc).__name__}: {exc}"))
        finally:
            self.post_message(self.Finished(before))

    def _run(self, text: str | None, *, check_time: bool = False) -> None:
        if self.closing:
            return
        self.speaking = True
        if not check_time:  # a model can take seconds before its first word: say it is working
            self._show_thinking(True)
        self._speak(text, check_time=check_time)

    def _show_thinking(self, thinking: bool) -> None:
        answer = self.query_one("#answer", TextArea)
        answer.border_title = ANSWER_TITLE + (THINKING if thinking else "")

    async def on_interview_screen_started(self, message: Started) -> None:
        self._show_thinking(False)
        await self.query_one(Conversation).begin_stream(self.session.phase_id)

    async def on_interview_screen_token(self, message: Token) -> None:
        await self.query_one(Conversation).write(message.text)

    async def on_interview_screen_reset(self, message: Reset) -> None:
        await self.query_one(Conversation).reset_stream()

    def on_interview_screen_failed(self, message: Failed) -> None:
        self.notify(f"The interviewer hit a problem: {message.error}", severity="error", timeout=8)

    async def on_interview_screen_not_saved(self, message: NotSaved) -> None:
        """Hand every answer not stored back to the answer box (and the draft file); say so."""
        handed_back = list(self.unsent)
        self.queued.clear()  # what was queued behind it is handed back too, in order
        self.unsent.clear()
        conversation = self.query_one(Conversation)
        for text in reversed(handed_back):
            await conversation.withdraw_candidate(text)
        answer = self.query_one("#answer", TextArea)
        answer.load_text(_joined([*handed_back, answer.text]))
        answer.move_cursor(answer.document.end)
        self._save_draft()
        if handed_back:
            what = "Your answer was" if len(handed_back) == 1 else f"Your {len(handed_back)} answers were"
            told = f"{what} not saved ({message.reason}). It is back in the answer box; send it again."
        else:
            told = f"{message.text} was not saved ({message.reason}); try again."
        self.notify(told, severity="error", timeout=12)

    async def on_interview_screen_finished(self, message: Finished) -> None:
        session = self.session
        new_events = session.events[message.events_before :]
        said = [e.text for e in new_events if e.role == "interviewer" and e.text.strip()]
        await self.query_one(Conversation).end_stream("\n\n".join(said) if said else None)
        self._show_thinking(False)
        for event in new_events:
            if event.fallback and event.role == "interviewer":
                note = event.fallback_note
                self.notify(
                    f"{note[:1].upper()}{note[1:]}.",
                    severity="warning",
                    timeout=6,
                )
        for notice in session.pop_notices():
            self.notify(notice, severity="warning", timeout=8)
        self.query_one(PhaseStepper).current = session.phase_index
        self._update_clock()
        self.speaking = False
        if session.finished:
            self._leave_for_report()
        elif self.queued and not self.closing:
            self._run(self.queued.pop(0))

    # ------------------------------------------------------------------ clock and autosave

    def _update_clock(self) -> None:
        state = self.session.clock_state()
        self.query_one(Countdown).show(state.phase_remaining_s, state.total_remaining_s, self.session.paused)

    def _tick(self) -> None:
        if self.left_for_report:
            return
        self._update_clock()
        if not self.speaking and not self.session.paused and not self.session.finished:
            self._run(None, check_time=True)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "answer":
            self.draft_dirty = True
        elif event.text_area.id == "whiteboard":
            self.board_dirty = True
            self.query_one(BoardPane).show(event.text_area.text)  # the graph's status, live

    def _autosave(self) -> None:
        # The draft is one small file; each board save is an event holding the whole board,
        # so while drawing it is kept at most every BOARD_AUTOSAVE_S (and always on quit/send).
        board_due = time.monotonic() - self._board_saved_at >= BOARD_AUTOSAVE_S
        self.save_work(board=board_due)

    def save_work(self, *, board: bool = True) -> None:
        """Save the unsent draft and the whiteboard if they changed (also on quit and hang-up)."""
        if self.left_for_report:
            return
        if self.draft_dirty:
            self._save_draft()
        if board and self.board_dirty:
            self.session.save_whiteboard(self.query_one("#whiteboard", TextArea).text)
            self.board_dirty = False
            self._board_saved_at = time.monotonic()

    def _save_draft(self) -> None:
        """The draft file: answers sent but not yet stored, then what is in the answer box."""
        save_draft(self.session.record.id, _joined([*self.unsent, self.query_one("#answer", TextArea).text]))
        self.draft_dirty = False

    def _event_saved(self, event: Any) -> None:
        """The store has a candidate turn: it leaves the draft file."""
        if event.role == "candidate" and event.text in self.unsent:
            self.unsent.remove(event.text)
            self._save_draft()

    def save_for_later(self) -> None:
        """Quitting mid-interview: keep everything typed and stop the clock; send nothing more.

        Answers still queued stay in the draft file (they come back in the answer box on
        resume), and the reply the interviewer owes is given on resume, not skipped.
        """
        if self.left_for_report or self.session.finished:
            return
        self.closing = True
        self.queued.clear()
        self.draft_dirty = True
        self.save_work()
        if not self.session.paused:
            self.session.pause()
        self.session.save_pending()

    # ------------------------------------------------------------------ actions

    def _submit(self, text: str, note: str | None = None) -> None:
        if self.session.finished or self.closing:
            return
        if self.session.paused:
            self.session.resume()
        self.save_work()
        if self.speaking:
            self.queued.append(text)
        else:
            self._run(text)
        if note:
            self.notify(note, timeout=3)

    def action_send(self) -> None:
        """Send the answer box as the candidate's turn, once the keys typed before it are in."""
        # The send key is a priority binding, handled as soon as it arrives; keys typed just
        # before it may still wait in the answer box's queue (seen in tmux), so read it after them.
        self.query_one("#answer", TextArea).call_later(self._send_answer)

    async def _send_answer(self) -> None:
        if self.session.finished or self.left_for_report:
            return  # nothing is cleared: the draft stays where it is
        answer = self.query_one("#answer", TextArea)
        text = answer.text
        if not text.strip():
            self.notify("Type an answer first (Enter makes a new line; ctrl+s or F5 sends).", timeout=4)
            return
        answer.clear()
        self.unsent.append(text)
        self._save_draft()  # on disk until the store has it
        conversation = self.query_one(Conversation)
        conversation.anchor()  # sending brings the reader back to the bottom
        await conversation.add_turn("candidate", text, self.session.phase_id)
        self._submit(text)

    def action_next_phase(self) -> None:
        self._submit("/next", "Moving to the next phase…")

    def action_hint(self) -> None:
        self._submit("/hint", "Asking for a hint…")

    def action_pause(self) -> None:
        if self.session.finished:
            return
        if self.session.paused:
            self.session.resume()
            self.notify("Resumed; the clock is running.", timeout=3)
        else:
            self.save_work()
            self.session.pause()
            self.notify("Paused; the clock is stopped. F8 resumes.", timeout=3)
        self._update_clock()

    def action_end(self) -> None:
        def decided(end: bool | None) -> None:
            if end:
                self._submit("/end", "Ending the interview…")

        self.app.push_screen(ConfirmScreen("End the interview now and see your report?", "End"), decided)

    def action_toggle_whiteboard(self) -> None:
        board = self.query_one("#whiteboard", TextArea)
        pane = self.query_one(BoardPane)
        if board.has_class("-hidden"):
            board.remove_class("-hidden")
            pane.remove_class("-hidden", "-viewing")
            pane.border_title = SOURCE_TITLE
            board.focus()
        else:
            self.save_work()
            board.add_class("-hidden")
            pane.add_class("-hidden")
            self.query_one("#answer", TextArea).focus()

    def action_board_view(self) -> None:
        """F3: the whiteboard drawn as boxes and arrows, or its source again."""
        pane = self.query_one(BoardPane)
        if pane.has_class("-hidden"):
            self.action_toggle_whiteboard()
        pane.toggle_view()
        if not pane.viewing:
            self.query_one("#whiteboard", TextArea).focus()

    def action_focus_answer(self) -> None:
        self.query_one("#answer", TextArea).focus()

    def action_newline(self) -> None:
        box = self.focused if isinstance(self.focused, TextArea) else None
        if box is None:
            box = self.query_one("#answer", TextArea)
            box.focus()
        box.insert("\n")

    def action_leave_box(self) -> None:
        self.query_one(Conversation).focus()

    def _leave_for_report(self) -> None:
        if self.left_for_report:
            return
        self.save_work()
        self.left_for_report = True
        for timer in (self._tick_timer, self._save_timer):
            if timer is not None:
                timer.stop()
        self.interview_app.show_report(self.session.record, list(self.session.events))


def _joined(parts: list[str]) -> str:
    """Texts for the answer box, one paragraph each (empty ones left out)."""
    return "\n\n".join(p for p in parts if p.strip())
