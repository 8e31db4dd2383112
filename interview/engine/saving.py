"""The one path by which a session's events and record changes reach the store.

Events are written strictly in order (their `seq` is their place in the session), so a
write that fails leaves the event waiting here, and everything after it waits behind it:
what is stored is always a gap-free prefix of the session, which resume can replay. The
next write tries the waiting ones first. A locked database is retried: in `flush_patiently`
with short waits between which an event loop keeps running, elsewhere by SQLite's own
lock wait (`$INTERVIEW_DB_TIMEOUT`, 5 s).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from interview.engine.records import Event
from interview.store.errors import StoreError

if TYPE_CHECKING:
    from interview.store import Store

RETRY_WAIT_S = 0.1  # each try's lock wait, and the pause between tries, in flush_patiently


class SessionWriter:
    """Events and session fields not yet stored, written in order by one method."""

    def __init__(self, store: Store, session_id: str, on_saved: Callable[[Event], None]) -> None:
        self.store = store
        self.session_id = session_id
        self.on_saved = on_saved
        self.unsaved: list[Event] = []
        self.fields: dict[str, Any] = {}
        self.failure: str | None = None  # why the last write failed; None once one succeeds

    @property
    def pending(self) -> bool:
        """Something is waiting to be stored."""
        return bool(self.unsaved or self.fields)

    def add_event(self, event: Event) -> None:
        self.unsaved.append(event)

    def add_fields(self, **fields: Any) -> None:
        self.fields.update(fields)

    def drop(self, event: Event) -> None:
        """Forget an event that was never stored (the caller takes it back)."""
        self.unsaved = [e for e in self.unsaved if e is not event]

    def flush(self) -> None:
        """Store everything waiting, in order; on a StoreError the rest keeps waiting."""
        try:
            while self.unsaved:
                event = self.unsaved[0]
                try:
                    self.store.append_event(self.session_id, event)
                except ValueError:  # its seq is stored already: by an earlier try, or by someone else
                    self._check_same(event)
                self.unsaved.pop(0)
                self.on_saved(event)
            if self.fields:
                self.store.update_session(self.session_id, **self.fields)
                self.fields = {}
        except StoreError as exc:
            self.failure = str(exc)
            raise
        self.failure = None

    def _check_same(self, event: Event) -> None:
        """The stored event with this seq must be this one (a try that committed), else refuse."""
        stored = next((e for e in self.store.events(self.session_id) if e.seq == event.seq), None)
        if stored is None or (stored.role, stored.kind, stored.text) != (event.role, event.kind, event.text):
            raise StoreError(
                f"this interview was continued elsewhere (another window?) in database {self.store.path}; "
                "close this one and resume it there"
            )

    def try_flush(self) -> bool:
        """`flush`, keeping what could not be stored for the next write; True when all is stored."""
        try:
            self.flush()
        except StoreError:
            return False
        return True

    async def flush_patiently(self) -> None:
        """`flush`, retrying a locked database for up to the store's lock wait without blocking.

        Raises the last StoreError when the database stays locked (or fails otherwise).
        """
        started = time.monotonic()
        deadline = started + max(self.store.busy_timeout, RETRY_WAIT_S)
        while True:
            try:
                with self.store.lock_wait(RETRY_WAIT_S):
                    self.flush()
                return
            except StoreError as exc:
                if not exc.locked:
                    raise
                if time.monotonic() >= deadline:
                    waited = time.monotonic() - started
                    self.failure = (
                        f"database {self.store.path} stayed locked by another process for {waited:.0f} s"
                    )
                    raise StoreError(self.failure, locked=True) from exc
            await asyncio.sleep(RETRY_WAIT_S)
