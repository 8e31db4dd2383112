"""kill -9 of the real app while the interviewer is still speaking and an answer waits to be sent.

The waiting answer is on disk the moment it is sent; `interview resume` gives the reply that
was cut off and hands the waiting answer back in the answer box; nothing is stored twice.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from interview.store import Store
from tests.e2e.test_e2e_signals import _app_pid, _gone_within
from tests.e2e.test_e2e_tmux import Tmux, _interview_command, pytestmark, terminal_env, tmux_sessions  # noqa: F401
from tests.support.stub_server import ThreadedStubServer

REPLY = "Noted. Tell me more about that, and about the numbers behind it, please."


def test_kill_9_with_an_answer_waiting_loses_nothing_and_skips_no_reply(
    terminal_env: dict[str, str],  # noqa: F811
    tmp_path: Path,
    tmux_sessions: list[Tmux],  # noqa: F811
) -> None:
    db = tmp_path / "e2e.db"
    env = {**terminal_env, "OPENAI_API_KEY": "test-key"}
    drafts = tmp_path / "data" / "interview" / "drafts"
    with ThreadedStubServer(reply_text=REPLY, slow_delay=0.6) as server:
        model = ["--model", "openai/slow", "--api-base", server.base_url, "--timeout", "60"]
        term = Tmux([*_interview_command(), "practice", "url-shortener", "--db", str(db), *model], env)
        tmux_sessions.append(term)
        pid = _app_pid(term)
        # The opening is the scenario's own text (never the model's).
        term.wait_for(lambda s: "bit.ly" in s and "thinking" not in s, 90, "the opening")

        term.send("How many URLs a month?", literal=True)
        term.send("C-s")
        deadline = time.monotonic() + 60  # the model is asked; its reply is held until whole (~3 s)
        while time.monotonic() < deadline and server.count("slow") == 0:
            time.sleep(0.02)
        assert server.count("slow") == 1
        term.send("An answer typed while it speaks", literal=True)
        term.send("C-s")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not list(drafts.glob("*.txt")):
            time.sleep(0.02)
        assert [p.read_text(encoding="utf-8") for p in drafts.glob("*.txt")] == [
            "An answer typed while it speaks"
        ]
        os.kill(pid, signal.SIGKILL)
        assert _gone_within(pid, 3.0)
        term.kill()

        with Store(db) as store:
            (waiting,) = store.in_progress()
            stored = store.events(waiting.id)
        assert [e.text for e in stored if e.role == "candidate"] == ["How many URLs a month?"]

        again = Tmux([*_interview_command(), "resume", "--db", str(db)], env)
        tmux_sessions.append(again)
        screen = again.wait_for(
            lambda s: s.count("behind it, please.") == 1 and "An answer typed while it speaks" in s,
            90,
            "the owed reply and the handed-back answer",
        )
        assert "How many URLs a month?" in screen
        again.send("C-q")
    with Store(db) as store:
        events = store.events(waiting.id)
    assert [e.role for e in events if e.role != "system"] == ["interviewer", "candidate", "interviewer"]
    assert [e.seq for e in events] == list(range(len(events)))
