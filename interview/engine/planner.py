"""The planner: what a sharp interviewer does next. Plain, deterministic Python.

It watches what the candidate says (`observe`), decides one move (`reply`, `opener`,
`hint`), and remembers what it did (`commit`). Replaying `observe` over the candidate's
answers and `commit` over the stored moves rebuilds its state exactly, which is how a
session resumes.
"""

from __future__ import annotations

from interview.catalog.models import Estimate, Persona, Rubric, Scenario
from interview.engine import facts as fact_desk
from interview.engine import persona_rules
from interview.engine.figures import FigureLedger
from interview.engine.moves import WRAP_UP_QUESTIONS, Move, spoken_label
from interview.engine.planner_state import (
    CHALLENGE_PHASES,
    DESIGN_PHASES,
    KNOWN_CRITERIA,
    PHASE_CRITERIA,
    SCALE_PHRASES,
    STALE_AFTER,
    WRAP_UP_COVERED,
    Observation,
    PlannerState,
    answered,
    is_question,
    similar,
)
from interview.text.limits import analysed
from interview.text.matching import mentions
from interview.text.numbers import find_figures


class Planner:
    """Decides the interviewer's moves for one scenario, persona and rubric."""

    def __init__(self, scenario: Scenario, persona: Persona, rubric: Rubric) -> None:
        self.scenario = scenario
        self.persona = persona
        self.rubric = rubric
        self.state = PlannerState()
        self._facts = {f.id: f for f in scenario.facts}
        self._estimates = {e.id: e for e in scenario.estimates}
        self._rules = {r.id: r for r in persona.rules}
        self._fact_figures = {f.id: find_figures(f.answer) for f in scenario.facts}
        self.figures = FigureLedger(scenario)  # figures checked and challenges kept open (engine/figures.py)
        self._rule_questions: dict[str, str] = {}  # rule id -> its question naming their component

    # ------------------------------------------------------------------ observing

    def observe(self, text: str, phase: str) -> Observation:
        """Take in one candidate answer: coverage, figures, triggers, questions."""
        text = analysed(text)  # a pasted essay is read in part (text/limits.py)
        st = self.state
        st.candidate_text.append(text)
        decision = fact_desk.decide(self.scenario, text, st.revealed)
        obs = Observation(phase=phase, question=is_question(text) or decision.kind != "none")
        if obs.question:
            obs.touched_facts = decision.touched
            if mentions(text, SCALE_PHRASES):
                st.scale_asked = True
        for concept in self.scenario.concepts:
            if concept.id not in st.covered_concepts and mentions(text, concept.phrases):
                st.covered_concepts.add(concept.id)
                obs.new_concepts.append(concept.id)
        if phase == "wrap_up":
            st.wrap_covered.update(n for n, said in WRAP_UP_COVERED.items() if mentions(text, said))
        if phase != "requirements":
            obs.agreed = set(st.accepted_estimates)
            obs.figures = self.figures.observe(text, phase, st)
        everything = "\n".join([*st.candidate_text, st.board])
        for i, followup in enumerate(self.scenario.followups):
            # `unless` looks at the whole session: a shard key explained in the deep dive
            # is not asked about when "shards" comes up again in the wrap-up.
            if (
                f"followup:{i}" not in st.asked
                and mentions(text, followup.when)
                and not (followup.unless and mentions(everything, followup.unless))
            ):
                obs.followups.append(i)
                self._queue(f"followup:{i}")
        # Asked this turn or not at all; the one the turn gives most reason for goes first.
        fired = persona_rules.fire(self.persona.rules, text, phase, said=everything, asked=st.asked)
        obs.rules = [hit.rule for hit in fired]
        self._rule_questions.update({hit.rule: hit.question for hit in fired})
        return obs

    def observe_board(self, text: str) -> None:
        """Count concepts the candidate wrote on the whiteboard as covered (no questions fired)."""
        self.state.board = text
        for concept in self.scenario.concepts:
            if concept.id not in self.state.covered_concepts and mentions(text, concept.phrases):
                self.state.covered_concepts.add(concept.id)

    def _queue(self, key: str) -> None:
        self.state.pending.setdefault(key, len(self.state.candidate_text))

    # ------------------------------------------------------------------ remembering

    def commit(self, move: Move) -> None:
        """Remember a move that was made (live, or replayed from a stored event)."""
        st = self.state
        st.moves += 1
        self.figures.after_move(move)
        for fact_id in move.facts:
            if fact_id not in st.revealed:
                st.revealed.append(fact_id)
        for key in self._keys(move):
            st.asked.add(key)
            st.pending.pop(key, None)
        if move.question and move.kind != "hint":
            st.asked_questions.append(move.question)
        if move.kind == "hint" or move.kind == "hint_used":
            st.hints.add(move.phase)
            if move.concept:  # the hint put that probe to them: never ask it again
                st.asked.add(f"concept:{move.concept}")
        if move.phase == "deep_dive" and move.kind in ("probe", "failure_probe"):
            st.deep_dive_probes += 1

    @staticmethod
    def _keys(move: Move) -> list[str]:
        keys = [move.key] if move.key else []
        if move.ask_scale:
            keys.append("ask_scale")
        return keys

    # ------------------------------------------------------------------ coverage

    def weakest_criteria(self) -> list[str]:
        """Criteria with scenario concepts, weakest coverage first (ties: persona priorities)."""
        totals: dict[str, float] = {}
        covered: dict[str, float] = {}
        for concept in self.scenario.concepts:
            totals[concept.criterion] = totals.get(concept.criterion, 0.0) + concept.weight
            if concept.id in self.state.covered_concepts:
                covered[concept.criterion] = covered.get(concept.criterion, 0.0) + concept.weight
        order = {c: i for i, c in enumerate(self.persona.priorities)}
        first_seen = {c: i for i, c in enumerate(totals)}
        return sorted(
            totals,
            key=lambda c: (covered.get(c, 0.0) / totals[c], order.get(c, len(order)), first_seen[c]),
        )

    def covered(self, phase: str, revealing: list[str] | tuple[str, ...] = ()) -> bool:
        """Whether a phase's goals are met (the real-clock session then moves on).

        `revealing`: facts the reply being decided will reveal.
        """
        st = self.state
        if phase == "requirements":
            known = set(st.revealed) | set(revealing)
            stated = fact_desk.stated_requirements(st.candidate_text)  # reveals alone do not cover it
            return st.scale_asked and bool(self._facts) and known >= set(self._facts) and stated
        if phase == "estimation":
            return bool(self._estimates) and st.accepted_estimates >= set(self._estimates)
        if phase in DESIGN_PHASES:
            return bool(self.scenario.concepts) and len(st.covered_concepts) == len(self.scenario.concepts)
        return all(f"wrap:{w}" in st.asked for w in WRAP_UP_QUESTIONS)

    # ------------------------------------------------------------------ deciding

    def statement(self, obs: Observation) -> Move:
        """The statement part of a reply: facts revealed, figures accepted (no question yet)."""
        move = Move(kind="listen", phase=obs.phase)
        if obs.question:  # every question gets an answer: facts, "do you mean", or "your call"
            decision = fact_desk.decide(self.scenario, self.state.candidate_text[-1], self.state.revealed)
            fact_desk.apply(move, decision, has_figures=bool(obs.figures))
        if obs.phase in CHALLENGE_PHASES:
            # A figure agreed on earlier is not praised again each time it comes back
            # ("the 4,000 reads a second" in the design is a reference, not a new estimate).
            move.accepted = sorted({f.estimate for f in obs.figures if f.ok} - obs.agreed)
            if move.accepted and move.kind == "listen":
                move.kind = "accept"
        return move

    def reply(self, obs: Observation, *, late: bool = False) -> Move:
        """The interviewer's answer to a free-text turn within the current phase.

        `late`: the phase is nearly over (the scale question is due if nobody asked it).
        """
        move = self.statement(obs)
        if move.kind in ("reveal", "assume", "clarify"):
            return move  # one thing at a time: answer the question, let them carry on
        question = self._challenge(obs) or self._next_question(obs.phase, obs, late=late)
        if question is None:
            done_wrap_up = obs.phase == "wrap_up" and self._wrap_up(obs.phase) is None
            quiet = done_wrap_up or not self._fresh(obs)
            if move.kind == "listen" and obs.phase != "requirements" and quiet:
                move.kind = "nothing_new"
            return move
        return _merge(move, question)

    def _fresh(self, obs: Observation) -> bool:
        """Whether the turn brought something new worth just acknowledging."""
        return bool(obs.new_concepts or obs.figures)

    def _challenge(self, obs: Observation) -> Move | None:
        """A question about a figure: fished, wrong this turn, unworked, passed over, or left from before."""
        return self.figures.next_challenge(obs.phase, self.state)

    def _next_question(
        self, phase: str, obs: Observation | None = None, *, late: bool = False
    ) -> Move | None:
        """The most useful question not yet asked in this phase, or None."""
        st = self.state
        if phase == "requirements":
            for key in self._triggered_rules(obs):
                return self._rule_move(key, phase)
            if not st.scale_asked and "ask_scale" not in st.asked and late:
                return Move(kind="ask_scale", phase=phase, key="ask_scale")
            return None
        if phase == "estimation":
            for key in self._triggered_rules(obs):
                return self._rule_move(key, phase)
            return self._ask_estimate(phase)
        if phase in DESIGN_PHASES or phase == "wrap_up":
            for key in self._triggered_rules(obs):
                return self._rule_move(key, phase)
            fresh = [f"followup:{i}" for i in (obs.followups if obs else [])]
            prompted = self._followup(phase, fresh)
            if prompted is not None:
                prompted.prompted = True  # it follows from what they just said
            if phase == "wrap_up":
                return self._wrap_up(phase) or prompted or self._followup(phase)
            return prompted or self._followup(phase) or self._probe(phase)
        return None

    def _followup(self, phase: str, keys: list[str] | None = None) -> Move | None:
        """The first follow-up among `keys` (default: any triggered earlier) not yet asked."""
        st = self.state
        now = len(st.candidate_text)
        if keys is None:
            keys = [k for k, turn in st.pending.items() if now - turn < STALE_AFTER]
        for key in keys:
            if key in st.asked:
                continue
            index = int(key.split(":", 1)[1])
            ask = self.scenario.followups[index].ask
            if any(similar(ask, earlier) for earlier in st.asked_questions):
                continue
            since = st.candidate_text[max(0, st.pending.get(key, now) - 1) :]
            if any(answered(ask, said) for said in since):
                continue  # they already said it
            return Move(kind="followup", phase=phase, key=key, question=ask, followup=index)
        return None

    def _triggered_rules(self, obs: Observation | None) -> list[str]:
        if obs is None:
            return []
        return [f"rule:{r}" for r in obs.rules if f"rule:{r}" not in self.state.asked]

    def _rule_move(self, key: str, phase: str) -> Move:
        rule = self._rules[key.split(":", 1)[1]]
        question = self._rule_questions.get(rule.id) or persona_rules.plain_question(rule)
        return Move(kind="rule", phase=phase, key=key, question=question, rule=rule.id)

    def _ask_estimate(self, phase: str) -> Move | None:
        for estimate in self.scenario.estimates:
            key = f"estimate:{estimate.id}"
            if estimate.id in self.state.stated_estimates or key in self.state.asked:
                continue
            return Move(
                kind="ask_estimate", phase=phase, key=key, question=estimate.label, estimate=estimate.id
            )
        return None

    def _probe(self, phase: str) -> Move | None:
        st = self.state
        failures = [
            i
            for i, ask in enumerate(self.scenario.failure_probes)
            if f"failure:{i}" not in st.asked and not any(similar(ask, q) for q in st.asked_questions)
        ]
        concept = self._best_concept(phase)
        want_failure = phase == "deep_dive" and failures and (st.deep_dive_probes % 2 == 1 or concept is None)
        if want_failure:
            i = failures[0]
            ask = self.scenario.failure_probes[i]
            return Move(kind="failure_probe", phase=phase, key=f"failure:{i}", question=ask, failure=i)
        if concept is None:
            return None
        return Move(
            kind="probe",
            phase=phase,
            key=f"concept:{concept}",
            question=self._concept(concept).probe,
            concept=concept,
        )

    def _concept(self, concept_id: str):  # noqa: ANN202 - a catalog Concept
        return next(c for c in self.scenario.concepts if c.id == concept_id)

    def _best_concept(self, phase: str | None = None) -> str | None:
        """The uncovered, unasked concept that matters most for the weakest criterion.

        In a design phase, criteria that belong to that phase come first (a deep dive asks
        about failure before it goes back to scoping).
        """
        st = self.state
        open_concepts = [
            c
            for c in self.scenario.concepts
            if c.id not in st.covered_concepts
            and f"concept:{c.id}" not in st.asked
            and not any(similar(c.probe, earlier) for earlier in st.asked_questions)
        ]
        ranked = self.weakest_criteria()
        if phase in PHASE_CRITERIA:
            fits = [c for c in ranked if c in PHASE_CRITERIA[phase] or c not in KNOWN_CRITERIA]
            ranked = fits + [c for c in ranked if c not in fits]
        for criterion in ranked:
            choices = [c for c in open_concepts if c.criterion == criterion]
            if choices:
                return max(choices, key=lambda c: (c.weight, -self.scenario.concepts.index(c))).id
        return None

    def _wrap_up(self, phase: str) -> Move | None:
        for name, ask in WRAP_UP_QUESTIONS.items():
            key = f"wrap:{name}"
            if key not in self.state.asked and name not in self.state.wrap_covered:
                return Move(kind="wrap_up", phase=phase, key=key, question=ask, wrap=name)
        return None

    def opener(self, phase: str, came_from: str | None, reason: str | None) -> Move:
        """The first turn of a new phase: a transition and the phase's opening question."""
        st = self.state
        question: Move | None
        if came_from == "requirements" and not st.scale_asked and "ask_scale" not in st.asked:
            question = Move(kind="ask_scale", phase=phase, key="ask_scale")
        elif phase == "high_level_design" and "open:high_level_design" not in st.asked:
            question = Move(kind="open_design", phase=phase, key="open:high_level_design")
        elif phase == "deep_dive":
            question = self._probe(phase) or self._next_question(phase)
        else:
            question = self._next_question(phase)
        base = Move(kind="phase_change", phase=phase, transition_from=came_from, transition_reason=reason)
        return _merge(base, question) if question else base

    def hint(self, phase: str) -> Move:
        """One nudge per phase toward what the candidate has not touched; never the answer."""
        if phase in self.state.hints:
            return Move(kind="hint_used", phase=phase)
        concept = self._best_concept(phase) if phase in DESIGN_PHASES else None
        return Move(
            kind="hint", phase=phase, key=f"hint:{phase}", question=self.hint_text(phase), concept=concept
        )

    def hint_text(self, phase: str) -> str:
        """What the hint points at: a topic, never a fact, a figure or a rubric line."""
        st = self.state
        if phase == "requirements":
            hidden = [f for f in self.scenario.facts if f.id not in st.revealed]
            if not st.scale_asked:
                return "You haven't asked about scale yet: how big is this, and how fast does it grow?"
            if hidden:
                return f"There's more to learn about {hidden[0].about[0]}; ask me about it."
            return "You have what you need; summarise the requirements and move on."
        if phase == "estimation":
            missing = [e for e in self.scenario.estimates if e.id not in st.accepted_estimates]
            if missing:
                return f"Work out {spoken_label(missing[0].label)} from the numbers you have, step by step."
            return "Your numbers look complete; say which one drives the design."
        if phase in DESIGN_PHASES:
            concept = self._best_concept(phase)
            if concept is not None:
                return self._concept(concept).probe  # the voice says it is a topic not yet covered
            return "Think about what fails first under load, and what users see when it does."
        return "Think about where this design breaks first as traffic grows."

    def estimate(self, estimate_id: str) -> Estimate | None:
        return self._estimates.get(estimate_id)


def _merge(statement: Move, question: Move) -> Move:
    """Put a question after a statement (facts, acceptances, a transition) in one turn."""
    question.facts = statement.facts or question.facts
    question.repeated_facts = statement.repeated_facts
    question.accepted = statement.accepted
    question.transition_from = statement.transition_from
    question.transition_reason = statement.transition_reason
    return question
