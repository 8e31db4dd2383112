"""Concepts heard in the candidate's turns: explained, named, missing or wrong.

A concept counts fully only when the candidate explains it near the phrase (a reason, a
number, a consequence or a choice against an alternative) in a sentence that reads like
reasoning, AND the reason is right: it names the concept's mechanism (`Concept.reasons`) or
ties it to the scenario's numbers. A vacuous reason ("keeps the team happy", "best practice")
or a bare mention earns a little; a term in a list, or a short sentence of praise ("Kafka is
great too."), earns nothing; a misconception makes the concept wrong and costs credit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from interview.catalog.models import Concept, Scenario
from interview.scoring import signals
from interview.scoring.paraphrases import phrases_for
from interview.scoring.turns import Sentence, Transcript
from interview.text.matching import find_phrases
from interview.text.numbers import find_figures
from interview.understanding import reasons as reasons_mod
from interview.understanding.reasons import MisconceptionHit

EXPLAINED = 1.0
BARE = 0.3
LISTED = 0.08
WRONG = -0.5
"""Credit of a concept stated with a misconception: worse than never naming it."""
HAZARD = re.compile(
    r"single\s+points?\s+of\s+failure|spof|bottleneck|thundering|stampede|hot\s*(?:spot|key|partition|shard|account)|"
    r"data\s+loss|double[\s-]+spend|race|split[\s-]+brain|duplicat|collision|downtime|outage|overload|contention|"
    r"lost|losing|stale|inconsisten",
    re.IGNORECASE,
)
"""Concept phrases that name a problem: a negated mention ("no SPOF") addresses the concept."""
WORDS_PER_CONCEPT = 7  # words a sentence needs per concept it names to explain each fully

Status = Literal["explained", "named", "missing", "wrong"]


@dataclass(slots=True)
class Correction:
    """A sentence that states a misconception, and the line that corrects it."""

    sentence: Sentence
    hit: MisconceptionHit


@dataclass(slots=True)
class ConceptEvidence:
    """How well one concept was covered."""

    concept: Concept
    credit: float = 0.0  # WRONG..1
    explained: bool = False
    best: Sentence | None = None
    mentions: int = 0
    listed: int = 0  # mentions inside lists of terms
    vacuous: int = 0  # mentions with a reason about mood, fashion or audiences
    corrections: list[Correction] = field(default_factory=list)
    drawn: bool = False  # a box on the final whiteboard names it (scoring/board.py)

    @property
    def status(self) -> Status:
        """One status per concept: a misconception makes it wrong whatever else was said."""
        if self.corrections:
            return "wrong"
        if self.credit >= 0.5:
            return "explained"
        return "named" if (self.mentions or self.drawn) and self.credit >= BARE * 0.5 else "missing"


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
_STOP = frozenset(
    """the and for are was were been being you your our ours its it's we'd we'll i'd i'll i'm let's does did
    doing don't isn't aren't won't one two three first second next yes yeah okay""".split()
)
_CONTENT_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
SPECIFIC_WORDS = 3
"""Content words (beyond the concept terms and generic praise) an explanation needs."""
REASON_WORDS = 2
"""Specific words a "because ..." clause needs ("since reads dominate", not "because it is scalable")."""
_BECAUSE = re.compile(r"\b(?:because(?:\s+of)?|since|due\s+to|thanks\s+to)\b", re.IGNORECASE)


def has_number(text: str) -> bool:
    return any(f.unit is not None for f in find_figures(text))


def specific(text: str, need: int = SPECIFIC_WORDS) -> bool:
    """The sentence says something particular, not "because it is fast and scalable"."""
    words = [w.lower().strip("'’-") for w in _CONTENT_WORD.findall(text)]
    found = {w for w in words if w not in _GENERIC and w not in _STOP}
    return len(found) >= need or has_number(text)


def specific_reason(rest: str) -> bool:
    """Specific, and when it gives its reasons with "because", every reason says something particular."""
    if not specific(rest):
        return False
    parts = _BECAUSE.split(rest)
    if len(parts) == 1 or has_number(rest):
        return True
    return all(
        specific(re.split(r"[,;]\s*(?:and\s+)?|\band\b(?=[^,]*\bbecause\b)", part)[0], REASON_WORDS)
        for part in parts[1:]
    )


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


_FOLLOW_LEADS = ("that ", "this ", "it ", "so ", "because", "which", "otherwise", "the reason", "that's")


def reasoning(sentence: Sentence, next_sentence: Sentence | None, rest: str) -> str | None:
    """The reasoning text near a concept (`rest`, or the following sentence that explains it),
    or None when the sentence does not read like reasoning."""
    if sentence.listy or sentence.words < 5:
        return None
    if (signals.EXPLAINS.search(rest) or has_number(rest)) and specific_reason(rest):
        return rest
    if next_sentence is not None and next_sentence.substantive:
        follow = next_sentence.text
        if follow.lstrip().lower().startswith(_FOLLOW_LEADS):
            if (signals.EXPLAINS.search(follow) or has_number(follow)) and specific_reason(follow):
                return rest + " " + follow
    return None


_ALNUM_RUN = re.compile(r"[a-z0-9]+")
NEEDLE = 4


def _needle(phrase: str) -> str:
    """The first letters of a phrase's first word ("" when it starts with punctuation)."""
    m = _ALNUM_RUN.match(phrase.lower().lstrip())
    return m.group(0)[:NEEDLE] if m else ""


def _word_starts(text: str) -> set[str]:
    """Every prefix (up to NEEDLE letters) of every word in the text."""
    return {w[:k] for w in _ALNUM_RUN.findall(text.lower()) for k in range(1, min(NEEDLE, len(w)) + 1)}


