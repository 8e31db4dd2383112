"""Grading rules for how a concept is explained and what evidence counts (bench/mutation.py
concepts and evidence survivors). Each case is a short answer and what the grade shows for it.
"""

from __future__ import annotations

import pytest

from interview.scoring import score_offline
from tests.support.scoring_sessions import make_session
from tests.unit.test_kill_signals import why
from tests.unit.test_scoring_reasons import concepts_of


def status(text: str, concept: str = "redirect_cache") -> str:
    return concepts_of(text)[concept].status


def test_an_explanation_in_the_next_sentence_explains_the_concept() -> None:
    named = "I'd add a redirect cache in front of the database."
    assert status(named) == "named"
    assert status(named + " That way a hot code is served from memory and never touches the database.") == (
        "explained"
    )


@pytest.mark.parametrize(
    "generic",
    [
        "We keep a redirect cache because it is fast and scalable.",
        "We keep a redirect cache because it is 'fast', 'scalable' and 'reliable'.",  # quoted praise
        "We keep a redirect cache because it is FAST and SCALABLE and RELIABLE.",  # shouted praise
    ],
)
def test_generic_praise_explains_nothing_however_it_is_typed(generic: str) -> None:
    assert status(generic) != "explained"


def test_a_reason_tied_to_the_scenarios_numbers_explains_even_beside_a_generic_because() -> None:
    text = (
        "We keep a redirect cache because it is fast and scalable, with 50,000 redirects per second at peak."
    )
    assert status(text) == "explained"


def test_four_words_are_too_few_to_explain_a_concept() -> None:
    assert status("A cache absorbs 12k/s.") == "named"
    assert status("A cache absorbs 12k reads/s.") == "explained"


@pytest.mark.parametrize(
    "generic",
    [
        "We should really use this one because it is fast and scalable.",
        "We should really use this one because it is 'fast' and 'scalable' and 'reliable'.",  # quoted
        "We should really use this one because it is FAST and SCALABLE.",  # shouted
    ],
)
def test_generic_praise_is_not_reasoning_out_loud(generic: str) -> None:
    assert "reasoning out loud" not in why(generic)["communication"]
    specific = "We should shard by the short code because every redirect looks up exactly one code."
    assert "1 sentence reasoning out loud" in why(specific)["communication"]


def test_a_misconception_followed_by_a_that_sentence_is_still_corrected_where_it_was_said() -> None:
    wrong = "Replicas also make writes faster, because each replica takes a share of the writes."
    text = wrong + " That is why I would run three of them in every region."
    record, events = make_session([("interviewer", "deep_dive", "Go on."), ("candidate", "deep_dive", text)])
    report = score_offline(record, events)
    assert [c.quote for c in report.corrections] == [wrong]
    assert concepts_of(text)["replication_failover"].status == "wrong"


def test_the_report_counts_each_key_term_dropped_into_praise() -> None:
    text = "Redis is great too. Kafka is awesome. Sharding is really nice. A CDN is great as well."
    record, events = make_session(
        [("interviewer", "high_level_design", "Go on."), ("candidate", "high_level_design", text)]
    )
    flags = [f.message for f in score_offline(record, events).flags if f.kind == "thin_stuffing"]
    assert flags == [
        "3 key terms were dropped into short sentences of praise with no reason; they earned nothing."
    ]


@pytest.mark.parametrize(
    ("text", "quoted", "concept"),
    [
        (  # the claim runs on into the next sentence ("That should be unique enough.")
            "To make the short code I would hash the URL with MD5 and take the first few characters. "
            "That should be unique enough.",
            "To make the short code I would hash the URL with MD5 and take the first few characters.",
            "hash_vs_counter",
        ),
        (  # a harmless sentence first: the claim after it is still heard
            "We store each code in one table keyed by the code. "
            "Replicas also make writes faster, because each replica takes a share of the writes.",
            "Replicas also make writes faster, because each replica takes a share of the writes.",
            "replication_failover",
        ),
    ],
)
def test_each_misconception_is_corrected_quoting_its_own_sentence(
    text: str, quoted: str, concept: str
) -> None:
    record, events = make_session([("interviewer", "deep_dive", "Go on."), ("candidate", "deep_dive", text)])
    assert [(c.quote, c.concept) for c in score_offline(record, events).corrections] == [(quoted, concept)]


def test_two_misconceptions_about_one_concept_in_one_sentence_are_both_corrected() -> None:
    text = (
        "A bloom filter tells us for certain the alias is free, "
        "and otherwise the newest request wins and overwrites the old link."
    )
    record, events = make_session([("interviewer", "deep_dive", "Go on."), ("candidate", "deep_dive", text)])
    corrections = score_offline(record, events).corrections
    assert [c.concept for c in corrections] == ["collision_handling", "collision_handling"]
    assert corrections[0].correction.startswith("A Bloom filter can say 'maybe present'")
    assert corrections[1].correction.startswith("Letting the latest request overwrite a taken alias")


def test_a_short_sentence_naming_many_concepts_explains_none_of_them_fully() -> None:
    two = concepts_of("A redirect cache and read replicas absorb 12k reads/s.")  # 9 words for 2 concepts
    assert {two[c].status for c in ("redirect_cache", "replication_failover")} == {"explained"}
    three = concepts_of("A redirect cache and replicas absorb 12k reads/s at peak.")  # 10 words for 3
    assert {three[c].status for c in ("redirect_cache", "replication_failover", "peak_and_average")} == {
        "named"
    }


@pytest.mark.parametrize(("phase", "checked"), [("estimation", True), ("requirements", False)])
def test_a_rate_given_in_another_unit_is_checked_when_estimating_not_when_restating_the_brief(
    phase: str, checked: bool
) -> None:
    record, events = make_session(
        [("interviewer", phase, "Go on."), ("candidate", phase, "New links come to about 3.5 million a day.")]
    )
    said = {e.id: (e.said, e.within_tolerance) for e in score_offline(record, events).estimates if e.said}
    assert said == ({"write_rate": ("3.5 million a day", True)} if checked else {})


def test_a_table_with_named_columns_is_a_data_model_statement() -> None:
    said = why("The links table has columns short_code, long_url and created_at for every link we store.")
    assert said["api_and_data_model"].startswith("1 data model statement;")


def test_components_named_in_the_high_level_design_phase_count_for_the_design() -> None:
    said = why(
        "Each app server can handle a few thousand requests per second, so three of them behind the load "
        "balancer is plenty because the redirect is a single key lookup.",
        phase="high_level_design",
    )
    assert said["high_level_design"].startswith("2 components (load balancer, service);")
