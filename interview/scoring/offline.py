"""The offline scorer: a Report from the record and its events, with no model and no network."""

from __future__ import annotations

from datetime import UTC, datetime

from interview.catalog.models import LEVELS, VERDICT_SCALE, Rubric, Scenario
from interview.engine.records import Event, SessionRecord
from interview.engine.transcript import hints_used
from interview.scoring import board, feedback, unanswered
from interview.scoring.criteria import CriterionResult, score_criterion
from interview.scoring.evidence import Evidence, collect
from interview.scoring.guard import find_grader_text
from interview.scoring.paraphrases import phrases_for
from interview.scoring.report import Correction, CriterionScore, Feedback, Flag, Quote, Report
from interview.scoring.turns import Transcript, build_transcript, trim_quote
from interview.text.units import format_value

MIN_WORDS = 100
"""Below this many candidate words there is too little to judge."""
CRITICAL_WEIGHT_SHARE = 0.15
"""A criterion carrying at least this share of the weight is critical: a 1 there caps the verdict."""
CAPPED_VERDICT = "lean_no_hire"
THIN_FLAG = 3
"""Short sentences of praise around key terms, across the session, that make thin stuffing."""


def overall_from(results: list[tuple[float, float]]) -> float:
    """Weighted 0-100 overall from (weight, points 1..4) pairs."""
    total = sum(w for w, _ in results)
    if not total:
        return 0.0
    return round(100.0 * sum(w * (p - 1.0) / 3.0 for w, p in results) / total, 1)


def verdict_for(
    rubric: Rubric, level: str, overall: float, scores: list[tuple[float, int]], words: int
) -> str:
    """The verdict an overall earns at a level; a 1 on a critical criterion caps it at lean_no_hire."""
    if words < MIN_WORDS:
        return "insufficient_evidence"
    thresholds = getattr(rubric.verdicts, level, rubric.verdicts.senior)
    verdict = thresholds.verdict_for(overall)
    total = sum(w for w, _ in scores) or 1.0
    if any(score == 1 and w / total >= CRITICAL_WEIGHT_SHARE for w, score in scores):
        if VERDICT_SCALE.index(verdict) > VERDICT_SCALE.index(CAPPED_VERDICT):
            verdict = CAPPED_VERDICT
    return verdict


def quote_for(transcript: Transcript, turn: int, start: int, end: int) -> Quote:
    """A verbatim quote of a span of a turn."""
    return Quote(turn=turn, quote=trim_quote(transcript.turns[turn].text[start:end]))


def why_line(result: CriterionResult) -> str:
    """One line: what was seen, and the biggest gap."""
    if result.insufficient:
        return "No evidence for this in the transcript."
    ranked = sorted(result.components, key=lambda c: -c.weight * c.value)
    notes = [c.note for c in ranked if c.note and c.value > 0][:2]
    notes = [c.note for c in ranked if c.note and c.shown and c.note not in notes][:1] + notes
    line = "; ".join(notes) if notes else "Little evidence"
    absent = [m for m in result.missing if " (" not in m]  # named or wrong concepts are in the notes
    if absent:
        line += "; missing: " + ", ".join(absent[:2])
    return line[0].upper() + line[1:] + "."


def _level(record: SessionRecord, scenario: Scenario) -> str:
    return record.level if record.level in LEVELS else scenario.level


def analyse(record: SessionRecord, events: list[Event]) -> tuple[Scenario, Rubric, Evidence, list[Flag]]:
    """Read the snapshots and the evidence (shared by the offline scorer and the judge)."""
    scenario = Scenario.model_validate(record.scenario)
    rubric = Rubric.model_validate(record.rubric)
    blank, flags = find_grader_text(events)
    transcript = build_transcript(events, blank)
    ev = collect(scenario, transcript)
    ev.board = board.read(record, events)
    if ev.board is not None:
        board_concepts(ev, ev.board)
    return scenario, rubric, ev, flags


def board_concepts(ev: Evidence, drawn: board.BoardEvidence) -> None:
    """Concepts drawn as boxes joined by arrows and never said: a little credit, marked drawn."""
    phrases = {cid: list(phrases_for(c.concept)) for cid, c in ev.concepts.items()}
    for cid in board.drawn_concepts(drawn, phrases):
        concept = ev.concepts[cid]
        concept.drawn = True
        if not concept.corrections and concept.credit < board.DRAWN_CREDIT:
            concept.credit = board.DRAWN_CREDIT


