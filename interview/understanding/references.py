"""What each figure of a turn estimates, and the reference it is checked against.

`attempts(text, scenario)` is the one place figures become estimate attempts, for the
planner (engine/figures.py) and the scorer (scoring/evidence.py). Besides the catalog's
estimates it checks figures against references the scenario implies (`derived`):

- a peak the catalog has no estimate for: the average × the scenario's peak factor
  (a fact such as "peak is 5 times the average", else the ratio of a peak/average pair);
- a first-year total: a retention-period total / the retention years (a fact "kept for 5 years");
- a per-server capacity: connections / gateway servers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from interview.catalog.models import Estimate, Scenario
from interview.text.estimates import _qualifier, _stem, match_estimates
from interview.text.numbers import Figure, find_figures
from interview.text.units import SECONDS, convert, format_value, within_tolerance
from interview.understanding.assumptions import Assumption, own_inputs
from interview.understanding.working import Worked, read_working

__all__ = ["Attempt", "Derived", "attempts", "derived", "given_figures", "is_given"]

_RATE = ("per_second", "per_minute", "per_hour", "per_day", "per_month", "per_year")
_PERIOD_IN_FACT = re.compile(
    r"\b(?:a|an|each|every|per)\s+(day|month|year|hour|second|minute)\b|\b(daily|monthly|yearly)\b", re.I
)
_ADVERB = {"daily": "day", "monthly": "month", "yearly": "year"}
_PEAK_FACT = re.compile(
    r"\b(?:peak|busiest|burst)\w*\b[^.]*?(?P<n>\d+(?:\.\d+)?)\s*(?:x|×|times)\b"
    r"|(?P<m>\d+(?:\.\d+)?)\s*(?:x|×|times)\s+(?:the\s+)?(?:daily\s+)?(?:average|normal)[^.]*\bpeak",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Attempt:
    """One figure of a turn read as an attempt at a reference estimate."""

    estimate: Estimate
    worked: Worked
    value: float  # in the estimate's unit
    ok: bool  # within the estimate's tolerance
    derived: bool = False  # a reference the scenario implies, not one of its catalog estimates
    given: bool = False  # restates a figure the interviewer gave (an input, not an estimate)
    assumed: tuple[Assumption, ...] = ()  # off only because it starts from these inputs of the candidate's

    @property
    def question(self) -> bool:
        return self.worked.question

    @property
    def raw(self) -> str:
        return self.worked.figure.raw


@dataclass(frozen=True, slots=True)
class Derived:
    """References implied by a scenario's facts and estimates."""

    peaks: tuple[Estimate, ...]  # peak rates the catalog has no estimate for
    first_year: dict[str, Estimate]  # retention total id -> its first-year share
    per_node: dict[str, Estimate]  # total id -> its per-server share
    siblings: dict[str, str]  # peak <-> average estimate ids
    peak_factor: float | None
    years: float | None


def _key(scenario: Scenario) -> tuple:
    return (
        scenario.id,
        tuple(
            (e.id, e.label, e.value, e.unit, e.tolerance, tuple(e.about), e.derivation)
            for e in scenario.estimates
        ),
        tuple(f.answer for f in scenario.facts),
        scenario.prompt,
    )


_DERIVED: dict[tuple, Derived] = {}
_GIVEN: dict[tuple, tuple[tuple[float, str], ...]] = {}


def derived(scenario: Scenario) -> Derived:
    """The references the scenario implies beyond its catalog estimates (cached per scenario)."""
    key = _key(scenario)
    found = _DERIVED.get(key)
    if found is None:
        found = _DERIVED[key] = _derive(scenario)
        if len(_DERIVED) > 64:
            _DERIVED.pop(next(iter(_DERIVED)))
    return found


