"""An interview session: phases, time, turns as events, and the voice that speaks them.

The session asks the planner what to do, has the offline voice (or a model voice, with
fallback) say it, and records every step as an `Event`, committing each one to the store
as it happens: the candidate's turn before the interviewer is asked, the interviewer's
turn when it is complete.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any

from interview.catalog.models import Persona, Phase, Rubric, Scenario
from interview.engine import model_reading, model_turn, phase_requests
from interview.engine.answers import command_of
from interview.engine.clock import Clock, ClockState, RealClock, VirtualClock, typing_seconds
from interview.engine.moves import Move, next_phase_id
from interview.engine.offline import OfflineVoice
from interview.engine.planner import Observation, Planner
from interview.engine.records import Event, SessionRecord
from interview.engine.saving import SessionWriter
from interview.engine.session_journal import SessionJournal
from interview.engine.speaking import Spoken, speak
from interview.engine.voice import ModelVoice, StreamReset
from interview.store.errors import StoreError
from interview.text.limits import partial_notice

if TYPE_CHECKING:
    from interview.store import Store

GRACE_S = 300.0  # the interview ends this long after total time is up
LATE_FRACTION = 0.25  # the last quarter of a phase: the scale question becomes due
DEFAULT_WPM = 60.0


class SessionOver(RuntimeError):
    """A turn was sent to a session that has already ended."""


class AnswerNotSaved(StoreError):
    """The candidate's turn could not be stored; the session is as it was before it was sent."""

    def __init__(self, text: str, reason: str, *, locked: bool = False) -> None:
        super().__init__(f"your answer was not saved: {reason}", locked=locked)
        self.text = text
        self.reason = reason


