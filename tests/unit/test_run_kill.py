"""kill -9 of a real `interview run` while the interviewer streams; `--resume` then finishes it.

Issue 4: a kill at any moment loses at most the interviewer text that was still streaming;
no candidate turn is lost or duplicated.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from interview.engine.answers import read_answers
from interview.store import Store
from tests.support.stub_server import ThreadedStubServer

RUNS = Path(__file__).resolve().parents[1] / "fixtures" / "runs"


def interview(*args: str, **kw) -> subprocess.Popen:  # noqa: ANN003
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTERVIEW_")}
    return subprocess.Popen(
        [sys.executable, "-m", "interview", "run", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        **kw,
    )


def wait_for(condition, timeout: float = 60.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


def test_kill_9_while_streaming_then_resume_loses_no_candidate_turn(tmp_path: Path) -> None:
    db = tmp_path / "interview.db"
    full = RUNS / "url-shortener.txt"
    answers = read_answers(full)
    first_part = tmp_path / "first.txt"
    first_part.write_text("\n---\n".join(answers[:5]), encoding="utf-8")

    with ThreadedStubServer(stall_after=2) as server:
        base = server.base_url
        # 1. a model run whose answers run out: the session stays in progress
        done = interview("url-shortener", "--answers", str(first_part), "--model", "openai/ok",
                         "--api-base", base, "--db", str(db), "--json")  # fmt: skip
        out, err = done.communicate(timeout=120)
        assert done.returncode == 0, err
        store = Store(db)
        (summary,) = store.in_progress()
        session_id = summary.id
        store.close()

        # 2. resume against a model that stalls mid-answer; kill -9 while it streams
        before = server.count("stall")
        victim = interview("--resume", session_id, "--answers", str(full), "--model", "openai/stall",
                           "--api-base", base, "--db", str(db))  # fmt: skip
        wait_for(lambda: server.count("stall") > before)
        time.sleep(0.5)  # the stub has sent its first chunks and is now hanging mid-stream
        assert victim.poll() is None, "the run should still be waiting on the stream"
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=30)
        assert victim.returncode == -signal.SIGKILL

    store = Store(db)
    events = store.events(session_id)
    store.close()
    assert events[-1].role == "candidate"  # committed before the model was asked
    assert events[-1].text == answers[5]

    # 3. resume offline with the same file: the owed reply comes first, then the rest
    finish = interview("--resume", session_id, "--answers", str(full), "--model", "offline",
                       "--db", str(db), "--json")  # fmt: skip
    out, err = finish.communicate(timeout=120)
    assert finish.returncode == 0, err

    store = Store(db)
    record = store.get_session(session_id)
    events = store.events(session_id)
    store.close()
    assert record.status == "completed"
    turns = [e for e in events if e.is_turn]
    assert [e.text for e in turns if e.role == "candidate"] == answers  # none lost, none twice
    for i, event in enumerate(turns):  # every candidate turn got exactly one reply
        if event.role == "candidate":
            assert turns[i + 1].role == "interviewer"
    assert [e.seq for e in events] == list(range(len(events)))


def test_ctrl_c_leaves_the_session_resumable_and_says_how(tmp_path: Path) -> None:
    db = tmp_path / "interview.db"
    with ThreadedStubServer(stall_after=1) as server:
        run = interview("url-shortener", "--answers", str(RUNS / "url-shortener.txt"), "--model", "openai/stall",
                        "--api-base", server.base_url, "--db", str(db))  # fmt: skip
        # Starting takes a few seconds (litellm's import), minutes on a loaded machine: wait for the
        # request itself. Then one ctrl+c must end the run at once, never wait for the stream.
        wait_for(lambda: server.count("stall") > 0, timeout=240)
        time.sleep(0.3)
        run.send_signal(signal.SIGINT)
        out, err = run.communicate(timeout=60)
    assert run.returncode == 130
    assert "still in progress" in err and "--resume" in err and "Traceback" not in err
    store = Store(db)
    (summary,) = store.in_progress()
    store.close()
    assert summary.scenario_id == "url-shortener"
