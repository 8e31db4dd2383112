"""What the judged report shows, and what the judge is shown (bench/mutation.py judge survivors).

Through litellm's mock_response and the local stub server; no network.
"""

from __future__ import annotations

import json

import pytest

from interview.scoring import score_offline, score_session
from interview.scoring.judge import judge_session
from interview.scoring.report import Report
from tests.support.scoring_sessions import make_session
from tests.support.stub_server import StubServer
from tests.unit.test_scoring_judge import MODEL, judged, reply, scores, session, turn_of

CACHE = (
    "We could add a cache to make it faster, because the database lookups would be slow with lots of reads."
)
STORES = "The web server generates a short code and stores it in the database with the long URL."


def by_id(report: Report, cid: str):  # noqa: ANN201 - test helper
    return next(c for c in report.criteria if c.id == cid)


def agreeing(offline: Report) -> dict[str, dict]:
    """A reply body that gives every criterion its offline score, without quotes."""
    return json.loads(reply({cid: (s, []) for cid, s in scores(offline).items()}))


async def test_a_quote_the_judge_cites_twice_is_shown_once_beside_its_other_quotes() -> None:
    record, events = session()
    offline = score_offline(record, events)
    cache, stores = turn_of(events, "add a cache"), turn_of(events, "generates a short code")
    up = scores(offline)["high_level_design"] + 1
    report = await judged(
        reply({"high_level_design": (up, [(cache, CACHE), (cache, CACHE), (stores, STORES)])})
    )
    quotes = [q.quote for q in by_id(report, "high_level_design").evidence]
    assert quotes[:2] == [CACHE, STORES]
    assert len(quotes) == len(set(quotes))


async def test_every_overruled_grade_is_counted_and_the_summary_says_they_were_capped() -> None:
    record, events = session()
    offline = score_offline(record, events)
    assert scores(offline)["high_level_design"] == scores(offline)["communication"] == 3
    # two grades two levels below the evidence, the rest agreeing, and a summary that names no verdict
    wanted = {cid: (s, []) for cid, s in scores(offline).items()}
    wanted["high_level_design"] = wanted["communication"] = (1, [])
    report = await judged(reply(wanted, summary="A simple design."))
    assert scores(report)["high_level_design"] == scores(report)["communication"] == 2
    (flag,) = [f for f in report.flags if f.kind == "judge_capped"]
    assert "moved 2 criteria" in flag.message
    assert report.feedback.summary.endswith("The judge's grades were capped to what the transcript supports.")
    assert "A simple design." not in report.feedback.summary
    # an overruled grade keeps the offline reason, with one full stop
    assert by_id(report, "high_level_design").why == by_id(offline, "high_level_design").why


async def test_the_judges_reason_is_shown_as_its_first_sentence_word_for_word() -> None:
    record, events = session()
    offline = score_offline(record, events)
    body = agreeing(offline)
    body["criteria"][0]["rationale"] = "Reads go through NGINX. The rest is detail."
    report = await judged(json.dumps(body))
    assert report.criteria[0].why == "Reads go through NGINX."


async def test_a_judge_agreeing_without_quotes_does_not_mark_evidenced_grades_insufficient() -> None:
    record, events = session()
    offline = score_offline(record, events)
    report = await judged(json.dumps(agreeing(offline)))
    assert report.scorer == f"llm:{MODEL}"
    marked = [c.insufficient_evidence for c in report.criteria]
    assert marked == [c.insufficient_evidence for c in offline.criteria]
    assert True in marked and False in marked


async def test_too_little_to_judge_says_so_in_the_report() -> None:
    record, events = make_session([("candidate", "requirements", "A cache and a database.")])
    report = await judge_session(record, events, model=MODEL, mock_response=Exception("must not be called"))
    assert report.fallback == "too little to judge, so no model was asked"
    assert any(
        f.message == "Graded offline: too little to judge, so no model was asked." for f in report.flags
    )


async def test_the_judge_gets_a_closed_whiteboard_with_dotted_async_arrows_as_the_users_message() -> None:
    record, events = session()
    drawn = record.model_copy(
        update={"whiteboard": "[Client] -> [App x2]\n[App] -> [Kafka]\n[Kafka] -> [Workers]"}
    )
    offline = score_offline(record, events)
    async with StubServer(reply_text=json.dumps(agreeing(offline))) as server:
        await score_session(drawn, events, model="openai/ok", api_base=server.base_url, timeout=10)
        messages = server.requests[-1].body["messages"]
    assert [m["role"] for m in messages] == ["system", "user"]
    prompt = messages[1]["content"]
    # the transcript, then the board, then the instruction on a line of its own
    assert prompt.index("<<<TRANSCRIPT") < prompt.index("TRANSCRIPT>>>") < prompt.index("<<<WHITEBOARD")
    assert "hash the URL with MD5" in prompt
    assert prompt.splitlines()[-1] == "Grade every criterion id listed above."
    board = prompt.split("<<<WHITEBOARD\n", 1)[1]
    assert "\nWHITEBOARD>>>\n" in board  # the data section is closed before the instruction
    lines = board.split("\nWHITEBOARD>>>\n", 1)[0].splitlines()
    assert "Client -> App ×2" in lines  # a call
    assert "App ×2 -.-> Kafka" in lines and "Kafka -.-> Workers" in lines  # through a queue: async


