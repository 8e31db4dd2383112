"""What a drill asks: questions built from a scenario's facts, estimates, concepts and probes.

Pure functions over catalog models (no I/O). A drill is planned from a `DrillSpec` (kind,
criterion, the one question of a redo), so a stored drill re-plans the same questions on resume.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel, Field

from interview.catalog.models import Estimate, Rubric, Scenario
from interview.scoring.report import Improvement
from interview.text.numbers import find_figures
from interview.text.units import format_value
from interview.understanding.references import given_figures, is_given

__all__ = [
    "DRILL_MINUTES",
    "DrillQuestion",
    "DrillSpec",
    "criterion_questions",
    "criterion_spec",
    "one_criterion",
    "redo_spec",
    "criterion_weight",
    "estimation_questions",
    "plan",
    "scenario_for",
]

# Minutes each kind of drill lasts (the criterion drill is 10-15 minutes: 12).
DRILL_MINUTES: dict[str, float] = {"drill_estimation": 5.0, "drill_criterion": 12.0, "redo": 5.0}
# Criteria whose drill is about the scenario's estimates rather than its concepts.
ESTIMATION = "estimation"
TRADE_OFFS = "trade_offs"
RELIABILITY = "reliability"


class DrillSpec(BaseModel):
    """What a drill is about; stored with the drill so it can be re-planned on resume."""

    kind: str  # drill_estimation | drill_criterion | redo
    criterion: str = ESTIMATION
    question: str = ""  # a redo's one question (the improvement's exposing question)
    title: str = ""  # a redo's improvement title
    concept: str | None = None


class DrillQuestion(BaseModel):
    """One question of a drill: what the candidate is given, and what they are asked."""

    key: str  # stable id ("estimate:write_rate", "probe:2", "concept:replication_failover")
    given: list[str] = Field(default_factory=list)  # the inputs, stated
    ask: str
    estimate: str | None = None  # the estimate id an estimation question checks
    derivation: str = ""  # the reference working, shown at the end
    concept: str | None = None  # the concept a criterion question is about

    @property
    def text(self) -> str:
        """The question as the interviewer puts it: the inputs, then the question."""
        lead = " ".join(self.given)
        return f"{lead} {self.ask}".strip() if lead else self.ask


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _inputs_of(est: Estimate) -> list[tuple[float, str | None]]:
    """The figures a reference derivation works from: its figures, less the result itself."""
    return [
        (f.value, f.unit)
        for f in find_figures(est.derivation)
        if not (abs(f.value - est.value) <= 0.02 * est.value and f.unit == est.unit)
    ]


def _fact_feeds(answer: str, inputs: list[tuple[float, str | None]]) -> bool:
    """Whether a fact states one of a derivation's inputs (by value: "100 million" is "100M")."""
    figures = find_figures(answer)
    values = [f.value for f in figures]
    for match in _NUMBER.finditer(answer):  # bare numbers ("100 redirects for every ..."), not 99.9%
        inside = any(f.start <= match.start() < f.end for f in figures)
        if not inside and not answer[match.end() : match.end() + 1] == "%":
            values.append(float(match.group().replace(",", "")))
    return any(abs(v - w) <= 0.02 * max(v, w) for v in values for w, _ in inputs if v > 0 and w > 0)


def _prior_feeds(prior: Estimate, inputs: list[tuple[float, str | None]]) -> bool:
    """Whether an earlier result is one of a derivation's inputs (same value and unit)."""
    return any(abs(prior.value - w) <= 0.05 * prior.value and unit == prior.unit for w, unit in inputs)


def _checkable(est: Estimate, scenario: Scenario) -> bool:
    """Worth a question: a derivation to show at the end, a number to work out (not one the
    facts state outright, nor a code length read off a power)."""
    if not est.derivation or est.unit == "characters" or "^" in est.derivation:
        return False
    return not is_given(est.value, est.unit, given_figures(scenario))


def estimation_questions(scenario: Scenario) -> list[DrillQuestion]:
    """Back-of-envelope questions in the scenario's order: the inputs given, a result asked.

    Inputs are the facts whose figures the reference derivation uses, plus earlier results
    the derivation builds on (given as the reference, so one slip does not carry over).
    """
    facts = [f for f in scenario.facts if _NUMBER.search(f.answer)]
    out: list[DrillQuestion] = []
    earlier: list[Estimate] = []
    for est in scenario.estimates:
        if not _checkable(est, scenario):
            continue
        inputs = _inputs_of(est)
        given = [f.answer for f in facts if _fact_feeds(f.answer, inputs)]
        given += [
            f"Take {prior.label} as {format_value(prior.value, prior.unit)}."
            for prior in earlier
            if _prior_feeds(prior, inputs)
        ]
        if not given:  # nothing in the facts feeds it: give every figure the scenario states
            given = [f.answer for f in facts]
        out.append(
            DrillQuestion(
                key=f"estimate:{est.id}",
                given=given,
                ask=f"What is the {est.label}? Show your working.",
                estimate=est.id,
                derivation=est.derivation,
            )
        )
        earlier.append(est)
    return out


