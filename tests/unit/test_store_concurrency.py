"""Two processes using one database at once: WAL and the busy timeout keep both working."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from interview.store import Store
from tests.conftest import REPO
from tests.support.store_data import make_events

WRITER = """
import sys, time
from pathlib import Path
from interview.store import Store
from tests.support.store_data import make_events, make_record

path, go, count, tag = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
template = make_record(status="in_progress", model=tag)
events = make_events()
(go.parent / f"ready-{tag}").touch()  # imported and prepared: only the race is left
while not go.exists():
    time.sleep(0.01)
began = time.time()
with Store(path) as store:
    for _ in range(count):
        import uuid
        record = template.model_copy(update={"id": uuid.uuid4().hex})
        store.create_session(record)
        for event in events:
            store.append_event(record.id, event)   # committed one by one, like live turns
            store.list_sessions(limit=5)           # and read in between
        store.update_session(record.id, status="completed")
print("ok", began, time.time())
"""

READER = """
import sys, time
from pathlib import Path
from interview.store import Store

path, go, expected = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
(go.parent / "ready-reader").touch()
while not go.exists():
    time.sleep(0.01)
deadline = time.monotonic() + 240  # a safety net only: it stops as soon as it has seen them all
seen = 0
with Store(path) as store:
    while time.monotonic() < deadline:
        done = store.list_sessions(status="completed", limit=-1)
        assert len(done) >= seen, "completed sessions went missing"
        seen = len(done)
        store.search("consistent hashing")
        for summary in store.list_sessions(limit=3):
            store.events(summary.id)
        if seen >= expected:
            break
print("ok", seen)
"""


def test_two_writers_and_a_reader_at_once(tmp_path: Path) -> None:
    path, go = tmp_path / "shared.db", tmp_path / "go"
    Store(path).close()  # schema first, so the race is about data, not creation
    per_writer = 15
    commands = [
        [sys.executable, "-c", WRITER, str(path), str(go), str(per_writer), "writer-a"],
        [sys.executable, "-c", WRITER, str(path), str(go), str(per_writer), "writer-b"],
        [sys.executable, "-c", READER, str(path), str(go), str(2 * per_writer)],
    ]
    procs = [
        subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for cmd in commands
    ]
    # Release them together only once all three have started and imported (on a loaded machine
    # that can take seconds, and a writer that started late could finish alone).
    ready = [tmp_path / f"ready-{name}" for name in ("writer-a", "writer-b", "reader")]
    deadline = time.monotonic() + 120
    while not all(r.exists() for r in ready):
        assert all(p.poll() is None for p in procs), [p.communicate() for p in procs]
        assert time.monotonic() < deadline, "the processes never got ready"
        time.sleep(0.02)
    go.touch()
    outputs = [p.communicate(timeout=280) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert out.startswith("ok"), (out, err)
    assert outputs[2][0].split() == ["ok", str(2 * per_writer)]
    (a_start, a_end), (b_start, b_end) = ([float(x) for x in out.split()[1:]] for out, _ in outputs[:2])
    assert a_start < b_end and b_start < a_end, "the two writers did not run at the same time"

    with Store(path) as store:
        sessions = store.list_sessions(limit=-1)
        assert len(sessions) == 2 * per_writer
        assert all(s.status == "completed" for s in sessions)
        for summary in sessions:
            seqs = [e.seq for e in store.events(summary.id)]
            assert seqs == list(range(len(seqs))) and len(seqs) == len(make_events())
        assert len(store.search("consistent hashing", limit=100)) == 2 * per_writer


def test_processes_creating_a_new_database_at_once(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    opener = "import sys; from interview.store import Store; Store(sys.argv[1]).close(); print('ok')"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", opener, str(path)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0 and out.strip() == "ok", err
    with Store(path) as store:
        assert store.list_sessions() == []
        assert store.db.execute("PRAGMA user_version").fetchone()[0] >= 2
