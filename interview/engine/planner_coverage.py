"""What the candidate has covered, and where to point them next: coverage, weakest criteria, hints.

A mixin of `Planner` (kept apart from its turn-by-turn decisions); it reads the planner's
scenario, persona and state and never changes them.
"""

from __future__ import annotations

from interview.catalog.models import Concept, Persona, Scenario
from interview.engine import facts as fact_desk
from interview.engine.moves import WRAP_UP_QUESTIONS, Move, spoken_label
from interview.engine.planner_state import (
    DESIGN_PHASES,
    KNOWN_CRITERIA,
    PHASE_CRITERIA,
    PlannerState,
    answered,
    content_words,
    similar,
)
from interview.text.matching import mentions

_BOX_FAILURE_TAIL = "What do users see, and what is lost?"
_PRODUCTS = frozenset(
    "redis memcached postgres postgresql mysql cassandra dynamodb mongodb hbase scylladb kafka sqs rabbitmq "
    "s3 elasticsearch zookeeper etcd".split()
)

DEEP_DIVE_FAILURES = 2  # failure probes answered before a deep dive can end by itself
MIN_TURNS_TO_COVER = 3  # candidate turns in a phase before its coverage can move the interview on
# Boxes that can go down or slow down: when a scenario's own probes run out in the deep dive, the
# candidate's own box is put to failure ("What happens when Redis is down ...?").
CAN_FAIL = frozenset(
    """load balancer|api gateway|gateway|cdn|cache|redis|memcached|database|postgres|postgresql|mysql|
    cassandra|dynamodb|mongodb|hbase|scylladb|kafka|queue|message queue|sqs|rabbitmq|event bus|
    object storage|s3|blob store|search index|elasticsearch|zookeeper|etcd|read replica|primary|leader|
    rate limiter|orchestrator""".replace("\n", "").replace(" " * 4, "").split("|")
)


def names(text: str, concept: Concept) -> bool:
    """Whether a text names a concept, by its phrases or its other wordings ("owned by exactly one")."""
    return mentions(text, [*concept.phrases, *concept.synonyms])


class PlannerCoverage:
    """Coverage and hints for one scenario (mixed into `Planner`)."""

    scenario: Scenario
    persona: Persona
    state: PlannerState
    _facts: dict
    _estimates: dict

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
        if st.phase_turns.get(phase, 0) < MIN_TURNS_TO_COVER:
            return False  # one broad question that reveals every fact does not end a phase
        if phase == "requirements":
            known = set(st.revealed) | set(revealing)
            stated = fact_desk.stated_requirements(st.candidate_text)  # reveals alone do not cover it
            return st.scale_asked and bool(self._facts) and known >= set(self._facts) and stated
        if phase == "estimation":
            return bool(self._estimates) and st.accepted_estimates >= set(self._estimates)
        if phase in DESIGN_PHASES:
            every = len(st.covered_concepts) == len(self.scenario.concepts)
            concepts = bool(self.scenario.concepts) and every
            return concepts and self._design_settled(phase)
        said = st.wrap_covered | {w for w, ask in WRAP_UP_QUESTIONS.items() if self.said_already(ask)}
        return all(f"wrap:{w}" in st.asked or w in said for w in WRAP_UP_QUESTIONS)

    def _design_settled(self, phase: str) -> bool:
        """The question just put has had its answer, and a deep dive has had two failure probes answered:
        naming every concept in the design does not end the deep dive by itself."""
        ledger = self.state.ledger
        entries = [e for e in ledger.entries.values() if e.phase == phase]
        fresh = [e for e in entries if len(ledger.heard) - e.turn <= 1]  # their reply has only just come
        if any(e.status == "open" or (e.status == "dodged" and not e.revisited) for e in fresh):
            return False  # unanswered, or answered about something else: it is put again first
        if phase != "deep_dive":
            return True
        answered = sum(e.key.startswith("failure:") and e.status in ("answered", "partly") for e in entries)
        # the scenario's own probes, plus one about a box of theirs failing (`box_failure`)
        return answered >= min(DEEP_DIVE_FAILURES, len(self.scenario.failure_probes) + 1)

    def said_already(self, question: str) -> bool:
        """Whether one of the candidate's turns already holds most of a question's words.

        A long answer ("the post store ... feed reads ... time ... the user") can say what a probe
        would ask; asking it then sounds as if the interviewer had not listened, so another is asked.
        """
        asked = content_words(question)
        need = min(2, len(asked))  # one shared word ("time") is not an answer to a two-word question
        return any(
            answered(question, said) and len(asked & content_words(said)) >= need
            for said in self.state.candidate_text
        )

    def box_failure(self, phase: str, components: list[str], shown: list[str]) -> Move | None:
        """When the deep dive's own probes have run out: what happens when one of their boxes fails.

        `components`: the boxes the candidate named, in order (the latest is asked first); `shown`:
        the same, as said ("Redis").
        """
        if phase != "deep_dive" or any(k.startswith("failure:box:") for k in self.state.asked):
            return None  # once a session: the same question about box after box reads like a form
        for component, said in reversed(list(zip(components, shown, strict=True))):
            key = f"failure:box:{component}"
            if component not in CAN_FAIL:
                continue
            name = said if component in _PRODUCTS else f"the {said}"  # "Redis", "the CDN"
            question = f"What happens when {name} is down or slow for ten minutes? {_BOX_FAILURE_TAIL}"
            earlier = [q for q in self.state.asked_questions if not q.endswith(_BOX_FAILURE_TAIL)]
            if self.said_already(question) or any(similar(question, q) for q in earlier):
                continue
            if self.state.ledger.already_answered(question) is not None:
                continue  # "the replica is promoted by failover": they said how the database fails over
            topic = f"{name} failing"
            return Move(kind="failure_probe", phase=phase, key=key, question=question, topic=topic)
        return None

    def _concept(self, concept_id: str) -> Concept:
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
            and not self.said_already(c.probe)
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
