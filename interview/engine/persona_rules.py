"""When a persona's rule fires: its trigger, in its sense, in its phases, away from `not_near`.

A rule is read sentence by sentence. A trigger counts only when it is not negated, when the
sentence also holds one of the rule's `sense` phrases (or the trigger is one), and when no
`not_near` phrase shares its sentence. Sentences of arithmetic ("10M keys x 100 bytes per
counter = 1 GB") are estimates, not design claims: only rules meant for estimation read them.
The rule's question names the candidate's own component ("If the Redis counter store dies").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from interview.catalog.models import Rule
from interview.text.matching import find_phrases, mentions

_SENTENCE = re.compile(r"[^\n.!?;]+(?:[.!?;](?!\w)|\n|$)|[^\n]+?(?:\n|$)")
_ARITHMETIC = re.compile(r"\d[\d.,]*\s*[a-zA-Z/]*\s*(?:[x×*/÷=≈~]|->|→)\s*~?\d")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-/.]*[A-Za-z0-9]|[A-Za-z0-9]")
# Words that may extend a trigger into the candidate's name for a component.
_PARTS = frozenset(
    """
    store stores cache caches cluster clusters queue queues server servers service services database
    databases db node nodes instance instances table tables counter counters broker brokers topic topics
    stream streams worker workers pool pools layer tier replica replicas shard shards gateway balancer
    bucket buckets index log ledger proxy api endpoint job jobs consumer consumers producer scheduler
    coordinator generator sequence primary leader master cdn redis kafka memcached postgres mysql
    dynamodb cassandra zookeeper etcd lock
    """.split()
)
_QUALIFIERS = frozenset(
    "central centralised centralized shared global single one main primary in-memory distributed "
    "local counter key rate session cache message ticket id".split()
)


@dataclass(frozen=True)
class RuleHit:
    """One rule fired by one candidate turn."""

    rule: str
    triggers: int  # distinct trigger phrases that counted (more = more reason to ask)
    component: str  # the candidate's name for the thing, "the Redis counter store"
    question: str  # the rule's question with the component filled in
    start: int  # the first counted trigger, for evidence
    end: int


UNSTATED_PHASES_SKIP = ("requirements", "estimation")


def applies_in(rule: Rule, phase: str) -> bool:
    """Rules fire in their phases; a rule without phases waits for the design: not while scoping,
    nor while estimating ("400 TB of uploads a day" is a figure, not an upload form to validate)."""
    return phase in rule.phases if rule.phases else phase not in UNSTATED_PHASES_SKIP


def sentences(text: str) -> list[tuple[int, int]]:
    """Offsets of the sentences (and lines) of a turn."""
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]


def _is_arithmetic(sentence: str) -> bool:
    return bool(_ARITHMETIC.search(sentence))


def component_name(text: str, start: int, end: int, fallback: str) -> str:
    """The candidate's words for the component a trigger names ("a Redis counter store")."""
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    inside = [i for i, (_, a, b) in enumerate(words) if a < end and b > start]
    if not inside:
        return fallback
    first, last = inside[0], inside[-1]
    while last + 1 < len(words) and last - inside[-1] < 3:
        nxt = words[last + 1]
        gap = text[words[last][2] : nxt[1]]
        if gap.strip() or nxt[0].lower() not in _PARTS:
            break
        last += 1
    while first > 0 and inside[0] - first < 2:
        prev = words[first - 1]
        gap = text[prev[2] : words[first][1]]
        word = prev[0]
        proper = word[:1].isupper() and first - 1 > 0 and not _sentence_start(text, prev[1])
        if gap.strip() or not (word.lower() in _QUALIFIERS or word.lower() in _PARTS or proper):
            break
        first -= 1
    phrase = text[words[first][1] : words[last][2]]
    if phrase.lower() in ("one", "single") or (first == last and re.search(r"[a-z](?:ed|ing)$", phrase)):
        return fallback  # "cached", "queueing": a verb, not a thing to name ("What goes in the cached")
    if first == last and phrase[:1].isupper() and phrase.lower() in _PARTS:
        return phrase  # a product by name: "If Redis dies", not "If the Redis dies"
    return "the " + phrase if not phrase.lower().startswith("the ") else phrase


def _sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before[-1] in ".!?\n:;"


def fill(ask: str, component: str) -> str:
    """The rule's question with `{component}` filled in (capitalised at a sentence start)."""

    def repl(m: re.Match[str]) -> str:
        starts = m.start() == 0 or ask[: m.start()].rstrip()[-1:] in ".!?"
        return component[:1].upper() + component[1:] if starts else component

    return re.sub(r"\{component\}", repl, ask)


def rule_hit(rule: Rule, text: str) -> RuleHit | None:
    """Whether one rule's trigger counts anywhere in the turn (phases and `unless` aside)."""
    counted: list[tuple[str, int, int]] = []
    for s_start, s_end in sentences(text):
        sentence = text[s_start:s_end]
        if _is_arithmetic(sentence) and "estimation" not in rule.phases:
            continue  # a figure's working, not a design claim
        hits = [h for h in find_phrases(sentence, rule.when) if not h.negated]
        if not hits:
            continue
        if rule.not_near and mentions(sentence, rule.not_near):
            continue
        in_sense = not rule.sense or mentions(sentence, rule.sense)
        for h in hits:
            if in_sense or mentions(sentence[h.start : h.end], rule.sense):
                counted.append((h.phrase, s_start + h.start, s_start + h.end))
    if not counted:
        return None
    _, start, end = counted[0]
    component = component_name(text, start, end, rule.component)
    return RuleHit(
        rule=rule.id,
        triggers=len({p for p, _, _ in counted}),
        component=component,
        question=fill(rule.ask, component),
        start=start,
        end=end,
    )


def fire(
    rules: Iterable[Rule], text: str, phase: str, *, said: str = "", asked: Iterable[str] = ()
) -> list[RuleHit]:
    """The rules this turn fires, most reason first (ties: the persona's order).

    `said`: everything the candidate has said so far (a rule whose `unless` was ever said is
    answered already); `asked`: keys of questions already asked ("rule:<id>").
    """
    done = set(asked)
    hits: list[RuleHit] = []
    for rule in rules:
        if not applies_in(rule, phase) or f"rule:{rule.id}" in done:
            continue
        hit = rule_hit(rule, text)
        if hit is None or (rule.unless and mentions(said or text, rule.unless)):
            continue
        hits.append(hit)
    order = {h.rule: i for i, h in enumerate(hits)}
    return sorted(hits, key=lambda h: (-h.triggers, order[h.rule]))


def plain_question(rule: Rule) -> str:
    """The rule's question when no turn named the component."""
    return fill(rule.ask, rule.component)
