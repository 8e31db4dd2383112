"""The interviewer reads the whiteboard: graph findings and what was said but not drawn, as stances.

`observe(planner)` runs when the board is saved and after each candidate turn (a component
named in words may be missing from the board). Findings wait in `PlannerState.stances` under
`board:<kind>:<node>` keys with their question in `PlannerState.board_questions`, and are asked
once, in the design phases, like the persona's other stances (`planner_responses.stance`).
Replaying `observe_board`/`observe`/`commit` over the events rebuilds the same queue on resume.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from interview.engine.moves import Move
from interview.engine.planner_state import DESIGN_PHASES
from interview.understanding.diagram import Board, parse_board, slug
from interview.understanding.diagram_rules import (
    FINDING_TITLES,
    Finding,
    addressed,
    check,
    missing_from_board,
)

if TYPE_CHECKING:
    from interview.engine.planner import Planner

PREFIX = "board:"
MAX_ASKED = 3  # board questions a session asks at most (the diagram is one source among several)
# A board finding asked covers the persona's own stance on the same thing.
SAME_STANCE = {"spof": "rule:single_point_of_failure", "no_dlq": "rule:dead_letter"}


@lru_cache(maxsize=8)
def read_board(text: str) -> tuple[Board, tuple[Finding, ...]]:
    """The board and its findings (cached: the same board is read after every turn)."""
    board = parse_board(text)
    return board, tuple(check(board))


def observe(planner: Planner) -> None:
    """Queue the board's findings and the components said but not drawn; drop the ones since fixed."""
    st = planner.state
    board, findings = read_board(st.board)
    now = len(st.candidate_text)
    said = st.candidate_text[-1] if st.candidate_text else ""
    current: dict[str, str] = {}
    for finding in findings:
        key = PREFIX + finding.key
        if key in st.stances and key not in st.asked and said and addressed(finding, board, said):
            st.asked.add(key)  # answered in words before it was asked: never asked
            st.stances.pop(key, None)
        current[key] = finding.question
    for component in missing_from_board(board, planner.components_named()):
        current[f"{PREFIX}missing:{slug(component)}"] = (
            f"You said {component}; it is not on the board. Where does it sit in the diagram?"
        )
    for key in [k for k in st.stances if k.startswith(PREFIX) and k not in current]:
        st.stances.pop(key)  # redrawn: the board no longer shows it
    for key, question in current.items():
        if key not in st.asked and key not in st.stances:
            st.stances[key] = now
            st.board_questions[key] = question


def stance(planner: Planner, key: str, phase: str) -> Move | None:
    """The move for a waiting board stance, or None when it cannot be asked now."""
    st = planner.state
    if phase not in DESIGN_PHASES or sum(k.startswith(PREFIX) for k in st.asked) >= MAX_ASKED:
        return None
    question = st.board_questions.get(key)
    if not question:
        return None
    kind = key[len(PREFIX) :].split(":", 1)[0]
    topic = FINDING_TITLES.get(kind, "what is not on the board")
    return Move(kind="rule", phase=phase, key=key, question=question, topic=topic)


def related(key: str) -> list[str]:
    """Keys a board question also settles (the persona's own stance on the same thing)."""
    kind = key[len(PREFIX) :].split(":", 1)[0]
    same = SAME_STANCE.get(kind)
    return [same] if same else []
