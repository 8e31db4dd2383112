"""Phrase matching as a listener hears it: word boundaries, plurals, hyphens, negation.

`find_phrases("We don't need a cache", ["cache"])` finds "cache" and marks it negated;
"cachet" and "rapid" never match "cache" and "api". Regexes are compiled once per phrase
and cached, because the planner calls these on every turn.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["PhraseHit", "clause_bounds", "find_phrases", "mentions", "phrase_pattern", "phrase_spans"]


@dataclass(frozen=True, slots=True)
class PhraseHit:
    """One occurrence of a phrase in a text."""

    phrase: str  # the phrase as given (not as written in the text)
    start: int
    end: int
    negated: bool


_TOKEN_SPLIT = re.compile(r"[\s\-_]+")
_SEP = r"(?:[\s\-_/]+|)"  # "dead-letter queue" ~ "dead letter queue" ~ "deadletter queue"
_VOWELS = set("aeiou")


def _inflect(token: str) -> str:
    """A regex for a word and its plural / -ed / -ing / -er forms ("cache" -> caches, caching)."""
    low = token.lower()
    if not low.isalpha() or len(low) < 3:
        # "s3", "pacs.008", "id", "db": exact, with an optional plural "s"
        return re.escape(low) + r"(?:s)?"
    base = low
    if base.endswith("ies") and len(base) > 4:
        base = base[:-3] + "y"
    elif base.endswith("es") and re.search(r"(?:s|x|z|ch|sh)es$", base):
        base = base[:-2]
    elif base.endswith("s") and not base.endswith(("ss", "us", "is")):
        base = base[:-1]
    elif base.endswith("ing") and len(base) >= 7:  # "hashing" -> hash, "caching" -> cach(e)
        base = base[:-3]
        if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "ls":
            base = base[:-1]  # "logging" -> log
        elif base.endswith(("ch", "v", "z", "at", "ut", "ur", "iz", "ag", "ak")) or base.endswith("u"):
            base += "e"  # "caching" -> cache, "queuing" -> queue
    if base.endswith("e"):
        root = re.escape(base[:-1])
        return root + r"(?:e(?:s|d|rs?)?|ings?)"
    if base.endswith("y") and base[-2] not in _VOWELS:
        root = re.escape(base[:-1])
        return root + r"(?:y|ies|ied|ying)"
    root = re.escape(base)
    last = re.escape(base[-1])
    return root + rf"(?:{last}?(?:ed|ings?|ers?)|e?s)?"


def _body(phrase: str) -> str | None:
    tokens = [t for t in _TOKEN_SPLIT.split(phrase.strip()) if t]
    if not tokens:
        return None
    parts = [re.escape(t.lower()) for t in tokens[:-1]] + [_inflect(tokens[-1])]
    return _SEP.join(parts)


@lru_cache(maxsize=4096)
def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The compiled, case-insensitive pattern for a phrase (cached)."""
    body = _body(phrase)
    if body is None:
        return re.compile(r"(?!x)x")
    return re.compile(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _lower_pattern(phrase: str) -> re.Pattern[str]:
    """The phrase's pattern for lowercased text: 3-5x cheaper to compile than IGNORECASE
    (compiling ~200 concept phrases took ~100 ms with IGNORECASE), and faster to run."""
    body = _body(phrase)
    if body is None:
        return re.compile(r"(?!x)x")
    return re.compile(rf"(?<![a-z0-9]){body}(?![a-z0-9])")


# --------------------------------------------------------------------------- negation

# Clause boundaries: punctuation and the conjunctions that start a new thought.
_CLAUSE_BREAK = re.compile(
    r"[.;:!?,()\n]|\s(?:-|—|–)\s|\b(?:but|however|although|though|whereas|while|so|because|"
    r"since|yet|instead|rather|except|unless|then|and\s+then)\b",
    re.IGNORECASE,
)
_NEGATION_BEFORE = re.compile(
    r"\b(?:no|not|never|without|neither|nor|none|nothing|don'?t|doesn'?t|didn'?t|won'?t|wouldn'?t|"
    r"shouldn'?t|can'?t|cannot|isn'?t|aren'?t|wasn'?t|weren'?t|skip|skipping|avoiding\s+the\s+need\s+for|"
    r"no\s+need\s+for|no\s+need\s+to)\b",
    re.IGNORECASE,
)
_NOT_ONLY = re.compile(r"\b(?:not\s+(?:only|just|merely)|no\s+(?:more|less|longer)\s+than)\b", re.IGNORECASE)
_NEGATION_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:is|are|'s|'re|would\s+be|will\s+be)?\s*(?:not|n't|never)\s+(?:needed|necessary|required|"
    r"worth|useful|an\s+option|a\s+good\s+idea|going\s+to\s+help)|^\W*(?:\w+\W+){0,3}?(?:is|are|'s|'re|would\s+be)\s+"
    r"(?:unnecessary|overkill|pointless|not\s+needed)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z0-9']+")
