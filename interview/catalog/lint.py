"""Warnings an author can act on: content that validates but will make the interviewer wrong.

Validation says whether a file loads; linting says whether it will work: two facts that
answer the same question, triggers so generic they fire on any answer, concepts without
reason cues, estimates without their arithmetic, facts no phase goal leads to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from interview.catalog.catalog import Catalog, validate_paths, yaml_files
from interview.catalog.formula import FormulaError, evaluate
from interview.catalog.loader import Loaded, Problem, load_file
from interview.catalog.models import Concept, Estimate, Fact, Persona, Scenario
from interview.text.matching import mentions

# Triggers that occur in nearly every design answer: alone, they fire on anything.
GENERIC_TRIGGERS = frozenset(
    """
    data system systems service services server servers database databases request requests user users
    client clients api apis design app application component components store storage use list lists
    time fast slow good scale the a it thing things
    """.split()
) | {"all the", "we will", "i would", "we need"}
_FRAME_WORDS = ("how ", "what ", "which ", "when ", "where ", "who ", "why ")


@dataclass
class _Found:
    """The warnings for one file, each placed at the line of the field it is about."""

    loaded: Loaded | None
    path: str
    problems: list[Problem] = field(default_factory=list)

    def warn(self, loc: tuple[str | int, ...], message: str) -> None:
        line, col = self.loaded.locate(loc) if self.loaded is not None else (1, 1)
        self.problems.append(Problem(self.path, line, col, ".".join(str(p) for p in loc), message))


def _generic(phrases: Iterable[str]) -> list[str]:
    return [p for p in phrases if p.strip().lower() in GENERIC_TRIGGERS]


def _same_question(scenario: Scenario) -> list[tuple[Fact, Fact, str]]:
    """Pairs of facts that one natural question about either's topic cannot tell apart."""
    from interview.engine.facts import decide  # the engine's own matcher: lint what it will do

    pairs: list[tuple[Fact, Fact, str]] = []
    seen: set[frozenset[str]] = set()
    by_id = {f.id: f for f in scenario.facts}
    for fact in scenario.facts:
        question = f"What is the {fact.subject}?"
        decision = decide(scenario, question)
        rivals = [f for f in decision.options if f != fact.id]
        if decision.facts and decision.facts[0] != fact.id:
            rivals.append(decision.facts[0])
        for rival in rivals:
            key = frozenset({fact.id, rival})
            if rival in by_id and key not in seen:
                seen.add(key)
                pairs.append((fact, by_id[rival], question))
    return pairs


def _referenced(fact: Fact, goals: str) -> bool:
    phrases = [fact.subject, *(a for a in fact.about if not a.lower().startswith(_FRAME_WORDS))]
    return mentions(goals, phrases)


def lint_scenario(scenario: Scenario, loaded: Loaded | None = None, path: str = "") -> list[Problem]:
    """Warnings for one valid scenario."""
    found = _Found(loaded, path or (loaded.path if loaded else scenario.id))
    goals = "\n".join(g for phase in scenario.phases for g in phase.goals)
    for i, fact in enumerate(scenario.facts):
        if not fact.topic.strip():
            found.warn(
                ("facts", i, "id"),
                f"fact {fact.id!r} has no topic: add `topic:`, "
                "the short noun phrase it answers, so questions are matched by what they ask about",
            )
        for j, about in enumerate(fact.about):
            if about.lower().startswith(_FRAME_WORDS):
                found.warn(
                    ("facts", i, "about", j),
                    f"{about!r} names no topic: any question "
                    "of that form would touch it; write the thing asked about instead",
                )
        if goals and not _referenced(fact, goals):
            found.warn(
                ("facts", i, "id"),
                f"fact {fact.id!r} is not referenced by any phase "
                f"goal: add a goal that leads to the {fact.subject}, or drop the fact",
            )
    for a, b, question in _same_question(scenario):
        found.warn(
            ("facts", scenario.facts.index(a), "topic"),
            f"facts {a.id!r} and {b.id!r} answer the same question "
            f"({question!r}): give them distinct topics or merge them",
        )
    for i, estimate in enumerate(scenario.estimates):
        if not estimate.derivation.strip():
            found.warn(
                ("estimates", i, "id"),
                f"estimate {estimate.id!r} has no derivation: "
                "write the arithmetic behind the reference so feedback can show the working",
            )
        formula_problem = _formula_problem(estimate)
        if formula_problem:
            found.warn(("estimates", i, "formula"), formula_problem)
    for i, concept in enumerate(scenario.concepts):
        _lint_concept(concept, i, found)
    return found.problems


