"""Pydantic models for the YAML catalog: scenarios, rubrics and personas.

Every model forbids unknown keys, so a typo in a user's YAML is an error, not a silent no-op.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

Level = Literal["mid", "senior", "staff"]
LEVELS: tuple[Level, ...] = ("mid", "senior", "staff")

PhaseId = Literal["requirements", "estimation", "high_level_design", "deep_dive", "wrap_up"]
PHASE_IDS: tuple[PhaseId, ...] = (
    "requirements",
    "estimation",
    "high_level_design",
    "deep_dive",
    "wrap_up",
)
PHASE_TITLES: dict[str, str] = {
    "requirements": "Requirements",
    "estimation": "Estimation",
    "high_level_design": "High-level design",
    "deep_dive": "Deep dive",
    "wrap_up": "Wrap-up",
}

Unit = Literal[
    "per_second",
    "per_minute",
    "per_hour",
    "per_day",
    "per_month",
    "per_year",
    "bytes",
    "bytes_per_second",
    "count",
    "connections",
    "servers",
    "characters",
    "seconds",
    "milliseconds",
]

Verdict = Literal[
    "strong_no_hire",
    "no_hire",
    "lean_no_hire",
    "lean_hire",
    "hire",
    "strong_hire",
    "insufficient_evidence",
]
VERDICT_SCALE: tuple[str, ...] = (
    "strong_no_hire",
    "no_hire",
    "lean_no_hire",
    "lean_hire",
    "hire",
    "strong_hire",
)

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$", max_length=64)]
KebabId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Phrases = Annotated[list[Text], Field(min_length=1)]


class Strict(BaseModel):
    """Base for catalog models: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=False)


def _duplicates(ids: list[str]) -> list[str]:
    seen: set[str] = set()
    dupes: list[str] = []
    for item in ids:
        if item in seen and item not in dupes:
            dupes.append(item)
        seen.add(item)
    return dupes


# --------------------------------------------------------------------------- scenario


class Phase(Strict):
    """One timed phase of an interview."""

    id: PhaseId
    minutes: float = Field(gt=0, le=240)
    goals: list[Text] = Field(default_factory=list)


class Fact(Strict):
    """A hidden requirement the interviewer reveals when a question asks about its `topic`.

    `topic` is the short noun phrase the fact answers ("message size"); questions are matched
    by what they ask about, so "how long are messages kept" does not reveal the message size.
    `about` lists other words for it ("bytes", "payload"). Without a topic, the id's words are used.
    """

    id: Slug
    topic: str = Field(default="", max_length=80)
    about: Phrases
    answer: Text

    @property
    def subject(self) -> str:
        """The topic, or the id's words when the author gave none."""
        return self.topic.strip() or self.id.replace("_", " ").replace("-", " ")


class Estimate(Strict):
    """A reference back-of-envelope figure the candidate's numbers are checked against."""

    id: Slug
    label: Text
    value: float = Field(gt=0)
    unit: Unit
    tolerance: float = Field(default=3.0, ge=1)
    about: Phrases
    derivation: str = ""  # the arithmetic behind the reference, shown in feedback
    # The derivation as plain arithmetic (numbers, + - * / ** ( ), ceil, log; 1e6 for a million);
    # tests check it lands within `tolerance` of `value`.
    formula: str = ""


def _check_cue(pattern: str) -> str:
    """A reason cue or misconception part is a lowercase regex; refuse one that cannot compile
    or that matches the empty string (it would match every sentence)."""
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a valid pattern {pattern!r}: {exc}") from None
    if compiled.search("") is not None:
        raise ValueError(f"pattern {pattern!r} matches empty text")
    if pattern != pattern.lower():
        raise ValueError(f"pattern {pattern!r} must be lowercase (it is matched against lowercased text)")
    return pattern


Cue = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Misconception(Strict):
    """A wrong claim about a concept: every part of `says` (a lowercase regex) appears in one
    sentence, un-negated. `correction` is the one line that puts it right."""

    says: Annotated[list[Cue], Field(min_length=1, max_length=4)]
    correction: Text

    @field_validator("says")
    @classmethod
    def _patterns(cls, value: list[str]) -> list[str]:
        return [_check_cue(p) for p in value]


