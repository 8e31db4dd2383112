"""Evidence read from the candidate's turns: concepts explained, figures checked, signals heard.

A concept counts fully only when the candidate explains it near the phrase (a reason, a
number, a consequence or a choice against an alternative) in a sentence that reads like
reasoning. A bare mention earns a little; a term in a list earns almost nothing; and a sentence
that names many concepts needs about seven words per concept to explain each, so stuffing
a sentence with buzzwords does not pay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interview.catalog.models import Concept, Estimate, Scenario
from interview.scoring import signals
from interview.scoring.report import EstimateCheck, SaidFigure
from interview.scoring.turns import Sentence, Transcript
from interview.text.matching import find_phrases, mentions
from interview.text.numbers import find_figures
from interview.understanding.references import attempts

EXPLAINED = 1.0
BARE = 0.3
LISTED = 0.08
HAZARD = re.compile(
    r"single\s+points?\s+of\s+failure|spof|bottleneck|thundering|stampede|hot\s*(?:spot|key|partition|shard|account)|"
    r"data\s+loss|double[\s-]+spend|race|split[\s-]+brain|duplicat|collision|downtime|outage|overload|contention|"
    r"lost|losing|stale|inconsisten",
    re.IGNORECASE,
)
"""Concept phrases that name a problem: a negated mention ("no SPOF") addresses the concept."""
WORDS_PER_CONCEPT = 7  # words a sentence needs per concept it names to explain each fully


@dataclass(slots=True)
class ConceptEvidence:
    """How well one concept was covered."""

    concept: Concept
    credit: float = 0.0  # 0..1
    explained: bool = False
    best: Sentence | None = None
    mentions: int = 0
    listed: int = 0  # mentions inside lists of terms


@dataclass(slots=True)
class EstimateEvidence:
    """A reference figure and the candidate's best attempt at it."""

    estimate: Estimate
    check: EstimateCheck
    attempts: int = 0
    exact: bool = False  # said in the reference's own unit (not converted)
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class Evidence:
    """Everything the criteria are scored from."""

    transcript: Transcript
    concepts: dict[str, ConceptEvidence] = field(default_factory=dict)
    estimates: list[EstimateEvidence] = field(default_factory=list)
    signals: dict[str, list[Sentence]] = field(default_factory=dict)
    facts_asked: list[str] = field(default_factory=list)
    phrase_hits: int = 0
    listed_hits: int = 0

    def signal(self, kind: str) -> list[Sentence]:
        return self.signals.get(kind, [])


_GENERIC = frozenset(
    """fast faster fastest quick quickly speed speedy scalable scale scales scaling scalability reliable
    reliability reliably performance performant efficient efficiency better best good great nice robust
    simple simpler easy easier standard industry popular modern powerful flexible high higher low lower
    availability available secure security safe safer big bigger large small lot lots many much works
    work working well important needed necessary common commonly everyone typical typically usually
    always proven battle tested cheap cheaper optimal optimized way thing things stuff really very also
    too just like because since use uses using used have has need needs want choose pick would will
    should could can get gets make makes made handle handles handling sure then there their they them
    what which when where this that these those with from into onto about over under more most less
    least other another some any all each every not only able well known solution approach option system
    design designs component components service services data good""".split()
)
_CONTENT_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
SPECIFIC_WORDS = 3
"""Content words (beyond the concept terms and generic praise) an explanation needs."""


def _specific(text: str, need: int = SPECIFIC_WORDS) -> bool:
    """The sentence says something particular, not "because it is fast and scalable"."""
    words = [w.lower().strip("'’-") for w in _CONTENT_WORD.findall(text)]
    specific = {w for w in words if w not in _GENERIC and w not in _STOP}
    return len(specific) >= need or _has_number(text)


_BECAUSE = re.compile(r"\b(?:because(?:\s+of)?|since|due\s+to|thanks\s+to)\b", re.IGNORECASE)
REASON_WORDS = 2
"""Specific words a "because ..." clause needs.

"since reads dominate" is a reason; "because it is scalable" is not."""


