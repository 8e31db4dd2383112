"""The whiteboard as a graph: a small text diagram language, node kinds, and graph findings.

Accepted (each line on its own; anything else stays a note, nothing ever raises):
- Mermaid flowchart lines: `A[Load balancer] --> B[App]`, `B -.-> Q[(Kafka)]` (async),
  `A -->|writes| B`, `A -- writes --> B`, `flowchart LR` / `graph TD` headers, `%%` comments.
- ASCII chains: `[Client] -> [LB] -> [App] -> [Redis] -> [DB]`, `Client --> API ~> Queue`.
- Counts: `App x3`, `3x App`, `App (3 nodes)`, `DB (primary + 2 replicas)`, in a label or alone.

`parse_board(text) -> Board`; `check(board) -> list[Finding]` (the persona's stances as graph
rules, each naming the node); `render(board, width)` draws the graph as layered boxes.
Linear in the size of the board (bench/whiteboard.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# ------------------------------------------------------------------ node kinds

KINDS = (
    "client", "load_balancer", "gateway", "service", "cache", "database", "queue",
    "worker", "object_store", "cdn", "external",
)  # fmt: skip

_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "client": ("client", "clients", "user", "users", "browser", "mobile", "ios", "android", "customer",
               "customers", "merchant", "merchants", "web client", "frontend", "caller", "callers"),
    "load_balancer": ("load balancer", "load-balancer", "loadbalancer", "lb", "alb", "elb", "nlb",
                      "haproxy", "nginx", "envoy", "balancer"),
    "gateway": ("gateway", "api gateway", "api gw", "gw", "ingress", "edge proxy", "reverse proxy", "proxy"),
    "cache": ("cache", "caches", "redis", "memcached", "memcache", "valkey", "elasticache", "hazelcast"),
    "database": ("db", "dbs", "database", "databases", "postgres", "postgresql", "pg", "mysql", "cassandra",
                 "dynamo", "dynamodb", "mongo", "mongodb", "sql", "rds", "aurora", "spanner", "cockroachdb",
                 "cockroach", "scylla", "bigtable", "table", "ledger", "datastore", "store", "sqlite",
                 "oracle", "mariadb", "hbase", "elasticsearch", "opensearch", "index"),
    "queue": ("queue", "queues", "kafka", "sqs", "rabbitmq", "rabbit", "kinesis", "pubsub", "pub/sub",
              "stream", "streams", "topic", "topics", "event bus", "bus", "nats", "pulsar", "sns", "log"),
    "worker": ("worker", "workers", "consumer", "consumers", "processor", "processors", "job", "jobs",
               "cron", "scheduler", "sender", "senders", "dispatcher", "fanout", "fan-out"),
    "object_store": ("s3", "blob", "blobs", "object store", "object storage", "gcs", "bucket", "buckets",
                     "blob store", "azure blob"),
    "cdn": ("cdn", "cloudfront", "akamai", "fastly", "edge cache", "edge"),
    "external": ("bank", "banks", "stripe", "paypal", "adyen", "psp", "payment provider", "card network",
                 "visa", "mastercard", "third party", "third-party", "external", "partner", "apns", "fcm",
                 "twilio", "sendgrid", "smtp", "sms provider", "email provider", "issuer", "acquirer"),
    "service": ("service", "services", "svc", "app", "apps", "api", "server", "servers", "backend",
                "application", "web server", "microservice", "shortener", "limiter", "handler"),
}
# Decisive words win outright; among the rest the last word of the label wins ("Kafka consumer"
# is a worker, "Job queue" a queue, "User DB" a database); generic service words come last.
_DECISIVE = ("external", "cdn", "object_store", "load_balancer", "gateway")
_REDUNDANT = re.compile(
    r"\b(cluster|clustered|replicated|replicas?|replica set|multi[- ]?az|multi[- ]?region|ha|"
    r"highly available|standby|failover|primary\s*[/+&]|leader\s*[/+&]|sentinel|pair|active[- ]active|"
    r"fleet|pool|autoscal\w*|asg|sharded|shards?)\b"
)
# Stores that replicate by design.
_REPLICATED_BY_DESIGN = re.compile(r"\b(dynamo(db)?|spanner|cassandra|cockroach(db)?|scylla|bigtable|cosmos)\b")
_DLQ = re.compile(r"\b(dlq|dead[- ]?letters?( queue)?|parking[- ]lot|poison( queue)?|retry queue)\b")
_IDEMPOTENCY = re.compile(r"\b(idempoten\w*|dedup\w*|de-dup\w*)\b")
_LEDGER = re.compile(r"\bledger\b")


def _word_index() -> tuple[re.Pattern[str], dict[str, str]]:
    owner: dict[str, str] = {}
    for kind, words in _KIND_WORDS.items():
        for w in words:
            owner.setdefault(w, kind)
    alternatives = "|".join(re.escape(w) for w in sorted(owner, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), owner


_KIND_RE, _KIND_OF = _word_index()


def infer_kind(label: str) -> str:
    """The kind of box a label names ("Redis" -> cache, "Bank API" -> external); default service."""
    text = label.lower()
    if _DLQ.search(text):
        return "queue"
    found = [_KIND_OF[m.group(0)] for m in _KIND_RE.finditer(text)]
    for kind in _DECISIVE:
        if kind in found:
            return kind
    specific = [k for k in found if k != "service"]
    if specific:
        return specific[-1]
    return "service"


# ------------------------------------------------------------------ the graph


@dataclass
class Node:
    """One box on the board."""

    id: str
    label: str
    kind: str
    replicas: int = 1  # as drawn or annotated; 1 when nothing says otherwise
    redundant: bool = False  # labelled a cluster / replicated / with a standby, or several replicas
    line: int = 0  # 0-based line where it first appears

    @property
    def dlq(self) -> bool:
        return bool(_DLQ.search(self.label.lower()))

    @property
    def idempotency(self) -> bool:
        return bool(_IDEMPOTENCY.search(self.label.lower()))

    @property
    def ledger(self) -> bool:
        return bool(_LEDGER.search(self.label.lower()))

    @property
    def single(self) -> bool:
        return self.replicas <= 1 and not self.redundant

    @property
    def shown(self) -> str:
        """The label as drawn, with its count ("App ×3")."""
        return f"{self.label} ×{self.replicas}" if self.replicas > 1 else self.label


@dataclass
class Edge:
    """An arrow between two boxes; `sync` False for async (dotted, into or out of a queue)."""

    src: str
    dst: str
    label: str = ""
    sync: bool = True
    line: int = 0


@dataclass
class Board:
    """The whiteboard read as a graph, with the lines that are not diagram kept as notes."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    diagram_lines: int = 0

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]

    def out(self, node_id: str) -> list[Edge]:
        return [e for e in self.edges if e.src == node_id]

    def into(self, node_id: str) -> list[Edge]:
        return [e for e in self.edges if e.dst == node_id]

    def of_kind(self, *kinds: str) -> list[Node]:
        return [n for n in self.nodes.values() if n.kind in kinds]

    def find(self, words: str) -> Node | None:
        """The node whose label or id holds these words (case-insensitive), if any."""
        needle = words.lower().strip()
        if not needle:
            return None
        for n in self.nodes.values():
            if needle == n.id.lower() or needle == n.label.lower():
                return n
        pattern = re.compile(rf"(?<!\w){re.escape(needle)}s?(?!\w)")
        for n in self.nodes.values():
            if pattern.search(n.label.lower()):
                return n
        return None

    @property
    def empty(self) -> bool:
        return not self.nodes


