"""End to end: the real `interview` command in a real terminal (tmux).

Types a question, sends it with ctrl+s, reads the interviewer's answer off the screen; then
closes the terminal mid-answer and checks the draft survived for `interview resume`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def _interview_command() -> list[str]:
    script = Path(sys.executable).with_name("interview")
    return [str(script)] if script.exists() else [sys.executable, "-m", "interview"]


class Tmux:
    """One detached tmux session running a command in a 120x40 terminal."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.name = f"iv-e2e-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={_quote(v)}" for k, v in env.items())
        shell = f"env -u COLUMNS -u LINES {exports} {' '.join(_quote(c) for c in command)}"
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", "120", "-y", "40", shell], check=True
        )

    def screen(self) -> str:
        result = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return result.stdout

    def send(self, *keys: str, literal: bool = False) -> None:
        subprocess.run(
            ["tmux", "send-keys", "-t", self.name, *(["-l"] if literal else []), *keys], check=True
        )

    def wait_for(self, condition: Callable[[str], bool], timeout: float = 30.0, what: str = "") -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.screen()
            if condition(text):
                return text
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; screen was:\n{self.screen()}")

    def kill(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def _quote(value: str) -> str:
    return "'" + value.replace("'", "'\\''") + "'"


@pytest.fixture
def terminal_env(tmp_path: Path) -> dict[str, str]:
    return {
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
        "LITELLM_MODE": "PRODUCTION",
    }


@pytest.fixture
def tmux_sessions() -> Iterator[list[Tmux]]:
    started: list[Tmux] = []
    yield started
    for session in started:
        session.kill()


def test_answer_in_tmux_and_read_the_reply_then_hang_up(
    terminal_env: dict[str, str], tmp_path: Path, tmux_sessions: list[Tmux]
) -> None:
    db = tmp_path / "e2e.db"
    term = Tmux([*_interview_command(), "practice", "url-shortener", "--db", str(db)], terminal_env)
    tmux_sessions.append(term)
    term.wait_for(lambda s: "Your answer" in s and "Interviewer" in s, what="the interview screen")
    term.wait_for(lambda s: "Design a URL shortener" in s, what="the title")

    term.send("How many new short URLs are created each month?", literal=True)
    term.send("C-s")
    screen = term.wait_for(lambda s: "100 million" in s, what="the interviewer's reply")
    assert "How many new short URLs are created each month?" in screen  # our turn is shown

    # Closing the terminal (SIGHUP) mid-answer keeps the unsent draft for `interview resume`.
    term.send("Roughly 40 writes a second", literal=True)
    term.wait_for(lambda s: "Roughly 40 writes a second" in s, what="the draft on screen")
    term.kill()
    drafts = tmp_path / "data" / "interview" / "drafts"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not any(drafts.glob("*.txt")):
        time.sleep(0.1)
    saved = [p.read_text(encoding="utf-8") for p in drafts.glob("*.txt")]
    assert saved == ["Roughly 40 writes a second"]

    env = {**os.environ, **terminal_env}
    listed = subprocess.run(
        [*_interview_command(), "history", "--json", "--db", str(db)], capture_output=True, text=True, env=env
    )
    assert listed.returncode == 0, listed.stderr
    assert '"in_progress"' in listed.stdout
