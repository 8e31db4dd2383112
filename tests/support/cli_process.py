"""Starting the real `interview` command in a child process, as a terminal would.

A process started in the background by a non-interactive shell (a CI script, `pytest &`)
inherits SIGINT *ignored*, and Python keeps it ignored: a test that sends ctrl+c to such a
child waits forever (issue 18's "swallowed ctrl+c"). Ignoring an inherited SIG_IGN is right
for the product (that is how `cmd &` is meant to behave), so the child restores the default
handler first, as a process started from a terminal has it.
"""

from __future__ import annotations

import sys

_START = (
    "import signal, sys\n"
    "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
    "from interview.cli import main\n"
    "main()\n"
)


def interview_argv(*args: str) -> list[str]:
    """The argv that runs `interview ARGS` with ctrl+c delivered as in a terminal."""
    return [sys.executable, "-c", _START, *args]
