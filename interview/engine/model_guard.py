"""Checks on a model's interviewer turn before anything of it is shown or stored.

A model reply is checked here sentence by sentence as it streams (everything shown so far), and
then whole, parsed into the move it made (see docs/ARCHITECTURE.md, "Voices"). A failed check
returns a short reason; the session then says the offline text (for the rest of the turn) and
records the reason in `Event.fallback`, exactly like a model error.

The checks (pure, linear in the text, no I/O):
- length: at most `word_limit` words (120 by default); a longer reply is never cut mid-sentence
  (checked on each sentence before it is shown, then whole: the offline text says the rest);
- figures: every number the reply states must appear in a fact the candidate earned, in the
  candidate's own words, or in the planner's draft for the turn (numbers up to 10 are free);
- reference answers: no estimate value the candidate has not said, no run of words from a
  concept's strong answer or an estimate's derivation, no identifier from the persona's
  expertise (planner-side text the model is never sent, so saying it means it guessed an answer);
- a question when the move asks one, none when the move only listens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from interview.catalog.models import Persona, Scenario
from interview.text.numbers import find_figures

DEFAULT_WORD_LIMIT = 120
FREE_NUMBER = 10.0  # "two questions", "one thing": small counts are never a leak
SHINGLE = 5  # this many consecutive words of a reference answer in the reply is a leak

TOO_LONG = "model reply too long ({words} words, limit {limit})"
UNSOURCED_FIGURE = "model stated a figure nobody gave ({raw})"
REFERENCE_FIGURE = "model stated a reference figure ({raw})"
REFERENCE_PHRASE = "model stated a reference answer"
PERSONA_RECITED = "model recited the persona's expertise ({term})"
NO_QUESTION = "model reply asked no question where one was due"
EXTRA_QUESTION = "model asked a question where none was due"

_WORD = re.compile(r"[a-z0-9]+(?:[.'-][a-z0-9]+)*")
# Identifiers in a persona's description: "pacs.008", "ISO 20022", "UETRs", "PCI DSS".
_IDENT = re.compile(r"\b(?:ISO \d{3,}|[A-Z]{2,}(?: [A-Z]{2,})+|[a-z]+\.\d{2,}|[A-Z]{3,}s?)\b")
# A question may be put as a request: "Take me through the design.", "Walk me through each copy."
_REQUEST = re.compile(
    r"(?:^|[.!:]\s+|\n)(?:now,?\s+|so,?\s+|please\s+)?(?:take|walk|talk|run)\s+me\s+through|"
    r"(?:^|[.!:]\s+|\n)(?:now,?\s+|so,?\s+|please\s+)?(?:tell\s+me|show\s+me|describe|explain|sketch|"
    r"estimate|give\s+me|go\s+ahead|start\s+with|pick|name|list)\b",
    re.I,
)
_IDENT_STOP = frozenset({"API", "APIS", "SQL", "HTTP", "HTTPS", "JSON", "REST", "TCP", "UDP", "URL", "URLS"})


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _shingles(text: str, size: int = SHINGLE) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


@dataclass(frozen=True)
class Secrets:
    """What must never come out of a model for one scenario and persona (kept planner-side)."""

    estimate_values: tuple[tuple[str, float], ...]  # (estimate id, reference value)
    answer_shingles: frozenset[tuple[str, ...]]
    persona_terms: tuple[str, ...]


def secrets_of(scenario: Scenario, persona: Persona) -> Secrets:
    """The reference values, strong-answer phrases and persona expertise of a scenario."""
    shingles: set[tuple[str, ...]] = set()
    for concept in scenario.concepts:
        shingles |= _shingles(concept.strong_answer)
    for estimate in scenario.estimates:
        shingles |= _shingles(estimate.derivation)
    terms = sorted({m.group(0) for m in _IDENT.finditer(persona.description)} - _IDENT_STOP)
    return Secrets(
        estimate_values=tuple((e.id, e.value) for e in scenario.estimates),
        answer_shingles=frozenset(shingles),
        persona_terms=tuple(terms),
    )


@dataclass
class GuardInput:
    """What one turn's check needs: the reply and what it may draw on."""

    text: str
    scenario: Scenario
    persona: Persona
    allowed: list[str] = field(default_factory=list)  # revealed facts, candidate turns, the draft
    question_due: bool | None = None  # True: must ask; False: must not; None: either
    word_limit: int = DEFAULT_WORD_LIMIT


def _values(texts: Iterable[str]) -> list[float]:
    return [f.value for text in texts for f in find_figures(text)]


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.01 * max(abs(a), abs(b))


def _said(term: str, texts: list[str]) -> bool:
    pattern = re.compile(rf"(?<![\w.]){re.escape(term.rstrip('s'))}s?(?![\w])", re.I)
    return any(pattern.search(t) for t in texts)


def check(turn: GuardInput) -> str | None:
    """The reason the reply may not be shown, or None when it passes every check."""
    text = turn.text.strip()
    words = len(text.split())
    if words > turn.word_limit:
        return TOO_LONG.format(words=words, limit=turn.word_limit)
    secrets = secrets_of_cached(turn.scenario, turn.persona)
    figures = find_figures(text)
    if figures:
        allowed = _values(turn.allowed)
        for figure in figures:
            if figure.value <= FREE_NUMBER and figure.unit in (None, "count"):
                continue
            if any(_close(figure.value, ok) for ok in allowed):
                continue
            if any(_close(figure.value, value) for _id, value in secrets.estimate_values):
                return REFERENCE_FIGURE.format(raw=figure.raw)
            return UNSOURCED_FIGURE.format(raw=figure.raw)
    reply = _shingles(text)
    if reply & secrets.answer_shingles:
        said = set().union(*(_shingles(t) for t in turn.allowed)) if turn.allowed else set()
        if (reply & secrets.answer_shingles) - said:
            return REFERENCE_PHRASE
    for term in secrets.persona_terms:
        if _said(term, [text]) and not _said(term, turn.allowed):
            return PERSONA_RECITED.format(term=term)
    asks = "?" in text or bool(_REQUEST.search(text))
    if turn.question_due is True and not asks:
        return NO_QUESTION
    if turn.question_due is False and asks:
        return EXTRA_QUESTION
    return None


_BY_ID: dict[tuple[int, str, int, str], Secrets] = {}


def secrets_of_cached(scenario: Scenario, persona: Persona) -> Secrets:
    """`secrets_of`, computed once per (scenario, persona) object pair."""
    key = (id(scenario), scenario.id, id(persona), persona.id)
    found = _BY_ID.get(key)
    if found is None:
        if len(_BY_ID) > 64:
            _BY_ID.clear()
        found = _BY_ID[key] = secrets_of(scenario, persona)
    return found