# ------------------------------------------------------------------ parsing

_ARROW = re.compile(
    r"\s*(?:"
    r"(?P<lbl1>--\s+[^-<>|]{1,40}?\s+-->)"  # A -- writes --> B
    r"|(?P<arrow><-+>|<=+>|<-\.+->|<-+|<=+|<\.+-*|-+\.+-*>?|\.{2,}>|~+>|=+>|-{1,}>|-{3,}|-\.-)"
    r")\s*(?:\|(?P<lbl2>[^|]{0,60})\|)?\s*"
)
_SHAPES = (
    ("[(", ")]"), ("((", "))"), ("([", "])"), ("[[", "]]"), ("[/", "/]"), ("[\\", "\\]"),
    ("{{", "}}"), ("[", "]"), ("(", ")"), ("{", "}"), (">", "]"),
)  # fmt: skip
_MERMAID_ID = re.compile(r"[A-Za-z_][\w-]*")
_HEADER = re.compile(r"^\s*(flowchart|graph)(\s+(TD|TB|BT|LR|RL))?\s*;?\s*$", re.I)
_IGNORED = re.compile(r"^\s*(%%.*|subgraph\b.*|end\s*|classDef\b.*|class\s+\S+.*|style\s+\S+.*|direction\s+\w+|```\w*)\s*$", re.I)
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_COUNT_AFTER = re.compile(r"\s*(?:[x×*]\s*(\d{1,3})|\(\s*[x×]\s*(\d{1,3})\s*\))\s*$", re.I)
_COUNT_BEFORE = re.compile(r"^\s*(\d{1,3})\s*(?:[x×*]\s*)", re.I)
_PAREN = re.compile(r"\s*\(([^()]{1,60})\)\s*$")
_INSTANCES = re.compile(r"(\d{1,3})\s*(?:nodes?|instances?|servers?|replicas?|copies|pods?|boxes|hosts?|shards?|brokers?|workers?)\b", re.I)
_PLUS_REPLICAS = re.compile(r"primary\s*(?:\+|and|with)\s*(\d{1,3})\s*(?:read\s+)?replicas?", re.I)
_HTML = re.compile(r"<[^>]{0,20}>")
_MAX_LINE = 400
_MAX_LABEL = 60
_MAX_WORDS = 4  # a bare-word box in an ASCII chain ("Payment service") is short


