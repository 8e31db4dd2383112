"""How the planner answers what a candidate turn *did*: its dialogue acts, read once.

A non-answer gets a smaller question (a ladder: reframe, narrower, a worked first step,
never the answer); a request for the answer is declined and turned into a question; off
topic and instructions are steered back to the phase's goal; a dodged question is come back
to once, by name; a bare claim gets "why?". Also: the persona's stances that wait in a queue
until they can be asked, the trade-off table, and "one level deeper" on what was answered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from interview.engine import planner_board, planner_handoffs
from interview.engine import planner_level as level
from interview.engine import planner_narrow as narrow
from interview.engine.moves import Move, spoken_label
from interview.engine.planner_state import DESIGN_PHASES, Observation
from interview.engine.planner_words import spoken_echo
from interview.text.matching import find_phrases, mentions
from interview.understanding.ledger import Entry
from interview.understanding.reading import TurnReading

if TYPE_CHECKING:
    from interview.engine.planner import Planner

LADDER_STEPS = 3
TABLE_OVERDUE = 2  # design turns after which the trade-off table goes first (once a session)
TOPICAL = ("followup", "rule", "probe", "failure_probe", "wrap_up")
# Stances argued against the candidate's own numbers.
NUMBER_STANCES = ("start_simple", "justify_complexity")
_LADDER = {
    "requirements": (
        "Let's make it smaller. Who uses this, and what is the one thing they do most often?",
        "Narrower, then: ask me one thing about scale, users, requests or data.",
        "A first step to get you going: most designs start from how many requests arrive each second. "
        "What would you ask me to work that out?",
    ),
    "estimation": (
        "Let's make it smaller. Forget {topic} for a moment: which number you already have "
        "does it depend on?",
        "Narrower, then: take {inputs} and turn it into a rate. What number is it per day?",
        "Here's a first step: a day has 86,400 seconds, so a month is about 2.6 million. "
        "Divide by that: what do you get for {topic}?",
    ),
    "*": (
        "Let's make it smaller. Think of one request and one server: what would you do about {topic}?",
        "Narrower, then: which one component deals with {topic}, and what must it never do?",
        "A first step: start from what fails. Which part is involved in {topic}, and what does a user see "
        "when it stops? Take it from there.",
    ),
}


# How a stance is named when it is come back to ("You didn't answer on the requirements").
_RULE_TOPICS = {
    "clarify_first": "the requirements",
    "quantify": "the numbers",
    "dead_letter": "the message that fails every retry",
    "single_point_of_failure": "that single point of failure",
    "retries_and_backoff": "retries",
    "twelve_month_horizon": "the next twelve months",
    "start_simple": "the simplest design that works",
    "justify_complexity": "what the extra parts buy you",
}


def rule_topic(rule_id: str) -> str:
    """A persona stance named in a few words ("unknown_outcome" -> "unknown outcome")."""
    return _RULE_TOPICS.get(rule_id, rule_id.replace("_", " "))


def topic_of(planner: Planner, move: Move) -> str:
    """A question's topic in a few words, for its ledger entry and for coming back to it by name."""
    if move.topic:
        return move.topic
    if move.estimate and (estimate := planner.estimate(move.estimate)) is not None:
        return spoken_label(estimate.label)
    if move.concept:
        return move.concept.replace("_", " ")
    if move.rule:
        return rule_topic(move.rule)
    if move.followup is not None:
        return planner.scenario.followups[move.followup].when[0]
    if move.wrap:
        return {"ten_x": "ten times the traffic", "more_time": "what you'd do with more time"}.get(
            move.wrap, move.wrap
        )
    if move.kind == "failure_probe":
        return "that failure"
    if move.kind == "open_design":
        return "the high-level design"
    if move.kind == "ask_scale":
        return "scale"
    return move.kind.replace("_", " ")


