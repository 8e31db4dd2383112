"""Whether a claim's reason is right, vacuous or a misconception.

A concept is explained only when the reason given near it names its mechanism (the concept's
authored `reasons` cues) or ties it to the scenario's numbers. Reasons about mood, tidiness,
"best practice", audiences or "it scales" are vacuous and earn nothing. A sentence that states
one of the concept's `misconceptions` (every part of the claim present, un-negated) is wrong:
it earns nothing and carries the one-line correction.

Pure functions over lowercased text; patterns are compiled once per concept and cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from interview.catalog.models import Concept

ReasonKind = Literal["right", "vacuous", "none"]

VACUOUS = re.compile(
    r"(?<![a-z])(?:tidy|tidier|neat|clean(?:er)?\s+(?:code|codebase|design)|sleeps?\s+better|happy|happier|"
    r"comfortable|comfort|confiden(?:t|ce)|love[sd]?|delight\w*|peace\s+of\s+mind|best[\s-]+practices?|"
    r"industry[\s-]+standard|standard\s+practice|modern|popular|trendy|everyone\s+(?:uses|does)|"
    r"(?:big|modern|great|top)\s+(?:companies|teams|tech)|battle[\s-]+tested|proven|the\s+team\s+likes|"
    r"team\s+(?:is\s+)?(?:comfortable|familiar)|stakeholders?|leadership|the\s+business|the\s+brand|investors|"
    r"managers?|it\s+scales|scalab\w+|flexib\w+|robust|(?:is|are|it'?s)\s+(?:fast|good|great|nice|simple|cool)\b|"
    r"always\s+(?:good|better|best|faster)|is\s+(?:important|key|essential)|matters|the\s+(?:modern|right)\s+way)"
)
"""Reasons that say nothing about the mechanism: feelings, fashion, audiences, generic praise."""

PRAISE = re.compile(
    r"(?<![a-z])(?:good|great|nice|important|matters?|best\s+practice|industry\s+standard|popular|modern|"
    r"standard|the\s+way|helps?|too|as\s+well|also|is\s+key|essential|useful|is\s+what\s+people\s+use|"
    r"people\s+use|the\s+norm|a\s+must|fine|ok|okay|cool|solid|a\s+good\s+idea|the\s+way\s+to\s+go|"
    r"(?:works|helps)\s+(?:well|here|a\s+lot))(?![a-z])"
)
NEGATION = re.compile(
    r"(?<![a-z])(?:not|never|no|n't|don't|doesn't|won't|isn't|aren't|cannot|can't|without|rather\s+than|"
    r"instead\s+of|hides?|myth|misconception|wrong(?:ly)?|mistake)(?![a-z])"
)
_LEFT = r"(?<![a-z0-9])"
CLAIM_BREAK = re.compile(
    r";|(?<![a-z])(?:whereas|while|but|however|unlike|compared|rather|instead|otherwise)(?![a-z])|"
    r",\s*(?:the|a|an|we|our|it|they|whereas|while|but|and\s+the)(?![a-z])"
)
"""Where one claim ends and another begins: the parts of a misconception must share a claim
("hashing ... avoids collisions", not "hashing and truncating, the counter never collides")."""
MAX_CLAIM = 160
LOOKBACK = 32
"""Characters before a claim searched for a negation ("never store money as floats")."""


@dataclass(frozen=True, slots=True)
class MisconceptionHit:
    """A wrong claim found in a text: which concept, the correction, and the span it covers."""

    concept: str
    correction: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ConceptCues:
    """A concept's compiled reason cues and misconceptions."""

    concept: str
    reasons: re.Pattern[str] | None
    misconceptions: tuple[tuple[tuple[re.Pattern[str], ...], str], ...]


@lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(_LEFT + f"(?:{pattern})")


def cues(concept: Concept) -> ConceptCues:
    """The concept's patterns, compiled (cached per pattern, so this is cheap to call again)."""
    reasons = _compile("|".join(f"(?:{r})" for r in concept.reasons)) if concept.reasons else None
    wrong = tuple((tuple(_compile(p) for p in m.says), m.correction) for m in concept.misconceptions)
    return ConceptCues(concept.id, reasons, wrong)


@lru_cache(maxsize=32)
def first_parts(all_cues: tuple[ConceptCues, ...]) -> re.Pattern[str]:
    """One pattern for the first part of every misconception: a cheap test that a text may hold one."""
    parts = [parts[0].pattern for c in all_cues for parts, _ in c.misconceptions]
    return re.compile("|".join(f"(?:{p})" for p in parts) or r"(?!x)x")


def misconceptions_in(lowered: str, concept_cues: ConceptCues) -> list[MisconceptionHit]:
    """Misconceptions stated in `lowered` (a lowercased sentence): every part present, and no
    negation ("not", "never", "rather than") between the parts or just before the first."""
    out: list[MisconceptionHit] = []
    for parts, correction in concept_cues.misconceptions:
        spans: list[tuple[int, int]] = []
        for part in parts:
            # later parts are looked for after the earlier ones first ("phone clocks drift, so
            # they never decide order" pairs "clocks" with the last "order", not a heading)
            m = (part.search(lowered, spans[-1][1]) if spans else None) or part.search(lowered)
            if m is None:
                break
            spans.append((m.start(), m.end()))
        else:
            start = min(s for s, _ in spans)
            end = max(e for _, e in spans)
            if end - start > MAX_CLAIM:
                continue
            ordered = sorted(spans)
            gaps = zip(ordered, ordered[1:], strict=False)
            if any(CLAIM_BREAK.search(lowered, a_end, b_start) for (_, a_end), (b_start, _) in gaps):
                continue
            window = list(lowered[max(0, start - LOOKBACK) : end])
            offset = max(0, start - LOOKBACK)
            for s, e in spans:  # the claim's own words ("never blocks") are not a negation of it
                for i in range(s - offset, e - offset):
                    window[i] = " "
            if NEGATION.search("".join(window)):
                continue
            out.append(MisconceptionHit(concept_cues.concept, correction, start, end))
    return out


def reason_kind(reason_text: str, concept_cues: ConceptCues, has_number: bool) -> ReasonKind:
    """How good the reason in `reason_text` (lowercased, concept terms blanked) is for a concept.

    "right": it names the concept's mechanism (a cue) or ties it to a figure; "vacuous": its
    only reason is mood, fashion, an audience or generic praise; "none": no recognisable reason.
    A concept with no authored cues accepts any specific reason (user scenarios keep working).
    """
    if concept_cues.reasons is not None and concept_cues.reasons.search(reason_text):
        return "right"
    if has_number:
        return "right"
    if VACUOUS.search(reason_text):
        return "vacuous"
    if concept_cues.reasons is None:
        return "right"
    return "none"


def praise_only(rest: str, words: int) -> bool:
    """A short sentence whose only claim about the named concept is praise ("Kafka is great for
    the analytics.", "Consistent hashing is best practice."): thin stuffing, worth nothing."""
    return words <= 12 and bool(PRAISE.search(rest) or VACUOUS.search(rest))


def misconceptions_heard(concepts: list[Concept], text: str) -> list[MisconceptionHit]:
    """Misconceptions of any of `concepts` stated in `text` (one candidate turn), with offsets
    into the lowercased text: what an interviewer could follow up on ("you said a 301 counts
    every click; what does a browser do with a 301?")."""
    lowered = text.lower()
    return [hit for c in concepts if c.misconceptions for hit in misconceptions_in(lowered, cues(c))]
