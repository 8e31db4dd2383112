"""Which reference estimate a stated figure is graded against: peak vs average, per-item sizes,
bandwidth and connections, line-start labels.

Found by mutation testing (bench/mutation.py estimates): these readings could change (a peak
read as an average, a per-server count read as the total) without a fast test noticing.
"""

from __future__ import annotations

from functools import cache

import pytest

from interview.catalog import load_catalog
from interview.text.estimates import match_estimates


@cache
def _estimates(scenario: str) -> list:
    return load_catalog().scenario(scenario).estimates


def matched(scenario: str, text: str) -> list[tuple[str, str]]:
    estimates = _estimates(scenario)
    return [(e.id, f.raw) for e, f in match_estimates(text, estimates)]


@pytest.mark.parametrize(
    ("scenario", "text", "expected"),
    [
        (
            "url-shortener",
            "Writes average 40 per second and peak at 100 per second.",
            [("write_rate", "40 per second"), ("peak_write_rate", "100 per second")],
        ),
        (
            "url-shortener",
            "At peak we create 100 new URLs per second, 40 per second on average.",
            [("peak_write_rate", "100 new URLs per second"), ("write_rate", "40 per second")],
        ),
        (
            "url-shortener",
            "On average we get 40 writes a second. At the busiest times, 100.",
            [("write_rate", "40 writes a second"), ("peak_write_rate", "100")],
        ),
        (
            "url-shortener",
            "The busiest hour sees 120 writes per second.",
            [("peak_write_rate", "120 writes per second")],
        ),
        ("url-shortener", "Mean write rate is 40/s.", [("write_rate", "40/s")]),
        # a peak figure is never an average: there is no peak read estimate to take 12,000
        (
            "url-shortener",
            "Average redirects: 4,000 per second. Peak redirects: 12,000 per second.",
            [("read_rate", "4,000 per second")],
        ),
    ],
)
def test_peak_and_average_figures_go_to_their_own_estimate(scenario: str, text: str, expected: list) -> None:
    assert matched(scenario, text) == expected


@pytest.mark.parametrize(
    ("scenario", "text", "expected"),
    [
        ("url-shortener", "Each short URL record is 500 bytes.", []),
        (
            "url-shortener",
            "We store 6 billion links, each about 500 bytes, so 3 TB.",
            [("total_records", "6 billion links"), ("storage", "3 TB")],
        ),
        (
            "chat",
            "Each server holds 50,000 connections, and we have 10M concurrent connections.",
            [("concurrent_connections", "10M concurrent connections")],
        ),
        (
            "chat",
            "We hold 10 million concurrent connections at peak.",
            [("concurrent_connections", "10 million concurrent connections")],
        ),
    ],
)
def test_a_per_item_size_or_count_is_not_a_total(scenario: str, text: str, expected: list) -> None:
    assert matched(scenario, text) == expected


@pytest.mark.parametrize(
    ("scenario", "text", "expected"),
    [
        ("web-crawler", "Download bandwidth is about 20 MB/s.", [("bandwidth", "20 MB/s")]),
        ("video-streaming", "Average playback bandwidth is 260 GB/s.", [("playback_bandwidth", "260 GB/s")]),
        ("video-streaming", "That is 2 PB per day of egress.", [("playback_bandwidth", "2 PB per day")]),
        (
            "url-shortener",
            "So 7 characters.\nStorage: 3 TB",
            [("code_length", "7 characters"), ("storage", "3 TB")],
        ),
    ],
)
def test_bandwidth_volumes_and_labelled_lines(scenario: str, text: str, expected: list) -> None:
    assert matched(scenario, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one estimate a line: a figure's unit or noun never comes from the next line (was: "~40\nRedirects
        # per second" read as one figure, so 40 writes/s was graded as the read rate)
        (
            "Writes per second: ~40\nRedirects per second: 4,000",
            [("write_rate", "~40"), ("read_rate", "4,000")],
        ),
        ("Notes first.\nWrites/s: 40\nStorage: 3 TB", [("write_rate", "40"), ("storage", "3 TB")]),
        (
            "| metric | value |\n| writes/s | 40 |\n| redirects per second | 4000 |",
            [("write_rate", "40"), ("read_rate", "4000")],
        ),
        ("Writes per week: 40", [("write_rate", "40")]),
    ],
)
def test_a_rate_given_by_its_lines_label_is_read_as_that_rate(text: str, expected: list) -> None:
    assert matched("url-shortener", text) == expected
    first = match_estimates(text, _estimates("url-shortener"))[0][1]
    assert first.unit == (None if "week" in text else "per_second")


