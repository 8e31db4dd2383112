"""Stances per handoff the candidate names in words: a dead-letter question for every async path,
and a slow/down/lost-callback question for every external party, once each, naming it.

`observe` runs after each candidate turn (`understanding/handoffs.py` reads the turn); new paths
and parties wait in `PlannerState.stances` under `path:dlq:<slug>` / `path:party:<slug>` keys
(the first async path uses the persona's own `rule:dead_letter`, with its question naming the
path). `after_move` runs on every committed move: a dead-letter question asked by any route (the
persona's rule, a scenario follow-up, the whiteboard's finding) settles the path it names, so the
board and the words never both ask about the same queue. Replaying observe/commit rebuilds it all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from interview.engine import persona_rules
from interview.engine.moves import Move
from interview.engine.planner_state import DESIGN_PHASES
from interview.text.matching import mentions
from interview.understanding.handoffs import DLQ_SAID, HANDLED, Handoff, handoffs, names

if TYPE_CHECKING:
    from interview.engine.planner import Planner
    from interview.engine.planner_state import PlannerState

PREFIX = "path:"
RULE_KEY = "rule:dead_letter"
DODGED = 2  # dead-letter questions left unanswered before later paths stop being asked about
_BOARD_DLQ = "board:no_dlq:"
# A question about where failed messages go, whoever asked it.
DLQ_ASKED = re.compile(r"fails?\s+(?:every\s+retry|processing\s+every\s+time)|dead[\s-]*letter|poison", re.I)
_PARTY_ASK = "You hand this to {name}. What happens when {name} is slow or down{callback}?"
_CALLBACK = ", and when its callback is lost or arrives twice"
_PARTIES_ASK = "You hand this to {names}. What happens when either is slow or down{callback}?"
_CALLBACK_EITHER = ", and when a callback is lost or arrives twice"
_WEBHOOK_ASK = (
    "You rely on the webhook coming back. What happens when it is late or never comes, "
    "and when it arrives twice?"
)


@dataclass
class Known:
    """A path or party named in the session, and whether its question is settled."""

    kind: str
    name: str
    words: tuple[str, ...]
    key: str  # the stance key that asks about it
    settled: bool  # handled in words, or asked


def _same(known: dict[str, Known], found: Handoff) -> str | None:
    """The slug of a path already named that `found` names again, if any."""
    if found.slug in known:
        return found.slug
    base, _, purpose = found.slug.partition(":")
    same_kind = [s for s, k in known.items() if k.kind == found.kind]
    for slug in reversed(same_kind):
        k_base, _, k_purpose = slug.partition(":")
        if k_base == base and (not purpose or not k_purpose):
            return slug  # "Kafka" again, or "Kafka for click events" after "Kafka"
    if found.kind == "async" and found.slug == "queue" and same_kind:
        return same_kind[-1]  # "the queue": the one they were talking about
    return None


def observe(planner: Planner, text: str, phase: str) -> list[str]:
    """Register the paths and parties the turn names; queue a question for each new, unhandled one.

    Returns the stance keys queued this turn (a bare "Kafka." then gets its dead-letter question,
    not only "why?"). The persona's own dead-letter rule keeps the question naming the path it claimed.
    """
    st = planner.state
    if phase not in DESIGN_PHASES and phase != "wrap_up":
        return []  # boxes named while scoping or estimating are not a design yet
    rule = planner.rule("dead_letter")
    now = len(st.candidate_text)
    board_dlq = bool(DLQ_SAID.search(st.board))
    if st.dlq_put and DLQ_SAID.search(text):
        _policy_given(st)  # asked once and answered: where failed messages go covers every path
    elif st.dlq_waiting:
        st.dlq_dodged += 1
    st.dlq_waiting = False
    queued: list[str] = []
    first_generic: str | None = None  # "front queues ... back queues ... a host queue": one frontier
    turn_parties: list[tuple[Handoff, Known]] = []  # parties first named this turn, still open
    for found in handoffs(text):
        slug = _same(st.handoffs, found)
        if found.kind == "async" and slug is None and found.slug.startswith("queue"):
            if first_generic is not None and first_generic in st.handoffs:
                st.handoffs[found.slug] = st.handoffs[first_generic]  # named again later: the same path
                continue
            first_generic = found.slug
        if (
            found.kind == "async"
            and slug is None
            and (st.dlq_policy or st.dlq_unnamed or st.dlq_dodged >= DODGED)
        ):
            # the answer they gave covers this path too; or the question they were asked about
            # "the workers" before any queue was named was about this one, the queue those workers read;
            # or two such questions went unanswered: they stay on record, not asked of every queue
            st.dlq_unnamed = False
            st.handoffs[found.slug] = Known(
                found.kind, found.name, found.words, f"{PREFIX}dlq:{found.slug}", True
            )
            continue
        if found.kind == "party" and slug is None and _with_party(st, text, found, turn_parties):
            continue  # "APNs or FCM": one question for parties named together
        if slug is not None:
            known = st.handoffs[slug]
            if found.handled and not known.settled:
                known.settled = True
                st.stances.pop(known.key, None)
            continue
        if found.kind == "async":
            if rule is None:
                continue  # a persona without the stance does not ask it
            unless = bool(rule.unless) and mentions(planner.everything(), rule.unless)
            first = RULE_KEY not in st.asked and RULE_KEY not in _claimed(st) and not unless
            key = RULE_KEY if first else f"{PREFIX}dlq:{found.slug}"
            question = persona_rules.fill(rule.ask, found.name)
        else:
            key = f"{PREFIX}party:{found.slug}"
            question = _party_question(found)
        on_board = found.kind == "async" and (board_dlq or _asked_on_board(st, found.words))
        settled = found.handled or on_board or key in st.asked
        st.handoffs[found.slug] = Known(found.kind, found.name, found.words, key, settled)
        if settled:
            continue
        if found.kind == "party":
            turn_parties.append((found, st.handoffs[found.slug]))
        st.handoff_questions[key] = question
        st.stances.setdefault(key, now)
        queued.append(key)
    if RULE_KEY in st.handoff_questions and RULE_KEY not in st.asked:
        planner._rule_questions["dead_letter"] = st.handoff_questions[RULE_KEY]  # naming the path it claimed
    _settle_from_words(planner, text)
    return queued


def _policy_given(st: PlannerState) -> None:
    """The candidate said where failed messages go after a dead-letter question: no path waits."""
    st.dlq_policy = True
    for known in st.handoffs.values():
        if known.kind == "async" and not known.settled:
            known.settled = True
            st.stances.pop(known.key, None)


def _claimed(st: PlannerState) -> set[str]:
    return {k.key for k in st.handoffs.values()}


def _with_party(st: PlannerState, text: str, found: Handoff, turn: list[tuple[Handoff, Known]]) -> bool:
    """Fold a party into an open one named earlier in the same sentence: one question names both."""
    if found.handled or found.slug == "callback":
        return False
    for first, known in turn:
        between = text[first.end : found.start]
        if first.slug == "callback" or known.settled or re.search(r"[.!?;\n]", between):
            continue
        known.name = f"{known.name} and {found.name}"
        known.words = (*known.words, *found.words)
        callback = _CALLBACK_EITHER if (first.callback or found.callback) else ""
        st.handoff_questions[known.key] = _PARTIES_ASK.format(names=known.name, callback=callback)
        st.handoffs[found.slug] = known  # named again later: the same question
        return True
    return False


def _party_question(found: Handoff) -> str:
    if found.slug == "callback":
        return _WEBHOOK_ASK
    return _PARTY_ASK.format(name=found.name, callback=_CALLBACK if found.callback else "")


def _settle_from_words(planner: Planner, text: str) -> None:
    """A later turn that says how a named party's failure is handled settles it unasked."""
    st = planner.state
    for known in st.handoffs.values():
        if known.settled or known.key not in st.stances:
            continue
        said = DLQ_SAID if known.kind == "async" else HANDLED
        if said.search(text) and names(known.words, text):
            known.settled = True
            st.stances.pop(known.key, None)


