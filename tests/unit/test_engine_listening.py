"""The interviewer listens: scripted candidates of each kind, assertions on its replies.

Run on the built-in scenarios and on tests/fixtures/listening/notifications.yaml, a scenario
written from the template that nothing was tuned on.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from interview.catalog import load_catalog
from interview.engine import VirtualClock, new_session
from interview.engine.planner_state import unasked_part
from interview.engine.session import InterviewSession

UNSEEN = Path(__file__).resolve().parents[1] / "fixtures" / "listening"
SCENARIOS = ["url-shortener", "chat", "payment-rail", "notifications"]
_PRAISE = re.compile(r"^(?:sure|yes|right|correct|exactly)\b|that's right|that matches|look sane", re.I)


def session_for(scenario: str, level: str | None = None) -> InterviewSession:
    session = new_session(load_catalog([UNSEEN]), scenario, seed=3, clock=VirtualClock(), level=level)
    asyncio.run(_drain(session.opening()))
    return session


async def _drain(stream) -> None:  # noqa: ANN001
    async for _ in stream:
        pass


def say(session: InterviewSession, text: str) -> str:
    """One candidate turn; the interviewer's reply text."""
    asyncio.run(_drain(session.send(text)))
    return session.turns()[-1].text


def move_of(session: InterviewSession) -> dict:
    return session.turns()[-1].data


def to_phase(session: InterviewSession, phase: str) -> None:
    while session.phase_id != phase:
        say(session, "/next")