def _formula_problem(estimate: Estimate) -> str:
    """Why an estimate's `formula:` does not back its value, or "" when it does (or is absent)."""
    if not estimate.formula.strip():
        return ""
    try:
        worked = evaluate(estimate.formula)
    except FormulaError as exc:
        return f"estimate {estimate.id!r}: {exc}"
    low, high = estimate.value / estimate.tolerance, estimate.value * estimate.tolerance
    if not low <= worked <= high:
        return (
            f"estimate {estimate.id!r}: its formula gives {worked:,.4g}, outside the tolerance "
            f"of its value {estimate.value:,.4g}: fix the arithmetic or the value"
        )
    return ""


def _lint_concept(concept: Concept, i: int, found: _Found) -> None:
    for phrase in _generic(concept.phrases):
        found.warn(
            ("concepts", i, "phrases"),
            f"concept {concept.id!r} is credited by {phrase!r}, "
            "which almost every answer says: use a phrase only this idea uses",
        )
    # Reason cues arrive with the scorer's work; warn only where the model has the field.
    if "reasons" in type(concept).model_fields and not getattr(concept, "reasons", None):
        found.warn(
            ("concepts", i, "id"),
            f"concept {concept.id!r} has no reason cues "
            "(`reasons:`): without them a right answer for the wrong reason earns the same credit",
        )


def lint_persona(persona: Persona, loaded: Loaded | None = None, path: str = "") -> list[Problem]:
    """Warnings for one valid persona: rules whose triggers would fire on any answer."""
    found = _Found(loaded, path or (loaded.path if loaded else persona.id))
    for i, rule in enumerate(persona.rules):
        if rule.sense or rule.phases == ["requirements"]:
            continue  # a sense qualifies generic words; in requirements any design word is early
        for phrase in _generic(rule.when):
            found.warn(
                ("rules", i, "when"),
                f"rule {rule.id!r} fires on {phrase!r}, which almost "
                "every answer says: name the situation, or add `sense:` for the sense it counts in",
            )
    return found.problems


def lint_paths(targets: Iterable[Path], catalog: Catalog) -> tuple[int, list[Problem]]:
    """Lint scenario files (or folders of them), or with no targets every scenario in the catalog
    and the personas they use. A file that does not validate reports its problems instead."""
    targets = list(targets)
    out: list[Problem] = []
    personas: dict[str, tuple[Persona, Loaded | None, str]] = {}
    if not targets:
        entries = [(e.model, e.loaded, str(e.path)) for e in catalog.scenarios.values()]
        count = len(entries)
        for scenario, loaded, path in entries:
            out.extend(lint_scenario(scenario, loaded, path))
            persona = catalog.personas.get(scenario.persona)
            if persona is not None:
                personas[persona.id] = (persona.model, persona.loaded, str(persona.path))
    else:
        count, problems = validate_paths("scenarios", targets, catalog)
        out.extend(problems)
        broken = {p.path for p in problems}
        for path in _files(targets):
            if str(path) in broken:
                continue
            loaded = load_file(path, Scenario)
            if loaded.model is not None:
                out.extend(lint_scenario(loaded.model, loaded, str(path)))
    for persona, loaded, path in personas.values():
        out.extend(lint_persona(persona, loaded, path))
        count += 1
    return count, out


def _files(targets: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for target in targets:
        files.extend(yaml_files(target) if target.is_dir() else [target] if target.exists() else [])
    return files
