"""The final whiteboard as evidence: quoted as "whiteboard"; findings never addressed go in the report.

`apply(report, record, events)` adds to a report (the offline scorer calls it, so the judge's
report carries it too): a quote of the drawn request path for high-level design, a quote of
what is drawn redundant (replicas, a dead-letter queue, an idempotency store) for reliability,
a `board_finding` flag per finding the candidate never addressed in words or by redrawing, and
`extra["board"]` (nodes, edges, findings, unanswered).
"""

from __future__ import annotations

from interview.engine.records import Event, SessionRecord
from interview.scoring.report import Flag, Quote, Report
from interview.understanding.diagram import Board, parse_board
from interview.understanding.diagram_rules import Finding, addressed, check

SOURCE = "whiteboard"
_MAX_QUOTE = 160


def _path(board: Board) -> str:
    """The longest chain of sync arrows from the first box, as "Client → LB → App ×3 → DB"."""
    out: dict[str, list[str]] = {}
    for e in board.edges:
        if e.sync:
            out.setdefault(e.src, []).append(e.dst)
    pointed = {e.dst for e in board.edges}
    start = next((n for n in board.nodes if n not in pointed and n in out), next(iter(board.nodes)))
    chain, seen = [start], {start}
    while chain[-1] in out:
        nxt = next((n for n in out[chain[-1]] if n not in seen), None)
        if nxt is None:
            break
        chain.append(nxt)
        seen.add(nxt)
    return " → ".join(board.nodes[n].shown for n in chain)


def _redundancy(board: Board) -> str:
    parts = [
        n.shown + (" (replicated)" if n.replicas <= 1 else "") for n in board.nodes.values() if not n.single
    ]
    parts += [n.label for n in board.nodes.values() if n.dlq or n.idempotency]
    return ", ".join(dict.fromkeys(parts))


def unanswered(board: Board, findings: list[Finding], events: list[Event]) -> list[Finding]:
    """Findings no candidate turn addressed (the board itself no longer shows the fixed ones)."""
    said = [e.text for e in events if e.role == "candidate" and e.kind == "answer"]
    return [f for f in findings if not any(addressed(f, board, text) for text in said)]


def apply(report: Report, record: SessionRecord, events: list[Event]) -> None:
    """Add the whiteboard's evidence, findings and counts to a report (in place)."""
    board = parse_board(record.whiteboard)
    if board.empty:
        return
    findings = check(board)
    left = unanswered(board, findings, events)
    quotes = {"high_level_design": _path(board) if board.edges else "", "reliability": _redundancy(board)}
    for criterion in report.criteria:
        text = quotes.get(criterion.id, "")
        if text:
            criterion.evidence.insert(
                1, Quote(turn=-1, quote=text[:_MAX_QUOTE], source=SOURCE)
            )  # beside the best
    report.flags.extend(
        Flag(kind="board_finding", message=f"{f.title} (on the whiteboard, never addressed)") for f in left
    )
    report.extra["board"] = {
        "nodes": len(board.nodes),
        "edges": len(board.edges),
        "findings": [f.title for f in findings],
        "unanswered": [f.title for f in left],
    }
