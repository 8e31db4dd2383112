"""Every command that prints stored, user or model words shows escape codes and markup as text."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interview.cli import cli
from interview.store import Store
from tests.support.store_data import TRANSCRIPT, make_report, stored_session

ATTACK = "\x1b]0;PWNED\x07 \x1b[2J \x1b]52;c;ZWNobyBwd25lZA==\x07 \x9b31m [bold]loud[/bold] [/] end"
SHOWN = "␛]0;PWNED␇ ␛[2J ␛]52;c;ZWNobyBwd25lZA==␇ \\x9b31m [bold]loud[/bold] [/] end"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def obeyable(text: str) -> list[str]:
    """Characters a terminal would act on (C0/C1 controls other than newline and tab)."""
    return [ch for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\t"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A session whose title, model, turns, whiteboard and report all carry the attack."""
    path = tmp_path / "h.db"
    transcript = list(TRANSCRIPT)
    transcript[1] = ("candidate", "requirements", f"who uses it? {ATTACK}", None)
    transcript[2] = ("interviewer", "requirements", f"model says {ATTACK}", None)
    with Store(path) as store:
        record, _ = stored_session(store, transcript=transcript, report=False, model=f"m{ATTACK}")
        store.update_session(record.id, scenario_title=f"Design a [/] limiter {ATTACK}", whiteboard=ATTACK)
        report = make_report(record)
        report.criteria[0].evidence[0].quote = ATTACK
        report.criteria[0].why = ATTACK
        report.feedback.summary = ATTACK
        store.save_report(record.id, report)
    return path


def _session_id(db: Path) -> str:
    with Store(db) as store:
        return store.list_sessions()[0].id


def test_show_prints_escape_codes_and_markup_literally(db: Path) -> None:
    result = run("show", _session_id(db), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert obeyable(result.stdout) == []
    assert result.stdout.count("␛]0;PWNED␇") >= 5  # title, model, two turns, board, report
    assert "[bold]loud[/bold] [/]" in result.stdout  # markup is not interpreted or dropped
    assert "Design a [/] limiter" in result.stdout


def test_history_and_search_print_literally(db: Path) -> None:
    history = run("history", "--db", str(db))
    assert history.exit_code == 0 and obeyable(history.stdout) == []
    search = run("search", "PWNED", "--db", str(db))
    assert search.exit_code == 0, search.output
    assert obeyable(search.stdout) == [] and "␛]0;" in search.stdout and "[bold]loud" in search.stdout
    nothing = run("search", "[bold] \x1b]0;x\x07", "--db", str(db))  # the query is echoed back
    assert nothing.exit_code == 0 and obeyable(nothing.output) == []


def test_export_markdown_is_safe_to_cat_and_json_escapes_everything(db: Path, tmp_path: Path) -> None:
    md = run("export", _session_id(db), "--db", str(db))
    assert md.exit_code == 0 and obeyable(md.stdout) == [] and SHOWN in md.stdout
    out = tmp_path / "report.md"
    assert run("export", _session_id(db), "--db", str(db), "-o", str(out)).exit_code == 0
    assert obeyable(out.read_text(encoding="utf-8")) == []
    for args in (("export", "--format", "json"), ("show", "--json")):
        result = run(*args[:1], _session_id(db), *args[1:], "--db", str(db))
        assert result.exit_code == 0 and obeyable(result.stdout) == []  # not even the C1 0x9b
        data = json.loads(result.stdout)
        assert ATTACK in [t["text"].removeprefix("who uses it? ") for t in data["turns"]]  # exact


def test_run_streams_answers_and_replies_safely(tmp_path: Path) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_text(f"Hello {ATTACK}\n---\n/end\n", encoding="utf-8")
    result = run("run", "url-shortener", "--answers", str(answers), "--db", str(tmp_path / "r.db"))
    assert result.exit_code == 0, result.output
    assert obeyable(result.output) == []
    assert f"You: Hello {SHOWN}" in result.stdout


def test_scenarios_list_and_show_print_a_hostile_title_literally(tmp_path: Path, repo: Path) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    source = (repo / "scenarios" / "url-shortener.yaml").read_text(encoding="utf-8")
    lines = [
        'title: "Design a [/] shortener [bold]B[/bold] \\e]0;PWNED\\a\\e[2J"' if line.startswith("title:") else
        "id: hostile" if line.startswith("id:") else line
        for line in source.splitlines()
    ]  # fmt: skip
    (folder / "hostile.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    listed = run("scenarios", "list", "--scenarios", str(folder))
    assert listed.exit_code == 0, listed.output
    assert obeyable(listed.output) == [] and "Design a [/] shortener [bold]B[/bold] ␛]0;PWNED␇␛[2J" in listed.stdout
    shown = run("scenarios", "show", "hostile", "--scenarios", str(folder))
    assert shown.exit_code == 0 and obeyable(shown.output) == [] and "␛]0;PWNED␇" in shown.stdout


def test_error_lines_quote_bad_input_safely(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run("history", "--db", str(blocker / "x\x1b]0;x\x07.db"))  # the path is quoted as given
    assert result.exit_code == 2
    assert obeyable(result.output) == [] and "x␛]0;x␇.db" in result.output
