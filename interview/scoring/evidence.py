"""Evidence read from the candidate's turns: concepts explained, figures checked, signals heard.

Concepts are read in `concepts` (explained only for a right reason; misconceptions make them
wrong). Sentences that state a misconception, hold a wrong figure or only praise a term are
never positive evidence here: they raise no signals and are never quoted as strengths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interview.catalog.models import Estimate, Scenario
from interview.scoring import signals
from interview.scoring.concepts import (
    BARE,
    ConceptEvidence,
    ConceptHits,
    Correction,
    blank,
    collect_concepts,
    concept_hits,
    specific_reason,
)
from interview.scoring.report import EstimateCheck
from interview.scoring.staff import collect_staff
from interview.scoring.turns import Sentence, Transcript
from interview.text.matching import mentions
from interview.text.numbers import convert, find_figures, match_estimates, within_tolerance

__all__ = ["BARE", "ConceptEvidence", "Correction", "EstimateEvidence", "Evidence", "collect"]


@dataclass(slots=True)
class EstimateEvidence:
    """A reference figure and the candidate's best attempt at it."""

    estimate: Estimate
    check: EstimateCheck
    attempts: int = 0
    exact: bool = False  # said in the reference's own unit (not converted)
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class Evidence:
    """Everything the criteria are scored from."""

    transcript: Transcript
    concepts: dict[str, ConceptEvidence] = field(default_factory=dict)
    estimates: list[EstimateEvidence] = field(default_factory=list)
    signals: dict[str, list[Sentence]] = field(default_factory=dict)
    facts_asked: list[str] = field(default_factory=list)
    phrase_hits: int = 0
    listed_hits: int = 0
    thin_hits: int = 0
    # (turn, sentence start) of sentences that are never positive evidence
    excluded: set[tuple[int, int]] = field(default_factory=set)
    wrong_figures: set[tuple[int, int]] = field(default_factory=set)  # sentences holding a figure that is off

    def signal(self, kind: str) -> list[Sentence]:
        return self.signals.get(kind, [])

    @property
    def corrections(self) -> list[Correction]:
        """Every misconception heard, in transcript order."""
        found = [c for ev in self.concepts.values() for c in ev.corrections]
        return sorted(found, key=lambda c: (c.sentence.turn, c.sentence.start))


_PERIOD_IN_FACT = re.compile(
    r"\b(?:a|an|each|every|per)\s+(day|month|year|hour|second|minute)\b|\b(daily|monthly|yearly)\b", re.I
)
_ADVERB_TO_PERIOD = {"daily": "day", "monthly": "month", "yearly": "year"}


def given_figures(scenario: Scenario) -> list[tuple[float, str | None]]:
    """The figures the interviewer gives (facts and prompt), as (value, unit).

    A count in a sentence that names a period ("100 million new URLs are created each month")
    is read as a rate in that period, so "100M a month" restated by the candidate is recognised.
    """
    out: list[tuple[float, str | None]] = []
    for text in [scenario.prompt, *(f.answer for f in scenario.facts)]:
        period = _PERIOD_IN_FACT.search(text)
        for fig in find_figures(text):
            if fig.unit is None:
                continue
            out.append((fig.value, fig.unit))
            if fig.unit == "count" and period:
                word = (period.group(1) or _ADVERB_TO_PERIOD[period.group(2).lower()]).lower()
                out.append((fig.value, f"per_{word}"))
    return out


def _restated(value: float, unit: str | None, given: list[tuple[float, str | None]]) -> bool:
    """The figure repeats one the interviewer gave: a restated fact, not the candidate's estimate."""
    if unit is None or value <= 0:
        return False
    for g_value, g_unit in given:
        # same unit as written: "40/s" derived from "100M a month" is an estimate, not a restatement
        if unit == g_unit or (unit == "count" and g_unit is not None and g_unit.startswith("per_")):
            if abs(value - g_value) <= 0.02 * g_value:
                return True
    return False


def _asked(transcript: Transcript, turn: int) -> str | None:
    """The estimate the interviewer asked for just before this candidate turn, if any."""
    if turn <= 0:
        return None
    before = transcript.turns[turn - 1]
    if before.role != "interviewer":
        return None
    asked = before.data.get("estimate")
    return asked if isinstance(asked, str) else None


def collect_estimates(scenario: Scenario, transcript: Transcript) -> list[EstimateEvidence]:
    """For each reference figure, the candidate's attempt: the latest within tolerance, else the latest."""
    by_id: dict[str, EstimateEvidence] = {}
    for est in scenario.estimates:
        check = EstimateCheck(
            id=est.id,
            label=est.label,
            reference=est.value,
            unit=est.unit,
            tolerance=est.tolerance,
            derivation=est.derivation,
        )
        by_id[est.id] = EstimateEvidence(est, check)
    if not scenario.estimates:
        return []
    given = given_figures(scenario)
    for turn in transcript.candidate:
        for est, fig in match_estimates(turn.text, scenario.estimates, _asked(transcript, turn.turn)):
            if turn.phase == "requirements" and fig.unit != est.unit:
                continue  # restating the brief ("100M a month") is not estimating a rate
            if _restated(fig.value, fig.unit, given) and not _restated(est.value, est.unit, given):
                continue  # "100 million new URLs a month" is the interviewer's figure, not an estimate
            value = convert(fig.value, fig.unit, est.unit)
            if value is None:
                continue
            ev = by_id[est.id]
            ok = within_tolerance(value, est)
            ev.attempts += 1
            exact = fig.unit == est.unit
            if ev.check.within_tolerance and (ev.exact or not (ok and exact)):
                continue  # keep the first right answer, preferring one stated in the reference's unit
            ev.check.said = turn.original[fig.start : fig.end]
            ev.check.said_value = round(value, 6)
            ev.check.turn = turn.turn
            ev.check.within_tolerance = ok
            ev.start, ev.end = fig.start, fig.end
            ev.exact = exact
    return [by_id[e.id] for e in scenario.estimates]


