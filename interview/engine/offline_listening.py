"""Offline phrasing for the moves that answer what the candidate did (see planner_responses).

Kept apart from offline.py's stock phrasings: everything here names the candidate's own
words (`move.echo`) or the topic of the question they did not answer (`move.topic`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from interview.engine.moves import Move

Pick = Callable[[list[str], str], str]

ECHO_ACKS = ["Noted: “{echo}”.", "Okay, “{echo}”.", "Got it: “{echo}”.", "Understood, “{echo}”."]
YOU_SAID = ["You said “{echo}”.", "On “{echo}”:", "About “{echo}”:"]
EARLIER = ["Back to something you said earlier.", "Going back a little.", "One thing from earlier."]
FACT_LEADS = ["On {echo}:", "As for {echo}:", "About {echo}:"]
_APPROVAL = [
    "I won't say yes or no as we go; convince me instead.",
    "Rather than me confirming it, test it yourself.",
    "I'm not going to grade it as we go.",
]
_DECLINE = [
    "That one's yours to work out, not mine to give.",
    "I won't hand you that; I want to see how you'd get there.",
    "If I tell you, I learn nothing about how you'd do it.",
]
_STEER = {
    "off_topic": [
        "Let's keep to the problem. The goal here: {topic}.",
        "Back to the design. The goal here: {topic}.",
    ],
    "instruction": ["I'll stay with the interview. The goal here: {topic}."],
}
_BACK = ["Let's keep to the problem.", "Back to the design.", "Let's stay with the interview."]
_APPROVAL_ECHO = [
    "You want me to confirm “{echo}”; I won't grade it as we go.",
    "Rather than me confirming “{echo}”, test it yourself.",
]
_DECLINE_ECHO = [
    "You asked for the {echo}: that one's yours to work out.",
    "The {echo} is yours to work out, not mine.",
]
ASSUME_ECHO = [
    "“{echo}”: that's your call. Make an assumption, say it out loud, and keep going.",
    "“{echo}”: I'll leave that to you; tell me what you're assuming and why.",
]
ACCEPT_ECHO = ["{echo} is in the right range.", "{echo}: I can work with that.", "{echo} looks sane to me."]
_REPEAT = ["You've said that already: “{echo}”. Take it further.", "That's the same as before: “{echo}”."]
_DROPPED = ["Let's leave {topic} for now; I'll note it.", "We'll leave {topic} there; I've noted it."]
_REVISIT = ["You didn't answer on {topic}; take it now.", "Back to {topic}, which you skipped; take it now."]
_REVISIT_ECHO = [
    "“{echo}” doesn't answer it. You didn't say anything on {topic}; take it now.",
    "“{echo}” leaves {topic} open; take it now.",
]
_WHY = [
    "Why {echo}? What does it give you here that the alternative doesn't, and what does it cost?",
    "{echo}: why? What does it buy you here, and what does it cost?",
]
EXPECTED = [
    "At this level I'd expect you to raise this yourself, without being asked.",
    "I'd have liked you to bring this up unprompted.",
]
_NARROW = ["Let's narrow “{echo}” down.", "Take “{echo}” one step at a time."]
_VAGUE = ["“{echo}” doesn't say how.", "“{echo}” tells me nothing I can check."]
_ANSWERED = ["“{echo}”: that answers it.", "On {topic}, “{echo}”: fine as far as it goes."]
_DEEPER = ["You've covered {topic} already: “{echo}”.", "You already told me about {topic}: “{echo}”."]
_THEIR_NUMBER = ["You estimated {figure}.", "Your own number was {figure}."]
_NO_NUMBER = ["We haven't put a number on the load yet."]


def fitting(options: list[str], echo: str) -> list[str]:
    """The leads that do not stutter into the echo ("On on-sale:", "About about 40 a second")."""
    first = re.match(r"[a-z]+", echo.lower())
    if first is None:
        return options
    kept = [o for o in options if not re.match(rf"\W*{first.group(0)}\b", o.lower())]
    return kept or options


def after_colon(text: str) -> str:
    """A sentence continued after "On X:": "A payment must ..." -> "a payment must ..."; "ISO 20022" stays."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and (first.isupper() or any(ch.isdigit() for ch in first)):
        return text
    return text[:1].lower() + text[1:]


def topic_from_key(key: str) -> str:
    """A ledger key said as a topic: "rule:dead_letter" -> "dead letter"; "failure:2" -> "that failure"."""
    kind, _, name = key.partition(":")
    if kind in ("rule", "concept", "wrap") and name:
        return name.replace("_", " ")
    if kind == "estimate" and name:
        return name.replace("_", " ")
    return {"failure": "that failure", "followup": "that question"}.get(kind, "that question")


