"""`interview delete|abandon` and short ids on every command that takes one."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interview.cli import cli, session_cmds
from interview.store import SessionNotFound, Store
from tests.support.store_data import stored_session


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "interview.db"


def test_delete_with_yes(db: Path) -> None:
    with Store(db) as store:
        gone, _ = stored_session(store)
        kept, _ = stored_session(store)
    result = run("delete", gone.id[:8], "--yes", "--db", str(db))
    assert result.exit_code == 0 and f"deleted {gone.id[:8]}" in result.stdout
    with Store(db) as store:
        with pytest.raises(SessionNotFound):
            store.get_session(gone.id)
        assert store.get_session(kept.id).id == kept.id
        assert {h.session_id for h in store.search("consistent hashing")} == {kept.id}


def test_delete_without_a_terminal_refuses(db: Path) -> None:
    with Store(db) as store:
        record, _ = stored_session(store)
    result = run("delete", record.id, "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: not deleting") and "--yes" in result.stderr
    with Store(db) as store:
        assert store.get_session(record.id).id == record.id


@pytest.mark.parametrize(("answer", "deleted"), [("y\n", True), ("n\n", False), ("\n", False)])
def test_delete_asks_at_a_terminal(
    db: Path, monkeypatch: pytest.MonkeyPatch, answer: str, deleted: bool
) -> None:
    monkeypatch.setattr(session_cmds, "_can_ask", lambda: True)
    with Store(db) as store:
        record, _ = stored_session(store)
    result = run("delete", record.id[:5], "--db", str(db), stdin=answer)
    assert result.exit_code == 0
    assert f"Delete session {record.id[:8]} (url-shortener" in result.stdout
    with Store(db) as store:
        assert bool(store.list_sessions()) is not deleted


def test_abandon_marks_an_in_progress_session(db: Path) -> None:
    with Store(db) as store:
        record, _ = stored_session(store, status="in_progress", report=False)
    result = run("abandon", record.id[:8], "--db", str(db))
    assert result.exit_code == 0 and f"abandoned {record.id[:8]}" in result.stdout
    with Store(db) as store:
        assert store.get_session(record.id).status == "abandoned"
        assert store.in_progress() == []
    again = run("abandon", record.id, "--db", str(db))
    assert again.exit_code == 1 and "is abandoned" in again.stderr


def test_abandon_refuses_a_completed_session(db: Path) -> None:
    with Store(db) as store:
        record, _ = stored_session(store)
    result = run("abandon", record.id, "--db", str(db))
    assert result.exit_code == 1 and "is completed" in result.stderr
    with Store(db) as store:
        assert store.get_session(record.id).status == "completed"


@pytest.mark.parametrize(
    "command",
    [["show"], ["show", "--json"], ["export", "--format", "md"], ["export", "--format", "json"],
     ["delete", "--yes"], ["abandon"]],
)  # fmt: skip
def test_prefix_ambiguous_and_unknown_ids(db: Path, command: list[str]) -> None:
    with Store(db) as store:
        one, _ = stored_session(store, session_id="beef01" + "0" * 26, status="in_progress")
        two, _ = stored_session(store, session_id="beef02" + "0" * 26, status="in_progress")
    name, *flags = command

    ambiguous = run(name, "beef0", *flags, "--db", str(db))
    assert ambiguous.exit_code == 1
    message = ambiguous.stderr.strip()
    assert message.startswith("error: 'beef0' matches 2 sessions") and len(message.splitlines()) == 1
    assert one.id[:12] in message and two.id[:12] in message

    unknown = run(name, "cafe", *flags, "--db", str(db))
    assert unknown.exit_code == 1 and "no session matches 'cafe'" in unknown.stderr

    unique = run(name, "beef02", *flags, "--db", str(db))
    assert unique.exit_code == 0, unique.output
    with Store(db) as store:
        assert store.get_session(one.id).status == "in_progress"  # the other one was never touched
