"""The planner: what a sharp interviewer does next. Plain, deterministic Python.

It watches what the candidate says (`observe`), decides one move (`reply`, `opener`,
`hint`), and remembers what it did (`commit`). Replaying `observe` over the candidate's
answers and `commit` over the stored moves rebuilds its state exactly, which is how a
session resumes.
"""

from __future__ import annotations

from interview.catalog.models import Estimate, Fact, Persona, Rubric, Rule, Scenario
from interview.engine import facts as fact_desk
from interview.engine import persona_rules, planner_board, planner_handoffs
from interview.engine import planner_level as level
from interview.engine import planner_responses as responses
from interview.engine import planner_words as words
from interview.engine.figures import FigureLedger
from interview.engine.moves import WRAP_UP_QUESTIONS, Move, lower_first, spoken_label
from interview.engine.planner_coverage import PlannerCoverage, names
from interview.engine.planner_ledger import answered_unasked, keep_ledger
from interview.engine.planner_state import (
    CHALLENGE_PHASES,
    DESIGN_PHASES,
    SCALE_PHRASES,
    STALE_AFTER,
    WRAP_UP_COVERED,
    Observation,
    PlannerState,
    answered,
    is_question,  # noqa: F401 - re-exported for callers of the planner
    similar,
    unasked_part,
)
from interview.text.limits import analysed
from interview.text.matching import mentions
from interview.text.numbers import find_figures
from interview.understanding.reading import TurnReading, read_turn

# Too general to put in a trade-off table ("service" is every box on the board).
_NOT_A_CHOICE = frozenset(
    "service stream index primary leader hash retry sql backoff ttl lru heartbeat dlq dead letter queue "
    "replica standby failover replication snapshot worker consumer".split()
    + ["dead letter queue", "fail open", "fail closed", "read replica", "idempotency key", "circuit breaker"]
)


