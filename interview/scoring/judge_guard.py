"""Guards on the LLM judge's reply: shape, quotes that support a grade, and the uplift cap."""

from __future__ import annotations

import re
from typing import Any

from interview.catalog.models import Rubric, Scenario
from interview.scoring.evidence import Evidence
from interview.scoring.report import Report

_SPACE = re.compile(r"\s+")


class JudgeFailure(Exception):
    """The judge could not be used; the message is the reason shown in the report."""


def squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


_FENCE = re.compile(r"^\s*```[a-zA-Z]*\s*\n?(.*?)\n?\s*```\s*$", re.DOTALL)


def strip_fences(content: str) -> str:
    """The JSON inside a Markdown code fence ("```json ... ```"), or the content unchanged."""
    m = _FENCE.match(content)
    return m.group(1) if m else content


def check_shape(verdict: Any, criterion_ids: list[str]) -> None:
    """A reply that grades a criterion twice, grades one we did not ask for, or gives a score
    outside 1-4 is malformed: none of it is used."""
    seen: set[str] = set()
    for c in verdict.criteria:
        if c.id in seen:
            raise JudgeFailure(f"the judge's reply was malformed: criterion {c.id!r} graded twice")
        seen.add(c.id)
        if c.id not in criterion_ids:
            raise JudgeFailure(f"the judge's reply was malformed: unknown criterion {c.id!r}")
        if not 1 <= c.score <= 4:
            raise JudgeFailure(f"the judge's reply was malformed: score {c.score} for {c.id!r} is not 1-4")


MIN_QUOTE_WORDS = 5
"""A quote shorter than this ("the", "we use a cache") cannot support a grade."""
SHARED_WORDS = 2
"""Content words a quote must share with what its criterion is about ("cache", "lookups")."""
MAX_UPLIFT = 10.0
"""The judge may raise the overall by at most this many points above the offline score."""
_CONTENT = re.compile(r"[a-z][a-z0-9-]{3,}")
_COMMON = frozenset(
    """that this with have from they them then than when what which would could should there their
    about into over more most some such very also just like will were been being each every only other
    these those here where while because since make makes made using used need needs want going""".split()
)
VERDICT_WORDS = re.compile(
    r"\b(strong[\s_-]+no[\s_-]+hire|lean[\s_-]+no[\s_-]+hire|no[\s_-]+hire|"
    r"lean[\s_-]+hire|strong[\s_-]+hire|hire)\b",
    re.I,
)


def _content_words(text: str) -> set[str]:
    return {w for w in _CONTENT.findall(text.lower()) if w not in _COMMON}


def criterion_vocabulary(criterion_id: str, rubric: Rubric, scenario: Scenario, offline: Report) -> set[str]:
    """The words a quote for a criterion should share some of: what the criterion looks for, its
    concepts' wording and model answers, and the offline evidence for it."""
    texts: list[str] = []
    for c in rubric.criteria:
        if c.id == criterion_id:
            texts += [c.name, c.looks_for, *c.scores.values()]
    for concept in scenario.concepts:
        if concept.criterion == criterion_id:
            texts += [*concept.phrases, *concept.synonyms, concept.strong_answer, concept.probe]
    for base in offline.criteria:
        if base.id == criterion_id:
            texts += [q.quote for q in base.evidence]
    return _content_words(" ".join(texts))


def supports(quote: str, vocabulary: set[str]) -> bool:
    """A quote long enough to say something, about this criterion."""
    return len(quote.split()) >= MIN_QUOTE_WORDS and len(_content_words(quote) & vocabulary) >= SHARED_WORDS


def in_wrong_claim(ev: Evidence, turn: int, quote: str) -> bool:
    """The quote (verified: its turn is a candidate turn) sits in a sentence that states a
    misconception or a wrong figure."""
    head = squash(quote)[:40]
    ct = next(ct for ct in ev.transcript.candidate if ct.turn == turn)
    return any(
        (turn, s.start) in ev.excluded and head in squash(ct.original[s.start : s.end]) for s in ct.sentences
    )
