"""Benchmark the session database at scale: 10,000 sessions x 40 turns.

Builds the database in a temp folder with one bulk transaction, then prints the median
time of `history` (first page), `show`, and `search` for a common and a rare word, both
at the Store level and through the click command in-process (rendering included), and
the database size. Targets: history < 100 ms, search < 50 ms, show < 30 ms.

    .venv/bin/python bench/store.py [--sessions 10000] [--turns 40] [--runs 15] [--keep DIR]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from contextlib import redirect_stdout
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from interview.catalog import load_catalog
from interview.cli import cli
from interview.store import Store
from interview.store import rows as store_rows

COMMON = "cache"
RARE = "zookeeper"
TECH = (
    "cache shard replica partition queue consumer producer latency throughput index write read "
    "database primary secondary leader follower quorum consistent hashing key value store blob "
    "object storage cdn edge load balancer gateway service api rate limiter token bucket retry "
    "backoff idempotent timeout circuit breaker failover region zone availability durability "
    "eviction ttl lru hot key fan out inbox timeline feed counter snowflake id range allocation"
).split()
FILLER = (
    "the a we so then and but if for to of in on with at by it this that would should could "
    "probably roughly about per second day users requests more less each every first next "
    "because since which when where how what think maybe start keep handle use add"
).split()


def sentence(rng: random.Random, rare: bool) -> str:
    words = [
        rng.choice(TECH) if rng.random() < 0.35 else rng.choice(FILLER) for _ in range(rng.randint(12, 40))
    ]
    if rare:
        words.insert(rng.randrange(len(words)), RARE)
    return " ".join(words).capitalize() + "."


def build(path: Path, sessions: int, turns: int, seed: int = 7) -> tuple[float, list[str]]:
    """Fill a new database; return the build time and the session ids."""
    rng = random.Random(seed)
    catalog = load_catalog()
    snapshots = {}
    for scenario_id, entry in catalog.scenarios.items():
        scenario = entry.model
        snapshots[scenario_id] = (
            scenario.model_dump(mode="json"),
            catalog.rubrics[scenario.rubric].model.model_dump(mode="json"),
            catalog.personas[scenario.persona].model.model_dump(mode="json"),
            scenario.title,
            scenario.persona,
            [p.id for p in scenario.phases],
        )
    scenario_ids = sorted(snapshots)
    rare_turns = set(rng.sample(range(sessions * turns), 8))
    start = datetime(2025, 1, 1, tzinfo=UTC)
    store = Store(path)
    conn = store.db.conn
    began = time.perf_counter()
    ids: list[str] = []
    conn.execute("BEGIN IMMEDIATE")
    session_rows, event_rows, report_rows, snap_rows = [], [], [], {}
    for n in range(sessions):
        scenario_id = rng.choice(scenario_ids)
        scenario, rubric, persona, title, persona_id, phases = snapshots[scenario_id]
        sid = uuid.UUID(int=rng.getrandbits(128), version=4).hex
        ids.append(sid)
        started = start + timedelta(hours=n * 0.9, minutes=rng.randint(0, 40))
        elapsed = rng.uniform(1800, 3200)
        status = "completed" if rng.random() < 0.9 else rng.choice(["in_progress", "abandoned"])
        fields = {
            "id": sid,
            "scenario_id": scenario_id,
            "scenario_title": title,
            "scenario": scenario,
            "rubric": rubric,
            "persona_id": persona_id,
            "persona": persona,
            "model": "offline",
            "api_base": None,
            "level": "senior",
            "seed": n,
            "status": status,
            "clock": "real",
            "wpm": None,
            "started_at": started,
            "ended_at": started + timedelta(seconds=elapsed),
            "elapsed_s": elapsed,
            "phase_times": {p: elapsed / len(phases) for p in phases},
            "whiteboard": "client -> lb -> api -> db",
        }
        columns, snaps = store_rows.session_columns(fields)
        session_rows.append(columns)
        for snap in snaps:
            snap_rows[snap["hash"]] = snap
        for t in range(turns):
            role = "interviewer" if t % 2 == 0 else "candidate"
            event_rows.append(
                {
                    "session_id": sid,
                    "seq": t,
                    "role": role,
                    "kind": "say" if role == "interviewer" else "answer",
                    "phase": phases[min(len(phases) - 1, t * len(phases) // turns)],
                    "elapsed_s": t * elapsed / turns,
                    "text": sentence(rng, n * turns + t in rare_turns),
                    "fallback": None,
                    "data": "{}",
                    "at": store_rows.utc_text(started + timedelta(seconds=t * elapsed / turns)),
                }
            )
        if status == "completed" and rng.random() < 0.8:
            overall = rng.uniform(20, 95)
            report = {
                "overall": overall,
                "verdict": "hire" if overall > 60 else "no_hire",
                "level": "senior",
                "criteria": [],
                "scorer": "offline",
            }
            report_rows.append(
                {
                    "session_id": sid,
                    "saved_at": store_rows.now_text(),
                    "scored_at": None,
                    "overall": overall,
                    "verdict": report["verdict"],
                    "level": "senior",
                    "scorer": "offline",
                    "fallback": None,
                    "rubric_id": rubric["id"],
                    "summary": "",
                    "report": json.dumps(report),
                }
            )
    insert = "INSERT INTO {t} ({c}) VALUES ({v})"

    def many(table: str, batch: list[dict]) -> None:
        names = list(batch[0])
        sql = insert.format(t=table, c=", ".join(names), v=", ".join(f":{n}" for n in names))
        conn.executemany(sql, batch)

    many("snapshots", list(snap_rows.values()))
    many("sessions", session_rows)
    many("events", event_rows)
    if report_rows:
        many("reports", report_rows)
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    built = time.perf_counter() - began
    store.close()
    return built, ids


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and worst of `runs` timings in milliseconds (after one warm-up call)."""
    fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), max(times)


