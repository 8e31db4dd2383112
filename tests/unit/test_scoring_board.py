"""The scorer counts the whiteboard: quoted as "whiteboard", unaddressed findings in the report and export."""

from __future__ import annotations

import asyncio
from pathlib import Path

from interview.catalog import load_catalog
from interview.engine import VirtualClock, new_session
from interview.scoring import score_offline
from interview.store.markdown import session_markdown

UNSEEN = Path(__file__).resolve().parents[1] / "fixtures" / "listening"
BOARD = "[Client] -> [LB x2] -> [API x3] -> [Router]\n[Router] -.-> [Push queue]\n[Push queue] -> [Sender x3]"
ANSWERS = [
    "We need push, email and SMS, about one billion notifications a day with at least once delivery.",
    "/next",
    "One billion a day is about 12,000 a second on average, so maybe 40,000 a second at peak.",
    "/next",
    "The API validates requests, writes them to a queue, and senders fan out to each provider, because "
    "providers are slow and we must not block the caller. Senders retry with exponential backoff.",
    "Each channel has its own pool of senders so a slow SMS provider cannot starve push delivery.",
]


async def _drain(stream) -> None:  # noqa: ANN001
    async for _ in stream:
        pass


def played(board: str, extra: list[str] | None = None):  # noqa: ANN201
    session = new_session(load_catalog([UNSEEN]), "notifications", seed=3, clock=VirtualClock())
    asyncio.run(_drain(session.opening()))
    for text in ANSWERS[:4]:
        asyncio.run(_drain(session.send(text)))
    session.save_whiteboard(board)
    for text in ANSWERS[4:] + (extra or []):
        asyncio.run(_drain(session.send(text)))
    return session


def test_the_final_board_is_quoted_as_whiteboard_and_its_open_findings_are_flagged() -> None:
    session = played(BOARD)
    report = score_offline(session.record, session.events)
    by_id = {c.id: c for c in report.criteria}
    design = [q for q in by_id["high_level_design"].evidence if q.source == "whiteboard"]
    assert design and design[0].quote.startswith("Client → LB ×2 → API ×3 → Router")
    assert design[0].where == "whiteboard"
    reliability = [q for q in by_id["reliability"].evidence if q.source == "whiteboard"]
    assert reliability and "LB ×2" in reliability[0].quote
    flags = [f.message for f in report.flags if f.kind == "board_finding"]
    assert any("single point of failure: Router" in m for m in flags)
    assert any("no dead-letter queue: Push queue" in m for m in flags)
    assert report.extra["board"]["nodes"] == 6


def test_findings_addressed_in_words_are_not_flagged() -> None:
    said = "The router runs as two instances with failover. Messages that fail every retry go to a dead letter queue."
    session = played(BOARD, [said])
    report = score_offline(session.record, session.events)
    flags = [f.message for f in report.flags if f.kind == "board_finding"]
    assert not any("Router" in m for m in flags) and not any("Push queue" in m for m in flags)
    assert "single point of failure: Router" in report.extra["board"]["findings"]  # still on the board


def test_no_board_no_board_evidence() -> None:
    session = played("just some notes, no boxes")
    report = score_offline(session.record, session.events)
    assert "board" not in report.extra
    assert not any(q.source for c in report.criteria for q in c.evidence)


def test_the_export_draws_the_diagram_and_lists_findings_by_node() -> None:
    session = played(BOARD)
    report = score_offline(session.record, session.events)
    md = session_markdown(session.record, session.events, report)
    diagram = md.split("### Diagram", 1)[1]
    assert "│ Router │" in diagram and "│ Push queue │" in diagram
    assert "- single point of failure: Router" in diagram
    assert "whiteboard: \u201cClient → LB ×2" in md


def points(board: str, extra: list[str] | None = None) -> tuple[dict[str, float], object]:
    session = played(board, extra)
    report = score_offline(session.record, session.events)
    return report.extra["points"], report


