"""`interview run` through the real CLI: full headless runs, resume, bad input, no litellm offline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.catalog import load_catalog
from interview.catalog.models import VERDICT_SCALE
from interview.cli import cli
from interview.store import Store

RUNS = Path(__file__).resolve().parents[1] / "fixtures" / "runs"
BUILT_IN = ["url-shortener", "chat", "payment-rail"]


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["run", *map(str, args)])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr


def blocks(path: Path) -> list[str]:
    from interview.engine.answers import read_answers

    return read_answers(path)


def data_rubric(scenario: str) -> list:
    catalog = load_catalog()
    return catalog.rubric(catalog.scenario(scenario).rubric).criteria


@pytest.mark.parametrize("scenario", BUILT_IN)
def test_full_headless_run_of_each_built_in_scenario(scenario: str, tmp_path: Path) -> None:
    answers = RUNS / f"{scenario}.txt"
    code, out, err = run(scenario, "--answers", answers, "--json", "--seed", "4", "--db", tmp_path / "db")
    assert code == 0, err
    data = json.loads(out)
    assert data["scenario"] == scenario and data["status"] == "completed" and data["model"] == "offline"
    assert "unused_answers" not in data
    turns = data["turns"]
    given = blocks(answers)
    assert [t["text"] for t in turns if t["role"] == "candidate"] == given
    # every candidate turn is answered, in order, and no turn fell back (offline has nothing to fall from)
    roles = [t["role"] for t in turns]
    assert roles == ["interviewer"] + ["candidate", "interviewer"] * len(given)
    assert all(t["fallback"] is None and t["text"].strip() for t in turns)
    phases_seen = [t["phase"] for t in turns]
    ids = [p["id"] for p in data["phases"]]
    assert sorted(set(phases_seen), key=ids.index) == ids  # every phase reached, in order
    times = [t["elapsed_s"] for t in turns]
    assert times == sorted(times)
    interviewer = [t["text"] for t in turns if t["role"] == "interviewer"]
    assert len(set(interviewer)) == len(interviewer)  # it never says exactly the same thing twice
    score = data["score"]  # a completed run is always graded, and the grade is stored with it
    assert score is not None and score["scorer"] == "offline" and score["level"] == data["level"]
    assert 0 <= score["overall"] <= 100
    assert score["verdict"] in VERDICT_SCALE
    assert {c["id"] for c in score["criteria"]} == {c.id for c in data_rubric(scenario)}
    with Store(tmp_path / "db") as store:
        stored = store.latest_report(data["session_id"])
    assert stored is not None and (stored.overall, stored.verdict) == (score["overall"], score["verdict"])


def test_text_output_streams_the_conversation_with_phase_headers(tmp_path: Path) -> None:
    code, out, err = run("url-shortener", "--answers", RUNS / "url-shortener.txt", "--db", tmp_path / "db")
    assert code == 0, err
    for title in ("== Requirements", "== Estimation", "== High-level design", "== Deep dive", "== Wrap-up"):
        assert title in out
    assert "Margaret: " in out and "You: How long do we keep links" in out
    assert "Interview completed" in err


def test_same_seed_same_transcript(tmp_path: Path) -> None:
    args = ("chat", "--answers", RUNS / "chat.txt", "--json", "--seed", "11")
    first = json.loads(run(*args, "--db", tmp_path / "a")[1])
    second = json.loads(run(*args, "--db", tmp_path / "b")[1])
    assert [t["text"] for t in first["turns"]] == [t["text"] for t in second["turns"]]
    other = json.loads(
        run("chat", "--answers", RUNS / "chat.txt", "--json", "--seed", "12", "--db", tmp_path / "c")[1]
    )
    assert [t["text"] for t in other["turns"]] != [t["text"] for t in first["turns"]]


def test_answers_running_out_leaves_the_session_resumable(tmp_path: Path) -> None:
    db = tmp_path / "db"
    full = blocks(RUNS / "url-shortener.txt")
    half = tmp_path / "half.txt"
    half.write_text("\n---\n".join(full[:12]), encoding="utf-8")
    code, out, err = run("url-shortener", "--answers", half, "--json", "--seed", "2", "--db", db)
    assert code == 0
    data = json.loads(out)
    assert data["status"] == "in_progress"
    assert "still in progress" in err and "--resume" in err
    session_id = data["session_id"]

    # resume with the whole file: the answers already given are skipped
    code, out, err = run(
        "--resume", session_id[:10], "--answers", RUNS / "url-shortener.txt", "--json", "--db", db
    )
    assert code == 0, err
    resumed = json.loads(out)
    assert resumed["session_id"] == session_id and resumed["status"] == "completed"
    candidate = [t["text"] for t in resumed["turns"] if t["role"] == "candidate"]
    assert candidate == full
    questions = [
        t["text"] for t in resumed["turns"] if t["role"] == "interviewer" and t["text"].endswith("?")
    ]
    assert len(questions) == len(set(questions))


def test_answers_left_over_after_the_end_are_reported(tmp_path: Path) -> None:
    answers = tmp_path / "a.txt"
    answers.write_text("How many new URLs a month?\n---\n/end\n---\nOne more thing.\n---\nAnd another.\n")
    code, out, err = run("url-shortener", "--answers", answers, "--json", "--db", tmp_path / "db")
    assert code == 0
    assert json.loads(out)["unused_answers"] == 2
    code, out, err = run("url-shortener", "--answers", answers, "--db", tmp_path / "db")
    assert "2 answer(s) were not used" in err


def test_scenarios_dir_and_persona_level_options(tmp_path: Path) -> None:
    answers = tmp_path / "a.txt"
    answers.write_text("How long do we keep links?\n---\n/end\n")
    code, out, err = run(
        "mini-shortener", "--answers", answers, "--scenarios", RUNS / "catalog", "--persona", "principal",
        "--level", "staff", "--wpm", "30", "--json", "--db", tmp_path / "db",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert data["persona"] == "principal" and data["level"] == "staff"
    assert data["turns"][1]["elapsed_s"] == pytest.approx(12.0)  # 6 words at 30 wpm


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "--answers", "{answers}"], "unknown scenario 'nope'"),
        (["url-shortener"], "--answers FILE is required"),
        (["url-shortener", "--answers", "{missing}"], "answers file not found"),
        (["url-shortener", "--answers", "{empty}"], "has no answers"),
        (["url-shortener", "--answers", "{answers}", "--persona", "nobody"], "unknown persona 'nobody'"),
        (["url-shortener", "--answers", "{answers}", "--level", "intern"], "level must be one of"),
        (["url-shortener", "--answers", "{answers}", "--wpm", "fast"], "--wpm must be a number"),
        (["url-shortener", "--answers", "{answers}", "--timeout", "-1"], "--timeout must be positive"),
        (["url-shortener", "--answers", "{answers}", "--wpm", "0"], "--wpm must be positive"),
        (["url-shortener", "--answers", "{answers}", "--wpm", "nan"], "--wpm must be a finite number"),
        (
            ["url-shortener", "--answers", "{answers}", "--timeout", "inf"],
            "--timeout must be a finite number",
        ),
        ([], "give the SCENARIO to run"),
        (["url-shortener", "--resume", "abc", "--answers", "{answers}"], "not both"),
        (["--resume", "abc", "--answers", "{answers}", "--level", "mid"], "keeps its own"),
        (["url-shortener", "--answers", "{badcmd}"], "unknown command '/nxt'"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_1(args: list[str], message: str, tmp_path: Path) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_text("hello\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n---\n\n")
    badcmd = tmp_path / "badcmd.txt"
    badcmd.write_text("hello\n---\n/nxt\n")
    names = {"answers": answers, "missing": tmp_path / "missing.txt", "empty": empty, "badcmd": badcmd}
    filled = [a.format(**names) for a in args] + ["--db", str(tmp_path / "db")]
    code, out, err = run(*filled)
    assert code == 1
    assert message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_unknown_session_to_resume_is_exit_1(tmp_path: Path) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_text("hello\n")
    code, out, err = run("--resume", "ffff", "--answers", answers, "--db", tmp_path / "db")
    assert code == 1 and "ffff" in err


def test_bad_database_is_exit_2(tmp_path: Path) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_text("hello\n")
    bad = tmp_path / "not-a-db"
    bad.write_text("this is not sqlite, just text " * 50)
    code, out, err = run("url-shortener", "--answers", answers, "--db", bad)
    assert code == 2 and "Traceback" not in err


def test_bad_config_file_is_one_line(tmp_path: Path, isolated_home: Path) -> None:
    config = isolated_home / "config" / "interview" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("model = [unclosed\n")
    answers = tmp_path / "answers.txt"
    answers.write_text("hello\n")
    code, out, err = run("url-shortener", "--answers", answers, "--db", tmp_path / "db")
    assert code == 1 and "config.toml" in err and "invalid TOML" in err


def test_an_offline_run_never_imports_litellm(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from interview.cli import main\n"
        "try:\n"
        f"    main(['run', 'url-shortener', '--answers', {str(RUNS / 'url-shortener.txt')!r}, '--json',"
        f" '--db', {str(tmp_path / 'db')!r}])\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "assert 'litellm' not in sys.modules, 'litellm was imported'\n"
        "print('NO-LITELLM')\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTERVIEW_")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "NO-LITELLM" in done.stdout


def test_a_headless_run_past_time_asks_for_a_summary_and_stops_five_minutes_over(tmp_path: Path) -> None:
    answers = tmp_path / "long.txt"
    speech = " ".join(["design"] * 170)  # close to three minutes at 60 wpm
    answers.write_text("\n---\n".join([speech] * 8))
    code, out, err = run(
        "mini-shortener",
        "--answers",
        answers,
        "--scenarios",
        RUNS / "catalog",
        "--json",
        "--db",
        tmp_path / "db",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["status"] == "completed"
    said = [t["text"] for t in data["turns"] if t["role"] == "interviewer"]
    assert any("summar" in s.lower() for s in said)  # time up: asks for a closing summary
    assert data["elapsed_s"] >= 900 and data["unused_answers"] >= 1
    assert data["phases"][0]["overtime_min"] > 0  # overtime recorded, phase never left without /next
    assert {t["phase"] for t in data["turns"]} == {"requirements"}


def test_a_failing_model_falls_back_every_turn_and_says_so_once(tmp_path: Path) -> None:
    from tests.support.stub_server import ThreadedStubServer

    answers = tmp_path / "a.txt"
    answers.write_text("How many new URLs a month?\n---\nHow long are links kept?\n---\n/next\n---\n/end\n")
    with ThreadedStubServer() as server:
        code, out, err = run(
            "url-shortener", "--answers", answers, "--model", "openai/r500", "--api-base", server.base_url,
            "--timeout", "5", "--json", "--db", tmp_path / "db",
        )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert data["model"] == "openai/r500" and data["status"] == "completed"
    interviewer = [t for t in data["turns"] if t["role"] == "interviewer"]
    # The opening is the problem statement, never the model's; every later turn fell back.
    assert len(interviewer) == 5 and interviewer[0]["fallback"] is None
    assert all(t["fallback"] for t in interviewer[1:])
    assert "100 million" in interviewer[1]["text"]  # the offline interviewer answered in its place
    assert [t["text"] for t in data["turns"] if t["role"] == "candidate"] == [
        "How many new URLs a month?", "How long are links kept?", "/next", "/end",
    ]  # fmt: skip
    assert err.count("note: ") == 1  # the pause is announced once, not every turn


def test_a_mistyped_option_is_bad_input_not_a_database_problem(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "interview",
            "run",
            "url-shortener",
            "--answer",
            "a.txt",
            "--db",
            str(tmp_path / "db"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr  # click's own code, 2, is the database-problem code here
    assert "Did you mean '--answers'?" in result.stderr and "Traceback" not in result.stderr
