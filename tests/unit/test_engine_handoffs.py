"""Every async path and every external party the candidate names gets its own question, once.

A queue named in words ("Kafka for click events", later "an SQS queue for webhooks") gets a
dead-letter question naming that path, unless they said where its failed messages go; a party
work is handed to (Stripe and its webhook, the bank, an SMS provider) gets "what if it is slow,
down, or its callback is lost or doubled", naming it. Played on two built-in scenarios and on a
scenario from tests/fixtures/scenarios_unseen that nothing was tuned on.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from interview.catalog import load_catalog
from interview.engine import VirtualClock, new_session
from interview.engine.session import InterviewSession
from interview.understanding.handoffs import handoffs

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCENARIOS = ["url-shortener", "payment-rail", "pastebin"]  # pastebin: unseen


def session_for(scenario: str, level: str | None = None) -> InterviewSession:
    catalog = load_catalog([FIXTURES / "scenarios_unseen", FIXTURES / "listening"])
    session = new_session(catalog, scenario, seed=3, clock=VirtualClock(), level=level)
    asyncio.run(_drain(session.opening()))
    return session


async def _drain(stream) -> None:  # noqa: ANN001
    async for _ in stream:
        pass


def say(session: InterviewSession, text: str) -> str:
    asyncio.run(_drain(session.send(text)))
    return session.turns()[-1].text


def to_phase(session: InterviewSession, phase: str) -> None:
    while session.phase_id != phase:
        say(session, "/next")


def play(session: InterviewSession, turns: list[str]) -> list[str]:
    return [say(session, text) for text in turns]


FILLER = [
    "Each consumer group reads one partition at a time.",
    "The read path goes through the load balancer to the app servers.",
    "App servers are stateless so we can add more.",
    "The database keeps one row per record.",
]


def _asked_about(replies: list[str], *words: str) -> list[str]:
    return [r for r in replies if all(w.lower() in r.lower() for w in words)]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_each_async_path_gets_its_own_dead_letter_question(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    replies = play(session, ["Events go to Kafka for click events and workers aggregate them.", *FILLER[:2]])
    replies += play(session, ["We also put an SQS queue for webhooks in front of the sender.", *FILLER[2:]])
    dlq = [r for r in replies if "every retry" in r or "every time" in r]
    assert len(_asked_about(dlq, "Kafka")) == 1, replies
    assert len(_asked_about(dlq, "SQS", "webhooks")) == 1, replies
    assert len(dlq) == 2  # once each, never a third time for the same two paths


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_path_whose_failed_messages_were_placed_is_not_asked(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    replies = play(
        session,
        [
            "Events go to Kafka for click events and workers aggregate them.",
            "Click events that fail five times go to a dead-letter topic we replay by hand.",
            "We also put an SQS queue for webhooks; failed webhooks go to a dead-letter queue after 5 retries.",
            *FILLER,
        ],
    )
    assert not _asked_about(replies, "SQS", "every"), replies


def test_the_board_and_the_words_do_not_both_ask_about_the_same_queue() -> None:
    session = session_for("url-shortener")
    to_phase(session, "high_level_design")
    session.save_whiteboard("[Client] -> [LB x2] -> [App x3]\n[App] -.-> [Kafka]\n[Kafka] -> [Workers x2]")
    replies = play(session, ["Clicks go to Kafka for click events and a worker counts them.", *FILLER])
    dlq = [r for r in replies if "retry" in r and "Kafka" in r]
    assert len(dlq) == 1, replies


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_named_payment_provider_is_asked_about_being_slow_down_and_a_lost_webhook(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    replies = play(session, ["Payments go to Stripe; webhook confirms.", *FILLER])
    about = _asked_about(replies, "Stripe", "down")
    assert len(about) == 1, replies
    assert "twice" in about[0] or "lost" in about[0]  # the callback, not only the call


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_each_party_once_and_not_when_its_failure_is_already_handled(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    replies = play(
        session,
        [
            "Texts go out through Twilio.",
            *FILLER[:2],
            "Twilio again for the reminders.",
            "Emails go through SendGrid; if SendGrid is down we retry with backoff, then fall back to SES.",
            *FILLER[2:],
        ],
    )
    assert len(_asked_about(replies, "Twilio", "down")) == 1, replies
    assert not _asked_about(replies, "SendGrid", "slow or down"), replies


def test_handoffs_reads_paths_and_parties_with_their_names() -> None:
    found = handoffs(
        "Kafka for click events; an SQS queue for webhooks. Payments go to Stripe; webhook confirms."
    )
    names = [(h.kind, h.name) for h in found]
    assert ("async", "the Kafka topic for click events") in names
    assert ("async", "the SQS queue for webhooks") in names
    stripe = next(h for h in found if h.name == "Stripe")
    assert stripe.callback and not stripe.handled
    assert not handoffs("Failed messages go to a dead-letter queue after five retries.")
    assert all(h.handled for h in handoffs("Kafka topics with a DLQ for poison messages."))


def test_a_queue_the_board_was_asked_about_is_not_asked_again_when_named_in_words() -> None:
    session = session_for("url-shortener")
    to_phase(session, "high_level_design")
    session.save_whiteboard("[Client] -> [LB x2] -> [App x3]\n[App] -.-> [Kafka]\n[Kafka] -> [Workers x2]")
    replies = play(session, FILLER[:3])
    assert any("Kafka" in r and "retry" in r for r in replies), replies  # the board asked first
    replies = play(
        session, ["Clicks go to Kafka for click events and a worker counts them.", *FILLER[3:], *FILLER]
    )
    assert not any("Kafka" in r and "retry" in r for r in replies), replies


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_terse_candidate_naming_only_a_queue_still_gets_its_dead_letter_question(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    say(session, "Websockets.")
    reply = say(session, "Kafka.")
    assert "Kafka" in reply and ("every retry" in reply or "every time" in reply), reply


RESUME_SCRIPT = [
    "Events go to Kafka for click events and workers aggregate them.",
    "Payments go to Stripe; webhook confirms.",
    "We also put an SQS queue for webhooks in front of the sender.",
    *FILLER,
]


@pytest.mark.parametrize("cut", [1, 2, 3, 5])
def test_a_resumed_session_asks_the_same_handoff_questions(tmp_path: Path, cut: int) -> None:
    from interview.engine import resume_session
    from interview.store import Store

    catalog = load_catalog([FIXTURES / "scenarios_unseen"])

    def start(db: Path) -> tuple[Store, InterviewSession]:
        store = Store(db)
        session = new_session(catalog, "pastebin", seed=3, clock=VirtualClock(), store=store)
        asyncio.run(_drain(session.opening()))
        to_phase(session, "high_level_design")
        return store, session

    store, whole = start(tmp_path / "whole.db")
    expected = play(whole, RESUME_SCRIPT)
    store.close()
    store, first = start(tmp_path / "cut.db")
    got = play(first, RESUME_SCRIPT[:cut])
    first.pause()
    store.close()
    store = Store(tmp_path / "cut.db")
    again = resume_session(store, first.record.id, clock=VirtualClock(first.clock.now()))
    again.resume()
    asyncio.run(_drain(again.opening()))
    got += play(again, RESUME_SCRIPT[cut:])
    store.close()
    assert got == expected
    assert any("Stripe" in r for r in got) and any("SQS" in r for r in got)


DLQ_WORDS = ("every retry", "every time")


def _dlq(replies: list[str]) -> list[str]:
    return [r for r in replies if any(w in r for w in DLQ_WORDS)]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_an_answer_that_says_where_failed_messages_go_covers_the_paths_named_later(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    replies = play(session, ["Events go to Kafka for click events and workers aggregate them.", *FILLER[:1]])
    assert len(_dlq(replies)) == 1, replies
    i = next(i for i, r in enumerate(replies) if any(w in r for w in DLQ_WORDS))
    # the answer comes right after the question, then a new queue is named
    later = play(
        session,
        [
            *(["Each consumer group reads one partition at a time."] if i == 0 else []),
            "Anything that fails five retries goes to a dead-letter topic, we alert on its depth and replay by hand.",
            "We also put an SQS queue for webhooks in front of the sender.",
            *FILLER[1:],
        ],
    )
    assert not _dlq(later), later  # the policy they stated covers the webhook queue too


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_question_about_the_workers_is_not_asked_again_for_the_queue_they_read(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    replies = play(session, ["Background workers do the heavy lifting asynchronously.", *FILLER[:2]])
    assert len(_dlq(replies)) == 1, replies
    replies += play(session, ["The workers consume a Kafka topic of jobs.", *FILLER[2:]])
    assert len(_dlq(replies)) == 1, replies  # the Kafka topic is the workers' queue: already asked


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_queues_named_together_are_one_path_even_when_one_is_named_again(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    replies = play(
        session,
        [
            "A frontier with front queues by priority and back queues per host; a selector reads a host queue.",
            *FILLER[:2],
            "Each host maps to exactly one back queue.",
            *FILLER[2:],
        ],
    )
    assert len(_dlq(replies)) == 1, replies


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_after_two_unanswered_dead_letter_questions_new_queues_are_not_asked_about(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    replies: list[str] = []
    for path in ("Kafka for click events", "an SQS queue for webhooks", "RabbitMQ for emails"):
        replies += play(session, [f"We use {path}.", FILLER[0], FILLER[1]])
    dlq = _dlq(replies)
    assert len(dlq) == 2, replies
    assert not _asked_about(dlq, "RabbitMQ"), replies


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_parties_named_together_get_one_question_naming_both(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    replies = play(session, ["Offline devices get a push notification through APNs or FCM.", *FILLER])
    about = [r for r in replies if "slow or down" in r]
    assert len(about) == 1, replies
    assert "APNs" in about[0] and "FCM" in about[0] and "either" in about[0], about
    later = play(session, ["FCM tokens are refreshed on every app start.", *FILLER[:2]])
    assert not [r for r in later if "slow or down" in r], later  # FCM was part of that question
