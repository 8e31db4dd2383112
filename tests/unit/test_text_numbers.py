"""Figures as candidates write them: values, units, and what is not a figure."""

from __future__ import annotations

import pytest

from interview.catalog.models import Estimate
from interview.text.numbers import (
    Figure,
    convert,
    find_figures,
    format_value,
    match_estimates,
    within_tolerance,
)


def one(text: str) -> Figure:
    figures = find_figures(text)
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("40/s", 40, "per_second"),
        ("40 writes per second", 40, "per_second"),
        ("4k QPS", 4_000, "per_second"),
        ("4,000 rps", 4_000, "per_second"),
        ("1.2k TPS", 1_200, "per_second"),
        ("23K msg/s", 23_000, "per_second"),
        ("about 40 writes a second", 40, "per_second"),
        ("3 TB", 3e12, "bytes"),
        ("3TB", 3e12, "bytes"),
        ("500 bytes", 500, "bytes"),
        ("1.5 KB", 1_500, "bytes"),
        ("2 PB", 2e15, "bytes"),
        ("2B a day", 2e9, "per_day"),
        ("2 billion messages per day", 2e9, "per_day"),
        ("100M per month", 1e8, "per_month"),
        ("100 million new URLs a month", 1e8, "per_month"),
        ("1.2B in a year", 1.2e9, "per_year"),
        ("2B messages daily", 2e9, "per_day"),
        ("~6B records", 6e9, "count"),
        ("6 billion", 6e9, "count"),
        ("3.5 trillion", 3.5e12, "count"),
        ("100m users", 1e8, "count"),
        ("a million users", 1e6, "count"),
        ("10M concurrent connections", 1e7, "connections"),
        ("200 servers", 200, "servers"),
        ("7 characters", 7, "characters"),
        ("a 7-character code", 7, "characters"),
        ("p99 < 100 ms", 100, "milliseconds"),
        ("10ms", 10, "milliseconds"),
        ("2 seconds", 2, "seconds"),
        ("1e6", 1e6, "count"),
        ("62^7", 62**7, "count"),
        ("2**32", 2**32, "count"),
    ],
)
def test_reads_figures_as_candidates_write_them(text: str, value: float, unit: str) -> None:
    figure = one(text)
    assert figure.value == pytest.approx(value)
    assert figure.unit == unit


def test_raw_and_offsets_point_at_the_written_text() -> None:
    text = "Writes are about 4k QPS at peak."
    figure = one(text)
    assert figure.raw == "4k QPS"
    assert text[figure.start : figure.end] == "4k QPS"


def test_byte_rates_become_bytes_per_second_and_remember_their_period() -> None:
    figure = one("80 GB/day")
    assert figure.unit == "bytes_per_second"
    assert figure.value == pytest.approx(80e9 / 86400)
    assert figure.per == "day"
    assert one("80GB daily").value == pytest.approx(80e9 / 86400)
    assert one("20 KB/s").value == pytest.approx(20_000)
    assert one("1 Gbps").value == pytest.approx(125e6)  # bits, not bytes


def test_b_after_a_number_is_billion_unless_a_thing_follows() -> None:
    assert one("2B a day").unit == "per_day"
    bytes_figure = one("500B per URL")
    assert (bytes_figure.value, bytes_figure.unit) == (500, "bytes")
    assert one("500 B/record").unit == "bytes"


@pytest.mark.parametrize(
    "text",
    [
        "99.9% availability",
        "a 100:1 read to write ratio",
        "back in 2024",
        "10x the traffic",
        "5xx errors",
        "24/7 support",
        "base62 encoding",
        "p99 latency",
        "HTTP/2",
        "the 3rd replica",
        "v2 of the API",
    ],
)
def test_percentages_ratios_years_factors_and_glued_words_are_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_years_as_durations_are_durations_not_counts() -> None:
    figure = one("keep them for 5 years")
    assert figure.unit == "seconds"
    assert figure.value == pytest.approx(5 * 365 * 86400)


def test_ranges_take_the_midpoint_in_the_upper_bound_unit() -> None:
    assert one("3-5 TB").value == pytest.approx(4e12)
    assert one("1 to 3k QPS").value == pytest.approx(2_000)


def test_several_figures_in_one_sentence_in_order() -> None:
    figures = find_figures("100M new URLs a month is ~40 writes/s, and with 100:1 reads that's 4k reads/s.")
    assert [(f.unit, round(f.value)) for f in figures] == [
        ("per_month", 100_000_000),
        ("per_second", 40),
        ("per_second", 4_000),
    ]