def _questions(transcript: Transcript, phases: tuple[str, ...]) -> list[Sentence]:
    out = []
    for s in transcript.sentences(phases):
        if s.listy or s.words < 3:
            continue
        if s.text.rstrip().endswith("?") or signals.QUESTION_START.match(s.text):
            out.append(s)
    return out


def collect_signals(
    scenario: Scenario,
    transcript: Transcript,
    hits: dict[tuple[int, int], ConceptHits],
    excluded: set[tuple[int, int]] | frozenset[tuple[int, int]] = frozenset(),
) -> tuple[dict[str, list[Sentence]], list[str]]:
    """Sentences that ask, assume, compare, handle failure, define APIs... by kind."""
    phases = {p.id for p in scenario.phases}
    req_phases = ("requirements",) if "requirements" in phases else None
    design_phases = tuple(p for p in ("high_level_design", "deep_dive", "wrap_up") if p in phases) or None
    deep_phases = ("deep_dive",) if "deep_dive" in phases else design_phases
    out: dict[str, list[Sentence]] = {}

    def add(kind: str, sentence: Sentence) -> None:
        out.setdefault(kind, []).append(sentence)

    questions = _questions(transcript, req_phases) if req_phases else _questions(transcript, None)[:8]
    out["question"] = questions
    facts_asked = [fact.id for fact in scenario.facts if any(mentions(q.text, fact.about) for q in questions)]
    for s in transcript.sentences(req_phases):
        if s.listy or (s.turn, s.start) in excluded:
            continue
        if signals.NON_FUNCTIONAL.search(s.text):
            add("non_functional", s)
        if signals.ASSUMPTION.search(s.text):
            add("assumption", s)
        if signals.SCOPE.search(s.text):
            add("scope", s)
    for s in transcript.sentences():
        if s.listy or (s.turn, s.start) in excluded:
            continue
        figures = [f for f in find_figures(s.text) if f.unit is not None]
        rest = blank(s.text, hits[(s.turn, s.start)].spans)
        reasoned = s.substantive and bool(figures or signals.EXPLAINS.search(rest)) and specific_reason(rest)
        if reasoned:
            add("reasoned", s)
        if len(figures) >= 2 and signals.ARITHMETIC.search(s.text):
            add("arithmetic", s)
        if signals.ENDPOINT.search(s.text):
            add("endpoint", s)
        if (
            s.words >= 4
            and signals.CONTRACT.search(s.text)
            and (signals.ENDPOINT.search(s.text) or signals.IDENTIFIER.search(s.text) or "{" in s.text)
        ):
            add("contract", s)
        if (
            s.words >= 4
            and signals.SCHEMA.search(s.text)
            and (signals.IDENTIFIER.search(s.text) or "->" in s.text or "key" in s.text.lower())
        ):
            add("schema", s)
        if not s.substantive:
            continue
        if signals.ALTERNATIVE.search(s.text) and reasoned:
            add("trade_off", s)
        if signals.FAILURE.search(s.text) and reasoned:
            add("failure", s)
        if design_phases is None or s.phase in design_phases:
            if figures:
                add("numbers_in_design", s)
            kinds = [name for name, pattern in signals.COMPONENTS.items() if pattern.search(s.text)]
            for kind in kinds:
                add(f"component:{kind}", s)
            if kinds and signals.FLOW.search(s.text):
                add("flow", s)
        if (deep_phases is None or s.phase in deep_phases) and signals.BOTTLENECK.search(s.text) and reasoned:
            add("bottleneck", s)
    for turn in transcript.candidate:
        for s in turn.sentences:
            if signals.SIGNPOST.search(s.text) and not s.listy and (s.turn, s.start) not in excluded:
                add("signpost", s)
                break
        for s in turn.sentences:
            if signals.CHECK_IN.search(s.text):
                add("check_in", s)
                break
    return out, facts_asked


def wrong_figure_sentences(transcript: Transcript, estimates: list[EstimateEvidence]) -> set[tuple[int, int]]:
    """(turn, sentence start) of each sentence holding a figure that is off the reference."""
    out: set[tuple[int, int]] = set()
    for est in estimates:
        if est.check.within_tolerance is not False or est.check.turn is None:
            continue
        for ct in transcript.candidate:
            if ct.turn == est.check.turn:
                out.update((ct.turn, s.start) for s in ct.sentences if s.start <= est.start < s.end)
    return out


def collect(scenario: Scenario, transcript: Transcript) -> Evidence:
    """All evidence for one transcript."""
    sentence_hits = concept_hits(scenario, transcript)
    reading = collect_concepts(scenario, transcript, sentence_hits)
    estimates = collect_estimates(scenario, transcript)
    wrong_figures = wrong_figure_sentences(transcript, estimates)
    excluded = reading.wrong | reading.thin | wrong_figures
    found_signals, facts_asked = collect_signals(scenario, transcript, sentence_hits, excluded)
    found_signals.update(collect_staff(transcript, excluded))
    return Evidence(
        transcript=transcript,
        concepts=reading.concepts,
        estimates=estimates,
        signals=found_signals,
        facts_asked=facts_asked,
        phrase_hits=reading.phrase_hits,
        listed_hits=reading.listed_hits,
        thin_hits=reading.thin_hits,
        excluded=excluded,
        wrong_figures=wrong_figures,
    )
