"""The offline interviewer: turns each planner move into natural text in the persona's voice.

Several phrasings per move, cycled in an order shuffled by the session seed, so a run is
reproducible and a phrasing does not come back until the others have been used.
"""

from __future__ import annotations

import random
import re

from interview.catalog.models import Persona, Scenario
from interview.engine import offline_listening as listening
from interview.engine.moves import Move, lower_first, next_phase_id, phase_title, spoken_label
from interview.engine.planner_responses import NUMBER_STANCES

_REVEAL_LEADS = [
    "Good question.",
    "Glad you asked.",
    "Worth asking.",
]
_SCALE_Q = "what scale are you designing for?"
_ASSUME = [
    "That's your call. Make an assumption, say it out loud, and keep going.",
    "I'll leave that to you; tell me what you're assuming and why.",
    "Nothing specific from me on that. Pick something reasonable and state it.",
    "Your decision. State the assumption and carry on.",
]
_CARRY_ON = ["Keep going.", "Go on.", "Carry on.", "I'm with you; continue.", "Okay, continue."]
_ASK_SCALE = [
    "You haven't asked me about scale yet. What would you want to know?",
    "Before we go further: what scale are we designing for? Ask me what you need.",
    "One gap so far: we haven't talked about scale. What do you need to know about it?",
]
_ASK_ESTIMATE = [
    "What do you get for {label}?",
    "Can you work out {label} for me?",
    "Let's get {label}. What's your number?",
    "How about {label}? Show me the arithmetic.",
]
_CHALLENGE = [
    "Walk me through how you got {figure}.",
    "How did you arrive at {figure}? Take me through the steps.",
    "Let's check {figure}. Where does it come from?",
    "Show me the arithmetic behind {figure}.",
]
_ACCEPT = [
    "That's in the right range.",
    "Those numbers look sane to me.",
    "Good, that matches my back-of-envelope.",
    "Fine, I can work with that.",
]
_OPEN_DESIGN = [
    "Sketch the high-level design for me: the main components and how a request flows through them.",
    "Let's see the high-level design. What are the main pieces, and how does a request move through them?",
    "Take me through the high-level design, end to end, for the main use cases.",
]
_NOTHING_NEW = {
    "estimation": [
        "That's enough numbers for me. Take us to the design when you're ready.",
        "I have what I need on the numbers; go on when you're ready.",
    ],
    "wrap_up": [
        "That's everything I wanted to ask. Add anything you like, and type /end when you're done.",
        "Nothing more from me. Say anything else you want on the record, then /end.",
    ],
    "*": [
        "I don't have anything new to ask right now. Take it where you think it matters.",
        "Nothing more from me on this; you lead.",
        "I've asked what I wanted to here. Over to you.",
        "Keep going with whatever you think matters most; I'll jump in if I need to.",
    ],
}
_HINT_LEADS = ["A small nudge.", "Here's a pointer.", "One hint.", "Something to consider."]
_HINT_TOPIC_LEADS = [  # a design hint is a topic not yet covered, put as its probe
    "Here's a pointer to something you haven't covered yet.",
    "A small nudge: there's an area you haven't touched.",
    "One hint: think about a part you haven't covered.",
]
# Before a probe on a new topic. The persona's `probe` leads ("Say more about that.") refer back
# to what the candidate just said, so they only go before a follow-up prompted by it.
_BACK_LEADS = [
    "Going back to something you said a moment ago.",
    "Let me return to a point you made earlier.",
    "Back to something you mentioned.",
]
_SWITCH_LEADS = [  # half bare: a lead on every new question reads like a form
    "Let me ask about something else.",
    "",
    "A different question.",
    "",
    "Another area I want to understand.",
    "",
    "Changing direction a little.",
    "",
]
_HINT_USED = [
    "You've had your hint for this phase. Trust your instincts and keep going.",
    "One hint per phase, and you've used this one. Carry on; you're doing fine.",
]
_NUDGE = [
    "We're at time for {phase}; let's get to {next}.",
    "That's our time for {phase}. Let's move on to {next}.",
    "We've used the time for {phase}, so let's head to {next}.",
]
_NUDGE_LAST = ["We're at time for {phase}; let's bring it to a close."]
_TRANSITION = {
    "next": ["Sure, let's move on to {next}.", "Okay, on to {next}.", "Alright, let's turn to {next}."],
    "time": [
        "We're over time on {phase}, so let's move on to {next}.",
        "Time's up for {phase}; on to {next}.",
    ],
    "coverage": ["That covers {phase}. On to {next}.", "Good, we've covered {phase}. Let's go to {next}."],
    "candidate": ["Sure, let's move on to {next}.", "Okay, {next} it is."],
    "candidate_ahead": ["Let's do {next} first; we'll get there.", "{next} first, then we'll get there."],
}
_PHASE_BEGIN = ["Go ahead.", "Over to you.", "Whenever you're ready."]
_TIME_UP = [
    "We're at time. Give me a short summary: your design, its biggest risk, and what you'd do next.",
    "That's our time. Before we stop, summarise your design in a few sentences and the trade-off "
    "you're least sure of.",
]
_AFTER_TIME = ["Thanks. Type /end when you're ready to finish.", "Got it. Type /end whenever you're done."]
_LAST_PHASE = [
    "This is the last part of the interview; type /end when you're finished.",
    "We're in the final phase already. Type /end when you're done.",
]
_WELCOME_BACK = [
    "Welcome back. We were in {phase}, {minutes} in. Pick up where you left off.",
    "Good to have you back. We'd reached {phase}, {minutes} in; carry on from there.",
]
_INVITE = [
    "Where would you like to start?",
    "Take a moment, then tell me how you'd like to begin.",
    "Start wherever you like; I'm happy to answer questions.",
]