class Concept(Strict):
    """Something a strong answer covers, tied to one rubric criterion.

    `synonyms` are other wordings of the concept (matched like `phrases`); `reasons` are
    lowercase regexes for what a right reason mentions (its mechanism); `misconceptions` are
    wrong claims that remove the concept's credit and are corrected in the feedback.
    """

    id: Slug
    criterion: Slug
    phrases: Phrases
    probe: Text
    strong_answer: Text
    name: str = ""  # how the report names it ("fairness against bots"); default: the id in words
    weight: float = Field(default=1.0, gt=0, le=5)
    synonyms: list[Text] = Field(default_factory=list)
    reasons: list[Cue] = Field(default_factory=list)
    misconceptions: list[Misconception] = Field(default_factory=list)

    @field_validator("reasons")
    @classmethod
    def _reason_patterns(cls, value: list[str]) -> list[str]:
        return [_check_cue(p) for p in value]


class Followup(Strict):
    """A question asked when the candidate brings up one of `when`, unless the same turn
    already says one of `unless` (they answered it before it was asked)."""

    when: Phrases
    unless: list[Text] = Field(default_factory=list)
    ask: Text


class Scenario(Strict):
    """A system-design problem: the brief the candidate sees and the hidden material."""

    id: KebabId
    title: Text
    level: Level = "senior"
    minutes: float = Field(gt=0, le=240)
    rubric: Slug
    persona: Slug
    summary: str = ""  # one line shown in lists; defaults to the prompt's first line
    prompt: Text
    tags: list[Text] = Field(default_factory=list)
    phases: Annotated[list[Phase], Field(min_length=1)]
    facts: list[Fact] = Field(default_factory=list)
    estimates: list[Estimate] = Field(default_factory=list)
    concepts: list[Concept] = Field(default_factory=list)
    followups: list[Followup] = Field(default_factory=list)
    failure_probes: list[Text] = Field(default_factory=list)

    @field_validator("phases")
    @classmethod
    def _phases_valid(cls, phases: list[Phase], info: ValidationInfo) -> list[Phase]:
        dupes = _duplicates([p.id for p in phases])
        if dupes:
            raise ValueError(f"phase ids must be unique; repeated: {', '.join(dupes)}")
        minutes = info.data.get("minutes")
        total = sum(p.minutes for p in phases)
        if minutes is not None and abs(total - minutes) > 1e-6:
            parts = " + ".join(f"{p.minutes:g}" for p in phases)
            raise ValueError(f"phase minutes add up to {total:g} ({parts}), not minutes: {minutes:g}")
        return phases

    @field_validator("facts", "estimates", "concepts")
    @classmethod
    def _unique_ids(cls, items: list[Fact] | list[Estimate] | list[Concept]) -> list:
        dupes = _duplicates([item.id for item in items])
        if dupes:
            raise ValueError(f"ids must be unique; repeated: {', '.join(dupes)}")
        return items

    @property
    def brief(self) -> str:
        """The one-line summary shown in lists."""
        if self.summary.strip():
            return self.summary.strip()
        return self.prompt.strip().splitlines()[0]

    def phase(self, phase_id: str) -> Phase | None:
        """The phase with this id, if the scenario has it."""
        return next((p for p in self.phases if p.id == phase_id), None)


# --------------------------------------------------------------------------- rubric


class LevelExpectations(Strict):
    """What a criterion expects at each level."""

    mid: Text
    senior: Text
    staff: Text


class Criterion(Strict):
    """One graded dimension of the interview."""

    id: Slug
    name: Text
    weight: float = Field(gt=0, le=100)
    looks_for: Text
    scores: dict[int, Text]  # 1 below the bar ... 4 exceptional
    expectations: LevelExpectations

    @field_validator("scores")
    @classmethod
    def _one_to_four(cls, scores: dict[int, str]) -> dict[int, str]:
        if set(scores) != {1, 2, 3, 4}:
            raise ValueError(f"needs exactly the keys 1, 2, 3, 4; got {sorted(scores)}")
        return dict(sorted(scores.items()))


