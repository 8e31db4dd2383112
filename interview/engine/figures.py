"""The interviewer's checks on the candidate's numbers, and the challenges it keeps open.

Each figure is read by `understanding.references.attempts` (the same reader the scorer uses).
A right figure is accepted; every wrong one gets its own challenge, pointed at the step of the
working that breaks (engine/figure_steps.py), even when a right figure stands beside it.
Figures the interviewer gave are inputs, never challenged; a figure offered as a question is
neither confirmed nor denied ("Show me how you'd get there").

`FigureLedger` keeps each challenge open until the figure is fixed (a right figure for the
same estimate, with working when the working was asked for), the candidate explicitly keeps
it, or the phase ends. A challenge they move past without answering is put once more. The
ledger is rebuilt on resume by replaying `observe` (and the planner's `commit` of the moves).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from interview.catalog.models import Scenario
from interview.engine.figure_steps import challenge_question, fishing_question, press_question, steps_question
from interview.engine.moves import Move
from interview.engine.planner_state import CHALLENGE_PHASES, FigureCheck, PlannerState
from interview.text.numbers import Figure
from interview.understanding.references import Attempt, attempts, given_figures, is_given
from interview.understanding.working import number_part, read_working

__all__ = ["Challenge", "FigureLedger", "FigureVerdict", "check_figures"]

_KEEP = re.compile(
    r"\b(?:i(?:'ll|\s+will|'m\s+going\s+to|\s+want\s+to)\s+(?:stick|keep|stay)\s+with|i'm\s+(?:sticking|keeping)"
    r"|(?:stick|sticking)\s+with\s+(?:it|that|my)|i\s+stand\s+by|keep\s+(?:it|that|my\s+\w+)\s+as\s+(?:is|it\s+is)"
    r"|i'll\s+keep\s+(?:it|that|my)|leave\s+it\s+(?:at|as))\b",
    re.I,
)


@dataclass
class FigureVerdict(FigureCheck):
    """A checked figure: ok / wrong / asked (offered as a question), and what to ask about it."""

    kind: str = "ok"  # "ok" | "wrong" | "asked"
    question: str = ""  # the interviewer's question about it (wrong / asked)
    value: float = 0.0  # in the estimate's unit
    shown: bool = False  # the working was shown


@dataclass
class Challenge:
    """One wrong figure the interviewer challenged (or will), and what became of it."""

    estimate: str
    raw: str  # the figure as the candidate wrote it
    value: float  # in the estimate's unit
    turn: int  # candidate turn (1-based count) it was said in
    phase: str
    key: str
    question: str
    status: str = "open"  # open | fixed | kept | phase_ended
    fixed_by: str | None = None  # the figure that fixed it
    fixed_turn: int | None = None
    answered: bool = False  # the candidate has had a turn since it was asked
    dodged: bool = False  # ... and said nothing about it (no figure for it, no working, not kept)
    bare: str | None = None  # a right figure given without working after the working was asked for


UNASKED_FOR = 4  # a wrong figure not yet challenged is still raised this many candidate turns later
_WORKING_WORDS = re.compile(
    r"\b(?:multipl\w*|divid\w*|times|because|assum\w*|from|per|so|got|get|came|comes|took|used|based)\b|[×x*/÷=]",
    re.I,
)
_FISHABLE = ("per_second", "per_minute", "per_hour", "per_day", "per_month", "per_year", "bytes", "count")


def _key(prefix: str, estimate: str, raw: str) -> str:
    return f"{prefix}:{estimate}:{' '.join(raw.lower().split())}"


def _judge(
    scenario: Scenario, text: str, asked: str | None = None
) -> tuple[list[Attempt], list[FigureVerdict]]:
    found = attempts(text, scenario, asked)
    lone = sum(1 for w in read_working(text).figures if not w.operand) == 1  # "About 4,000."
    verdicts: list[FigureVerdict] = []
    for a in found:
        if a.given:
            continue  # a number the interviewer gave is an input, not an estimate
        fig: Figure = a.worked.figure
        if a.question:
            key = _key("fish", a.estimate.id, fig.raw)
            verdicts.append(
                FigureVerdict(a.estimate.id, fig.raw, False, "asked", fishing_question(key), a.value)
            )
        elif a.ok:
            verdicts.append(FigureVerdict(a.estimate.id, fig.raw, True, "ok", "", a.value, a.worked.shown))
        elif fig.unit is not None or (a.estimate.id == asked and lone):  # a bare number only as the answer
            key = _key("challenge", a.estimate.id, fig.raw)
            question = challenge_question(a, scenario, found, key)
            verdicts.append(
                FigureVerdict(a.estimate.id, fig.raw, False, "wrong", question, a.value, a.worked.shown)
            )
    matched = {a.worked.figure.start for a in found}
    given = given_figures(scenario)
    for w in read_working(text).figures:  # "Is it about 40 per second?": fished, whatever it is about
        fig = w.figure
        if w.question and fig.start not in matched and fig.unit in _FISHABLE and w.scope != "per_item":
            if not is_given(fig.value, fig.unit, given):
                key = _key("fish", "figure", fig.raw)
                verdicts.append(FigureVerdict("figure", fig.raw, False, "asked", fishing_question(key)))
    return found, verdicts


def _record(st: PlannerState, verdicts: list[FigureVerdict], catalog_ids: set[str]) -> None:
    for v in verdicts:
        if v.estimate not in catalog_ids or v.kind == "asked":
            continue
        st.stated_estimates.add(v.estimate)
        if v.ok:
            st.accepted_estimates.add(v.estimate)
        else:
            st.wrong_figures.setdefault((v.estimate, v.raw), len(st.candidate_text))


def _shown_to_planner(verdicts: list[FigureVerdict]) -> list[FigureCheck]:
    """What the planner's statement sees: no "looks right" while a figure beside it is wrong."""
    if any(not v.ok for v in verdicts):
        return [v for v in verdicts if not v.ok]
    return list(verdicts)