def respond(planner: Planner, obs: Observation) -> Move | None:
    """A reply to the turn's act when the act, not its content, decides the turn; else None."""
    reading = obs.reading
    if reading is None:
        return None
    phase = obs.phase
    st = planner.state
    if reading.has("instruction", "off_topic"):
        act = "instruction" if reading.has("instruction") else "off_topic"
        return _steer(planner, obs, act)
    if reading.has("non_answer"):
        named = narrow.stuck(planner, obs) if phase not in ("requirements", "estimation") else None
        return named or ladder(planner, obs)  # on the topic they named, else the open question
    if reading.has("vague") and (narrower := narrow.vague(planner, obs)) is not None:
        return narrower
    if reading.has("asks_for_answer") and not (obs.touched_facts and phase == "requirements"):
        focus = reading.questions[0].focus if reading.questions else ""
        if not 2 <= len(focus.split()) <= 4 or "answer" in focus:
            focus = ""  # "answer i'll explain back" is not a thing to name back
        return Move(
            kind="decline",
            phase=phase,
            act="asks_for_answer",
            echo=focus,
            question=_decline_question(planner, phase, focus),
        )
    entry = None
    if reading.has("dodge") or any(s == "dodged" for s in obs.heard.values()):
        entry = st.ledger.to_revisit()
    latest = st.ledger.latest_open()
    if (
        entry is None
        and phase == "requirements"
        and latest is not None
        and latest.key == "rule:clarify_first"
    ):
        if reading.components and not reading.questions and not latest.revisited:
            entry = latest  # more boxes instead of questions: the clarify question was sidestepped
    if entry is not None:
        dodged = reading.act("dodge")
        return Move(
            kind="revisit",
            phase=phase,
            key=f"revisit:{entry.key}",
            act="dodge",
            topic=entry.topic,
            covers=entry.key,
            question=asked_again(entry),
            echo=dodged.span.text if dodged is not None else "",
        )
    if reading.has("bare_claim") and not obs.rules and not obs.handoffs:  # a stance asks a sharper question
        claim = reading.act("bare_claim")
        assert claim is not None
        key = f"why:{' '.join(claim.span.text.lower().split())}"
        table = trade_offs(planner, phase, reading)
        if table is not None:
            table.act, table.echo = "bare_claim", common_noun(claim.span.text)  # "Why sequence numbers?"
            return table  # "why?" for this and an earlier choice at once
        if key not in st.asked:
            said = common_noun(claim.span.text)
            return Move(kind="why", phase=phase, key=key, act="bare_claim", echo=said, topic=said)
    return None


_BRANDS = frozenset(
    "cassandra kafka redis postgres postgresql mysql dynamodb mongodb hbase scylladb kubernetes zookeeper "
    "etcd raft sqs rabbitmq s3 elasticsearch memcached cdn sql nosql api dlq lru ttl".split()
)


_DISPLAY = {
    "kafka": "Kafka", "redis": "Redis", "postgres": "Postgres", "postgresql": "PostgreSQL", "mysql": "MySQL",
    "cassandra": "Cassandra", "dynamodb": "DynamoDB", "mongodb": "MongoDB", "hbase": "HBase",
    "scylladb": "ScyllaDB", "kubernetes": "Kubernetes", "sqs": "SQS", "rabbitmq": "RabbitMQ", "cdn": "CDN",
    "s3": "S3", "elasticsearch": "Elasticsearch", "memcached": "Memcached", "zookeeper": "ZooKeeper",
    "nosql": "NoSQL", "api gateway": "API gateway", "base62": "base62", "cqrs": "CQRS",
}  # fmt: skip


def display_name(component: str) -> str:
    """A component as it is written in a sentence ("kafka" -> "Kafka")."""
    return _DISPLAY.get(component, component)


def common_noun(claim: str) -> str:
    """'Sequence numbers' -> 'sequence numbers'; 'Cassandra' and 'CDN' keep their capitals."""
    first = claim.split(" ", 1)[0].lower()
    return claim if first in _BRANDS else claim[:1].lower() + claim[1:]


def _steer(planner: Planner, obs: Observation, act: str) -> Move:
    """Back to the phase: the question they turned away from, else the phase's next one, else its goal."""
    phase = obs.phase
    ledger = planner.state.ledger
    turned_from = [k for k, status in obs.heard.items() if status == "dodged"]
    entry = ledger.entries[turned_from[0]] if turned_from else ledger.latest_open()
    goal = planner.phase_goal(phase)
    if entry is not None:
        question = asked_again(entry)
        return Move(kind="steer", phase=phase, act=act, topic=goal, question=question, covers=entry.key)
    following = planner.next_question(phase)
    if following is not None and following.question:
        following.act = act
        return following
    return Move(kind="steer", phase=phase, act=act, topic=goal, question="What's your next step on it?")


def asked_again(entry: Entry) -> str:
    """A question put again in its own words ("Walk me through ...", "What happens ...?"), or "Where are
    you on <topic>?" when it was only a topic (scale, the opening design question, an estimate's label)."""
    sentence = entry.question.rstrip().endswith(("?", ".", "!"))
    return entry.question if sentence else f"Where are you on {entry.topic}?"


