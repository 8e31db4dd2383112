"""What the planner knows: the words it listens for, one turn's observation, and its memory.

Kept apart from the decisions in `planner.py`; everything here is rebuilt on resume by
replaying the candidate's turns and the stored moves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from interview.understanding.ledger import Ledger
from interview.understanding.reading import TurnReading

SCALE_PHRASES = [
    "scale",
    "how many",
    "how much",
    "how big",
    "how many users",
    "number of users",
    "active users",
    "traffic",
    "qps",
    "rps",
    "tps",
    "requests per second",
    "requests a second",
    "volume",
    "how much load",
    "throughput",
    "daily active",
    "dau",
    "mau",
    "growth",
    "peak",
    "per day",
    "per second",
    "per month",
    "a month",
    "a day",
]
_ASKING = re.compile(
    r"\b(?:tell me|i'd like to know|i would like to know|i want to know|i wonder|could you clarify)\b",
    re.IGNORECASE,
)
_STOP = frozenset(
    "a an and are as at be by do does for from how i if in is it its of on or so that the their them "
    "then there this to two we what when where which who why will with would you your".split()
)
STALE_AFTER = 2  # a follow-up not asked within this many candidate turns of its trigger is dropped
SIMILAR = 0.4  # questions sharing this much of their content words count as the same question
CONTAINED = 0.75  # ... or this much of the shorter question's words
ANSWERED = 0.5  # a turn holding this share of a follow-up's content words has answered it
WRAP_UP_COVERED = {
    "bottlenecks": ["bottleneck", "single point of failure", "spof", "breaks first"],
    "ten_x": ["10x", "ten times", "10 times", "tenfold", "order of magnitude"],
    "more_time": ["more time", "another hour", "given time", "next steps"],
}
# Which rubric criteria each design phase is about (criteria not listed fit any phase).
PHASE_CRITERIA = {
    "high_level_design": {"high_level_design", "api_and_data_model", "trade_offs"},
    "deep_dive": {"deep_dive", "reliability", "trade_offs"},
}
KNOWN_CRITERIA = {"requirements", "estimation", "communication"} | set().union(*PHASE_CRITERIA.values())
DESIGN_PHASES = ("high_level_design", "deep_dive")
CHALLENGE_PHASES = ("estimation", "high_level_design", "deep_dive")


def is_question(text: str) -> bool:
    """Whether a candidate's turn asks the interviewer something."""
    return "?" in text or bool(_ASKING.search(text))


def content_words(text: str) -> set[str]:
    """The words a question is compared by: no stop words, cut to five letters ("retries" ~ "retry")."""
    return {w[:5] for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 2}


def answered(question: str, said: str) -> bool:
    """Whether a candidate's turn already covers most of a question's content words."""
    asked = content_words(question)
    return bool(asked) and len(asked & content_words(said)) / len(asked) >= ANSWERED


def similar(a: str, b: str) -> bool:
    """Whether two questions ask much the same thing (shared content words).

    Either much of both (Jaccard), or nearly all of the shorter one when it has a few words
    ("How would you discover that your ledger and a bank disagree?" is inside a longer
    question about the ledger and the bank disagreeing).
    """
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return False
    shared = len(wa & wb)
    shorter = min(len(wa), len(wb))
    return shared / len(wa | wb) >= SIMILAR or (shorter >= 3 and shared / shorter >= CONTAINED)


_CLAUSE = re.compile(r",?\s+and\s+(?=(?:what|how|where|who|when|which|why)\b)", re.IGNORECASE)


def unasked_part(question: str, asked: list[str]) -> str:
    """The question without a clause that was already put ("How do you keep order, and what happens to a
    message that fails every retry?" after the dead-letter question: "How do you keep order?")."""
    parts = _CLAUSE.split(question.rstrip(" ?"))
    if len(parts) < 2:
        return question
    kept = [p for p in parts if not any(_contained(p, earlier) for earlier in asked)]
    if len(kept) == len(parts):
        return question
    return ", and ".join(kept) + "?" if kept else ""


CLAUSE_CONTAINED = 0.6  # a clause sharing this much of its words with an earlier question was asked


def _contained(part: str, earlier: str) -> bool:
    words = content_words(part)
    return len(words) >= 3 and len(words & content_words(earlier)) / len(words) >= CLAUSE_CONTAINED


@dataclass
class FigureCheck:
    """One figure the candidate stated, checked against a reference estimate."""

    estimate: str
    raw: str
    ok: bool


@dataclass
class Observation:
    """What one candidate turn contained."""

    phase: str
    question: bool
    touched_facts: list[str] = field(default_factory=list)
    figures: list[FigureCheck] = field(default_factory=list)
    new_concepts: list[str] = field(default_factory=list)
    followups: list[int] = field(default_factory=list)  # triggered this turn
    rules: list[str] = field(default_factory=list)  # triggered this turn
    agreed: set[str] = field(default_factory=set)  # estimates already accepted before this turn
    reading: TurnReading | None = None  # the one reading of the turn (acts, questions, claims)
    heard: dict[str, str] = field(default_factory=dict)  # ledger entries this turn settled
    answered_now: list[str] = field(default_factory=list)  # probes this turn answered before being asked
    handoffs: list[str] = field(default_factory=list)  # path/party stances this turn queued


@dataclass
class PlannerState:
    """Everything the planner remembers; rebuilt from events on resume."""

    revealed: list[str] = field(default_factory=list)
    asked: set[str] = field(default_factory=set)
    covered_concepts: set[str] = field(default_factory=set)
    accepted_estimates: set[str] = field(default_factory=set)
    stated_estimates: set[str] = field(default_factory=set)
    scale_asked: bool = False
    candidate_text: list[str] = field(default_factory=list)
    pending: dict[str, int] = field(default_factory=dict)  # follow-up key -> turn it was triggered
    asked_questions: list[str] = field(default_factory=list)  # wording of every question asked
    wrap_covered: set[str] = field(default_factory=set)  # wrap-up topics the candidate raised
    board: str = ""  # the whiteboard as last saved
    wrong_figures: dict[tuple[str, str], int] = field(default_factory=dict)  # (estimate, raw) -> turn
    hints: set[str] = field(default_factory=set)  # phases whose hint was given
    moves: int = 0  # interviewer turns so far
    ledger: Ledger = field(default_factory=Ledger)  # every question asked and what became of it
    stances: dict[str, int] = field(default_factory=dict)  # triggered persona rules waiting to be asked
    board_questions: dict[str, str] = field(default_factory=dict)  # board stance key -> its question
    handoffs: dict[str, Any] = field(default_factory=dict)  # async paths and parties named (planner_handoffs)
    handoff_questions: dict[str, str] = field(default_factory=dict)  # handoff stance key -> its question
    design_turns: int = 0  # candidate turns in the design phases
    phase_turns: dict[str, int] = field(default_factory=dict)  # candidate turns in each phase
    non_answers: int = 0  # "I don't know" and the like, over the session
    deep_dive_probes: int = 0
    # dead letters (planner_handoffs): a question about where failed messages go has been put; it
    # named no path the candidate had named ("the workers"); they have since said where they go
    stance_echoes: dict[str, str] = field(default_factory=dict)  # rule key -> the words that raised it
    dlq_put: bool = False
    dlq_unnamed: bool = False
    dlq_policy: bool = False
    dlq_waiting: bool = False  # the last dead-letter question has not had its reply yet
    dlq_dodged: int = 0  # dead-letter questions whose reply said nothing of where failures go
