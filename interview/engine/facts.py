"""What the interviewer reveals when the candidate asks something: one decision per turn.

Each question's focus ranks the scenario's facts (`understanding.focus`). A clear winner is
revealed; two close candidates get "Do you mean X or Y?"; a weak or missing match gets
"Not specified: state your assumption". A question is never met with silence. A turn that
asks about everything at once gets at most two facts and is asked to choose what matters most.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from interview.catalog.models import Fact, Scenario
from interview.engine.moves import Move
from interview.engine.planner_words import is_code
from interview.understanding.fact_match import FactMatch, rank_facts
from interview.understanding.focus import Focus, content_stems, focuses, question_spans

REVEAL_AT = 0.6  # a focus this well explained by one fact gets that fact
CLEAR_MARGIN = 0.8  # ... when the runner-up scores at most this share of it
CLARIFY_AT = 0.45  # two facts both this good and close together: "Do you mean X or Y?"
MAX_REVEALS = 3  # up to this many facts asked for in one turn are all answered ...
LIST_REVEALS = 2  # ... more (a list of every topic) gets this many, then a choice

DecisionKind = Literal["reveal", "clarify", "assume", "pick", "none"]


@dataclass
class FocusOutcome:
    """What one focus of the turn came to."""

    focus: Focus
    kind: Literal["reveal", "clarify", "assume"]
    facts: list[str] = field(default_factory=list)  # the winner, or the two to choose between
    ranking: list[FactMatch] = field(default_factory=list)


@dataclass
class FactDecision:
    """The interviewer's answer to the questions of one candidate turn."""

    kind: DecisionKind  # none: the turn asked nothing
    facts: list[str] = field(default_factory=list)  # revealed now (new)
    repeated: list[str] = field(default_factory=list)  # asked again: already revealed
    options: list[str] = field(default_factory=list)  # "Do you mean X or Y?" between these facts
    question: str = ""  # what the interviewer asks back (clarify / pick), if anything
    unmatched: list[str] = field(default_factory=list)  # focus phrases no fact answers
    brief: list[str] = field(default_factory=list)  # sentences of the problem statement that answer a focus
    outcomes: list[FocusOutcome] = field(default_factory=list)

    @property
    def touched(self) -> list[str]:
        """Every fact this turn asked about, new or repeated."""
        return [*self.facts, *self.repeated]


def _outcome(text: str, focus: Focus, facts: Sequence[Fact]) -> FocusOutcome:
    ranking = rank_facts(text, focus, facts)
    top = ranking[0] if ranking else None
    second = ranking[1] if len(ranking) > 1 else None
    if top is None or top.score < CLARIFY_AT:
        return FocusOutcome(focus, "assume", [], ranking)
    close = second is not None and second.ranking > CLEAR_MARGIN * top.ranking
    if top.score >= REVEAL_AT and not close:
        return FocusOutcome(focus, "reveal", [top.fact], ranking)
    if close and second is not None and second.score >= CLARIFY_AT:
        return FocusOutcome(focus, "clarify", [top.fact, second.fact], ranking)
    return FocusOutcome(focus, "assume", [], ranking)


def _subject(facts: dict[str, Fact], fact_id: str) -> str:
    fact = facts.get(fact_id)
    return fact.subject if fact is not None else fact_id.replace("_", " ")


def decide(scenario: Scenario, text: str, revealed: Sequence[str] = ()) -> FactDecision:
    """Decide what to reveal for the questions in `text`, given the facts already revealed."""
    found = focuses(text)
    if not found:
        return FactDecision("none")
    by_id = {f.id: f for f in scenario.facts}
    if any(f.everything for f in found) and not any(not f.everything for f in found):
        return FactDecision(
            "pick",
            question="That's everything at once. What matters most to you? Ask me about that first.",
        )
    outcomes = [_outcome(text, f, scenario.facts) for f in found if not f.everything]
    wanted: list[str] = []
    for o in outcomes:
        if o.kind == "reveal" and o.facts[0] not in wanted:
            wanted.append(o.facts[0])
    decision = FactDecision("reveal" if wanted else "assume", outcomes=outcomes)
    new = [f for f in wanted if f not in revealed]
    decision.repeated = [f for f in wanted if f in revealed]
    if len(new) > MAX_REVEALS:  # a list of every topic: two, then let them choose
        decision.kind = "pick"
        decision.facts = new[:LIST_REVEALS]
        decision.repeated = []
        names = [_subject(by_id, f) for f in new[LIST_REVEALS:]][:3]
        decision.question = (
            "That's a lot at once, so I've started with the first two. Of the rest"
            + (f" ({_or(names)})" if names else "")
            + ", which matters most to you?"
        )
        return decision
    decision.facts = new
    unclear = [o for o in outcomes if o.kind == "clarify" and not set(o.facts) & set(wanted)]
    if unclear:
        a, b = unclear[0].facts
        decision.options = [a, b]
        decision.question = f"Do you mean the {_subject(by_id, a)} or the {_subject(by_id, b)}?"
        if not wanted:
            decision.kind = "clarify"
    decision.unmatched = [o.focus.text for o in outcomes if o.kind == "assume" and o.focus.text]
    open_parts: list[str] = []
    for o in outcomes:
        if o.kind != "assume" or not o.focus.text:
            continue
        line = in_brief(scenario.prompt, o.focus)
        if line and line not in decision.brief:
            decision.brief.append(line)
        elif not line:
            part = _asked_part(text, o)
            if not is_code(part):
                open_parts.append(part)
    short = [f"“{a}”" for a in dict.fromkeys(open_parts) if len(a.split()) <= 6]
    said = f"The brief covers part of that: “{decision.brief[0]}”" if decision.brief else ""
    if (wanted or decision.brief) and short and not decision.question:  # no part is left hanging
        those = "that one is" if len(short) == 1 else "those are"
        decision.question = " ".join(
            p
            for p in (
                said + ("." if said else ""),
                f"{_or(short)}: {those} not specified. What would you assume there?",
            )
            if p
        )
    elif said and not decision.question:
        decision.question = said + ". What does that settle for your design?" if not wanted else said + "."
    return decision


