"""The `interview` entry point in this process: exit codes, one-line errors, the crash log, ctrl+c.

tests/unit/test_cli_exits.py runs the real command in a child process; these run `main()` here
(so bench/mutation.py can see which tests reach it), with the interpreter's hard exit on ctrl+c
replaced by an exception that carries its code.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from datetime import datetime, timedelta
from pathlib import Path

import click
import pytest

import interview.cli as cli
import interview.cli.tui_cmds as tui_cmds
import interview.store.store as store_module

KEY = "sk-live-abcdefghijklmnopqrstuvwxyz123456"


class HardExit(Exception):
    """os._exit was called (it would end the interpreter at once)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Private XDG folders, no INTERVIEW_* settings, and a hard exit that can be caught."""
    for name in [n for n in os.environ if n.startswith("INTERVIEW_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(sys, "argv", ["interview"])

    def hard_exit(code: int) -> None:
        raise HardExit(code)

    monkeypatch.setattr(os, "_exit", hard_exit)
    return tmp_path


def run(*argv: str) -> int:
    """`interview ARGV` in this process: its exit code."""
    try:
        cli.main(list(argv))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    except HardExit as exc:
        return exc.code
    return 0


def planted(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """`interview history` raises `error` from inside the store."""

    def broken(self: object, *args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(store_module.Store, "list_sessions", broken)


def test_a_mistyped_option_is_bad_input_shown_without_control_characters(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run("history", "--colour\x1b]0;pwned\x07") == 1
    err = capsys.readouterr().err
    assert "No such option" in err and "--colour" in err
    assert "Try 'interview history --help' for help." in err  # named as the user types it
    assert "\x1b" not in err and "\x07" not in err


def test_a_mistyped_command_is_bad_input_and_the_right_one_is_suggested(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run("histroy") == 1
    assert "history" in capsys.readouterr().err


def test_help_lists_the_commands_of_every_module(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--help") == 0
    listed = capsys.readouterr().out.split("Commands:", 1)[1].split()
    for module, names in cli.COMMAND_MODULES.items():
        assert any(name in listed for name in names), module


def test_a_database_problem_exits_2_in_one_visible_line(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = home / "notes\x1b[2J.db"
    bad.write_bytes(b"not an SQLite database, just text " * 50)
    assert run("history", "--db", str(bad)) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1
    assert "\x1b" not in err


def test_an_unknown_session_is_bad_input(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("show", "ffffffff", "--db", str(home / "i.db")) == 1
    assert "no session matches" in capsys.readouterr().err


def test_an_unexpected_error_exits_70_and_writes_a_private_crash_log_without_credentials(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    planted(monkeypatch, RuntimeError(f"planted failure with {KEY}"))
    monkeypatch.setattr(sys, "argv", ["interview", "history", "--api-base", "http://me:hunter2@example.test"])
    assert run("history", "--db", str(home / "i.db")) == 70
    err = capsys.readouterr().err
    log = home / "data" / "interview" / "crash.log"
    assert err == f"error: unexpected RuntimeError: planted failure with sk-***; details in {log}\n"
    text = log.read_text(encoding="utf-8")
    assert text.startswith("--- ") and " interview " in text.splitlines()[0]
    stamp = datetime.fromisoformat(text.split()[1])
    assert stamp.utcoffset() == timedelta(0)  # in UTC, whatever the machine's zone
    assert "'history', '--api-base', 'http://***@example.test'" in text.splitlines()[0]
    assert "Traceback" in text and "RuntimeError: planted failure with sk-***" in text
    assert KEY not in text and "hunter2" not in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    # a second crash is added to the same log
    assert run("history", "--db", str(home / "i.db")) == 70
    assert log.read_text(encoding="utf-8").count("--- ") == 2


def test_a_crash_with_nowhere_to_write_its_log_still_says_what_happened_in_one_line(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = home / "blocked"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocked))
    planted(monkeypatch, RuntimeError("planted failure"))
    assert run("history", "--db", str(home / "i.db")) == 70
    assert capsys.readouterr().err == "error: unexpected RuntimeError: planted failure\n"


def test_ctrl_c_in_a_command_exits_130_at_once_saying_so(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    planted(monkeypatch, KeyboardInterrupt())
    assert run("history", "--db", str(home / "i.db")) == 130
    assert capsys.readouterr().err.strip() == "aborted"


class Gone(io.StringIO):
    """Standard output whose terminal went away."""

    def flush(self) -> None:
        raise OSError("the terminal went away")


def closed() -> io.StringIO:
    stream = io.StringIO()
    stream.close()
    return stream


@pytest.mark.parametrize("stdout", [io.StringIO, Gone, closed])
def test_ctrl_c_outside_any_command_exits_130_whatever_state_the_output_is_in(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdout
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # e.g. while click tears down, after the command returned

    monkeypatch.setattr(cli.cli, "main", interrupted)
    monkeypatch.setattr(sys, "stdout", stdout())
    assert run("history") == 130
    assert capsys.readouterr().err == "interrupted\n"


def test_a_command_that_caught_ctrl_c_exits_130_and_other_exit_codes_pass_through(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    planted(monkeypatch, SystemExit(130))
    with pytest.raises(HardExit) as hard:  # not a normal exit: the interpreter's teardown is skipped
        cli.main(["history", "--db", str(home / "i.db")])
    assert hard.value.code == 130
    planted(monkeypatch, SystemExit(3))
    assert run("history", "--db", str(home / "i.db")) == 3


def test_a_closed_pipe_ends_quietly_with_0(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    planted(monkeypatch, BrokenPipeError())
    stderr = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    assert run("history", "--db", str(home / "i.db")) == 0
    assert stderr.closed  # nothing more is written to the dead pipe


def test_plain_interview_opens_the_app_with_its_options(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[dict[str, object]] = []

    @click.command()
    @click.pass_context
    def home(ctx: click.Context, **options: object) -> None:
        opened.append(options)

    monkeypatch.setattr(tui_cmds, "home", home)
    assert run("--level", "staff") == 0
    assert opened and opened[0]["level"] == "staff"


def test_an_app_option_before_a_command_is_refused(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--level", "staff", "history", "--db", str(home / "i.db")) == 1
    assert "put --level after the command" in capsys.readouterr().err


def test_a_command_loads_only_its_own_module_and_an_unknown_one_loads_all_to_suggest() -> None:
    ctx = click.Context(cli.cli)
    group = cli.LazyGroup(name="interview")
    history = group.get_command(ctx, "history")
    assert history is not None and history.name == "history"
    assert set(group.commands) == set(cli.COMMAND_MODULES["session_cmds"])
    assert group.get_command(ctx, "show") is not None  # same module: loaded once, still there
    assert group.get_command(ctx, "histroy") is None
    every = {name for names in cli.COMMAND_MODULES.values() for name in names}
    assert set(group.commands) == every
    fresh = cli.LazyGroup(name="interview")
    assert set(fresh.list_commands(ctx)) == every