def _minutes_in(elapsed_s: float) -> str:
    """'less than a minute', 'about 1 minute', 'about 12 minutes'."""
    minutes = round(elapsed_s / 60)
    if minutes < 1:
        return "less than a minute"
    return f"about {minutes} minute{'s' if minutes != 1 else ''}"


_OVER_TIME_END = ["We're well past time, so let's stop there."]


class OfflineVoice:
    """Says planner moves without a model, in the persona's voice."""

    def __init__(self, scenario: Scenario, persona: Persona, seed: int) -> None:
        self.scenario = scenario
        self.persona = persona
        self.seed = seed
        self._facts = {f.id: f for f in scenario.facts}
        self._estimates = {e.id: e for e in scenario.estimates}
        self._uses: dict[str, int] = {}
        self._orders: dict[tuple[str, int], list[int]] = {}

    def pick(self, options: list[str], slot: str) -> str:
        """The next phrasing for a slot: a seeded shuffle, cycled, so nothing repeats too soon."""
        n = len(options)
        if n == 1:
            return options[0]
        order = self._orders.get((slot, n))
        if order is None:
            order = list(range(n))
            random.Random(f"{self.seed}:{slot}").shuffle(order)
            self._orders[(slot, n)] = order
        used = self._uses.get(slot, 0)
        self._uses[slot] = used + 1
        return options[order[used % n]]

    def render(self, move: Move, *, elapsed_s: float = 0.0) -> str:
        """The text of one interviewer turn (each call moves the phrasing cycles on)."""
        voice = self.persona.voice
        parts: list[str] = []
        fmt = {"phase": phase_title(move.phase).lower()}
        if move.transition_from:
            reason = move.transition_reason or "next"
            line = self.pick(_TRANSITION.get(reason, _TRANSITION["next"]), f"transition:{reason}")
            fmt_t = {
                "phase": phase_title(move.transition_from).lower(),
                "next": phase_title(move.phase).lower(),
            }
            if reason == "next" and self.pick(["own", "persona"], "transition_style") == "persona":
                parts.append(self.pick(voice.move_on, "move_on"))
                parts.append(f"Next, {fmt_t['next']}.")
            else:
                said = line.format(**fmt_t)
                parts.append(said[:1].upper() + said[1:])
        if move.facts:
            answers = [self._facts[f].answer for f in move.facts if f in self._facts]
            if move.echo and move.kind == "reveal":
                leads = listening.fitting(listening.FACT_LEADS, move.echo)
                parts.append(self.pick(leads, "fact_lead").format(echo=move.echo))
                parts.append(listening.after_colon(" ".join(answers)))
            else:
                parts.append(self.pick(_REVEAL_LEADS, "reveal"))
                parts.append(" ".join(answers))
        if move.repeated_facts:
            answers = [self._facts[f].answer for f in move.repeated_facts if f in self._facts]
            parts.append("As I mentioned, " + lower_first(" ".join(answers)))
        if move.accepted and move.kind != "challenge" and move.act != "approval_seeking":
            if move.echo:  # never praise right before pushing back; name the figure they got right
                line = self.pick(listening.ACCEPT_ECHO, "accept_echo").format(echo=move.echo)
                parts.append(line[:1].upper() + line[1:])
            else:
                parts.append(self.pick(_ACCEPT, "accept"))
        parts.extend(listening.leads(move, self.pick))
        if move.scaffold:
            parts.append(listening.scaffold(move, self.pick))
        if move.expected:
            parts.append(self.pick(listening.EXPECTED, "expected"))
        parts.extend(self._body(move, elapsed_s))
        nxt = next_phase_id(self.scenario, move.phase)
        if move.nudge and move.ask_scale and nxt is not None:
            line = "We're at time for {phase}. One thing before we move on to {next}: " + _SCALE_Q
            parts.append(line.format(next=phase_title(nxt).lower(), **fmt))
        elif move.nudge:
            if nxt is None:
                parts.append(self.pick(_NUDGE_LAST, "nudge").format(**fmt))
            else:
                parts.append(self.pick(_NUDGE, "nudge").format(next=phase_title(nxt).lower(), **fmt))
        elif move.ask_scale and move.kind != "ask_scale":
            parts.append("Before we go on: what scale are you designing for?")
        return " ".join(p.strip() for p in parts if p and p.strip())

    def _heard(self, move: Move) -> str:
        """An acknowledgement naming the candidate's own words, when there are words worth naming."""
        if (
            not move.echo
            or move.act in ("approval_seeking", "repeats", "confirm_given")
            or move.transition_from
            or move.accepted
        ):
            return ""
        return self.pick(listening.ECHO_ACKS, "echo_ack").format(echo=move.echo)

    def _acks(self, move: Move) -> list[str]:
        """The persona's acknowledgements that fit this turn: one about "the number" needs a figure."""
        acks = self.persona.voice.acknowledge
        if move.accepted:
            return acks
        fitting = [a for a in acks if not re.search(r"\b(?:number|numbers|figure|estimate)s?\b", a, re.I)]
        return fitting or acks

    def _closings(self, move: Move, elapsed_s: float) -> list[str]:
        """The persona's closing lines that fit how the interview ended.

        After "we're well past time, so let's stop there", a line that says so again is left
        out; when the candidate ends early, a line claiming "that's our time" is left out.
        """
        lines = self.persona.voice.closing
        if move.end_reason == "time":
            clash = r"\b(?:time|stop|call it|wrap up|close)\b"
        elif elapsed_s < self.scenario.minutes * 60:
            clash = r"\b(?:time)\b"
        else:
            return lines
        fitting = [line for line in lines if not re.search(clash, line, re.I)]
        return fitting or lines

    def _body(self, move: Move, elapsed_s: float) -> list[str]:
        voice = self.persona.voice
        kind = move.kind
        if kind == "opening":
            greeting = self.pick(voice.greeting, "greeting")
            invite = self.pick(_INVITE, "invite")
            return [f"{greeting}\n\n{self.scenario.prompt.strip()}\n\n{invite}"]
        if kind == "welcome_back":
            line = self.pick(_WELCOME_BACK, "welcome")
            return [line.format(phase=phase_title(move.phase).lower(), minutes=_minutes_in(elapsed_s))]
        if kind == "reveal":  # a question back only when they asked about everything at once
            return [move.question] if move.question else []
        if kind == "clarify":
            return [move.question]
        if kind == "assume" and move.echo:
            return [self.pick(listening.ASSUME_ECHO, "assume_echo").format(echo=move.echo)]
        if kind == "assume":
            return [self.pick(_ASSUME, "assume")]
        said = listening.body(move, self.pick)
        if said is not None:
            return said
        heard = self._heard(move)
        if kind == "listen" and move.act == "confirm_given":  # "That's my number, yes": nothing to judge
            return [self.pick(_CARRY_ON, "carry_on")]
        if kind == "listen":
            return [heard or self.pick(self._acks(move), "ack"), self.pick(_CARRY_ON, "carry_on")]
        if kind == "accept":
            return [heard, self.pick(_CARRY_ON, "carry_on")]
        if kind == "ask_scale":
            return [self.pick(_ASK_SCALE, "ask_scale")]
        if kind == "ask_estimate":
            estimate = self._estimates.get(move.estimate or "")
            label = spoken_label(estimate.label) if estimate else "the main rates and storage"
            return [heard, self.pick(_ASK_ESTIMATE, "ask_estimate").format(label=label)]
        if kind == "challenge" and move.question:  # worded by engine/figure_steps.py
            key = move.key or ""
            first = key.startswith("challenge:") and not key.endswith((":steps", ":again"))
            return (
                [self.pick(_statements(voice.challenge), "challenge"), move.question]
                if first
                else [move.question]
            )
        if kind == "challenge":
            lead = self.pick(_statements(voice.challenge), "challenge")
            return [lead, self.pick(_CHALLENGE, "challenge_q").format(figure=move.figure)]
        if kind in ("followup", "rule", "probe", "failure_probe", "wrap_up", "escalate"):
            if kind == "wrap_up":  # a closing question: at most an acknowledgement before it
                return [heard, move.question]  # a stock "yes, that holds" would praise anything
            if kind == "escalate":  # pushes on their own design: no "changing direction"
                return [heard, move.question]
            if kind == "rule":  # a persona's habit is already in its own words
                return [listening.rule_lead(move, self.pick, NUMBER_STANCES), move.question]
            if move.transition_from or move.act in ("off_topic", "instruction", "non_answer"):
                return [move.question]  # the lead has already been said
            if move.facts or move.accepted:  # already opened with an acknowledgement
                return [move.question]
            if kind == "followup" and move.prompted:
                you_said = listening.fitting(listening.YOU_SAID, move.echo)
                said = self.pick(you_said, "you_said").format(echo=move.echo) if move.echo else ""
                return [said or self.pick(voice.probe, "probe"), move.question]
            if kind == "followup":  # prompted by something said a turn or two ago
                return [heard, self.pick(_BACK_LEADS, "back"), move.question]
            return [heard, self.pick(_SWITCH_LEADS, "switch"), move.question]
        if kind == "open_design":
            return [self.pick(_OPEN_DESIGN, "open_design")]
        if kind == "nothing_new":
            options = _NOTHING_NEW.get(move.phase, _NOTHING_NEW["*"])
            return [heard, self.pick(options, f"nothing:{move.phase}")]
        if kind == "hint":
            leads = _HINT_TOPIC_LEADS if move.concept else _HINT_LEADS
            return [self.pick(leads, "hint"), move.question]
        if kind == "hint_used":
            return [self.pick(_HINT_USED, "hint_used")]
        if kind == "phase_change":
            return [self.pick(_PHASE_BEGIN, "begin")]
        if kind == "last_phase":
            return [self.pick(_LAST_PHASE, "last")]
        if kind == "hold_phase":
            title = phase_title(move.phase).lower()
            return [f"We've only just moved on to {title}. Press F6 (or type /next) again to skip it."]
        if kind == "time_up":
            return [self.pick(_TIME_UP, "time_up")]
        if kind == "after_time":
            return [self.pick(_AFTER_TIME, "after_time")]
        if kind == "closing":
            lead = self.pick(_OVER_TIME_END, "over") if move.end_reason == "time" else ""
            return [lead, self.pick(self._closings(move, elapsed_s), "closing")]
        return []  # "nudge": the nudge line alone


def _statements(lines: list[str]) -> list[str]:
    """A persona's lead-ins that are not questions: a challenge ends on its own question, and
    "What about the unhappy path? How do you get from 1 MB to 400 TB?" asks two at once."""
    return [line for line in lines if not line.rstrip().endswith("?")] or lines
