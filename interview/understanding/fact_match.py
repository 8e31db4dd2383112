"""Which fact answers a question: facts profiled once, then scored against a question's focus.

The other half of `focus`: `focus.focuses` says what a question asks about; this module says
how much of that each fact explains (topic head first, then the topic's other words, `about`
words, words of the same sense, the answer's own words) and whether the answer measures what
the frame asks for ("how long are X kept" needs a duration, "how many" a number).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from interview.text.matching import phrase_spans
from interview.text.numbers import find_figures
from interview.understanding.focus import (
    BREAK,
    FRAME_WEIGHT,
    NOT_PARTICIPLES,
    RETAIN,
    STOP,
    TRAIL_WEIGHT,
    WORD_RE,
    Focus,
    Word,
    content_stems,
    focuses,
    senses_of,
    stem,
)
from interview.understanding.senses import DIMENSION_OF

# How strongly one focus word is explained by one part of a fact.
TOPIC = 1.0  # the head noun of the fact's topic ("size" in "message size")
TOPIC_PART = 0.7  # another word of the topic
ABOUT = 0.95
ABOUT_PART = 0.45  # one word of a multi-word `about` phrase
SENSE = 0.6  # same sense as the fact's topic or `about` ("kept" ~ "retention")
ANSWER = 0.5  # a word of the fact's answer
MISMATCH = 0.25  # the frame asks for a dimension the answer does not measure
SHARED_MIN = 3  # a word explained by at least this many facts (and half of them) is shared ...
SHARED_DISCOUNT = 0.35  # ... and counts this much when another word of the focus names one fact alone
ANSWER_ONLY = 0.6  # nothing but the answer's own words explain the focus: a weak match

# Which dimensions a fact's answer may measure for each kind of frame.
COMPATIBLE: dict[str, frozenset[str]] = {
    "retention": frozenset({"retention"}),
    "size": frozenset({"size", "count"}),
    "latency": frozenset({"latency"}),
    "length": frozenset({"size", "retention", "latency"}),
    "count": frozenset({"count", "rate", "percent", "ratio", "number"}),
    "amount": frozenset({"count", "rate", "size", "percent", "ratio", "number"}),
    "frequency": frozenset({"rate", "count", "ratio", "number"}),
}
_FRAME_ABOUT = re.compile(r"^\s*(?:how|what|which|who|when|where|why)\b", re.IGNORECASE)
_DAY_S = 86_400.0


@dataclass(frozen=True)
class FactProfile:
    """What a fact is about, prepared once for ranking."""

    id: str
    topic: str
    topic_head: str
    topic_stems: frozenset[str]  # the words of the topic's noun phrase
    topic_tail: frozenset[str]  # words after it ("banks" in "message format between banks")
    about_stems: frozenset[str]  # single-word `about` phrases
    part_stems: frozenset[str]  # words of multi-word `about` phrases
    phrases: tuple[str, ...]  # multi-word `about` phrases (frames like "how many" left out)
    answer_stems: frozenset[str]
    senses: frozenset[str]  # from the topic and `about`
    dims: frozenset[str]  # what the answer measures: retention, size, latency, rate, count, percent


@dataclass(frozen=True)
class FactMatch:
    """One fact's score for one focus, with the focus words it explained."""

    fact: str
    score: float
    explained: tuple[str, ...] = field(default=())
    rank: float = -1.0  # the score with shared words discounted: orders facts and decides closeness

    @property
    def ranking(self) -> float:
        return self.score if self.rank < 0 else self.rank


def _phrase_part(phrase: str) -> str:
    """The phrase up to its first break word ("message format" of "message format between banks")."""
    seen = False
    for m in WORD_RE.finditer(phrase):
        w = m.group().lower()
        participle = w.endswith("ed") and len(w) > 4 and w not in NOT_PARTICIPLES
        if (w in BREAK or participle) and seen:
            return phrase[: m.start()]
        seen = seen or w not in STOP
    return phrase


def _head(phrase: str) -> str:
    """The head noun of a phrase's first noun phrase ("messages" in "messages sent per user")."""
    last = ""
    for m in WORD_RE.finditer(phrase):
        w = m.group().lower()
        participle = w.endswith("ed") and len(w) > 4 and w not in NOT_PARTICIPLES
        if (w in BREAK or participle) and last:
            break
        if w not in STOP:
            last = stem(w)
    return last


