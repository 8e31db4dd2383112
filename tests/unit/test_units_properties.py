"""Properties of unit conversion, tolerance and number reading that must hold for any value."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from interview.catalog.models import Estimate
from interview.text.numbers import find_figures
from interview.text.units import RATE_UNITS, SECONDS, convert, format_value, within_tolerance
from interview.understanding.working import read_working, written_value

rates = st.sampled_from(sorted(RATE_UNITS))
values = st.floats(min_value=1e-3, max_value=1e15, allow_nan=False, allow_infinity=False)
tolerances = st.floats(min_value=1.05, max_value=10)


def _estimate(value: float, tolerance: float, unit: str = "per_second") -> Estimate:
    return Estimate(id="x", label="x", value=value, unit=unit, tolerance=tolerance, about=["x"])


@given(values, rates, rates)
def test_a_rate_converted_there_and_back_is_unchanged(value: float, a: str, b: str) -> None:
    there = convert(value, a, b)
    assert there is not None
    assert math.isclose(convert(there, b, a) or 0.0, value, rel_tol=1e-9)


@given(values, rates, rates, rates)
def test_converting_through_a_third_rate_is_the_same_as_directly(
    value: float, a: str, b: str, c: str
) -> None:
    via = convert(convert(value, a, b) or 0.0, b, c) or 0.0
    assert math.isclose(via, convert(value, a, c) or 0.0, rel_tol=1e-9)


@given(values)
def test_a_per_month_figure_is_the_per_second_figure_times_the_seconds_in_a_month(value: float) -> None:
    assert math.isclose(
        convert(value, "per_second", "per_month") or 0.0, value * SECONDS["month"], rel_tol=1e-9
    )


@given(values, rates)
def test_bytes_never_convert_to_a_rate(value: float, rate: str) -> None:
    assert convert(value, "bytes", rate) is None
    assert convert(value, rate, "bytes") is None


@given(values, tolerances, st.floats(min_value=0.001, max_value=0.999))
def test_anything_between_reference_over_and_times_tolerance_is_within(
    reference: float, tolerance: float, where: float
) -> None:
    low, high = math.log(reference / tolerance), math.log(reference * tolerance)
    value = math.exp(low + (high - low) * where)
    assert within_tolerance(value, _estimate(reference, tolerance))


@given(values, tolerances, st.floats(min_value=1.01, max_value=100))
def test_anything_beyond_the_tolerance_is_outside_either_way(
    reference: float, tolerance: float, beyond: float
) -> None:
    est = _estimate(reference, tolerance)
    assert not within_tolerance(reference * tolerance * beyond, est)
    assert not within_tolerance(reference / tolerance / beyond, est)


@given(values, tolerances, st.floats(min_value=1e-3, max_value=1e3))
def test_tolerance_is_symmetric_in_ratio(reference: float, tolerance: float, ratio: float) -> None:
    est = _estimate(reference, tolerance)
    assert within_tolerance(reference * ratio, est) == within_tolerance(reference / ratio, est)


@given(
    st.floats(min_value=1e-2, max_value=9.99e14), st.sampled_from(["bytes", "count", "per_second", "per_day"])
)
def test_format_value_is_short_and_never_scientific(value: float, unit: str) -> None:
    text = format_value(value, unit)
    assert "e+" not in text and "e-" not in text
    assert len(text.split()[0].split("/")[0]) <= 6


@given(
    st.integers(min_value=1, max_value=999),
    st.sampled_from(["k", "M", "B"]),
    st.sampled_from(["day", "month"]),
)
def test_a_rate_written_with_a_multiplier_reads_back_its_value(number: int, mult: str, period: str) -> None:
    scale = {"k": 1e3, "M": 1e6, "B": 1e9}[mult]
    [figure] = find_figures(f"about {number}{mult} writes per {period}")
    assert figure.unit == f"per_{period}"
    assert math.isclose(written_value(figure), number * scale, rel_tol=1e-9)


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["day", "month", "hour"]))
def test_a_division_by_the_seconds_in_a_period_is_read_as_that_period(number: int, period: str) -> None:
    seconds = f"{SECONDS[period]:,.0f}"
    working = read_working(f"{number}M per {period} / {seconds} = 5 writes/s")
    result = working.figures[-1]
    assert [s.seconds_of for s in result.steps] == [period]
