"""Which words the listener hears as a phrase the scenario cares about (issue 18, from the
mutants that survived in interview/text/matching.py).

A rubric or scenario phrase is written in one form ("queuing", "retry policies", "writes");
the candidate says another ("a queue", "a retry policy", "each write"). Missing one means a
concept the candidate named goes unheard: a follow-up question about what they already said,
or no credit for it in the report.
"""

from __future__ import annotations

import pytest

from interview.text.matching import find_phrases, mentions


@pytest.mark.parametrize(
    ("phrase", "said"),
    [
        # -ing phrases heard in their base form
        ("caching", "put a cache in front of the database"),
        ("queuing", "put the jobs on a queue"),
        ("routing", "we route each request by user id"),
        ("analyzing", "a batch job to analyze the logs"),
        ("dropping", "we drop events older than a week"),
        ("updating", "each update is idempotent"),
        # plural phrases heard in the singular
        ("writes", "each write goes to the primary"),
        ("retry policies", "a retry policy with backoff"),
        ("indexes", "an index on the user id"),
        # the singular heard in other forms
        ("log", "every request is logged"),
        ("status", "the service reports two statuses"),
        ("process", "two worker processes"),
        # short or non-alphabetic words: exact, with a plural s
        ("s3", "we keep the blobs in S3"),
        ("db", "two DBs behind a proxy"),
    ],
)
def test_a_phrase_is_heard_in_the_forms_a_candidate_says_it(phrase: str, said: str) -> None:
    assert mentions(said, [phrase])


@pytest.mark.parametrize(
    ("phrase", "said"),
    [("s3", "an s35 part"), ("db", "a dbx file"), ("status", "statutory limits"), ("log", "logo design")],
)
def test_other_words_sharing_the_first_letters_are_not_heard(phrase: str, said: str) -> None:
    assert not mentions(said, [phrase])


def test_a_negation_more_than_seven_words_back_does_not_govern_the_phrase() -> None:
    text = "Without much thought about the exact read pattern we would still add a cache"
    [hit] = find_phrases(text, ["cache"])
    assert not hit.negated
    assert mentions(text, ["cache"])


def test_a_negation_in_the_clause_before_stays_there_late_in_a_long_answer() -> None:
    preamble = "Let me walk through the write path first, then the read path, then storage. " * 3
    text = preamble + "We will not shard the data; a cache in front of it helps."
    assert len(preamble) > 160
    hits = {text[h.start : h.end]: h.negated for h in find_phrases(text, ["cache", "shard"])}
    assert hits == {"shard": True, "cache": False}
    assert mentions(text, ["cache"])


def test_a_negation_on_the_line_before_does_not_govern_the_next_line() -> None:
    for text in ("Not sharding\ncache in front of the DB", "No sharding (cache first)"):
        hits = {text[h.start : h.end]: h.negated for h in find_phrases(text, ["cache", "sharding"])}
        assert hits == {"sharding": True, "cache": False}, text
