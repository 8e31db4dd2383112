"""A session's journal: each step appended as an `Event` and stored as it happens.

`InterviewSession` (engine/session.py) keeps its events through this mixin: `_append` numbers
and times an event and hands it to the `SessionWriter`; `_store` flushes what waits and, when
the store fails, keeps it for the next write and says so once as a notice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from interview.engine.clock import Clock
from interview.engine.records import Event, SessionRecord
from interview.engine.saving import SessionWriter


class SessionJournal:
    """The event log of a session (a mixin: the session sets these attributes)."""

    clock: Clock
    record: SessionRecord
    events: list[Event]
    writer: SessionWriter | None
    on_saved: Callable[[Event], None] | None
    phase_started_s: float
    _notices: list[str]
    phase_id: str  # the current phase (a property of the session)

    def _update_phase_time(self) -> None:
        now = self.clock.now()
        self.record.elapsed_s = round(now, 3)
        self.record.phase_times[self.phase_id] = round(max(0.0, now - self.phase_started_s), 3)

    def _append(
        self,
        role: str,
        kind: str,
        text: str,
        *,
        fallback: str | None = None,
        data: dict[str, Any] | None = None,
        store: bool = True,
    ) -> Event:
        event = Event(
            seq=self.events[-1].seq + 1 if self.events else 0,  # after a gap too (older versions left some)
            role=role,  # type: ignore[arg-type]
            kind=kind,  # type: ignore[arg-type]
            phase=self.phase_id,
            elapsed_s=round(self.clock.now(), 3),
            text=text,
            fallback=fallback,
            data=data or {},
            at=datetime.now(UTC),
        )
        self.events.append(event)
        if kind != "phase":  # a phase event is stored once the new phase is set
            self._update_phase_time()
            if store:
                self._store(event)
            elif self.writer is not None:
                self.writer.add_event(event)
        return event

    def _store(self, event: Event) -> None:
        """Queue an event (with the time bookkeeping) and store all that waits; never raises.

        A failure leaves it waiting for the next write (the candidate's next turn retries
        first) and is told once as a notice.
        """
        writer = self.writer
        if writer is None:
            return
        if all(waiting is not event for waiting in writer.unsaved):
            writer.add_event(event)
        if event.role != "candidate":  # a candidate's time is stored with the reply that follows
            writer.add_fields(elapsed_s=self.record.elapsed_s, phase_times=dict(self.record.phase_times))
        failing = writer.failure is not None
        if not writer.try_flush() and not failing:
            self._notices.append(
                f"Could not save the interview ({writer.failure}); it is kept and saved again "
                "with your next answer."
            )

    def save_pending(self) -> bool:
        """Try once more to store what is waiting (on quit); True when everything is stored."""
        return self.writer is None or self.writer.try_flush()

    def _saved(self, event: Event) -> None:
        if self.on_saved is not None:
            self.on_saved(event)
