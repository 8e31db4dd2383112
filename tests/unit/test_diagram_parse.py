"""The whiteboard's diagram language: what candidates type becomes boxes and arrows; the rest stays notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.understanding.diagram import Board, parse_board
from interview.understanding.diagram_kinds import infer_kind


def edges(board: Board) -> list[tuple[str, str, bool]]:
    """Edges by label: (from, to, sync)."""
    return [(board.nodes[e.src].label, board.nodes[e.dst].label, e.sync) for e in board.edges]


def kinds(board: Board) -> dict[str, str]:
    return {n.label: n.kind for n in board.nodes.values()}


# (board text, expected edges as (from label, to label, sync), expected notes count)
DIAGRAMS: list[tuple[str, list[tuple[str, str, bool]], int]] = [
    # Mermaid
    ("A[Load balancer] --> B[App]", [("Load balancer", "App", True)], 0),
    ("flowchart LR\nA[Client] --> B[API]", [("Client", "API", True)], 0),
    (
        "graph TD\n  A[Client] --> B[API]\n  B --> C[(Postgres)]",
        [("Client", "API", True), ("API", "Postgres", True)],
        0,
    ),
    ("B[App] -.-> Q[(Kafka)]", [("App", "Kafka", False)], 0),
    ("A[App] -->|writes| D[(DB)]", [("App", "DB", True)], 0),
    ("A[App] -- reads --> D[(DB)]", [("App", "DB", True)], 0),
    ("A[Client] --> B[LB] --> C[App]", [("Client", "LB", True), ("LB", "App", True)], 0),
    ("A[Client]\nB[LB]\nA --> B", [("Client", "LB", True)], 0),
    ("A((User)) --> B{Router}", [("User", "Router", True)], 0),
    ("A([Web]) ==> B[[Gateway]]", [("Web", "Gateway", True)], 0),
    ("A[App] --- B[Cache]", [("App", "Cache", True)], 0),
    ("A[App] -.- B[Audit log]", [("App", "Audit log", False)], 0),
    ("%% a comment\nA[App] --> B[DB]", [("App", "DB", True)], 0),
    ("subgraph region\nA[App] --> B[DB]\nend", [("App", "DB", True)], 0),
    ("A[App];\nA --> B[DB];", [("App", "DB", True)], 0),
    ('A["Payment service"] --> B["Bank API"]', [("Payment service", "Bank API", True)], 0),
    ("```mermaid\nflowchart LR\nA[App] --> B[DB]\n```", [("App", "DB", True)], 0),
    ("A[App<br/>stateless] --> B[DB]", [("App stateless", "DB", True)], 0),
    ("A[App] <-- B[Worker]", [("Worker", "App", True)], 0),
    ("A[App] -->|publish| Q[Events]", [("App", "Events", False)], 0),
    # ASCII chains
    (
        "[Client] -> [LB] -> [App] -> [Redis] -> [DB]",
        [("Client", "LB", True), ("LB", "App", True), ("App", "Redis", True), ("Redis", "DB", True)],
        0,
    ),
    ("Client -> API -> Postgres", [("Client", "API", True), ("API", "Postgres", True)], 0),
    ("[App] ~> [Kafka] -> [Worker]", [("App", "Kafka", False), ("Kafka", "Worker", False)], 0),
    ("[App] ..> [Email provider]", [("App", "Email provider", False)], 0),
    ("[App] => [DB]", [("App", "DB", True)], 0),
    ("- [Client] -> [CDN]\n- [CDN] -> [S3]", [("Client", "CDN", True), ("CDN", "S3", True)], 0),
    (
        "1. Client -> Gateway\n2. Gateway -> Orders service",
        [("Client", "Gateway", True), ("Gateway", "Orders service", True)],
        0,
    ),
    ("[Payment service] -> [Ledger DB]", [("Payment service", "Ledger DB", True)], 0),
    ("[API] <-> [Session cache]", [("API", "Session cache", True)], 0),
    ("[Client] --> [App x3]", [("Client", "App", True)], 0),
    ("[Client]->[LB]->[App]", [("Client", "LB", True), ("LB", "App", True)], 0),
    # mixed with notes
    ("Reads dominate, 100:1.\n[Client] -> [App]\nWe cache hot links.", [("Client", "App", True)], 2),
    ("Notes: use base62 ids.\nA[App] --> B[(DB)]", [("App", "DB", True)], 1),
    ("The write path: client sends a POST, we store it, and return 201.", [], 1),
    ("Requirements:\n- 100M urls/month\n- 5 years\n[App] -> [DB]", [("App", "DB", True)], 3),
    ("I think the app server -> the db is fine, because it is simple and fast enough.", [], 1),
    ("Redis is great.\nApp -> Redis", [("App", "Redis", True)], 1),
    # malformed: never crash, stay notes
    ("A[App --> B", [], 1),
    ("-->", [], 1),
    ("[ ] -> [ ]", [], 1),
    ("A[App] -->", [], 1),
    ("[[[[[[", [], 1),
    ("a" * 5000, [], 1),
    ("\x1b]0;title\x07 -> [x]", [], 1),
    ("A[(DB)] --> \u202e[App]", [], 1),
    ("-> -> ->", [], 1),
    ("", [], 0),
]


@pytest.mark.parametrize(("text", "expected", "notes"), DIAGRAMS, ids=[str(i) for i in range(len(DIAGRAMS))])
def test_each_diagram_reads_as_drawn(text: str, expected: list[tuple[str, str, bool]], notes: int) -> None:
    board = parse_board(text)
    assert edges(board) == expected
    assert len(board.notes) == notes, board.notes


def test_there_are_at_least_forty_diagrams() -> None:
    assert len(DIAGRAMS) >= 40


def test_a_mermaid_id_used_again_is_the_same_box() -> None:
    board = parse_board("A[Client] --> B[LB]\nB --> C[App]\nC --> D[(DB)]\nB --> E[App 2]")
    assert [n.label for n in board.nodes.values()] == ["Client", "LB", "App", "DB", "App 2"]
    assert edges(board)[1] == ("LB", "App", True)


def test_an_ascii_box_drawn_twice_is_one_box() -> None:
    board = parse_board("[Client] -> [App]\n[App] -> [DB]\n[app] -> [Cache]")
    assert sorted(n.label for n in board.nodes.values()) == ["App", "Cache", "Client", "DB"]


@pytest.mark.parametrize(
    ("text", "label", "replicas", "redundant"),
    [
        ("[Client] -> [App x3]", "App", 3, True),
        ("[Client] -> [App]\nApp x3", "App", 3, True),
        ("[Client] -> [App]\nApp ×4", "App", 4, True),
        ("[Client] -> [App]\n3x App", "App", 3, True),
        ("[App] -> [DB]\nDB (primary + 2 replicas)", "DB", 3, True),
        ("[App] -> [DB (primary + 2 replicas)]", "DB", 3, True),
        ("[App] -> [Workers (5 nodes)]", "Workers", 5, True),
        ("[App] -> [Redis cluster]", "Redis cluster", 1, True),
        ("[App] -> [Postgres]", "Postgres", 1, False),
        ("A[App] --> B[(DB)]\nB (x2)", "DB", 2, True),
    ],
)
def test_counts_are_read_from_labels_and_lines(text: str, label: str, replicas: int, redundant: bool) -> None:
    board = parse_board(text)
    node = board.find(label)
    assert node is not None, [n.label for n in board.nodes.values()]
    assert (node.replicas, node.redundant) == (replicas, redundant)
    assert node.single is (not redundant)


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Client", "client"), ("Mobile app", "client"), ("Load balancer", "load_balancer"),
        ("LB", "load_balancer"), ("API gateway", "gateway"), ("Orders service", "service"),
        ("App", "service"), ("Redis", "cache"), ("Session cache", "cache"), ("Postgres", "database"),
        ("User DB", "database"), ("Ledger", "database"), ("Kafka", "queue"), ("Job queue", "queue"),
        ("Kafka consumer", "worker"), ("Notification worker", "worker"), ("S3", "object_store"),
        ("Blob store", "object_store"), ("CDN", "cdn"), ("Bank", "external"), ("Bank API", "external"),
        ("Stripe", "external"), ("APNs", "external"), ("DLQ", "queue"), ("Dead letter queue", "queue"),
    ],
)  # fmt: skip
def test_kind_follows_the_label(label: str, kind: str) -> None:
    assert infer_kind(label) == kind


def test_edges_into_and_out_of_a_queue_are_async() -> None:
    board = parse_board("[App] -> [Kafka] -> [Consumer] -> [DB]")
    assert [e.sync for e in board.edges] == [False, False, True]


def test_a_200_line_whiteboard_with_junk_never_raises() -> None:
    junk = ["[a] -> ", "A[b --> c]", "((((", "x -.-> ", "|||", "-- x -->", "[]->[]", "A-->B-->", "\t", "→ ⇢"]
    board = parse_board("\n".join(junk * 20))
    assert len(board.notes) + board.diagram_lines <= 200


def test_the_readme_example_reads_as_documented() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = readme.split("### The whiteboard", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    board = parse_board(example)
    assert {n.label: n.kind for n in board.nodes.values()} == {
        "Client": "client", "Load balancer": "load_balancer", "App": "service", "Redis": "cache",
        "Postgres": "database", "Kafka": "queue", "Workers": "worker", "Email provider": "external",
    }  # fmt: skip
    assert board.find("App").replicas == 3 and board.find("Postgres").replicas == 3
    assert ("App", "Kafka", False) in edges(board)
    assert board.notes == ["Reads dominate 100:1, so we cache the hot links."]


def test_an_ascii_chain_may_draw_a_database_or_subroutine_shape_without_an_id() -> None:
    """Candidates mix ASCII chains with Mermaid shapes: "[(S3)]" at the end of a chain is a box, not a note."""
    from interview.understanding.diagram import parse_board

    board = parse_board("[Seed URLs] -> [URL frontier] -> [Fetcher x20] -> [Parser] -> [(S3 raw pages)]")
    assert not board.notes
    assert [n.label for n in board.nodes.values()][-1] == "S3 raw pages"
    kinds = {n.label: n.kind for n in board.nodes.values()}
    assert kinds == {
        "Seed URLs": "service",
        "URL frontier": "queue",
        "Fetcher": "worker",
        "Parser": "worker",
        "S3 raw pages": "object_store",
    }
    assert len(board.edges) == 4