def criterion_weight(scenario: Scenario, criterion: str) -> float:
    """How much a scenario asks of one criterion: its concepts' weights (+ probes for reliability)."""
    if criterion == ESTIMATION:
        return float(len([e for e in scenario.estimates if _checkable(e, scenario)]))
    weight = sum(c.weight for c in scenario.concepts if c.criterion == criterion)
    if criterion == RELIABILITY:
        weight += 0.5 * len(scenario.failure_probes)
    return weight


def scenario_for(scenarios: Iterable[Scenario], criterion: str) -> Scenario | None:
    """The scenario where a criterion weighs most (ties: the first id alphabetically)."""
    ranked = sorted(scenarios, key=lambda s: (-criterion_weight(s, criterion), s.id))
    return ranked[0] if ranked and criterion_weight(ranked[0], criterion) > 0 else None


_TABLE = (
    "Compare two options in a table (rows: latency, cost, consistency, failure behaviour, "
    "operational effort), then say which you pick here and what would change your mind."
)


def criterion_questions(scenario: Scenario, criterion: str) -> list[DrillQuestion]:
    """The questions of a criterion drill: only what exercises that one criterion.

    reliability: the failure probes, then "which single component..." and dead-letter handling;
    trade_offs: each trade-off concept's question as "compare two options in a table";
    estimation: the estimation questions; any other: the probes of its concepts.
    """
    if criterion == ESTIMATION:
        return estimation_questions(scenario)
    concepts = [c for c in scenario.concepts if c.criterion == criterion]
    out: list[DrillQuestion] = []
    if criterion == RELIABILITY:
        out += [DrillQuestion(key=f"probe:{i}", ask=probe) for i, probe in enumerate(scenario.failure_probes)]
        out.append(
            DrillQuestion(
                key="spof",
                ask="Name the single component whose failure would stop the core user path, "
                "and how you remove it as a single point of failure.",
            )
        )
        out.append(
            DrillQuestion(
                key="dlq",
                ask="Pick one piece of asynchronous work in your design. A message keeps failing: "
                "what retries it, where does it go after the last retry (a dead-letter queue?), "
                "and who looks at it?",
            )
        )
    for concept in concepts:
        ask = f"{concept.probe} {_TABLE}" if criterion == TRADE_OFFS else concept.probe
        out.append(DrillQuestion(key=f"concept:{concept.id}", ask=ask, concept=concept.id))
    return out


def plan(spec: DrillSpec, scenario: Scenario) -> list[DrillQuestion]:
    """The drill's questions, in order."""
    if spec.kind == "drill_estimation":
        return estimation_questions(scenario)
    if spec.kind == "redo":
        return [DrillQuestion(key="redo", ask=spec.question, concept=spec.concept)]
    return criterion_questions(scenario, spec.criterion)


def one_criterion(rubric: Rubric, criterion: str) -> Rubric:
    """The rubric reduced to one criterion, so a drill is scored on that criterion only."""
    kept = [c for c in rubric.criteria if c.id == criterion]
    if not kept:
        raise ValueError(f"rubric {rubric.id} has no criterion {criterion!r}")
    return rubric.model_copy(update={"criteria": kept})


def redo_spec(improvement: Improvement, scenario: Scenario) -> DrillSpec:
    """A 5-minute redo of one improvement item: the question that exposed it, asked again.

    No exposing question stored: the probe of its concept, else "take this again".
    """
    question = improvement.exposed_by or ""
    if not question and improvement.concept:
        concept = next((c for c in scenario.concepts if c.id == improvement.concept), None)
        question = concept.probe if concept is not None else ""
    if not question:
        question = f"Take this one again: {improvement.title}."
    return DrillSpec(
        kind="redo",
        criterion=improvement.criterion,
        question=question,
        title=improvement.title,
        concept=improvement.concept,
    )


def criterion_spec(criterion: str) -> DrillSpec:
    """A criterion drill (estimation is the estimation drill)."""
    if criterion == ESTIMATION:
        return DrillSpec(kind="drill_estimation", criterion=ESTIMATION)
    return DrillSpec(kind="drill_criterion", criterion=criterion)
