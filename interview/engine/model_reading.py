"""The model's reading of the candidate's turn: validated, merged with ours, applied to the ledger.

When a model speaks a turn that answers the candidate, it also reports how it read their last
message (`reading` in its reply): the acts, a hidden fact it asks about (by id), and whether it
answers the interviewer's last question. The deterministic reading
(`interview.understanding.reading`) is always there and always the fallback. A model reading is
rejected whole when it is malformed, names a fact that is unknown or not hidden, uses an act
outside `ACT_KINDS`, or claims an answer where our reader is sure there was none (a non-answer,
a dodge, an instruction, a turn with no content). An accepted reading may reveal the fact asked
in other words and settle the last question (answered, partly, dodged); it never takes back what
our reader found. What was decided is stored in the interviewer event's data (`reading_source`,
`reading`, `reading_rejected`) and replayed from there on resume (`apply`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from interview.understanding.ledger import ANSWERED, coverage

if TYPE_CHECKING:
    from interview.engine.planner import Planner
    from interview.understanding.reading import TurnReading

Act = Literal[
    "answer",
    "question",
    "non_answer",
    "asks_for_answer",
    "off_topic",
    "approval_seeking",
    "repeats",
    "bare_claim",
    "dodge",
    "instruction",
    "vague",
]
"""The acts a model may read; the same list as `understanding.acts.ACT_KINDS` (a test checks it)."""

OFFLINE, MODEL, MERGED = "offline", "model", "merged"

NOT_READ = "model reading was not in the expected form"
UNKNOWN_FACT = "model reading named an unknown fact ({fact})"
NOT_HIDDEN = "model reading named a fact already stated ({fact})"
NOT_ASKED = "model reading said a fact was asked where the turn asked nothing ({fact})"
TWO_FACTS = "model reading named another fact than ask_fact ({fact})"
NO_CONTENT = "model reading said the question was answered; the turn says nothing"
SAID_NOTHING = "model reading said the question was answered; the turn was a {act}"
SELF_CONTRADICTS = "model reading said the question was answered and that it was not"
REFUSED_REPLY = "the model's reply was refused"

# Acts after which our reader is sure the last question was not answered.
NOT_AN_ANSWER = ("non_answer", "dodge", "off_topic", "instruction", "asks_for_answer")
# ... and after which a fact asked "in other words" is not a fact asked.
NOT_ASKING = ("non_answer", "dodge", "off_topic", "instruction", "asks_for_answer")
_FILLERS = frozenset("yes yeah yep no nope ok okay sure right hmm hm umm um uh er well fine good".split())
_WORD = re.compile(r"[a-z0-9]+")


class ModelReading(BaseModel):
    """How the model read the candidate's last message (validated; see `merge`)."""

    model_config = ConfigDict(extra="forbid")

    acts: list[Act] = []
    asked_fact: str | None = None  # id of a hidden fact their message asks about
    answered: Literal["yes", "partly", "no"] | None = None  # your last question


@dataclass
class ReadingInput:
    """What a model reading is checked against: our own reading and the question it may settle."""

    reading: TurnReading  # the deterministic reading of the candidate's last turn
    hidden: set[str]  # fact ids still hidden
    known: set[str]  # every fact id of the scenario
    asked: bool  # our reader heard a question (a hidden fact may be stated)
    question_key: str | None = None  # the ledger entry the turn replies to
    question: str = ""
    status: str | None = None  # that entry's status after our reader heard the turn


@dataclass
class Merged:
    """The reading the planner uses for this turn, and which reader decided it."""

    source: str = OFFLINE
    acts: list[str] = field(default_factory=list)
    asked_fact: str | None = None  # a hidden fact the model read them asking about (stated by the app)
    settled: tuple[str, str] | None = None  # (ledger key, new status) the model's reading decided
    rejected: str | None = None

    def to_data(self) -> dict[str, Any]:
        """What goes in the interviewer event's data (replayed by `apply`)."""
        data: dict[str, Any] = {"reading_source": self.source}
        if self.rejected:
            data["reading_rejected"] = self.rejected
        if self.source != OFFLINE:
            reading: dict[str, Any] = {"acts": self.acts}
            if self.asked_fact:
                reading["asked_fact"] = self.asked_fact
            if self.settled:
                reading["settled"] = list(self.settled)
            data["reading"] = reading
        return data


