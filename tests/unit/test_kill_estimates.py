"""What the estimate reader takes from a candidate's sentence: which reference a figure is checked
against, or none at all (issue 18, from the mutants that survived in interview/text/estimates.py).

Each case is a sentence a candidate could say and the reading a wrong one would change: the
interviewer challenging a figure against the wrong estimate, or a total dropped as a per-item size.
"""

from __future__ import annotations

from functools import cache

import pytest

from interview.catalog import load_catalog
from interview.catalog.models import Estimate, Scenario
from interview.text.estimates import match_estimates
from interview.understanding.references import attempts


@cache
def _scenario(name: str) -> Scenario:
    return load_catalog().scenario(name)


def read(scenario: str, text: str) -> list[tuple[str, str]]:
    """(estimate id, figure as written) for each figure the reader pairs with an estimate."""
    return [(e.id, f.raw) for e, f in match_estimates(text, _scenario(scenario).estimates)]


def checked(scenario: str, text: str) -> list[tuple[str, str, bool]]:
    """What the interviewer and the scorer check: (estimate id, figure, within tolerance)."""
    return [(a.estimate.id, a.raw, a.ok) for a in attempts(text, _scenario(scenario))]


# --------------------------------------------------------------------------- labels of a line


@pytest.mark.parametrize(
    "text",
    [
        "Writes per second:\n6 billion links in total.",
        "Storage we need per day:\n6 billion links over five years.",
    ],
)
def test_a_rate_label_on_the_line_above_does_not_turn_a_total_into_a_rate(text: str) -> None:
    # the label ends its own line; the next line's 6 billion links is still the total record count
    assert read("url-shortener", text) == [("total_records", "6 billion links")]


@pytest.mark.parametrize("text", ["Per second: 40 writes", "Notes first.\nPer second: 40 writes"])
def test_a_rate_label_at_the_very_start_of_a_line_gives_the_rate(text: str) -> None:
    assert read("url-shortener", text) == [("write_rate", "40 writes")]
    [(_, figure)] = match_estimates(text, _scenario("url-shortener").estimates)
    assert figure.unit == "per_second"


def test_a_labelled_rate_keeps_its_own_noun_so_ledger_writes_are_not_payments() -> None:
    # "Payments per second:" labels the line, but the figure counts ledger writes: nothing to challenge
    assert checked("payment-rail", "Payments per second: 10,000 ledger writes") == []
    assert checked("payment-rail", "Payments per second: 250 payments") == [
        ("average_tps", "250 payments", True)
    ]


# --------------------------------------------------------------------------- one item vs a total


@pytest.mark.parametrize(
    "text",
    ["We hold 10M connections each a websocket.", "We hold 10M connections each an open websocket."],
)
def test_each_followed_by_a_or_an_does_not_make_a_total_the_size_of_one_thing(text: str) -> None:
    assert read("chat", text) == [("concurrent_connections", "10M connections")]


def test_per_a_day_is_a_period_not_one_item() -> None:
    assert read("chat", "We store 200 GB per a day.") == [("storage_per_day", "200 GB")]


def test_a_total_after_an_earlier_sentence_is_still_read() -> None:
    assert read("chat", "Messages are small. Daily storage is about 200 GB.") == [
        ("storage_per_day", "200 GB")
    ]
    assert read("chat", "Each message is 1 KB. Right. Fine. Daily storage is about 200 GB.") == [
        ("storage_per_day", "200 GB")
    ]


def test_each_more_than_60_characters_back_does_not_make_the_total_one_item() -> None:
    text = "Each short link points to one long URL and in our db we keep 6 billion links."
    assert text.index("6 billion") - text.index("Each") == 61
    assert read("url-shortener", text) == [("total_records", "6 billion links")]


def test_a_count_for_one_node_is_not_the_total_count() -> None:
    # "700 million keys" on each node: never challenged as the 100 billion keys stored
    assert read("key-value-store", "Each node holds about 700 million keys.") == []
    assert read("key-value-store", "We store about 100 billion keys.") == [("key_count", "100 billion keys")]


# --------------------------------------------------------------------------- kinds of unit


@pytest.mark.parametrize(
    "text",
    [
        "We write 20 million ledger entries a day.",
        "The ledger grows by 7 million rows per day.",
    ],
)
def test_a_count_per_day_is_not_read_as_bytes_of_data_per_day(text: str) -> None:
    assert read("payment-rail", text) == []
    assert checked("payment-rail", text) == []