def _phrase_senses(phrase: str) -> set[str]:
    """Senses that make up most of a phrase ("push notification" is about notifications;
    "phone is off" is not about devices)."""
    size = len(phrase.strip()) or 1
    return {
        sense
        for sense, spans in senses_of(phrase).items()
        if max(b - a for a, b in spans) >= 0.6 * size or len(WORD_RE.findall(phrase)) == 1
    }


def _answer_dims(answer: str) -> set[str]:
    dims: set[str] = set()
    for fig in find_figures(answer):
        if fig.unit == "bytes":
            dims.add("size")
        elif fig.unit in ("seconds", "milliseconds"):
            seconds = fig.value / 1000 if fig.unit == "milliseconds" else fig.value
            dims.add("retention" if seconds >= _DAY_S else "latency")
        elif fig.unit and fig.unit.startswith("per_"):
            dims.add("rate")
        elif fig.unit in ("count", "connections", "servers"):
            dims.add("count")
    if re.search(r"\d\s*%", answer):
        dims.add("percent")
    if re.search(r"\bevery\s+(?:\d|few\b|couple\b|other\b)", answer, re.I):
        dims.add("rate")  # "every 4 seconds" is how often, not how long
    if re.search(r"\b(?:\d[\d,.]*|a\s+few|several)\s+times\b", answer, re.I):
        dims.add("rate")  # "read about 10 times": how often
    if re.search(
        r"\bwithin\s+(?:about\s+)?(?:a|an|one|two|three|a\s+few|\d+)\s*(?:ms|milliseconds?|seconds?|minutes?|hours?)\b",
        answer,
        re.I,
    ):
        dims.add("latency")  # "within one minute": how long it may take
    if not dims and re.search(r"\d", answer):
        dims.add("number")  # "10 times": a number, though no unit
    return dims


def _frame_about_dims(phrase: str) -> set[str]:
    low = phrase.lower()
    if re.match(r"how (?:big|large)", low):
        return {"size"}
    if re.match(r"how (?:fast|quick)", low):
        return {"latency"}
    if re.match(r"how long", low):
        return {"retention"} if RETAIN.search(low) or re.search(r"\b(?:do|should|will)\b", low) else set()
    return set()


@lru_cache(maxsize=2048)
def fact_profile(fact_id: str, topic: str, about: tuple[str, ...], answer: str) -> FactProfile:
    """Prepare a fact for ranking (cached: facts do not change during a session)."""
    topic = topic.strip() or fact_id.replace("_", " ").replace("-", " ")
    singles: set[str] = set()
    parts: set[str] = set()
    phrases: list[str] = []
    dims = _answer_dims(answer)
    for phrase in about:
        if _FRAME_ABOUT.match(phrase):  # "how many" names no topic: any question has that form
            dims |= _frame_about_dims(phrase)
            continue
        stems = content_stems(phrase)
        if len(stems) == 1 and len(WORD_RE.findall(phrase)) == 1:
            singles.add(stems[0])
        elif stems:
            parts.update(stems)
            phrases.append(phrase)
    senses = frozenset(s for phrase in (topic, *about) for s in _phrase_senses(phrase))
    dims |= {DIMENSION_OF[s] for s in senses if s in DIMENSION_OF and s in ("retention", "size", "latency")}
    return FactProfile(
        id=fact_id,
        topic=topic,
        topic_head=_head(topic),
        topic_stems=frozenset(content_stems(_phrase_part(topic))),
        topic_tail=frozenset(content_stems(topic)) - frozenset(content_stems(_phrase_part(topic))),
        about_stems=frozenset(singles),
        part_stems=frozenset(parts),
        phrases=tuple(phrases),
        answer_stems=frozenset(content_stems(answer)),
        senses=senses,
        dims=frozenset(dims),
    )


def profile(fact: object) -> FactProfile:
    """The profile of a catalog Fact (anything with id, about, answer and an optional topic)."""
    return fact_profile(
        str(fact.id),  # type: ignore[attr-defined]
        str(getattr(fact, "topic", "") or ""),
        tuple(str(a) for a in fact.about),  # type: ignore[attr-defined]
        str(fact.answer),  # type: ignore[attr-defined]
    )


# --------------------------------------------------------------------------- ranking facts