def test_convert_between_rates_and_refuse_different_kinds() -> None:
    assert convert(2e9, "per_day", "per_second") == pytest.approx(23_148, rel=1e-3)
    assert convert(40, "per_second", "per_month") == pytest.approx(40 * 30 * 86400)
    assert convert(100, "milliseconds", "seconds") == pytest.approx(0.1)
    assert convert(3e12, "bytes", "per_second") is None
    assert convert(200, "servers", "characters") is None
    assert convert(10, None, "per_second") == 10  # a bare number is read in the reference unit


def make_estimate(id: str, value: float, unit: str, about: list[str], tolerance: float = 3.0) -> Estimate:
    return Estimate(
        id=id, label=id.replace("_", " "), value=value, unit=unit, tolerance=tolerance, about=about
    )


def test_within_tolerance_is_a_factor_either_way() -> None:
    est = make_estimate("write_qps", 40, "per_second", ["write"], tolerance=3)
    assert within_tolerance(40, est)
    assert within_tolerance(14, est)
    assert within_tolerance(119, est)
    assert not within_tolerance(13, est)
    assert not within_tolerance(121, est)
    assert not within_tolerance(0, est)


URL_ESTIMATES = [
    make_estimate("write_qps", 40, "per_second", ["write", "new url", "create", "shorten"]),
    make_estimate("read_qps", 4_000, "per_second", ["read", "redirect", "click"]),
    make_estimate("storage", 6e12, "bytes", ["storage", "disk", "store"]),
    make_estimate("code_length", 7, "characters", ["code", "length", "short"]),
]


def test_match_estimates_uses_nearby_words_to_tell_reads_from_writes() -> None:
    text = "So about 40 writes a second, and reads are 4k QPS."
    pairs = [(est.id, fig.raw) for est, fig in match_estimates(text, URL_ESTIMATES)]
    assert pairs == [("write_qps", "40 writes a second"), ("read_qps", "4k QPS")]


def test_match_estimates_converts_per_day_figures_to_the_reference_unit() -> None:
    text = "We create 3.5M new URLs per day."
    [(est, fig)] = match_estimates(text, URL_ESTIMATES)
    assert est.id == "write_qps"
    value = convert(fig.value, fig.unit, est.unit)
    assert value == pytest.approx(40.5, rel=0.01)
    assert within_tolerance(value, est)


def test_match_estimates_flags_a_wrong_magnitude_as_outside_tolerance() -> None:
    [(est, fig)] = match_estimates("Storage is about 6 PB over ten years.", URL_ESTIMATES)
    assert est.id == "storage"
    assert not within_tolerance(fig.value, est)


def test_match_estimates_ignores_unrelated_counts_and_other_sentences() -> None:
    text = "We have 3 teams. The code is 7 characters long."
    pairs = match_estimates(text, URL_ESTIMATES)
    assert [(e.id, f.value) for e, f in pairs] == [("code_length", 7)]


def test_a_bare_number_needs_the_words_to_count() -> None:
    assert match_estimates("The write rate is around 40.", URL_ESTIMATES)[0][0].id == "write_qps"
    assert match_estimates("I'd say 40.", URL_ESTIMATES) == []


def test_format_value_is_short_and_readable() -> None:
    assert format_value(38.58, "per_second") == "38.6/s"
    assert format_value(6e12, "bytes") == "6 TB"
    assert format_value(3.5e12, "count") == "3.5T"


def test_a_byte_rate_matches_a_per_day_volume_in_bytes() -> None:
    storage = make_estimate("storage_per_day", 200e9, "bytes", ["storage", "per day", "daily"])
    storage = storage.model_copy(update={"label": "message storage per day"})
    [(est, fig)] = match_estimates("That's roughly 200 GB/day of new storage.", [storage])
    assert est.id == "storage_per_day"
    assert fig.unit == "bytes"
    assert convert(fig.value, fig.unit, est.unit) == pytest.approx(200e9)


def test_peak_and_average_figures_go_to_their_own_estimates() -> None:
    estimates = [
        make_estimate("write_rate", 40, "per_second", ["write", "writes"]),
        make_estimate("peak_write_rate", 100, "per_second", ["peak", "burst"]),
    ]
    text = "That's about 40 writes per second on average. At peak it's around 100 writes per second."
    assert [(e.id, f.value) for e, f in match_estimates(text, estimates)] == [
        ("write_rate", 40),
        ("peak_write_rate", 100),
    ]


def _url_estimates() -> list[Estimate]:
    from interview.catalog import load_catalog

    return list(load_catalog().scenario("url-shortener").estimates)