class VerdictThresholds(Strict):
    """Minimum overall score (0-100) for each verdict; below `no_hire` is strong_no_hire."""

    strong_hire: float = Field(ge=0, le=100)
    hire: float = Field(ge=0, le=100)
    lean_hire: float = Field(ge=0, le=100)
    lean_no_hire: float = Field(ge=0, le=100)
    no_hire: float = Field(ge=0, le=100)

    @model_validator(mode="after")
    def _descending(self) -> VerdictThresholds:
        order = [self.strong_hire, self.hire, self.lean_hire, self.lean_no_hire, self.no_hire]
        if any(a <= b for a, b in zip(order, order[1:], strict=False)):
            raise ValueError(
                "thresholds must strictly decrease: strong_hire > hire > lean_hire > lean_no_hire > no_hire"
            )
        return self

    def verdict_for(self, overall: float) -> str:
        """The verdict an overall score earns."""
        for name in ("strong_hire", "hire", "lean_hire", "lean_no_hire", "no_hire"):
            if overall >= getattr(self, name):
                return name
        return "strong_no_hire"


class LevelThresholds(Strict):
    """Verdict thresholds for each level: the bar rises with the level."""

    mid: VerdictThresholds
    senior: VerdictThresholds
    staff: VerdictThresholds


class Rubric(Strict):
    """How a transcript is graded."""

    id: Slug
    name: Text
    description: str = ""
    criteria: Annotated[list[Criterion], Field(min_length=1)]
    verdicts: LevelThresholds

    @field_validator("criteria")
    @classmethod
    def _unique_criteria(cls, criteria: list[Criterion]) -> list[Criterion]:
        dupes = _duplicates([c.id for c in criteria])
        if dupes:
            raise ValueError(f"criterion ids must be unique; repeated: {', '.join(dupes)}")
        return criteria

    def criterion(self, criterion_id: str) -> Criterion | None:
        """The criterion with this id."""
        return next((c for c in self.criteria if c.id == criterion_id), None)


# --------------------------------------------------------------------------- persona


class Rule(Strict):
    """A habit of the interviewer: when the candidate says `when` but not `unless`, ask `ask`.

    `sense` says in which sense a trigger counts: the sentence holding it must also say one of
    these ("redis" counts for a cache rule only next to "cache" or "in front of"); a trigger that
    is itself a `sense` phrase always counts. A trigger in a sentence that says one of `not_near`
    does not count ("retry" next to "retry-after"). `{component}` in `ask` becomes the candidate's
    own name for the thing ("the Redis counter store"), or `component` when none can be read.
    """

    id: Slug
    says: Text  # the principle, in the persona's words
    when: Phrases
    unless: list[Text] = Field(default_factory=list)
    sense: list[Text] = Field(default_factory=list)
    not_near: list[Text] = Field(default_factory=list)
    ask: Text
    component: str = "that component"
    phases: list[PhaseId] = Field(default_factory=list)  # empty: any phase after requirements

    @field_validator("ask")
    @classmethod
    def _known_placeholders(cls, ask: str) -> str:
        unknown = sorted(set(re.findall(r"\{([^{}]*)\}", ask)) - {"component"})
        if unknown:
            raise ValueError(f"unknown placeholder {{{unknown[0]}}}; the only one is {{component}}")
        return ask


class Voice(Strict):
    """Phrases the offline interviewer draws on, so it sounds like this persona."""

    greeting: Phrases
    acknowledge: Phrases
    probe: Phrases  # lead-ins before a question
    challenge: Phrases  # lead-ins before pushing back
    move_on: Phrases
    closing: Phrases


class Persona(Strict):
    """An interviewer's character: what they value, how they probe, how they sound."""

    id: Slug
    name: Text
    title: Text
    description: Text
    rules: list[Rule] = Field(default_factory=list)
    priorities: list[Slug] = Field(default_factory=list)  # rubric criterion ids, most probed first
    voice: Voice

    @field_validator("rules")
    @classmethod
    def _unique_rules(cls, rules: list[Rule]) -> list[Rule]:
        dupes = _duplicates([r.id for r in rules])
        if dupes:
            raise ValueError(f"rule ids must be unique; repeated: {', '.join(dupes)}")
        return rules


MODEL_FOR_KIND: dict[str, type[Strict]] = {
    "scenarios": Scenario,
    "rubrics": Rubric,
    "personas": Persona,
}
