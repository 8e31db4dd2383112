"""Concepts are credited for right reasons only: cues, vacuous reasons, misconceptions, synonyms.

Each test builds a short session whose answers differ in one thing and asserts what a
careful interviewer would notice about that one thing.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from interview.catalog import load_catalog
from interview.catalog.models import Concept
from interview.scoring import score_offline
from interview.scoring.offline import analyse
from tests.support.scoring_sessions import make_session

SCENARIOS = ["url-shortener", "chat", "payment-rail"]


def concepts_of(text: str, scenario: str = "url-shortener", phase: str = "deep_dive"):  # noqa: ANN201
    record, events = make_session([("interviewer", phase, "Go on."), ("candidate", phase, text)], scenario)
    return analyse(record, events)[2].concepts


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_builtin_concept_has_reasons_and_synonyms(scenario: str) -> None:
    for concept in load_catalog().scenario(scenario).concepts:
        assert concept.reasons, concept.id
        assert concept.synonyms, concept.id


def test_the_same_concept_with_a_right_reason_is_explained_and_with_a_mood_reason_is_not() -> None:
    right = concepts_of("I'd partition by a hash of the short code, which spreads load evenly across nodes.")
    mood = concepts_of(
        "I'd partition by a hash of the short code, which keeps the partitions tidy and the team happy."
    )
    assert right["partitioning"].status == "explained"
    assert mood["partitioning"].status == "named"
    assert mood["partitioning"].vacuous == 1


def test_a_misconception_makes_the_concept_wrong_with_its_correction_even_beside_a_right_one() -> None:
    text = (
        "Replicas keep redirects working when the primary dies, because a replica is promoted within seconds. "
        "Replicas also make writes faster, because each replica takes a share of the writes."
    )
    found = concepts_of(text)["replication_failover"]
    assert found.status == "wrong"
    assert "scale reads" in found.corrections[0].hit.correction


@pytest.mark.parametrize(
    "text",
    [
        "I'd use a 302 rather than a 301, because browsers cache a 301 and we would lose repeat clicks.",
        "A 301 would not let us count every click, since browsers remember it and never ask our servers again.",
    ],
)
def test_denying_a_misconception_is_not_stating_it(text: str) -> None:
    assert concepts_of(text)["redirect_status_code"].status == "explained"


def test_a_sentence_stating_a_misconception_is_reported_as_a_correction_and_flagged() -> None:
    record, events = make_session(
        [
            ("interviewer", "deep_dive", "Which status code?"),
            (
                "candidate",
                "deep_dive",
                "I'd use a 301 so that every click reaches our servers and we can count them.",
            ),
        ]
    )
    report = score_offline(record, events)
    assert [c.concept for c in report.corrections if c.concept] == ["redirect_status_code"]
    assert any(f.kind == "misconception" and f.turn == 1 for f in report.flags)
    assert all("301" not in q.quote for c in report.criteria for q in c.evidence)


def test_an_answer_in_its_own_words_is_heard() -> None:
    found = concepts_of(
        "Every creation server reserves a block of a million numbers at a time, so the number keeper "
        "is asked only every few hours and its outage does not stop writes."
    )
    assert found["id_generation"].status == "explained"


def test_short_sentences_of_praise_earn_nothing_and_are_flagged_as_thin_stuffing() -> None:
    turns = [("interviewer", "deep_dive", "Go on.")]
    for line in ["Kafka is great here.", "Consistent hashing is best practice.", "A Bloom filter helps too."]:
        turns += [("candidate", "deep_dive", line), ("interviewer", "deep_dive", "OK.")]
    record, events = make_session(turns)
    _, _, ev, _ = analyse(record, events)
    assert all(c.credit == 0 for c in ev.concepts.values())
    assert any(f.kind == "thin_stuffing" for f in score_offline(record, events).flags)


def test_one_status_per_concept_in_the_report() -> None:
    record, events = make_session(
        [
            ("interviewer", "deep_dive", "Collisions?"),
            ("candidate", "deep_dive", "Collisions could happen. A collision is bad."),
        ]
    )
    report = score_offline(record, events)
    deep = next(c for c in report.criteria if c.id == "deep_dive")
    assert "collision handling (named, not explained)" in deep.missing
    assert "missing: collision handling" not in deep.why.lower()


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("reasons", ["(unclosed"], "not a valid pattern"),
        ("reasons", ["a|"], "matches empty text"),
        ("reasons", ["Cache"], "lowercase"),
        ("misconceptions", [{"says": ["(x"], "correction": "No."}], "not a valid pattern"),
        ("misconceptions", [{"says": ["301"]}], "correction"),
    ],
)
def test_bad_reason_cues_and_misconceptions_are_rejected(field: str, value: object, problem: str) -> None:
    base = {"id": "c", "criterion": "x", "phrases": ["cache"], "probe": "Why?", "strong_answer": "Because."}
    with pytest.raises(ValidationError, match=problem):
        Concept.model_validate({**base, field: value})


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_no_model_answer_states_a_misconception_and_each_gives_a_right_reason(scenario: str) -> None:
    from interview.understanding.reasons import cues, misconceptions_in, reason_kind

    for concept in load_catalog().scenario(scenario).concepts:
        compiled = cues(concept)
        answer = concept.strong_answer.lower()
        assert misconceptions_in(answer, compiled) == [], concept.id
        assert reason_kind(answer, compiled, has_number=False) == "right", concept.id


WRONG_IN_OTHER_WORDS = [
    (
        "url-shortener",
        "Since a permanent redirect makes the browser come back to us each time, we can count all clicks.",
    ),
    ("url-shortener", "Hashing the long URL guarantees unique codes, so collisions are impossible."),
    ("url-shortener", "Read replicas speed up the writes because the load is split."),
    (
        "url-shortener",
        "We write the click to the analytics table synchronously on the redirect path so the numbers are exact.",
    ),
    ("chat", "We sort messages by the timestamp the sender's phone puts on them."),
    ("chat", "With at-least-once delivery there are never duplicates, so no dedup is needed."),
    ("chat", "We acknowledge the message to the sender before we write it to the database, for speed."),
    ("payment-rail", "Money amounts are kept in double precision floating point columns."),
    ("payment-rail", "With async replication we get zero data loss on failover."),
    ("payment-rail", "If the bank times out, we just resend it as a brand new payment."),
    ("payment-rail", "We reconcile with the banks annually."),
]
RIGHT_NEAR_MISSES = [
    ("url-shortener", "We use a 302, not a 301, so that we can count every click."),
    ("url-shortener", "Truncated hashes are not unique, so every write needs a collision check."),
    ("url-shortener", "Replicas do not make writes faster; they spread the reads."),
    ("chat", "We never sort by the phone's clock; the server assigns a sequence per conversation."),
    ("chat", "We only ack after the write is durable, never before we persist it."),
    (
        "payment-rail",
        "Async replication can lose the last writes, so its RPO is not zero; we replicate synchronously.",
    ),
    ("payment-rail", "Never store money as floats; we keep integer cents."),
    ("payment-rail", "A retry carries the same UETR, never a new payment id."),
]


@pytest.mark.parametrize(("scenario", "text"), WRONG_IN_OTHER_WORDS)
def test_a_misconception_in_other_words_is_heard(scenario: str, text: str) -> None:
    from interview.understanding.reasons import misconceptions_heard

    assert misconceptions_heard(load_catalog().scenario(scenario).concepts, text)


@pytest.mark.parametrize(("scenario", "text"), RIGHT_NEAR_MISSES)
def test_the_right_claim_in_the_same_words_is_not_a_misconception(scenario: str, text: str) -> None:
    from interview.understanding.reasons import misconceptions_heard

    assert misconceptions_heard(load_catalog().scenario(scenario).concepts, text) == []
