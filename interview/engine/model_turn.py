"""What a model interviewer is given for one turn: the planner's state as names, and ranked moves.

Names only, never reference values: phase goals, concepts covered and open, the ledger's open
and dodged questions, the candidate's own figures with their status (accepted, challenged,
missing), the persona's stances still waiting, a trimmed whiteboard. The planner offers its own
move first and, where the choice is free (a probe, a follow-up, a wrap-up question), up to two
other questions it would ask; the session records the move the model actually made.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from interview.engine.moves import Move, move_brief, phase_title
from interview.engine.planner_state import is_question
from interview.engine.voice import ModelState, OfferedMove, TurnContext

if TYPE_CHECKING:
    from interview.engine.planner import Planner
    from interview.engine.session import InterviewSession

MAX_OFFERED = 3
BOARD_LIMIT = 1500  # characters of the whiteboard sent
QUESTION_LIMIT = 160  # characters of each ledger question sent
# Moves whose question is the planner's free choice: another question would do as well.
CHOOSABLE = frozenset(
    {"followup", "probe", "failure_probe", "wrap_up", "ask_estimate", "nothing_new", "listen"}
)
_STATEMENT_FIELDS = ("facts", "repeated_facts", "accepted", "transition_from", "transition_reason", "heard")


def _label(text: str) -> str:
    return text.replace("_", " ")


def model_state(planner: Planner, phase_id: str) -> ModelState:
    """The planner's state for a model, as names only."""
    scenario, st = planner.scenario, planner.state
    phase = scenario.phase(phase_id)
    labels = {e.id: e.label for e in scenario.estimates}
    figures: list[str] = []
    challenged: set[str] = set()
    for c in planner.figures.challenges:
        label = labels.get(c.estimate, _label(c.estimate))
        status = {
            "open": "challenged",
            "fixed": f"corrected to {c.fixed_by!r}",
            "kept": "challenged, kept by them",
        }
        figures.append(f"{c.raw!r} for {label}: {status.get(c.status, 'challenged, phase over')}")
        challenged.add(c.estimate)
    for estimate in scenario.estimates:
        if estimate.id in st.accepted_estimates and estimate.id not in challenged:
            figures.append(f"{estimate.label}: accepted")
        elif estimate.id not in st.stated_estimates and estimate.id not in challenged:
            figures.append(f"{estimate.label}: missing")
    entries = list(st.ledger.entries.values())
    rules = {f"rule:{r.id}": r.says for r in planner.persona.rules}
    board = st.board.strip()
    return ModelState(
        phase_goals=list(phase.goals) if phase is not None else [],
        concepts_covered=[_label(c.id) for c in scenario.concepts if c.id in st.covered_concepts],
        concepts_open=[_label(c.id) for c in scenario.concepts if c.id not in st.covered_concepts],
        open_questions=[e.question[:QUESTION_LIMIT] for e in entries if e.status in ("open", "partly")][-5:],
        dodged_questions=[e.question[:QUESTION_LIMIT] for e in entries if e.status == "dodged"][-5:],
        figures=figures,
        stances_pending=[rules[k] for k in st.stances if k in rules],
        whiteboard=board[:BOARD_LIMIT] + (" [...]" if len(board) > BOARD_LIMIT else ""),
    )


def offers(planner: Planner, move: Move) -> list[Move]:
    """The planner's move first, then up to two other questions it would ask instead (free choices only)."""
    found = [move]
    phase = move.phase
    if move.kind not in CHOOSABLE or phase == "requirements" or move.transition_from:
        return found
    candidates: list[Move | None]
    if phase == "estimation":  # another figure still to estimate, not a design question
        st = planner.state
        candidates = [
            Move(kind="ask_estimate", phase=phase, key=f"estimate:{e.id}", question=e.label, estimate=e.id)
            for e in planner.scenario.estimates
            if e.id not in st.stated_estimates and f"estimate:{e.id}" not in st.asked
        ]
    elif phase == "wrap_up":
        candidates = [planner._wrap_up(phase), planner._followup(phase)]  # noqa: SLF001 - pure lookups
    else:
        candidates = [planner._followup(phase), planner._probe(phase)]  # noqa: SLF001
    keys = {move.key}
    for other in candidates:
        if other is None or other.key in keys or len(found) >= MAX_OFFERED:
            continue
        keys.add(other.key)
        for name in _STATEMENT_FIELDS:  # the statement part (facts, acceptances) stays whichever is made
            setattr(other, name, getattr(move, name))
        found.append(other)
    return found


def offered(moves: list[Move], planner: Planner) -> list[OfferedMove]:
    """The moves as the model sees them: an id, the kind and what it must do."""
    return [
        OfferedMove(id=str(i + 1), kind=m.kind, brief=move_brief(m, planner.scenario), asks=m.asks)
        for i, m in enumerate(moves)
    ]


def made(moves: list[Move], choice: str, fact: str | None) -> Move:
    """The move the model made (a copy), with a hidden fact it asked the app to state."""
    index = int(choice) - 1 if choice.isdigit() and 0 < int(choice) <= len(moves) else 0
    move = dataclasses.replace(moves[index])
    if fact is not None and fact not in move.facts:
        move.facts = [*move.facts, fact]
        if move.kind in ("assume", "listen", "clarify"):
            move.kind = "reveal"
    return move


def turn_context(
    session: InterviewSession, move: Move, offline_text: str, moves: list[Move] | None = None
) -> TurnContext:
    """What a model voice needs to say this move (and the others the planner offers)."""
    state = session.clock_state()
    revealed = set(session.planner.state.revealed) | set(move.facts) | set(move.repeated_facts)
    last = next((e for e in reversed(session.events) if e.is_turn), None)
    asked = last is not None and last.role == "candidate" and last.kind == "answer"
    asked = asked and last is not None and is_question(last.text)
    return TurnContext(
        scenario=session.scenario,
        persona=session.persona,
        level=session.record.level,
        phase_id=session.phase_id,
        phase_title=phase_title(session.phase_id),
        phase_remaining_s=state.phase_remaining_s,
        total_remaining_s=state.total_remaining_s,
        move_kind=move.kind,
        move_brief=move_brief(move, session.scenario),
        offline_text=offline_text,
        history=session.turns(),
        revealed_facts=[f for f in session.scenario.facts if f.id in revealed],
        hidden_facts=[f for f in session.scenario.facts if f.id not in revealed],
        offered=offered(moves or [move], session.planner),
        state=model_state(session.planner, session.phase_id),
        may_ask_fact=asked and move.kind != "opening",
        reading=session.reading_input(revealed, asked) if move.kind != "opening" else None,
    )
