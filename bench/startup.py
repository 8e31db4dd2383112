"""Time to first frame of `interview` in a real terminal (tmux), next to a bare Textual app.

Both are measured the same way: start a detached 120x40 tmux session running the command,
poll `capture-pane` until a known piece of text is on screen, and take the median of several
runs. Prints both and the difference (target: `interview` no more than 0.3 s slower).

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


def first_frame(command: list[str], marker: str, env: dict[str, str], timeout: float = 30.0) -> float:
    """Seconds from starting the tmux session until `marker` is on the screen."""
    name = f"bench-{uuid.uuid4().hex[:8]}"
    shell = (
        "env -u COLUMNS -u LINES " + " ".join(f"{k}='{v}'" for k, v in env.items()) + " " + " ".join(command)
    )
    start = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "40", shell], check=True)
    try:
        while time.perf_counter() - start < timeout:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True
            )
            if marker in screen.stdout:
                return time.perf_counter() - start
            time.sleep(0.005)
        raise RuntimeError(f"{marker!r} never appeared for {' '.join(command)}")
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
        bare, app = _run_all(python, interview, args.runs)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", holder], capture_output=True)
    report(python, bare, app, args.runs)


def _run_all(python: str, interview: list[str], runs: int) -> tuple[list[float], list[float]]:
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
        first_frame(interview, "Recent sessions", env)  # ... and create the database
        bare: list[float] = []
        app: list[float] = []
        for _ in range(runs):  # interleaved, so a busy moment on the machine hits both
            bare.append(first_frame(hello_cmd, "Hello, world", env))
            app.append(first_frame(interview, "Recent sessions", env))
    return bare, app


def report(python: str, bare: list[float], app: list[float], runs: int) -> None:
    """Print both medians and the difference."""
    bare_median = statistics.median(bare)
    app_median = statistics.median(app)
    print(f"runs: {runs} each, 120x40 tmux, first frame = marker text visible in capture-pane")
    print(f"bare Textual hello-world: median {bare_median:.3f} s  (min {min(bare):.3f}, max {max(bare):.3f})")
    print(f"interview (home screen):  median {app_median:.3f} s  (min {min(app):.3f}, max {max(app):.3f})")
    delta = app_median - bare_median
    verdict = "within" if delta <= 0.3 else "OVER"
    print(f"difference: {delta:+.3f} s ({verdict} the +0.300 s target)")
    loaded = subprocess.run(
        [python, "-c", "import interview.tui.app, sys; print('litellm' in sys.modules)"],
        capture_output=True,
        text=True,
    )
    print(f"litellm imported by interview.tui.app: {loaded.stdout.strip()}")


if __name__ == "__main__":
    main()
