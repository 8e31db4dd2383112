"""Scoring each rubric criterion 1-4 from the evidence, with the quotes and gaps behind it.

Each criterion is a weighted blend of components (concepts explained, questions asked,
figures within tolerance, trade-offs argued, ...), each 0..1. The blend is the criterion's
strength; the strength needed for a 4 rises with the level (mid < senior < staff).
A criterion with no evidence at all is marked insufficient and scored at the bottom.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from interview.catalog.models import Concept, Criterion, Scenario
from interview.scoring import board
from interview.scoring.evidence import ConceptEvidence, Evidence
from interview.scoring.turns import Sentence

Span = tuple[int, int, int]  # turn, start, end

LEVEL_BAR = {"mid": 0.7, "senior": 0.92, "staff": 0.95}
"""The strength that earns a 4 at each level."""
CURVE = 0.75
"""Points = 1 + 3 * (strength / bar) ** CURVE: partial evidence counts for a little more than
linear, so an honest middling answer lands in the middle of the scale, not at the bottom."""
STAFF_CURVE = 1.0
"""At staff level partial evidence earns no such allowance: the bar is met in full or the grade shows it."""


@dataclass(slots=True)
class Component:
    """One strand of evidence for a criterion."""

    weight: float
    value: float  # 0..1
    note: str = ""  # what was seen, for the one-line why
    quotes: list[Span] = field(default_factory=list)
    shown: bool = False  # the note belongs in the why line even when the value is 0 ("0 of 7 ... 6 off")


@dataclass(slots=True)
class CriterionResult:
    """A criterion's grade and what justifies it."""

    criterion: Criterion
    strength: float
    points: float  # 1.0 .. 4.0, unrounded (the overall uses these)
    score: int
    insufficient: bool
    components: list[Component]
    missing: list[str]
    weak_concepts: list[str]  # concept ids not explained, most important first
    quotes: list[Span]


def _sat(n: float, k: float) -> float:
    return 0.0 if k <= 0 else max(0.0, min(1.0, n / k))


def _spans(sentences: list[Sentence], limit: int = 3) -> list[Span]:
    return [(s.turn, s.start, s.end) for s in sentences[:limit]]


def _count(n: int, label: str) -> str:
    """ "3 calculations shown", "1 calculation shown": `label` marks plurals with {s}."""
    return f"{n} " + label.replace("{s}", "" if n == 1 else "s")


def _signal(ev: Evidence, kind: str, weight: float, k: float, label: str) -> Component:
    found = ev.signal(kind)
    note = _count(len(found), label) if found else ""
    return Component(weight, _sat(len(found), k), note, _spans(found))


_ACRONYMS = {
    "api": "API", "apis": "APIs", "id": "ID", "ids": "IDs", "ttl": "TTL", "cdn": "CDN", "sql": "SQL",
    "nosql": "NoSQL", "db": "DB", "kv": "KV", "iso": "ISO", "aml": "AML", "tps": "TPS", "qps": "QPS",
    "http": "HTTP", "cap": "CAP", "acid": "ACID", "spof": "SPOF", "uetr": "UETR", "e2e": "E2E",
    "rpo": "RPO", "rto": "RTO", "sla": "SLA", "slo": "SLO", "dlq": "DLQ", "cdc": "CDC",
    "iso20022": "ISO 20022", "ot": "OT", "crdt": "CRDT", "tsdb": "TSDB", "dc": "DC", "ha": "HA",
    "bfs": "BFS", "html": "HTML", "url": "URL", "urls": "URLs", "dns": "DNS", "gps": "GPS", "kafka": "Kafka",
    "redis": "Redis", "sms": "SMS", "n": "N",
}  # fmt: skip
_HYPHENATED = (
    "trade-off", "trade-offs", "read-heavy", "write-heavy", "key-value", "end-to-end", "at-least-once",
    "at-most-once", "exactly-once", "multi-device", "fan-out", "double-entry", "append-only",
    "active-active", "back-of-envelope", "wide-column", "non-functional", "rate-limit", "multi-region",
)  # fmt: skip


