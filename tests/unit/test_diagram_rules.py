"""Graph rules over the whiteboard: each finding names the box a principal would point at."""

from __future__ import annotations

from interview.understanding.diagram import parse_board
from interview.understanding.diagram_render import render, status
from interview.understanding.diagram_rules import check, missing_from_board


def found(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.label) for f in check(parse_board(text))]


def test_a_single_redis_on_the_request_path_is_a_spof_named_by_its_label() -> None:
    got = found(
        "[Client] -> [LB x2] -> [Gateway x3] -> [Redis]\n[Gateway] -> [Counters DB (primary + 1 replica)]"
    )
    assert ("spof", "Redis") in got
    assert not any(kind == "spof" and label != "Redis" for kind, label in got)


def test_replicated_or_paired_boxes_are_not_spofs() -> None:
    assert found("[Client] -> [LB pair] -> [App x3] -> [Redis cluster]") == []
    # two app boxes behind the same balancer share the load
    assert not [k for k in found("[Client] -> [LB x2]\n[LB] -> [App A]\n[LB] -> [App B]") if k[0] == "spof"]


def test_boxes_off_the_request_path_are_not_spofs() -> None:
    got = found("[Client] -> [API x2]\n[Cron] -> [Report builder]")
    assert not [k for k in got if k[0] == "spof"]


def test_an_async_edge_with_no_dead_letter_destination_names_the_queue() -> None:
    assert ("no_dlq", "Kafka") in found("[API x2] -.-> [Kafka]\n[Kafka] -> [Sender x3]")
    assert ("no_dlq", "Email provider") in found("[Sender x2] ~> [Email provider]")


def test_a_dead_letter_queue_drawn_or_noted_settles_it() -> None:
    assert not [k for k in found("[API x2] -> [Kafka] -> [Sender x3]\n[Sender] -> [DLQ]") if k[0] == "no_dlq"]
    noted = "[API x2] -> [Kafka] -> [Sender x3]\nFailures after 5 retries go to a dead-letter topic."
    assert not [k for k in found(noted) if k[0] == "no_dlq"]


def test_a_cache_the_writes_pass_through_is_named() -> None:
    assert ("cache_on_write", "Redis") in found("[App x3] -> [Redis] -> [Postgres (primary + 1 replica)]")
    assert ("cache_on_write", "Cache") in found("[App x3] -->|writes| [Cache]\n[App] -> [DB x2]")
    # a cache beside the database, read from, is fine
    assert not [k for k in found("[App x3] -> [Cache x2]\n[App] -> [DB x2]") if k[0] == "cache_on_write"]


def test_several_app_nodes_with_nothing_in_front_are_named() -> None:
    assert ("no_balancer", "App ×3") in found("[Client] -> [App x3] -> [DB x2]")
    assert [k for k in found("[Client] -> [App A]\n[Client] -> [App B]") if k[0] == "no_balancer"]
    assert not [k for k in found("[Client] -> [LB x2] -> [App x3]") if k[0] == "no_balancer"]


def test_a_database_with_no_replica_is_named() -> None:
    assert ("db_no_replica", "Postgres") in found("[App x2] -> [Postgres]")
    assert not [k for k in found("[App x2] -> [Postgres (primary + 2 replicas)]") if k[0] == "db_no_replica"]
    assert not [k for k in found("[App x2] -> [DynamoDB]") if k[0] == "db_no_replica"]
    assert not [k for k in found("[App x2] -> [Postgres] -> [Read replica]") if k[0] == "db_no_replica"]


def test_a_ledger_write_with_no_idempotency_store_is_named_first() -> None:
    got = found("[Merchant] -> [Payments API x3] -> [Ledger (primary + 1 replica)]\n[Payments API] -> [Bank]")
    assert got[0] == ("no_idempotency", "Ledger")
    fixed = "[Merchant] -> [Payments API x3] -> [Ledger (primary + 1 replica)]\n[Payments API] -> [Idempotency keys x2]"
    assert not [k for k in found(fixed) if k[0] == "no_idempotency"]


def test_findings_have_a_question_naming_the_node() -> None:
    for finding in check(
        parse_board("[Client] -> [Gateway] -> [Token store]\n[Gateway] -.-> [Audit stream]")
    ):
        assert finding.label in finding.question
        assert finding.label in finding.title


def test_a_component_said_but_not_drawn_is_missing_from_the_board() -> None:
    board = parse_board("[Client] -> [LB x2] -> [App x3] -> [Postgres x2]")
    assert missing_from_board(board, ["Kafka", "ticket table", "Postgres"]) == ["Kafka"]
    board2 = parse_board("[Client] -> [LB x2] -> [App x3]")
    assert missing_from_board(board2, ["ticket table"]) == ["ticket table"]
    assert missing_from_board(parse_board("[App] -> [DB]"), ["Kafka"]) == []  # two boxes are no diagram yet


def test_the_rendered_view_shows_every_box_arrows_and_findings() -> None:
    board = parse_board("[Client] -> [LB] -> [App x3] -> [Redis] -> [DB]\n[App] -.-> [Kafka]\nplain note")
    findings = check(board)
    text = render(board, 60, findings)
    for label in ("Client", "LB", "App ×3", "Redis", "DB", "Kafka"):
        assert f"│ {label} │" in text
    assert "▼" in text and "┆" in text  # a sync arrow and an async one
    assert "! single point of failure: LB" in text
    assert all(len(line) <= 60 for line in text.splitlines())
    assert status(board, findings) == f"6 nodes · 5 edges · {len(findings)} findings"


def test_the_rendered_view_fits_a_narrow_pane() -> None:
    text = "\n".join(f"[Service {i}] -> [Store {i}]" for i in range(12))
    board = parse_board(text)
    out = render(board, 30)
    assert all(len(line) <= 30 for line in out.splitlines())
    assert out.count("│ Service") == 12


def test_an_empty_board_renders_a_hint() -> None:
    assert "[Client] -> [LB]" in render(parse_board("just notes here"), 60)
