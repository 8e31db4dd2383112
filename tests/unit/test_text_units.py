"""Units as a candidate meets them: how a figure is converted to an estimate's unit, which
figures can stand for which, and how the report prints a reference value."""

from __future__ import annotations

import pytest

from interview.text.units import compatible, convert, format_value


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (3e12, "bytes", "3 TB"),
        (1e12, "bytes", "1 TB"),  # exactly on a step: the bigger unit
        (999e9, "bytes", "999 GB"),
        (1e15, "bytes", "1 PB"),
        (1e9, "bytes", "1 GB"),
        (1e6, "bytes", "1 MB"),
        (1e3, "bytes", "1 KB"),
        (2.5e15, "bytes", "2.5 PB"),
        (4e9, "bytes", "4 GB"),
        (500e6, "bytes", "500 MB"),
        (4e3, "bytes", "4 KB"),
        (500, "bytes", "500 bytes"),
        (1.25e6, "bytes_per_second", "1.25 MB/s"),
        (800, "bytes_per_second", "800 bytes/s"),
        (38.6, "per_second", "38.6/s"),
        (4000, "per_second", "4k/s"),
        (1000, "per_second", "1k/s"),
        (999, "per_second", "999/s"),
        (2e9, "per_day", "2B/day"),
        (1e9, "per_day", "1B/day"),
        (3.5e12, "count", "3.5T"),
        (1e12, "count", "1T"),
        (6e9, "count", "6B"),
        (1e6, "per_minute", "1M/min"),
        (20e6, "per_hour", "20M/hour"),
        (100e6, "per_month", "100M/month"),
        (5, "per_year", "5/year"),
        (100, "milliseconds", "100 ms"),
        (10, "seconds", "10 s"),
        (10e6, "connections", "10M connections"),
        (200, "servers", "200 servers"),
        (7, "characters", "7 characters"),
        (42, None, "42"),
    ],
)
def test_a_reference_value_is_shown_short_with_its_unit(value: float, unit: str | None, shown: str) -> None:
    assert format_value(value, unit) == shown


@pytest.mark.parametrize(
    ("value", "from_unit", "to_unit", "expected"),
    [
        (86400, "per_day", "per_second", 1.0),
        (1, "per_second", "per_day", 86400.0),
        (60, "per_minute", "per_second", 1.0),
        (3600, "per_hour", "per_second", 1.0),
        (30 * 86400, "per_month", "per_second", 1.0),
        (365 * 86400, "per_year", "per_second", 1.0),
        (250, "milliseconds", "seconds", 0.25),
        (2, "seconds", "milliseconds", 2000.0),
        (7, None, "per_second", 7.0),  # a bare number is read in the estimate's unit
        (5e6, "count", "connections", 5e6),
        (3e12, "bytes", "bytes", 3e12),
    ],
)
def test_figures_convert_between_periods_and_durations(
    value: float, from_unit: str | None, to_unit: str, expected: float
) -> None:
    assert convert(value, from_unit, to_unit) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("from_unit", "to_unit"),
    [
        ("bytes", "per_second"),
        ("per_second", "bytes"),
        ("seconds", "per_second"),
        ("per_day", "milliseconds"),
        ("servers", "count"),  # "100 servers" is not a record count
        ("characters", "connections"),
        ("count", "bytes"),
        ("bytes_per_second", "bytes"),
    ],
)
def test_figures_of_different_kinds_never_stand_for_each_other(from_unit: str, to_unit: str) -> None:
    assert not compatible(from_unit, to_unit)
    assert convert(1000, from_unit, to_unit) is None


@pytest.mark.parametrize(
    ("from_unit", "to_unit"),
    [
        ("count", "connections"),
        ("count", "servers"),
        ("per_month", "per_second"),
        ("milliseconds", "seconds"),
    ],
)
def test_figures_of_one_kind_are_compatible(from_unit: str, to_unit: str) -> None:
    assert compatible(from_unit, to_unit)


def test_small_estimates_have_a_tolerance_too() -> None:
    """A figure below 1 (0.5 s of latency, 0.8 servers) is a figure, not "nothing"."""
    from interview.catalog.models import Estimate
    from interview.text.units import within_tolerance

    half = Estimate(id="p99", label="p99 latency", value=1, unit="seconds", tolerance=3, about=["p99"])
    assert within_tolerance(0.5, half) and within_tolerance(1 / 3, half)
    assert (
        not within_tolerance(0.3, half) and not within_tolerance(0, half) and not within_tolerance(-1, half)
    )
