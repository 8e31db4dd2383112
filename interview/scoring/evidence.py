"""Evidence read from the candidate's turns: concepts explained, figures checked, signals heard.

Concepts are read in `concepts` (explained only for a right reason; misconceptions make them
wrong). Sentences that state a misconception, hold a wrong figure or only praise a term are
never positive evidence here: they raise no signals and are never quoted as strengths.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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
from interview.scoring.report import EstimateCheck, SaidFigure
from interview.scoring.staff import collect_staff
from interview.scoring.turns import Sentence, Transcript
from interview.text.matching import mentions
from interview.text.numbers import find_figures
from interview.understanding.reading import read_turn
from interview.understanding.references import attempts

if TYPE_CHECKING:
    from interview.scoring.board import BoardEvidence

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
    board: BoardEvidence | None = None  # the final whiteboard (scoring/board.py), set by `analyse`

    def signal(self, kind: str) -> list[Sentence]:
        return self.signals.get(kind, [])

    @property
    def corrections(self) -> list[Correction]:
        """Every misconception heard, in transcript order."""
        found = [c for ev in self.concepts.values() for c in ev.corrections]
        return sorted(found, key=lambda c: (c.sentence.turn, c.sentence.start))


def _asked(transcript: Transcript, turn: int) -> str | None:
    """The estimate the interviewer asked for just before this candidate turn, if any."""
    if turn <= 0:
        return None
    before = transcript.turns[turn - 1]
    if before.role != "interviewer":
        return None
    asked = before.data.get("estimate")
    return asked if isinstance(asked, str) else None


def estimate_check(est: Estimate, **said: Any) -> EstimateCheck:
    """The report's row for a reference figure: the reference, and `said` (what the candidate
    said of it, by EstimateCheck field; nothing yet unless given). Drills fill it from their checks."""
    return EstimateCheck(
        id=est.id,
        label=est.label,
        reference=est.value,
        unit=est.unit,
        tolerance=est.tolerance,
        derivation=est.derivation,
        **said,
    )


def collect_estimates(scenario: Scenario, transcript: Transcript) -> list[EstimateEvidence]:
    """For each reference figure, the candidate's attempt: the latest within tolerance, else the latest.

    Figures are read by `understanding.references.attempts` (the interviewer's reader too):
    figures offered as questions, restated given figures and derived references do not count.
    Every figure given is kept in `check.history`, so a corrected slip stays in the report.
    """
    by_id = {est.id: EstimateEvidence(est, estimate_check(est)) for est in scenario.estimates}
    if not scenario.estimates:
        return []
    for turn in transcript.candidate:
        for attempt in attempts(turn.text, scenario, _asked(transcript, turn.turn)):
            est, fig = attempt.estimate, attempt.worked.figure
            if attempt.derived or attempt.question or attempt.given or est.id not in by_id:
                continue
            if turn.phase == "requirements" and fig.unit != est.unit:
                continue  # restating the brief ("100M a month") is not estimating a rate
            ev = by_id[est.id]
            value, ok = attempt.value, attempt.ok
            said = turn.original[fig.start : fig.end]
            ev.check.history.append(
                SaidFigure(
                    said=said,
                    value=round(value, 6),
                    turn=turn.turn,
                    within_tolerance=ok,
                    challenged=_challenged(transcript, turn.turn, est.id),
                )
            )
            ev.attempts += 1
            exact = fig.unit == est.unit
            if ev.check.within_tolerance and (ev.exact or not (ok and exact)):
                continue  # keep the first right answer, preferring one stated in the reference's unit
            ev.check.said = said
            ev.check.said_value = round(value, 6)
            ev.check.turn = turn.turn
            ev.check.within_tolerance = ok
            ev.check.assumed = [a.said for a in attempt.assumed]
            ev.start, ev.end = fig.start, fig.end
            ev.exact = exact
    return [by_id[e.id] for e in scenario.estimates]


def _challenged(transcript: Transcript, turn: int, estimate: str) -> bool:
    """Whether the interviewer's next turn challenged a figure for this estimate."""
    if turn + 1 >= len(transcript.turns):
        return False
    data = transcript.turns[turn + 1].data or {}
    return data.get("move") == "challenge" and data.get("estimate") == estimate


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
        fished = bool(figures) and _fished(s.text)  # "is it about 40/s?" asks; it reasons nothing out
        reasoned = (
            not fished
            and s.substantive
            and bool(figures or signals.EXPLAINS.search(rest))
            and specific_reason(rest)
        )
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
            kept = not s.listy and (s.turn, s.start) not in excluded
            if signals.SIGNPOST.search(s.text) and kept and not (find_figures(s.text) and _fished(s.text)):
                add("signpost", s)
                break
        for s in turn.sentences:
            if signals.CHECK_IN.search(s.text) and not (find_figures(s.text) and _fished(s.text)):
                add("check_in", s)
                break
    return out, facts_asked


_FISHING_WORDS = 12  # "So about 40 a second, right?" fishes; a long worked sentence ending "right?" reasons


def _fished(sentence: str) -> bool:
    """A figure offered as a question or for approval ("Is it about 40/s?"), read by the turn reader."""
    if "?" not in sentence:
        return False
    reading = read_turn(sentence)
    short = len(sentence.split()) <= _FISHING_WORDS
    return reading.has("question") or (reading.has("approval_seeking") and short)


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