_NEGATION_WINDOW_WORDS = 7


@lru_cache(maxsize=256)
def clause_bounds(text: str) -> tuple[int, ...]:
    """Offsets where clauses break (sorted), cached for the planner's repeated calls."""
    return tuple(m.start() for m in _CLAUSE_BREAK.finditer(text))


def _clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    bounds = clause_bounds(text)
    i = bisect.bisect_right(bounds, start - 1)
    clause_start = 0
    if i > 0:
        prev = bounds[i - 1]
        clause_start = prev + 1
        # skip the rest of a word-boundary conjunction ("but", "because")
        while clause_start < len(text) and text[clause_start].isalpha():
            clause_start += 1
    j = bisect.bisect_left(bounds, end)
    clause_end = bounds[j] if j < len(bounds) else len(text)
    return clause_start, clause_end


_NEGATION_REACH = 160  # characters either side that can hold a governing negation (7 words, 3 after)


def _is_negated(text: str, start: int, end: int) -> bool:
    clause_start, clause_end = _clause_span(text, start, end)
    # An unpunctuated paste is one clause: look only near the phrase, so each hit costs the
    # same however long the answer is (otherwise every hit rescans everything before it).
    if start - clause_start > _NEGATION_REACH:  # cut at a word boundary ("cannot" is not "not")
        clause_start = start - _NEGATION_REACH
        while clause_start < start and text[clause_start].isalnum():
            clause_start += 1
    clause_end = min(clause_end, end + _NEGATION_REACH)
    before = text[clause_start:start]
    words = list(_WORD.finditer(before))
    window_start = words[-_NEGATION_WINDOW_WORDS].start() if len(words) >= _NEGATION_WINDOW_WORDS else 0
    window = before[window_start:]
    negations = list(_NEGATION_BEFORE.finditer(window))
    if negations:
        last = negations[-1]
        if not _NOT_ONLY.match(window, last.start()):
            return True
    after = text[end:clause_end]
    return bool(_NEGATION_AFTER.search(after))


@lru_cache(maxsize=4096)
def _needle(phrase: str) -> str:
    """A lowercase prefix every form of the phrase starts with: a cheap `in` test that skips
    the regex for phrases absent from a text (most of them, on any one turn)."""
    tokens = [t for t in _TOKEN_SPLIT.split(phrase.strip().lower()) if t]
    return tokens[0][:3] if tokens else ""


def _finditer(text: str, lowered: str, phrase: str) -> list[tuple[int, int]]:
    if _needle(phrase) not in lowered:
        return []
    if len(lowered) == len(text):  # offsets agree: match the lowercase text
        return [(m.start(), m.end()) for m in _lower_pattern(phrase).finditer(lowered)]
    return [(m.start(), m.end()) for m in phrase_pattern(phrase).finditer(text)]


def phrase_spans(text: str, phrase: str, lowered: str | None = None) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of one phrase, negated or not."""
    return _finditer(text, lowered if lowered is not None else text.lower(), phrase)


def find_phrases(text: str, phrases: list[str]) -> list[PhraseHit]:
    """Every occurrence of any phrase, in text order, each marked negated or not."""
    lowered = text.lower()
    hits: list[PhraseHit] = []
    for phrase in phrases:
        for start, end in _finditer(text, lowered, phrase):
            hits.append(PhraseHit(phrase, start, end, _is_negated(text, start, end)))
    hits.sort(key=lambda h: (h.start, -h.end))
    return hits


def mentions(text: str, phrases: list[str]) -> bool:
    """True when any phrase occurs without a negation governing it."""
    lowered = text.lower()
    for phrase in phrases:
        for start, end in phrase_spans(text, phrase, lowered):
            if not _is_negated(text, start, end):
                return True
    return False
