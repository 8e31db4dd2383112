"""Dialogue acts in a candidate's turn: what the turn *does*, each with its evidence span.

Deterministic cue patterns, linear in the text's length (each pattern is one regex scan;
repetition compares word sets with a bounded number of earlier turns). No I/O, no UI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

ACT_KINDS = (
    "answer",  # says something about the problem (the default)
    "question",  # asks the interviewer something
    "non_answer",  # "I don't know", "pass", "no idea"
    "asks_for_answer",  # "just tell me the number", "what's the right answer?"
    "off_topic",  # nothing about the problem, or about something else entirely
    "approval_seeking",  # "..., right?", "Is that OK?"
    "repeats",  # the same as an earlier turn
    "bare_claim",  # "Token bucket." a decision with no reason and nothing else
    "dodge",  # "let's not get into that", "that's a detail", "we'd just handle it"
    "instruction",  # text aimed at the interviewer's or grader's instructions
    "vague",  # "Should be ok.", "Anyway, I think it's fine.": adequacy asserted with nothing behind it
)


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets into the turn's text, and the words there."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Act:
    kind: str
    span: Span
    ref: int | None = None  # for "repeats": the index of the earlier turn


def _span(m: re.Match[str]) -> Span:
    return Span(m.start(), m.end(), m.group(0))


_NON_ANSWER = re.compile(
    r"\b(?:i\s+(?:really\s+|honestly\s+)?(?:don'?t|do\s+not|dont)\s+know|no\s+idea|not\s+sure|i'?m\s+(?:not\s+sure|stuck|"
    r"lost|blank)|i\s+have\s+no\s+(?:idea|clue)|no\s+clue|i\s+can'?t\s+(?:think|say|tell)|"
    r"haven'?t\s+(?:a\s+clue|thought\s+about)|i\s+(?:don'?t|do\s+not)\s+have\s+an\s+answer|"
    r"i'?m\s+not\s+familiar)\b",
    re.IGNORECASE,
)
_PASS = re.compile(r"\s*(?:i'?ll\s+|i\s+)?(?:pass|skip(?:\s+this(?:\s+one)?)?)[.!]?\s*$", re.IGNORECASE)
_ASKS_FOR_ANSWER = re.compile(
    r"\b(?:(?:just\s+|can\s+you\s+|could\s+you\s+|please\s+)(?:just\s+)?(?:tell|give|show)\s+me|"
    r"what(?:'s|\s+is)\s+the\s+(?:right|correct|expected|best|real)\s+(?:answer|number|design|approach|value|way)|"
    r"what\s+would\s+you\s+(?:build|do|use|pick|choose)|how\s+would\s+you\s+(?:do|design|build|generate|solve)|"
    r"what\s+(?:do|would)\s+you\s+(?:recommend|suggest)|give\s+me\s+the\s+(?:answer|number|solution)|"
    r"what\s+should\s+i\s+(?:ask|do|say|build|design|focus\s+on|cover)|the\s+answer\s+is\??$)",
    re.IGNORECASE,
)
_APPROVAL = re.compile(
    r"(?:,?\s*(?:right|correct|yes|ok(?:ay)?|agreed|no)\s*\?|\b(?:is|does|would)\s+(?:that|this|it)\s+"
    r"(?:ok(?:ay)?|fine|right|correct|good|acceptable|make\s+sense|work|sound\s+(?:ok|right|good))\b[^?]*\?|"
    r"\b(?:isn'?t|doesn'?t|wouldn'?t|aren'?t|don'?t)\s+(?:it|that|this|they|we|you)\s*\?|"
    r"\bam\s+i\s+(?:right|on\s+the\s+right\s+track|correct)\b|\bdoes\s+that\s+sound\b[^?]*\?)",
    re.IGNORECASE,
)
_DODGE = re.compile(
    r"\b(?:let'?s\s+not\s+(?:get\s+into|worry\s+about|go\s+there|go\s+into)|(?:that'?s|it'?s)\s+(?:just\s+)?"
    r"(?:an?\s+)?(?:implementation\s+)?detail|(?:we'?d|we\s+would|we'?ll|we\s+will|we\s+can)\s+just\s+handle\s+it|"
    r"handle\s+(?:it|that)\s+later|not\s+important\s+(?:now|right\s+now|here)|out\s+of\s+scope\s+for\s+now|"
    r"i'?d\s+rather\s+(?:talk|focus)\s+(?:about|on)|moving\s+on|doesn'?t\s+matter|we'?ll\s+figure\s+(?:it|that)\s+out|"
    r"(?:talk|think)\s+about\s+something\s+else|change\s+the\s+subject|skip\s+(?:that|this)(?:\s+one)?|"
    r"i'?d\s+rather\s+not|next\s+question|come\s+back\s+to\s+(?:that|it)\s+later)\b",
    re.IGNORECASE,
)
_INSTRUCTION = re.compile(
    r"(?:\bignore\s+(?:all\s+|your\s+|the\s+)?(?:previous|prior|above|earlier)?\s*instructions|^\s*(?:system|assistant)\s*:|"
    r"\bdebug\s+mode\b|\b(?:for|to)\s+(?:the|whoever)\s+(?:grader|marker|reviewer|marks\s+this)|"
    r"\bmark\s+(?:this|me|every)\b|\bstrong\s+hire\b|\bprint\s+the\s+rubric\b|\breveal\s+the\s+(?:rubric|answers?))",
    re.IGNORECASE | re.MULTILINE,
)
# Small talk, and topics no system-design interview is about.
_OFF_TOPIC = re.compile(
    r"\b(?:football|soccer|basketball|weather|hiking|holiday|vacation|movie|film|tv\s+show|salary|pay\s+range|"
    r"compensation|benefits|favou?rite\s+(?:programming\s+)?language|lunch|weekend|your\s+hobbies|"
    r"how\s+are\s+you|where\s+are\s+you\s+from|work\s+from\s+home|remote\s+work|the\s+team\s+culture)\b",
    re.IGNORECASE,
)
_ASKING = re.compile(
    r"\b(?:tell me|i'd like to know|i would like to know|i want to know|i wonder|could you clarify)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_WORD = re.compile(r"[a-z0-9]+(?:['.:-][a-z0-9]+)*")
REASON = re.compile(
    r"\b(?:because|since|so\s+that|so\s+we|so\s+it|so\s+the|so\s+a|which\s+means|means|to\s+avoid|to\s+keep|"
    r"in\s+order\s+to|otherwise|given|as\s+it|as\s+that|trade-?off|cost|costs|instead\s+of|rather\s+than|"
    r"at\s+this\s+scale|fits|enough|handles|avoids|keeps|lets|allows)\b",
    re.IGNORECASE,
)
REPEAT_SIMILARITY = 0.8  # share of words two turns have in common to count as the same turn
REPEAT_WINDOW = 30  # earlier turns compared (bounds the work on a long session)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def questions(text: str) -> list[Span]:
    """The sentences of a turn that ask something ("?" or "tell me ...")."""
    found = []
    for m in _SENTENCE.finditer(text):
        sentence = m.group(0)
        if "?" in sentence or _ASKING.search(sentence):
            lead = len(sentence) - len(sentence.lstrip())
            found.append(Span(m.start() + lead, m.end(), sentence.strip()))
    return found


def non_answer(text: str) -> Span | None:
    """A turn that gives up on the question: says so, and says little else."""
    if len(text) > 200:
        return None  # more than a few words besides "I don't know" is an answer (and skips the scan)
    m = _PASS.match(text) or _NON_ANSWER.search(text)
    if m is None or len(words(text)) - len(words(m.group(0))) > 4:
        return None  # "Not sure, maybe Redis with a short TTL." is an answer with a hedge
    return _span(m)


# "I don't know how to stop two people grabbing the same seat": stuck, but on something named.
_STUCK_ON = re.compile(
    r"^\W*(?:(?:honestly|well|so|hmm|um)[,\s]+)?(?:i\s+(?:really\s+|honestly\s+)?(?:don'?t|do\s+not|dont)\s+know|"
    r"i'?m\s+not\s+sure|not\s+sure|no\s+idea|i\s+have\s+no\s+idea|i'?m\s+stuck\s+on|i\s+can'?t\s+see)\s+"
    r"(?P<topic>(?:how|what|which|where|whether|when|who|why)\b[^.!?\n]{6,120}|about\s+(?:the|our|this|that)\b"
    r"[^.!?\n,]{3,60}(?:,\s*(?:honestly|to\s+be\s+honest|tbh))?)[.!?]*\s*$",
    re.IGNORECASE,
)
_HEDGED = re.compile(r",\s*(?:but|probably|so|i'?d|we'?d|we\s+could)\b|\b(?:maybe|perhaps)\b", re.I)
_TOPIC_LEAD = re.compile(r"^how\s+(?:to|we(?:'?d|\s+would|\s+can|\s+could|\s+should)?|you'?d|i'?d)\s+", re.I)


def stuck_on(text: str) -> Span | None:
    """What a non-answer names as the thing they are stuck on ("stop two people grabbing the same seat")."""
    if len(text) > 200:
        return None
    m = _STUCK_ON.match(text)
    if m is None or _HEDGED.search(m.group("topic")):
        return None  # "not sure how to shard it, maybe by user id" is an answer with a hedge
    topic = re.sub(
        r",?\s+(?:honestly|to\s+be\s+honest|tbh|yet)$", "", m.group("topic").rstrip(" ?.!"), flags=re.I
    )
    lead = _TOPIC_LEAD.match(topic) or re.match(r"about\s+", topic, re.I)
    start = m.start("topic") + (lead.end() if lead else 0)
    said = text[start : m.start("topic") + len(topic)]
    return Span(start, start + len(said), said) if len(words(said)) >= 2 else None


# Adequacy asserted: "should be ok", "it's fine", "that'll work", "no problem".
_VAGUE = re.compile(
    r"\b(?:(?:it'?s|it\s+is|that'?s|that\s+is|should\s+be|it'?ll\s+be|it\s+will\s+be|will\s+be|would\s+be|"
    r"looks?|seems?)\s+(?:totally\s+|probably\s+|just\s+)?(?:fine|ok(?:ay)?|good|enough|alright|all\s+right|"
    r"sufficient|manageable|handled|no\s+problem)|should\s+(?:work|scale|hold(?:\s+up)?|cope|handle\s+it)|"
    r"(?:it|that)\s+(?:works|scales|holds)|(?:it|that)'?ll\s+(?:work|scale|hold)|no\s+(?:problem|issue|worries)|"
    r"not\s+(?:a|an)\s+(?:problem|issue|concern)|good\s+enough|we'?ll\s+(?:see|manage|be\s+fine))\b",
    re.IGNORECASE,
)
VAGUE_WORDS = 14  # longer than this, a turn has room to say something (it is read as an answer)


def vague(text: str) -> Span | None:
    """A reply that asserts adequacy and says nothing else: no component, figure, mechanism or reason.

    (Components and figures are checked by the reader, which has found them; this checks the words.)
    """
    if len(text) > 120 or len(words(text)) > VAGUE_WORDS or REASON.search(text):
        return None
    m = _VAGUE.search(text)
    return _span(m) if m else None


def asks_for_answer(text: str) -> Span | None:
    m = _ASKS_FOR_ANSWER.search(text)
    return _span(m) if m else None


def approval_seeking(text: str) -> Span | None:
    """ "..., right?" at the end of a sentence: only the turn's last 160 characters are read."""
    if "?" not in text and "am i" not in text.lower():
        return None
    offset = max(0, len(text) - 160)
    m = _APPROVAL.search(text, offset)
    return _span(m) if m else None


