"""Feedback that teaches: top improvements with a model answer, time per phase, strengths."""

from __future__ import annotations

import re

from interview.catalog.models import Scenario
from interview.engine.records import Event, SessionRecord
from interview.scoring.criteria import CriterionResult, concept_name, criterion_kind
from interview.scoring.evidence import Evidence
from interview.scoring.report import Improvement, PhaseTime
from interview.scoring.turns import Transcript
from interview.text.matching import mentions
from interview.text.units import format_value

_SPACES = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip().lower()


def phase_seconds(record: SessionRecord, events: list[Event]) -> dict[str, float]:
    """Seconds used per phase: the record's own tally, else derived from event times."""
    if record.phase_times:
        return dict(record.phase_times)
    used: dict[str, float] = {}
    ordered = sorted(events, key=lambda e: e.seq)
    for before, after in zip(ordered, ordered[1:], strict=False):
        used[before.phase] = used.get(before.phase, 0.0) + max(0.0, after.elapsed_s - before.elapsed_s)
    return used


def phase_times(scenario: Scenario, record: SessionRecord, events: list[Event]) -> list[PhaseTime]:
    """Minutes used per phase against the plan."""
    used = phase_seconds(record, events)
    rows = []
    for phase in scenario.phases:
        used_min = round(used.get(phase.id, 0.0) / 60.0, 2)
        rows.append(
            PhaseTime(
                id=phase.id,
                planned_min=phase.minutes,
                used_min=used_min,
                overtime_min=round(max(0.0, used_min - phase.minutes), 2),
            )
        )
    return rows


def time_adherence(rows: list[PhaseTime]) -> float | None:
    """1.0 when every phase kept to its plan; lower with overtime and skipped phases. None if untimed."""
    used_total = sum(r.used_min for r in rows)
    planned_total = sum(r.planned_min for r in rows)
    if used_total <= 0 or planned_total <= 0:
        return None
    overtime = sum(r.overtime_min for r in rows) / planned_total
    skipped = sum(r.planned_min for r in rows if r.used_min <= 0) / planned_total
    return max(0.0, 1.0 - 1.5 * overtime - skipped)


def _exposed_by(
    transcript: Transcript,
    concept_id: str | None,
    probe: str | None,
    phrases: list[str],
    phase: str | None,
    topic_text: str = "",
) -> str | None:
    """The interviewer question that exposed a gap: the concept's probe, else one on the topic."""
    interviewer = transcript.interviewer
    if concept_id:
        for _, event in interviewer:
            if event.data.get("concept") == concept_id:
                return event.text.strip()
    if probe:
        needle = _norm(probe)[:60]
        for _, event in interviewer:
            if needle and needle in _norm(event.text):
                return event.text.strip()
    if phrases:
        for _, event in interviewer:
            if "?" in event.text and mentions(_own_words(event.text), phrases):
                return event.text.strip()
    if phase:
        asked = [
            e for _, e in interviewer if e.phase == phase and "?" in e.text and e.data.get("move") != "hint"
        ]
        if asked:
            # the question in that phase closest to the topic (most shared words); else the first
            topic = _words(" ".join([probe or "", *phrases, topic_text]))
            best = max(asked, key=lambda e: (len(topic & _words(_own_words(e.text))), -asked.index(e)))
            # An unrelated question is worse than none: it would claim a link that isn't there.
            if len(topic & _words(_own_words(best.text))) >= SHARED_WORDS:
                return best.text.strip()
    return None


_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def _own_words(text: str) -> str:
    """The interviewer's own words: the candidate's words it quoted back ("You said “Kafka”") removed,
    so an echo never makes a question look like it was about the echoed topic."""
    return _QUOTED.sub(" ", text)


_WORD = re.compile(r"[a-z][a-z0-9.]{3,}")
SHARED_WORDS = 3
"""Topic words a question must share to be named as the one that exposed a gap.

Two ("live", "codes") is a coincidence, not a question on the topic."""


_STOP = frozenset(
    "what when where which does with that this your from have would there their them then they "
    "about into more most much many will into than just like make also been were each only".split()
)


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower())) - _STOP