def check_figures(
    scenario: Scenario, st: PlannerState, text: str, fact_figures: dict[str, list[Figure]] | None = None
) -> list[FigureCheck]:
    """Check each stated figure against what it estimates (stateless; see `FigureLedger`)."""
    _found, verdicts = _judge(scenario, text)
    _record(st, verdicts, {e.id for e in scenario.estimates})
    return _shown_to_planner(verdicts)


@dataclass
class FigureLedger:
    """The interviewer's open challenges on figures, in the order they were raised."""

    scenario: Scenario
    challenges: list[Challenge] = field(default_factory=list)
    fished: list[tuple[str, str, int]] = field(default_factory=list)  # (estimate, raw, turn)
    _current: list[FigureVerdict] = field(default_factory=list)
    _asked: str | None = None  # the estimate the interviewer's last turn asked for

    def after_move(self, move: Move) -> None:
        """Remember which estimate the interviewer just asked for ("What's the peak?" "About 100.")."""
        self._asked = move.estimate if move.kind == "ask_estimate" else None

    def observe(self, text: str, phase: str, st: PlannerState) -> list[FigureCheck]:
        """Read one candidate turn's figures; update the open challenges. Returns the planner's checks."""
        turn = len(st.candidate_text)
        for c in self.challenges:
            if c.status == "open" and c.phase != phase:
                c.status = "phase_ended"
        _found, verdicts = _judge(self.scenario, text, self._asked)
        _record(st, verdicts, {e.id for e in self.scenario.estimates})
        self._current = verdicts
        for c in self.challenges:
            if c.status != "open" or c.key not in st.asked or c.answered:
                continue
            c.answered = True  # this turn is the reply to the challenge
            same = [v for v in verdicts if v.estimate == c.estimate and v.kind != "asked"]
            if _KEEP.search(text) and not same:
                c.status = "kept"
            elif not same and not _WORKING_WORDS.search(text) and number_part(c.raw) not in text:
                c.dodged = True
        for v in verdicts:
            if v.kind == "asked":
                self.fished.append((v.estimate, v.raw, turn))
                continue
            if v.ok:
                self._fix(v, turn, st)
            elif not any(c.estimate == v.estimate and c.raw == v.raw for c in self.challenges):
                key = _key("challenge", v.estimate, v.raw)
                self.challenges.append(Challenge(v.estimate, v.raw, v.value, turn, phase, key, v.question))
        return _shown_to_planner(verdicts)

    def _fix(self, v: FigureVerdict, turn: int, st: PlannerState) -> None:
        for c in self.challenges:
            if c.status != "open" or c.estimate != v.estimate:
                continue
            asked_working = c.key in st.asked
            if asked_working and not v.shown:
                c.bare = c.bare or v.raw  # a bare number after "show me the arithmetic" is not yet worked
                continue
            c.status, c.fixed_by, c.fixed_turn = "fixed", v.raw, turn

    def next_challenge(self, phase: str, st: PlannerState) -> Move | None:
        """The next question about a figure: a fished one, a new wrong one, steps, a pass-over, an old one."""
        if phase not in CHALLENGE_PHASES:
            return None
        now = len(st.candidate_text)
        for v in self._current:
            if v.kind == "asked":
                key = _key("fish", v.estimate, v.raw)
                if key not in st.asked:
                    return self._move(phase, key, v.estimate, v.raw, v.question)
        for c in self.challenges:
            if c.status == "open" and c.turn == now and c.key not in st.asked:
                return self._move(phase, c.key, c.estimate, c.raw, c.question)
        for c in self.challenges:
            if c.status == "open" and c.bare is not None and f"{c.key}:steps" not in st.asked:
                return self._move(phase, f"{c.key}:steps", c.estimate, c.bare, steps_question(c.bare, c.key))
        for c in self.challenges:
            if c.status == "open" and c.key not in st.asked and now - c.turn < UNASKED_FOR:
                return self._move(phase, c.key, c.estimate, c.raw, c.question)
        for c in self.challenges:
            if c.status == "open" and c.dodged and c.bare is None and f"{c.key}:again" not in st.asked:
                return self._move(phase, f"{c.key}:again", c.estimate, c.raw, press_question(c.raw, c.key))
        return None

    @staticmethod
    def _move(phase: str, key: str, estimate: str, raw: str, question: str) -> Move:
        return Move(kind="challenge", phase=phase, key=key, estimate=estimate, figure=raw, question=question)

    def open(self) -> list[Challenge]:
        """Challenges still open (for a question ledger)."""
        return [c for c in self.challenges if c.status == "open"]

    def summary(self) -> list[dict[str, object]]:
        """Every challenged figure and what became of it, as plain data."""
        return [asdict(c) for c in self.challenges]
