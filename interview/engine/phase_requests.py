"""The candidate asks to move on ("Let's do estimates.", "Moving on to the deep dive."): the
session changes phase before reading the turn, so the figures or boxes in the rest of it are read
in the phase they belong to, and the reply opens with a short transition.

Only forward, one phase at a time: asked for a phase further on, the next one comes first ("Let's
do estimation first; we'll get there."). A request for the current or an earlier phase, after
time is up, or in the last phase is ignored. Recorded as an ordinary phase event (reason
"candidate", with "asked") before the candidate's turn, so resume replays it as it happened.
"""

from __future__ import annotations

from collections.abc import Sequence

from interview.catalog.models import Scenario
from interview.engine.moves import Move, next_phase_id
from interview.engine.planner import Observation, Planner
from interview.engine.records import Event
from interview.understanding.moving_on import NEXT, phase_asked

REASON = "candidate"
AHEAD = "candidate_ahead"  # they asked for a phase past the next one
_JUST_ASKING = 8  # words after the request below which the turn is only the request


def phase_to_open(scenario: Scenario, phase_id: str, text: str) -> tuple[str, str] | None:
    """(the next phase, the transition reason) when the turn asks to move on, else None."""
    asked = phase_asked(text)
    nxt = next_phase_id(scenario, phase_id)
    if asked is None or nxt is None:
        return None
    ids = [p.id for p in scenario.phases]
    if asked != NEXT and (asked not in ids or ids.index(asked) <= ids.index(phase_id)):
        return None  # already there, or behind them
    return nxt, (REASON if asked in (NEXT, nxt) else AHEAD)


def moved_by_candidate(events: Sequence[Event]) -> tuple[str, str] | None:
    """(the phase left, the reason) when the candidate's latest turn came right after a phase
    change they asked for, else None."""
    if len(events) < 2 or events[-1].role != "candidate":
        return None
    before = events[-2]
    reason = before.data.get("reason") if before.kind == "phase" else None
    if reason not in (REASON, AHEAD):
        return None
    return str(before.data.get("from", "")), str(reason)


def reply(planner: Planner, obs: Observation, statement: Move, came_from: str, reason: str) -> Move:
    """A short transition, then: the new phase's opening question when the turn was only the
    request, else the usual reply to what they said in it."""
    words = obs.reading.text.split() if obs.reading is not None else []
    only_asking = len(words) - len(_first_sentence(words)) < _JUST_ASKING
    if only_asking:
        move = planner.opener(obs.phase, came_from, reason)
        move.facts = statement.facts or move.facts
        move.accepted = statement.accepted
        return move
    move = planner.reply(obs)
    move.transition_from, move.transition_reason = came_from, reason
    return move


def _first_sentence(words: list[str]) -> list[str]:
    for i, word in enumerate(words):
        if word.endswith((".", "!", "?", ":")):
            return words[: i + 1]
    return words