@dataclass(slots=True)
class ConceptHits:
    """Concept phrase hits in one sentence: which concepts (not negated) and every span."""

    concepts: list[str]
    spans: list[tuple[int, int]]  # offsets within the sentence


def concept_hits(scenario: Scenario, transcript: Transcript) -> dict[tuple[int, int], ConceptHits]:
    """Concept phrase hits per sentence, keyed by (turn, sentence start).

    Phrases (with synonyms and paraphrases) are matched once per turn: the slow part of scoring.
    """
    owners: dict[str, list[str]] = {}
    for concept in scenario.concepts:
        for phrase in phrases_for(concept):
            owners.setdefault(phrase, []).append(concept.id)
    needles = [(phrase, _needle(phrase)) for phrase in owners]
    out: dict[tuple[int, int], ConceptHits] = {}
    for turn in transcript.candidate:
        starts = _word_starts(turn.text)
        # only phrases whose first word could start a word here (a set lookup, not a regex)
        hits = find_phrases(turn.text, [p for p, n in needles if not n or n in starts])
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


@dataclass(slots=True)
class ConceptReading:
    """Concept coverage and what it found about the sentences (wrong claims, thin praise)."""

    concepts: dict[str, ConceptEvidence]
    phrase_hits: int = 0
    listed_hits: int = 0
    thin_hits: int = 0
    wrong: set[tuple[int, int]] = field(default_factory=set)  # (turn, sentence start) stating a misconception
    thin: set[tuple[int, int]] = field(default_factory=set)  # short sentences of praise around a term


def find_misconceptions(
    scenario: Scenario, transcript: Transcript
) -> dict[tuple[int, int], list[MisconceptionHit]]:
    """Misconceptions per sentence, whichever concept's words the sentence uses."""
    compiled = [reasons_mod.cues(c) for c in scenario.concepts if c.misconceptions]
    out: dict[tuple[int, int], list[MisconceptionHit]] = {}
    if not compiled:
        return out
    anywhere = reasons_mod.first_parts(tuple(compiled))
    for turn in transcript.candidate:
        for i, sentence in enumerate(turn.sentences):
            lowered = sentence.text.lower()
            follow = turn.sentences[i + 1] if i + 1 < len(turn.sentences) else None
            if follow is not None and follow.text.lstrip().lower().startswith(_FOLLOW_LEADS):
                lowered += " " + follow.text.lower()  # "I'd hash the URL. That should be unique enough."
            if not anywhere.search(lowered):
                continue  # no misconception's first part is here: skip the per-claim checks
            for cue in compiled:
                for hit in reasons_mod.misconceptions_in(lowered, cue):
                    # a claim wholly inside the following sentence belongs to that sentence
                    owner = follow if follow is not None and hit.start > len(sentence.text) else sentence
                    found = out.setdefault((owner.turn, owner.start), [])
                    if all(h.concept != hit.concept or h.correction != hit.correction for h in found):
                        found.append(hit)
    return out


def collect_concepts(
    scenario: Scenario, transcript: Transcript, hits: dict[tuple[int, int], ConceptHits]
) -> ConceptReading:
    """Concept coverage with explanation credit, misconceptions and thin praise."""
    found = {c.id: ConceptEvidence(c) for c in scenario.concepts}
    cues = {c.id: reasons_mod.cues(c) for c in scenario.concepts}
    reading = ConceptReading(found)
    by_key = {(s.turn, s.start): s for s in transcript.sentences()}
    for key, wrong in find_misconceptions(scenario, transcript).items():
        reading.wrong.add(key)
        sentence = by_key[key]
        for hit in wrong:
            found[hit.concept].corrections.append(Correction(sentence, hit))
    for turn in transcript.candidate:
        sentences = turn.sentences
        for i, sentence in enumerate(sentences):
            key = (sentence.turn, sentence.start)
            here = hits[key]
            if not here.concepts:
                continue
            rest = blank(sentence.text, here.spans)
            # an explanation needs words: a sentence naming many concepts explains each only
            # as far as its length allows (stuffing one sentence with terms does not pay)
            share = min(1.0, sentence.words / (WORDS_PER_CONCEPT * len(here.concepts)))
            following = sentences[i + 1] if i + 1 < len(sentences) else None
            why = reasoning(sentence, following, rest) if key not in reading.wrong else None
            why_lower = why.lower() if why is not None else ""
            why_number = has_number(why) if why is not None else False
            thin = False
            if key not in reading.wrong and not sentence.listy and why is None:
                thin = reasons_mod.praise_only(rest.lower(), sentence.words)
            if thin:
                reading.thin.add(key)
            for concept_id in here.concepts:
                ev = found[concept_id]
                ev.mentions += 1
                reading.phrase_hits += 1
                if key in reading.wrong:
                    continue  # a sentence stating a misconception is never positive evidence
                if thin:
                    reading.thin_hits += 1
                    credit = 0.0
                elif sentence.listy or sentence.words < 4:
                    ev.listed += 1
                    reading.listed_hits += 1
                    credit = LISTED
                else:
                    credit = BARE * share
                    if why is not None:
                        kind = reasons_mod.reason_kind(why_lower, cues[concept_id], why_number)
                        if kind == "right":
                            credit = EXPLAINED * share
                            ev.explained = ev.explained or share >= 0.5
                        elif kind == "vacuous":
                            ev.vacuous += 1
                if credit > ev.credit or (ev.best is None and credit > 0):
                    ev.credit = max(ev.credit, credit)
                    ev.best = sentence
    for ev in found.values():
        if ev.corrections:
            ev.credit, ev.explained = WRONG, False
    return reading
