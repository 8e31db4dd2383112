"""Time to read a whiteboard: parse + graph rules (+ the drawn view) on a 200-line board.

Run:  .venv/bin/python bench/whiteboard.py [--lines 200] [--repeat 50]

The board mixes Mermaid lines, ASCII chains, count annotations, notes and malformed lines
(what a candidate types over 45 minutes). Prints the median and worst time of
`parse_board` + `check` (the pane does this on every keystroke; target < 10 ms for 200
lines) and of `render` (shown with F3, in the report and the export).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interview.understanding import diagram  # noqa: E402
from interview.understanding.diagram import parse_board  # noqa: E402
from interview.understanding.diagram_kinds import infer_kind  # noqa: E402
from interview.understanding.diagram_render import render  # noqa: E402
from interview.understanding.diagram_rules import check  # noqa: E402

PATTERNS = [
    "S{i}[Service {i}] --> D{i}[(Postgres {i})]",
    "[Gateway] -> [Service {i}] -.-> [Queue {i}]",
    "Q{i}[(Kafka {i})] -->|events| W{i}[Worker {i}]",
    "Service {i} x3",
    "Postgres {i} (primary + 2 replicas)",
    "Note {i}: reads dominate writes, so cache the hot keys in Redis.",
    "[Client] -> [CDN] -> [LB] -> [Gateway]",
    "A{i}[broken --> ",
    "[Service {i}] -> [Redis {i}] -> [Postgres {i}]",
    "- the worker retries {i} times with backoff",
]


def board(lines: int) -> str:
    return "\n".join(PATTERNS[i % len(PATTERNS)].format(i=i // len(PATTERNS)) for i in range(lines))


def timed(fn, repeat: int) -> list[float]:  # noqa: ANN001
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    text = board(args.lines)
    parse_board(text)  # warm: patterns compiled
    b = parse_board(text)
    findings = check(b)
    read = timed(lambda: check(parse_board(text)), args.repeat)
    def cold() -> None:  # nothing cached: every label read for the first time
        for fn in (diagram._count, diagram._node_token, infer_kind):
            fn.cache_clear()
        check(parse_board(text))

    first = timed(cold, args.repeat)
    drawn = timed(lambda: render(parse_board(text), 78, check(parse_board(text))), args.repeat)
    print(
        f"board: {args.lines} lines, {len(b.nodes)} nodes, {len(b.edges)} edges, {len(findings)} findings, "
        f"{len(b.notes)} notes"
    )
    print(
        f"parse + check: median {statistics.median(read):.2f} ms, worst {max(read):.2f} ms (target < 10 ms)"
    )
    print(f"parse + check, cold caches: median {statistics.median(first):.2f} ms, worst {max(first):.2f} ms")
    print(f"parse + check + render: median {statistics.median(drawn):.2f} ms, worst {max(drawn):.2f} ms")
    for n in (400, 800, 1600):  # linear: doubling the board about doubles the time
        t = board(n)
        print(f"  {n} lines: {statistics.median(timed(lambda t=t: check(parse_board(t)), 10)):.2f} ms")


if __name__ == "__main__":
    main()
