"""The transcript as the scorer reads it: numbered turns, candidate sentences, list detection.

Turn numbers are the 0-based index in the list of turns (events with role interviewer or
candidate), the numbering quotes use everywhere. Sentence offsets are offsets into the
turn's original text, so a quote is always an exact span of what was said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from interview.engine.records import Event
from interview.scoring import signals
from interview.text.limits import analysed

# A full stop followed directly by a word character ("2.5", "pacs.008", "e.g") does not end a sentence.
_SENTENCE = re.compile(r"(?:[^\n.!?]|[.!?](?=[\w/]))+(?:[.!?]+|\n|$)")
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s+")
_WORDS = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’_\-/.:^]*")
_LIST_SPLIT = re.compile(r",|;|\s/\s|\s\+\s|\s&\s|\band\b|\bor\b|\|", re.I)
_ARITHMETIC = re.compile(r"\d[\d.,]*\s*[a-zA-Z/]*\s*(?:[x×*/÷=≈~]|->|→)\s*~?\d")
_FUNCTION_WORDS = frozenset(
    "a an the we i you it its is are was be would will can could should to of for in on at by with "
    "that this these those which so because if when then than but as from into our my their they "
    "them it's we'd we'll i'd i'll there here what how why do does don't isn't".split()
)


def word_count(text: str) -> int:
    """Words as a reader counts them."""
    return len(_WORDS.findall(text))


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or bullet line) of a candidate turn."""

    turn: int  # index into the session's turns
    phase: str
    start: int  # offsets into the turn's original text
    end: int
    text: str  # the analysed text (grader-directed text blanked out)
    words: int
    listy: bool  # a list of terms rather than a sentence with reasoning

    @property
    def substantive(self) -> bool:
        """Long enough and sentence-like enough to carry an explanation."""
        return self.words >= 7 and not self.listy


@dataclass(slots=True)
class CandidateTurn:
    """A candidate's spoken turn (commands like /next are not included)."""

    turn: int
    phase: str
    original: str  # as said
    text: str  # as analysed (grader-directed text blanked with spaces; same offsets)
    sentences: list[Sentence] = field(default_factory=list)


@dataclass(slots=True)
class Transcript:
    """Everything the scorer needs from the events, computed once."""

    turns: list[Event]
    candidate: list[CandidateTurn]
    interviewer: list[tuple[int, Event]]

    @property
    def candidate_words(self) -> int:
        return sum(word_count(t.text) for t in self.candidate)

    def sentences(self, phases: tuple[str, ...] | None = None) -> list[Sentence]:
        """Candidate sentences, optionally only those said in some phases."""
        return [s for t in self.candidate if phases is None or t.phase in phases for s in t.sentences]

    def original(self, sentence: Sentence) -> str:
        """The exact words said for a sentence (a verbatim span of the turn)."""
        event = self.turns[sentence.turn]
        return event.text[sentence.start : sentence.end]


def is_listy(text: str) -> bool:
    """True for a run of terms ("Redis, Kafka, sharding, CDN") rather than a reasoned sentence."""
    body = _BULLET.sub("", text)
    head, sep, tail = body.partition(":")
    if sep and word_count(head) <= 4 and tail.strip():
        body = tail  # "Reliability: replication, failover, DLQ"
    segments = [s for s in _LIST_SPLIT.split(body) if s.strip()]
    words = word_count(body)
    if words == 0:
        return False
    if words >= 8 and (signals.EXPLAINS.search(body) or _ARITHMETIC.search(body)):
        return False  # terse notes that reason ("302 not 301: browsers cache 301 -> lost clicks")
    function_share = sum(1 for w in _WORDS.findall(body.lower()) if w in _FUNCTION_WORDS) / words
    if len(segments) >= 3:
        sizes = sorted(word_count(s) for s in segments)
        median = sizes[len(sizes) // 2]
        if median <= 3 and function_share < 0.25:
            return True
    return words >= 4 and function_share < 0.08


def split_sentences(turn: int, phase: str, text: str) -> list[Sentence]:
    """Sentences and bullet lines with their offsets; empty pieces are skipped."""
    out: list[Sentence] = []
    for m in _SENTENCE.finditer(text):
        raw = m.group(0)
        if not raw.strip():
            continue
        lead = len(raw) - len(raw.lstrip())
        start = m.start() + lead
        end = m.end() - (len(raw) - len(raw.rstrip()))
        piece = text[start:end]
        words = word_count(piece)
        if words == 0:
            continue
        out.append(Sentence(turn, phase, start, end, piece, words, is_listy(piece)))
    return out


def build_transcript(
    events: list[Event], blank: dict[int, list[tuple[int, int]]] | None = None
) -> Transcript:
    """Number the turns and split candidate answers into sentences.

    `blank` maps a turn number to spans to blank out before analysis (text addressed to the
    grader): they keep their offsets but contribute nothing.
    """
    turns = [e for e in events if e.is_turn]
    candidate: list[CandidateTurn] = []
    interviewer: list[tuple[int, Event]] = []
    for index, event in enumerate(turns):
        if event.role == "interviewer":
            interviewer.append((index, event))
            continue
        if event.kind != "answer" or not event.text.strip():
            continue
        text = event.text
        for start, end in (blank or {}).get(index, []):
            text = text[:start] + " " * (end - start) + text[end:]
        text = analysed(text)  # a pasted essay is read in part (text/limits.py)
        ct = CandidateTurn(index, event.phase, event.text, text)
        ct.sentences = split_sentences(index, event.phase, text)
        candidate.append(ct)
    return Transcript(turns, candidate, interviewer)


def trim_quote(text: str, limit: int = 240) -> str:
    """A prefix of `text` of at most `limit` characters, cut at a word boundary (still verbatim)."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:")
