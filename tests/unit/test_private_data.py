"""Credentials never reach the crash log; the data folder is 0700 and what is in it 0600."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from interview import cli, paths
from interview.redact import scrub
from interview.store import Store
from interview.tui.drafts import draft_path, save_draft
from tests.support.store_data import make_events, make_record

SECRETS = ("key123", "sk-proj-abcdefABCDEF1234567890", "s3cr3t-bearer-token", "hunter2", "AKIAABCDEFGHIJKLMNOP")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("--api-base http://user:key123@host:8080/v1", "http://***@host:8080/v1"),
        ("['run', '--api-base', 'https://key123@llm.example']", "https://***@llm.example"),
        ("--api-key sk-proj-abcdefABCDEF1234567890", "--api-key ***"),
        ("openai.AuthenticationError: bad key sk-proj-abcdefABCDEF1234567890 given", "bad key sk-***"),
        ("headers={'Authorization': 'Bearer s3cr3t-bearer-token'}", "'Authorization': '***'"),
        ("Authorization: Bearer s3cr3t-bearer-token\nnext line", "Authorization: ***\nnext line"),
        ("OPENAI_API_KEY=hunter2 ANTHROPIC_API_KEY='hunter2'", "OPENAI_API_KEY=*** ANTHROPIC_API_KEY='***'"),
        ("aws AKIAABCDEFGHIJKLMNOP", "aws AKIA***"),
    ],
)
def test_scrub_hides_credentials(text: str, kept: str) -> None:
    cleaned = scrub(text)
    assert not any(secret in cleaned for secret in SECRETS), cleaned
    assert kept in cleaned


def test_scrub_leaves_ordinary_words_alone() -> None:
    for text in ("max_tokens=400", "token counts 1234", "the secret here is sharding", "http://host:8080/v1"):
        assert scrub(text) == text


def test_crash_log_keeps_no_credentials_and_is_private(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["run", "url-shortener", "--api-base", "http://user:key123@llm.example/v1",
            "--api-key", "sk-proj-abcdefABCDEF1234567890"]  # fmt: skip
    monkeypatch.setattr(sys, "argv", ["interview", *argv])

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError(
            "POST http://user:key123@llm.example/v1 failed; headers "
            "{'Authorization': 'Bearer s3cr3t-bearer-token'} env OPENAI_API_KEY=hunter2"
        )

    monkeypatch.setattr(cli.cli, "main", explode)
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    assert exit_info.value.code == 70
    log = paths.data_home() / "crash.log"
    written = log.read_text(encoding="utf-8")
    assert "RuntimeError" in written and "Traceback" in written  # still useful in a bug report
    assert not any(secret in written for secret in SECRETS), written
    assert mode(log) == 0o600 and mode(log.parent) == 0o700
    said = capsys.readouterr().err
    assert "RuntimeError" in said and not any(secret in said for secret in SECRETS)


def test_default_database_and_its_folder_are_private() -> None:
    assert not paths.data_home().exists() or not any(paths.data_home().iterdir())
    with Store() as store:  # $XDG_DATA_HOME/interview/interview.db
        record = make_record()
        store.create_session(record)
        store.append_event(record.id, make_events()[0])
        db = store.path
        files = [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]
        assert all(f.exists() for f in files)
        assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
    assert mode(paths.data_home()) == 0o700


def test_an_older_world_readable_database_in_the_data_folder_is_tightened() -> None:
    home = paths.data_home()
    home.mkdir(parents=True, exist_ok=True)
    home.chmod(0o755)
    with Store(home / "interview.db"):
        pass
    (home / "interview.db").chmod(0o644)
    with Store(home / "interview.db"):
        pass
    assert mode(home / "interview.db") == 0o600


def test_a_new_database_elsewhere_is_private_but_its_existing_folder_is_not_touched(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    with Store(shared / "mine.db"):
        pass
    assert mode(shared / "mine.db") == 0o600
    assert mode(shared) == 0o755
    with Store(tmp_path / "new" / "deeper" / "h.db"):
        pass
    assert mode(tmp_path / "new") == 0o700 and mode(tmp_path / "new" / "deeper") == 0o700


def test_drafts_are_private() -> None:
    save_draft("abc123", "half an answer with my employer's name")
    path = draft_path("abc123")
    assert path.read_text(encoding="utf-8") == "half an answer with my employer's name"
    assert mode(path) == 0o600 and mode(path.parent) == 0o700
    save_draft("abc123", "")
    assert not path.exists()
