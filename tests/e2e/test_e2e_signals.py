"""The real app in tmux ends on SIGHUP (terminal closed) and SIGTERM at any moment, saving first."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from interview.store import Store
from tests.e2e.test_e2e_tmux import Tmux, _interview_command, terminal_env, tmux_sessions  # noqa: F401

pytestmark = pytest.mark.skipif(
    subprocess.run(["which", "tmux"], capture_output=True).returncode != 0, reason="tmux is not installed"
)


def _app_pid(term: Tmux, timeout: float = 20.0) -> int:
    """The pid of the Python process running the app inside the tmux pane."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = subprocess.run(
            ["tmux", "display-message", "-p", "-t", term.name, "#{pane_pid}"], capture_output=True, text=True
        ).stdout.strip()
        if shown.isdigit():
            pane = int(shown)
            children = subprocess.run(
                ["pgrep", "-P", str(pane)], capture_output=True, text=True
            ).stdout.split()
            if _cmdline(pane).startswith(("env", "sh", "bash")) and children:
                return int(children[0])
            if "python" in _cmdline(pane) or "interview" in _cmdline(pane):
                return pane
        time.sleep(0.01)
    raise AssertionError("the app's process never started")


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for its parent to reap it has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return not _alive(pid)


@pytest.mark.parametrize("after", [0.2, 0.6, 1.2, 2.5])
def test_closing_the_terminal_right_after_launch_ends_the_app(
    terminal_env: dict[str, str],  # noqa: F811
    tmp_path: Path,
    tmux_sessions: list[Tmux],  # noqa: F811
    after: float,
) -> None:
    env = {**terminal_env, "INTERVIEW_DB": str(tmp_path / "e2e.db")}
    term = Tmux(_interview_command(), env)
    tmux_sessions.append(term)
    launched = time.monotonic()
    pid = _app_pid(term)
    time.sleep(max(0.0, after - (time.monotonic() - launched)))
    term.kill()  # closes the terminal: the app gets SIGHUP
    assert _gone_within(pid, 3.0), f"the app (pid {pid}) still runs 3 s after its terminal closed"


def test_sigterm_mid_interview_saves_the_draft_and_ends(
    terminal_env: dict[str, str],  # noqa: F811
    tmp_path: Path,
    tmux_sessions: list[Tmux],  # noqa: F811
) -> None:
    db = tmp_path / "e2e.db"
    term = Tmux([*_interview_command(), "practice", "url-shortener", "--db", str(db)], terminal_env)
    tmux_sessions.append(term)
    pid = _app_pid(term)
    term.wait_for(lambda s: "Design a URL shortener" in s and "Your answer" in s, what="the interview")
    term.send("half an answer about sharding", literal=True)
    term.wait_for(lambda s: "half an answer about sharding" in s, what="the draft on screen")
    os.kill(pid, signal.SIGTERM)
    assert _gone_within(pid, 3.0), "the app ignored SIGTERM"
    drafts = list((tmp_path / "data" / "interview" / "drafts").glob("*.txt"))
    assert [p.read_text(encoding="utf-8") for p in drafts] == ["half an answer about sharding"]
    with Store(db) as store:
        (waiting,) = store.in_progress()
        kinds = [e.kind for e in store.events(waiting.id)]
    assert kinds[0] == "say" and kinds[-1] == "pause"  # the opening was stored; the clock stopped


def test_closing_the_terminal_mid_interview_with_a_model_ends_the_app_and_keeps_the_draft(
    terminal_env: dict[str, str],  # noqa: F811
    tmp_path: Path,
    tmux_sessions: list[Tmux],  # noqa: F811
) -> None:
    """With litellm loaded the interpreter's teardown alone took seconds; the app must not wait for it."""
    from tests.support.stub_server import ThreadedStubServer

    db = tmp_path / "e2e.db"
    env = {**terminal_env, "OPENAI_API_KEY": "test-key"}
    with ThreadedStubServer(reply_text="Fine. What else would you like to know?") as server:
        model = ["--model", "openai/ok", "--api-base", server.base_url, "--timeout", "60"]
        term = Tmux([*_interview_command(), "practice", "url-shortener", "--db", str(db), *model], env)
        tmux_sessions.append(term)
        pid = _app_pid(term)
        term.wait_for(lambda s: "bit.ly" in s and "thinking" not in s, 90, "opening")  # never the model's
        term.send("How many URLs a month?", literal=True)
        term.send("C-s")
        term.wait_for(
            lambda s: "What else would you like to know?" in s and "thinking" not in s, 90, "the model's reply"
        )
        term.send("a draft that must survive", literal=True)
        term.wait_for(lambda s: "a draft that must survive" in s, what="the draft on screen")
        term.kill()
        assert _gone_within(pid, 3.0), "the app still runs 3 s after its terminal closed"
    drafts = list((tmp_path / "data" / "interview" / "drafts").glob("*.txt"))
    assert [p.read_text(encoding="utf-8") for p in drafts] == ["a draft that must survive"]
