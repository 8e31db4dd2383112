"""What the interviewer asks about a figure: the step of the working that breaks, never the answer.

`challenge_question(attempt, scenario)` turns a wrong figure into one question:

- no working shown: ask for it ("Walk me through how you got 1,200 TPS.");
- a division by the seconds in the wrong period, written or implied: "86,400 is the seconds
  in a day. Is your 100 million per day?";
- an arithmetic slip in a written step: "Check 20M / 86,400 again: what does it come to?";
- a wrong input: "1,200 writes/s rests on 10M a month. Where does 10M a month come from?";
- a total off by the retention years: "Is 1.2 billion records for one year or for all 5?";
- otherwise the step from the base to the result.

`fishing_question(key)` answers a figure offered as a question without confirming or denying it.
Wording is picked by a stable hash of the challenge key so a resumed session says the same.
"""

from __future__ import annotations

import math
import re
import zlib

from interview.catalog.models import Scenario
from interview.text.numbers import Figure
from interview.text.units import SECONDS
from interview.understanding.references import Attempt, derived, given_figures
from interview.understanding.working import Step, Worked, number_part, written_value

__all__ = ["challenge_question", "fishing_question", "steps_question", "press_question"]

_ASK_WORKING = [
    "Walk me through how you got {raw}.",
    "How did you arrive at {raw}? Take me through the steps.",
    "Let's check {raw}. Where does it come from?",
    "Show me the arithmetic behind {raw}.",
]
_FISHING = [
    "I won't confirm a number. Show me how you'd get there.",
    "Rather than me confirming it, show me how you'd get there.",
    "I'd rather see your working than confirm a number. How would you get there?",
]
_STEPS = [
    "You've given me {raw}. Show me the steps that get you there.",
    "{raw_cap} on its own doesn't show me the working. Take me from your inputs to it.",
]
_PRESS = [
    "Before we move on: how did you get {raw}?",
    "I still want to understand {raw}. Where does it come from?",
]
_PERIOD_DIVISOR = "{divisor} is the seconds in {a} {period}. Is your {base} per {period}?"
_PERIOD_IMPLIED = (
    "From {base_raw} to {raw} you divided by about the seconds in {a} {period}. Is your {base} per {period}?"
)
_PERIOD_MULTIPLIER = "{n} is the {what}. Is your {base} per {period}?"
_MULTIPLIERS = {
    365.0: ("days in a year", "day"),
    12.0: ("months in a year", "month"),
    24.0: ("hours in a day", "hour"),
    30.0: ("days in a month", "day"),
}
_ARITHMETIC = "Check {expr} again: what does it come to?"
_INPUT = "{raw} rests on {base_raw}. Where does {base_raw} come from?"
_YEARS_ONCE = "Is {raw} for one year, or for the whole {years:g} years?"
_YEARS_TWICE = "How many times does the {years:g}-year retention go into {raw}?"
_FACTOR = "Where does the factor of {factor:g} in {raw} come from?"
_FACTOR_TWICE = "You multiplied by {factor:g} twice on the way to {raw}. Which of them is the peak factor?"
_PEAK_MISSING = "Is {raw} the average or the peak? What peak factor did you use?"
_STEP = "How do you get from {base_raw} to {raw}? What did you divide or multiply by?"
_ASSUMED = [
    "Your arithmetic to {raw} holds up. It rests on {inputs}: where does that come from?",
    "{raw_cap} follows from {inputs}. Why {inputs}?",
]


def _pick(options: list[str], key: str) -> str:
    return options[zlib.crc32(key.encode()) % len(options)]


def _mid(raw: str) -> str:
    """A figure as said inside a sentence: "A million redirects" -> "a million redirects"."""
    return raw[:1].lower() + raw[1:] if re.match(r"(?:A|An|One)\b", raw) else raw


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def fishing_question(key: str) -> str:
    """The reply to a figure offered for confirmation: neither yes nor no."""
    return _pick(_FISHING, key)


def steps_question(raw: str, key: str) -> str:
    """A bare figure after the interviewer asked for the arithmetic: ask for the steps."""
    return _pick(_STEPS, key).format(raw=raw, raw_cap=_cap(raw))


def press_question(raw: str, key: str) -> str:
    """A challenge the candidate moved past without answering."""
    return _pick(_PRESS, key).format(raw=raw)


def _close(a: float, b: float, factor: float = 1.3) -> bool:
    return a > 0 and b > 0 and abs(math.log(a / b)) <= math.log(factor)


def _base_period(base: Figure, scenario: Scenario) -> str | None:
    """The period a base figure is in: as written ("a month"), or as the interviewer gave it."""
    if base.per in SECONDS:
        return base.per
    if base.unit == "count":
        for value, unit in given_figures(scenario):
            if unit.startswith("per_") and _close(value, base.value, 1.02):
                return unit[4:]
    return None


def _apply(value: float, steps: tuple[Step, ...]) -> float:
    for step in steps:
        value = value * step.value if step.op == "×" else value / step.value
    return value