def _decline_question(planner: Planner, phase: str, focus: str) -> str:
    entry = planner.state.ledger.latest_open()
    if phase == "requirements":
        return "What would you want to know first: who uses it, what they do, or how much of it there is?"
    if phase == "estimation":
        return "Which figures you already have would you start from, and what's the first step?"
    if entry is not None:
        return f"What would you try first for {entry.topic}, and why?"
    return "What are two ways you could do it, and which would you pick for this problem?"


def ladder(planner: Planner, obs: Observation) -> Move:
    """A smaller, concrete question on the open question (or the phase) after a non-answer."""
    st = planner.state
    phase = obs.phase
    entry = st.ledger.latest_open()
    if phase == "estimation" and (entry is None or not entry.key.startswith(("estimate:", "challenge:"))):
        entry = _estimate_entry(planner)  # stuck on the numbers: the first estimate not yet given
    key = entry.key if entry is not None else f"phase:{phase}"
    topic = entry.topic if entry is not None else planner.phase_goal(phase)
    steps = entry.steps if entry is not None else sum(1 for k in st.asked if k.startswith(f"ladder:{key}:"))
    if steps >= LADDER_STEPS:
        after = planner.next_question(phase)
        move = Move(kind="listen", phase=phase, act="non_answer", dropped=key, topic=topic)
        if after is not None:
            after.act, after.dropped, after.topic = "non_answer", key, after.topic or ""
            return after
        return move
    step = steps + 1
    texts = level.ladder(planner, _LADDER.get(phase, _LADDER["*"]))  # mid level starts from a first step
    inputs = _inputs(planner)
    if phase == "estimation" and step == 2 and inputs is None:  # nothing to start from: ask for it
        question = "Narrower, then: which one number would you need from me to start? Ask me for it."
    else:
        question = texts[step - 1].format(topic=topic, inputs=inputs or "the figures you have")
    return Move(
        kind="ladder",
        phase=phase,
        key=f"ladder:{key}:{step}",
        act="non_answer",
        topic=topic,
        covers=key if entry is not None else None,
        step=step,
        question=question,
    )


def _estimate_entry(planner: Planner) -> Entry | None:
    """The ledger entry of the first estimate not yet accepted (recorded as asked if it was not)."""
    for estimate in planner.scenario.estimates:
        if estimate.id in planner.state.accepted_estimates:
            continue
        key = f"estimate:{estimate.id}"
        entry = planner.state.ledger.entries.get(key)
        if entry is None:
            return Entry(key, spoken_label(estimate.label), estimate.label, "estimation", 0)
        return entry if entry.status != "answered" else None
    return None


def _inputs(planner: Planner) -> str | None:
    """The first revealed fact with a figure in it, as the interviewer said it ("about 100 million ...")."""
    for fact_id in planner.state.revealed:
        fact = planner.fact(fact_id)
        if fact is not None and any(ch.isdigit() for ch in fact.answer):
            return fact.answer.rstrip(".").replace("About", "about", 1)
    return None


_DEEPER = "One level deeper: how would you know it had happened, and what does a user see while it recovers?"


def deeper(planner: Planner, obs: Observation) -> Move | None:
    """The turn answered a failure probe before it was asked (the only kind `answered_now` holds):
    one level deeper on their own words instead."""
    if obs.reading is None or not obs.answered_now:
        return None
    covered = obs.answered_now[0]
    key = f"deeper:{covered}"
    if key in planner.state.asked:
        return None
    entry = planner.state.ledger.entries.get(covered)
    return Move(
        kind="deeper",
        phase=obs.phase,
        key=key,
        covers=covered,
        echo=spoken_echo(obs.reading),
        topic=entry.topic if entry is not None else "that",
        question=_DEEPER,
    )


def queue_stances(planner: Planner, obs: Observation) -> None:
    """Triggered persona rules wait here until they can be asked (a challenge may take this turn)."""
    for rule_id in obs.rules:  # triggered again, a waiting rule counts as triggered now
        planner.state.stances[f"rule:{rule_id}"] = len(planner.state.candidate_text)