_PROMPT_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]|$)")


def in_brief(prompt: str, focus: Focus) -> str:
    """The sentence of the problem statement that already answers a focus ("Is it for a search
    index?" in a brief that says "...for a search engine's index"), or "" when none does."""
    heads = {w.stem for w in focus.words if w.weight >= 0.4 and len(w.stem) > 2}
    if len(heads) < 2:
        return ""  # one shared word ("long" in "a long URL") is a coincidence, not the brief answering
    for m in _PROMPT_SENTENCE.finditer(prompt or ""):
        sentence = " ".join(m.group().split())
        if focus.asks and not _AMOUNT.search(sentence):
            continue  # "how often do files change?" is not answered by "when a file changes ..."
        if heads <= set(content_stems(sentence)):
            return sentence.rstrip(".")
    return ""


_AMOUNT = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|fifty|hundreds?|"
    r"thousands?|millions?|billions?|dozens?|hourly|daily|weekly|monthly|yearly|annually|forever)\b",
    re.IGNORECASE,
)


_ASKING_WORD = re.compile(
    r"\b(?:who|what|which|how|where|when|why|whether|do|does|is|are|can|will|should)\b", re.IGNORECASE
)


_FRAME_GAP = re.compile(r"\s+(?:(?:often|many|much|long|big|large|fast|soon|far|frequently)\s+)?", re.I)


def _asked_part(text: str, outcome: FocusOutcome) -> str:
    """The words of the question that asked about this focus ("Who calls the API"), not the bare
    noun phrase ("calls the API"), so the reply quotes what the candidate actually asked."""
    focus = outcome.focus
    head = text[focus.question[0] : focus.start]
    words = list(_ASKING_WORD.finditer(head))
    last = len(words) - 1
    while last > 0 and _FRAME_GAP.fullmatch(head[words[last - 1].end() : words[last].start()]):
        last -= 1  # "How often do files change": the frame starts at "How", not at "do"
    start = focus.question[0] + words[last].start() if words else focus.start
    tail = re.search(r"[,;?.!]|\band\b|\bor\b", text[focus.end : focus.question[1]])
    end = focus.end + tail.start() if tail else max(focus.end, focus.question[1])
    part = text[start:end].strip(" ,;:?")
    return part[:1].upper() + part[1:]


def _or(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]


def apply(move: Move, decision: FactDecision, *, has_figures: bool = False) -> None:
    """Put a decision into the statement part of a planner move (kind, facts, the question back).

    A question that reveals nothing becomes "assume", unless it carried figures: then the
    planner's check of those figures is the answer.
    """
    if decision.kind == "none":
        return
    if decision.facts or decision.repeated:
        move.kind = "reveal"
        move.facts = list(decision.facts)
        move.repeated_facts = list(decision.repeated)
    if decision.question:
        move.question = decision.question
        if move.kind != "reveal":
            move.kind = "clarify"
    elif move.kind == "listen" and not has_figures:
        move.kind = "assume"


def stated_requirements(turns: Sequence[str]) -> bool:
    """Whether the candidate has said something of their own (not only asked): a phase is not
    covered by the interviewer's answers alone."""
    for text in turns:
        asked = question_spans(text)
        rest = text
        for a, b in reversed(asked):
            rest = rest[:a] + rest[b:]
        if len(content_stems(rest)) >= 4:
            return True
    return False
