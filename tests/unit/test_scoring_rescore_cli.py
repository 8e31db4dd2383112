"""`interview rescore ID`: grade a stored session again and keep the earlier grades."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview import paths
from interview.cli import cli
from interview.scoring import score_offline
from interview.store import Store
from tests.conftest import REPO
from tests.support.scoring_sessions import headless_run
from tests.support.stub_server import ThreadedStubServer


@pytest.fixture
def stored(tmp_path: Path) -> tuple[Path, str, float]:
    """A completed, graded mediocre url-shortener session in a fresh database."""
    db = tmp_path / "interview.db"
    record, events = headless_run("url-shortener", "mediocre")
    record = record.model_copy(update={"status": "completed"})
    store = Store(db)
    try:
        store.create_session(record)
        for event in events:
            store.append_event(record.id, event)
        report = score_offline(record, events)
        store.save_report(record.id, report)
    finally:
        store.close()
    return db, record.id, report.overall


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def reports(db: Path, session_id: str) -> list:
    store = Store(db)
    try:
        return store.reports(session_id)
    finally:
        store.close()


def test_rescore_adds_a_grade_and_keeps_the_earlier_one(stored: tuple[Path, str, float]) -> None:
    db, session_id, first = stored
    code, out, _ = invoke("rescore", session_id[:8], "--db", str(db), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["session_id"] == session_id
    assert data["score"]["overall"] == first
    assert data["score"]["criteria"][0]["max"] == 4
    assert [p["overall"] for p in data["previous_scores"]] == [first]
    assert len(reports(db, session_id)) == 2


def test_rescore_prints_the_full_report_and_the_previous_grade(stored: tuple[Path, str, float]) -> None:
    db, session_id, first = stored
    code, out, _ = invoke("rescore", session_id[:8], "--db", str(db))
    assert code == 0
    assert "Requirements and scoping" in out
    assert "Estimates" in out and "Top improvements" in out
    assert f"Previous grade: {first:.0f}/100" in out
    # phases are named as `show` names them, not by their ids
    assert "High-level design" in out.split("Time", 1)[1] and "high level design" not in out


def test_rescore_uses_the_edited_rubric_unless_asked_for_the_one_as_run(
    stored: tuple[Path, str, float],
) -> None:
    db, session_id, first = stored
    rubric = (REPO / "rubrics" / "system-design.yaml").read_text(encoding="utf-8")
    edited = rubric.replace(
        "    name: Communication and collaboration\n    weight: 5\n",
        "    name: Communication and collaboration\n    weight: 100\n",
    )
    assert edited != rubric
    user_rubrics = paths.user_dir("rubrics")
    user_rubrics.mkdir(parents=True, exist_ok=True)
    (user_rubrics / "system-design.yaml").write_text(edited, encoding="utf-8")
    code, out, _ = invoke("rescore", session_id, "--db", str(db), "--json")
    assert code == 0
    communication = next(c for c in json.loads(out)["score"]["criteria"] if c["id"] == "communication")
    assert communication["weight"] == 100
    assert json.loads(out)["score"]["overall"] != first
    code, out, _ = invoke("rescore", session_id, "--db", str(db), "--json", "--as-run")
    assert code == 0 and json.loads(out)["score"]["overall"] == first
    assert len(reports(db, session_id)) == 3


def test_unknown_session_is_a_one_line_error(stored: tuple[Path, str, float]) -> None:
    db, _, _ = stored
    code, out, err = invoke("rescore", "ffffffff", "--db", str(db))
    assert code == 1
    assert err.startswith("error: ") and "Traceback" not in err
    assert out == ""


def test_a_database_that_is_not_sqlite_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 100)
    code, _, err = invoke("rescore", "abc", "--db", str(bad))
    assert code == 2
    assert err.startswith("error: ")
    assert bad.read_bytes() == b"this is not a database" * 100


def test_a_failing_judge_model_falls_back_and_says_so(stored: tuple[Path, str, float]) -> None:
    db, session_id, first = stored
    with ThreadedStubServer() as server:
        code, out, _ = invoke(
            "rescore", session_id, "--db", str(db), "--model", "openai/r500", "--api-base", server.base_url
        )
    assert code == 0
    assert "The model judge was not used" in out
    latest = reports(db, session_id)[-1]
    assert latest.scorer == "offline" and latest.fallback and latest.overall == first


def test_offline_flag_skips_a_configured_model(
    stored: tuple[Path, str, float], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, session_id, _ = stored
    monkeypatch.setenv("INTERVIEW_MODEL", "openai/never-called")
    code, out, _ = invoke("rescore", session_id, "--db", str(db), "--offline", "--json")
    assert code == 0
    score = json.loads(out)["score"]
    assert score["scorer"] == "offline" and score["fallback"] is None