def concept_label(concept_id: str, phrases: list[str] | tuple[str, ...] = ()) -> str:
    """A readable name for a concept id: "read_heavy" -> "read-heavy", "create_and_redirect_api" -> "... API".

    Hyphenated phrases of the concept itself ("key-value") and common hyphenated terms are restored.
    """
    words = [_ACRONYMS.get(w, w) for w in re.split(r"[_\-\s]+", concept_id) if w]
    label = " ".join(words)
    for term in (*(p for p in phrases if "-" in p), *_HYPHENATED):
        spaced = term.replace("-", " ")
        label = re.sub(rf"\b{re.escape(spaced)}\b", term, label, flags=re.IGNORECASE)
    return label


def concept_name(concept: Concept) -> str:
    """How the report names a concept: its `name`, else its id in words ("read_heavy" -> "read-heavy")."""
    return concept.name.strip() or concept_label(concept.id, concept.phrases)


def _concepts(
    ev: Evidence, criterion_id: str, weight: float, phase: str | None = None
) -> tuple[Component | None, list[str], list[str]]:
    """The concept component of a criterion; quotes only from `phase` when given (a scoping
    quote comes from the requirements, not from a deep-dive aside).

    Each concept has one status: explained, named, missing or wrong (a misconception). Wrong
    concepts cost credit; their sentences are never quoted as evidence (they are corrections).
    """
    items = [c for c in ev.concepts.values() if c.concept.criterion == criterion_id]
    if not items:
        return None, [], []
    total = sum(c.concept.weight for c in items)
    value = max(0.0, sum(c.concept.weight * c.credit for c in items) / total)
    by_status: dict[str, list[ConceptEvidence]] = {}
    for c in items:
        by_status.setdefault(c.status, []).append(c)

    def names(status: str) -> str:
        return ", ".join(concept_name(c.concept) for c in by_status.get(status, []))

    parts = []
    if "explained" in by_status:
        parts.append("explained " + names("explained"))
    if "named" in by_status:
        parts.append("named without explaining " + names("named"))
    if "wrong" in by_status:
        parts.append("misconception about " + names("wrong"))
    ranked = sorted(items, key=lambda c: -c.credit)
    quotes = [
        (c.best.turn, c.best.start, c.best.end)
        for c in ranked
        if c.best is not None
        and c.status in ("explained", "named")
        and (c.best.turn, c.best.start) not in ev.excluded
        and (phase is None or c.best.phase == phase)
    ]
    weak = sorted((c for c in items if c.status != "explained"), key=lambda c: (-c.concept.weight, c.credit))
    suffix = {"named": " (named, not explained)", "wrong": " (misconception)", "missing": ""}
    missing = [concept_name(c.concept) + suffix[c.status] for c in weak]
    component = Component(weight, value, "; ".join(parts), quotes[:3], shown="wrong" in by_status)
    return component, missing, [c.concept.id for c in weak]


def _requirements(ev: Evidence, scenario: Scenario) -> list[Component]:
    out = [_signal(ev, "question", 0.25, 4, "clarifying question{s}")]
    if scenario.facts:
        asked = len(ev.facts_asked)
        out.append(
            Component(
                0.25,
                _sat(asked, min(len(scenario.facts), 5)),
                f"asked about {asked} of {len(scenario.facts)} hidden facts" if asked else "",
            )
        )
    out.append(_signal(ev, "non_functional", 0.15, 2, "non-functional requirement{s} raised"))
    scoping = ev.signal("assumption") + ev.signal("scope")
    out.append(
        Component(
            0.1,
            _sat(len(scoping), 2),
            _count(len(scoping), "assumption{s} or scope call{s}") if scoping else "",
            _spans(scoping, 2),
        )
    )
    return out


