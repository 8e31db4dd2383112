"""The estimate reader: what each figure of a turn estimates, read the way candidates write.

One table of phrasings across the three built-in scenarios. Each row says which reference
every figure in the turn is checked against and whether it holds ("ok"), is outside the
tolerance ("wrong") or was offered as a question ("asked"). Figures the interviewer gave,
operands of the working, status codes, ports and per-item sizes are in no row's answer.
"""

from __future__ import annotations

import pytest

from interview.catalog import Catalog, load_catalog
from interview.understanding.references import attempts
from interview.understanding.working import read_working

U, C, P = "url-shortener", "chat", "payment-rail"

CASES: list[tuple[str, str, dict[str, str]]] = [
    # --- url shortener: monthly/daily slips and right rates
    (U, "100 million a month, so about 1,200 writes per second.", {"write_rate": "wrong"}),
    (U, "100M per month / 86,400 = 1,157 writes/s", {"write_rate": "wrong"}),
    (U, "100M / 2.6M seconds = 40 writes per second", {"write_rate": "ok"}),
    (U, "100M / (30 x 86,400) ≈ 40 writes/s", {"write_rate": "ok"}),
    (U, "100M a month is about 3.3M a day, or roughly 40 writes a second.", {"write_rate": "ok"}),
    (U, "That's about 40 writes per second.", {"write_rate": "ok"}),
    (U, "Writes come to roughly 400 per second.", {"write_rate": "wrong"}),
    (U, "So 4 writes a second.", {"write_rate": "wrong"}),
    (U, "About 1.2 billion new URLs created a year.", {"write_rate": "ok"}),
    (U, "Roughly 3.5 million new URLs created a day.", {"write_rate": "ok"}),
    # peaks
    (U, "Peak is say 2.5x, so around 100 writes per second.", {"peak_write_rate": "ok"}),
    (U, "At peak I'd plan for 100 writes a second.", {"peak_write_rate": "ok"}),
    (U, "Peak writes: 40 x 2.5 = 100/s", {"peak_write_rate": "ok"}),
    (U, "40 writes/s on average, peak x 2.5 = 100/s", {"write_rate": "ok", "peak_write_rate": "ok"}),
    (U, "Peak writes of 1,000 per second.", {"peak_write_rate": "wrong"}),
    (U, "At peak that's 10,000 redirects a second.", {"read_rate@peak": "ok"}),
    (U, "A million redirects a second at peak.", {"read_rate@peak": "wrong"}),
    # reads
    (U, "Reads are 100x writes, so 4,000 redirects a second.", {"read_rate": "ok"}),
    (U, "That's 4,000 redirects a second.", {"read_rate": "ok"}),
    (U, "Reads are around 4k QPS.", {"read_rate": "ok"}),
    (U, "That's 40,000 redirects per second.", {"read_rate": "wrong"}),
    (U, "Redirects: 40 QPS.", {"read_rate": "wrong"}),
    # totals: first year vs retention
    (U, "In the first year that's 1.2 billion records.", {"total_records@first_year": "ok"}),
    (U, "Total records: 1.2 billion.", {"total_records": "wrong"}),
    (U, "About 6B records over five years.", {"total_records": "ok"}),
    (U, "6B records x 500 bytes = 3 TB over five years.", {"total_records": "ok", "storage": "ok"}),
    (U, "6B records x 500 bytes x 5 years = 15 TB.", {"total_records": "ok", "storage": "wrong"}),
    (U, "Storage comes to about 3 TB.", {"storage": "ok"}),
    (U, "We store roughly 3,000 GB on disk.", {"storage": "ok"}),
    (U, "Storage is about 300 TB.", {"storage": "wrong"}),
    (U, "Year one is about 600 GB of storage.", {"storage@first_year": "ok"}),
    (U, "We'd hold about 6 million records.", {"total_records": "wrong"}),
    # keyspace and code length
    (U, "62^7 is about 3.5 trillion codes, so 7 characters.", {"keyspace": "ok", "code_length": "ok"}),
    (U, "We need 7 characters for the short code.", {"code_length": "ok"}),
    (U, "A 4 character code is enough.", {"code_length": "wrong"}),
    # lists and tables
    (
        U,
        "- writes: 40/s\n- reads: 4,000/s\n- storage: 3 TB",
        {"write_rate": "ok", "read_rate": "ok", "storage": "ok"},
    ),
    (U, "* writes ~40/s\n* reads ~40k/s", {"write_rate": "ok", "read_rate": "wrong"}),
    (
        U,
        "| metric | value |\n|---|---|\n| writes/s | 40 |\n| reads/s | 4,000 |\n| storage | 3 TB |",
        {"write_rate": "ok", "read_rate": "ok", "storage": "ok"},
    ),
    (
        U,
        "1. Writes: 100M / 2.6M s = 40/s\n2. Reads: 40 x 100 = 4,000/s",
        {"write_rate": "ok", "read_rate": "ok"},
    ),
    # fishing
    (U, "Would the write rate be around 400 per second?", {"write_rate": "asked"}),
    (U, "About 40 writes per second, is that right?", {"write_rate": "asked"}),
    (U, "So roughly 40 writes/s, right?", {"write_rate": "asked"}),
    (U, "Is storage about 3 TB?", {"storage": "asked"}),
    (U, "Can you confirm reads are about 4,000 QPS?", {"read_rate": "asked"}),
    # not figures / not estimates
    (U, "We answer 410 for expired links.", {}),
    (U, "Return a 302 rather than a 301.", {}),
    (U, "Redis listens on port 6379 and Postgres on 5432.", {}),
    (U, "Each record is 500 bytes.", {}),
    (U, "About 100 million new short URLs a month.", {}),
    (U, "Each cache node handles 100,000 reads per second.", {}),
    (U, "Links are kept for 5 years.", {}),
    (U, "We use base62 and p99 under 100 ms.", {}),
    (U, "In 2024 we launched with 3 engineers.", {}),
    (
        U,
        "62^6 is about 57 billion, which is tight against 6 billion links, while 62^7 is about 3.5 trillion, so 7 characters.",
        {"keyspace": "ok", "code_length": "ok"},
    ),
    (U, "A 301 gets cached by browsers, so repeat clicks never reach us.", {}),
    (U, "An alphabet of 62 symbols gives 62^7 = 3.5 trillion codes.", {"keyspace": "ok"}),
    (U, "That's far more than the 6 billion we need.", {}),
    (U, "Over 5 years that's 60 billion links.", {"total_records": "wrong"}),
    # --- chat
    (
        C,
        "A well-tuned gateway can hold around 50,000 connections.",
        {"concurrent_connections@per_node": "ok"},
    ),
    (
        C,
        "At peak I'd assume three times that, so about 70,000 messages per second.",
        {"peak_message_rate": "ok"},
    ),
    (C, "50M DAU x 40 messages = 2 billion messages a day.", {"messages_per_day": "ok"}),
    (
        C,
        "2 billion messages a day, so about 700,000 per second.",
        {"messages_per_day": "ok", "message_rate": "wrong"},
    ),
    (C, "2B / 86,400 = 23,000 messages per second.", {"message_rate": "ok"}),
    (C, "2B / 86,400 = 230,000 messages per second.", {"message_rate": "wrong"}),
    (C, "That's about 200 million messages a day.", {"messages_per_day": "wrong"}),
    (C, "Peak is 3x the average, so about 70,000 messages per second.", {"peak_message_rate": "ok"}),
    (C, "At peak about 7,000 messages a second.", {"peak_message_rate": "wrong"}),
    (C, "On average 23k messages a second.", {"message_rate": "ok"}),
    (C, "Each gateway server holds 50,000 connections.", {"concurrent_connections@per_node": "ok"}),
    (C, "Each server can hold a million connections.", {"concurrent_connections@per_node": "wrong"}),
    (
        C,
        "10M concurrent connections / 50k per server = 200 servers.",
        {"concurrent_connections": "ok", "gateway_servers": "ok"},
    ),
    (C, "About 10 million concurrent connections at peak.", {"concurrent_connections": "ok"}),
    (C, "We'll have 100,000 concurrent connections.", {"concurrent_connections": "wrong"}),
    (C, "That needs about 20 gateway servers.", {"gateway_servers": "wrong"}),
    (C, "2B messages x 100 bytes = 200 GB per day.", {"storage_per_day": "ok"}),
    (C, "Storage is about 2 TB per day.", {"storage_per_day": "wrong"}),
    (C, "Is it about 20,000 messages a second?", {"message_rate": "asked"}),
    (C, "Would we need around 200 servers?", {"gateway_servers": "asked"}),
    (C, "Each message is 100 bytes.", {}),
    (C, "In the first year that's about 73 TB of storage.", {"storage_per_day@first_year": "ok"}),
    (C, "In the first year that's about 7 PB of storage.", {"storage_per_day@first_year": "wrong"}),
    (C, "Over ten years the total storage is 730 TB.", {}),
    (C, "Each user sends 40 messages a day.", {}),
    (C, "50 million daily active users.", {}),
    (C, "WebSockets on port 443.", {}),
    (C, "Groups have at most 100 members.", {}),
    (
        C,
        "- messages/day: 2B\n- messages/s: 23k\n- peak: 70k/s",
        {"messages_per_day": "ok", "message_rate": "ok", "peak_message_rate": "ok"},
    ),
    # --- payment rail
    (
        P,
        "20M a day is about 230 TPS average, times 5 gives 1,200 TPS at peak.",
        {"average_tps": "ok", "peak_tps": "ok"},
    ),
    (P, "20M / 86,400 = 2,300 TPS.", {"average_tps": "wrong"}),
    (P, "20M per day / 86,400 ≈ 231 payments per second.", {"average_tps": "ok"}),
    (P, "Peak is 5x so 1,150 TPS.", {"peak_tps": "ok"}),
    (P, "Peak: 230 x 5 x 5 = 5,750 TPS", {"peak_tps": "wrong"}),
    (P, "At peak we see about 230 TPS.", {"peak_tps": "wrong"}),
    (P, "That's about 23 TPS on average.", {"average_tps": "wrong"}),
    (P, "Each shard handles 1,200 TPS.", {}),
    (P, "A single Postgres node does about 5,000 TPS.", {}),
    (P, "20M x 4 KB = 80 GB a day.", {"data_per_day": "ok"}),
    (P, "80 GB/day x 365 x 7 = 204 TB.", {"data_per_day": "ok", "retention_storage": "ok"}),
    (
        P,
        "80 GB a day x 365 = 29 TB in the first year.",
        {"data_per_day": "ok", "retention_storage@first_year": "ok"},
    ),
    (P, "Over 7 years it's about 29 TB.", {"retention_storage": "wrong"}),
    (P, "Over seven years that's 2 PB.", {"retention_storage": "wrong"}),
    (P, "Is the peak about 1,000 TPS?", {"peak_tps": "asked"}),
    (P, "Each message is 4 KB.", {}),
    (P, "That's where payments go missing at 1,200 TPS.", {"peak_tps": "ok"}),
    (P, "We need to handle 12,000 TPS.", {"average_tps": "wrong"}),
    (P, "The database sees maybe 5 to 10 thousand ledger writes per second at peak.", {}),
    (P, "About 20 million payments a day.", {}),
    (P, "We return HTTP 409 on a duplicate key and 202 while pending.", {}),
    (P, "Settled in under 10 seconds, 99.99% of the time.", {}),
    (
        P,
        "| | value |\n|---|---|\n| avg TPS | 230 |\n| peak TPS | 1,200 |",
        {"average_tps": "ok", "peak_tps": "ok"},
    ),
]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _read(catalog: Catalog, scenario: str, text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for a in attempts(text, catalog.scenario(scenario)):
        if a.given:
            continue
        out[a.estimate.id] = "asked" if a.question else ("ok" if a.ok else "wrong")
    return out


def test_there_are_enough_phrasings() -> None:
    assert len(CASES) >= 80
    assert {s for s, _, _ in CASES} == {U, C, P}


@pytest.mark.parametrize(("scenario", "text", "expected"), CASES, ids=[t[:50] for _, t, _ in CASES])
def test_each_figure_is_read_as_what_it_estimates(
    catalog: Catalog, scenario: str, text: str, expected: dict[str, str]
) -> None:
    assert _read(catalog, scenario, text) == expected


def test_a_slip_in_the_working_is_visible_in_the_chain() -> None:
    working = read_working("100M per month / 86,400 = 1,157 writes/s")
    result = working.figures[-1]
    assert result.base is not None and result.base.raw == "100M per month"
    assert [s.seconds_of for s in result.steps] == ["day"]
    assert working.shows_working


def test_a_bare_figure_shows_no_working() -> None:
    working = read_working("Writes are 1,200 per second.")
    assert not working.shows_working
    assert working.figures[0].base is None


def test_a_figure_in_a_question_with_working_is_not_fishing() -> None:
    working = read_working("100M / 2.6M s = 40 writes/s, right?")
    assert not any(w.question for w in working.figures)


def test_a_peak_factor_makes_the_result_a_peak() -> None:
    working = read_working("Say 2.5x, so around 100 writes per second.")
    assert working.figures[-1].qualifier == "peak"
