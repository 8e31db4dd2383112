"""Time to take in a pasted answer: one candidate turn in the estimation phase, then scoring.

Run:  .venv/bin/python bench/paste.py [--sizes 10000,84000,1000000] [--store]

Each paste is unpunctuated text dense with figures and design words (the worst case for the
estimate reader and the phrase matcher: one endless sentence). For each size it prints the
time of `session.send(paste)` (record it, read it, reply) and of `score_offline`, warm
(modules imported and patterns compiled by a small session first). Answers longer than
`interview.text.limits.ANALYSED_CHARS` are stored whole and read in part, with a notice.
Target: an 84 KB paste under 1 s for turn + scoring; 1 MB finishes in seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interview.catalog import load_catalog  # noqa: E402
from interview.engine import VirtualClock, new_session  # noqa: E402
from interview.scoring import score_offline  # noqa: E402
from interview.text.limits import ANALYSED_CHARS  # noqa: E402

WORDS = (
    "we need about 100 million urls per day so writes are roughly 1200 per second and reads are "
    "a hundred times that which is 120k reads per second at peak each record is 500 bytes so "
    "storage grows by 50 gb a day cache the hot keys in redis shard the database by key hash "
    "with replicas for reads because the average load is lower not every key needs a cache"
).split()


def paste(size: int, seed: int = 1) -> str:
    """`size` characters of unpunctuated words and figures."""
    rng = random.Random(seed)
    out: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(WORDS)
        out.append(word)
        length += len(word) + 1
    return " ".join(out)[:size]


async def one(text: str, store_path: Path | None) -> tuple[float, float, list[str]]:
    store = None
    if store_path is not None:
        from interview.store import Store

        store = Store(store_path)
    session = new_session(load_catalog(), "url-shortener", clock=VirtualClock(), seed=1, store=store)
    async for _ in session.opening():
        pass
    async for _ in session.send("/next"):  # the estimation phase
        pass
    started = time.perf_counter()
    async for _ in session.send(text):
        pass
    turn = time.perf_counter() - started
    notices = session.pop_notices()
    session.end()
    started = time.perf_counter()
    score_offline(session.record, session.events)
    scoring = time.perf_counter() - started
    if store is not None:
        store.close()
    return turn, scoring, notices


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,84000,1000000")
    parser.add_argument("--store", action="store_true", help="commit every event to a SQLite store")
    args = parser.parse_args()
    asyncio.run(one(paste(2000), None))  # warm: imports, compiled patterns
    print(f"analysed per answer: first {ANALYSED_CHARS:,} characters")
    print(f"{'paste':>10}  {'turn':>8}  {'scoring':>8}  {'total':>8}  notice")
    with tempfile.TemporaryDirectory() as folder:
        for index, size in enumerate(int(s) for s in args.sizes.split(",")):
            db = Path(folder) / f"paste{index}.db" if args.store else None
            turn, scoring, notices = asyncio.run(one(paste(size), db))
            said = "read in part" if any("read only" in n for n in notices) else "-"
            print(f"{size:>10,}  {turn:>7.3f}s  {scoring:>7.3f}s  {turn + scoring:>7.3f}s  {said}")


if __name__ == "__main__":
    main()