def _strength(word: Word, fact: FactProfile, covered: set[int]) -> float:
    best = 0.0
    if word.start in covered:
        best = ABOUT
    if word.stem == fact.topic_head:
        best = max(best, TOPIC)
    elif word.stem in fact.topic_stems:
        best = max(best, TOPIC_PART)
    elif word.stem in fact.topic_tail:
        best = max(best, ABOUT_PART)
    if word.stem in fact.about_stems:
        best = max(best, ABOUT)
    if word.stem in fact.part_stems:
        best = max(best, ABOUT_PART)
    if word.senses & fact.senses:
        best = max(best, SENSE)
    if word.stem in fact.answer_stems:
        best = max(best, ANSWER)
    if not best and "-" in word.stem:  # "JavaScript-rendered": a compound no fact names, read by its parts
        for part in word.stem.split("-"):
            if len(part) > 2:
                best = max(best, _strength(replace(word, stem=stem(part), start=-1), fact, covered))
    return best


def score_fact(
    text: str, focus: Focus, fact: FactProfile, discount: dict[str, float] | None = None
) -> FactMatch:
    """How well one fact answers one focus: the weighted share of the focus it explains.

    `discount` lowers the weight of words that many of the scenario's facts explain ("pages" in a
    crawler): the word only one fact explains is the one that decides.
    """
    discount = discount or {}
    covered: set[int] = set()
    q_start, q_end = focus.question
    question = text[q_start:q_end]
    lowered = question.lower()
    for phrase in fact.phrases:
        for a, b in phrase_spans(question, phrase, lowered):
            covered.update(w.start for w in focus.words if a <= w.start - q_start < b)
    total = focus.weight - sum(
        w.weight * (1 - discount.get(w.stem, 1.0)) for w in focus.words if w.weight > TRAIL_WEIGHT
    )
    if total <= 0:
        return FactMatch(fact.id, 0.0)
    got = 0.0
    explained: list[str] = []
    named = False  # some word is the fact's topic, an `about` word or of the same sense
    for word in focus.words:
        s = _strength(word, fact, covered)
        if s:
            got += word.weight * discount.get(word.stem, 1.0) * s
            explained.append(word.stem)
            named = named or s >= SENSE
    allowed = COMPATIBLE.get(focus.asks or "")
    if focus.asks == "frequency":
        if fact.dims & {"rate", "ratio"}:
            got += FRAME_WEIGHT
            explained.append("<frequency>")
            named = True
    elif focus.asks in ("retention", "size", "latency", "length"):
        if focus.asks in fact.dims or (focus.asks == "length" and fact.dims & (allowed or set())):
            got += FRAME_WEIGHT
            explained.append(f"<{focus.asks}>")
            named = True
        elif allowed and fact.dims & allowed:
            got += FRAME_WEIGHT / 2  # "how big can a group be": a count is a kind of size
    score = got / total
    if not named:
        score *= ANSWER_ONLY
    if allowed is not None and not (fact.dims & allowed):
        # "how many X" needs a number; "how long are X kept" needs a duration
        if fact.dims or focus.asks in ("count", "amount", "frequency", "length"):
            score *= MISMATCH
    return FactMatch(fact.id, round(score, 4), tuple(explained))


def rank_facts(text: str, focus: Focus, facts: Iterable[object]) -> list[FactMatch]:
    """Facts ranked by how well they answer one focus, best first (ties: scenario order)."""
    profiles = [profile(f) for f in facts]
    matches = [score_fact(text, focus, p) for p in profiles]
    if len(profiles) >= SHARED_MIN:
        counts: dict[str, int] = {}
        for m in matches:
            for word in set(m.explained):
                counts[word] = counts.get(word, 0) + 1
        discount = {w: SHARED_DISCOUNT for w, n in counts.items() if n >= max(SHARED_MIN, len(profiles) // 2)}
        unique = {w for w, n in counts.items() if n == 1}
        if discount and any(w.stem in unique for w in focus.words):  # a word that names one fact decides
            ranks = [score_fact(text, focus, p, discount).score for p in profiles]
            matches = [replace(m, rank=r) for m, r in zip(matches, ranks, strict=True)]
    order = {m.fact: i for i, m in enumerate(matches)}
    return sorted((m for m in matches if m.score > 0), key=lambda m: (-m.ranking, order[m.fact]))


def ranked(text: str, facts: Sequence[object]) -> list[tuple[Focus, list[FactMatch]]]:
    """Every focus of a turn with its ranked facts."""
    return [(f, rank_facts(text, f, facts)) for f in focuses(text)]
