"""What the app offers to resume, and what a missing session's error says.

Found by mutation testing (bench/mutation.py store): `in_progress` could return one page (or
one session) and a write to a missing session could raise an error naming nothing.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from interview.engine.records import Event
from interview.store import SessionNotFound, Store
from tests.support.store_data import START, make_record


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "sessions.db") as opened:
        yield opened


def test_every_session_in_progress_is_offered_to_resume_newest_first_beyond_one_page(store: Store) -> None:
    ids = []
    for i in range(21):  # more than list_sessions' default page of 20
        record = make_record(status="in_progress", started_at=START + timedelta(minutes=i))
        store.create_session(record)
        ids.append(record.id)
    store.create_session(make_record(status="completed"))
    assert [s.id for s in store.in_progress()] == ids[::-1]


def test_a_missing_session_is_named_in_the_error(store: Store) -> None:
    missing = "f" * 32
    event = Event(seq=0, role="candidate", kind="answer", phase="requirements", elapsed_s=0.0, text="hi")
    with pytest.raises(SessionNotFound) as raised:
        store.append_event(missing, event)
    assert missing in str(raised.value)
    with pytest.raises(SessionNotFound) as raised:
        store.update_session(missing, status="abandoned")
    assert missing in str(raised.value)