def _estimation(ev: Evidence, scenario: Scenario) -> list[Component]:
    out = []
    if ev.estimates:
        right = [e for e in ev.estimates if e.check.within_tolerance]
        wrong = [e for e in ev.estimates if e.check.within_tolerance is False and not e.check.assumed]
        assumed = [e for e in ev.estimates if e.check.within_tolerance is False and e.check.assumed]
        need = max(1, math.ceil(0.6 * len(ev.estimates)))
        value = max(0.0, _sat(len(right) + ASSUMED_CREDIT * len(assumed), need) - 0.1 * len(wrong))
        note = f"{len(right)} of {len(ev.estimates)} reference figures within tolerance"
        if wrong:
            note += f", {len(wrong)} off"
        if assumed:
            note += f", {len(assumed)} worked right from other inputs"
        quotes = [(e.check.turn, e.start, e.end) for e in right if e.check.turn is not None]
        out.append(
            Component(
                0.45, value, note if right or wrong else "", _sentence_spans(ev, quotes), shown=bool(wrong)
            )
        )
    arithmetic = _signal(ev, "arithmetic", 0.2, 3, "calculation{s} shown")
    in_design = _signal(ev, "numbers_in_design", 0.15, 3, "design statement{s} backed by numbers")
    accuracy = estimate_accuracy(ev)
    if accuracy is not None:
        # working that lands on wrong figures is worth less than working that lands on right ones
        arithmetic.value *= 0.5 + 0.5 * accuracy
        in_design.value *= 0.5 + 0.5 * accuracy
    return [*out, arithmetic, in_design]


ASSUMED_CREDIT = 0.5
"""Credit for a figure off only because it rests on other inputs (right method, other premise)."""
MISCONCEPTION_POINTS = 0.6
"""Points a criterion loses for each concept of it stated with a misconception (up to the cap)."""
MISCONCEPTION_CAP = 1.5
MOSTLY_WRONG_CAP = 2.4
"""Points cap for estimation when most of at least three checked figures are off."""


def estimate_accuracy(ev: Evidence) -> float | None:
    """Share of the candidate's checked figures within tolerance; None with fewer than two checked."""
    checked = [e for e in ev.estimates if e.check.within_tolerance is not None]
    if len(checked) < 2:
        return None
    right = sum(
        1.0 if e.check.within_tolerance else ASSUMED_CREDIT if e.check.assumed else 0.0 for e in checked
    )
    return right / len(checked)


def _sentence_spans(ev: Evidence, spans: list[Span]) -> list[Span]:
    """Widen figure spans to the sentence they sit in, so the quote shows the working."""
    out: list[Span] = []
    for turn, start, _end in spans:
        for ct in ev.transcript.candidate:
            if ct.turn != turn:
                continue
            for s in ct.sentences:
                if s.start <= start < s.end:
                    span = (turn, s.start, s.end)
                    if span not in out:
                        out.append(span)
    return out[:3]


def _api(ev: Evidence, scenario: Scenario) -> list[Component]:
    return [
        _signal(ev, "endpoint", 0.3, 2, "API endpoint{s} defined"),
        _signal(ev, "contract", 0.15, 2, "statement{s} about inputs, outputs or errors"),
        _signal(ev, "schema", 0.25, 2, "data model statement{s}"),
    ]


def _high_level(ev: Evidence, scenario: Scenario) -> list[Component]:
    said = {k.split(":", 1)[1] for k in ev.signals if k.startswith("component:") and k != "component:clients"}
    drawn = ev.board.kinds - said if ev.board else set()
    kinds = said | drawn
    quotes = [s for k in ev.signals if k.startswith("component:") for s in ev.signals[k][:1]]
    note = _count(len(kinds), f"component{{s}} ({', '.join(sorted(kinds))})") if kinds else ""
    if drawn:
        note += f", {len(drawn)} of them only on the whiteboard"
    comp = Component(0.2, _sat(len(kinds), 4), note, _spans(quotes, 2))
    flows = ev.signal("flow")
    path = ev.board.path if ev.board else []
    drawn_flow = len(path) >= 3  # a drawn request path is one walkthrough
    flow_note = _count(len(flows), "data-flow walkthrough{s}") if flows else ""
    if drawn_flow:
        flow_note = "; ".join(p for p in (flow_note, "a request path drawn on the whiteboard") if p)
    flow = Component(0.25, _sat(len(flows) + drawn_flow, 3), flow_note, _spans(flows))
    return [comp, flow]


