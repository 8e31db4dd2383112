"""The candidate's own words the interviewer names back: a phrase, their question, a figure.

Each function picks a short span of what the candidate said, so an acknowledgement or a lead
("You said “a counter handed out in ranges”.") points at their words, not at a stock line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from interview.engine.moves import Move
from interview.engine.planner_state import Observation
from interview.text.matching import find_phrases
from interview.text.numbers import find_figures
from interview.understanding.reading import TurnReading, echo

if TYPE_CHECKING:
    from interview.catalog.models import Scenario
    from interview.engine.planner import Planner

# "As for how many" or "as for per month" names nothing: such phrases are not named back.
_WH = re.compile(r"(?:how|what|which|who|when|where|why|per|a|an|the|each|every)\b", re.IGNORECASE)


def answer_echo(planner: Planner, obs: Observation, question: Move | None = None) -> str:
    """A phrase of the candidate's own to name back when the turn said something of substance.

    Near the words that triggered `question` (a follow-up's or a stance's trigger), if any.
    """
    reading = obs.reading
    if reading is None or reading.has("non_answer", "off_topic", "instruction", "repeats"):
        return ""
    if not (reading.claims or reading.figures or _says_enough(reading.text)):
        return ""
    near = None
    if question is not None and question.followup is not None:
        hits = find_phrases(reading.text, planner.scenario.followups[question.followup].when)
        near = hits[0].start if hits else None
    elif question is not None and question.rule is not None:
        rule = planner.rule(question.rule)
        hits = find_phrases(reading.text, rule.when) if rule else []
        near = hits[0].start if hits else None
    return spoken_echo(reading, near)


# Code is not named back: "stream location {lat", "POST /holds/{id}/checkout {payment".
_CODE = re.compile(r"[{}\[\]<>=`|]|\b(?:GET|POST|PUT|PATCH|DELETE)\s+/|\w_\w|\w\(|/\w+/")
_PLAIN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
MIN_PLAIN_WORDS = 6  # a turn without a claim is named back only when it says this much in words


# "Which area would you like me to go deeper on?": the choice handed to the interviewer, who makes it.
_HANDS_OVER = re.compile(
    r"\b(?:(?:which|what)\s+(?:area|part|topic|bit|component|aspect)s?\s+(?:would|do|should)\s+you\s+"
    r"(?:like|want)|where\s+(?:would|do|should)\s+you\s+(?:like|want)\s+me\s+to|"
    r"(?:would|do)\s+you\s+(?:like|want)\s+me\s+to\s+(?:go|dig|dive|expand|elaborate)|"
    r"anything\s+(?:else\s+)?you(?:'d|\s+would)\s+like\s+me\s+to)",
    re.IGNORECASE,
)


def hands_over(text: str) -> bool:
    """Whether the turn asks the interviewer to pick what comes next (the next question answers it)."""
    return bool(_HANDS_OVER.search(text))


def is_code(said: str) -> bool:
    """Whether a span of the candidate's is code or an API shape rather than words."""
    return bool(_CODE.search(said))


def _says_enough(text: str) -> bool:
    """A turn of plain words ("we calculate the distance to every driver") though no claim was read."""
    return len(_PLAIN_WORD.findall(_CODE.sub(" ", text))) >= MIN_PLAIN_WORDS


def spoken_echo(reading: TurnReading, near: int | None = None) -> str:
    """`echo`, but never a fragment of code: the nearest clause in words, else nothing."""
    said = echo(reading, near=near)
    if not _CODE.search(said):
        return said
    for claim in reading.claims:  # another clause of theirs that is said in words
        said = echo(reading, near=claim.span.start)
        if said and not _CODE.search(said):
            return said
    return ""


def question_echo(obs: Observation) -> str:
    """Their question, in a few of their words, to hand back as their call."""
    reading = obs.reading
    if reading is None or not reading.questions:
        return ""
    said = reading.questions[0].span.text.rstrip("?").split()
    return " ".join(said) if len(said) <= 10 else ""


def fact_echo(planner: Planner, obs: Observation, move: Move) -> str:
    """The words of their question that touched the fact being revealed ("new URLs")."""
    reading = obs.reading
    if reading is None or not move.facts:
        return ""
    fact = planner.fact(move.facts[0])
    hits = find_phrases(reading.text, fact.about) if fact else []
    # "As for how many" or "as for followed" names nothing: wh-words and verbs are not named back.
    said = [reading.text[h.start : h.end] for h in hits if not _WH.match(h.phrase)]
    said = [s for s in said if not s.lower().endswith(("ed", "ing"))]
    fact_said = fact.answer if fact else ""
    if not said or fact_said.startswith(("Yes", "No")):
        return ""  # "On online status: yes: ..." reads badly; the stock lead goes first instead
    return max(said, key=len)


def figure_words(raw: str) -> str:
    """A figure as said, from its number on ("I'd guess around 40 writes a second" -> "40 writes ...")."""
    digit = next((i for i, ch in enumerate(raw) if ch.isdigit()), 0)
    said: list[str] = []
    words = raw[digit:].split()
    for word in words if len(words) <= 8 else words[:5]:  # "80 GB of message data per day" whole
        said.append(word.rstrip(",;"))
        if word.endswith((",", ";")):
            break  # "6,000 a second on average, 100 GB a day" is two figures
    return " ".join(said) if said else raw


def accepted_figure(planner: Planner, obs: Observation, estimate_id: str) -> str:
    """The figure they got right for an estimate, in their words: the one stated in its unit if any
    ("40 writes a second" for writes per second, not the "100 million a month" it came from)."""
    estimate = planner.estimate(estimate_id)
    said = [f.raw for f in obs.figures if f.ok and f.estimate == estimate_id]
    if not said:
        return ""
    for raw in said:  # the first in the estimate's unit: "3 TB", not the "9 TB with replicas" after it
        found = find_figures(raw)
        if estimate is not None and found and found[-1].unit == estimate.unit:
            return figure_words(raw)
    return figure_words(said[-1])


def their_figure(candidate_text: list[str]) -> str | None:
    """The candidate's latest load figure ("40 writes a second"), else any figure, to argue against."""
    latest: str | None = None
    for said in reversed(candidate_text):
        figures = [f for f in find_figures(said) if f.unit is not None]
        rates = [f for f in figures if f.unit and f.unit.startswith("per_")]
        if rates:  # the working ends at the result ("... is about 40 writes a second")
            return figure_words(rates[-1].raw)
        if figures and latest is None:
            latest = figure_words(figures[-1].raw)
    return latest


def given_restated(scenario: Scenario, text: str) -> str:
    """The figure a turn asks to have confirmed when it is one the interviewer gave (the brief or a
    revealed fact) and the turn offers no estimate of its own: "So 1 billion pages a month, right?"."""
    from interview.understanding.references import attempts

    found = attempts(text, scenario)
    if not found or not all(a.given for a in found):
        return ""
    return found[0].worked.figure.raw
