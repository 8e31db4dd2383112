"""SIGHUP/SIGTERM at any moment: save through the app's event loop, and make sure the process ends.

Handlers are installed before the app starts, so a terminal closed during startup is
handled too: before the app's loop runs there is nothing to save and the process ends at
once; after, the app's save-and-exit runs on its loop. A watchdog thread ends the
process if the app has not exited shortly after saving: when the terminal is gone,
Textual's shutdown can block for ever on its output queue (its writer thread died on
the closed terminal), and a blocked loop would never see a second signal. A second
signal ends the process at once. Kept free of Textual so it imports fast.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

SIGNALS = (signal.SIGHUP, signal.SIGTERM)
START_GRACE_S = 1.5  # for the loop to begin saving
SAVE_LIMIT_S = 12.0  # saving waits at most one database lock timeout, plus a margin
# After saving, for the app to close normally: short when the terminal is gone (nothing
# to restore on it), longer for SIGTERM so the terminal is left in its normal mode.
EXIT_GRACE_S = {signal.SIGHUP: 0.3, signal.SIGTERM: 1.5}


class HangUp:
    """Turns SIGHUP/SIGTERM into `on_signal()` on the app's loop, with a watchdog behind it."""

    def __init__(self, on_signal: Callable[[], None]) -> None:
        self.on_signal = on_signal
        self.signum: int | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.saving = threading.Event()
        self.saved = threading.Event()
        self._previous: dict[int, Any] = {}
        self._ran = False

    def install(self) -> None:
        """Handle the signals from now on (call in the main thread, before the app runs)."""
        for sig in SIGNALS:
            try:
                self._previous[sig] = signal.signal(sig, self._handle)
            except (ValueError, OSError):  # not the main thread, or not supported here
                pass

    def uninstall(self) -> None:
        """Put the previous handlers back."""
        for sig, previous in self._previous.items():
            try:
                signal.signal(sig, previous)
            except (ValueError, OSError, TypeError):
                pass
        self._previous.clear()

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """The app's loop is running: from now on a signal saves before the process ends."""
        self.loop = loop

    def end_now(self) -> None:
        """After the app closed on a signal: flush what can be flushed and end the process."""
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # the terminal is gone
                pass
        os._exit(128 + (self.signum or signal.SIGTERM))

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.signum is not None:  # asked twice: no more waiting
            os._exit(128 + signum)
        self.signum = signum
        loop = self.loop
        if loop is None or loop.is_closed():
            # Before the app's loop runs nothing is open to save, and the terminal is not yet
            # in application mode: end now, as the default action would.
            os._exit(128 + signum)
        threading.Thread(target=self._watchdog, name="hang-up watchdog", daemon=True).start()
        try:
            loop.call_soon_threadsafe(self._run_once)
        except RuntimeError:  # the loop closed meanwhile; the watchdog ends the process
            pass

    def _run_once(self) -> None:
        if self._ran:
            return
        self._ran = True
        self.saving.set()
        try:
            self.on_signal()
        finally:
            self.saved.set()

    def _watchdog(self) -> None:
        """End the process if saving never starts, or the app does not exit after it."""
        if self.saving.wait(START_GRACE_S):
            self.saved.wait(SAVE_LIMIT_S)
        threading.Event().wait(EXIT_GRACE_S.get(self.signum or signal.SIGTERM, 1.0))
        os._exit(128 + (self.signum or signal.SIGTERM))