async def test_a_level_the_rubric_does_not_know_is_judged_at_the_scenarios_level() -> None:
    record, events = session()
    odd = record.model_copy(update={"level": "principal"})
    async with StubServer(reply_text="{}") as server:
        await score_session(odd, events, model="openai/ok", api_base=server.base_url, timeout=10)
        prompt = " ".join(server.requests[-1].body["messages"][-1]["content"].split())
    assert record.scenario["level"] == "senior" and "Level: senior" in prompt
    for criterion in record.rubric["criteria"]:
        senior = " ".join(criterion["expectations"]["senior"].split())
        assert f"expected at senior: {senior}" in prompt
    assert "principal" not in prompt


async def test_a_criterion_the_judge_leaves_out_keeps_its_offline_grade() -> None:
    record, events = session()
    offline = score_offline(record, events)
    body = agreeing(offline)
    body["criteria"] = [c for c in body["criteria"] if c["id"] != "trade_offs"]
    report = await judged(json.dumps(body))
    assert report.scorer == f"llm:{MODEL}" and report.fallback is None
    assert by_id(report, "trade_offs") == by_id(offline, "trade_offs")
    assert report.overall == offline.overall


async def test_a_long_judge_summary_is_cut_to_400_characters_after_the_headline() -> None:
    record, events = session()
    offline = score_offline(record, events)
    body = agreeing(offline)
    body["summary"] = " ".join(f"point{i:03d}" for i in range(200))  # 1,599 characters, no verdict words
    report = await judged(json.dumps(body))
    headline, said = report.feedback.summary.split("/100. ", 1)
    assert said == body["summary"][:400]


WRONG = "Replicas also make writes faster, because each replica takes an equal share of incoming writes."
DESIGN = (  # enough words to be worth judging
    "Clients call an API server behind a load balancer. The server creates a short code from a counter, "
    "stores the code and the long URL in a key-value database, and answers redirects by looking the code "
    "up, with a cache in front because reads outnumber writes a hundred to one. Analytics events go to a "
    "queue so a slow consumer never delays a redirect."
)
RIGHT = "A standby replica in another zone takes over when the primary dies, so redirects keep working."


@pytest.mark.parametrize(
    ("quote", "lifted"),
    [
        (RIGHT, True),  # a right claim supports the grade
        (WRONG[-40:] + " " + RIGHT, False),  # starting inside a wrong claim, it supports nothing
    ],
)
async def test_a_quote_that_begins_inside_a_wrong_claim_is_not_evidence(quote: str, lifted: bool) -> None:
    text = "Each redirect reads the code from the primary database. " + WRONG + " " + RIGHT
    record, events = make_session(
        [
            ("interviewer", "high_level_design", "Walk me through it."),
            ("candidate", "high_level_design", DESIGN),
            ("interviewer", "deep_dive", "Go on."),
            ("candidate", "deep_dive", text),
        ]
    )
    offline = score_offline(record, events)
    wanted = {cid: (s, []) for cid, s in scores(offline).items()}
    wanted["reliability"] = (scores(offline)["reliability"] + 1, [(3, quote)])
    report = await judge_session(record, events, model=MODEL, mock_response=reply(wanted))
    assert (scores(report)["reliability"] > scores(offline)["reliability"]) is lifted
    assert any(q.quote == quote for q in by_id(report, "reliability").evidence) is lifted


async def test_a_five_word_quote_on_the_criterion_supports_its_grade() -> None:
    record, events = session()
    offline = score_offline(record, events)
    quote = "database lookups would be slow"
    report = await judged(
        reply({**agreed(offline), "high_level_design": (4, [(turn_of(events, "add a cache"), quote)])})
    )
    assert scores(report)["high_level_design"] == scores(offline)["high_level_design"] + 1
    assert by_id(report, "high_level_design").evidence[0].quote == quote


async def test_a_quote_on_the_topic_of_its_criterions_own_rubric_supports_it() -> None:
    record, events = session()
    offline = score_offline(record, events)
    quote = "Reads are probably higher, maybe 10 times."  # the read:write ratio, an estimation matter
    report = await judged(
        reply({**agreed(offline), "estimation": (2, [(turn_of(events, "Reads are"), quote)])})
    )
    assert scores(offline)["estimation"] == 1 and scores(report)["estimation"] == 2
    assert by_id(report, "estimation").evidence[0].quote == quote


def agreed(offline: Report) -> dict[str, tuple[int, list]]:
    return {cid: (s, []) for cid, s in scores(offline).items()}