def _derive(scenario: Scenario) -> Derived:
    ests = scenario.estimates
    siblings: dict[str, str] = {}
    for a in ests:
        for b in ests:
            if a is not b and a.unit == b.unit and _stem(a.label) == _stem(b.label):
                if _qualifier(a.label) == "peak" and _qualifier(b.label) != "peak":
                    siblings[a.id] = b.id
                    siblings.setdefault(b.id, a.id)
    factor: float | None = None
    for fact in scenario.facts:
        m = _PEAK_FACT.search(fact.answer)
        if m:
            factor = float(m.group("n") or m.group("m"))
            break
    if factor is None:
        by_id = {e.id: e for e in ests}
        for peak_id, avg_id in siblings.items():
            if _qualifier(by_id[peak_id].label) == "peak":
                factor = by_id[peak_id].value / by_id[avg_id].value
                break
    peaks: list[Estimate] = []
    if factor and factor > 1:
        for e in ests:
            if e.unit in _RATE and e.id not in siblings and _qualifier(e.label) == "average":
                value = e.value * factor
                label = re.sub(r"\s*\((?:average|avg)\)|\s+on average", "", e.label) + " at peak"
                peaks.append(
                    e.model_copy(
                        update={
                            "id": f"{e.id}@peak",
                            "label": label,
                            "value": value,
                            "derivation": f"{format_value(e.value, e.unit)} average × a peak factor of "
                            f"~{factor:.2g} = ~{format_value(value, e.unit)}",
                        }
                    )
                )
    years: float | None = None
    for fact in scenario.facts:
        for fig in find_figures(fact.answer):
            if fig.unit == "seconds" and fig.value >= SECONDS["year"] * 0.99:
                years = round(fig.value / SECONDS["year"], 3)
                break
        if years:
            break
    first_year: dict[str, Estimate] = {}
    if years and years > 1:
        for e in ests:
            if e.unit in ("count", "bytes") and re.search(r"\b(?:retention|total)\b", e.label, re.I):
                value = e.value / years
                first_year[e.id] = e.model_copy(
                    update={
                        "id": f"{e.id}@first_year",
                        "label": re.sub(r"\s*over the retention period", "", e.label) + " in the first year",
                        "value": value,
                        "derivation": f"{format_value(e.value, e.unit)} over {years:g} years / {years:g} "
                        f"= ~{format_value(value, e.unit)} a year",
                    }
                )
    per_node: dict[str, Estimate] = {}
    servers = next((e for e in ests if e.unit == "servers"), None)
    if servers is not None and servers.value > 0:
        for e in ests:
            if e.unit == "connections":
                value = e.value / servers.value
                how = f"{format_value(e.value, e.unit)} / {format_value(servers.value, 'servers')}"
                per_node[e.id] = e.model_copy(
                    update={
                        "id": f"{e.id}@per_node",
                        "label": f"{e.label} per server",
                        "value": value,
                        "derivation": f"{how} = ~{format_value(value, e.unit)} per server",
                    }
                )
    return Derived(tuple(peaks), first_year, per_node, siblings, factor, years)


def given_figures(scenario: Scenario) -> tuple[tuple[float, str], ...]:
    """The figures the interviewer gives (prompt and facts) as (value, unit).

    A count in a sentence that names a period ("100 million new URLs are created each month")
    is also read as a rate in that period, so "100M a month" restated is recognised.
    """
    key = _key(scenario)
    found = _GIVEN.get(key)
    if found is not None:
        return found
    out: list[tuple[float, str]] = []
    for text in [scenario.prompt, *(f.answer for f in scenario.facts)]:
        period = _PERIOD_IN_FACT.search(text)
        for fig in find_figures(text):
            if fig.unit is None:
                continue
            out.append((fig.value, fig.unit))
            if fig.unit == "count" and period:
                word = (period.group(1) or _ADVERB[period.group(2).lower()]).lower()
                out.append((fig.value, f"per_{word}"))
    _GIVEN[key] = tuple(out)
    return _GIVEN[key]


def is_given(value: float, unit: str | None, given: tuple[tuple[float, str], ...]) -> bool:
    """Whether a figure repeats one the interviewer gave, in the unit it was written in."""
    if unit is None or value <= 0:
        return False
    for g_value, g_unit in given:
        # same unit as written: "40/s" derived from "100M a month" is an estimate, not a restatement
        if unit == g_unit or (unit == "count" and g_unit.startswith("per_")):
            if abs(value - g_value) <= 0.02 * g_value:
                return True
    return False