@pytest.mark.parametrize(
    ("scenario", "text"),
    [
        ("ticket-booking", "We expect 50 million fans."),
        ("ticket-booking", "The stadium holds 80,000 people."),
        ("web-crawler", "We crawl 1 billion pages."),
    ],
)
def test_a_count_of_something_else_is_not_the_scenarios_only_count_estimate(scenario: str, text: str) -> None:
    # a plain count that names nothing the estimate counts is an input, not a guess at seat rows
    assert read(scenario, text) == []
    assert checked(scenario, text) == []


# --------------------------------------------------------------------------- nearness of words


def test_peak_in_another_clause_does_not_make_a_rate_the_peak() -> None:
    text = "Redirects peak at lunch and new URLs come in at 100 per second."
    assert read("url-shortener", text) == [("write_rate", "100 per second")]


def test_a_naming_phrase_right_after_the_figure_wins_even_when_it_says_and() -> None:
    estimates = [
        Estimate(
            id="ops",
            label="operations per second",
            value=100,
            unit="per_second",
            tolerance=3,
            about=["reads and writes"],
        ),
        Estimate(
            id="repl",
            label="replication messages per second",
            value=1000,
            unit="per_second",
            tolerance=3,
            about=["replication"],
        ),
    ]
    found = match_estimates("Replication is busy: 100 per second of reads and writes", estimates)
    assert [(e.id, f.raw) for e, f in found] == [("ops", "100 per second")]


def test_admitting_20_a_second_is_the_admission_rate_per_minute_not_seats_sold() -> None:
    # 20 a second is 1,200 a minute: the waiting room's admission rate, confirmed, not an off
    # guess at the 83 seats sold per second
    text = "The waiting room admits about 20 a second as seats sold go up."
    assert read("ticket-booking", text) == [("admission_rate", "20 a second")]
    assert checked("ticket-booking", text) == [("admission_rate", "20 a second", True)]


# --------------------------------------------------------------------------- zero, far words, lone units


@pytest.mark.parametrize(
    "text",
    ["We lose 0 messages per day.", "Dropped messages: 0.", "With retries we drop 0 messages a second."],
)
def test_a_zero_is_never_challenged_as_an_estimate(text: str) -> None:
    assert read("chat", text) == []
    assert checked("chat", text) == []


def test_a_zero_does_not_hide_the_estimate_after_it() -> None:
    text = "We lose 0 messages per day; we send 2 billion messages per day."
    assert checked("chat", text) == [("messages_per_day", "2 billion messages per day", True)]
    # one is a figure: far too low, and challenged as such
    assert checked("url-shortener", "Writes: 1 per second.") == [("write_rate", "1 per second", False)]


def test_a_naming_word_far_back_in_the_sentence_still_names_the_figure() -> None:
    text = "Writes, after we think about the growth curve over many years, come to 40 per second."
    assert read("url-shortener", text) == [("write_rate", "40 per second")]


@pytest.mark.parametrize(
    ("scenario", "text", "expected"),
    [
        ("video-streaming", "That comes to 260 GB/s.", [("playback_bandwidth", "260 GB/s")]),
        ("web-crawler", "So roughly 20 MB/s.", [("bandwidth", "20 MB/s")]),
    ],
)
def test_a_unit_only_one_estimate_takes_is_read_as_that_estimate(
    scenario: str, text: str, expected: list
) -> None:
    # no naming words, but only one estimate of the scenario is a byte rate
    assert read(scenario, text) == expected


def test_a_bare_answer_to_the_interviewers_question_is_about_what_was_asked() -> None:
    # "What's the peak write rate?" "About 100 a second."
    found = match_estimates(
        "About 100 a second.", _scenario("url-shortener").estimates, asked="peak_write_rate"
    )
    assert [(e.id, f.raw) for e, f in found] == [("peak_write_rate", "100 a second")]
    assert read("url-shortener", "About 100 a second.") == []


def test_the_figures_own_noun_decides_even_with_another_estimates_word_right_after() -> None:
    # "redirects" is inside the figure: 100 redirects a second is never the write rate
    text = "We see 100 redirects per second for new URLs."
    assert read("url-shortener", text) == [("read_rate", "100 redirects per second")]