class InterviewSession(SessionJournal):
    """One interview in progress (see docs/ARCHITECTURE.md, "Engine")."""

    def __init__(
        self,
        record: SessionRecord,
        scenario: Scenario,
        rubric: Rubric,
        persona: Persona,
        *,
        clock: Clock | None = None,
        store: Store | None = None,
        model_voice: ModelVoice | None = None,
        events: list[Event] | None = None,
    ) -> None:
        self.record = record
        self.scenario = scenario
        self.rubric = rubric
        self.persona = persona
        self.clock: Clock = clock if clock is not None else RealClock()
        self.store = store
        # Called with each event once it is stored (the app drops a sent answer from its draft).
        self.on_saved: Callable[[Event], None] | None = None
        self.writer = SessionWriter(store, record.id, self._saved) if store is not None else None
        self.model_voice = model_voice
        self.events: list[Event] = list(events or [])
        self.planner = Planner(scenario, persona, rubric, level=record.level)
        self.offline = OfflineVoice(scenario, persona, record.seed)
        self.phase_index = 0
        self.phase_started_s = 0.0
        self.finished = record.status != "in_progress"
        self.paused = False
        self._nudged: set[str] = set()
        self._time_up = False
        self._notices: list[str] = []
        # The candidate turn still owed an answer (set while answering, or after a crash):
        # (command, observation, the phase change already recorded for it, if any).
        self._pending: tuple[str | None, Observation | None, dict[str, Any] | None] | None = None
        self._replying_to: str | None = None  # the ledger entry the candidate's latest turn answers
        if self.events:
            self._replay()
            self._repair_end()

    # ------------------------------------------------------------------ state

    @property
    def virtual(self) -> bool:
        """Headless: time moves by the length of each answer, and phases move only on /next."""
        return isinstance(self.clock, VirtualClock)

    @property
    def phase(self) -> Phase:
        return self.scenario.phases[self.phase_index]

    @property
    def phase_id(self) -> str:
        return self.phase.id

    def clock_state(self) -> ClockState:
        """Elapsed and remaining time, for the whole interview and the current phase."""
        now = self.clock.now()
        return ClockState(
            elapsed_s=now,
            phase_elapsed_s=max(0.0, now - self.phase_started_s),
            phase_budget_s=self.phase.minutes * 60.0,
            total_budget_s=self.scenario.minutes * 60.0,
        )

    def turns(self) -> list[Event]:
        """The transcript: candidate and interviewer events in order."""
        return [e for e in self.events if e.is_turn]

    def pop_notices(self) -> list[str]:
        """Things to tell the user once (the model failed over, was paused); then forgotten."""
        notices, self._notices = self._notices, []
        return notices

    @property
    def opened(self) -> bool:
        """The interviewer has spoken (the opening, with the problem statement, was recorded)."""
        return any(e.role == "interviewer" for e in self.events)

    @property
    def awaiting_reply(self) -> bool:
        """A resumed session that owes a turn: its opening, or the answer to its last candidate turn."""
        return not self.finished and (self._pending is not None or not self.opened)

    # ------------------------------------------------------------------ turns

    async def opening(self) -> AsyncIterator[str | StreamReset]:
        """The interviewer's first turn; on a resumed session, the answer still owed or a welcome back."""
        if self.finished:
            return
        if not self.opened:  # new, or stopped before the opening was recorded: the problem statement
            move = Move(kind="opening", phase=self.phase_id)
        elif self._pending is not None:
            command, obs, moved = self._pending
            if moved is not None:  # the phase had already changed when the session stopped
                statement = self.planner.statement(obs) if obs else None
                opener = self.planner.opener(self.phase_id, moved.get("from"), moved.get("reason"))
                move, end_reason = _keep_statement(statement, opener), None
            else:
                move, end_reason = self._decide(command, obs)
            async for chunk in self._say(move):
                yield chunk
            if end_reason:
                self._finish(end_reason)
            return
        else:
            move = Move(kind="welcome_back", phase=self.phase_id)
        async for chunk in self._say(move):
            yield chunk

    async def send(self, text: str) -> AsyncIterator[str | StreamReset]:
        """A candidate turn (free text, /next, /end or /hint) and the interviewer's answer."""
        text = text.strip()
        if not text:
            return
        if self.finished:
            raise SessionOver("the interview has ended")
        if self.paused:
            self.resume()
        command = command_of(text)
        clock_before = self.clock.now()
        opening = (
            None
            if command or self._time_up
            else phase_requests.phase_to_open(self.scenario, self.phase_id, text)
        )
        if opening is not None:
            self._change_phase(*opening)  # "Let's do estimates. 20M DAU...": read in the phase it belongs to
        if self.virtual and command is None:
            wpm = self.record.wpm or DEFAULT_WPM
            self.clock.advance(typing_seconds(text, wpm))  # type: ignore[attr-defined]
        await self._store_candidate(text, "command" if command else "answer", clock_before)
        if (partial := partial_notice(text)) is not None:
            self._notices.append(partial)
        # Reading the answer is pure CPU (a long paste takes a moment): off the event loop, so
        # the app keeps drawing and taking keys meanwhile.
        self._replying_to = self._latest_question()
        obs = None if command else await asyncio.to_thread(self.planner.observe, text, self.phase_id)
        self._pending = (command, obs, None)
        move, end_reason = self._decide(command, obs)
        async for chunk in self._say(move):
            yield chunk
        if end_reason:
            self._finish(end_reason)

    async def check_time(self) -> AsyncIterator[str | StreamReset]:
        """Called every second by a real-clock UI: speaks up only when a nudge or time-up is due."""
        if self.finished or self.paused or self._pending is not None:
            return
        state = self.clock_state()
        end_reason = None
        if state.total_remaining_s <= -GRACE_S:
            move, end_reason = Move(kind="closing", phase=self.phase_id, end_reason="time"), "time"
        elif state.total_remaining_s <= 0 and not self._time_up:
            move = Move(kind="time_up", phase=self.phase_id, key="time_up")
        elif state.phase_remaining_s <= 0 and self.phase_id not in self._nudged and not self._time_up:
            move = self._nudge(Move(kind="nudge", phase=self.phase_id))
        else:
            return
        async for chunk in self._say(move):
            yield chunk
        if end_reason:
            self._finish(end_reason)

    async def _store_candidate(self, text: str, kind: str, clock_before: float) -> None:
        """Record the candidate's turn and store it (retrying a locked database) before any reply.

        If it cannot be stored, it is taken back (AnswerNotSaved): nothing of it stays in the
        session, so the caller can keep the text and send it again later.
        """
        event = self._append("candidate", kind, text, store=False)
        if self.writer is None:
            return
        try:
            await self.writer.flush_patiently()
        except StoreError as exc:
            self.events.remove(event)
            self.writer.drop(event)
            if self.virtual:
                self.clock.set(clock_before)  # type: ignore[attr-defined]
            raise AnswerNotSaved(text, str(exc), locked=exc.locked) from exc

    # ------------------------------------------------------------------ deciding

    def _decide(self, command: str | None, obs: Observation | None) -> tuple[Move, str | None]:
        """The interviewer's move for this candidate turn, and an end reason if it ends the interview."""
        phase = self.phase_id
        state = self.clock_state()
        statement = self.planner.statement(obs) if obs else Move(kind="listen", phase=phase)
        if command == "/end":
            return Move(kind="closing", phase=phase, end_reason="candidate"), "candidate"
        if state.total_remaining_s <= -GRACE_S:
            return Move(kind="closing", phase=phase, end_reason="time"), "time"
        if self._time_up or state.total_remaining_s <= 0:
            if self._time_up:
                return _keep_statement(statement, Move(kind="after_time", phase=phase)), None
            return _keep_statement(statement, Move(kind="time_up", phase=phase, key="time_up")), None
        if command == "/hint":
            return self.planner.hint(phase), None
        if command == "/next" and self._just_moved_on():
            return Move(kind="hold_phase", phase=phase), None  # a second /next moves on
        if command == "/next":
            return self._move_on("next", None), None
        assert obs is not None
        if (asked := phase_requests.moved_by_candidate(self.events)) is not None:
            return phase_requests.reply(self.planner, obs, statement, *asked), None
        has_next = next_phase_id(self.scenario, phase) is not None
        phase_over = state.phase_remaining_s <= 0
        if not self.virtual and has_next:
            if phase_over and phase in self._nudged:
                return self._move_on("time", statement), None
            if self.planner.covered(phase, revealing=statement.facts):
                return self._move_on("coverage", statement), None
        if phase_over and phase not in self._nudged:
            keep = statement.kind in ("reveal", "accept", "assume", "clarify")  # answer, then the nudge
            return self._nudge(statement if keep else Move(kind="nudge", phase=phase)), None
        late = state.phase_remaining_s <= LATE_FRACTION * state.phase_budget_s
        return self.planner.reply(obs, late=late), None

    def _just_moved_on(self) -> bool:
        """The phase changed by itself (time, coverage) and nothing was said since: /next may be a slip."""
        for event in reversed(self.events[:-1]):  # the /next itself is the last event
            if event.kind == "phase":
                return event.data.get("reason") in ("time", "coverage")
            if event.role == "candidate":
                return False
        return False

    def _nudge(self, move: Move) -> Move:
        """Add the phase's time nudge to a move (and the scale question if it is still owed)."""
        move.nudge = True
        known = self.planner.state
        if move.phase == "requirements" and not known.scale_asked and "ask_scale" not in known.asked:
            move.ask_scale = True
        return move

    def _move_on(self, reason: str, statement: Move | None) -> Move:
        """Change to the next phase (a recorded event) and open it; in the last phase, say so."""
        came_from = self.phase_id
        nxt = next_phase_id(self.scenario, came_from)
        if nxt is None:
            return Move(kind="last_phase", phase=came_from)
        self._change_phase(nxt, reason)
        opener = self.planner.opener(nxt, came_from, reason)
        return _keep_statement(statement, opener) if statement else opener

    def _change_phase(self, new_phase: str, reason: str) -> None:
        old = self.phase_id
        self._update_phase_time()
        ids = [p.id for p in self.scenario.phases]
        self._append("system", "phase", "", data={"from": old, "to": new_phase, "reason": reason})
        self.phase_index = ids.index(new_phase)
        self.phase_started_s = self.clock.now()
        self.events[-1].phase = new_phase
        self._update_phase_time()
        self._store(self.events[-1])

    # ------------------------------------------------------------------ speaking

    def _latest_question(self) -> str | None:
        entry = self.planner.state.ledger.latest_open()
        return entry.key if entry is not None else None

    def reading_input(self, revealed: set[str], asked: bool) -> model_reading.ReadingInput | None:
        """What a model's reading of the candidate's turn is checked against (None: no turn to read)."""
        obs = self._pending[1] if self._pending is not None else None
        if obs is None or obs.reading is None:
            return None
        entry = self.planner.state.ledger.entries.get(self._replying_to or "")
        return model_reading.ReadingInput(
            reading=obs.reading,
            hidden={f.id for f in self.scenario.facts if f.id not in revealed},
            known={f.id for f in self.scenario.facts},
            asked=asked,
            question_key=entry.key if entry is not None else None,
            question=entry.question if entry is not None else "",
            status=entry.status if entry is not None else None,
        )

    async def _say(self, move: Move) -> AsyncIterator[str | StreamReset]:
        """Speak a move (model voice with offline fallback), then record the move actually made.

        The opening never goes through the model: the problem statement is shown verbatim.
        """
        offline_text = self.offline.render(move, elapsed_s=self.clock.now())
        spoken = Spoken(offline_text)
        voice = self.model_voice
        speaker = voice if move.kind != "opening" else None
        moves = model_turn.offers(self.planner, move) if speaker is not None else [move]
        context = lambda: model_turn.turn_context(self, move, offline_text, moves)  # noqa: E731
        async for chunk in speak(speaker, offline_text, context, spoken):
            yield chunk
        made = model_turn.made(moves, spoken.move, spoken.ask_fact) if spoken.fallback is None else move
        data = made.to_data()
        if len(moves) > 1 and spoken.fallback is None:
            data["offered"] = [m.kind for m in moves]
        if spoken.reading is not None:
            data.update(spoken.reading.to_data())
        elif speaker is not None and self._pending is not None and self._pending[1] is not None:
            data["reading_source"] = model_reading.OFFLINE  # the model was not asked (breaker open)
        if spoken.released:
            data["model_chars"] = spoken.released  # the turn's text starts with this much of the model's
        self._append("interviewer", "say", spoken.text, fallback=spoken.fallback, data=data)
        model_reading.apply(self.planner, data)
        self.planner.commit(made)
        self._pending = None
        self._note_move(made)
        if voice is not None:
            notice = voice.pop_notice()
            if notice:
                self._notices.append(notice)
                self._append("system", "notice", notice)

    def _note_move(self, move: Move) -> None:
        if move.nudge:
            self._nudged.add(move.phase)
        if move.kind == "time_up":
            self._time_up = True

    # ------------------------------------------------------------------ other actions

    def save_whiteboard(self, text: str) -> None:
        """Keep the whiteboard (the whole board) as an event and on the record."""
        if text == self.record.whiteboard:
            return
        self.record.whiteboard = text
        self.planner.observe_board(text)
        self._append("system", "whiteboard", text, store=False)
        if self.writer is not None:
            self.writer.add_fields(whiteboard=text)
        self._store(self.events[-1])

    def pause(self) -> None:
        """Stop the clock (real time); recorded as an event."""
        if self.paused or self.finished:
            return
        if isinstance(self.clock, RealClock):
            self.clock.pause()
        self.paused = True
        self._append("system", "pause", "")

    def resume(self) -> None:
        """Start the clock again after a pause."""
        if not self.paused:
            return
        if isinstance(self.clock, RealClock):
            self.clock.resume()
        self.paused = False
        self._append("system", "resume", "")

    def end(self, status: str = "completed") -> None:
        """End the interview now (completed, or abandoned) and record it."""
        if self.finished:
            return
        self._finish("ended", status=status)

    def _finish(self, reason: str, status: str = "completed") -> None:
        event = self._append("system", "end", "", data={"reason": reason, "status": status}, store=False)
        self.finished = True
        self.record.status = status  # type: ignore[assignment]
        self.record.ended_at = event.at
        if self.writer is not None:
            self.writer.add_fields(status=status, ended_at=self.record.ended_at)
        self._store(event)

    def _repair_end(self) -> None:
        """A stored end whose status never was (stopped between the two): finish the record now."""
        if not self.finished or self.record.status != "in_progress":
            return
        end = next((e for e in reversed(self.events) if e.kind == "end"), None)
        if end is None:
            return
        status = end.data.get("status", "completed")
        self.record.status = status if status in ("completed", "abandoned") else "completed"  # type: ignore[assignment]
        self.record.ended_at = end.at
        if self.writer is not None:
            self.writer.add_fields(status=self.record.status, ended_at=end.at)
            self.writer.flush()  # resuming: a database problem is the caller's to report

    # ------------------------------------------------------------------ replay

    def _replay(self) -> None:
        """Rebuild phase, time bookkeeping and planner state from the stored events."""
        ids = [p.id for p in self.scenario.phases]
        pending: tuple[str | None, Observation | None, dict[str, Any] | None] | None = None
        for event in self.events:
            if event.kind == "phase" and event.data.get("to") in ids:
                self.phase_index = ids.index(event.data["to"])
                self.phase_started_s = event.elapsed_s
                if pending is not None:
                    pending = (pending[0], pending[1], dict(event.data))
            elif event.role == "candidate":
                command = command_of(event.text) if event.kind == "command" else None
                self._replying_to = self._latest_question()
                obs = None if command else self.planner.observe(event.text, event.phase)
                pending = (command, obs, None)
            elif event.role == "interviewer":
                move = Move.from_data(event.data, event.phase)
                self.offline.render(move, elapsed_s=event.elapsed_s)  # the phrasing cycles move on too
                model_reading.apply(self.planner, event.data)  # what a model's reading settled
                self.planner.commit(move)
                self._note_move(move)
                pending = None
            elif event.kind == "whiteboard":
                self.planner.observe_board(event.text)
            elif event.kind in ("pause", "resume"):
                self.paused = event.kind == "pause"
            elif event.kind == "end":
                self.finished = True
        self._pending = pending if not self.finished else None
        if self.paused and isinstance(self.clock, RealClock):
            self.clock.pause()  # left paused (e.g. the user quit): time stands still until resume()


def _keep_statement(statement: Move | None, move: Move) -> Move:
    """Carry a reply's statement part (facts revealed, figures accepted) into another move."""
    if statement is None:
        return move
    move.facts = statement.facts
    move.repeated_facts = statement.repeated_facts
    move.accepted = statement.accepted
    return move
