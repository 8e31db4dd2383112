"""Every form of the report tells "you did not give this figure" apart from "your figure was off".

One real headless run gives one estimate right (40 writes a second), one wrong (400,000
redirects a second, a hundred times too many) and leaves the rest out. The Markdown export,
the terminal report (`rescore`), the app's report screen and the JSON all show the three
differently, and none of them says "no" for a figure that was never given.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.catalog import load_catalog
from interview.cli import cli
from interview.store import Store
from interview.tui.widgets.report_text import report_markdown

ANSWERS = """How many new URLs per month, and how long do we keep links?
---
/next
---
About 40 writes per second. Reads are 100 times that, so 400000 redirects per second.
---
/end
"""
_LABELS = {e.id: e.label for e in load_catalog().scenario("url-shortener").estimates}
RIGHT = _LABELS["write_rate"]  # 40 a second
WRONG = _LABELS["read_rate"]  # 4,000 a second, within x3
MISSING = _LABELS["peak_write_rate"]
VERDICT_WORDS = {"yes", "no"}


def cli_run(*args: object) -> str:
    result = CliRunner(env={"COLUMNS": "220"}).invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("reports")
    answers = tmp / "answers.txt"
    answers.write_text(ANSWERS, encoding="utf-8")
    db = tmp / "interview.db"
    session = json.loads(cli_run("run", "url-shortener", "--answers", answers, "--json", "--db", db))
    return db, session["session_id"]


def markdown_rows(text: str) -> dict[str, list[str]]:
    rows = {}
    for line in text.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            rows[cells[0]] = cells[1:]
    return rows


def text_rows(text: str) -> dict[str, list[str]]:
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in re.split(r"\s{2,}", line.strip()) if c.strip()]
        if cells and cells[0] in (RIGHT, WRONG, MISSING):
            rows[cells[0]] = cells[1:]
    return rows


def check(rows: dict[str, list[str]], form: str) -> None:
    assert {RIGHT, WRONG, MISSING} <= set(rows), (form, rows)
    right, wrong, missing = rows[RIGHT], rows[WRONG], rows[MISSING]
    assert "yes" in " ".join(right).split() and "no" not in " ".join(right).split(), (form, right)
    assert "no" in " ".join(wrong).split() and "yes" not in " ".join(wrong).split(), (form, wrong)
    missing_words = set(" ".join(missing).replace("(", " ").split())
    assert not missing_words & VERDICT_WORDS, (form, missing)  # neither "yes" nor "no": not given
    assert missing != wrong


def test_the_markdown_export(graded: tuple[Path, str]) -> None:
    db, sid = graded
    exported = cli_run("export", sid, "--db", db)
    rows = markdown_rows(exported.split("Estimates", 1)[1])
    check(rows, "export")
    within = rows["Figure"].index("Within tolerance")  # the tolerance column itself
    assert rows[RIGHT][within].split()[0] == "yes" and rows[WRONG][within].split()[0] == "no"
    assert rows[MISSING][within] == "not given"


def test_the_terminal_report(graded: tuple[Path, str]) -> None:
    db, sid = graded
    printed = cli_run("rescore", sid, "--db", db)
    check(text_rows(printed), "rescore")


def test_the_app_report_screen(graded: tuple[Path, str]) -> None:
    db, sid = graded
    with Store(db) as store:
        report = store.latest_report(sid)
        record = store.get_session(sid)
    assert report is not None
    rows = markdown_rows(report_markdown(report, record).split("Estimates", 1)[1])
    check(rows, "app")


def test_the_json(graded: tuple[Path, str]) -> None:
    db, sid = graded
    shown = json.loads(cli_run("show", sid, "--json", "--db", db))
    estimates = {e["label"]: e for e in shown["score"]["estimates"]}
    assert estimates[RIGHT]["within_tolerance"] is True
    assert estimates[WRONG]["within_tolerance"] is False
    assert estimates[MISSING]["within_tolerance"] is None and not estimates[MISSING]["said"]