def command(*args: str) -> Callable[[], object]:
    runner = CliRunner()

    def invoke() -> object:
        with redirect_stdout(io.StringIO()):
            result = runner.invoke(cli, list(args))
        if result.exit_code != 0:
            raise SystemExit(f"{args} failed: {result.output}")
        return result

    return invoke


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", type=Path, default=None, help="Build here and keep the database.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "bench.db"
        path.unlink(missing_ok=True)
        print(f"building {args.sessions:,} sessions x {args.turns} turns in {path} ...", flush=True)
        built, ids = build(path, args.sessions, args.turns)
        size = sum(p.stat().st_size for p in folder.glob("bench.db*"))
        print(f"built in {built:.1f} s; database size {size / 1e6:.1f} MB")

        rng = random.Random(1)
        pick = ids[rng.randrange(len(ids))]
        store = Store(path)
        common_hits = len(store.search(COMMON, limit=10**9))
        rare_hits = len(store.search(RARE, limit=10**9))
        print(f"'{COMMON}' appears in {common_hits:,} turns; '{RARE}' in {rare_hits}")
        print(f"median / worst of {args.runs} runs, ms (target in brackets)")

        def show() -> object:
            record = store.get_session(pick[:8])
            return record, store.events(record.id), store.latest_report(record.id)

        rows = [
            ("open Store (schema check)", lambda: Store(path).close(), None),
            ("history: first page of 20", lambda: store.list_sessions(limit=20), 100),
            ("history --scenario url-shortener", lambda: store.list_sessions(scenario="url-shortener"), 100),
            ("history --status in_progress", lambda: store.list_sessions(status="in_progress"), 100),
            ("show: record + 40 turns + report", show, 30),
            (f"search common word '{COMMON}'", lambda: store.search(COMMON), 50),
            (f"search rare word '{RARE}'", lambda: store.search(RARE), 50),
            ("search two words 'hot key'", lambda: store.search("hot key"), 50),
            ("command: interview history", command("history", "--db", str(path)), 100),
            ("command: interview show ID", command("show", pick[:8], "--db", str(path)), 30),
            (f"command: interview search {COMMON}", command("search", COMMON, "--db", str(path)), 50),
            (f"command: interview search {RARE}", command("search", RARE, "--db", str(path)), 50),
        ]
        for label, fn, target in rows:
            med, worst = median_ms(fn, args.runs)
            goal = f"[< {target} ms]" if target else ""
            verdict = "" if target is None else ("ok" if med < target else "SLOW")
            print(f"  {label:<40} {med:8.2f} {worst:8.2f}  {goal:<12} {verdict}")

        print("search strategies for the common word (raw SQL, median ms):")
        conn = store.db.conn
        strategies = {
            "ORDER BY rank LIMIT 20": "ORDER BY rank LIMIT 20",
            "ORDER BY bm25() LIMIT 20": "ORDER BY bm25(events_fts) LIMIT 20",
            "ORDER BY rowid DESC LIMIT 20": "ORDER BY rowid DESC LIMIT 20",
            "no order, LIMIT 20": "LIMIT 20",
        }
        for label, tail in strategies.items():
            sql = f"SELECT rowid FROM events_fts WHERE events_fts MATCH '\"{COMMON}\"' {tail}"
            med, _ = median_ms(lambda sql=sql: conn.execute(sql).fetchall(), args.runs)
            print(f"  {label:<40} {med:8.2f}")
        store.close()
    sys.stdout.flush()


if __name__ == "__main__":
    main()