def test_a_drawn_design_raises_high_level_design_over_the_same_words_without_it() -> None:
    without, _ = points("")
    drawn = "[Client] -> [LB x2] -> [API x3] -> [Router x2]\n[Router] -.-> [Push queue]\n[Push queue] -> [Sender x3]\n[Sender] -> [(Postgres)]"
    with_board, report = points(drawn)
    assert with_board["high_level_design"] > without["high_level_design"]
    why = {c.id: c.why for c in report.criteria}["high_level_design"]
    assert "whiteboard" in why


def test_redundancy_drawn_counts_for_reliability_and_open_findings_cost_it() -> None:
    fixed = (
        "[Client] -> [LB x2] -> [API x3] -> [Router x2]\n[Router] -.-> [Push queue]\n"
        "[Push queue] -> [Sender x3]\n[Push queue] -.-> [Dead letter queue]"
    )
    broken = "[Client] -> [LB] -> [API] -> [Router]\n[Router] -.-> [Push queue]\n[Push queue] -> [Sender]"
    base, _ = points("")
    good, good_report = points(fixed)
    bad, bad_report = points(broken)
    assert good["reliability"] > base["reliability"] > bad["reliability"]
    missing = {c.id: c.missing for c in bad_report.criteria}["reliability"]
    assert "single point of failure: Router" in missing and "no dead-letter queue: Push queue" in missing
    assert not any("Router" in m for m in {c.id: c.missing for c in good_report.criteria}["reliability"])


def test_a_finding_addressed_in_words_costs_nothing() -> None:
    broken = "[Client] -> [LB x2] -> [API x3] -> [Router]\n[Router] -.-> [Push queue]\n[Push queue] -> [Sender x3]"
    said = "The router runs as two instances with failover, so losing one keeps notifications flowing."
    _, open_report = points(broken)
    _, answered = points(broken, [said])
    open_missing = {c.id: c.missing for c in open_report.criteria}["reliability"]
    answered_missing = {c.id: c.missing for c in answered.criteria}["reliability"]
    assert "single point of failure: Router" in open_missing
    assert "single point of failure: Router" not in answered_missing


def test_a_column_of_unconnected_keywords_earns_nothing() -> None:
    without, _ = points("")
    stuffed, report = points("[Redis cluster]\n[Kafka]\n[Dead letter queue]\n[CDN]\n[Cassandra x3]\n[Circuit breaker]")
    assert stuffed == without
    assert report.extra.get("board", {}).get("kinds", []) == []


def test_a_concept_drawn_but_never_said_is_drawn_not_explained() -> None:
    drawn = "[Client] -> [API x3] -> [Dedupe store x3]\n[API] -.-> [Push queue]\n[Push queue] -> [Sender x3]"
    without, plain = points("")
    with_board, report = points(drawn)
    assert with_board["deep_dive"] > without["deep_dive"]
    deep = {c.id: c for c in report.criteria}["deep_dive"]
    assert "dedupe (named, not explained)" in deep.missing
    assert "dedupe" in {c.id: c for c in plain.criteria}["deep_dive"].missing  # not said, not drawn: missing


def test_a_box_marked_redundant_in_words_is_quoted_as_replicated_and_quotes_carry_no_turn() -> None:
    board = "[Client] -> [LB x2] -> [API x3] -> [Router cluster]\n[Router] -.-> [Push queue]\n[Push queue] -> [Sender x3]"
    _, report = points(board)
    reliability = [q for q in {c.id: c for c in report.criteria}["reliability"].evidence if q.source == "whiteboard"]
    assert reliability and "Router cluster (replicated)" in reliability[0].quote and "LB ×2" in reliability[0].quote
    assert "LB ×2 (replicated)" not in reliability[0].quote  # a drawn count speaks for itself
    assert all(q.turn == -1 for c in report.criteria for q in c.evidence if q.source == "whiteboard")
