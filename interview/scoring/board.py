"""The final whiteboard as evidence: it is quoted, it counts toward grades, its open findings are reported.

`read(record, events)` turns the final board into `BoardEvidence`; `analyse` puts it on the
Evidence so the criteria count it (high-level design: the component kinds drawn on connected
boxes and a drawn request path; reliability: what is drawn redundant, less a deduction for each
finding never addressed; concepts: a concept drawn as a box is "drawn", a little credit, never
"explained" — a reason still has to be said). Only boxes joined by an arrow count, so a column of
keywords earns nothing. `apply(report, board)` adds the quotes ("whiteboard"), a `board_finding`
flag per open finding and `extra["board"]`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from interview.engine.records import Event, SessionRecord
from interview.scoring.report import Flag, Quote, Report
from interview.text.matching import mentions
from interview.understanding.diagram import Board, parse_board
from interview.understanding.diagram_rules import Finding, addressed, check

SOURCE = "whiteboard"
_MAX_QUOTE = 160
DRAWN_CREDIT = 0.15
"""Concept credit for a box on the board that no sentence explains: drawn, not argued."""
REDUNDANCY_WEIGHT = 0.5
"""A drawn replica set, dead-letter queue or idempotency store counts half a failure explanation."""
FINDING_POINTS = 0.25
FINDING_CAP = 0.75
"""Reliability points lost per finding left open on the board, and at most."""

KIND_NAMES = {
    "load_balancer": "load balancer",
    "gateway": "gateway",
    "service": "service",
    "cache": "cache",
    "database": "database",
    "queue": "queue",
    "worker": "workers",
    "object_store": "object storage",
    "cdn": "cdn",
}
"""Diagram kinds as the scorer's component names (scoring/signals.COMPONENTS); clients and external
parties are not components of the design."""


@dataclass(slots=True)
class BoardEvidence:
    """What the final board shows, for the criteria."""

    board: Board
    findings: list[Finding] = field(default_factory=list)
    unanswered: list[Finding] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)  # component kinds on boxes joined by an arrow
    path: list[str] = field(default_factory=list)  # the drawn request path, as shown
    redundant: list[str] = field(default_factory=list)  # replicated boxes, DLQs, idempotency stores

    @property
    def labels(self) -> list[str]:
        """Labels of the boxes joined by an arrow."""
        return [self.board.nodes[n].label for n in _connected(self.board)]


def _connected(board: Board) -> list[str]:
    ids = {e.src for e in board.edges} | {e.dst for e in board.edges}
    return [n for n in board.nodes if n in ids]


def _path(board: Board) -> list[str]:
    """The longest chain of sync arrows from the first box, as shown ("App ×3")."""
    out: dict[str, list[str]] = {}
    for e in board.edges:
        if e.sync:
            out.setdefault(e.src, []).append(e.dst)
    if not out:
        return []
    pointed = {e.dst for e in board.edges}
    start = next((n for n in board.nodes if n not in pointed and n in out), next(iter(out)))
    chain, seen = [start], {start}
    while chain[-1] in out:
        nxt = next((n for n in out[chain[-1]] if n not in seen), None)
        if nxt is None:
            break
        chain.append(nxt)
        seen.add(nxt)
    return [board.nodes[n].shown for n in chain]


def _redundancy(board: Board, connected: list[str]) -> list[str]:
    nodes = [board.nodes[n] for n in connected]
    parts = [n.shown + (" (replicated)" if n.replicas <= 1 else "") for n in nodes if not n.single]
    parts += [n.label for n in nodes if n.dlq or n.idempotency]
    return list(dict.fromkeys(parts))


def unanswered(board: Board, findings: list[Finding], events: list[Event]) -> list[Finding]:
    """Findings no candidate turn addressed (the board itself no longer shows the fixed ones)."""
    said = [e.text for e in events if e.role == "candidate" and e.kind == "answer"]
    return [f for f in findings if not any(addressed(f, board, text) for text in said)]


def read(record: SessionRecord, events: list[Event]) -> BoardEvidence | None:
    """The final board as evidence, or None when nothing on it is a diagram."""
    board = parse_board(record.whiteboard)
    if board.empty:
        return None
    findings = check(board)
    connected = _connected(board)
    kinds = {KIND_NAMES[board.nodes[n].kind] for n in connected if board.nodes[n].kind in KIND_NAMES}
    return BoardEvidence(
        board=board,
        findings=findings,
        unanswered=unanswered(board, findings, events),
        kinds=kinds,
        path=_path(board),
        redundant=_redundancy(board, connected),
    )


def drawn_concepts(evidence: BoardEvidence, phrases: dict[str, list[str]]) -> set[str]:
    """Ids of the concepts whose phrases name a box joined by an arrow."""
    labels = evidence.labels
    return {cid for cid, words in phrases.items() if any(mentions(label, words) for label in labels)}


def apply(report: Report, evidence: BoardEvidence | None) -> None:
    """Add the whiteboard's quotes, open findings and counts to a report (in place)."""
    if evidence is None:
        return
    quotes = {
        "high_level_design": " → ".join(evidence.path) if len(evidence.path) > 1 else "",
        "reliability": ", ".join(evidence.redundant),
    }
    for criterion in report.criteria:
        text = quotes.get(criterion.id, "")
        if text:
            quote = Quote(turn=-1, quote=text[:_MAX_QUOTE], source=SOURCE)
            criterion.evidence.insert(1, quote)  # beside the best
    report.flags.extend(
        Flag(kind="board_finding", message=f"{f.title} (on the whiteboard, never addressed)")
        for f in evidence.unanswered
    )
    report.extra["board"] = {
        "nodes": len(evidence.board.nodes),
        "edges": len(evidence.board.edges),
        "findings": [f.title for f in evidence.findings],
        "unanswered": [f.title for f in evidence.unanswered],
        "kinds": sorted(evidence.kinds),
    }