def _deep_dive(ev: Evidence, scenario: Scenario) -> list[Component]:
    phases = ("deep_dive",) if scenario.phase("deep_dive") else None
    sentences = ev.transcript.sentences(phases)
    deep = [s for s in sentences if s.substantive and (s.turn, s.start) not in ev.excluded]
    words = sum(s.words for s in deep)
    return [
        _signal(ev, "bottleneck", 0.25, 3, "bottleneck or capacity argument{s}"),
        Component(0.2, _sat(words, 300), f"{words} words of reasoning in the deep dive" if words else ""),
    ]


def _reliability(ev: Evidence, scenario: Scenario) -> list[Component]:
    found = ev.signal("failure")
    redundant = ev.board.redundant if ev.board else []
    count = len(found) + board.REDUNDANCY_WEIGHT * len(redundant)
    notes = [_count(len(found), "failure-handling explanation{s}")] if found else []
    if redundant:
        notes.append("drawn redundant on the whiteboard: " + ", ".join(redundant[:3]))
    return [Component(0.5, _sat(count, 4), "; ".join(notes), _spans(found))]


def _trade_offs(ev: Evidence, scenario: Scenario) -> list[Component]:
    return [_signal(ev, "trade_off", 0.55, 3, "trade-off{s} argued with a reason")]


def _communication(ev: Evidence, scenario: Scenario, time_adherence: float | None) -> list[Component]:
    reasoned = ev.signal("reasoned")
    out = [
        _signal(ev, "signpost", 0.2, 3, "turn{s} with signposting"),
        _signal(ev, "check_in", 0.15, 2, "check-in{s} with the interviewer"),
        Component(
            0.45,
            _sat(len(reasoned), 12),
            _count(len(reasoned), "sentence{s} reasoning out loud") if reasoned else "",
            _spans(reasoned, 2),
        ),
    ]
    if time_adherence is not None:
        note = "kept to the phase plan" if time_adherence >= 0.8 else "ran over or skipped phases of the plan"
        out.append(Component(0.2, time_adherence, note))
    return out


EXTRACTORS: dict[str, Callable[[Evidence, Scenario], list[Component]]] = {
    "requirements": _requirements,
    "estimation": _estimation,
    "api_and_data_model": _api,
    "high_level_design": _high_level,
    "deep_dive": _deep_dive,
    "reliability": _reliability,
    "trade_offs": _trade_offs,
}
CONCEPT_SHARE = {
    "requirements": 0.25,
    "estimation": 0.2,
    "api_and_data_model": 0.3,
    "high_level_design": 0.55,
    "deep_dive": 0.55,
    "reliability": 0.5,
    "trade_offs": 0.45,
}


STAFF_EXPECTATIONS: dict[str, tuple[str, float, str]] = {
    "trade_offs": ("unprompted_trade_off", 3, "trade-off{s} raised unprompted"),
    "reliability": ("failure_first", 1, "failure mode{s} raised before the deep dive"),
    "high_level_design": ("sequencing", 2, "statement{s} on sequencing or migration"),
    "deep_dive": ("cost", 1, "statement{s} on cost"),
}
"""At staff level a criterion also weighs what a staff engineer brings unasked (see scoring/staff.py)."""
STAFF_WEIGHT = 1.0


# A rubric written by a user may name its criteria differently: read them by their words.
_KIND_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("communication", re.compile(r"communicat|collaborat|present|clarity", re.I)),
    ("requirements", re.compile(r"require|scop|problem|clarif", re.I)),
    ("estimation", re.compile(r"estimat|back.of|capacity|math|sizing", re.I)),
    ("api_and_data_model", re.compile(r"\bapi|interface|data.model|schema|contract|storage", re.I)),
    ("trade_offs", re.compile(r"trade|judg|decision", re.I)),
    ("reliability", re.compile(r"reliab|fault|failure|resilien|availab|operat|monitor|durab", re.I)),
    ("deep_dive", re.compile(r"deep|depth|technical|scal|performance|bottleneck", re.I)),
    ("high_level_design", re.compile(r"architect|high.level|design|component", re.I)),
]