def _specific_reason(rest: str) -> bool:
    """Specific, and when it gives its reasons with "because", every reason says something particular.

    "We use Kafka because it is scalable and reliable" names a topic and praises it: the words
    before "because" only restate what was chosen, so they do not make the reason specific.
    """
    if not _specific(rest):
        return False
    parts = _BECAUSE.split(rest)
    if len(parts) == 1 or _has_number(rest):
        return True
    return all(
        _specific(re.split(r"[,;]\s*(?:and\s+)?|\band\b(?=[^,]*\bbecause\b)", part)[0], REASON_WORDS)
        for part in parts[1:]
    )


_STOP = frozenset(
    """the and for are was were been being you your our ours its it's we'd we'll i'd i'll i'm let's does did
    doing don't isn't aren't won't one two three first second next yes yeah okay""".split()
)


def _explained(sentence: Sentence, next_sentence: Sentence | None, rest: str) -> bool:
    """A specific reason, number, consequence or alternative near the phrase, in a reasoning sentence.

    `rest` is the sentence with every concept term blanked out, so the terms themselves never
    count as the explanation.
    """
    if sentence.listy or sentence.words < 5:
        return False
    if (signals.EXPLAINS.search(rest) or _has_number(rest)) and _specific_reason(rest):
        return True
    if next_sentence is not None and next_sentence.substantive:
        lead = next_sentence.text.lstrip().lower()
        if lead.startswith(
            ("that ", "this ", "it ", "so ", "because", "which", "otherwise", "the reason", "that's")
        ):
            follow = next_sentence.text
            return bool(signals.EXPLAINS.search(follow) or _has_number(follow)) and _specific_reason(follow)
    return False


def _has_number(text: str) -> bool:
    return any(f.unit is not None for f in find_figures(text))


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


@dataclass(slots=True)
class ConceptHits:
    """Concept phrases found in one sentence: which concepts (not negated) and every span."""

    concepts: list[str]
    spans: list[tuple[int, int]]  # offsets within the sentence


def concept_hits(scenario: Scenario, transcript: Transcript) -> dict[tuple[int, int], ConceptHits]:
    """Concept phrase hits per sentence, keyed by (turn, sentence start).

    Phrases are matched once per turn (not per sentence and concept): the slow part of scoring.
    """
    owners: dict[str, list[str]] = {}
    for concept in scenario.concepts:
        for phrase in concept.phrases:
            owners.setdefault(phrase, []).append(concept.id)
    phrases = list(owners)
    out: dict[tuple[int, int], ConceptHits] = {}
    for turn in transcript.candidate:
        hits = find_phrases(turn.text, phrases)
        for sentence in turn.sentences:
            inside = [h for h in hits if sentence.start <= h.start and h.end <= sentence.end]
            concepts: list[str] = []
            for h in inside:
                # "no single point of failure", "without a thundering herd": negating a hazard is the point
                if not h.negated or HAZARD.search(h.phrase):
                    concepts.extend(c for c in owners[h.phrase] if c not in concepts)
            spans = [(h.start - sentence.start, h.end - sentence.start) for h in inside]
            out[(sentence.turn, sentence.start)] = ConceptHits(concepts, spans)
    return out


