"""One reading of a candidate turn, shared by the planner, the scorer and the model path.

`read_turn(text, earlier, vocabulary)` returns a `TurnReading`: the turn's dialogue acts,
its questions (each with what it asks about), its claims (components named, the decision
around each and whether a reason is given) and its figures, every item with its evidence
span (character offsets into the text). Pure and deterministic; linear in the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from interview.text.matching import find_phrases
from interview.text.numbers import Figure, find_figures
from interview.understanding import acts as A
from interview.understanding.acts import Act, Span

# Components and mechanisms a design names; a claim is built around each one found.
COMPONENTS = (
    "load balancer", "api gateway", "gateway", "cdn", "cache", "redis", "memcached", "database",
    "postgres", "postgresql", "mysql", "cassandra", "dynamodb", "mongodb", "hbase", "scylladb", "sql",
    "nosql", "kafka", "queue", "message queue", "sqs", "rabbitmq", "event bus", "pub/sub", "stream",
    "worker", "consumer", "service", "microservice", "monolith", "kubernetes", "service mesh",
    "websocket", "long polling", "replica", "read replica", "standby", "primary", "leader", "shard",
    "sharding", "partition", "consistent hashing", "counter", "sequence number", "hash", "base62",
    "token bucket", "leaky bucket", "sliding window", "rate limiter", "bloom filter", "ledger",
    "outbox", "saga", "two-phase commit", "idempotency key", "dead letter queue", "dlq", "circuit breaker",
    "retry", "backoff", "ttl", "lru", "cache-aside", "write-through", "index", "object storage", "s3",
    "blob store", "search index", "elasticsearch", "zookeeper", "etcd", "raft", "heartbeat", "inbox",
    "push notification", "fan-out", "state machine", "orchestrator", "fail open", "fail closed",
    "multi-region", "active-active", "failover", "replication", "snapshot", "event sourcing", "cqrs",
)  # fmt: skip
# Words that say a turn is about building software at all (for off-topic detection).
_DESIGN_WORDS = re.compile(
    r"\b(?:design|system|server|servers|request|requests|users?|data|store|storage|latency|scale|traffic|api|"
    r"endpoint|write|writes|read|reads|message|messages|payment|payments|link|links|url|urls|second|day|"
    r"million|billion|throughput|availability|consisten\w*|replica\w*|failure|fail\w*|estimate|number)\b",
    re.IGNORECASE,
)
_FOCUS_SKIP = frozenset(
    "what whats how who whom which when where why is are was were do does did can could would will should "
    "the a an of to for in on at by with we you i me my our your it its this that there be have has "
    "about roughly approximately many much any some just please tell know like us so and or what's whats "
    "how's it's that's there's".split()
)


# A sentence ends at . ! ? ; or a newline, but not inside "pacs.008" or "2.5".
_SENTENCE = re.compile(r"(?:[^.!?\n;]|[.!?](?=[^\s.!?]))+[.!?;]*")
_TRAILING = frozenset(
    "a an the to of and or but be is are should would will can for with in on at by that from we "
    "so because which while when if as into than".split()
)
_FILLER = re.compile(r"^(?:so|and|but|then|also|well|ok(?:ay)?|i think|i'd say|i guess)[,\s]+", re.IGNORECASE)


_CONDITION = re.compile(r"(?:if|when|whenever|given|assuming|suppose|say|since|for\s+example)\b", re.I)
_NOT_A_POINT = frozenset("right correct yes yeah sure okay fine good agreed true yep think guess".split())


@dataclass(frozen=True, slots=True)
class Question:
    """One thing the candidate asked, and what it asks about (its content words)."""

    span: Span
    focus: str  # e.g. "new urls created per month"


@dataclass(frozen=True, slots=True)
class Claim:
    """A component named in the turn, the clause deciding on it, and the reason if any."""

    component: str
    span: Span  # the clause (sentence) the component is named in
    reason: Span | None  # the words that give a reason ("because ...", "so that ..."), if any
    negated: bool = False  # "we don't need a cache"


@dataclass
class TurnReading:
    """Everything one candidate turn was read to contain."""

    text: str
    acts: list[Act] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    # TODO(seam): use understanding.working (figures with what they measure) when it lands.
    figures: list[Figure] = field(default_factory=list)
    stuck_on: Span | None = None  # what a non-answer names ("stop two people grabbing the same seat")

    def act(self, kind: str) -> Act | None:
        return next((a for a in self.acts if a.kind == kind), None)

    def has(self, *kinds: str) -> bool:
        return any(a.kind in kinds for a in self.acts)

    @property
    def kinds(self) -> list[str]:
        return [a.kind for a in self.acts]

    @property
    def components(self) -> list[str]:
        return list(dict.fromkeys(c.component for c in self.claims if not c.negated))

    @property
    def unreasoned(self) -> list[Claim]:
        """Claims made without a reason anywhere in their sentence."""
        return [c for c in self.claims if c.reason is None and not c.negated]


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text)]


def focus_of(sentence: str) -> str:
    """What a question asks about: its content words, wh-words and fillers removed."""
    # TODO(seam): use understanding.focus when it lands (ranks facts by the question's focus).
    kept = [w for w in A.words(sentence) if w not in _FOCUS_SKIP]
    return " ".join(kept[:8])


def _key(phrase: str) -> str:
    return re.sub(r"[\s\-_/]+", "", phrase.lower())


# One scan for every component (a regex per phrase made reading a turn 4x slower): longest first,
# so "read replica" is read before "replica"; separators and a plural "s" are tolerated.
_COMPONENT_RE = re.compile(
    r"(?<![a-z0-9])(?:"
    + "|".join(
        r"[\s\-_/]*".join(re.escape(t) for t in re.split(r"[\s\-_/]+", p))
        for p in sorted(COMPONENTS, key=len, reverse=True)
    )
    + r")(?:e?s)?(?![a-z0-9])",
    re.IGNORECASE,
)
_CANONICAL = {_key(p): p for p in COMPONENTS}
_NEGATION = re.compile(
    r"\b(?:no|not|don'?t|doesn'?t|won'?t|without|never|instead\s+of|rather\s+than)\b[^,.;]*$", re.IGNORECASE
)


def _canonical(written: str) -> str:
    key = _key(written)
    for cut in (key, key[:-1], key[:-2]):
        if cut in _CANONICAL:
            return _CANONICAL[cut]
    return written.lower()


def _claims(text: str) -> list[Claim]:
    """Each component named, with its sentence and the reason there; a sentence is read once."""
    claims: list[Claim] = []
    bounds: list[tuple[int, int]] = []
    starts: list[int] = []
    reasons: dict[int, Span | None] = {}
    for hit in _COMPONENT_RE.finditer(text):
        if not bounds:
            bounds = _sentences(text) or [(0, len(text))]
            starts = [b[0] for b in bounds]
        index = max(0, bisect.bisect_right(starts, hit.start()) - 1)
        start, end = bounds[index]
        clause = text[start:end]
        if index not in reasons:
            m = A.REASON.search(clause)
            reasons[index] = (
                Span(start + m.start(), end, text[start + m.start() : end].strip()) if m else None
            )
        lead = len(clause) - len(clause.lstrip())
        negated = bool(_NEGATION.search(text[max(start, hit.start() - 40) : hit.start()]))
        span = Span(start + lead, end, clause.strip())
        claims.append(Claim(_canonical(hit.group(0)), span, reasons[index], negated))
    return claims


def read_turn(
    text: str, earlier: list[str] | None = None, vocabulary: list[str] | None = None
) -> TurnReading:
    """Read one candidate turn.

    `earlier`: the candidate's previous turns (for repetition); `vocabulary`: the scenario's own
    words (fact topics, concept phrases), which make a turn on topic however it is phrased.
    """
    reading = TurnReading(text=text)
    reading.claims = _claims(text)
    reading.figures = find_figures(text)
    for span in A.questions(text):
        reading.questions.append(Question(span, focus_of(span.text)))
    on_topic = bool(reading.claims or reading.figures or _DESIGN_WORDS.search(text))
    if not on_topic and vocabulary:
        on_topic = bool(find_phrases(text, vocabulary))
    found: list[Act] = []
    reading.stuck_on = A.stuck_on(text)
    for kind, span in (
        ("instruction", A.instruction(text)),
        ("non_answer", A.non_answer(text) or reading.stuck_on),
        ("asks_for_answer", A.asks_for_answer(text)),
        ("off_topic", A.off_topic(text, on_topic)),
        ("approval_seeking", A.approval_seeking(text)),
        ("dodge", A.dodge(text)),
    ):
        if span is not None:
            found.append(Act(kind, span))
    ref = A.repeats(text, earlier or [])
    if ref is not None:
        found.append(Act("repeats", Span(0, len(text), text.strip()), ref))
    vague = None if reading.claims or reading.figures or found else A.vague(text)
    if vague is not None and "?" not in text:
        found.append(Act("vague", vague))  # "Should be ok.": nothing said that could be checked
    bare = A.bare_claim(text)
    if bare is not None and reading.claims and not found and not reading.figures:
        found.append(Act("bare_claim", bare))
    approval = any(a.kind == "approval_seeking" for a in found)
    for q in reading.questions:
        if approval and q.span.end >= len(text.rstrip()) and len(reading.questions) == 1:
            continue  # "..., right?" asks for approval, not for information
        found.append(Act("question", q.span))
        break
    if not any(a.kind in ("non_answer", "off_topic", "instruction", "question") for a in found):
        found.insert(0, Act("answer", Span(0, len(text), text.strip())))
    reading.acts = found
    return reading


def _says_something(sentence: str) -> bool:
    return len([w for w in A.words(sentence) if w not in _FOCUS_SKIP and len(w) > 3]) >= 3


def _part_at(clause: str, at: int) -> str | None:
    """The comma/semicolon part of a clause holding character `at`, without its joining word."""
    start = 0
    for m in re.finditer(r"[;:(]|,\s", clause):
        if m.start() >= at:
            break
        start = m.end()
    end = next((m.start() for m in re.finditer(r"[;:(]|,\s", clause) if m.start() >= at), len(clause))
    part = re.sub(r"^(?:and|but|so|then|or|while|which)\s+", "", clause[start:end].strip(), flags=re.I)
    return _FILLER.sub("", part).strip() or None


def echo(reading: TurnReading, near: int | None = None, limit: int = 8) -> str:
    """A short phrase of the candidate's own to name back ("a counter handed out in ranges").

    The clause of the claim nearest `near` (a character offset), else of the first claim,
    else the turn's first clause; cut to `limit` words on a word boundary.
    """
    text = reading.text
    spans = [c.span for c in reading.claims if not c.negated]
    if near is not None:
        inside = [s for s in spans if s.start <= near < s.end]
        spans = inside or sorted(spans, key=lambda s: abs(s.start - near))
    at: int | None = None  # where `near` falls inside the clause
    if spans:
        clause = spans[0].text
        if near is not None and spans[0].start <= near < spans[0].end:
            at = near - spans[0].start
    else:  # the first sentence that says something ("Let me summarise." does not)
        sentences = [text[s:e].strip() for s, e in _sentences(text)]
        clause = next(
            (c for c in sentences if _says_something(c)), sentences[0] if sentences else text.strip()
        )
    trigger = _part_at(clause, at) if at is not None else None  # the part that named it, if one
    clause = _FILLER.sub("", clause)
    parts = [p.strip() for p in re.split(r"[;:(]|,\s", clause)]  # not inside "4,000"
    real = [p for p in parts if len(p.split()) >= 3]
    # Their point, not the condition it answers ("If a big concert has 50,000 seats" is the input).
    part = next((p for p in real if not _CONDITION.match(p)), real[0] if real else None)
    if trigger is not None and len(trigger.split()) >= 3 and not _CONDITION.match(trigger):
        part = trigger  # "..., and a notification service pushes it over a websocket": that part
        word = reading.text[near:].split()[0] if near is not None and reading.text[near:].split() else ""
        reach = trigger.split().index(word) + 1 if word in trigger.split() else 0
        limit = max(limit, min(reach, 12))  # keep the word that triggered it in what is quoted
    if part is not None and _CONDITION.match(part) and any(ch.isdigit() for ch in part):
        return ""  # only the figures they were given, restated as a condition
    if part is not None:  # a clause's first real part reads better than words cut mid-phrase
        clause = part
    said = clause.split()
    said = said if len(said) <= limit + 2 else said[:limit]  # two more words end it, not a cut mid-phrase
    while len(said) > 2 and said[-1].lower().strip(".,;:!?") in _TRAILING:
        said.pop()  # "should be enough to" reads cut off; "should be enough" does not
    quoted = " ".join(said).rstrip(".,;:!?")
    content = [w for w in A.words(quoted) if w not in _FOCUS_SKIP and w not in _NOT_A_POINT and len(w) > 2]
    return quoted if content else ""  # "right", "is that ok" are nothing to name back