def test_a_figure_never_takes_its_unit_from_the_next_line() -> None:
    from interview.text.numbers import find_figures

    assert [(f.raw, f.unit) for f in find_figures("We see 40\nredirects per second")] == [("40", None)]


def _latency_estimates() -> list:
    from interview.catalog.models import Estimate

    return [
        Estimate(
            id="p99",
            label="p99 redirect latency",
            value=100,
            unit="milliseconds",
            tolerance=2,
            about=["latency", "p99"],
        ),
        Estimate(
            id="w",
            label="writes per second (average)",
            value=40,
            unit="per_second",
            tolerance=3,
            about=["writes"],
        ),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The p99 latency is 80 ms.", [("p99", "80 ms")]),
        ("A redirect takes 0.08 seconds at p99.", [("p99", "0.08 seconds")]),
        ("Writes are 40 per second and latency is 80 ms.", [("w", "40 per second"), ("p99", "80 ms")]),
        ("We time out after 2 seconds.", []),
    ],
)
def test_a_scenario_with_a_latency_estimate_reads_durations_as_latency(text: str, expected: list) -> None:
    assert [(e.id, f.raw) for e, f in match_estimates(text, _latency_estimates())] == expected


def test_without_a_latency_estimate_a_duration_is_never_an_estimate() -> None:
    only_rates = _latency_estimates()[1:]
    found = match_estimates("Writes are 40 per second and latency is 80 ms, 2 seconds at worst.", only_rates)
    assert [(e.id, f.raw) for e, f in found] == [("w", "40 per second")]


def test_a_chunk_or_file_size_is_the_size_of_one_thing_not_total_storage() -> None:
    """ "splits files into 4 MB chunks" was challenged as the total storage ("Walk me through how
    you got 4 MB"): a byte size next to an item noun is the size of one item."""
    from pathlib import Path

    from interview.catalog import load_catalog
    from interview.text.estimates import match_estimates

    unseen = load_catalog([Path(__file__).resolve().parents[1] / "fixtures" / "scenarios_unseen"])
    estimates = unseen.scenario("file-sync").estimates
    for said in (
        "The agent splits files into 4 MB chunks and hashes each chunk.",
        "Chunks of 4 MB go to S3.",
    ):
        assert match_estimates(said, estimates) == [], said
    for said in ("Total storage is 200 PB.", "We store 200 PB of files.", "200 PB of files total."):
        assert [e.id for e, _ in match_estimates(said, estimates)] == ["total_storage"], said


def test_an_opening_at_peak_comma_qualifies_the_figure_after_it() -> None:
    """ "At peak, 400 redirects a second" was read as the average (the comma cut the qualifier off)
    and compared with 4,000 average redirects a second."""
    from interview.catalog import load_catalog
    from interview.text.estimates import match_estimates

    estimates = load_catalog().scenario("url-shortener").estimates
    assert [e.id for e, _ in match_estimates("At peak, 100 writes a second.", estimates)] == [
        "peak_write_rate"
    ]
    assert match_estimates("At peak, 400 redirects a second.", estimates) == []  # no peak read reference
    assert [e.id for e, _ in match_estimates("On average, 40 writes a second.", estimates)] == ["write_rate"]
