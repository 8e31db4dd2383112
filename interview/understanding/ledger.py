"""The ledger of the interviewer's questions: what was asked, and what became of it.

Every question the interviewer puts gets an entry (its key, topic, the words that would
answer it, and a status: open, answered, partly, dodged). The candidate's next turn settles
the latest open entry; an entry whose answer the candidate already gave in any earlier turn
is recorded as answered without being asked. A dodged entry is come back to once, by name,
and then kept for the report. The ledger is rebuilt by replaying the same calls (`asked`
for each stored interviewer move, `heard` for each candidate turn), so it is exact on resume.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from interview.understanding.reading import TurnReading, read_turn

STATUSES = ("open", "answered", "partly", "dodged")
ANSWERED = 0.5  # share of a question's content words a reply holds to have answered it
PARTLY = 0.2
SUBSTANTIVE = 12  # words: a reply this long on an open question at least partly answers it
_STOP = frozenset(
    "a an and are as at be by do does for from how i if in is it its of on or so that the their them "
    "then there this to two we what when where which who why will with would you your can into one "
    "happens happen walk me through tell exactly still".split()
)


@lru_cache(maxsize=4096)  # every turn compares with every earlier turn and question: read each once
def content_words(text: str) -> frozenset[str]:
    """The words that carry a question's meaning, cut to a 5-letter stem ("replicas" ~ "replication")."""
    return frozenset(w[:5] for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 2)


def coverage(question: str, said: str) -> float:
    """The share of a question's content words that a turn holds."""
    asked = content_words(question)
    return len(asked & content_words(said)) / len(asked) if asked else 0.0


FAILURE_SAID = re.compile(
    r"\b(?:fail\w*|down|dies|died|crash\w*|outage|unavailable|unreachable|lost)\b", re.I
)
_VERBS = frozenset("goes went gets comes starts stops".split())
_FAILS = re.compile(
    r"\b(?:fails?|failed|failing|failure|goes\s+down|went\s+down|is\s+down|dies|died|crash\w*|unavailable|"
    r"unreachable|outage|lost|loses?|dark|restarts?)\b",
    re.IGNORECASE,
)
_HANDLED = re.compile(
    r"\b(?:fail\s*over|failover|standby|promoted?|replicas?|replicated|retr(?:y|ies)|fallback|fall\s+back|"
    r"degrade\w*|redundan\w*|quorum|re-?route\w*|queue(?:s|d)?\s+(?:up|them|it)|buffer\w*|circuit\s+breaker)\b",
    re.IGNORECASE,
)


def answers(question: str, said: str) -> bool:
    """Whether a candidate's turn already answers a question (its words, or the failure it asks about)."""
    if coverage(question, said) >= ANSWERED:
        return True
    failing = _failure_subjects_of(question)
    return bool(failing) and handles_failure(said, failing)


@lru_cache(maxsize=512)  # the scenario's questions are read once, not on every turn
def _failure_subjects_of(question: str) -> frozenset[str]:
    """What a failure question says fails: components it names, and the words just before the failure
    ("The email provider is down" -> provider, email)."""
    m = _FAILS.search(question)
    if m is None:
        return frozenset()
    before = [w for w in re.findall(r"[a-z0-9]+", question[: m.start()].lower()) if w not in _STOP]
    near = {w for w in before[-3:] if len(w) > 3 and w not in _VERBS}
    return frozenset({c.component for c in read_turn(question).claims} | near)


def handles_failure(said: str, subjects: frozenset[str]) -> bool:
    """Whether a turn says how one of `subjects` failing is handled (it fails, and then what)."""
    if not (_FAILS.search(said) and _HANDLED.search(said)):
        return False
    named = {c.component for c in read_turn(said).claims if not c.negated}
    named |= set(re.findall(r"[a-z0-9]+", said.lower()))
    return bool(subjects & named)


_YES_NO = re.compile(
    r"^\W*(?:is|are|was|were|do|does|did|can|could|would|will|should|shall|have|has|had|any|anything|"
    r"happy|ready|ok|okay|shall)\b",
    re.IGNORECASE,
)
_WH = re.compile(r"\b(?:how|what|which|where|who|whom|why|when|walk\s+me|tell\s+me|show\s+me|name)\b", re.I)
_SHORT_REPLY = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|sure|no|nope|not\s+really|correct|right|definitely|absolutely|of\s+course|"
    r"i\s+think\s+so|i\s+don'?t\s+think\s+so|that'?s\s+all|nothing(?:\s+else)?|all\s+good)\b[\w\s,'.!-]{0,40}$",
    re.IGNORECASE,
)


_IMPERATIVE = re.compile(r"(?:show|walk|tell|give)\s+me\b|name\b|put\b|estimate\b", re.IGNORECASE)


