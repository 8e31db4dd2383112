"""A drill as a stored session: questions put, answers checked, a tally, a report at the end.

A drill is a `SessionRecord` with `kind` drill_estimation | drill_criterion | redo, and events
like an interview's (so history, show, search, export and resume work on it). Its first event
(system `notice`) holds the `DrillSpec` in `data["drill"]`, so a resumed drill re-plans the same
questions; each interviewer event carries `data["move"] == "drill"` and the question `key`,
each check `data["check"]`. Scored on its one criterion: the estimation drill from its tally,
the others by the offline scorer over a rubric reduced to that criterion.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from interview.catalog.models import Rubric, Scenario
from interview.drills.checks import Check, check_answer, reference_text
from interview.drills.plan import DRILL_MINUTES, DrillQuestion, DrillSpec, one_criterion, plan
from interview.engine.clock import Clock, RealClock, VirtualClock, typing_seconds
from interview.engine.factory import OFFLINE, catalog_parts, new_record
from interview.engine.records import Event, SessionRecord
from interview.engine.session import DEFAULT_WPM
from interview.scoring.evidence import estimate_check
from interview.scoring.report import CriterionScore, Feedback, Report

if TYPE_CHECKING:
    from interview.catalog import Catalog
    from interview.store import Store

__all__ = ["DrillError", "DrillSession", "resume_drill", "start_drill"]

KIND_TITLES = {
    "drill_estimation": "Estimation drill",
    "drill_criterion": "Criterion drill",
    "redo": "Redo",
}


class DrillError(ValueError):
    """A drill cannot start or resume; the message is one user-facing line."""


def _phase(scenario: Scenario, spec: DrillSpec) -> str:
    """The scenario phase a drill's turns belong to (where that criterion is usually shown)."""
    ids = [p.id for p in scenario.phases]
    wanted = "estimation" if spec.criterion == "estimation" else "deep_dive"
    return wanted if wanted in ids else ids[-1]