def challenge_question(attempt: Attempt, scenario: Scenario, others: list[Attempt], key: str) -> str:
    """The question that points at the broken step of a wrong figure (never states the reference)."""
    worked = attempt.worked
    raw = _mid(worked.figure.raw)
    if not worked.shown:
        return _bare(attempt, scenario, key)
    factors = [s for s in worked.steps if s.op == "×" and 1.2 <= s.value <= 20]
    twice = [s for i, s in enumerate(factors) if any(t.value == s.value for t in factors[:i])]
    if twice and worked.qualifier == "peak":
        return _FACTOR_TWICE.format(factor=twice[0].value, raw=raw)
    base = worked.base
    if base is None:  # steps applied to something said before ("say 5x, so 6,000 TPS")
        factors = [s for s in worked.steps if s.op == "×"]
        if factors and worked.qualifier == "peak":
            return _FACTOR.format(factor=factors[0].value, raw=raw)
        if attempt.assumed:
            return _assumed(attempt, raw, key)
        return _pick(_ASK_WORKING, key).format(raw=raw)
    base_attempt = next((a for a in others if a.worked.figure.start == base.start), None)
    if (
        base_attempt is not None
        and not base_attempt.ok
        and not base_attempt.given
        and not base_attempt.question
    ):
        return _INPUT.format(raw=_cap(raw), base_raw=base.raw)
    fig = worked.figure
    base_period = _base_period(base, scenario)
    divisors = [s for s in worked.steps if s.op == "÷" and s.seconds_of]
    if fig.unit == "per_second" and divisors and base_period and divisors[0].seconds_of != base_period:
        period = divisors[0].seconds_of
        divisor = number_part(divisors[0].raw.lstrip("/÷ ").replace("divided by", "").strip()) or "That"
        return _PERIOD_DIVISOR.format(
            divisor=divisor, period=period, base=number_part(base.raw), a="an" if period == "hour" else "a"
        )
    for step in worked.steps:  # "100M a month x 365": 365 is the days in a year
        implied = _MULTIPLIERS.get(step.value) if step.op == "×" else None
        if implied and base_period and implied[1] != base_period:
            return _PERIOD_MULTIPLIER.format(
                n=f"{step.value:g}", what=implied[0], base=number_part(base.raw), period=implied[1]
            )
    if worked.steps and fig.unit is not None:
        expected = _apply(written_value(base), worked.steps)
        if not _close(expected, written_value(fig), 1.35):
            ops = " ".join(s.raw.strip() for s in worked.steps)
            return _ARITHMETIC.format(expr=f"{number_part(base.raw)} {ops}")
    if (
        fig.unit == "per_second"
        and not worked.steps
        and base.unit is not None
        and base.unit.startswith("per_")
    ):
        implied = written_value(base) / fig.value if fig.value > 0 else 0.0
        if base_period and not _close(implied, SECONDS[base_period]):
            for period in ("hour", "day", "month", "year"):
                if period != base_period and _close(implied, SECONDS[period]):
                    return _PERIOD_IMPLIED.format(
                        base_raw=base.raw,
                        raw=raw,
                        period=period,
                        base=number_part(base.raw),
                        a="an" if period == "hour" else "a",
                    )
    if attempt.assumed:  # right arithmetic on other inputs: ask about the inputs, not the sums
        return _assumed(attempt, raw, key)
    factors = [s for s in worked.steps if s.op == "×" and 1.2 <= s.value <= 20]
    if worked.qualifier == "peak" and factors:
        return _FACTOR.format(factor=factors[0].value, raw=raw)
    years = _years_slip(attempt, scenario)
    if years is not None:
        return years
    return _STEP.format(base_raw=base.raw, raw=raw)


def _assumed(attempt: Attempt, raw: str, key: str) -> str:
    inputs = " and ".join(_mid(a.said) for a in attempt.assumed)
    return _pick(_ASSUMED, key).format(raw=raw, raw_cap=_cap(raw), inputs=inputs)


def _years_slip(attempt: Attempt, scenario: Scenario) -> str | None:
    """A total off by the retention years: one year's worth, or the years counted twice."""
    years = derived(scenario).years
    base_id = attempt.estimate.id.split("@", 1)[0]
    if not years or base_id not in derived(scenario).first_year:
        return None  # only a retention total can be one year's worth or count the years twice
    ratio = attempt.value / attempt.estimate.value
    raw = attempt.worked.figure.raw
    if _close(ratio, 1 / years, 1.5):
        return _YEARS_ONCE.format(raw=raw, years=years)
    if _close(ratio, years, 1.5):
        return _YEARS_TWICE.format(raw=raw, years=years)
    return None


def _bare(attempt: Attempt, scenario: Scenario, key: str) -> str:
    """A wrong figure with no working: ask for the working (scope slips are named as questions)."""
    worked: Worked = attempt.worked
    if worked.qualifier == "peak" and attempt.estimate.label.lower().find("peak") >= 0:
        avg_id = derived(scenario).siblings.get(attempt.estimate.id)
        avg = next((e for e in scenario.estimates if e.id == avg_id), None)
        if avg is not None and _close(attempt.value, avg.value, 1.5):
            return _PEAK_MISSING.format(raw=worked.figure.raw)
    years = _years_slip(attempt, scenario)
    if years is not None and worked.scope != "first_year":
        return years
    return _pick(_ASK_WORKING, key).format(raw=_mid(worked.figure.raw))