def _matched(text: str) -> list[tuple[str, str]]:
    return [(est.id, fig.raw) for est, fig in match_estimates(text, _url_estimates())]


def test_scientific_notation_with_a_multiplier_keeps_the_mantissa() -> None:
    assert one("2 x 10^11 bytes").value == pytest.approx(2e11)
    assert one("3.5 × 10^12 codes").value == pytest.approx(3.5e12)


def test_a_size_per_record_is_not_the_total_storage() -> None:
    assert _matched("Each record is ~500 bytes per record.") == []
    assert _matched("If each record is 1 KB, that's 6 TB of storage.") == [("storage", "6 TB")]
    assert _matched("6 billion records at 500 bytes each is 3 TB of storage.") == [
        ("total_records", "6 billion records"),
        ("storage", "3 TB"),
    ]


def test_a_peak_redirect_rate_is_neither_the_average_read_rate_nor_the_peak_write_rate() -> None:
    assert _matched("Redirects peak at 10,000 a second.") == []
    assert _matched("We see 10,000 a second at peak for redirects.") == []


def test_each_figure_goes_to_one_estimate_by_its_noun_and_qualifier() -> None:
    text = "About 40 writes per second, peaking at 100/s, and 4,000 redirects per second on average."
    assert _matched(text) == [
        ("write_rate", "40 writes per second"),
        ("peak_write_rate", "100/s"),
        ("read_rate", "4,000 redirects per second"),
    ]
    # "2.5x average" describes a peak
    assert _matched("Peak is 2.5x average so 100 writes per second.") == [
        ("peak_write_rate", "100 writes per second")
    ]
    # an average said to be the peak does not earn the average estimate
    assert _matched("At peak we get 40 writes per second.") == [("peak_write_rate", "40 writes per second")]


def test_http_status_codes_are_not_figures() -> None:
    assert find_figures("GET /{code} returns a 302 to the original URL, rather than a 301.") == []
    assert find_figures("I'd use a 302 rather than a 301 because with 301 the browser caches it.") == []
    assert [f.value for f in find_figures("We need 301 servers.")] == [301]


def test_a_rate_with_no_peak_word_is_the_average_even_when_wrong() -> None:
    # a wrong average must show as a wrong average, not as a right-looking peak
    assert _matched("100 million a month is about 4,000 writes per second.") == [
        ("write_rate", "100 million a month"),
        ("write_rate", "4,000 writes per second"),
    ]
    assert _matched("We need to handle 100 writes/s.") == [("write_rate", "100 writes/s")]


def test_a_count_of_servers_is_not_a_count_of_records() -> None:
    assert _matched("We need 100 servers and 200 links.") == [("total_records", "200 links")]


def test_the_answer_to_the_estimate_just_asked_for_is_that_estimate() -> None:
    def asked(text: str, estimate: str) -> list[tuple[str, str]]:
        return [(est.id, fig.raw) for est, fig in match_estimates(text, _url_estimates(), estimate)]

    # "What do you get for new short URLs per second at peak?"
    assert asked("About 100 writes a second.", "peak_write_rate") == [
        ("peak_write_rate", "100 writes a second")
    ]
    # the working before the answer keeps its own reading; "times 2.5" is a factor, not a figure
    assert asked("40 writes/s times 2.5 is 100 writes/s.", "peak_write_rate") == [
        ("write_rate", "40 writes/s"),
        ("peak_write_rate", "100 writes/s"),
    ]
    # a figure naming another thing is not the answer
    assert asked("Around 10,000 redirects a second.", "peak_write_rate") == [
        ("read_rate", "10,000 redirects a second")
    ]
    assert asked("4,000 writes a second and 400,000 redirects per second.", "write_rate") == [
        ("write_rate", "4,000 writes a second"),
        ("read_rate", "400,000 redirects per second"),
    ]


def test_a_byte_size_of_something_a_day_is_a_daily_volume_not_a_total() -> None:
    """ "400 TB of uploads a day" is 400 TB every day: it must not be compared with a total
    storage figure (the interviewer asked "how do you get from 1 MB to 400 TB?" of a right sum)."""
    (daily,) = find_figures("that's 400 TB of uploads a day.")
    assert (daily.unit, daily.per) == ("bytes_per_second", "day")
    assert daily.value == pytest.approx(400e12 / 86400)
    (monthly,) = find_figures("about 100 GB of new photos per month")
    assert monthly.per == "month"
    (size,) = find_figures("1 MB of metadata a file")  # a file is not a period
    assert (size.unit, size.per) == ("bytes", None)
    (total,) = find_figures("we keep 3 TB of data.")
    assert total.unit == "bytes"