def collect_concepts(
    scenario: Scenario, transcript: Transcript, hits: dict[tuple[int, int], ConceptHits]
) -> tuple[dict[str, ConceptEvidence], int, int]:
    """Concept coverage with explanation credit; also counts of phrase hits and listed hits."""
    found = {c.id: ConceptEvidence(c) for c in scenario.concepts}
    total_hits = listed_hits = 0
    for turn in transcript.candidate:
        sentences = turn.sentences
        for i, sentence in enumerate(sentences):
            here = hits[(sentence.turn, sentence.start)]
            per_concept, spans = here.concepts, here.spans
            if not per_concept:
                continue
            rest = _blank(sentence.text, spans)
            # an explanation needs words: a sentence naming many concepts explains each only
            # as far as its length allows (stuffing one sentence with terms does not pay)
            share = min(1.0, sentence.words / (WORDS_PER_CONCEPT * len(per_concept)))
            following = sentences[i + 1] if i + 1 < len(sentences) else None
            for concept_id in per_concept:
                ev = found[concept_id]
                ev.mentions += 1
                total_hits += 1
                if sentence.listy or sentence.words < 4:
                    ev.listed += 1
                    listed_hits += 1
                    credit = LISTED
                elif _explained(sentence, following, rest):
                    credit = EXPLAINED * share
                    ev.explained = ev.explained or share >= 0.5
                else:
                    credit = BARE * share
                if credit > ev.credit or ev.best is None:
                    ev.credit = max(ev.credit, credit)
                    ev.best = sentence
    return found, total_hits, listed_hits


def _asked(transcript: Transcript, turn: int) -> str | None:
    """The estimate the interviewer asked for just before this candidate turn, if any."""
    if turn <= 0:
        return None
    before = transcript.turns[turn - 1]
    if before.role != "interviewer":
        return None
    asked = before.data.get("estimate")
    return asked if isinstance(asked, str) else None


def collect_estimates(scenario: Scenario, transcript: Transcript) -> list[EstimateEvidence]:
    """For each reference figure, the candidate's attempt: the latest within tolerance, else the latest.

    Figures are read by `understanding.references.attempts` (the interviewer's reader too):
    figures offered as questions, restated given figures and derived references do not count.
    Every figure given is kept in `check.history`, so a corrected slip stays in the report.
    """
    by_id: dict[str, EstimateEvidence] = {}
    for est in scenario.estimates:
        check = EstimateCheck(
            id=est.id,
            label=est.label,
            reference=est.value,
            unit=est.unit,
            tolerance=est.tolerance,
            derivation=est.derivation,
        )
        by_id[est.id] = EstimateEvidence(est, check)
    if not scenario.estimates:
        return []
    for turn in transcript.candidate:
        for attempt in attempts(turn.text, scenario, _asked(transcript, turn.turn)):
            est, fig = attempt.estimate, attempt.worked.figure
            if attempt.derived or attempt.question or attempt.given or est.id not in by_id:
                continue
            if turn.phase == "requirements" and fig.unit != est.unit:
                continue  # restating the brief ("100M a month") is not estimating a rate
            ev = by_id[est.id]
            value, ok = attempt.value, attempt.ok
            said = turn.original[fig.start : fig.end]
            ev.check.history.append(
                SaidFigure(
                    said=said,
                    value=round(value, 6),
                    turn=turn.turn,
                    within_tolerance=ok,
                    challenged=_challenged(transcript, turn.turn, est.id),
                )
            )
            ev.attempts += 1
            exact = fig.unit == est.unit
            if ev.check.within_tolerance and (ev.exact or not (ok and exact)):
                continue  # keep the first right answer, preferring one stated in the reference's unit
            ev.check.said = said
            ev.check.said_value = round(value, 6)
            ev.check.turn = turn.turn
            ev.check.within_tolerance = ok
            ev.start, ev.end = fig.start, fig.end
            ev.exact = exact
    return [by_id[e.id] for e in scenario.estimates]


def _challenged(transcript: Transcript, turn: int, estimate: str) -> bool:
    """Whether the interviewer's next turn challenged a figure for this estimate."""
    if turn + 1 >= len(transcript.turns):
        return False
    data = transcript.turns[turn + 1].data or {}
    return data.get("move") == "challenge" and data.get("estimate") == estimate


def _questions(transcript: Transcript, phases: tuple[str, ...]) -> list[Sentence]:
    out = []
    for s in transcript.sentences(phases):
        if s.listy or s.words < 3:
            continue
        if s.text.rstrip().endswith("?") or signals.QUESTION_START.match(s.text):
            out.append(s)
    return out


