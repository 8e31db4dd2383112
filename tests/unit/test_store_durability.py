"""append_event is durable when it returns: a process killed with SIGKILL right after keeps it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from interview.store import Store
from tests.conftest import REPO
from tests.support.store_data import make_events, make_record

TYPIST = """
import sys, time
from pathlib import Path
from interview.store import Store
from tests.support.store_data import make_events, make_record

store = Store(Path(sys.argv[1]))
record = make_record(status="in_progress")
store.create_session(record)
for event in make_events()[:5]:
    store.append_event(record.id, event)
    print("stored", record.id, event.seq, flush=True)
time.sleep(60)  # "streaming the interviewer's reply" when the kill arrives
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_events_survive_kill_9(tmp_path: Path) -> None:
    path = tmp_path / "interview.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", TYPIST, str(path)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = [proc.stdout.readline().split() for _ in range(5)]  # type: ignore[union-attr]
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    session_id = lines[0][1]
    assert [int(line[2]) for line in lines] == [0, 1, 2, 3, 4]

    with Store(path) as store:  # the WAL left behind by the killed process is recovered
        assert store.events(session_id) == make_events()[:5]
        record = store.get_session(session_id)
        assert record.status == "in_progress"
        assert record.model_dump(exclude={"id"}) == make_record(status="in_progress").model_dump(
            exclude={"id"}
        )
