"""`interview export -o`: never over the database, never over a file without --force, never via a symlink."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interview.cli import cli
from interview.store import Store
from tests.support.store_data import stored_session


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, env=env)


@pytest.fixture
def stored(tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "interview.db"
    with Store(db) as store:
        record, _ = stored_session(store)
    return db, record.id


def assert_db_intact(db: Path, session_id: str) -> None:
    with Store(db) as store:
        assert store.get_session(session_id).id == session_id
        assert len(store.events(session_id)) > 5


@pytest.mark.parametrize("how", ["same", "relative", "dotted", "symlink", "hardlink", "wal", "shm"])
def test_export_refuses_the_database_itself(
    stored: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    db, session_id = stored
    monkeypatch.chdir(tmp_path)
    target = {
        "same": str(db),
        "relative": "interview.db",
        "dotted": str(tmp_path / "sub" / ".." / "interview.db"),
        "symlink": str(tmp_path / "link.md"),
        "hardlink": str(tmp_path / "hard.md"),
        "wal": str(db) + "-wal",
        "shm": str(db) + "-shm",
    }[how]
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.md").symlink_to(db)
    os.link(db, tmp_path / "hard.md")
    before = db.read_bytes()
    for force in ([], ["--force"]):
        result = run("export", session_id, "-o", target, "--db", str(db), *force)
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith("error: -o") and "database" in result.stderr
        assert result.stderr.count("\n") == 1
    assert db.read_bytes() == before
    assert_db_intact(db, session_id)


def test_export_refuses_the_default_database_from_the_environment(
    stored: tuple[Path, str], tmp_path: Path
) -> None:
    db, session_id = stored
    result = run("export", session_id, "-o", str(db), env={"INTERVIEW_DB": str(db)})
    assert result.exit_code == 1 and "database" in result.stderr
    assert_db_intact(db, session_id)


def test_export_does_not_overwrite_without_force(stored: tuple[Path, str], tmp_path: Path) -> None:
    db, session_id = stored
    notes = tmp_path / "notes.md"
    notes.write_text("my own notes\n", encoding="utf-8")
    refused = run("export", session_id, "-o", str(notes), "--db", str(db))
    assert refused.exit_code == 1
    assert refused.stderr.strip() == f"error: -o {notes} is an existing file; pass --force to replace it"
    assert notes.read_text(encoding="utf-8") == "my own notes\n"

    forced = run("export", session_id, "-o", str(notes), "--db", str(db), "--force")
    assert forced.exit_code == 0, forced.output
    assert "## Transcript" in notes.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no temp file left behind


def test_export_never_writes_through_a_symlink(stored: tuple[Path, str], tmp_path: Path) -> None:
    db, session_id = stored
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n", encoding="utf-8")
    link = tmp_path / "report.md"
    link.symlink_to(precious)
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "elsewhere.txt")

    refused = run("export", session_id, "-o", str(link), "--db", str(db))
    assert refused.exit_code == 1 and "symlink" in refused.stderr
    refused_dangling = run("export", session_id, "-o", str(dangling), "--db", str(db))
    assert refused_dangling.exit_code == 1 and "symlink" in refused_dangling.stderr
    assert not (tmp_path / "elsewhere.txt").exists()

    forced = run("export", session_id, "-o", str(link), "--db", str(db), "--force")
    assert forced.exit_code == 0, forced.output
    assert precious.read_text(encoding="utf-8") == "keep me\n"  # the link was replaced, not followed
    assert not link.is_symlink() and "## Transcript" in link.read_text(encoding="utf-8")


def test_export_dash_is_stdout_and_a_new_file_is_written(stored: tuple[Path, str], tmp_path: Path) -> None:
    db, session_id = stored
    to_stdout = run("export", session_id, "-o", "-", "--db", str(db))
    assert to_stdout.exit_code == 0 and "## Transcript" in to_stdout.stdout
    assert not (tmp_path / "-").exists()
    fresh = tmp_path / "fresh.json"
    written = run("export", session_id, "--format", "json", "-o", str(fresh), "--db", str(db))
    assert written.exit_code == 0 and fresh.read_text(encoding="utf-8").startswith("{")