def _count(label: str) -> tuple[str, int, bool]:
    """Strip a count annotation: ("App x3") -> ("App", 3, False); ("DB (primary + 2 replicas)") -> ("DB", 3, True)."""
    replicas, redundant = 1, False
    m = _COUNT_AFTER.search(label)
    if m:
        replicas = int(m.group(1) or m.group(2))
        label = label[: m.start()]
    else:
        m = _COUNT_BEFORE.match(label)
        if m and label[m.end() :].strip():
            replicas = int(m.group(1))
            label = label[m.end() :]
    p = _PAREN.search(label)
    if p:
        inside = p.group(1)
        plus = _PLUS_REPLICAS.search(inside)
        inst = _INSTANCES.search(inside)
        if plus:
            replicas, redundant = 1 + int(plus.group(1)), True
        elif inst:
            replicas = int(inst.group(1))
        elif re.fullmatch(r"\s*[x×]?\s*(\d{1,3})\s*", inside):
            replicas = int(re.sub(r"\D", "", inside))
        if plus or inst or re.fullmatch(r"\s*[x×]?\s*\d{1,3}\s*", inside):
            label = label[: p.start()]
    label = label.strip()
    if _REDUNDANT.search(label.lower()) or (p and _REDUNDANT.search(p.group(1).lower())):
        redundant = True
    return label, max(1, min(replicas, 999)), redundant or replicas > 1


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:40] or "node"


def _node_token(token: str) -> tuple[str | None, str, bool] | None:
    """A node written in a line: (explicit id or None, label, shaped). None when it is not a node."""
    token = token.strip().strip(";,").strip()
    if not token:
        return None
    m = _MERMAID_ID.match(token)
    rest = token[m.end() :] if m else token
    node_id = m.group(0) if m else None
    if rest:
        for opener, closer in _SHAPES:
            if rest.startswith(opener) and rest.endswith(closer) and len(rest) > len(opener) + len(closer) - 1:
                label = rest[len(opener) : len(rest) - len(closer)].strip().strip('"').strip()
                if node_id is None and opener != "[":
                    return None
                return node_id, label, True
        if m is None:
            return None
        # "App x3" / "DB (primary + 2 replicas)": a bare-word box with a count annotation
        label = token
    else:
        label = token
    words = label.split()
    if not words or len(words) > _MAX_WORDS or not re.search(r"[A-Za-z]", label):
        return None
    if re.search(r"[.?!:;]\s|[.?!]$|,", label):
        return None  # a sentence, not a box
    return None, label, False