def attempts(text: str, scenario: Scenario, asked: str | None = None) -> list[Attempt]:
    """Every figure in the turn that estimates something, with its reference, in text order.

    Operands of the working ("/ 86,400", "× 500 bytes") are not attempts. A figure worked
    out with a peak factor is a peak; a per-server or first-year figure is checked against
    the per-server or first-year reference (or not at all when the scenario implies none).
    Figures offered as questions and restated given figures are returned, marked, so each
    reader decides what they mean (neither is ever confirmed or counted).
    """
    if not scenario.estimates:
        return []
    working = read_working(text)
    if not working.figures:
        return []
    by_start = {w.figure.start: w for w in working.figures}
    extra = derived(scenario)
    references = [*scenario.estimates, *extra.peaks, *extra.per_node.values()]
    by_id = {e.id: e for e in references}
    given = given_figures(scenario)
    out: list[Attempt] = []
    qualifiers = {w.figure.start: w.qualifier for w in working.figures if w.qualifier}
    for est, fig in match_estimates(text, references, asked, qualifiers):
        worked = by_start.get(fig.start)
        if worked is None or worked.operand:
            continue
        est = _retarget(est, worked, extra, by_id)
        if est is None:
            continue
        if not _names_it(fig, by_id.get(est.id.split("@", 1)[0], est)):
            continue  # "10 thousand ledger writes per second" is not the payments per second
        value = convert(fig.value, fig.unit, est.unit)
        if value is None:
            continue
        ok = within_tolerance(value, est)
        if not ok and worked.qualifier is None and not worked.shown:
            # "we size for 1,200 TPS": unqualified and right for the peak, so read as the peak
            peak = _peak_of(est, extra, by_id)
            peak_value = convert(fig.value, fig.unit, peak.unit) if peak is not None else None
            if peak is not None and peak_value is not None and within_tolerance(peak_value, peak):
                est, value, ok = peak, peak_value, True
        if not ok and _exact(worked):
            continue  # "62^6 is about 57 billion": exact arithmetic for an alternative, not a slip
        restated = is_given(worked.figure.value, worked.figure.unit, given) and not is_given(
            est.value, est.unit, given
        )
        assumed = () if ok or worked.question else own_inputs(est, value, list(working.figures), fig.start)
        out.append(
            Attempt(est, worked, value, ok, derived="@" in est.id, given=restated, assumed=tuple(assumed))
        )
    return out


_WORD = re.compile(r"[a-z]+")
_DAILY = re.compile(r"\bper day\b|\bdaily\b", re.I)


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in _WORD.findall(text.lower()) if len(w) > 1}


def _names_it(fig: Figure, est: Estimate) -> bool:
    """A rate whose own noun names something else ("ledger writes") is not about this estimate."""
    if not fig.noun or fig.unit not in _RATE:
        return True
    named = _words(fig.noun) - {"new", "total", "average", "peak", "about", "roughly"}
    return not named or bool(named & _words(" ".join([est.label, *est.about])))


def _exact(worked: Worked) -> bool:
    """A power written out ("62^6") or its value stated right after it: arithmetic, not an estimate."""
    if re.search(r"\^|\*\*", worked.figure.raw):
        return True
    base = worked.base
    return (
        base is not None
        and bool(re.search(r"\^|\*\*", base.raw))
        and not worked.steps
        and abs(worked.figure.value - base.value) <= 0.1 * base.value
    )


def _peak_of(est: Estimate, extra: Derived, by_id: dict[str, Estimate]) -> Estimate | None:
    """The peak counterpart of an average (or unqualified) rate estimate, if there is one."""
    if _qualifier(est.label) == "peak":
        return None
    sibling = extra.siblings.get(est.id)
    if sibling is not None and _qualifier(by_id[sibling].label) == "peak":
        return by_id[sibling]
    return by_id.get(f"{est.id}@peak")


def _retarget(est: Estimate, worked: Worked, extra: Derived, by_id: dict[str, Estimate]) -> Estimate | None:
    """The reference a figure is really about, given its scope and qualifier (None: nothing to check)."""
    base_id = est.id.split("@", 1)[0]
    if worked.scope == "compared":
        return None  # "more than the 6 billion we need": a yardstick for another figure
    if worked.scope == "per_node":
        return extra.per_node.get(base_id)
    if est.id.endswith("@per_node"):
        est = by_id[base_id]  # only a figure said to be per server is checked as one
    if worked.scope == "first_year" and base_id in extra.first_year:
        return extra.first_year[base_id]
    if worked.scope in ("first_year", "retention") and _DAILY.search(est.label):
        if worked.scope == "retention":
            return None  # a total over years says nothing about the volume per day
        return est.model_copy(  # "73 TB in the first year" against "storage per day": a year of days
            update={
                "id": f"{base_id}@first_year",
                "label": re.sub(r"\s*per day", "", est.label) + " in the first year",
                "value": est.value * 365,
                "derivation": f"{format_value(est.value, est.unit)} a day × 365 "
                f"= ~{format_value(est.value * 365, est.unit)} a year",
            }
        )
    wants = worked.qualifier
    has = _qualifier(est.label)
    if wants == "peak" and has != "peak":
        sibling = extra.siblings.get(est.id)
        if sibling is not None and _qualifier(by_id[sibling].label) == "peak":
            return by_id[sibling]
        peak = by_id.get(f"{est.id}@peak")
        if peak is not None:
            return peak
    if wants == "average" and has == "peak":
        sibling = extra.siblings.get(est.id)
        if sibling is not None:
            return by_id[sibling]
    return est


def ratio(value: float, est: Estimate) -> float:
    """How far a value is from the reference, as a factor (2.0 = twice or half)."""
    if value <= 0 or est.value <= 0:
        return math.inf
    return math.exp(abs(math.log(value / est.value)))
