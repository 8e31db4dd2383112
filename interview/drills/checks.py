"""Checking one drill answer: estimates through the shared estimate reader, worded at the broken step.

The estimate reader (`understanding.references.attempts`) says what each figure estimates and
whether it is within tolerance; `engine.figure_steps.challenge_question` words a wrong figure
at the step of the working that breaks (never the reference). Nothing here re-reads numbers.
"""

from __future__ import annotations

from pydantic import BaseModel

from interview.catalog.models import Scenario
from interview.drills.plan import DrillQuestion
from interview.engine.figure_steps import challenge_question, steps_question
from interview.text.numbers import Figure, find_figures
from interview.text.units import format_value
from interview.understanding.reading import read_turn
from interview.understanding.references import Attempt, attempts

__all__ = ["Check", "check_answer"]


class Check(BaseModel):
    """The verdict on one answer."""

    key: str
    verdict: str  # right | wrong | no_figure | skipped | answered | no_answer
    said: str | None = None  # the candidate's figure as written
    said_value: float | None = None  # in the reference's unit
    feedback: str = ""  # what the interviewer says about it (never the reference, until the end)

    @property
    def right(self) -> bool:
        return self.verdict == "right"

    @property
    def counted(self) -> bool:
        """Counts in the tally: an estimation answer given, missed or skipped."""
        return self.verdict in ("right", "wrong", "no_figure", "skipped")


def _about(attempt: Attempt, estimate_id: str) -> bool:
    return attempt.estimate.id.split("@", 1)[0] == estimate_id and not attempt.given and not attempt.question


def _restates(attempt: Attempt, inputs: list[Figure]) -> bool:
    """A figure the question gave ("Take the average as 40/s") said back is an input, not a result."""
    fig = attempt.worked.figure
    return any(
        g.unit == fig.unit and abs(g.value - fig.value) <= 0.02 * g.value for g in inputs if g.value > 0
    )


def check_answer(question: DrillQuestion, text: str, scenario: Scenario) -> Check:
    """Check one answer to one drill question."""
    if text.strip() in ("/next", "/skip"):
        verdict = "skipped" if question.estimate is not None else "no_answer"
        return Check(key=question.key, verdict=verdict, feedback="Skipped.")
    if question.estimate is None:
        reading = read_turn(text)
        if reading.has("non_answer") or len(text.split()) < 4:
            return Check(
                key=question.key,
                verdict="no_answer",
                feedback="That's not an answer yet; the report will count it as missing.",
            )
        bare = [
            c.component
            for c in reading.unreasoned
            if not any(r.component == c.component for r in reading.claims if r.reason)
        ]
        if bare:  # the same reading the planner and the scorer use: a component named with no reason
            named = ", ".join(dict.fromkeys(bare[:2]))
            return Check(
                key=question.key,
                verdict="answered",
                feedback=f"Noted. You named {named} without saying why; a reason is what earns credit.",
            )
        return Check(key=question.key, verdict="answered", feedback="Noted.")
    found = attempts(text, scenario, asked=question.estimate)
    bases = {a.worked.base.start for a in found if a.worked.base is not None}
    inputs = find_figures(" ".join(question.given))
    mine = [
        a
        for a in found
        if _about(a, question.estimate)
        and a.worked.figure.start not in bases  # an input of the working, not its result
        and not _restates(a, inputs)
    ]
    if not mine:
        return Check(
            key=question.key,
            verdict="no_figure",
            feedback="I don't see a figure for that in your answer; it counts as missed.",
        )
    chosen = mine[-1]  # the result the answer arrives at
    said_value = chosen.value
    if chosen.ok:
        note = "That holds up."
        if not chosen.worked.shown:
            note += " " + steps_question(chosen.raw, question.key)
        return Check(key=question.key, verdict="right", said=chosen.raw, said_value=said_value, feedback=note)
    return Check(
        key=question.key,
        verdict="wrong",
        said=chosen.raw,
        said_value=said_value,
        feedback="Not quite. " + challenge_question(chosen, scenario, found, question.key),
    )


def reference_text(question: DrillQuestion, scenario: Scenario) -> str:
    """The reference figure of an estimation question, human-formatted ("40/s")."""
    est = next((e for e in scenario.estimates if e.id == question.estimate), None)
    return format_value(est.value, est.unit) if est is not None else ""