class _Builder:
    def __init__(self) -> None:
        self.board = Board()
        self._by_label: dict[str, str] = {}

    def node(self, node_id: str | None, raw_label: str, line: int, *, explicit: bool) -> str:
        raw_label = _HTML.sub(" ", raw_label)[: _MAX_LABEL * 2]
        label, replicas, redundant = _count(raw_label)
        label = " ".join(label.split())[:_MAX_LABEL] or (node_id or "node")
        b = self.board
        key = node_id if node_id is not None else self._by_label.get(label.lower())
        if key is None:
            # An ASCII box naming a Mermaid id ("A") or a label drawn before is the same box.
            if label in b.nodes:
                key = label
            else:
                key = _slug(label)
                while key in b.nodes and b.nodes[key].label.lower() != label.lower():
                    key += "_"
        existing = b.nodes.get(key)
        if existing is None:
            b.nodes[key] = Node(key, label, infer_kind(label), replicas, redundant, line)
            self._by_label.setdefault(label.lower(), key)
        else:
            if explicit and (existing.label == existing.id or label != key):
                existing.label, existing.kind = label, infer_kind(label)
                self._by_label.setdefault(label.lower(), key)
            existing.replicas = max(existing.replicas, replicas)
            existing.redundant = existing.redundant or redundant
        return key

    def count_line(self, text: str, line: int) -> bool:
        """A line that only annotates a count ("App x3", "DB (primary + 2 replicas)")."""
        label, replicas, redundant = _count(text)
        if label == text.strip() or not label:
            return False
        tok = _node_token(label)
        if tok is None:
            return False
        target = self.board.find(label)
        if target is None:
            self.node(None, text, line, explicit=False)
        else:
            target.replicas = max(target.replicas, replicas)
            target.redundant = target.redundant or redundant
        return True

    def line(self, raw: str, number: int) -> None:
        b = self.board
        text = _BULLET.sub("", raw[:_MAX_LINE]).strip()
        if not text:
            return
        if _HEADER.match(text) or _IGNORED.match(text):
            b.diagram_lines += 1
            return
        parts = self._split(text)
        if parts is not None:
            tokens, arrows = parts
            nodes = [_node_token(t) for t in tokens]
            if all(n is not None for n in nodes) and len(nodes) >= 2:
                ids = [self.node(n[0], n[1], number, explicit=n[2]) for n in nodes if n is not None]
                for (a, b_), (arrow, label) in zip(zip(ids, ids[1:]), arrows):
                    sync = not re.search(r"\.|~", arrow)
                    if arrow.startswith("<") and not arrow.endswith(">"):
                        a, b_ = b_, a
                    if re.search(r"\basync\b|publish|enqueue|event", label.lower()):
                        sync = False
                    b.edges.append(Edge(a, b_, label.strip(), sync, number))
                b.diagram_lines += 1
                return
        single = _node_token(text)
        if single is not None and single[2] and (single[0] is not None or text.startswith("[")):
            self.node(single[0], single[1], number, explicit=True)
            b.diagram_lines += 1
            return
        if self.count_line(text, number):
            b.diagram_lines += 1
            return
        b.notes.append(raw.rstrip())

    @staticmethod
    def _split(text: str) -> tuple[list[str], list[tuple[str, str]]] | None:
        tokens: list[str] = []
        arrows: list[tuple[str, str]] = []
        pos = 0
        depth_open = "[({"
        i = 0
        n = len(text)
        while i < n:
            ch = text[i]
            if ch in depth_open:  # skip a shaped label: arrows inside "[a -> b]" are text
                close = {"[": "]", "(": ")", "{": "}"}[ch]
                j = text.find(close, i + 1)
                if j == -1:
                    return None
                while j + 1 < n and text[j + 1] in ")]}":
                    j += 1
                i = j + 1
                continue
            if ch in "-<=.~":
                m = _ARROW.match(text, i)
                if m and (m.group("lbl1") or m.group("arrow")):
                    arrow = m.group("lbl1") or m.group("arrow")
                    if arrow in ("..",) or (arrow.startswith("-") and len(arrow) < 2):
                        i += 1
                        continue
                    label = m.group("lbl2") or ""
                    if m.group("lbl1"):
                        label = m.group("lbl1")[2:-3].strip()
                    tokens.append(text[pos:i])
                    arrows.append((arrow, label))
                    pos = i = m.end()
                    continue
            i += 1
        tokens.append(text[pos:])
        if not arrows:
            return None
        return tokens, arrows


