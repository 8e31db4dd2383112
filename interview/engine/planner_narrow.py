"""Narrower questions built from what the candidate said they are stuck on, or left vague.

"I don't know how to stop two people grabbing the same seat" names its own topic: the first rung
of the ladder is a concrete question about *that* (built from the topic's words and the kind of
problem they describe: two writers at once, a duplicate, a loss, order, load, expiry, storage,
lookup), not the phase's stock question. "Should be ok." to a question that asked for a mechanism
or a number is asked once more, narrower, naming the question; a second such reply lets it go
(recorded for the report). Generic: nothing here knows a scenario.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from interview.engine.moves import Move
from interview.understanding.ledger import asks_for_content

if TYPE_CHECKING:
    from interview.engine.planner import Planner
    from interview.engine.planner_state import Observation

# The kind of problem a topic describes, by its words (first match wins), and the concrete question.
_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\b(?:duplicat\w*|twice|idempoten\w*|again|resen[dt]|retr(?:y|ies)|double[\s-]charg\w*)\b", re.I
        ),  # noqa: E501
        "Say the same {noun} request arrives twice. What would you check, where, to know it's a repeat, "
        "and what do you send back the second time?",
    ),
    (
        re.compile(
            r"\b(?:two|both|same|at\s+once|simultaneous\w*|concurren\w*|race\w*|grab\w*|overs[eo]ll\w*|"
            r"overbook\w*|conflict\w*|collid\w*|clash\w*|double[\s-]book\w*)\b",
            re.I,
        ),
        "What would you store for a {noun} while someone holds it, and what makes two writes to the same "
        "{noun} conflict instead of one overwriting the other?",
    ),
    (
        re.compile(
            r"\b(?:lose|los[ti]\w*|fail\w*|crash\w*|down|dies|die|outage|recover\w*|broken|corrupt\w*)\b",
            re.I,
        ),  # noqa: E501
        "Say it breaks halfway through one {noun}. What would you have written down before that point, "
        "and where, so you can pick it up again?",
    ),
    (
        re.compile(r"\b(?:order\w*|sequence\w*|in\s+turn|first|latest|newest)\b", re.I),
        "Give each {noun} a number as it arrives. Who hands that number out, and what does a reader do "
        "with two that arrive out of order?",
    ),
    (
        re.compile(
            r"\b(?:scal\w*|fast|slow|load|traffic|million\w*|billion\w*|hot|spike\w*|peak|latenc\w*|throughput|"
            r"many)\b",
            re.I,
        ),
        "Take one {noun} at peak. How many requests a second reach it, and which single box gives out first?",
    ),
    (
        re.compile(r"\b(?:expir\w*|delet\w*|clean\w*|purg\w*|ttl|old|stale|remov\w*)\b", re.I),
        "When does one {noun} stop being needed, and which process notices that and removes it?",
    ),
    (
        re.compile(r"\b(?:find|search\w*|look\s*up|lookup|match\w*|nearby|query|queries)\b", re.I),
        "What would you look one {noun} up by, and what index makes that lookup fast?",
    ),
    (
        re.compile(r"\b(?:stor\w*|sav\w*|model\w*|schema|keep|persist\w*|record\w*|table)\b", re.I),
        "What fields would one {noun} record hold, and which one would you look it up by?",
    ),
)
_ABOUT = "Start with its simplest case. What has to happen first, and which component does it?"
_DEFAULT = "Take just that part. What is the first thing that has to happen, and which component does it?"
_DETERMINERS = frozenset("a an the one each every single same this that their our my two both any".split())
_NOT_NOUNS = frozenset(
    "same other people person someone users user time way thing things it them what which right wrong "
    "request requests ones".split()
)
# Words that describe the thing rather than name it ("one hot paste", "the latest message", "nearby drivers").
_DESCRIBING = frozenset(
    "hot cold new old big small large latest newest oldest last next first recent popular busy slow fast "
    "nearby whole entire same different".split()
)
_NOT_THE_THING = _DETERMINERS | _NOT_NOUNS | _DESCRIBING
_WORD = re.compile(r"[a-z][a-z'-]*", re.I)
_NUMBER = re.compile(r"\bhow\s+(?:many|much|long|big|fast)|\bnumber|\bfigure|\bestimat", re.I)


def noun_of(topic: str) -> str:
    """The thing a topic is about: the last noun after a determiner ("the same seat" -> "seat")."""
    said = _WORD.findall(topic.lower())
    found = ""
    for i, word in enumerate(said[:-1]):
        if word not in _DETERMINERS:
            continue
        j = i + 1
        while j < len(said) and (said[j] in _DETERMINERS or said[j] in _DESCRIBING):
            j += 1
        if j < len(said) and said[j] not in _NOT_NOUNS and not said[j].endswith("ing") and len(said[j]) > 2:
            found = said[j]
    if not found:  # "delete old pastes without ...": the first thing after the verb
        rest = [w for w in said[1:] if w not in _NOT_THE_THING and len(w) > 3]
        found = rest[0] if rest else ""
    return found.rstrip("s") if found.endswith("s") and not found.endswith("ss") else found


def gerund(phrase: str) -> str:
    """ "stop two people grabbing ..." -> "stopping two people grabbing ..." (a verb phrase as a topic)."""
    first, _, rest = phrase.partition(" ")
    verb = first.lower()
    if not verb.isalpha() or verb.endswith("ing") or verb in _DETERMINERS or len(verb) < 3:
        return phrase
    if verb.endswith("e") and not verb.endswith("ee"):
        verb = verb[:-1] + "ing"
    elif re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", verb):
        verb = verb + verb[-1] + "ing"  # stop -> stopping, get -> getting
    else:
        verb += "ing"
    return f"{verb} {rest}".strip()


def narrower(topic: str) -> str:
    """A concrete question about the topic they named, by the kind of problem its words describe."""
    if topic.split(" ", 1)[0].lower() in ("the", "our", "this", "that"):
        return _ABOUT  # "not sure about the conflict resolution details": a thing, not a task
    noun = noun_of(topic)
    for pattern, question in _KINDS:
        if noun and pattern.search(topic):
            return question.format(noun=noun)
    return _DEFAULT


def stuck(planner: Planner, obs: Observation) -> Move | None:
    """The first rung on the topic a non-answer names, if it names one not yet laddered on."""
    reading = obs.reading
    if reading is None or reading.stuck_on is None:
        return None
    said = reading.stuck_on.text
    topic = gerund(said)  # "stop two people ..." -> "stopping two people ...", said as a topic
    key = "stuck:" + "-".join(_WORD.findall(said.lower())[:8])
    if key in planner.state.ledger.entries:
        return None  # the usual ladder goes on from here, on their topic
    return Move(
        kind="ladder",
        phase=obs.phase,
        key=f"ladder:{key}:1",
        act="non_answer",
        topic=topic,
        echo=said,
        covers=key,
        step=1,
        question=narrower(said),
    )


def vague(planner: Planner, obs: Observation) -> Move | None:
    """ "Should be ok." to a question that asked how or how much: once more, narrower, by name."""
    reading = obs.reading
    if reading is None or not reading.has("vague"):
        return None
    st = planner.state
    entry = st.ledger.latest_open()
    if entry is None or not asks_for_content(entry.question):
        return None
    said = reading.act("vague")
    key = f"vague:{entry.key}"
    if key in st.asked:  # vague twice on the same question: let it go, recorded as not answered
        after = planner.next_question(obs.phase)
        if after is None:
            return Move(kind="listen", phase=obs.phase, act="vague", dropped=entry.key, topic=entry.topic)
        after.act, after.dropped, after.topic = "vague", entry.key, after.topic or entry.topic
        return after
    return Move(
        kind="ladder",
        phase=obs.phase,
        key=key,
        act="vague",
        topic=entry.topic,
        covers=entry.key,
        echo=said.span.text if said is not None else "",
        question=first_part(entry.question, entry.topic),
    )


def first_part(question: str, topic: str) -> str:
    """The question asked again, narrower: its first part alone, else it with what would answer it."""
    said = question.strip()
    # "One paste goes viral. What serves its reads?": the setup is not a part to answer alone
    setup = re.match(r"(?:[^.?!]+[.!]\s+)+(?=[^.?!]*\?)", said)
    rest = said[setup.end() :] if setup else said
    first = re.split(r",\s+(?:and|or)\s+|\?\s+|;\s+|\.\s+", rest, maxsplit=1)[0].rstrip("?. ")
    if first and first != rest.rstrip("?. ") and len(first.split()) >= 4:
        lead = setup.group(0) if setup else ""
        return f"Just the first part, then: {lead}{first if setup else first[:1].lower() + first[1:]}?"
    wanted = "a component, a number or a mechanism"
    if _NUMBER.search(question):
        wanted = "a number and how you got it"
    return f"Be concrete on {topic}: {question.strip()} Give me {wanted}."
