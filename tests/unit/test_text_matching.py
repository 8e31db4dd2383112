"""Phrase matching: word boundaries, plurals, hyphens, and negation within a clause."""

from __future__ import annotations

import pytest

from interview.text.matching import find_phrases, mentions


def spans(text: str, phrases: list[str]) -> list[tuple[str, bool]]:
    return [(text[h.start : h.end], h.negated) for h in find_phrases(text, phrases)]


def test_case_insensitive_on_word_boundaries() -> None:
    assert spans("Put a CACHE in front", ["cache"]) == [("CACHE", False)]
    assert spans("a cachet of quality", ["cache"]) == []
    assert spans("rapid growth", ["api"]) == []
    assert spans("the API gateway", ["api"]) == [("API", False)]
    assert spans("APIs", ["api"]) == [("APIs", False)]


@pytest.mark.parametrize(
    "text", ["dead-letter queue", "dead letter queues", "dead-letter-queue", "Dead Letter Queue"]
)
def test_hyphens_spaces_and_plurals_are_the_same_phrase(text: str) -> None:
    assert mentions(text, ["dead-letter queue"])


def test_inflections_of_the_last_word() -> None:
    assert mentions("we would be caching hot links", ["cache"])
    assert mentions("sharded by user id", ["sharding"])
    assert mentions("consistent hashing", ["consistent hash"])
    assert mentions("two retry policies", ["retry policy"])
    assert mentions("idempotency keys", ["idempotency key"])
    assert mentions("websockets", ["web socket"])


@pytest.mark.parametrize(
    "text",
    [
        "we don't need a cache",
        "No cache.",
        "We do not really think we need a cache here",
        "a cache is not needed at this scale",
        "the cache isn't necessary",
        "I would never use a cache for this",
        "this works without a cache",
    ],
)
def test_negated_mentions_do_not_count(text: str) -> None:
    [hit] = find_phrases(text, ["cache"])
    assert hit.negated
    assert not mentions(text, ["cache"])


def test_negation_stays_in_its_clause() -> None:
    text = "We don't need sharding yet, but a cache in front of the DB helps because reads dominate."
    assert spans(text, ["cache", "sharding"]) == [("sharding", True), ("cache", False)]
    assert spans("no cache; we use a CDN", ["cache", "CDN"]) == [("cache", True), ("CDN", False)]
    assert spans("Without a DLQ, poison messages block the queue", ["dlq", "queue"]) == [
        ("DLQ", True),
        ("queue", False),
    ]


def test_not_only_is_not_a_negation() -> None:
    assert mentions("not only a cache but also replicas", ["cache"])


def test_never_use_kafka_is_negated_and_far_negations_are_not() -> None:
    assert not mentions("never use kafka", ["kafka"])
    assert mentions("No. We write to Kafka first and consume asynchronously.", ["kafka"])


def test_hits_come_back_in_text_order_with_the_given_phrase() -> None:
    hits = find_phrases("Use a queue, then a cache", ["cache", "queue"])
    assert [(h.phrase, h.start) for h in hits] == [("queue", 6), ("cache", 20)]


def test_empty_inputs() -> None:
    assert find_phrases("", ["cache"]) == []
    assert find_phrases("cache", []) == []
    assert not mentions("", ["cache"])


def test_offsets_stay_right_when_lowercasing_changes_the_length() -> None:
    text = "İstanbul team: put a CACHE in front"  # "İ".lower() is two characters
    [hit] = find_phrases(text, ["cache"])
    assert text[hit.start : hit.end] == "CACHE"
