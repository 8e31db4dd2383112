"""Units of the catalog's figures: periods, conversions, tolerance, and short display.

Rates convert between periods (a month is 30 days, a year 365); durations between seconds and
milliseconds; counts, connections, servers and characters are all counts, but only `count`
stands in for the others. Bytes and byte rates convert only to themselves.
"""

from __future__ import annotations

from interview.catalog.models import Estimate

__all__ = ["RATE_UNITS", "SECONDS", "compatible", "convert", "format_value", "within_tolerance"]

SECONDS = {
    "second": 1.0,
    "minute": 60.0,
    "hour": 3600.0,
    "day": 86400.0,
    "week": 7 * 86400.0,
    "month": 30 * 86400.0,
    "year": 365 * 86400.0,
}
RATE_UNITS: dict[str, float] = {
    "per_second": 1.0,
    "per_minute": 60.0,
    "per_hour": 3600.0,
    "per_day": 86400.0,
    "per_month": 30 * 86400.0,
    "per_year": 365 * 86400.0,
}
PERIOD_UNIT = {
    "second": "per_second",
    "minute": "per_minute",
    "hour": "per_hour",
    "day": "per_day",
    "month": "per_month",
    "year": "per_year",
}
DURATION_UNITS = {"seconds": 1.0, "milliseconds": 0.001}
COUNT_KINDS = {"count", "connections", "servers", "characters"}

PERIOD_WORDS = {
    "s": "second",
    "sec": "second",
    "secs": "second",
    "second": "second",
    "seconds": "second",
    "min": "minute",
    "mins": "minute",
    "minute": "minute",
    "minutes": "minute",
    "h": "hour",
    "hr": "hour",
    "hrs": "hour",
    "hour": "hour",
    "hours": "hour",
    "d": "day",
    "day": "day",
    "days": "day",
    "wk": "week",
    "week": "week",
    "weeks": "week",
    "mo": "month",
    "mon": "month",
    "month": "month",
    "months": "month",
    "y": "year",
    "yr": "year",
    "yrs": "year",
    "year": "year",
    "years": "year",
}
ADVERB_PERIOD = {
    "daily": "day",
    "nightly": "day",
    "hourly": "hour",
    "weekly": "week",
    "monthly": "month",
    "yearly": "year",
    "annually": "year",
    "secondly": "second",
}


def _family(unit: str | None) -> str | None:
    if unit in RATE_UNITS:
        return "rate"
    if unit in DURATION_UNITS:
        return "duration"
    if unit in COUNT_KINDS:
        return "count"
    return unit


def compatible(from_unit: str | None, to_unit: str) -> bool:
    """Whether a figure in `from_unit` can be read as a value in `to_unit`."""
    if from_unit is None or from_unit == to_unit:
        return True
    if _family(from_unit) != _family(to_unit):
        return False
    if _family(from_unit) == "count":
        # "10M users" may be connections; but "100 servers" is not a record count, nor chars
        return from_unit == "count"
    return True


def convert(value: float, from_unit: str | None, to_unit: str) -> float | None:
    """`value` in `from_unit` expressed in `to_unit`, or None when they measure different things.

    A unit of None (a bare number) is taken to be already in `to_unit`.
    """
    if not compatible(from_unit, to_unit):
        return None
    if from_unit is None or from_unit == to_unit:
        return value
    if from_unit in RATE_UNITS and to_unit in RATE_UNITS:
        return value / RATE_UNITS[from_unit] * RATE_UNITS[to_unit]
    if from_unit in DURATION_UNITS and to_unit in DURATION_UNITS:
        return value * DURATION_UNITS[from_unit] / DURATION_UNITS[to_unit]
    return value


def within_tolerance(value: float, estimate: Estimate) -> bool:
    """True when `value` (in the estimate's unit) is within a factor of `tolerance` either way."""
    if value <= 0:
        return False
    return estimate.value / estimate.tolerance <= value <= estimate.value * estimate.tolerance


def _short(number: float) -> str:
    """Three significant figures, never in exponent form: 38.6, 999, 1,000,000."""
    text = f"{number:.3g}"
    return f"{number:,.0f}" if "e" in text else text


def _scaled(value: float, suffixes: tuple[tuple[str, float], ...], gap: str, bare: str) -> str:
    """The value with the largest suffix it reaches (999.96 TB rounds to "1 PB", not "1e+03 TB")."""
    for i, (suffix, scale) in enumerate(suffixes):
        if value >= scale * 0.9995:
            if i > 0 and float(f"{value / scale:.3g}") >= 1000:
                suffix, scale = suffixes[i - 1]
            return f"{_short(value / scale)}{gap}{suffix}"
    return f"{_short(value)}{bare}"


def format_value(value: float, unit: str | None) -> str:
    """A short human form of a normalised value: 38.6/s, 6 TB, 3.5T."""
    if unit in ("bytes", "bytes_per_second"):
        text = _scaled(
            value, (("PB", 1e15), ("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3)), " ", " bytes"
        )
        return text + ("/s" if unit == "bytes_per_second" else "")
    text = _scaled(value, (("T", 1e12), ("B", 1e9), ("M", 1e6), ("k", 1e3)), "", "")
    tails = {
        "per_second": "/s",
        "per_minute": "/min",
        "per_hour": "/hour",
        "per_day": "/day",
        "per_month": "/month",
        "per_year": "/year",
        "milliseconds": " ms",
        "seconds": " s",
        "connections": " connections",
        "servers": " servers",
        "characters": " characters",
    }
    return text + tails.get(unit or "", "")