class Planner(PlannerCoverage):
    """Decides the interviewer's moves for one scenario, persona and rubric."""

    def __init__(
        self, scenario: Scenario, persona: Persona, rubric: Rubric, level: str | None = None
    ) -> None:
        self.scenario = scenario
        self.persona = persona
        self.rubric = rubric
        self.level = level or scenario.level
        self.state = PlannerState()
        self._facts = {f.id: f for f in scenario.facts}
        self._estimates = {e.id: e for e in scenario.estimates}
        self._rules = {r.id: r for r in persona.rules}
        self._fact_figures = {f.id: find_figures(f.answer) for f in scenario.facts}
        self._vocabulary = sorted(
            {p for f in scenario.facts for p in f.about}
            | {p for c in scenario.concepts for p in c.phrases}
            | {p for e in scenario.estimates for p in e.about}
        )
        self._components: list[str] = []
        self.figures = FigureLedger(scenario)  # figures checked and challenges kept open (engine/figures.py)
        self._rule_questions: dict[str, str] = {}  # rule id -> its question naming their component

    # ------------------------------------------------------------------ observing

    def observe(self, text: str, phase: str) -> Observation:
        """Take in one candidate answer: coverage, figures, triggers, questions."""
        text = analysed(text)  # a pasted essay is read in part (text/limits.py)
        st = self.state
        reading = read_turn(text, st.candidate_text, self._vocabulary)
        st.candidate_text.append(text)
        decision = fact_desk.decide(self.scenario, text, st.revealed)
        obs = Observation(
            phase=phase,
            question=reading.has("question") or self._asks_a_fact(reading, decision),
            reading=reading,
        )
        obs.heard = st.ledger.hear(reading)
        obs.answered_now = answered_unasked(self, text, phase)
        if phase in DESIGN_PHASES:
            st.design_turns += 1
        st.phase_turns[phase] = st.phase_turns.get(phase, 0) + 1
        if reading.has("non_answer"):
            st.non_answers += 1
        for component in reading.components:
            if component not in self._components and component not in _NOT_A_CHOICE:
                self._components.append(component)
        if obs.question:
            obs.touched_facts = decision.touched
            if mentions(text, SCALE_PHRASES):
                st.scale_asked = True
        for concept in self.scenario.concepts:
            if concept.id not in st.covered_concepts and names(text, concept):
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
        fired = [hit for hit in fired if not self.said_already(hit.question)]  # their words held it
        obs.rules = [hit.rule for hit in fired]
        self._rule_questions.update({hit.rule: hit.question for hit in fired})
        if obs.reading is not None:  # the words that raised each, in case it has to wait
            st.stance_echoes.update(
                {f"rule:{h.rule}": words.spoken_echo(obs.reading, near=h.start) for h in fired}
            )
        responses.queue_stances(self, obs)
        planner_board.observe(self)  # said in words but not drawn
        obs.handoffs = planner_handoffs.observe(self, text, phase)  # a DLQ question per queue, one per party
        return obs

    @staticmethod
    def _asks_a_fact(reading: TurnReading, decision: fact_desk.FactDecision) -> bool:
        """A fact asked for without a question mark ("tell me the retention"), unless the turn is
        doing something else ("..., right?" seeks approval; "just tell me" asks for the answer)."""
        other = ("approval_seeking", "asks_for_answer", "non_answer", "off_topic", "instruction", "dodge")
        return decision.kind != "none" and not reading.has(*other)

    def rule_in_phase(self, rule_id: str, phase: str) -> bool:
        """Whether a rule may fire in this phase (`persona_rules.applies_in`)."""
        rule = self._rules.get(rule_id)
        return rule is not None and persona_rules.applies_in(rule, phase)

    def observe_board(self, text: str) -> None:
        """Concepts written on the whiteboard count as covered; its graph findings wait as stances."""
        self.state.board = text
        for concept in self.scenario.concepts:
            if concept.id not in self.state.covered_concepts and names(text, concept):
                self.state.covered_concepts.add(concept.id)
        planner_board.observe(self)

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
            st.stances.pop(key, None)
        keep_ledger(self, move)
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
        if move.key and move.key.startswith(planner_board.PREFIX):
            keys += planner_board.related(move.key)
        if move.ask_scale:
            keys.append("ask_scale")
        return keys

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
            if move.accepted:  # name the figure they got right, in their words
                move.echo = words.accepted_figure(self, obs, move.accepted[0])
        return move

    def reply(self, obs: Observation, *, late: bool = False) -> Move:
        """The interviewer's answer to a free-text turn within the current phase, for the candidate's level.

        `late`: the phase is nearly over (the scale question is due if nobody asked it).
        """
        return level.expect(self, self._reply(obs, late=late), obs)

    def _reply(self, obs: Observation, *, late: bool = False) -> Move:
        move = self.statement(obs)
        move.heard = dict(obs.heard)
        answer = responses.respond(self, obs)
        if answer is not None:
            return _merge(move, answer)
        handed = move.kind == "assume" and words.hands_over(self.state.candidate_text[-1])
        if move.kind in ("reveal", "assume", "clarify") and not handed:  # "which area next?": ask on
            move.echo = (
                words.fact_echo(self, obs, move) if move.kind == "reveal" else words.question_echo(obs)
            )
            estimate = self._ask_estimate(obs.phase) if move.kind == "assume" else None
            if obs.phase == "estimation" and estimate is not None:  # a guess asked back: work it out
                return _merge(move, estimate)
            return move  # one thing at a time: answer the question, let them carry on
        question = self._challenge(obs) or self._next_question(obs.phase, obs, late=late)
        deep = obs.phase in DESIGN_PHASES or obs.phase == "wrap_up"
        if deep and obs.answered_now and (question is None or question.kind in ("probe", "failure_probe")):
            question = responses.deeper(self, obs) or question  # they answered it unasked: go deeper
        reading = obs.reading
        approval = reading is not None and reading.has("approval_seeking")
        given = words.given_restated(self.scenario, reading.text) if approval and reading is not None else ""
        approval = approval and not given  # "So 1 billion a month, right?" restates my figure: say so
        repeated = reading is not None and reading.has("repeats")
        if question is None and (approval or repeated):
            question = Move(
                kind="why",
                phase=obs.phase,
                key=f"{'approval' if approval else 'repeat'}:{len(self.state.candidate_text)}",
                question="What would have to be true for that to be wrong?"
                if approval
                else "What would you add to it, or change, now that you've said it twice?",
            )
        if question is None:
            done_wrap_up = obs.phase == "wrap_up" and self._wrap_up(obs.phase) is None
            quiet = done_wrap_up or not self._fresh(obs)
            if move.kind == "listen" and obs.phase != "requirements" and quiet:
                move.kind = "nothing_new"
            move.echo = move.echo or words.answer_echo(self, obs)
            if given:
                move.act, move.echo = "confirm_given", given
            return move
        merged = _merge(move, question)
        if given:
            merged.act, merged.echo = "confirm_given", given
        again = [k for k, status in obs.heard.items() if status == "dodged" and self._revisited(k)]
        if again and not merged.dropped:
            merged.dropped = again[0]  # come back to once; now it is recorded for the report
        if approval:  # name what they want confirmed: the figure they gave, or their words
            merged.act = "approval_seeking"
            merged.echo = move.echo or (words.spoken_echo(reading) if reading is not None else "")
        elif reading is not None and reading.has("repeats"):
            merged.act, merged.echo = "repeats", words.spoken_echo(reading)
            return merged
        if not merged.echo and question.kind != "challenge":
            merged.echo = words.answer_echo(self, obs, question)
        return merged

    def _revisited(self, key: str) -> bool:
        entry = self.state.ledger.entries.get(key)
        return entry is not None and entry.revisited

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
        waiting = responses.stance(self, obs) if obs is not None else None
        if phase == "requirements":
            if waiting is not None:
                return waiting
            if not st.scale_asked and "ask_scale" not in st.asked and late:
                return Move(kind="ask_scale", phase=phase, key="ask_scale")
            return None
        if phase == "estimation":
            return waiting or self._ask_estimate(phase)
        if phase in DESIGN_PHASES or phase == "wrap_up":
            fresh_stance = waiting is not None and st.stances.get(waiting.key or "") == len(st.candidate_text)
            overdue = st.design_turns > responses.TABLE_OVERDUE + 1  # even a fresh stance waits now
            table = None
            if obs is not None and (overdue or not fresh_stance):
                table = responses.trade_offs(self, phase, obs.reading)
            if table is not None and st.design_turns >= responses.TABLE_OVERDUE:
                return table  # once a session; older stances wait in their queue meanwhile
            escalate = level.escalation(self, obs) if obs is not None and not fresh_stance else None
            if escalate is not None:
                return escalate  # a staff candidate's design is pushed before the stock questions
            if waiting is not None:
                return waiting
            fresh = [f"followup:{i}" for i in (obs.followups if obs else [])]
            prompted = self._followup(phase, fresh)
            if prompted is not None:
                prompted.prompted = True  # it follows from what they just said
            if phase == "wrap_up":
                return self._wrap_up(phase) or prompted or self._followup(phase)
            return (
                prompted
                or table
                or self._followup(phase)
                or self._probe(phase)
                or self.box_failure(phase, self._components, self.components_named())
            )
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
            ask = unasked_part(ask, st.asked_questions)  # "..., and <a question already put>?" loses its tail
            if not ask:
                continue
            since = st.candidate_text[max(0, st.pending.get(key, now) - 1) :]
            if any(answered(ask, said) for said in since):
                continue  # they already said it
            return Move(kind="followup", phase=phase, key=key, question=ask, followup=index)
        return None

    def next_question(self, phase: str) -> Move | None:
        """The next question of the phase, with nothing from this turn to follow up."""
        return self._next_question(phase)

    # ------------------------------------------------------------------ what the responses need

    def phase_goal(self, phase: str) -> str:
        """The phase's first goal, said as a topic ("write and redirect rates, average and peak")."""
        found = self.scenario.phase(phase)
        goals = found.goals if found is not None else []
        return lower_first(goals[0]) if goals else spoken_label(phase.replace("_", " "))

    def fact(self, fact_id: str) -> Fact | None:
        return self._facts.get(fact_id)

    def rule(self, rule_id: str) -> Rule | None:
        return self._rules.get(rule_id)

    def reading_of(self, text: str) -> TurnReading:
        return read_turn(text, [], self._vocabulary)

    def everything(self) -> str:
        """All the candidate has said and written so far."""
        return "\n".join([*self.state.candidate_text, self.state.board])

    def their_figure(self) -> str | None:
        """The candidate's latest load figure ("40 writes a second"), to argue against."""
        return words.their_figure(self.state.candidate_text)

    def components_named(self) -> list[str]:
        """The components the candidate has named, in order, for the trade-off table."""
        return [responses.display_name(c) for c in self._components]

    def rule_question(self, rule: Rule) -> str:
        """The rule's question, naming the candidate's own component when the trigger showed it."""
        return self._rule_questions.get(rule.id) or persona_rules.plain_question(rule)

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
            if f"failure:{i}" not in st.asked
            and not any(similar(ask, q) for q in st.asked_questions)
            and not self.said_already(ask)
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

    def _wrap_up(self, phase: str) -> Move | None:
        for name, ask in WRAP_UP_QUESTIONS.items():
            key = f"wrap:{name}"
            said = name in self.state.wrap_covered or self.said_already(ask)  # "a bottleneck and a SPOF"
            if key not in self.state.asked and not said:
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
        elif phase == "deep_dive":  # the table, if the design phase left no turn for it, then failure
            question = responses.trade_offs(self, phase) or self._probe(phase) or self._next_question(phase)
        else:
            question = self._next_question(phase)
        base = Move(kind="phase_change", phase=phase, transition_from=came_from, transition_reason=reason)
        base.scaffold = level.struggling(self)  # more scaffolding for a struggler (sooner at mid level)
        if question is None:
            return base
        merged = _merge(base, question)
        merged.scaffold = base.scaffold
        return merged

    def estimate(self, estimate_id: str) -> Estimate | None:
        return self._estimates.get(estimate_id)


def _merge(statement: Move, question: Move) -> Move:
    """Put a question after a statement (facts, acceptances, a transition) in one turn."""
    question.facts = statement.facts or question.facts
    question.repeated_facts = statement.repeated_facts
    question.accepted = statement.accepted
    question.transition_from = statement.transition_from
    question.transition_reason = statement.transition_reason
    question.heard = statement.heard or question.heard
    question.echo = question.echo or statement.echo
    return question