class DrillSession:
    """One drill being played; every event is stored as it happens when a store is given."""

    def __init__(
        self,
        record: SessionRecord,
        scenario: Scenario,
        rubric: Rubric,
        spec: DrillSpec,
        *,
        clock: Clock,
        store: Store | None = None,
        events: list[Event] | None = None,
    ) -> None:
        self.record = record
        self.scenario = scenario
        self.rubric = rubric
        self.spec = spec
        self.clock = clock
        self.store = store
        self.events: list[Event] = list(events or [])
        self.questions: list[DrillQuestion] = plan(spec, scenario)
        self.phase = _phase(scenario, spec)
        self.checks: list[Check] = []
        answers = [e for e in self.events if e.role == "candidate"]
        for question, answer in zip(self.questions, answers, strict=False):
            self.checks.append(check_answer(question, answer.text, scenario))
        self.index = len(answers)

    # ------------------------------------------------------------------ state

    @property
    def budget_s(self) -> float:
        return DRILL_MINUTES.get(self.spec.kind, 5.0) * 60.0

    @property
    def remaining_s(self) -> float:
        return self.budget_s - self.clock.now()

    @property
    def finished(self) -> bool:
        return self.record.status != "in_progress"

    @property
    def current(self) -> DrillQuestion | None:
        return self.questions[self.index] if self.index < len(self.questions) else None

    @property
    def title(self) -> str:
        if self.spec.kind == "drill_criterion":
            return f"{self.criterion_name} drill"
        return KIND_TITLES.get(self.spec.kind, "Drill")

    @property
    def criterion_name(self) -> str:
        found = next((c for c in self.rubric.criteria if c.id == self.spec.criterion), None)
        return found.name if found is not None else self.spec.criterion

    def tally(self) -> tuple[int, int]:
        """(right, counted) so far: estimation answers right out of those given or missed."""
        counted = [c for c in self.checks if c.counted]
        return sum(c.right for c in counted), len(counted)

    def tally_text(self) -> str:
        right, counted = self.tally()
        if self.spec.kind != "drill_estimation":
            return f"{len(self.checks)} of {len(self.questions)} answered"
        return f"{right} of {counted} right"

    # ------------------------------------------------------------------ events

    def _add(self, role: str, kind: str, text: str = "", data: dict[str, Any] | None = None) -> Event:
        event = Event(
            seq=len(self.events),
            role=role,  # type: ignore[arg-type]
            kind=kind,  # type: ignore[arg-type]
            phase=self.phase,
            elapsed_s=round(self.clock.now(), 3),
            text=text,
            data=data or {},
            at=datetime.now(UTC),
        )
        if self.store is not None:
            self.store.append_event(self.record.id, event)
        self.events.append(event)
        return event

    def _ask(self, lead: str = "", check: Check | None = None) -> str:
        """Say `lead` (an intro or the check of the last answer), then put the current question.

        Each is its own interviewer event, so a report quoting "the question that exposed it"
        quotes the question alone.
        """
        if lead:
            data: dict[str, Any] = {"move": "drill_check" if check else "drill_intro"}
            if check is not None:
                data["check"] = check.model_dump()
            self._add("interviewer", "say", lead, data)
        question = self.current
        if question is None:
            return lead
        data = {"move": "drill", "key": question.key, "index": self.index, "of": len(self.questions)}
        self._add("interviewer", "say", question.text, data)
        number = f"Question {self.index + 1} of {len(self.questions)}. "
        return f"{lead}\n\n{number}{question.text}".strip()

    def opening(self) -> str:
        """The drill's first words (the intro and the first question); stored once."""
        if any(e.role == "interviewer" for e in self.events):
            if self.current is None:
                return ""
            asked = [e for e in self.events if e.data.get("move") == "drill"]
            return asked[-1].text if asked else ""
        minutes = DRILL_MINUTES.get(self.spec.kind, 5.0)
        if not self.events:
            self._add(
                "system", "notice", f"{self.title}: {minutes:g} minutes", {"drill": self.spec.model_dump()}
            )
        if not self.questions:
            self.end("abandoned")
            return "This scenario has nothing to drill for that criterion."
        intro = {
            "drill_estimation": f"Estimation drill, {minutes:g} minutes: I give you the inputs, you work out "
            "the result. Show your working; I'll check each step.",
            "drill_criterion": f"{self.title}, {minutes:g} minutes, on {self.scenario.title}. "
            f"Only {self.criterion_name.lower()} questions; you're scored on that alone.",
            "redo": f"A {minutes:g}-minute redo of one question you found hard: {self.spec.title}".rstrip(
                ": "
            )
            + ".",
        }[self.spec.kind]
        return self._ask(intro)

    def send(self, text: str) -> str:
        """Take one answer (or /next to skip, /end to stop); returns what the interviewer says."""
        if self.finished:
            raise DrillError("this drill is over")
        command = text.strip()
        if command == "/end":
            self._add("candidate", "command", "/end")
            return self.end()
        question = self.current
        if question is None:
            return self.end()
        if isinstance(self.clock, VirtualClock):
            self.clock.advance(typing_seconds(text, self.record.wpm or DEFAULT_WPM))
        kind = "command" if command in ("/next", "/skip") else "answer"
        self._add("candidate", kind, text)
        check = check_answer(question, text, self.scenario)
        self.checks.append(check)
        self.index += 1
        lead = check.feedback
        if self.spec.kind == "drill_estimation" and check.counted:
            lead += f" Tally: {self.tally_text()}."
        if self.current is None or self.remaining_s <= 0:
            why = "That's time." if self.current is not None else "That's the last one."
            self._add(
                "interviewer",
                "say",
                f"{lead} {why}".strip(),
                {"move": "drill_check", "check": check.model_dump()},
            )
            return f"{lead} {why}\n\n{self.end()}".strip()
        return self._ask(lead, check)

    def end(self, status: str = "completed") -> str:
        """Stop the drill; returns the closing words (the derivations, for an estimation drill)."""
        if self.finished:
            return ""
        closing = self.closing() if self.questions else ""
        if closing:  # the tally and the derivations are part of the transcript
            self._add("interviewer", "say", closing, {"move": "drill_end"})
        self._add("system", "end", "", {"reason": status})
        self.record.status = status  # type: ignore[assignment]
        self.record.ended_at = datetime.now(UTC)
        self.record.elapsed_s = self.clock.now()
        if self.store is not None:
            self.store.update_session(
                self.record.id, status=status, ended_at=self.record.ended_at, elapsed_s=self.record.elapsed_s
            )
        return closing

    def closing(self) -> str:
        """The tally and, for estimation questions, each reference derivation."""
        lines = [f"{self.title} over: {self.tally_text()}."]
        for question, check in zip(self.questions, self.checks, strict=False):
            if question.estimate is None:
                continue
            ref = reference_text(question, self.scenario)
            mark = {"right": "right", "wrong": f"you said {check.said}", "skipped": "skipped"}.get(
                check.verdict, "no figure"
            )
            lines.append(
                f"- {question.ask.removesuffix(' Show your working.')} ({mark}): "
                f"{question.derivation} [{ref}]"
            )
        return "\n".join(lines)

    # ------------------------------------------------------------------ scoring

    def score(self) -> Report:
        """The drill's report: graded on its one criterion only."""
        if self.spec.kind == "drill_estimation":
            return self._score_estimation()
        from interview.scoring import score_offline

        return self.focus(score_offline(self.record, self.events))

    def focus(self, report: Report) -> Report:
        """A scorer's report of this drill, about its one criterion: no estimates or phase times
        unless it is about estimation, and a summary that says what was drilled."""
        graded = next((c for c in report.criteria if c.id == self.spec.criterion), None)
        grade = f"{graded.score}/4" if graded is not None else "not graded"
        summary = f"{self.title}: {grade}. {graded.why if graded is not None else ''}".strip()
        feedback = report.feedback.model_copy(update={"summary": summary, "time": []})
        estimates = report.estimates if self.spec.criterion == "estimation" else []
        extra = {**report.extra, "drill": self.spec.model_dump()}
        return report.model_copy(update={"feedback": feedback, "estimates": estimates, "extra": extra})

    def _score_estimation(self) -> Report:
        right, counted = self.tally()
        share = right / counted if counted else 0.0
        grade = 1 + int(3 * share + 1e-9)  # all right: 4; three in four: 3; half: 2
        criterion = next((c for c in self.rubric.criteria if c.id == "estimation"), None)
        checks = []
        by_id = {e.id: e for e in self.scenario.estimates}
        candidate_turns = [
            i for i, e in enumerate([e for e in self.events if e.is_turn]) if e.role == "candidate"
        ]
        for n, (question, check) in enumerate(zip(self.questions, self.checks, strict=False)):
            est = by_id.get(question.estimate or "")
            if est is None:
                continue
            checks.append(
                estimate_check(
                    est,
                    said=check.said,
                    said_value=check.said_value,
                    turn=candidate_turns[n] if n < len(candidate_turns) else None,
                    within_tolerance=None if check.said_value is None else check.right,
                )
            )
        missed = [c.label for c in checks if not c.within_tolerance]
        return Report(
            overall=round(100 * share, 1),
            verdict="insufficient_evidence" if not counted else ("hire" if share >= 0.75 else "no_hire"),
            level=self.record.level,
            criteria=[
                CriterionScore(
                    id="estimation",
                    name=criterion.name if criterion else "Estimation",
                    weight=criterion.weight if criterion else 1.0,
                    score=grade,
                    why=f"{right} of {counted} estimates within tolerance.",
                    missing=missed,
                    insufficient_evidence=not counted,
                )
            ],
            estimates=checks,
            feedback=Feedback(summary=f"Estimation drill: {right} of {counted} right."),
            scorer="offline",
            rubric_id=self.rubric.id,
            scored_at=datetime.now(UTC),
            extra={"drill": self.spec.model_dump(), "tally": {"right": right, "counted": counted}},
        )


