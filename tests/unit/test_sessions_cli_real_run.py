"""A real headless `interview run` is visible to history, show, search and export."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from interview.cli import cli
from tests.conftest import REPO

ANSWERS = REPO / "tests" / "fixtures" / "runs" / "url-shortener.txt"


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_a_real_run_is_reviewable(tmp_path: Path) -> None:
    db = tmp_path / "interview.db"
    ran = run("run", "url-shortener", "--answers", ANSWERS, "--json", "--seed", "3", "--db", db)
    assert ran.exit_code == 0, ran.output
    session = json.loads(ran.stdout)
    session.pop("unused_answers", None)
    sid = session["session_id"]

    listed = json.loads(run("history", "--json", "--db", db).stdout)
    assert [s["session_id"] for s in listed] == [sid]
    assert listed[0]["status"] == session["status"] == "completed"
    assert session["score"] is not None  # run grades the interview; history shows that grade
    assert (listed[0]["overall"], listed[0]["verdict"]) == (
        session["score"]["overall"],
        session["score"]["verdict"],
    )

    shown = json.loads(run("show", sid[:7], "--json", "--db", db).stdout)
    assert shown == session  # one JSON shape for run --json and show --json

    hits = json.loads(run("search", "request coalescing", "--json", "--db", db).stdout)
    assert {h["session_id"] for h in hits} == {sid}
    assert all(h["role"] == "candidate" for h in hits)

    markdown = run("export", sid[:7], "--db", db).stdout
    for turn in session["turns"]:
        assert turn["text"].strip() in markdown
