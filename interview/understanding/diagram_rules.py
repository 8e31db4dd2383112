"""The persona's stances as rules over the whiteboard graph; each finding names its node."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview.understanding.diagram import Board, Node, slug
from interview.understanding.diagram_kinds import (
    DLQ,
    IDEMPOTENCY,
    KIND_WORDS,
    REPLICATED_BY_DESIGN,
    infer_kind,
)

# ------------------------------------------------------------------ findings

FINDING_TITLES = {
    "spof": "single point of failure",
    "no_dlq": "no dead-letter queue",
    "cache_on_write": "cache on the write path",
    "no_balancer": "several app nodes with nothing in front",
    "db_no_replica": "database with no replica",
    "no_idempotency": "ledger write with no idempotency store",
}
_ON_REQUEST_PATH = ("load_balancer", "gateway", "service", "cache")
_WRITE_WORDS = re.compile(
    r"\b(write|writes|post|put|insert|update|save|store|persist|create|increment|incr)\b"
)


@dataclass
class Finding:
    """A graph rule the board breaks, naming its node."""

    kind: str
    node: str  # node id
    label: str  # the node as drawn ("Redis")
    question: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{slug(self.label)}"

    @property
    def title(self) -> str:
        return f"{FINDING_TITLES[self.kind]}: {self.label}"


def _request_path(board: Board) -> list[str]:
    """Nodes reached over sync edges from the clients (or from the boxes nothing points at)."""
    starts = [n.id for n in board.of_kind("client", "cdn")]
    if not starts:
        pointed = {e.dst for e in board.edges}
        starts = [n for n in board.nodes if n not in pointed and board.out(n)]
    outgoing: dict[str, list[str]] = {}
    for e in board.edges:
        if e.sync:
            outgoing.setdefault(e.src, []).append(e.dst)
    seen: dict[str, None] = {}
    stack = list(reversed(starts))
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen[n] = None
        stack.extend(reversed(outgoing.get(n, [])))
    return list(seen)


def _siblings(board: Board, node: Node) -> bool:
    """Another box like it behind the same balancer ("App A", "App B"): the two share the load."""
    first = node.label.lower().split()[0] if node.label.split() else ""
    for feed in board.into(node.id):
        if not feed.sync:
            continue
        balancer = board.nodes[feed.src].kind in ("load_balancer", "gateway")
        for e in board.out(feed.src):
            other = board.nodes[e.dst]
            if e.sync and other.id != node.id and other.kind == node.kind:
                if balancer or other.label.lower().split()[0] == first:
                    return True
    return False


def check(board: Board) -> list[Finding]:
    """The stances as graph rules; most serious first, each naming its node."""
    found: list[Finding] = []
    notes = "\n".join(board.notes).lower()
    path = _request_path(board)
    path_set = set(path)
    for nid in path:
        node = board.nodes[nid]
        if node.kind in _ON_REQUEST_PATH and node.single and not _siblings(board, node) and board.into(nid):
            found.append(
                Finding(
                    "spof",
                    nid,
                    node.label,
                    (
                        f"The {node.label} box is a single instance on the request path. "
                        f"What happens to requests when it dies at 3 a.m.?"
                    ),
                )
            )
    # Async edges whose failures have nowhere to go.
    has_dlq = any(n.dlq for n in board.nodes.values()) or bool(DLQ.search(notes))
    channels: dict[str, None] = {}
    for e in board.edges:
        if not e.sync:
            dst = board.nodes[e.dst]
            channel = e.dst if dst.kind == "queue" or board.nodes[e.src].kind != "queue" else e.src
            if not board.nodes[channel].dlq:
                channels.setdefault(channel, None)
    if not has_dlq:
        for nid in channels:
            node = board.nodes[nid]
            found.append(
                Finding(
                    "no_dlq",
                    nid,
                    node.label,
                    (f"This arrow into {node.label}: where do the messages go that fail every retry?"),
                )
            )
    # A cache the writes pass through on their way to the database.
    for node in board.of_kind("cache"):
        to_db = any(board.nodes[e.dst].kind == "database" for e in board.out(node.id) if e.sync)
        written = any(_WRITE_WORDS.search(e.label.lower()) for e in board.into(node.id))
        if to_db or written:
            found.append(
                Finding(
                    "cache_on_write",
                    node.id,
                    node.label,
                    (
                        f"Writes go through {node.label} on their way to the database. "
                        f"What happens to a write when {node.label} restarts before it reaches the database?"
                    ),
                )
            )
    # Several app boxes the clients reach directly.
    front = board.of_kind("load_balancer", "gateway", "cdn")
    apps = [n for n in board.of_kind("service") if n.id in path_set or not board.edges]
    fed_by_client = [n for n in apps if any(board.nodes[e.src].kind == "client" for e in board.into(n.id))]
    several = len(apps) >= 2 or any(n.replicas > 1 for n in apps)
    if several and not front and (fed_by_client or not board.of_kind("client")):
        target = next((n for n in fed_by_client or apps if n.replicas > 1), (fed_by_client or apps)[0])
        found.append(
            Finding(
                "no_balancer",
                target.id,
                target.shown,
                (
                    f"You have several {target.label} nodes. How does a client's request reach one of them, "
                    f"and what happens when one goes away?"
                ),
            )
        )
    # A database with no replica.
    for node in board.of_kind("database"):
        if node.idempotency or not node.single or REPLICATED_BY_DESIGN.search(node.label.lower()):
            continue
        replica = any(
            re.search(r"replica|standby|follower|secondary", board.nodes[e.dst].label.lower())
            for e in board.out(node.id)
        )
        if not replica:
            found.append(
                Finding(
                    "db_no_replica",
                    node.id,
                    node.label,
                    (
                        f"{node.label} is drawn as one database with no replica. "
                        f"What do you lose, and for how long, when its disk fails?"
                    ),
                )
            )
    # Payments: a ledger written with nothing that makes the write idempotent.
    has_idem = any(n.idempotency for n in board.nodes.values()) or bool(IDEMPOTENCY.search(notes))
    if not has_idem:
        for node in board.nodes.values():
            if node.ledger and board.into(node.id):
                found.append(
                    Finding(
                        "no_idempotency",
                        node.id,
                        node.label,
                        (
                            f"A client retries after a timeout: what stops {node.label} from recording "
                            f"the same payment twice? Nothing on the board holds idempotency keys."
                        ),
                    )
                )
    order = {
        k: i
        for i, k in enumerate(
            ("no_idempotency", "spof", "no_dlq", "cache_on_write", "db_no_replica", "no_balancer")
        )
    }
    return sorted(found, key=lambda f: order[f.kind])


_REDUNDANCY = re.compile(
    r"\b(two|three|2|3|pair|multiple|several|replicas?|replicated|standby|failover|fail over|redundant|"
    r"active[- ]active|cluster|clustered|sentinel|x\d|dead[- ]letter|dlq|parking[- ]lot|idempoten\w*|"
    r"write[- ](?:through|behind|around)|aof|wal|persist\w*|durable)\b"
)


def addressed(finding: Finding, board: Board, said: str) -> bool:
    """Whether a turn says in words what the board lacks: the node named beside a redundancy cue."""
    node = board.nodes.get(finding.node)
    names = {finding.label.lower()} | set(KIND_WORDS.get(node.kind, ()) if node else ())
    names -= {"service", "services", "app", "api", "server", "servers"} - {finding.label.lower()}
    pattern = re.compile("|".join(rf"\b{re.escape(n)}(e?s)?\b" for n in sorted(names, key=len, reverse=True)))
    for sentence in re.split(r"(?<=[.!?;])\s+|\n", said.lower()):
        if pattern.search(sentence) and _REDUNDANCY.search(sentence):
            return True
    return False


# ------------------------------------------------------------------ what was said but not drawn

_SAID_KINDS = ("cache", "queue", "database", "object_store", "cdn", "load_balancer", "gateway", "worker")


def missing_from_board(board: Board, components: list[str]) -> list[str]:
    """Components the candidate named in words that the board does not show (kind or name)."""
    if len(board.nodes) < 3:
        return []  # not a diagram yet: nothing to disagree with
    kinds = {n.kind for n in board.nodes.values()}
    labels = " ".join(n.label.lower() for n in board.nodes.values()) + " " + "\n".join(board.notes).lower()
    missing: list[str] = []
    for component in components:
        word = component.lower().strip()
        kind = infer_kind(word)
        if kind not in _SAID_KINDS or kind in kinds:
            continue
        head = word.split()[-1] if word.split() else word
        if re.search(rf"(?<!\w){re.escape(head)}", labels):
            continue
        missing.append(component)
    return missing