def stance(planner: Planner, key: str, phase: str) -> Move | None:
    """The move for a waiting handoff stance, or None when it cannot be asked now."""
    st = planner.state
    question = st.handoff_questions.get(key)
    if phase not in DESIGN_PHASES or not question:
        return None
    known = next((k for k in st.handoffs.values() if k.key == key), None)
    if known is None or known.settled:
        st.stances.pop(key, None)
        return None
    if known.kind == "async":
        return Move(kind="rule", phase=phase, key=key, question=question, rule="dead_letter",
                    topic=f"failed messages on {known.name}")  # fmt: skip
    return Move(kind="rule", phase=phase, key=key, question=question, topic=f"{known.name} failing")


def after_move(planner: Planner, move: Move) -> None:
    """A dead-letter question asked by any route settles the path(s) it names (or the oldest open one)."""
    st = planner.state
    if not move.question or not DLQ_ASKED.search(move.question):
        return
    st.dlq_put = st.dlq_waiting = True
    paths = [k for k in st.handoffs.values() if k.kind == "async" and not k.settled]
    asked = [k for k in paths if k.key == move.key or names(k.words, move.question)]
    if not asked and paths:
        asked = [paths[0]]  # "that queue": the oldest path still waiting
    if not asked and not any(k.kind == "async" for k in st.handoffs.values()):
        st.dlq_unnamed = True  # asked about "the workers": the first queue they name is theirs
    elif asked and all(k.name.endswith("background job queue") for k in asked):
        st.dlq_unnamed = True  # "background workers" named no queue yet: the first one named is it
    for known in asked:
        known.settled = True
        st.asked.add(known.key)
        st.stances.pop(known.key, None)
    if move.key and move.key.startswith(PREFIX):
        st.asked.add(RULE_KEY)  # the persona's stance has been put, naming a path
        st.stances.pop(RULE_KEY, None)
    for board_key in [k for k in st.board_questions if k.startswith(_BOARD_DLQ)]:
        if any(names(k.words, st.board_questions[board_key]) for k in asked):
            st.asked.add(board_key)  # the board's arrow into that queue is the same question
            st.stances.pop(board_key, None)


def _asked_on_board(st: PlannerState, words: tuple[str, ...]) -> bool:
    """Whether the whiteboard's dead-letter question about this queue has been put already."""
    return any(
        k in st.asked and names(words, question)
        for k, question in st.board_questions.items()
        if k.startswith(_BOARD_DLQ)
    )
