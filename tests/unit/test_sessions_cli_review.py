"""`interview history|show|search|export` over a database filled like real sessions."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interview.cli import cli
from interview.engine.transcript import session_json
from interview.store import Store
from tests.support.store_data import START, TRANSCRIPT, make_report, stored_session


def run(*args: str) -> Result:
    """The command as in a wide (160-column) terminal: one line per entry."""
    return CliRunner(env={"COLUMNS": "160"}).invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "interview.db"


def test_history_lists_newest_first_with_scores(db: Path) -> None:
    with Store(db) as store:
        old, _ = stored_session(store, started_at=START)
        new, _ = stored_session(store, scenario_id="chat", started_at=START + timedelta(days=1), report=False)
    result = run("history", "--db", str(db))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    new_line = next(i for i, line in enumerate(lines) if new.id[:8] in line)
    old_line = next(i for i, line in enumerate(lines) if old.id[:8] in line)
    assert new_line < old_line
    assert "url-shortener" in lines[old_line] and "72" in lines[old_line] and "hire" in lines[old_line]
    assert "chat" in lines[new_line] and "principal" in lines[old_line] and "offline" in lines[old_line]
    assert "2026-11-01" in lines[old_line]


def test_history_json_filters_and_limit(db: Path) -> None:
    with Store(db) as store:
        a, _ = stored_session(store, started_at=START)
        b, _ = stored_session(
            store, started_at=START + timedelta(hours=1), status="in_progress", report=False
        )
        c, _ = stored_session(store, scenario_id="chat", started_at=START + timedelta(hours=2))
    everything = json.loads(run("history", "--db", str(db), "--json").stdout)
    assert [s["session_id"] for s in everything] == [c.id, b.id, a.id]
    first = everything[2]
    assert set(first) == {
        "session_id", "scenario_id", "scenario_title", "persona_id", "model", "level", "status",
        "started_at", "ended_at", "elapsed_s", "overall", "verdict", "kind",
    }  # fmt: skip
    assert (first["overall"], first["verdict"], first["status"]) == (72.0, "hire", "completed")
    assert first["kind"] == "interview"
    assert everything[1]["overall"] is None

    def ids(*args: str) -> list[str]:
        return [s["session_id"] for s in json.loads(run("history", "--db", str(db), "--json", *args).stdout)]

    assert ids("--scenario", "url-shortener") == [b.id, a.id]
    assert ids("--status", "in_progress") == [b.id]
    assert ids("--limit", "1") == [c.id]
    bad = run("history", "--db", str(db), "--status", "paused")
    assert (
        bad.exit_code == 1
        and bad.stderr == "error: --status must be one of in_progress, completed, abandoned; got 'paused'\n"
    )
    bad = run("history", "--db", str(db), "--limit", "0")
    assert bad.exit_code == 1 and "--limit must be a whole number of at least 1" in bad.stderr
    bad = run("export", a.id, "--format", "pdf", "--db", str(db))
    assert bad.exit_code == 1 and "--format must be one of md, json" in bad.stderr


def test_history_on_a_new_database(db: Path) -> None:
    result = run("history", "--db", str(db))
    assert result.exit_code == 0 and "No sessions yet" in result.stdout
    assert json.loads(run("history", "--db", str(db), "--json").stdout) == []


def test_history_uses_interview_db(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(db) as store:
        record, _ = stored_session(store)
    monkeypatch.setenv("INTERVIEW_DB", str(db))
    assert record.id in run("history", "--json").stdout


def test_show_prints_transcript_by_phase_with_timings_and_report(db: Path) -> None:
    with Store(db) as store:
        record, _ = stored_session(store)
    result = run("show", record.id[:6], "--db", str(db))
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())  # rich wraps long turns; compare without line breaks
    for _, _, said, _ in TRANSCRIPT:
        assert " ".join(said.split()) in text
    for title in ("Requirements", "Estimation", "High-level design", "Deep dive", "Wrap-up", "Timing"):
        assert title in text
    assert "model not used: model timed out" in text
    assert "keygen (ranges)" in text  # the whiteboard
    assert "Overall: 72/100" in text and "Thin on storage math" not in text  # summary text as written
    assert "Solid requirements, thin on storage math." in text


def test_show_json_is_the_session_json_shape(db: Path) -> None:
    with Store(db) as store:
        record, events = stored_session(store)
    shown = json.loads(run("show", record.id, "--db", str(db), "--json").stdout)
    expected = json.loads(json.dumps(session_json(record, events, make_report(record)), default=str))
    assert shown == expected
    assert len(shown["turns"]) == len(TRANSCRIPT) and shown["score"]["overall"] == 72.0


def test_show_before_grading_has_no_score(db: Path) -> None:
    with Store(db) as store:
        record, _ = stored_session(store, report=False, status="in_progress")
    shown = json.loads(run("show", record.id, "--db", str(db), "--json").stdout)
    assert shown["score"] is None and shown["status"] == "in_progress"
    assert "Score" not in run("show", record.id, "--db", str(db)).stdout


def test_search_human_and_json(db: Path) -> None:
    with Store(db) as store:
        record, _ = stored_session(store)
    result = run("search", "consistent hashing", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert record.id[:8] in result.stdout and "[consistent]" in result.stdout and "Deep dive" in result.stdout
    hits = json.loads(run("search", "hot keys?", "--db", str(db), "--json").stdout)
    assert {h["session_id"] for h in hits} == {record.id}
    assert set(hits[0]) == {"session_id", "scenario_id", "seq", "role", "phase", "snippet", "started_at"}
    for raw in ('"', "NOT (", "*"):
        assert run("search", raw, "--db", str(db)).exit_code == 0
    nothing = run("search", "blockchain", "--db", str(db))
    assert nothing.exit_code == 0 and "No turns match 'blockchain'" in nothing.stdout


def test_markdown_export_has_every_turn_and_no_hidden_facts(db: Path) -> None:
    with Store(db) as store:
        record, events = stored_session(store)
    result = run("export", record.id[:8], "--format", "md", "--db", str(db))
    assert result.exit_code == 0, result.output
    md = result.stdout
    for event in events:
        if event.is_turn:
            assert event.text in md
    assert md.startswith(f"# {record.scenario_title}")
    assert record.scenario["prompt"].strip().splitlines()[0] in md  # the brief
    for fact in record.scenario["facts"]:
        assert fact["answer"] not in md  # hidden requirements never leak into a shareable report
    for section in (
        "## Brief",
        "## Timing",
        "## Transcript",
        "### Deep dive",
        "## Whiteboard",
        "## Criteria",
    ):
        assert section in md
    assert (
        "## Top improvements" in md
        and "Size the storage before designing" in md
        and "100M new links a day" in md
    )
    assert "72/100" in md and "model not used for this turn: model timed out" in md


def test_export_json_and_to_a_file(db: Path, tmp_path: Path) -> None:
    with Store(db) as store:
        record, events = stored_session(store)
    as_json = json.loads(run("export", record.id, "--format", "json", "--db", str(db)).stdout)
    assert as_json == json.loads(json.dumps(session_json(record, events, make_report(record)), default=str))

    target = tmp_path / "report.md"
    result = run("export", record.id, "-o", str(target), "--db", str(db))
    assert result.exit_code == 0 and result.stdout == ""
    assert f"wrote {target}" in result.stderr
    assert "## Transcript" in target.read_text(encoding="utf-8")

    blocked = run("export", record.id, "-o", str(tmp_path / "missing-folder" / "r.md"), "--db", str(db))
    assert blocked.exit_code == 1 and blocked.stderr.startswith("error: cannot write")
    folder = run("export", record.id, "-o", str(tmp_path), "--db", str(db))
    assert folder.exit_code == 1  # bad input, not a database problem (exit 2)
    assert folder.stderr.startswith("error: -o") and "is a folder" in folder.stderr


def test_stored_text_that_looks_like_markup_is_shown_literally(db: Path) -> None:
    tricky = [
        ("interviewer", "requirements", "Say [bold]something[/bold] about [/] shards.", None),
        (
            "candidate",
            "requirements",
            "I'd use [red]consistent[/red] hashing [/i] and a [link=x]cache[/link].",
            None,
        ),
    ]
    with Store(db) as store:
        record, _ = stored_session(store, transcript=tricky, report=False, model="[magenta]model[/]")
        report = make_report(record)
        report.criteria[0].why = "quoted [turn 1] and [/b] closed nothing"
        store.save_report(record.id, report)
    shown = run("show", record.id, "--db", str(db))
    assert shown.exit_code == 0, shown.output
    for literal in (
        "[bold]something[/bold] about [/] shards.",
        "[red]consistent[/red] hashing [/i]",
        "quoted [turn 1] and [/b] closed nothing",
        "[magenta]model[/]",
    ):
        assert literal in shown.stdout
    listed = run("history", "--db", str(db))
    assert "[magenta]model[/]" in listed.stdout
    found = run("search", "hashing", "--db", str(db))
    assert "[red]consistent[/red]" in found.stdout and "[hashing]" in found.stdout
