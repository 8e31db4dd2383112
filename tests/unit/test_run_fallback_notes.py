"""`interview run` text mode shows, per turn, that the model failed and why (issue 3).

A user watching a run wants to know which turns came from the offline interviewer and what
went wrong with the model (a 500, a bad key, a dropped stream), without a line on every turn
while the model is paused.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from interview.cli import cli
from tests.support.stub_server import ThreadedStubServer

ANSWERS = "How many new URLs a month?\n---\nHow long are links kept?\n---\nWhat latency?\n---\n/end\n"


def run_text(model: str, tmp_path: Path) -> tuple[int, str, str]:
    answers = tmp_path / "a.txt"
    answers.write_text(ANSWERS)
    with ThreadedStubServer() as server:
        result = CliRunner().invoke(
            cli,
            ["run", "url-shortener", "--answers", str(answers), "--model", model,
             "--api-base", server.base_url, "--timeout", "5", "--db", str(tmp_path / "db")],
        )  # fmt: skip
    return result.exit_code, result.stdout, result.stderr


def test_each_failed_turn_says_the_model_failed_and_why(tmp_path: Path) -> None:
    code, out, err = run_text("openai/r500", tmp_path)
    assert code == 0, err
    marks = [line for line in out.splitlines() if "the model failed" in line]
    # The opening never asks the model; the first two answers fail; the model is then paused for
    # the next three turns, which is told once (a note) rather than marked on every turn.
    assert len(marks) == 2
    assert all("server error (500)" in line and "offline interviewer" in line for line in marks)
    first, second = out.index("You: How many new URLs a month?"), out.index("You: How long are links kept?")
    assert first < out.index(marks[0]) < second  # right under its turn
    assert err.count("note: ") == 1


def test_a_key_problem_is_named(tmp_path: Path) -> None:
    code, out, _ = run_text("openai/r401", tmp_path)
    assert code == 0
    assert "authentication failed (401)" in out


def test_a_reply_that_breaks_off_says_why_once(tmp_path: Path) -> None:
    code, out, err = run_text("openai/drop", tmp_path)
    assert code == 0, err
    marks = [line for line in out.splitlines() if "the model failed" in line]
    assert marks and all("(connection dropped)" in line for line in marks)
    # A model reply is checked whole before it is shown: nothing of the broken reply appeared.
    assert "broke off" not in out and "Good question. We expect" not in out


def test_a_turn_stopped_after_model_sentences_says_only_the_rest_is_offline(tmp_path: Path) -> None:
    answers = tmp_path / "a.txt"
    answers.write_text(ANSWERS)
    with ThreadedStubServer() as server:
        # The first sentence passes the checks and is shown; the second states a figure nobody gave.
        server.replies.append(
            "MOVE: 1\nASK_FACT: none\nTEXT: Fine start here. Then expect 38,000 redirects a second. What next?"
        )
        result = CliRunner().invoke(
            cli,
            ["run", "url-shortener", "--answers", str(answers), "--model", "openai/ok",
             "--api-base", server.base_url, "--timeout", "5", "--db", str(tmp_path / "db")],
        )  # fmt: skip
    out = result.stdout
    assert result.exit_code == 0, result.stderr
    assert "Fine start here." in out and "Then expect" not in out  # the refused sentence is not shown
    marks = [line for line in out.splitlines() if "the model failed" in line]
    assert len(marks) == 1, out
    assert "figure nobody gave" in marks[0]
    assert "the rest of this turn is the offline interviewer's" in marks[0]
    assert out.index("Fine start here.") < out.index(marks[0]) < out.index("You: How long are links kept?")


def test_the_app_and_run_share_one_fallback_wording() -> None:
    """The app's notice reads the same stored event as `run`: 'the rest of this turn' only when
    the model's first sentences were shown before it failed."""
    from interview.engine.records import Event

    shown = Event(seq=1, role="interviewer", kind="say", phase="requirements", elapsed_s=1.0, text="Fine start here. …",
                  fallback="timed out", data={"model_chars": 17})  # fmt: skip
    whole = Event(
        seq=2,
        role="interviewer",
        kind="say",
        phase="requirements",
        elapsed_s=1.0,
        text="…",
        fallback="timed out",
    )
    assert (
        shown.fallback_note
        == "the model failed (timed out); the rest of this turn is the offline interviewer's"
    )
    assert whole.fallback_note == "the model failed (timed out); this turn is the offline interviewer's"
    assert (
        Event(
            seq=3, role="interviewer", kind="say", phase="requirements", elapsed_s=1.0, text="ok"
        ).fallback_note
        == ""
    )
