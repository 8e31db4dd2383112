"""Guards on the LLM judge: a reply cannot buy points the transcript does not support.

Through litellm's mock_response and the local stub server; no network.
"""

from __future__ import annotations

import json
import time

import pytest

from interview.scoring import score_offline
from interview.scoring.judge import judge_session
from interview.scoring.report import Report
from tests.support.scoring_sessions import headless_run
from tests.support.stub_server import StubServer
from tests.unit.test_scoring_judge import MODEL, judged, reply, scores, session, turn_of

CACHE = "We could add a cache to make it faster, because the database lookups would be slow with lots of reads."


def by_id(report: Report, cid: str):  # noqa: ANN201 - test helper
    return next(c for c in report.criteria if c.id == cid)


async def test_the_total_uplift_is_capped_even_when_every_criterion_has_a_real_quote() -> None:
    record, events = headless_run("url-shortener", "solid")
    offline = score_offline(record, events)
    quotes = [(q.turn, q.quote) for c in offline.criteria for q in c.evidence]
    wanted = {cid: (4, quotes) for cid in scores(offline)}
    report = await judge_session(record, events, model=MODEL, mock_response=reply(wanted))
    assert report.overall <= offline.overall + 10
    assert report.overall > offline.overall  # some of the support was real
    assert any(f.kind == "judge_capped" for f in report.flags)


@pytest.mark.parametrize("quote", ["the", "add a cache", "could add a cache"])
async def test_quotes_under_five_words_support_nothing(quote: str) -> None:
    record, events = session()
    offline = score_offline(record, events)
    turn = turn_of(events, "add a cache")
    report = await judged(reply({"high_level_design": (4, [(turn, quote)])}))
    assert scores(report)["high_level_design"] == scores(offline)["high_level_design"]
    assert any(f.kind == "judge_quotes_dropped" for f in report.flags)


async def test_a_real_quote_about_another_criterion_does_not_support_this_one() -> None:
    record, events = session()
    offline = score_offline(record, events)
    turn = turn_of(events, "100 million new URLs")
    quote = "So if there are 100 million new URLs a month, that's a lot of traffic."
    report = await judged(reply({"api_and_data_model": (2, [(turn, quote)])}))
    assert scores(report)["api_and_data_model"] == scores(offline)["api_and_data_model"]


async def test_a_quote_that_states_a_misconception_is_never_positive_evidence() -> None:
    record, events = session()
    offline = score_offline(record, events)
    turn = turn_of(events, "hash the URL with MD5")
    wrong = "To make the short code I would hash the URL with MD5 and take the first few characters."
    report = await judged(reply({"trade_offs": (scores(offline)["trade_offs"] + 1, [(turn, wrong)])}))
    assert scores(report)["trade_offs"] == scores(offline)["trade_offs"]
    assert all(q.quote != wrong for c in report.criteria for q in c.evidence)
    assert any(c.quote.startswith("To make the short code") for c in report.corrections)


async def test_all_ones_from_the_judge_move_each_grade_one_level_at_most_and_never_claim_a_hire() -> None:
    record, events = headless_run("url-shortener", "strong")
    offline = score_offline(record, events)
    wanted = {cid: (1, []) for cid in scores(offline)}
    report = await judge_session(record, events, model=MODEL, mock_response=reply(wanted, "Strong hire."))
    for base, final in zip(offline.criteria, report.criteria, strict=True):
        assert final.score >= base.score - 1
    assert report.overall > 40
    assert "strong hire" not in report.feedback.summary.lower()
    assert any(f.kind == "judge_capped" for f in report.flags)


async def test_json_in_a_code_fence_is_read() -> None:
    record, events = session()
    offline = score_offline(record, events)
    fenced = "```json\n" + reply({cid: (s, []) for cid, s in scores(offline).items()}) + "\n```"
    report = await judged(fenced)
    assert report.scorer == f"llm:{MODEL}" and report.fallback is None


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda body: body["criteria"].append(dict(body["criteria"][0])), "graded twice"),
        (lambda body: body["criteria"][0].update(score=0), "not 1-4"),
        (lambda body: body["criteria"][1].update(score=5), "not 1-4"),
        (lambda body: body["criteria"][2].update(id="charisma"), "unknown criterion"),
    ],
)
async def test_a_malformed_reply_falls_back_and_says_why(change, reason: str) -> None:  # noqa: ANN001
    record, events = session()
    offline = score_offline(record, events)
    body = json.loads(reply({cid: (s, []) for cid, s in scores(offline).items()}))
    change(body)
    report = await judged(json.dumps(body))
    assert report.scorer == "offline"
    assert reason in (report.fallback or "")
    assert any(f.kind == "judge_fallback" for f in report.flags)
    assert report.overall == offline.overall


async def test_the_timeout_is_one_deadline_for_one_request_and_the_message_says_how_long() -> None:
    record, events = session()
    async with StubServer(slowstart_seconds=30) as server:
        started = time.monotonic()
        report = await judge_session(
            record, events, model="openai/slowstart", api_base=server.base_url, timeout=1.0
        )
        took = time.monotonic() - started
        requests = server.count()
    assert report.scorer == "offline"
    assert "timed out after 1." in (report.fallback or "") and "limit 1 s" in (report.fallback or "")
    assert took < 3.0  # not timeout + grace, not two attempts
    assert requests == 1
