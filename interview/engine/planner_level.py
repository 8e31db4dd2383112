"""What the candidate's level changes: what is expected of them, not only how they are graded.

A mid-level candidate (the most junior level) gets scaffolding sooner: the ladder after "I don't
know" starts from a worked first step, and one non-answer is enough for the next phase to open
with a first step. A staff candidate is expected to raise failure modes and trade-offs unprompted:
the first time the interviewer has to prompt one (after two design turns), it says so
(`Move.expected`); an answer to a failure question gets one level deeper instead of the next stock
probe; the late "what scale?" prompt of the requirements is not given (they are expected to drive
it); and a design with substance is pushed with escalations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from interview.engine.moves import Move
from interview.understanding.reading import echo

if TYPE_CHECKING:
    from interview.engine.planner import Planner
    from interview.engine.planner_state import Observation

STRUGGLING = {"mid": 1}  # non-answers after which each new phase opens with a first step
STRUGGLING_DEFAULT = 2
EXPECTED_AFTER = 2  # design turns a staff candidate has had to raise failure modes themselves
PROMPTED = "level:prompted"  # asked-key: the staff note has been said (once a session)
# Moves that prompt what a staff candidate should have raised: failure modes and trade-offs.
_FAILURE_RULES = frozenset("dead_letter single_point_of_failure retries_and_backoff unknown_outcome".split())
_FAILURE_KEYS = ("failure:", "rule:", "path:")
_DEEPER = "One level deeper: how would you know it had happened, and what does a user see while it recovers?"


def struggling(planner: Planner) -> bool:
    """Whether a new phase should open with a first step (sooner at mid level)."""
    return planner.state.non_answers >= STRUGGLING.get(planner.level, STRUGGLING_DEFAULT)


def ladder(planner: Planner, texts: tuple[str, ...]) -> tuple[str, ...]:
    """The ladder's rungs in the order this level gets them: a junior starts from the worked step."""
    if planner.level == "mid" and len(texts) == 3:
        return (texts[2], texts[1], texts[0])
    return texts


def _prompts_failure(move: Move) -> bool:
    if move.kind in ("failure_probe", "trade_offs"):
        return True
    return move.kind == "rule" and (move.rule in _FAILURE_RULES or str(move.key).startswith("path:"))


def expect(planner: Planner, move: Move, obs: Observation | None = None) -> Move:
    """Adjust a reply for the level: the staff note, deeper on an answered failure question, fewer prompts."""
    if planner.level != "staff":
        return move
    st = planner.state
    if move.kind == "ask_scale" and move.phase == "requirements" and not move.transition_from:
        return Move(kind="listen", phase=move.phase, heard=move.heard, echo=move.echo)  # they drive scoping
    if obs is not None and move.kind in ("probe", "followup", "wrap_up") and obs.reading is not None:
        answered = [
            k
            for k, status in obs.heard.items()
            if status == "answered" and k.startswith(_FAILURE_KEYS) and f"deeper:{k}" not in st.asked
        ]
        if answered:
            entry = st.ledger.entries.get(answered[0])
            return Move(
                kind="deeper",
                phase=move.phase,
                key=f"deeper:{answered[0]}",
                covers=answered[0],
                echo=echo(obs.reading),
                topic=entry.topic if entry is not None else "that",
                question=_DEEPER,
                heard=move.heard,
                act="answer",  # answered when asked (not before): no "you've covered it already"
            )
    if _prompts_failure(move) and PROMPTED not in st.asked and st.design_turns >= EXPECTED_AFTER:
        move.expected = True
    return move


ESCALATIONS = {  # staff level, once each, on the candidate's own design and numbers
    "ten_x": "Traffic grows ten times{figure}. Which part of your design breaks first, and what do you "
    "change?",
    "region": "You lose a whole region, {component} included. What do users see, and how much data is gone?",
    "hot_key": "One key gets fifty times the traffic of any other. Where does that land in your design, "
    "starting with {component}, and what breaks?",
}


def escalation(planner: Planner, obs: Observation) -> Move | None:
    """Staff candidates who have covered the basics get the design pushed: 10x, a region, a hot key."""
    st = planner.state
    reading = obs.reading
    if planner.level != "staff" or obs.phase not in ("deep_dive", "wrap_up") or reading is None:
        return None
    if st.non_answers or not (reading.claims or reading.figures) or st.design_turns < 2:
        return None  # basics first: a struggling or empty turn is not pushed further
    components = planner.components_named()
    figure = planner.their_figure()
    for name, text in ESCALATIONS.items():
        key = f"escalate:{name}"
        if key in st.asked:
            continue
        if name != "ten_x" and not components:
            continue
        question = text.format(
            figure=f" from your {figure}" if figure else "", component=components[-1] if components else ""
        )
        return Move(
            kind="escalate", phase=obs.phase, key=key, question=question, topic=name.replace("_", " ")
        )
    return None