PHASE_FOR_KIND = {
    "requirements": "requirements",
    "estimation": "estimation",
    "api_and_data_model": "high_level_design",
    "high_level_design": "high_level_design",
    "deep_dive": "deep_dive",
    "reliability": "deep_dive",
    "trade_offs": "deep_dive",
    "communication": "wrap_up",
}


def _phase_for(kind: str | None) -> str | None:
    """The phase where a criterion's gaps show; its last question there followed the weak spot."""
    return PHASE_FOR_KIND.get(kind or "")


def improvements(
    results: list[CriterionResult], ev: Evidence, scenario: Scenario, level: str
) -> list[Improvement]:
    """The three changes that would most raise the grade, each with what a strong answer says."""
    candidates: list[tuple[float, Improvement]] = []
    for result in results:
        if result.score >= 4:
            continue
        gap = (4 - result.points) * result.criterion.weight
        kind = criterion_kind(result.criterion)
        concepts = [c for c in scenario.concepts if c.id in result.weak_concepts]
        # a misconception outranks a gap: the candidate believes something wrong
        concepts.sort(key=lambda c: not ev.concepts[c.id].corrections)
        for rank, concept in enumerate(concepts[:2]):
            covered = ev.concepts[concept.id]
            label = concept_name(concept)
            if covered.corrections:
                title = f"Correct a misconception about {label}: {covered.corrections[0].hit.correction}"
            else:
                title = f"{'Explain' if covered.mentions else 'Cover'} {label}: {concept.probe}"
            urgency = 2.0 if covered.corrections else 1.0
            candidates.append(
                (
                    urgency * gap * concept.weight / (1 + rank),
                    Improvement(
                        title=title,
                        criterion=result.criterion.id,
                        concept=concept.id,
                        strong_answer=concept.strong_answer,
                        exposed_by=_exposed_by(
                            ev.transcript,
                            concept.id,
                            concept.probe,
                            concept.phrases,
                            _phase_for(kind),
                            concept.strong_answer,
                        ),
                    ),
                )
            )
        if kind == "estimation":
            for est in ev.estimates:
                if est.check.within_tolerance:
                    continue
                said = f" (you said {est.check.said})" if est.check.said else ""
                candidates.append(
                    (
                        gap * 0.8,
                        Improvement(
                            title=f"Estimate {est.estimate.label}{said}",
                            criterion="estimation",
                            strong_answer=est.estimate.derivation
                            or f"About {format_value(est.estimate.value, est.estimate.unit)}.",
                            exposed_by=_exposed_by(
                                ev.transcript, None, None, list(est.estimate.about), "estimation"
                            ),
                        ),
                    )
                )
                break
        if not concepts and kind != "estimation":
            expectation = getattr(result.criterion.expectations, level, result.criterion.expectations.senior)
            candidates.append(
                (
                    gap * 0.7,
                    Improvement(
                        title=f"Strengthen {result.criterion.name}: "
                        + first_sentence(result.criterion.looks_for),
                        criterion=result.criterion.id,
                        strong_answer=expectation,
                        exposed_by=None,
                    ),
                )
            )
    candidates.sort(key=lambda item: -item[0])
    chosen: list[Improvement] = []
    per_criterion: dict[str, int] = {}
    for _, item in candidates:
        if per_criterion.get(item.criterion, 0) >= 2:
            continue
        chosen.append(item)
        per_criterion[item.criterion] = per_criterion.get(item.criterion, 0) + 1
        if len(chosen) == 3:
            break
    return chosen


def first_sentence(text: str) -> str:
    """The first sentence of a description."""
    return text.split(". ")[0].rstrip(".") + "."


def strengths(results: list[CriterionResult]) -> list[str]:
    """What went well, strongest first."""
    good = sorted((r for r in results if r.score >= 3 and not r.insufficient), key=lambda r: -r.points)
    out = []
    for r in good[:3]:
        notes = [
            c.note for c in sorted(r.components, key=lambda c: -c.weight * c.value) if c.note and c.value > 0
        ]
        out.append(f"{r.criterion.name}: {notes[0]}." if notes else f"{r.criterion.name}.")
    return out