def start_drill(
    catalog: Catalog,
    scenario_id: str,
    spec: DrillSpec,
    *,
    level: str | None = None,
    model: str | None = None,
    seed: int | None = None,
    clock: Clock | None = None,
    store: Store | None = None,
    wpm: float | None = None,
) -> DrillSession:
    """Start a drill on a catalog scenario (a VirtualClock makes it headless)."""
    scenario, persona, rubric, level = catalog_parts(catalog, scenario_id, None, level, error=DrillError)
    try:
        reduced = one_criterion(rubric, spec.criterion)
    except ValueError as exc:
        names = ", ".join(c.id for c in rubric.criteria)
        raise DrillError(f"{exc}; choose one of {names}") from None
    clock = clock if clock is not None else RealClock()
    record = new_record(
        scenario,
        reduced,
        persona,
        model=model or OFFLINE,
        level=level,
        seed=seed,
        clock=clock,
        wpm=wpm,
        kind=spec.kind,
    )
    if store is not None:
        store.create_session(record)
    return DrillSession(record, scenario, reduced, spec, clock=clock, store=store)


def resume_drill(store: Store, session_id: str, *, clock: Clock | None = None) -> DrillSession:
    """Continue a stored drill in progress: the same questions, the answers so far re-checked."""
    record = store.get_session(session_id)
    if record.kind == "interview":
        raise DrillError(f"session {record.id[:12]} is an interview, not a drill")
    if record.status != "in_progress":
        raise DrillError(f"drill {record.id[:12]} is {record.status.replace('_', ' ')}; it cannot be resumed")
    events = store.events(record.id)
    spec_data = next((e.data.get("drill") for e in events if "drill" in e.data), None)
    if spec_data is None:
        raise DrillError(f"drill {record.id[:12]} has no stored plan")
    start = max([record.elapsed_s, *(e.elapsed_s for e in events)])
    if clock is None:
        clock = VirtualClock(start) if record.clock == "virtual" else RealClock(start)
    elif isinstance(clock, VirtualClock):
        clock.set(max(clock.now(), start))
    scenario = Scenario.model_validate(record.scenario)
    rubric = Rubric.model_validate(record.rubric)
    spec = DrillSpec.model_validate(spec_data)
    return DrillSession(record, scenario, rubric, spec, clock=clock, store=store, events=events)
