"""Time to first frame and to the scenario list of `interview` in tmux, next to a bare Textual app.

All are measured the same way: start a detached 120x40 tmux session running the command,
poll `capture-pane` until a known piece of text is on screen, and take the median of several
runs. Prints the bare app's first frame, `interview`'s first frame (its home screen's
"Recent sessions") and the moment its scenario list shows (a built-in scenario's row),
with the differences (targets: first frame within +0.3 s, the list within +0.15 s; the
list comes from the scenario index, tui/scenario_index.py, once one load has written it).

    .venv/bin/python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HELLO = """\
from textual.app import App
from textual.widgets import Footer, Header, Static


class Hello(App):
    def compose(self):
        yield Header()
        yield Static("Hello, world")
        yield Footer()


Hello().run()
"""


# The list's row (its left border, then the title as the list shows it below 130 columns,
# tui/screens/home.py list_title): the brief's "Design a URL shortener" is not the list.
LIST_MARKER = "│ URL shortener"


def first_frame(command: list[str], marker: str, env: dict[str, str], timeout: float = 30.0) -> float:
    """Seconds from starting the tmux session until `marker` is on the screen."""
    return frames(command, [marker], env, timeout)[marker]


def frames(
    command: list[str], markers: list[str], env: dict[str, str], timeout: float = 30.0
) -> dict[str, float]:
    """Seconds from starting the tmux session until each of `markers` is on the screen."""
    name = f"bench-{uuid.uuid4().hex[:8]}"
    shell = (
        "env -u COLUMNS -u LINES " + " ".join(f"{k}='{v}'" for k, v in env.items()) + " " + " ".join(command)
    )
    start = time.perf_counter()
    seen: dict[str, float] = {}
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "40", shell], check=True)
    try:
        while time.perf_counter() - start < timeout:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True
            )
            for marker in markers:
                if marker not in seen and marker in screen.stdout:
                    seen[marker] = time.perf_counter() - start
            if len(seen) == len(markers):
                return seen
            time.sleep(0.005)
        missing = [m for m in markers if m not in seen]
        raise RuntimeError(f"{missing!r} never appeared for {' '.join(command)}")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is required")
    python = sys.executable
    script = Path(python).with_name("interview")
    interview = [str(script)] if script.exists() else [python, "-m", "interview"]
    holder = f"bench-holder-{uuid.uuid4().hex[:8]}"  # keeps the tmux server up between runs
    subprocess.run(["tmux", "new-session", "-d", "-s", holder, "sleep 600"], check=True)
    try:
        bare, app, listed = _run_all(python, interview, args.runs)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", holder], capture_output=True)
    report(python, bare, app, args.runs, listed)


def _run_all(python: str, interview: list[str], runs: int) -> tuple[list[float], list[float], list[float]]:
    with tempfile.TemporaryDirectory() as tmp:
        hello = Path(tmp) / "hello.py"
        hello.write_text(HELLO, encoding="utf-8")
        env = {
            "XDG_CONFIG_HOME": f"{tmp}/config",
            "XDG_DATA_HOME": f"{tmp}/data",
            "TERM": "xterm-256color",
            "PATH": os.environ.get("PATH", ""),
        }
        hello_cmd = [python, str(hello)]
        first_frame(hello_cmd, "Hello, world", env)  # warm the file cache
        first_frame(interview, LIST_MARKER, env)  # ... and create the database and the index
        bare: list[float] = []
        app: list[float] = []
        listed: list[float] = []
        for _ in range(runs):  # interleaved, so a busy moment on the machine hits both
            bare.append(first_frame(hello_cmd, "Hello, world", env))
            seen = frames(interview, ["Recent sessions", LIST_MARKER], env)
            app.append(seen["Recent sessions"])
            listed.append(seen[LIST_MARKER])
    return bare, app, listed


def report(python: str, bare: list[float], app: list[float], runs: int, listed: list[float]) -> None:
    """Print the medians and the differences."""
    bare_median = statistics.median(bare)
    app_median = statistics.median(app)
    print(f"runs: {runs} each, 120x40 tmux, first frame = marker text visible in capture-pane")
    print(f"bare Textual hello-world: median {bare_median:.3f} s  (min {min(bare):.3f}, max {max(bare):.3f})")
    print(f"interview (home screen):  median {app_median:.3f} s  (min {min(app):.3f}, max {max(app):.3f})")
    delta = app_median - bare_median
    verdict = "within" if delta <= 0.3 else "OVER"
    print(f"difference: {delta:+.3f} s ({verdict} the +0.300 s target)")
    list_median = statistics.median(listed)
    print(
        f"interview (scenario list): median {list_median:.3f} s  "
        f"(min {min(listed):.3f}, max {max(listed):.3f})"
    )
    list_delta = list_median - bare_median
    print(
        f"list after the bare app's first frame: {list_delta:+.3f} s "
        f"({'within' if list_delta <= 0.15 else 'OVER'} the +0.150 s target)"
    )
    loaded = subprocess.run(
        [python, "-c", "import interview.tui.app, sys; print('litellm' in sys.modules)"],
        capture_output=True,
        text=True,
    )
    print(f"litellm imported by interview.tui.app: {loaded.stdout.strip()}")
    print(f"load average (1, 5, 15 min): {' '.join(os.getloadavg().__repr__().strip('()').split(', '))}")


if __name__ == "__main__":
    main()