def criterion_kind(criterion: Criterion) -> str | None:
    """Which built-in reading fits a criterion: by id, else by the words of its id and name."""
    if criterion.id in EXTRACTORS or criterion.id == "communication":
        return criterion.id
    words = f"{criterion.id.replace('_', ' ')} {criterion.name}"
    return next((kind for kind, pattern in _KIND_WORDS if pattern.search(words)), None)


def _reasoning(ev: Evidence, scenario: Scenario) -> list[Component]:
    """For a criterion the scorer cannot read specifically: reasoning heard at all."""
    return [_signal(ev, "reasoned", 1.0, 12, "sentence{s} reasoning out loud")]


def score_criterion(
    criterion: Criterion, ev: Evidence, scenario: Scenario, level: str, time_adherence: float | None
) -> CriterionResult:
    """Grade one criterion from the evidence."""
    kind = criterion_kind(criterion)
    if kind == "communication":
        components = _communication(ev, scenario, time_adherence)
    elif kind is not None:
        components = EXTRACTORS[kind](ev, scenario)
    else:
        has_concepts = any(c.criterion == criterion.id for c in scenario.concepts)
        components = [] if has_concepts else _reasoning(ev, scenario)
    if level == "staff" and kind in STAFF_EXPECTATIONS:
        signal, k, label = STAFF_EXPECTATIONS[kind]
        components.append(_signal(ev, signal, STAFF_WEIGHT, k, label))
    quote_phase = "requirements" if kind == "requirements" and scenario.phase("requirements") else None
    concept_component, missing, weak = _concepts(
        ev, criterion.id, CONCEPT_SHARE.get(kind or "", 1.0), quote_phase
    )
    if concept_component is not None:
        components.append(concept_component)
    if kind == "estimation":
        missing = missing + [e.estimate.label for e in ev.estimates if not e.check.within_tolerance]
    total = sum(c.weight for c in components)
    strength = sum(c.weight * c.value for c in components) / total if total else 0.0
    has_evidence = any(c.value > 0 for c in components if c.note or c.quotes)
    bar = LEVEL_BAR.get(level, LEVEL_BAR["senior"])
    curve = STAFF_CURVE if level == "staff" else CURVE
    points = 1.0 + 3.0 * min(1.0, strength / bar) ** curve if has_evidence else 1.0
    if kind == "estimation":
        accuracy = estimate_accuracy(ev)
        checked = sum(1 for e in ev.estimates if e.check.within_tolerance is not None)
        if accuracy is not None and checked >= 3 and accuracy < 0.5:
            points = min(points, MOSTLY_WRONG_CAP)  # a method that lands on wrong numbers is not a 3
    wrong = sum(1 for c in ev.concepts.values() if c.concept.criterion == criterion.id and c.corrections)
    if wrong:  # a confidently wrong claim is worse than silence: an interviewer marks it down
        points = max(1.0, points - min(MISCONCEPTION_CAP, MISCONCEPTION_POINTS * wrong))
    if kind == "reliability" and ev.board is not None and ev.board.unanswered:  # a drawn SPOF left standing
        points = max(1.0, points - min(board.FINDING_CAP, board.FINDING_POINTS * len(ev.board.unanswered)))
        missing = missing + [f.title for f in ev.board.unanswered]
    score = max(1, min(4, math.floor(points + 0.5)))
    quotes: list[Span] = []
    for component in sorted(components, key=lambda c: -c.weight * c.value):
        for span in component.quotes:
            if span not in quotes:
                quotes.append(span)
    return CriterionResult(
        criterion, strength, points, score, not has_evidence, components, missing, weak, quotes[:4]
    )
