"""What the `interview` process itself does on trouble: exit codes, the crash log, ctrl+c.

Exit codes (the contract scripts rely on): 1 bad input, 2 a database problem, 70 an unexpected
error (with a crash log written), 130 ctrl+c. Each case runs the real console entry point in a
subprocess; faults are injected with a `sitecustomize` module on PYTHONPATH, so the product
code runs unmodified.
"""

from __future__ import annotations

import os
import signal
import subprocess
import textwrap
import time
from pathlib import Path

from interview.store import Store
from tests.conftest import REPO
from tests.support.cli_process import interview_argv
from tests.support.stub_server import ThreadedStubServer

RUNS = REPO / "tests" / "fixtures" / "runs"


def interview(tmp_path: Path, *args: str, inject: str = "", **popen: object) -> subprocess.Popen[str]:
    """Start `interview ARGS` with its own XDG folders and, if given, `inject` run at startup."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTERVIEW_")}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    paths = [str(REPO)]
    if inject:
        hooks = tmp_path / "hooks"
        hooks.mkdir(exist_ok=True)
        (hooks / "sitecustomize.py").write_text(textwrap.dedent(inject), encoding="utf-8")
        paths.insert(0, str(hooks))
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return subprocess.Popen(
        interview_argv(*args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        **popen,  # type: ignore[arg-type]
    )


def finish(proc: subprocess.Popen[str], timeout: float = 90) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def test_bad_input_exits_1_with_one_line(tmp_path: Path) -> None:
    for args in (
        [
            "run",
            "no-such-scenario",
            "--answers",
            str(RUNS / "url-shortener.txt"),
            "--db",
            str(tmp_path / "i.db"),
        ],
        ["history", "--no-such-option"],
        ["show", "ffffffff", "--db", str(tmp_path / "i.db")],
    ):
        code, _, err = finish(interview(tmp_path, *args))
        assert code == 1, (args, err)
        assert "Traceback" not in err and err.strip(), args


def test_a_database_problem_exits_2(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_bytes(b"this is not an SQLite database, just some text the user had " * 50)
    for db in (not_a_db, tmp_path):  # garbage, and a directory
        code, _, err = finish(interview(tmp_path, "history", "--db", str(db)))
        assert code == 2, (db, err)
        assert "Traceback" not in err and err.strip()


def test_an_unexpected_error_writes_the_crash_log_and_exits_70(tmp_path: Path) -> None:
    boom = """
        import interview.store.store as store_module
        def broken(self, *args, **kwargs):
            raise RuntimeError("planted failure for the crash path")
        store_module.Store.list_sessions = broken
    """
    code, _, err = finish(interview(tmp_path, "history", "--db", str(tmp_path / "i.db"), inject=boom))
    assert code == 70
    assert "Traceback" not in err
    assert "planted failure for the crash path" in err
    log = tmp_path / "data" / "interview" / "crash.log"
    assert log.is_file(), err
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: planted failure for the crash path" in text
    assert str(log) in err  # the one line says where the details are


def test_ctrl_c_in_any_command_exits_130(tmp_path: Path) -> None:
    interrupt = """
        import interview.store.store as store_module
        def interrupted(self, *args, **kwargs):
            raise KeyboardInterrupt
        store_module.Store.list_sessions = interrupted
    """
    code, _, err = finish(interview(tmp_path, "history", "--db", str(tmp_path / "i.db"), inject=interrupt))
    assert code == 130
    assert err.strip() in ("interrupted", "aborted")


def test_ctrl_c_while_the_model_is_still_loading_is_not_held_up_by_it(tmp_path: Path) -> None:
    """One ctrl+c during the model's warm-up ends the run at once, resumable.

    The warm-up (importing litellm, ~3 s on a quiet machine, far longer under load) is made to
    take two minutes; before the fix the interrupted run waited for it.
    """
    started = tmp_path / "warming-up"
    slow_warm_up = f"""
        import pathlib, time
        import interview.engine.llm as llm
        real = llm.warm_up
        def slow():
            pathlib.Path({str(started)!r}).touch()
            time.sleep(120)
            real()
        llm.warm_up = slow
    """
    db = tmp_path / "interview.db"
    with ThreadedStubServer() as server:
        run = interview(tmp_path, "run", "url-shortener", "--answers", str(RUNS / "url-shortener.txt"),
                        "--model", "openai/ok", "--api-base", server.base_url, "--db", str(db),
                        inject=slow_warm_up)  # fmt: skip
        deadline = time.monotonic() + 240  # a loaded machine can take minutes to start
        while not started.exists():  # the interview is running and the model is loading
            assert run.poll() is None and time.monotonic() < deadline, run.communicate()
            time.sleep(0.02)
        run.send_signal(signal.SIGINT)
        code, _, err = finish(run, timeout=60)
        assert server.count("ok") == 0  # it never got as far as asking the model
    assert code == 130
    assert "still in progress" in err and "--resume" in err and "Traceback" not in err
    with Store(db) as store:
        (summary,) = store.in_progress()
        turns = [e for e in store.events(summary.id) if e.is_turn]
        # Only the opening (never through the model) and at most the first answer, still owed a reply.
        assert turns and turns[0].data["move"] == "opening" and [t.role for t in turns[1:]] in ([], ["candidate"])