def dodge(text: str) -> Span | None:
    m = _DODGE.search(text)
    return _span(m) if m else None


def instruction(text: str) -> Span | None:
    m = _INSTRUCTION.search(text)
    return _span(m) if m else None


def off_topic(text: str, on_topic: bool) -> Span | None:
    """Small talk, or a turn with nothing about the problem (`on_topic`: it names something of it)."""
    if on_topic:
        return None
    m = _OFF_TOPIC.search(text)
    return _span(m) if m else None


@lru_cache(maxsize=1024)  # each earlier turn is compared with every later one: split it once
def _word_set(text: str) -> frozenset[str]:
    return frozenset(words(text))


def repeats(text: str, earlier: list[str]) -> int | None:
    """The index of an earlier turn this one repeats (nearly word for word), or None."""
    mine = _word_set(text)
    if len(mine) < 4:
        return None
    start = max(0, len(earlier) - REPEAT_WINDOW)
    for index in range(len(earlier) - 1, start - 1, -1):
        theirs = _word_set(earlier[index])
        if theirs and len(mine & theirs) / len(mine | theirs) >= REPEAT_SIMILARITY:
            return index
    return None


def bare_claim(text: str) -> Span | None:
    """A turn that is only a decision, a few words with no reason ("Token bucket.", "Fail open.")."""
    stripped = text.strip()
    said = words(stripped)
    if not 1 <= len(said) <= 4 or "?" in stripped or REASON.search(stripped):
        return None
    lead = len(text) - len(text.lstrip())
    claim = stripped.rstrip(".!")
    return Span(lead, lead + len(claim), claim)
