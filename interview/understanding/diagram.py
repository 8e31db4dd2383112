"""The whiteboard as a graph: a small text diagram language, node kinds, and graph findings.

Accepted (each line on its own; anything else stays a note, nothing ever raises):
- Mermaid flowchart lines: `A[Load balancer] --> B[App]`, `B -.-> Q[(Kafka)]` (async),
  `A -->|writes| B`, `A -- writes --> B`, `flowchart LR` / `graph TD` headers, `%%` comments.
- ASCII chains: `[Client] -> [LB] -> [App] -> [Redis] -> [DB]`, `Client --> API ~> Queue`.
- Counts: `App x3`, `3x App`, `App (3 nodes)`, `DB (primary + 2 replicas)`, in a label or alone.

`parse_board(text) -> Board` here; `diagram_rules.check(board) -> list[Finding]` (the persona's
stances as graph rules, each naming the node); `diagram_render.render(board, width)` draws the
graph as layered boxes. Linear in the size of the board (bench/whiteboard.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from interview.understanding.diagram_kinds import DLQ, IDEMPOTENCY, LEDGER, REDUNDANT, infer_kind

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
        return bool(DLQ.search(self.label.lower()))

    @property
    def idempotency(self) -> bool:
        return bool(IDEMPOTENCY.search(self.label.lower()))

    @property
    def ledger(self) -> bool:
        return bool(LEDGER.search(self.label.lower()))

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
        return self._index()[0].get(node_id, [])

    def into(self, node_id: str) -> list[Edge]:
        return self._index()[1].get(node_id, [])

    def _index(self) -> tuple[dict[str, list[Edge]], dict[str, list[Edge]]]:
        """Edges by source and by destination, built once per edge count (the graph only grows)."""
        cached = self.__dict__.get("_edges_by")
        if cached is None or cached[0] != len(self.edges):
            by_src: dict[str, list[Edge]] = {}
            by_dst: dict[str, list[Edge]] = {}
            for e in self.edges:
                by_src.setdefault(e.src, []).append(e)
                by_dst.setdefault(e.dst, []).append(e)
            cached = (len(self.edges), by_src, by_dst)
            self.__dict__["_edges_by"] = cached
        return cached[1], cached[2]

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
_IGNORED = re.compile(
    r"^\s*(%%.*|subgraph\b.*|end\s*|classDef\b.*|class\s+\S+.*|style\s+\S+.*|direction\s+\w+|```\w*)\s*$",
    re.I,
)
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_COUNT_AFTER = re.compile(r"\s*(?:[x×*]\s*(\d{1,3})|\(\s*[x×]\s*(\d{1,3})\s*\))\s*$", re.I)
_COUNT_BEFORE = re.compile(r"^\s*(\d{1,3})\s*(?:[x×*]\s*)", re.I)
_PAREN = re.compile(r"\s*\(([^()]{1,60})\)\s*$")
_INSTANCES = re.compile(
    r"(\d{1,3})\s*(?:nodes?|instances?|servers?|replicas?|copies|pods?|boxes|hosts?|shards?|brokers?|workers?)\b",
    re.I,
)
_PLUS_REPLICAS = re.compile(r"primary\s*(?:\+|and|with)\s*(\d{1,3})\s*(?:read\s+)?replicas?", re.I)
_HTML = re.compile(r"<[^>]{0,20}>")
_TRAILING_COMMENT = re.compile(r"(?<=\S)\s+%%.*$")  # `A --> B  %% why`
_BARE_COUNT = re.compile(r"\s*[x×]?\s*(\d{1,3})\s*")
_NESTED = re.compile(r"[\[\]]|-->|->")
_LETTER = re.compile(r"[A-Za-z]")
_SENTENCE = re.compile(r"[.?!:;]\s|[.?!]$|,")
_MAX_LINE = 400
_MAX_LABEL = 60
_MAX_WORDS = 4  # a bare-word box in an ASCII chain ("Payment service") is short


@lru_cache(maxsize=4096)
def _count(label: str) -> tuple[str, int, bool]:
    """Strip a count: "App x3" -> ("App", 3, True); "DB (primary + 2 replicas)" -> ("DB", 3, True)."""
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
        elif _BARE_COUNT.fullmatch(inside):
            replicas = int(re.sub(r"\D", "", inside))
        if plus or inst or _BARE_COUNT.fullmatch(inside):
            label = label[: p.start()]
    label = label.strip()
    if REDUNDANT.search(label.lower()) or (p and REDUNDANT.search(p.group(1).lower())):
        redundant = True
    return label, max(1, min(replicas, 999)), redundant or replicas > 1


def slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:40] or "node"


@lru_cache(maxsize=4096)
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
            if (
                rest.startswith(opener)
                and rest.endswith(closer)
                and len(rest) > len(opener) + len(closer) - 1
            ):
                label = rest[len(opener) : len(rest) - len(closer)].strip().strip('"').strip()
                if (node_id is None and not opener.startswith("[")) or not label or _NESTED.search(label):
                    return None
                return node_id, label, True
        if m is None:
            return None
        # "App x3" / "DB (primary + 2 replicas)": a bare-word box with a count annotation
        label = token
    else:
        label = token
    words = label.split()
    if not words or len(words) > _MAX_WORDS or not _LETTER.search(label):
        return None
    if _SENTENCE.search(label):
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
                key = slug(label)
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
        b = self.board
        exact = self._by_label.get(label.lower())
        target = b.nodes.get(exact) if exact else b.nodes.get(label) or b.find(label)
        if target is None:
            self.node(None, text, line, explicit=False)
        else:
            target.replicas = max(target.replicas, replicas)
            target.redundant = target.redundant or redundant
        return True

    def line(self, raw: str, number: int) -> None:
        b = self.board
        text = _TRAILING_COMMENT.sub("", _BULLET.sub("", raw[:_MAX_LINE])).strip()
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
                for (a, b_), (arrow, label) in zip(zip(ids, ids[1:], strict=False), arrows, strict=False):
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