def collect_signals(
    scenario: Scenario, transcript: Transcript, hits: dict[tuple[int, int], ConceptHits]
) -> tuple[dict[str, list[Sentence]], list[str]]:
    """Sentences that ask, assume, compare, handle failure, define APIs... by kind."""
    phases = {p.id for p in scenario.phases}
    req_phases = ("requirements",) if "requirements" in phases else None
    design_phases = tuple(p for p in ("high_level_design", "deep_dive", "wrap_up") if p in phases) or None
    deep_phases = ("deep_dive",) if "deep_dive" in phases else design_phases
    out: dict[str, list[Sentence]] = {}

    def add(kind: str, sentence: Sentence) -> None:
        out.setdefault(kind, []).append(sentence)

    questions = _questions(transcript, req_phases) if req_phases else _questions(transcript, None)[:8]
    out["question"] = questions
    facts_asked = [fact.id for fact in scenario.facts if any(mentions(q.text, fact.about) for q in questions)]
    for s in transcript.sentences(req_phases):
        if s.listy:
            continue
        if signals.NON_FUNCTIONAL.search(s.text):
            add("non_functional", s)
        if signals.ASSUMPTION.search(s.text):
            add("assumption", s)
        if signals.SCOPE.search(s.text):
            add("scope", s)
    for s in transcript.sentences():
        if s.listy:
            continue
        figures = [f for f in find_figures(s.text) if f.unit is not None]
        rest = _blank(s.text, hits[(s.turn, s.start)].spans)
        reasoned = s.substantive and bool(figures or signals.EXPLAINS.search(rest)) and _specific_reason(rest)
        if reasoned:
            add("reasoned", s)
        if len(figures) >= 2 and signals.ARITHMETIC.search(s.text):
            add("arithmetic", s)
        if signals.ENDPOINT.search(s.text):
            add("endpoint", s)
        if (
            s.words >= 4
            and signals.CONTRACT.search(s.text)
            and (signals.ENDPOINT.search(s.text) or signals.IDENTIFIER.search(s.text) or "{" in s.text)
        ):
            add("contract", s)
        if (
            s.words >= 4
            and signals.SCHEMA.search(s.text)
            and (signals.IDENTIFIER.search(s.text) or "->" in s.text or "key" in s.text.lower())
        ):
            add("schema", s)
        if not s.substantive:
            continue
        if signals.ALTERNATIVE.search(s.text) and reasoned:
            add("trade_off", s)
        if signals.FAILURE.search(s.text) and reasoned:
            add("failure", s)
        if design_phases is None or s.phase in design_phases:
            if figures:
                add("numbers_in_design", s)
            kinds = [name for name, pattern in signals.COMPONENTS.items() if pattern.search(s.text)]
            for kind in kinds:
                add(f"component:{kind}", s)
            if kinds and signals.FLOW.search(s.text):
                add("flow", s)
        if (deep_phases is None or s.phase in deep_phases) and signals.BOTTLENECK.search(s.text) and reasoned:
            add("bottleneck", s)
    for turn in transcript.candidate:
        for s in turn.sentences:
            if signals.SIGNPOST.search(s.text) and not s.listy:
                add("signpost", s)
                break
        for s in turn.sentences:
            if signals.CHECK_IN.search(s.text):
                add("check_in", s)
                break
    return out, facts_asked


def collect(scenario: Scenario, transcript: Transcript) -> Evidence:
    """All evidence for one transcript."""
    sentence_hits = concept_hits(scenario, transcript)
    concepts, hits, listed = collect_concepts(scenario, transcript, sentence_hits)
    found_signals, facts_asked = collect_signals(scenario, transcript, sentence_hits)
    return Evidence(
        transcript=transcript,
        concepts=concepts,
        estimates=collect_estimates(scenario, transcript),
        signals=found_signals,
        facts_asked=facts_asked,
        phrase_hits=hits,
        listed_hits=listed,
    )