def score_offline(record: SessionRecord, events: list[Event]) -> Report:
    """Grade a session from its transcript alone: pure, deterministic, no model."""
    scenario, rubric, ev, flags = analyse(record, events)
    level = _level(record, scenario)
    times = feedback.phase_times(scenario, record, events)
    adherence = feedback.time_adherence(times)
    results = [score_criterion(c, ev, scenario, level, adherence) for c in rubric.criteria]
    words = ev.transcript.candidate_words
    overall = overall_from([(r.criterion.weight, r.points) for r in results])
    verdict = verdict_for(rubric, level, overall, [(r.criterion.weight, r.score) for r in results], words)
    named = [c for c in ev.concepts.values() if c.mentions]
    unexplained = [c for c in named if c.credit < 0.5]
    corrections = [
        Correction(
            turn=c.sentence.turn,
            quote=trim_quote(ev.transcript.original(c.sentence)),
            correction=c.hit.correction,
            concept=c.hit.concept,
        )
        for c in ev.corrections
    ]
    flags.extend(
        Flag(kind="misconception", message=f"Wrong: {c.correction}", turn=c.turn, quote=c.quote)
        for c in corrections
    )
    corrections += figure_corrections(ev)
    if ev.thin_hits >= THIN_FLAG:
        flags.append(
            Flag(
                kind="thin_stuffing",
                message=f"{ev.thin_hits} key terms were dropped into short sentences of praise with no "
                "reason; they earned nothing.",
            )
        )
    if ev.phrase_hits >= 6 and ev.listed_hits >= 0.5 * ev.phrase_hits:
        flags.append(
            Flag(
                kind="keyword_list",
                message=f"{ev.listed_hits} of {ev.phrase_hits} key terms came in lists without explanation; "
                "they earned almost no credit.",
            )
        )
    elif len(named) >= 6 and len(unexplained) >= 0.6 * len(named):
        flags.append(
            Flag(
                kind="unexplained_terms",
                message=f"{len(unexplained)} of {len(named)} key concepts were named without a specific "
                "reason, number or consequence; they earned little credit.",
            )
        )
    criteria = [
        CriterionScore(
            id=r.criterion.id,
            name=r.criterion.name,
            weight=r.criterion.weight,
            score=r.score,
            why=why_line(r),
            evidence=[quote_for(ev.transcript, *span) for span in r.quotes],
            missing=r.missing,
            insufficient_evidence=r.insufficient,
        )
        for r in results
    ]
    report = Report(
        overall=overall,
        verdict=verdict,
        level=level,
        criteria=criteria,
        estimates=[e.check for e in ev.estimates],
        feedback=Feedback(
            summary=summary_line(verdict, overall, level, results, words),
            strengths=feedback.strengths(results),
            improvements=feedback.improvements(results, ev, scenario, level),
            time=times,
            hints_used=hints_used(events),
        ),
        flags=flags,
        corrections=corrections,
        scorer="offline",
        rubric_id=rubric.id,
        scored_at=datetime.now(UTC),
        extra={"candidate_words": words, "points": {r.criterion.id: round(r.points, 3) for r in results}},
    )
    board.apply(report, ev.board)  # the final whiteboard: quoted, its open findings listed
    unanswered.apply(report, events)  # the questions left dodged or open
    return report


def figure_corrections(ev: Evidence) -> list[Correction]:
    """The sentences holding a figure that is off the reference: corrections, never evidence."""
    out: list[Correction] = []
    for est in ev.estimates:
        check = est.check
        if check.within_tolerance is not False or check.turn is None:
            continue
        sentence = next(
            (
                s
                for t in ev.transcript.candidate
                if t.turn == check.turn
                for s in t.sentences
                if s.start <= est.start < s.end
            ),
            None,
        )
        if sentence is None:
            continue
        reference = format_value(check.reference, check.unit)
        why = f" ({check.derivation})" if check.derivation else ""
        from_inputs = (
            f", which follows from your {' and '.join(check.assumed)}: check that input, not the arithmetic"
            if check.assumed
            else ""
        )
        out.append(
            Correction(
                turn=check.turn,
                quote=trim_quote(ev.transcript.original(sentence)),
                correction=f"{check.label} is about {reference}{why}; you said {check.said}{from_inputs}.",
            )
        )
    return out


def summary_line(verdict: str, overall: float, level: str, results: list[CriterionResult], words: int) -> str:
    """The headline of the report."""
    if verdict == "insufficient_evidence":
        return (
            f"Too little to judge: the candidate said {words} words (at least {MIN_WORDS} are needed "
            "for a hire decision)."
        )
    head = f"{verdict.replace('_', ' ').capitalize()} at {level} level, {overall:.0f}/100."
    top, bottom = max(r.score for r in results), min(r.score for r in results)
    if top == bottom:  # naming a "strongest" among equal grades would mean nothing
        return f"{head} Every criterion scored {top}/4."
    best = max((r for r in results if r.score == top), key=lambda r: r.points).criterion.name
    worst = min((r for r in results if r.score == bottom), key=lambda r: r.points).criterion.name
    return f"{head} Strongest: {best.lower()}; weakest: {worst.lower()}."
