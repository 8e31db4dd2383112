"""The whiteboard graph drawn as text: layered boxes and arrows (│ sync, ┆ async), then findings."""

from __future__ import annotations

from interview.understanding.diagram import Board, Edge, parse_board
from interview.understanding.diagram_rules import Finding, check

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
            placed.append((chunk, dict(zip(chunk, centres, strict=False))))
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
            down = [(i, e) for i, e in enumerate(board.edges) if e.src in centres and e.dst in below]
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
        bar[col] = (
            "┬"
            if len(bar) > 1 and bar.get(col) != "┴"
            else ("┼" if bar.get(col) == "┴" else drop.get(col, "│"))
        )
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


def describe(text: str) -> str:
    """The status line of a board given as text."""
    board = parse_board(text)
    return status(board, check(board))