class ReadingError(ValueError):
    """A model reading that cannot be used; the message is the recorded reason."""


def parse(raw: object) -> ModelReading:
    """A model reading from a JSON object (or its text); ReadingError when it is not one."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise ReadingError(NOT_READ) from None
    try:
        return ModelReading.model_validate(raw)
    except ValidationError:
        raise ReadingError(NOT_READ) from None


def _says_nothing(text: str) -> bool:
    return not [w for w in _WORD.findall(text.lower()) if w not in _FILLERS and len(w) > 1]


def _validate(found: ModelReading, given: ReadingInput, ask_fact: str | None) -> None:
    ours = given.reading
    fact = found.asked_fact
    if fact is not None:
        if fact not in given.known:
            raise ReadingError(UNKNOWN_FACT.format(fact=fact[:40]))
        if fact not in given.hidden and fact != ask_fact:
            raise ReadingError(NOT_HIDDEN.format(fact=fact[:40]))
        if ask_fact is not None and fact != ask_fact:
            raise ReadingError(TWO_FACTS.format(fact=fact[:40]))
        if not given.asked and ("question" not in found.acts or ours.has(*NOT_ASKING)):
            raise ReadingError(NOT_ASKED.format(fact=fact[:40]))
    if found.answered in ("yes", "partly") and given.question_key is not None:
        if set(found.acts) & {"non_answer", "dodge"} and "answer" not in found.acts:
            raise ReadingError(SELF_CONTRADICTS)
        if _says_nothing(ours.text):
            raise ReadingError(NO_CONTENT)
        act = next((a.kind for a in ours.acts if a.kind in NOT_AN_ANSWER), None)
        if act is not None:
            raise ReadingError(SAID_NOTHING.format(act=act.replace("_", "-")))


def _settle(found: ModelReading, given: ReadingInput) -> tuple[str, str] | None:
    """The status the model's reading gives the last question, when it moves it on from ours."""
    key, status = given.question_key, given.status
    if key is None or status not in ("open", "partly"):
        return None  # answered or dodged by our reader: kept
    if found.answered == "yes":
        return key, "answered"
    if found.answered == "partly" and status == "open":
        return key, "partly"
    dodged = "dodge" in found.acts and found.answered != "partly"
    if dodged and coverage(given.question, given.reading.text) < ANSWERED:
        return key, "dodged"
    return None


def merge(raw: object | None, given: ReadingInput, ask_fact: str | None = None) -> Merged:
    """Our reading, with the model's where it is valid; `ask_fact`: the fact the reply asks to state."""
    ours = [a.kind for a in given.reading.acts]
    if raw is None:
        return Merged(OFFLINE, ours)
    try:
        found = parse(raw)
        _validate(found, given, ask_fact)
    except ReadingError as exc:
        return Merged(OFFLINE, ours, rejected=str(exc))
    acts = list(dict.fromkeys([*ours, *found.acts]))
    fact = found.asked_fact if found.asked_fact in given.hidden else None
    settled = _settle(found, given)
    source = MODEL if (fact is not None or settled is not None) else MERGED
    return Merged(source, acts, fact, settled)


def apply(planner: Planner, data: dict[str, Any]) -> None:
    """Settle the ledger entry a model reading decided (live, and replayed from the stored event)."""
    reading = data.get("reading")
    settled = reading.get("settled") if isinstance(reading, dict) else None
    if not (isinstance(settled, list) and len(settled) == 2):
        return
    key, status = settled
    entry = planner.state.ledger.entries.get(key)
    if entry is not None and status in ("answered", "partly", "dodged"):
        entry.status = status