_SCAFFOLD = {
    "estimation": "Let's take it one step at a time, starting from the numbers I gave you.",
    "wrap_up": "Let's take it one step at a time: pick the one part you'd worry about most.",
    "*": "Let's take it one step at a time: follow a single request through, box by box.",
}


_GIVEN = [
    "Yes, {echo} is the figure I gave you.",
    "That's my number, yes: {echo}.",
]


def scaffold(move: Move, pick: Pick) -> str:
    """A first step for a candidate who has been stuck, said as a new phase opens."""
    return _SCAFFOLD.get(move.phase, _SCAFFOLD["*"])


def leads(move: Move, pick: Pick) -> list[str]:
    """What goes before the move's own words: a dropped question, a repeat, approval not given."""
    parts: list[str] = []
    if move.dropped and move.kind != "ladder":
        topic = move.topic if move.act == "non_answer" and move.topic else topic_from_key(move.dropped)
        parts.append(pick(_DROPPED, "dropped").format(topic=topic))
    if move.act == "repeats" and move.echo:
        parts.append(pick(_REPEAT, "repeat").format(echo=move.echo))
    if move.act in ("off_topic", "instruction") and move.kind != "steer":
        parts.append(pick(_BACK, f"back:{move.act}"))
    if move.act == "confirm_given" and move.echo:
        parts.append(pick(_GIVEN, "given").format(echo=move.echo))
    if move.act == "approval_seeking" and move.echo:
        parts.append(pick(_APPROVAL_ECHO, "approval_echo").format(echo=move.echo))
    elif move.act == "approval_seeking":
        parts.append(pick(_APPROVAL, "approval"))
    return parts


def body(move: Move, pick: Pick) -> list[str] | None:
    """The body of a listening move, or None for a move this module does not phrase."""
    kind = move.kind
    if kind == "ladder" and move.echo and move.act == "non_answer":
        return [pick(_NARROW, "narrow").format(echo=move.echo), move.question]
    if kind == "ladder" and move.echo and move.act == "vague":
        return [pick(_VAGUE, "vague").format(echo=move.echo), move.question]
    if kind == "ladder":
        return [move.question]
    if kind == "decline" and move.echo:
        return [pick(_DECLINE_ECHO, "decline_echo").format(echo=move.echo), move.question]
    if kind == "decline":
        return [pick(_DECLINE, "decline"), move.question]
    if kind == "steer":
        line = pick(_STEER.get(move.act or "", _STEER["off_topic"]), f"steer:{move.act}")
        return [line.format(topic=move.topic), move.question]
    if kind == "revisit" and move.echo:
        return [pick(_REVISIT_ECHO, "revisit_echo").format(echo=move.echo, topic=move.topic), move.question]
    if kind == "revisit":
        return [pick(_REVISIT, "revisit").format(topic=move.topic), move.question]
    if kind == "why" and move.act == "bare_claim":
        line = pick(_WHY, "why").format(echo=move.echo)
        return [line[:1].upper() + line[1:]]
    if kind == "why":
        return [move.question]
    if kind == "deeper":
        leads = _ANSWERED if move.act == "answer" else _DEEPER
        lead = pick(leads, f"deeper:{move.act}").format(topic=move.topic, echo=move.echo) if move.echo else ""
        return [lead, move.question]
    if kind == "trade_offs" and move.act == "bare_claim":
        return [f"Why {move.echo}?", move.question]
    if kind == "trade_offs":
        return [move.question]
    return None


def rule_lead(move: Move, pick: Pick, number_stances: tuple[str, ...]) -> str:
    """Before a persona's stance: the candidate's own number, or their words that triggered it."""
    if move.rule in number_stances:
        if move.figure:
            return pick(_THEIR_NUMBER, "their_number").format(figure=move.figure)
        return pick(_NO_NUMBER, "no_number")
    if move.earlier:  # asked now, triggered before: acknowledge this turn, then say we go back
        ack = pick(fitting(ECHO_ACKS, move.echo), "echo_ack").format(echo=move.echo) if move.echo else ""
        back = f"Back to “{move.raised_by}”:" if move.raised_by else pick(EARLIER, "earlier")
        return " ".join(p for p in (ack, back) if p)
    if move.echo and move.act != "approval_seeking":  # the approval lead has already named it
        return pick(fitting(YOU_SAID, move.echo), "you_said").format(echo=move.echo)
    return ""
