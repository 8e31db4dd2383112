"""How the number reader reads what a candidate writes, and what the interviewer then checks
(issue 18, from the mutants that survived in interview/text/numbers.py)."""

from __future__ import annotations

from functools import cache

import pytest

from interview.catalog import load_catalog
from interview.catalog.models import Scenario
from interview.text.numbers import find_figures
from interview.understanding.references import attempts


@cache
def _scenario(name: str) -> Scenario:
    return load_catalog().scenario(name)


def figures(text: str) -> list[tuple[str, str | None, float]]:
    return [(f.raw, f.unit, round(f.value, 6)) for f in find_figures(text)]


def checked(scenario: str, text: str) -> list[tuple[str, str, bool]]:
    """What the interviewer and the scorer check: (estimate id, figure, within tolerance)."""
    return [(a.estimate.id, a.raw, a.ok) for a in attempts(text, _scenario(scenario))]


@pytest.mark.parametrize(
    "text", ["The redirect returns a 301.", "Every redirect answers with a 302.", "Browsers cache a 301."]
)
def test_a_status_code_after_words_about_responses_is_not_a_figure(text: str) -> None:
    assert figures(text) == []
    # so the interviewer never challenges "301" as the redirect rate
    assert checked("url-shortener", text) == []


def test_a_weekly_figure_is_a_seventh_per_day() -> None:
    [(raw, unit, value)] = figures("We get about 24 million new URLs a week.")
    assert (raw, unit) == ("24 million new URLs a week", "per_day")
    assert value == pytest.approx(24e6 / 7)
    # 24 million a week is about 40 a second: right for the average write rate
    assert checked("url-shortener", "We get about 24 million new URLs a week.") == [
        ("write_rate", "24 million new URLs a week", True)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A 5s timeout.", [("5s", "seconds", 5.0)]),
        ("Jobs run every 2h.", [("2h", "seconds", 7200.0)]),
        ("p99 under 20 msec", [("20 msec", "milliseconds", 20.0)]),
        ("p99 under 500 µs", [("500 µs", "milliseconds", 0.5)]),
        ("a 20 msecs budget", [("20 msecs", "milliseconds", 20.0)]),
        ("within 1 millisecond", [("1 millisecond", "milliseconds", 1.0)]),
    ],
)
def test_durations_in_short_forms(text: str, expected: list) -> None:
    assert figures(text) == expected


def test_a_number_then_an_adverb_is_a_rate_in_that_period() -> None:
    [figure] = find_figures("Sends peak at 4 million hourly.")
    assert (figure.unit, figure.value, figure.per) == ("per_hour", 4e6, "hour")
    [figure] = find_figures("We crawl 3 billion monthly.")
    assert (figure.unit, figure.value, figure.per) == ("per_month", 3e9, "month")


def test_bits_per_second_without_a_prefix_are_an_eighth_of_bytes() -> None:
    assert figures("an old 9600 bps modem link") == [("9600 bps", "bytes_per_second", 1200.0)]


def test_a_labelled_count_of_new_urls_is_the_write_rate() -> None:
    # the figure's own noun of two words ("new URLs") names what the estimate counts
    assert checked("url-shortener", "Per second: 40 new URLs") == [("write_rate", "40 new URLs", True)]


def test_status_words_in_the_next_sentence_do_not_make_a_count_a_status_code() -> None:
    assert figures("We add 301 links. The response is fast.") == [("301 links", "count", 301.0)]


def test_a_noun_then_qps_is_a_rate_per_second() -> None:
    assert figures("about 500 write QPS") == [("500 write QPS", "per_second", 500.0)]


def test_asking_the_numbers_module_for_a_missing_name_says_which() -> None:
    from interview.text import numbers

    with pytest.raises(AttributeError, match="no_such_reader"):
        numbers.no_such_reader  # noqa: B018
