"""First use from the command line: the README's install, plain `interview`'s options, rescore in progress."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interview.cli import cli
from interview.scoring import score_offline
from interview.store import Store
from tests.conftest import REPO
from tests.support.scoring_sessions import headless_run


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_readme_runs_the_installed_command_and_names_python3_venv() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    install = readme.split("---", 1)[0]
    assert ".venv/bin/interview" in install and "python3-venv" in install
    assert "source .venv/bin/activate" in install
    # every command in the table exists
    listed = set(re.findall(r"^\| `interview (\w+)", readme, flags=re.M))
    known = set(cli.list_commands(None))  # type: ignore[arg-type]
    assert listed and listed <= known, listed - known


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list:
    """Plain `interview` opens the app: record what it was started with instead."""
    calls: list = []
    monkeypatch.setattr("interview.tui.app.run_app", lambda start, services: calls.append((start, services)))
    return calls


def test_plain_interview_takes_the_same_choices_as_practice(tmp_path: Path, started: list) -> None:
    extra = tmp_path / "mine"
    extra.mkdir()
    result = run(
        "--db", str(tmp_path / "x.db"), "--scenarios", str(extra), "--persona", "principal",
        "--level", "staff", "--model", "ollama_chat/llama3.1",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    ((start, services),) = started
    assert (start.mode, start.persona, start.level, start.model) == (
        "home", "principal", "staff", "ollama_chat/llama3.1",
    )  # fmt: skip
    assert services.db_path == tmp_path / "x.db" and services.scenario_dirs == (extra,)
    assert start.resolve_settings  # the config file still fills in what was not given


def test_plain_interview_refuses_a_bad_level_in_one_line(started: list) -> None:
    result = run("--level", "wizard")
    assert result.exit_code == 1 and not started
    assert result.stderr.strip() == "error: --level must be one of mid, senior, staff; got 'wizard'"


def test_app_options_before_another_command_are_pointed_after_it(tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "x.db"), "history")
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: put --db after the command: interview history --db ..."


def test_rescoring_an_interview_in_progress_shows_but_does_not_store_unless_saved(tmp_path: Path) -> None:
    db = tmp_path / "interview.db"
    record, events = headless_run("url-shortener", "mediocre")
    record = record.model_copy(update={"status": "in_progress"})
    with Store(db) as store:
        store.create_session(record)
        for event in events:
            store.append_event(record.id, event)
    shown = CliRunner().invoke(cli, ["rescore", record.id[:8], "--db", str(db), "--offline"])
    assert shown.exit_code == 0, shown.output
    assert f"{score_offline(record, events).overall:.0f}" in shown.stdout
    assert "not stored; pass --save" in shown.stderr
    with Store(db) as store:
        assert store.reports(record.id) == []
        assert store.list_sessions()[0].overall is None  # history shows no grade for it

    saved = CliRunner().invoke(cli, ["rescore", record.id[:8], "--db", str(db), "--offline", "--save"])
    assert saved.exit_code == 0 and "kept (--save)" in saved.stderr
    with Store(db) as store:
        assert len(store.reports(record.id)) == 1