def parse_board(text: str) -> Board:
    """Read the whiteboard: diagram lines become nodes and edges, every other line a note."""
    builder = _Builder()
    for number, raw in enumerate((text or "").splitlines()):
        try:
            builder.line(raw, number)
        except (ValueError, IndexError, KeyError, re.error):  # a line we cannot read stays a note
            builder.board.notes.append(raw.rstrip())
    board = builder.board
    for edge in board.edges:  # into or out of a queue is async by nature
        if board.nodes[edge.dst].kind == "queue" or board.nodes[edge.src].kind == "queue":
            edge.sync = False
    return board


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
_WRITE_WORDS = re.compile(r"\b(write|writes|post|put|insert|update|save|store|persist|create|increment|incr)\b")


@dataclass
class Finding:
    """A graph rule the board breaks, naming its node."""

    kind: str
    node: str  # node id
    label: str  # the node as drawn ("Redis")
    question: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{_slug(self.label)}"

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
    """Another box of the same kind fed by the same box: the two share the load."""
    feeders = {e.src for e in board.edges if e.dst == node.id}
    return any(
        e.src in feeders and e.dst != node.id and board.nodes[e.dst].kind == node.kind for e in board.edges
    )


def check(board: Board) -> list[Finding]:
    """The stances as graph rules; most serious first, each naming its node."""
    found: list[Finding] = []
    notes = "\n".join(board.notes).lower()
    path = _request_path(board)
    path_set = set(path)
    for nid in path:
        node = board.nodes[nid]
        if node.kind in _ON_REQUEST_PATH and node.single and not _siblings(board, node) and board.into(nid):
            found.append(Finding("spof", nid, node.label, (
                f"The {node.label} box is a single instance on the request path. "
                f"What happens to requests when it dies at 3 a.m.?")))  # fmt: skip
    # Async edges whose failures have nowhere to go.
    has_dlq = any(n.dlq for n in board.nodes.values()) or bool(_DLQ.search(notes))
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
            found.append(Finding("no_dlq", nid, node.label, (
                f"This arrow into {node.label}: where do the messages go that fail every retry?")))  # fmt: skip
    # A cache the writes pass through on their way to the database.
    for node in board.of_kind("cache"):
        to_db = any(board.nodes[e.dst].kind == "database" for e in board.out(node.id) if e.sync)
        written = any(_WRITE_WORDS.search(e.label.lower()) for e in board.into(node.id))
        if to_db or written:
            found.append(Finding("cache_on_write", node.id, node.label, (
                f"Writes go through {node.label} on their way to the database. "
                f"What happens to a write when {node.label} restarts before it reaches the database?")))  # fmt: skip
    # Several app boxes the clients reach directly.
    front = board.of_kind("load_balancer", "gateway", "cdn")
    apps = [n for n in board.of_kind("service") if n.id in path_set or not board.edges]
    fed_by_client = [
        n for n in apps if any(board.nodes[e.src].kind == "client" for e in board.into(n.id))
    ]
    several = len(apps) >= 2 or any(n.replicas > 1 for n in apps)
    if several and not front and (fed_by_client or not board.of_kind("client")):
        target = next((n for n in fed_by_client or apps if n.replicas > 1), (fed_by_client or apps)[0])
        found.append(Finding("no_balancer", target.id, target.shown, (
            f"You have several {target.label} nodes. How does a client's request reach one of them, "
            f"and what happens when one goes away?")))  # fmt: skip
    # A database with no replica.
    for node in board.of_kind("database"):
        if node.idempotency or not node.single or _REPLICATED_BY_DESIGN.search(node.label.lower()):
            continue
        replica = any(
            re.search(r"replica|standby|follower|secondary", board.nodes[e.dst].label.lower())
            for e in board.out(node.id)
        )
        if not replica:
            found.append(Finding("db_no_replica", node.id, node.label, (
                f"{node.label} is drawn as one database with no replica. "
                f"What do you lose, and for how long, when its disk fails?")))  # fmt: skip
    # Payments: a ledger written with nothing that makes the write idempotent.
    has_idem = any(n.idempotency for n in board.nodes.values()) or bool(_IDEMPOTENCY.search(notes))
    if not has_idem:
        for node in board.nodes.values():
            if node.ledger and board.into(node.id):
                found.append(Finding("no_idempotency", node.id, node.label, (
                    f"A client retries after a timeout: what stops {node.label} from recording "
                    f"the same payment twice? Nothing on the board holds idempotency keys.")))  # fmt: skip
    order = {k: i for i, k in enumerate(("no_idempotency", "spof", "no_dlq", "cache_on_write", "db_no_replica", "no_balancer"))}
    return sorted(found, key=lambda f: order[f.kind])


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


