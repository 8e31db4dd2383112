"""Keeping the ledger of questions from the moves the interviewer makes.

Called from `Planner.commit` for every move, live or replayed from a stored event, so the
ledger is rebuilt exactly on resume (the candidate's side is `Ledger.hear` in `observe`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from interview.engine import planner_handoffs
from interview.engine import planner_level as level
from interview.engine import planner_responses as responses
from interview.engine.moves import Move
from interview.understanding.ledger import FAILURE_SAID, answers

if TYPE_CHECKING:
    from interview.engine.planner import Planner

# Moves that ask again about an entry rather than open a new one.
_NOT_NEW = ("ladder", "revisit", "steer", "decline", "time_up")


def keep_ledger(planner: Planner, move: Move) -> None:
    """Record what a move did to the ledger: a new question, a rung, a revisit, a drop."""
    st = planner.state
    ledger = st.ledger
    if move.dropped:
        ledger.give_up(move.dropped)
    if move.kind == "ladder" and move.covers and move.covers not in ledger.entries:
        # an estimate never asked outright; a topic they named as stuck on, with its narrow question
        question = move.question if move.covers.startswith("stuck:") else move.topic
        ledger.ask(move.covers, question, move.topic, move.phase)
    if move.covers and move.covers in ledger.entries:
        entry = ledger.entries[move.covers]
        if move.kind == "ladder":
            entry.steps += 1
        elif move.kind in ("revisit", "steer"):  # put to them again: come back to once
            entry.revisited, entry.status = True, "open"
    if move.expected:
        st.asked.add(level.PROMPTED)  # the staff note is said once a session
    if move.key == "escalate:ten_x":
        st.asked.add("wrap:ten_x")  # the wrap-up does not ask ten times the traffic again
    if move.kind == "deeper" and move.covers:
        st.asked.add(move.covers)  # never asked: they had answered it (recorded so in observe)
    planner_handoffs.after_move(planner, move)  # a dead-letter question settles the path it names
    if move.asks and move.key and move.kind not in _NOT_NEW:
        topic = responses.topic_of(planner, move)
        ledger.ask(move.key, move.question or topic, topic, move.phase)


def answered_unasked(planner: Planner, text: str, phase: str) -> list[str]:
    """Failure probes this turn answers before they were asked: recorded answered, never asked.

    (A concept probe is settled by the concept's own phrases, in `Planner.observe`.)
    """
    st = planner.state
    found: list[str] = []
    if not FAILURE_SAID.search(text):
        return found  # a turn that says nothing fails answers no failure question
    for i, question in enumerate(planner.scenario.failure_probes):
        key = f"failure:{i}"
        if key not in st.asked and answers(question, text):
            st.asked.add(key)
            st.ledger.ask(key, question, "that failure", phase).status = "answered"
            found.append(key)
    return found