def asks_for_content(question: str) -> bool:
    """Whether a question asks for a mechanism, a number or a reason (not a yes/no or a wrap-up).

    Each sentence with a "?" is read; one that opens with a wh-word, or holds one when it does not
    open as a yes/no question, asks for content ("Where does it go, and who notices?").
    """
    parts = [s.strip() for s in re.split(r"(?<=[.?!])\s+", question)]
    asked = [s for s in parts if s.endswith("?") or _IMPERATIVE.match(s)] or [question]
    return any(_WH.search(s) and not (_YES_NO.match(s) and not _WH.match(s.strip())) for s in asked)


@dataclass
class Entry:
    """One interviewer question."""

    key: str
    topic: str  # what it asks about, said in a few words ("the dead-letter path")
    question: str  # the reference wording (what would answer it is in its content words)
    phase: str
    turn: int  # candidate turns heard when it was asked
    status: str = "open"
    revisited: bool = False  # a dodged entry is come back to once
    steps: int = 0  # sub-questions asked on it after a non-answer (the ladder)

    def to_data(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class Ledger:
    """All entries, in the order asked."""

    entries: dict[str, Entry] = field(default_factory=dict)
    heard: list[str] = field(default_factory=list)  # the candidate's turns, for "already answered"

    # ------------------------------------------------------------------ recording

    def ask(self, key: str, question: str, topic: str, phase: str) -> Entry:
        """Record a question put to the candidate (again: the entry is reopened, not duplicated)."""
        entry = self.entries.get(key)
        if entry is None:
            entry = Entry(key, topic, question, phase, len(self.heard))
            self.entries[key] = entry
        return entry

    def hear(self, reading: TurnReading) -> dict[str, str]:
        """Settle the open entries with a candidate turn; return {key: new status} for what changed."""
        changed: dict[str, str] = {}
        latest = self.latest_open()
        for entry in self.entries.values():
            if entry.status not in ("open", "partly"):
                continue
            share = coverage(entry.question, reading.text)
            status = entry.status
            if share >= ANSWERED:
                status = "answered"
            elif entry is latest:
                status = self._reply_status(entry, reading, share)
            if status != entry.status:
                entry.status = status
                changed[entry.key] = status
        self.heard.append(reading.text)
        return changed

    @staticmethod
    def _reply_status(entry: Entry, reading: TurnReading, share: float) -> str:
        """What the turn right after a question did to it."""
        if reading.has("dodge", "off_topic", "instruction"):
            return "dodged"
        if reading.has("non_answer", "asks_for_answer"):
            return entry.status  # the ladder takes it from here
        if reading.has("vague") and asks_for_content(entry.question):
            return entry.status  # "Should be ok." to "how would you ...?" leaves it open
        if not asks_for_content(entry.question) and _SHORT_REPLY.match(reading.text):
            return "answered"  # "Sure." to "Anything you'd change?" is an answer
        substantive = len(reading.text.split()) >= SUBSTANTIVE or reading.figures
        if substantive and _names_elsewhere(entry, reading.text):
            return "dodged"  # asked what happens when Kafka is down, told about S3
        if share >= PARTLY or (substantive and reading.has("answer")):
            return "partly" if share < ANSWERED else "answered"
        return entry.status

    def give_up(self, key: str) -> None:
        """The ladder ran out: the question is recorded as not answered."""
        if key in self.entries and self.entries[key].status in ("open", "partly"):
            self.entries[key].status = "dodged"

    # ------------------------------------------------------------------ asking

    def latest_open(self) -> Entry | None:
        for entry in reversed(self.entries.values()):
            if entry.status == "open":
                return entry
        return None

    def already_answered(self, question: str) -> int | None:
        """The index of an earlier candidate turn that answers `question`, or None.

        Either the turn holds most of the question's words, or the question asks what happens
        when a component fails and the turn already said how that component's failure is handled.
        """
        for index, said in enumerate(self.heard):
            if answers(question, said):
                return index
        return None

    def to_revisit(self) -> Entry | None:
        """The oldest dodged entry not yet come back to."""
        return next((e for e in self.entries.values() if e.status == "dodged" and not e.revisited), None)

    def unanswered(self) -> list[Entry]:
        """Entries never answered (dodged or still open), for the report."""
        return [e for e in self.entries.values() if e.status in ("dodged", "open")]


def _names_elsewhere(entry: Entry, reply: str) -> bool:
    """A question about one of their boxes failing ("What happens when Kafka is down?") answered
    with a turn that never names that box nor points back at it ("it", "that")."""
    if not entry.key.startswith("failure:box:"):
        return False
    name = re.sub(r"^the\s+", "", entry.topic.removesuffix(" failing"), flags=re.I).lower()
    said = reply.lower()
    if not name or name in said or re.search(r"\b(?:it|that|this|they)\b", said[:60]):
        return False
    return all(word not in said for word in name.split() if len(word) > 2)