# ------------------------------------------------------------------ drawing


def _layers(board: Board) -> list[list[str]]:
    """Longest-path layers over the edges (a cycle's back edge is ignored); isolated nodes last."""
    order = list(board.nodes)
    incoming: dict[str, list[str]] = {n: [] for n in order}
    for e in board.edges:
        incoming[e.dst].append(e.src)
    level: dict[str, int] = {}
    visiting: set[str] = set()
    for start in order:
        if start in level:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:  # iterative depth-first: a 200-line board never hits the recursion limit
            nid, i = stack.pop()
            preds = incoming[nid]
            if i == 0:
                visiting.add(nid)
            while i < len(preds) and (preds[i] in level or preds[i] in visiting):
                i += 1
            if i < len(preds):
                stack.append((nid, i + 1))
                stack.append((preds[i], 0))
                continue
            level[nid] = 1 + max((level[p] for p in preds if p in level), default=-1)
            visiting.discard(nid)
    connected = {e.src for e in board.edges} | {e.dst for e in board.edges}
    rows: dict[int, list[str]] = {}
    lone: list[str] = []
    for nid in order:
        if nid in connected:
            rows.setdefault(level[nid], []).append(nid)
        else:
            lone.append(nid)
    layers = [rows[k] for k in sorted(rows)]
    if lone:
        layers.append(lone)
    return layers


