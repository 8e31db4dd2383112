"""Drills headless (`interview drill estimation|criterion|redo`), history --kind, and `progress --json`."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner

from interview.catalog import load_catalog
from interview.cli import cli
from interview.drills.plan import estimation_questions
from interview.store import Store
from tests.support.store_data import START, make_report, stored_session

RIGHT_WRONG = """100M a month / (30 x 86,400 s) = 100M / 2.6M = about 40 writes per second.
---
Peak is 40/s x 2.5 = 100 writes per second at peak.
---
40 writes/s x 100 = 400 redirects per second.
---
I don't know.
---
/next
"""


def invoke(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*map(str, args)])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr


def answers(tmp_path: Path, text: str, name: str = "answers.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_estimation_questions_give_the_inputs_and_never_the_result() -> None:
    scenario = load_catalog().scenario("url-shortener")
    questions = {q.estimate: q for q in estimation_questions(scenario)}
    write = questions["write_rate"]
    assert any("100 million" in g for g in write.given)  # the input is given
    assert "40" not in write.text  # ... the result is not
    peak = questions["peak_write_rate"]
    assert "Take new short URLs per second (average) as 40/s." in peak.given  # builds on the last one
    assert "100/s" not in peak.text
    storage = questions["storage"]
    assert any("500 bytes" in g for g in storage.given)
    assert "3 TB" not in storage.text


def test_estimation_drill_checks_each_answer_points_at_the_broken_step_and_tallies(tmp_path: Path) -> None:
    db = tmp_path / "db"
    code, out, err = invoke(
        "drill",
        "estimation",
        "url-shortener",
        "--answers",
        answers(tmp_path, RIGHT_WRONG),
        "--json",
        "--db",
        db,
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["kind"] == "drill_estimation" and data["status"] == "completed"
    verdicts = [q["verdict"] for q in data["drill"]["questions"]]
    assert verdicts == ["right", "right", "wrong", "no_figure", "skipped"]
    wrong = data["drill"]["questions"][2]
    assert "40 x 100" in wrong["feedback"]  # the step that breaks, not the reference
    assert "4,000" not in wrong["feedback"] and "4k" not in wrong["feedback"]
    assert data["drill"]["tally"] == {"right": 2, "counted": 5, "answered": 5}
    said = [t["text"] for t in data["turns"] if t["role"] == "interviewer"]
    assert any("Tally: 2 of 3 right" in t for t in said)  # running tally after the third answer
    closing = said[-1]  # the derivations come at the end, and only then
    assert closing.startswith("Estimation drill over: 2 of 5 right")
    assert "40 writes/s x 100 reads per write = 4,000 redirects/s" in closing
    assert not any("4,000 redirects/s" in t for t in said[:-1])
    # graded on estimation only, from the tally (2 of 5)
    assert [c["id"] for c in data["score"]["criteria"]] == ["estimation"]
    assert data["score"]["criteria"][0]["score"] == 2
    with Store(db) as store:
        record = store.get_session(data["session_id"])
        assert record.kind == "drill_estimation"
        assert store.latest_report(record.id) is not None


def test_estimation_drill_all_right_scores_four(tmp_path: Path) -> None:
    text = "\n---\n".join(
        [
            "100M a month / (30 x 86,400 s) = about 40 writes per second.",
            "40/s x 2.5 = 100 writes per second at peak.",
            "40 writes/s x 100 = 4,000 redirects per second.",
            "100M/month x 12 x 5 = 6 billion records.",
            "6B records x 500 bytes = 3 TB of storage.",
        ]
    )
    code, out, err = invoke(
        "drill",
        "estimation",
        "url-shortener",
        "--answers",
        answers(tmp_path, text),
        "--json",
        "--db",
        tmp_path / "db",
    )
    assert code == 0, err
    data = json.loads(out)
    assert [q["verdict"] for q in data["drill"]["questions"]] == ["right"] * 5
    assert data["score"]["criteria"][0]["score"] == 4


def test_estimation_drill_resumes_where_the_answers_ran_out(tmp_path: Path) -> None:
    db = tmp_path / "db"
    first = "\n---\n".join(RIGHT_WRONG.split("\n---\n")[:2])
    code, out, err = invoke(
        "drill", "estimation", "url-shortener", "--answers", answers(tmp_path, first), "--json", "--db", db
    )
    assert code == 0 and "--resume" in err
    data = json.loads(out)
    assert data["status"] == "in_progress"
    code, out, err = invoke(
        "drill", "estimation", "--resume", data["session_id"][:10], "--answers", answers(tmp_path, RIGHT_WRONG, "all.txt"),
        "--json", "--db", db,
    )  # fmt: skip
    assert code == 0, err
    again = json.loads(out)
    assert again["session_id"] == data["session_id"] and again["status"] == "completed"
    assert [q["verdict"] for q in again["drill"]["questions"]] == [
        "right",
        "right",
        "wrong",
        "no_figure",
        "skipped",
    ]
    candidate = [t["text"] for t in again["turns"] if t["role"] == "candidate"]
    assert len(candidate) == 5  # the first two are not given twice


RELIABLE = """The receiving bank may have credited it, so the payment is unknown, not failed: we park it, query its status and resend the identical message as a duplicate until a definitive pacs.002 arrives, because guessing would double-pay or lose money.
---
The ledger fails over to a synchronous replica promoted within seconds; in-flight payments are retried idempotently with the same payment id because a retry must never double-post.
---
/end
"""


def test_criterion_drill_asks_only_that_criterion_and_is_scored_on_it_alone(tmp_path: Path) -> None:
    db = tmp_path / "db"
    code, out, err = invoke(
        "drill", "criterion", "reliability", "--answers", answers(tmp_path, RELIABLE), "--json", "--db", db
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["kind"] == "drill_criterion" and data["status"] == "completed"
    assert data["scenario"] == "payment-rail"  # where reliability weighs most
    keys = [q["key"] for q in data["drill"]["questions"]]
    assert keys[0].startswith("probe:") and "spof" in keys and "dlq" in keys
    assert [c["id"] for c in data["score"]["criteria"]] == ["reliability"]
    assert data["score"]["estimates"] == []  # nothing about estimation in a reliability drill
    assert data["score"]["criteria"][0]["score"] >= 2  # two reasoned failure answers count


def test_criterion_drill_trade_offs_asks_for_tables(tmp_path: Path) -> None:
    code, out, err = invoke(
        "drill", "criterion", "Trade-offs", "--scenario", "url-shortener", "--answers",
        answers(tmp_path, "/end\n"), "--json", "--db", tmp_path / "db",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert data["drill"]["criterion"] == "trade_offs"
    assert all("table" in q["question"] for q in data["drill"]["questions"])


def test_criterion_drill_defaults_to_the_weakest_criterion(tmp_path: Path) -> None:
    db = tmp_path / "db"
    with Store(db) as store:
        record, _ = stored_session(store, report=False)
        report = make_report(record)
        for c in report.criteria:  # everything 3, reliability 1
            c.score = 1 if c.id == "reliability" else 3
        store.save_report(record.id, report)
    code, out, err = invoke(
        "drill", "criterion", "--answers", answers(tmp_path, "/end\n"), "--json", "--db", db
    )
    assert code == 0, err
    assert json.loads(out)["drill"]["criterion"] == "reliability"


def test_criterion_drill_without_history_or_name_says_what_to_do(tmp_path: Path) -> None:
    code, _, err = invoke(
        "drill", "criterion", "--answers", answers(tmp_path, "/end\n"), "--db", tmp_path / "db"
    )
    assert code == 1 and "no graded sessions yet" in err
    code, _, err = invoke(
        "drill", "criterion", "bogus", "--answers", answers(tmp_path, "/end\n"), "--db", tmp_path / "db"
    )
    assert code == 1 and "unknown criterion 'bogus'" in err and "reliability" in err


def test_redo_drills_one_improvement_item_of_a_report(tmp_path: Path) -> None:
    db = tmp_path / "db"
    with Store(db) as store:
        record, _ = stored_session(store)
    text = "100M links a day x 500 bytes x 365 x 5 years is about 90 TB, because each record is 500 bytes."
    code, out, err = invoke(
        "drill", "redo", record.id[:8], "--answers", answers(tmp_path, text), "--json", "--db", db
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["kind"] == "redo" and data["status"] == "completed"
    asked = [t["text"] for t in data["turns"] if t["role"] == "interviewer"]
    assert "How much storage over five years?" in asked  # the question that exposed it, again
    criterion = make_report(record).feedback.improvements[0].criterion
    assert [c["id"] for c in data["score"]["criteria"]] == [criterion]
    code, _, err = invoke(
        "drill", "redo", record.id[:8], "--item", "5", "--answers", answers(tmp_path, text), "--db", db
    )
    assert code == 1 and "--item must be 1 to 1" in err


def test_drills_are_sessions_history_filters_by_kind_and_search_finds_them(tmp_path: Path) -> None:
    db = tmp_path / "db"
    with Store(db) as store:
        stored_session(store)
    invoke("drill", "estimation", "url-shortener", "--answers", answers(tmp_path, RIGHT_WRONG), "--db", db)
    code, out, _ = invoke("history", "--json", "--db", db)
    assert sorted(s["kind"] for s in json.loads(out)) == ["drill_estimation", "interview"]
    code, out, _ = invoke("history", "--kind", "drill_estimation", "--json", "--db", db)
    rows = json.loads(out)
    assert [s["kind"] for s in rows] == ["drill_estimation"]
    code, out, _ = invoke("search", "redirects", "--json", "--db", db)
    assert rows[0]["session_id"] in {hit["session_id"] for hit in json.loads(out)}
    code, out, _ = invoke("export", rows[0]["session_id"][:8], "--format", "json", "--db", db)
    assert json.loads(out)["kind"] == "drill_estimation"
    code, _, err = invoke("history", "--kind", "nap", "--db", db)
    assert code == 1


def test_an_old_database_gets_kind_interview_for_its_sessions(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store(db) as store:
        record, _ = stored_session(store)
    conn = sqlite3.connect(db, isolation_level=None)  # back to schema 2: no kind column
    conn.execute("DROP INDEX sessions_kind_started")
    conn.execute("ALTER TABLE sessions DROP COLUMN kind")
    conn.execute("PRAGMA user_version = 2")
    conn.close()
    with Store(db) as store:  # migrated forward on open
        assert store.get_session(record.id).kind == "interview"
        assert store.list_sessions(kind="interview")[0].id == record.id
        assert store.list_sessions(kind="redo") == []


def _seed(store: Store) -> None:
    """Three interviews: reliability 1, 2, 3 (improving); estimation 3, 2, 1 (declining); a drill."""
    for i, (rel, est) in enumerate([(1, 3), (2, 2), (3, 1)]):
        record, _ = stored_session(store, report=False, started_at=START + timedelta(days=i))
        report = make_report(record)
        for c in report.criteria:
            c.score = {"reliability": rel, "estimation": est}.get(c.id, 3)
        store.save_report(record.id, report)


def test_progress_json_lists_each_criterion_with_its_trend_and_the_next_practice(tmp_path: Path) -> None:
    db = tmp_path / "db"
    with Store(db) as store:
        _seed(store)
    code, out, err = invoke("progress", "--json", "--db", db)
    assert code == 0, err
    data = json.loads(out)
    by_id = {c["id"]: c for c in data["criteria"]}
    rubric = load_catalog().rubric("system-design")
    assert list(by_id) == [c.id for c in rubric.criteria]
    assert by_id["reliability"]["trend"] == "improving" and by_id["reliability"]["latest"] == 3
    assert by_id["estimation"]["trend"] == "declining" and by_id["estimation"]["latest"] == 1
    assert [p["score"] for p in by_id["estimation"]["points"]] == [3, 2, 1]
    assert by_id["requirements"]["trend"] == "steady" and by_id["requirements"]["sessions"] == 3
    assert data["next"]["kind"] == "drill_estimation" and data["next"]["criterion"] == "estimation"
    assert data["next"]["command"].startswith("interview drill estimation")
    # a drill counts too: an all-right estimation drill lifts estimation's latest grade
    text = "\n---\n".join(
        [
            "100M a month / (30 x 86,400 s) = about 40 writes per second.",
            "40/s x 2.5 = 100 writes per second at peak.",
            "40 writes/s x 100 = 4,000 redirects per second.",
            "100M/month x 12 x 5 = 6 billion records.",
            "6B records x 500 bytes = 3 TB of storage.",
        ]
    )
    invoke("drill", "estimation", "url-shortener", "--answers", answers(tmp_path, text), "--db", db)
    data = json.loads(invoke("progress", "--json", "--db", db)[1])
    estimation = next(c for c in data["criteria"] if c["id"] == "estimation")
    assert estimation["drills"] == 1 and estimation["latest"] == 4 and estimation["sessions"] == 4
    assert data["next"]["criterion"] != "estimation"


def test_progress_with_no_sessions_suggests_a_whole_interview(tmp_path: Path) -> None:
    code, out, err = invoke("progress", "--json", "--db", tmp_path / "db")
    assert code == 0, err
    data = json.loads(out)
    assert all(c["trend"] == "none" and c["points"] == [] for c in data["criteria"])
    assert data["next"]["kind"] == "interview"
    code, out, _ = invoke("progress", "--db", tmp_path / "db")
    assert "Next:" in out


def test_each_estimation_answer_is_read_at_its_result_and_the_broken_step_is_named() -> None:
    from interview.drills.checks import check_answer

    scenario = load_catalog().scenario("url-shortener")
    by_id = {q.estimate: q for q in estimation_questions(scenario)}
    average, peak = by_id["write_rate"], by_id["peak_write_rate"]
    slip = check_answer(average, "100M / 86,400 = 1,157 writes per second", scenario)
    assert slip.verdict == "wrong" and "86,400 is the seconds in a day" in slip.feedback
    twice = check_answer(peak, "Peak is 40/s x 10 x 10 = 4,000 writes per second at peak.", scenario)
    assert (
        twice.verdict == "wrong" and twice.said == "4,000 writes per second"
    )  # not the 40/s it started from
    assert "twice" in twice.feedback
    assert check_answer(peak, "Peak: 40/s.", scenario).verdict == "no_figure"  # the given input said back
    assert check_answer(peak, "40/s x 2.5 = 100 writes per second at peak.", scenario).verdict == "right"


def test_without_answers_the_drill_opens_in_the_app(tmp_path: Path, monkeypatch) -> None:
    from interview.cli import tui_cmds

    started = []
    monkeypatch.setattr(tui_cmds, "_run", lambda start, dirs, db: started.append(start))
    code, _, err = invoke("drill", "criterion", "reliability", "--db", tmp_path / "db")
    assert code == 0, err
    [start] = started
    assert start.mode == "drill" and start.scenario_id == "payment-rail"
    assert start.drill["kind"] == "drill_criterion" and start.drill["criterion"] == "reliability"


def test_a_drill_in_progress_is_not_resumed_as_an_interview(tmp_path: Path) -> None:
    db = tmp_path / "db"
    first = RIGHT_WRONG.split("\n---\n")[0]
    code, out, _ = invoke(
        "drill", "estimation", "url-shortener", "--answers", answers(tmp_path, first), "--json", "--db", db
    )
    drill_id = json.loads(out)["session_id"]
    code, _, err = invoke("run", "--resume", drill_id[:10], "--answers", answers(tmp_path, first), "--db", db)
    assert code == 1 and "is a drill" in err and "interview drill estimation --resume" in err


def test_a_criterion_answer_naming_components_without_a_reason_is_told_so() -> None:
    from interview.drills.checks import check_answer
    from interview.drills.plan import criterion_questions

    scenario = load_catalog().scenario("url-shortener")
    question = criterion_questions(scenario, "reliability")[0]
    bare = check_answer(question, "We add Redis and Kafka and a load balancer.", scenario)
    assert "without saying why" in bare.feedback and "redis" in bare.feedback.lower()
    reasoned = "We fail over to a replica because the primary is down, so writes continue."
    assert "without saying why" not in check_answer(question, reasoned, scenario).feedback
    assert check_answer(question, "I don't know.", scenario).verdict == "no_answer"


def test_a_drill_exports_as_a_drill(tmp_path: Path) -> None:
    db = tmp_path / "db"
    code, out, _ = invoke(
        "drill",
        "estimation",
        "url-shortener",
        "--answers",
        answers(tmp_path, RIGHT_WRONG),
        "--json",
        "--db",
        db,
    )
    drill_id = json.loads(out)["session_id"]
    code, out, _ = invoke("export", drill_id[:10], "--format", "md", "--db", db)
    assert code == 0 and out.startswith("# Design a URL shortener: estimation drill")
    assert "40 writes/s x 100 reads per write = 4,000 redirects/s" in out  # the derivations are in it