def stance(planner: Planner, obs: Observation) -> Move | None:
    """The waiting stance to ask now: one this turn triggered, else the oldest that can be asked."""
    st = planner.state
    everything = planner.everything()
    now = len(st.candidate_text)
    # What this turn triggered goes first (it refers to what they just said), then the oldest.
    for key in sorted(st.stances, key=lambda k: (st.stances[k] != now, st.stances[k])):
        if key.startswith(planner_board.PREFIX):  # the whiteboard's findings (engine/planner_board.py)
            fresh_followup = bool(obs.followups)  # what they just said comes before the board
            board_move = (
                None if key in st.asked or fresh_followup else planner_board.stance(planner, key, obs.phase)
            )
            if board_move is not None:
                return board_move
            continue
        if key.startswith(planner_handoffs.PREFIX):  # async paths and parties named in words
            handoff = None if key in st.asked else planner_handoffs.stance(planner, key, obs.phase)
            if handoff is not None:
                if st.stances.get(key) == now and obs.reading is not None:
                    handoff.echo = spoken_echo(obs.reading)
                else:
                    handoff.earlier = True
                return handoff
            continue
        rule = planner.rule(key.split(":", 1)[1])
        if key in st.asked or rule is None:
            st.stances.pop(key, None)
            continue
        if rule.unless and mentions(everything, rule.unless):
            continue  # they have since covered it (the queue is cleared on commit)
        if not planner.rule_in_phase(rule.id, obs.phase):
            continue
        move = Move(
            kind="rule",
            phase=obs.phase,
            key=key,
            question=planner.rule_question(rule),
            rule=rule.id,
            topic=rule_topic(rule.id),
        )
        if rule.id in NUMBER_STANCES:
            move.figure = planner.their_figure()
        hit = find_phrases(obs.reading.text, rule.when) if obs.reading else []
        if hit and st.stances[key] == len(st.candidate_text):
            move.echo = spoken_echo(obs.reading, near=hit[0].start) if obs.reading else ""
        else:
            move.earlier, move.raised_by = True, st.stance_echoes.get(key, "")
        return move
    return None


def trade_offs(planner: Planner, phase: str, reading: TurnReading | None = None) -> Move | None:
    """Once a session, in a design phase: two of the candidate's own choices, as a table."""
    st = planner.state
    if phase not in DESIGN_PHASES or "stance:trade_offs" in st.asked or st.design_turns < TABLE_OVERDUE:
        return None
    components = planner.components_named()
    if len(components) < 2:  # one choice, or none: after a design turn, the trade-off of their approach
        return _one_trade_off(phase, components[0] if components else None) if reading is not None else None
    said = {display_name(c) for c in (reading.components if reading else [])}
    now = [c for c in components if c in said]
    a = now[0] if now else components[-1]  # something they just said, against an earlier choice
    # Only alternatives of one kind go in one table (two stores, two queues), never "Postgres and counter".
    b = next((c for c in reversed(components) if c != a and kind_of(c) == kind_of(a) is not None), None)
    question = (
        f"Put {a} and {b} in a small table for me: for each, the alternative you rejected, what it buys you "
        "and what it costs. Which trade-off are you least sure of?"
        if b is not None
        else f"Put {a} in a small table for me: the alternatives you rejected for it, what each would buy "
        "you and what it would cost. Which trade-off are you least sure of?"
    )
    return Move(
        kind="trade_offs",
        phase=phase,
        key="stance:trade_offs",
        topic="trade-offs",
        echo=f"{a} and {b}" if b is not None else a,
        question=question,
    )


_KINDS = {
    "store": "postgres|postgresql|mysql|cassandra|dynamodb|mongodb|hbase|scylladb|sql|nosql|database|"
    "ledger|s3|"
    "object storage|blob store|elasticsearch|search index",
    "cache": "redis|memcached|cache|cdn",
    "queue": "kafka|sqs|rabbitmq|queue|message queue|stream|event bus|pub/sub",
    "compute": "microservice|monolith|kubernetes",
    "ids": "counter|sequence number|hash|base62",
    "limiter": "token bucket|leaky bucket|sliding window|rate limiter",
    "push": "websocket|long polling|push notification",
    "transactions": "saga|two-phase commit|outbox|event sourcing|cqrs",
    "routing": "load balancer|api gateway|gateway",
    "partitioning": "shard|sharding|partition|consistent hashing",
    "writes": "cache-aside|write-through",
}
_KIND_OF = {name: kind for kind, names in _KINDS.items() for name in names.split("|")}


def kind_of(component: str) -> str | None:
    """What kind of choice a component is (a store, a queue, a cache ...), for comparable pairs."""
    return _KIND_OF.get(component.lower())


def _one_trade_off(phase: str, choice: str | None) -> Move:
    """The trade-off question when the design names at most one component ("a MySQL table")."""
    named = choice if choice is None or choice[:1].isupper() else f"the {choice}"  # "MySQL", "the cache"
    question = (
        f"What is the trade-off in choosing {named}: which alternative did you reject, and what does "
        "each buy you and cost you?"
        if named
        else "What is the main trade-off in the approach you've described: what does it buy you, what "
        "does it cost, and what alternative did you weigh?"
    )
    return Move(
        kind="trade_offs",
        phase=phase,
        key="stance:trade_offs",
        topic="trade-offs",
        echo=choice or "",
        question=question,
    )