def _box_row(labels: list[str], width: int) -> tuple[list[str], list[int]]:
    """Boxes side by side; returns the three lines and each box's centre column."""
    top, mid, bot, centres = "", "", "", []
    for label in labels:
        inner = label[: max(4, width - 4)]
        w = len(inner) + 2
        if top:
            top, mid, bot = top + "  ", mid + "  ", bot + "  "
        centres.append(len(top) + (w + 2) // 2)
        top += "┌" + "─" * w + "┐"
        mid += "│ " + inner + " │"
        bot += "└" + "─" * w + "┘"
    return [top, mid, bot], centres


def _marks(width: int, columns: dict[int, str]) -> str:
    cells = [" "] * (max(columns, default=0) + 1)
    for col, ch in columns.items():
        cells[col] = ch
    return "".join(cells).rstrip()[:width]


def render(board: Board, width: int = 78, findings: list[Finding] | None = None) -> str:
    """The graph as layered boxes and arrows (│ sync, ┆ async), then the findings."""
    width = max(20, width)
    if board.empty:
        return "(no diagram yet: draw with lines like  [Client] -> [LB] -> [App] -> [DB])"
    lines: list[str] = []
    where: dict[str, int] = {}  # node -> layer
    placed: list[tuple[list[str], dict[str, int]]] = []  # per visual row: ids and centres
    for depth, layer in enumerate(_layers(board)):
        chunk: list[str] = []
        for nid in layer + [""]:
            labels = [board.nodes[x].shown for x in chunk + ([nid] if nid else [])]
            if nid and (not chunk or len(_box_row(labels, width)[0][0]) <= width):
                chunk.append(nid)
                continue
            rows, centres = _box_row([board.nodes[x].shown for x in chunk], width)
            placed.append((chunk, dict(zip(chunk, centres))))
            for x in chunk:
                where[x] = len(placed) - 1
            chunk = [nid] if nid else []
        del depth
    drawn: set[int] = set()
    widest = max(len(_box_row([board.nodes[x].shown for x in chunk], width)[0][0]) for chunk, _ in placed)
    for chunk, centres in placed:  # every row centred on one axis: a chain runs straight down
        shift = (widest - len(_box_row([board.nodes[x].shown for x in chunk], width)[0][0])) // 2
        for x in centres:
            centres[x] += shift
    for index, (chunk, centres) in enumerate(placed):
        rows, _ = _box_row([board.nodes[x].shown for x in chunk], width)
        shift = (widest - len(rows[0])) // 2
        lines.extend(" " * shift + row for row in rows)
        if index + 1 < len(placed):
            below = placed[index + 1][1]
            down = [
                (i, e) for i, e in enumerate(board.edges) if e.src in centres and e.dst in below
            ]
            if down:
                lines.extend(_connectors(centres, below, [e for _, e in down], width))
                drawn.update(i for i, _ in down)
                sources = {e.src for _, e in down}
                if len(sources) > 1 and len(down) > len(sources):  # fans that cross: say them
                    lines.append(_edge_text(board, [e for _, e in down], width, "  "))
            else:
                lines.append("")
    rest = [e for i, e in enumerate(board.edges) if i not in drawn]
    if rest:
        lines.append("")
        lines.append(_edge_text(board, rest, width, "also: "))
    if findings:
        lines.append("")
        lines.extend(f"! {f.title}"[:width] for f in findings)
    return "\n".join(line.rstrip() for line in lines)


def _connectors(above: dict[str, int], below: dict[str, int], edges: list[Edge], width: int) -> list[str]:
    """Three lines of arrows from the boxes above to the boxes below (│ sync, ┆ async, a bar to fan out)."""
    drop: dict[int, str] = {}
    bar: dict[int, str] = {}
    heads: dict[int, str] = {}
    for e in edges:
        a, b = above[e.src], below[e.dst]
        drop[a] = "│" if e.sync and drop.get(a, "│") == "│" else "┆"
        lo, hi = min(a, b), max(a, b)
        for col in range(lo, hi + 1):
            if col not in bar or bar[col] in "─┄":
                bar[col] = "─" if e.sync else "┄"
        heads[b] = "▼"
    for col in drop:
        bar[col] = "┴" if len(bar) > 1 else drop[col]
    for col in heads:
        bar[col] = "┬" if len(bar) > 1 and bar.get(col) != "┴" else ("┼" if bar.get(col) == "┴" else drop.get(col, "│"))
    if len(bar) == 1 or set(bar) == set(drop) == set(heads):
        return [_marks(width, drop), _marks(width, heads)]
    return [_marks(width, drop), _marks(width, bar), _marks(width, heads)]


def _edge_text(board: Board, edges: list[Edge], width: int, lead: str) -> str:
    parts = []
    for e in edges:
        arrow = " → " if e.sync else " ⇢ "
        label = f" ({e.label})" if e.label else ""
        parts.append(f"{board.nodes[e.src].label}{arrow}{board.nodes[e.dst].label}{label}")
    out, line = [], lead
    for part in parts:
        piece = part if line.strip() == lead.strip() else "; " + part
        if len(line) + len(piece) > width and line.strip():
            out.append(line)
            line = " " * len(lead) + part
        else:
            line += piece
    out.append(line)
    return "\n".join(out)


def status(board: Board, findings: list[Finding]) -> str:
    """One line for the pane: "6 nodes · 5 edges · 2 findings"."""
    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    return " · ".join([n(len(board.nodes), "node"), n(len(board.edges), "edge"), n(len(findings), "finding")])