def figures_of(session: InterviewSession) -> list[str]:
    """Reference values as an interviewer might leak them ("6,000", "6000", "100 GB")."""
    out = []
    for e in session.scenario.estimates:
        value = int(e.value) if e.value == int(e.value) else e.value
        out += [f"{value:,}", str(value)]
    return out


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_i_dont_know_gets_smaller_questions_never_an_acknowledgement(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    say(session, "A server in front of a database.")
    replies = [say(session, said) for said in ("I don't know.", "No idea.", "I'm not sure.")]
    kinds = [e.data["move"] for e in session.turns() if e.role == "interviewer"][-3:]
    assert kinds == ["ladder", "ladder", "ladder"]
    assert len(set(replies)) == 3 and all(r.endswith("?") or "?" in r for r in replies)
    assert not any(value in r for r in replies for value in figures_of(session) if len(value) > 2)
    after = say(session, "Pass.")
    assert move_of(session)["move"] != "ladder" and move_of(session).get("dropped")
    assert "leave" in after.lower()  # the question is let go, by name, and recorded


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_asking_for_the_answer_is_declined_and_turned_into_a_question(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "estimation")
    reply = say(session, "Can you just tell me the number? What's the right answer?")
    assert move_of(session)["move"] == "decline" and "?" in reply
    assert not any(value in reply for value in figures_of(session) if len(value) > 2)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_off_topic_is_steered_back_to_the_phase_goal(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    reply = say(session, "By the way, did you see the football last night?")
    assert move_of(session)["move"] == "steer" and "?" in reply
    assert "football" not in reply.lower()


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_approval_is_never_given(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    reply = say(session, "We put a cache in front of the database and a queue for the slow work, right?")
    assert not _PRAISE.search(reply) and "?" in reply or "walk me through" in reply.lower()
    assert move_of(session).get("act") == "approval_seeking"


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_repeated_answer_is_named(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    text = "Requests go through a load balancer to stateless app servers that write to one database."
    say(session, text)
    reply = say(session, text)
    assert "already" in reply.lower() or "same" in reply.lower()


def test_a_bare_claim_gets_why() -> None:
    session = session_for("url-shortener")
    to_phase(session, "high_level_design")
    reply = say(session, "Token bucket.")
    assert reply.lower().startswith("why token bucket?") or "token bucket: why?" in reply.lower()


def test_a_dodged_question_is_come_back_to_once_by_name_then_recorded() -> None:
    session = session_for("payment-rail")
    to_phase(session, "high_level_design")
    say(session, "Banks send payments through a gateway to a service that writes to a database.")
    asked = move_of(session)
    reply = say(session, "Let's not get into that now; it's a detail.")
    revisit = move_of(session)
    assert revisit["move"] == "revisit" and revisit["covers"] == asked["key"]
    assert revisit["topic"].lower() in reply.lower() and "take it now" in reply.lower()
    assert session.turns()[-1].data["heard"] == {asked["key"]: "dodged"}
    say(session, "We'd just handle it.")
    assert move_of(session)["move"] != "revisit"  # once only
    entry = session.planner.state.ledger.entries[asked["key"]]
    assert entry.status == "dodged" and entry.revisited


def test_the_dead_letter_stance_waits_behind_a_challenge_and_is_still_asked() -> None:
    session = session_for("url-shortener")
    say(session, "How many new URLs a month?")
    to_phase(session, "high_level_design")
    say(session, "Clicks go onto a Kafka topic, at about 90 million redirects a second.")
    assert move_of(session)["move"] == "challenge"
    replies = [say(session, "It's the redirect rate times a hundred.") for _ in range(3)]
    assert any("fails every retry" in r for r in replies)


@pytest.mark.parametrize("scenario", ["payment-rail", "chat", "notifications"])
def test_architecture_before_requirements_gets_clarify_first_for_every_persona(scenario: str) -> None:
    session = session_for(scenario)
    reply = say(session, "I'd use microservices with Kafka between them and a database per service.")
    assert move_of(session).get("rule") == "clarify_first"
    assert "?" in reply


def test_start_simple_is_argued_against_their_own_number() -> None:
    session = session_for("url-shortener")
    to_phase(session, "estimation")
    say(session, "100 million a month is about 40 writes a second.")
    to_phase(session, "high_level_design")
    reply = say(session, "We shard the database with consistent hashing across regions from day one.")
    assert move_of(session).get("rule") == "start_simple"
    assert "40 writes a second" in reply


def test_trade_offs_are_asked_as_a_table_once() -> None:
    session = session_for("notifications")
    to_phase(session, "high_level_design")
    replies = [
        say(session, "Callers post to an API that writes to Postgres and puts work on a queue."),
        say(session, "Workers read the queue and call the providers, with Redis holding user preferences."),
        say(session, "Templates live in the database and are cached in Redis."),
        say(session, "/next"),  # stances took every design turn: the deep dive opens with the table
        say(session, "Senders record each notification id in Postgres before calling the provider."),
        say(session, "Retries use exponential backoff with a circuit breaker per provider."),
    ]
    tables = [r for r in replies if "table" in r]
    assert len(tables) == 1 and "trade-off" in tables[0]
    assert any(name in tables[0] for name in ("Postgres", "Redis", "queue"))  # their own choices


def test_an_answered_question_is_not_asked_again() -> None:
    session = session_for("url-shortener")
    to_phase(session, "high_level_design")
    say(
        session,
        "What is your eviction policy? LRU, and when a hot link's cache entry expires the database sees "
        "a burst, so we use request coalescing.",
    )
    questions = [e.data.get("question", "") for e in session.turns() if e.role == "interviewer"]
    assert not any("eviction policy" in q for q in questions)


def test_a_challenge_is_never_preceded_by_praise() -> None:
    session = session_for("url-shortener")
    to_phase(session, "estimation")
    reply = say(session, "About 40 writes a second, and 3 GB of storage over five years.")
    assert move_of(session)["move"] == "challenge"
    assert not re.search(r"right range|look sane|that matches|work with that", reply)


def test_the_ledger_is_rebuilt_exactly_on_resume() -> None:
    session = session_for("payment-rail")
    for said in ("How many payments a day?", "/next", "I don't know.", "/next", "Kafka to workers.", "Pass."):
        say(session, said)
    again = InterviewSession(
        session.record, session.scenario, session.rubric, session.persona,
        clock=VirtualClock(session.clock.now()), events=list(session.events),
    )  # fmt: skip
    before = {k: e.to_data() for k, e in session.planner.state.ledger.entries.items()}
    after = {k: e.to_data() for k, e in again.planner.state.ledger.entries.items()}
    assert before and before == after
    assert again.planner.state.stances == session.planner.state.stances


STAFF_SCRIPT = (
    "/next",
    "About 6,000 notifications a second on average, 100 GB of history a day.",
    "/next",
    "Callers post to an API that writes to Postgres and puts work on a queue.",
    "Workers read the queue and call the providers; preferences are cached in Redis.",
    "/next",
    "Each notification has an id recorded before the provider call, so retries skip ids already sent.",
    "Providers get a circuit breaker each and exponential backoff with jitter.",
)


@pytest.mark.parametrize("scenario", ["notifications", "url-shortener"])
def test_a_staff_candidate_gets_escalations_on_their_own_design(scenario: str) -> None:
    def play(level: str) -> list[dict]:
        session = session_for(scenario, level=level)
        for said in STAFF_SCRIPT:
            say(session, said)
        return [e.data for e in session.turns() if e.role == "interviewer"]

    staff = [m for m in play("staff") if m["move"] == "escalate"]
    assert staff and "ten times" in staff[0]["question"]
    assert not [m for m in play("senior") if m["move"] == "escalate"]  # the level changes the interview


def test_a_struggling_candidate_gets_a_first_step_when_a_phase_opens() -> None:
    stuck = session_for("notifications")
    for said in ("I don't know.", "No idea."):
        say(stuck, said)
    opener = say(stuck, "/next")
    assert "one step at a time" in opener
    fine = session_for("notifications")
    say(fine, "How many notifications a day?")
    assert "one step at a time" not in say(fine, "/next")


@pytest.mark.parametrize(
    ("scenario", "said", "never"),
    [
        (
            "url-shortener",
            "If the primary fails, a synchronous standby in another zone is promoted within 30 seconds; "
            "redirects keep working from the replicas.",
            "primary database for a partition goes down",
        ),
        (
            "notifications",
            "If the email provider is down we fail over to a second provider and buffer the rest.",
            "email provider is down",
        ),
    ],
)
def test_a_failure_already_explained_is_not_asked_but_taken_deeper(
    scenario: str, said: str, never: str
) -> None:
    session = session_for(scenario)
    to_phase(session, "deep_dive")
    reply = say(session, said)
    assert move_of(session)["move"] == "deeper" and "deeper" in reply
    for more in ("We alert on replication lag.", "Dashboards show error rates.", "Runbooks cover it."):
        say(session, more)
    asked = [e.data.get("question", "") for e in session.turns() if e.role == "interviewer"]
    assert not any(never in question for question in asked)
    entry = next(e for e in session.planner.state.ledger.entries.values() if never in e.question)
    assert entry.status == "answered"  # in the ledger, for the report: answered without being asked


def test_a_follow_up_drops_the_part_already_asked() -> None:
    dead_letter = "What happens to a message that fails every retry? Where does it go, and who notices?"
    ask = "How do you keep per-conversation order through that queue, and what happens to a message that fails every retry?"  # noqa: E501
    assert unasked_part(ask, [dead_letter]) == "How do you keep per-conversation order through that queue?"
    assert unasked_part(ask, ["How big is a message?"]) == ask


GIVEN = {  # a figure each brief or revealed fact gives, restated for confirmation
    "url-shortener": ("How many new URLs a month?", "So 100 million new URLs a month, right?"),
    "notifications": ("How many notifications a day?", "OK, so 500 million notifications a day, is that right?"),
}


@pytest.mark.parametrize("scenario", sorted(GIVEN))
def test_restating_a_figure_i_gave_is_confirmed_as_mine_and_nothing_else_is(scenario: str) -> None:
    session = session_for(scenario)
    ask, restate = GIVEN[scenario]
    say(session, ask)
    reply = say(session, restate)
    assert move_of(session).get("act") == "confirm_given"
    assert re.search(r"figure I gave you|my number", reply), reply
    assert "won't" not in reply and "Rather than me confirming" not in reply
    to_phase(session, "estimation")
    fished = say(session, "Is it about 40 per second?")  # their own estimate: still neither yes nor no
    assert move_of(session).get("act") != "confirm_given"
    assert not _PRAISE.search(fished)
