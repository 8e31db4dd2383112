"""Browsing a larger library: filter scenarios by tag, level and text, and suggest the next one.

Pure functions over catalog models and plain summaries; the CLI (`scenarios list --tag --level
--search`), the app's scenario browser and Home's suggestion share them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from interview.catalog.models import Scenario

_TOKEN = re.compile(r"(tag|level):(\S+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Query:
    """What to show: every tag in `tags`, the `level` (if any), and every word of `words`."""

    tags: tuple[str, ...] = ()
    level: str | None = None
    words: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.tags or self.level or self.words)


def parse_query(text: str) -> Query:
    """`tag:caching level:senior feed` -> tags, level and free words (the browser's filter box)."""
    tags = [m.group(2).lower() for m in _TOKEN.finditer(text) if m.group(1).lower() == "tag"]
    levels = [m.group(2).lower() for m in _TOKEN.finditer(text) if m.group(1).lower() == "level"]
    rest = _TOKEN.sub(" ", text)
    return Query(tuple(tags), levels[-1] if levels else None, tuple(rest.lower().split()))


def _haystack(scenario: Scenario) -> str:
    """The text a search looks through: only what the candidate may see (never facts or figures)."""
    parts = [scenario.id, scenario.title, scenario.summary, " ".join(scenario.tags), scenario.prompt]
    return " ".join(parts).lower()


def matches(scenario: Scenario, query: Query) -> bool:
    """Whether a scenario has every tag asked for, the level, and every word of the search."""
    tags = {t.lower() for t in scenario.tags}
    if any(t not in tags for t in query.tags):
        return False
    if query.level and scenario.level != query.level:
        return False
    haystack = _haystack(scenario)
    return all(word in haystack for word in query.words)


def filter_scenarios(scenarios: Iterable[Scenario], query: Query) -> list[Scenario]:
    """The scenarios that match, in the order given."""
    return [s for s in scenarios if matches(s, query)]


def all_tags(scenarios: Iterable[Scenario]) -> list[str]:
    """Every tag in use, sorted: what `--tag` accepts."""
    return sorted({t.lower() for s in scenarios for t in s.tags})


@dataclass(frozen=True, slots=True)
class Suggestion:
    scenario_id: str
    reason: str  # "not tried yet" or "weakest last score: 42"


def suggest(scenario_ids: Iterable[str], last_scores: Mapping[str, float | None]) -> Suggestion | None:
    """The next scenario to practise: the first one never attempted (in the order given), else the
    one whose latest graded attempt scored lowest. `last_scores` maps each attempted scenario to
    its latest score (None when that attempt has no score yet)."""
    ids = list(scenario_ids)
    for sid in ids:
        if sid not in last_scores:
            return Suggestion(sid, "not tried yet")
    scored = [(score, sid) for sid in ids if (score := last_scores.get(sid)) is not None]
    if not scored:
        return None
    score, sid = min(scored)
    return Suggestion(sid, f"weakest last score: {score:.0f}")
