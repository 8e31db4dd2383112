"""Time to score a 60-turn session offline, and its peak memory.

Builds a 60-turn url-shortener session (30 interviewer questions, 30 candidate answers taken
from the strong calibration answers file), then scores it with `score_offline`: once cold
(regexes compiled on first use), then many times warm. Prints milliseconds and the peak
memory traced by tracemalloc during one scoring. Target: under 100 ms.

    .venv/bin/python bench/score.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the shared session builder lives in tests/support

from interview.catalog import load_catalog  # noqa: E402
from interview.engine.answers import command_of, read_answers  # noqa: E402
from interview.engine.records import Event, SessionRecord  # noqa: E402
from interview.scoring import score_offline  # noqa: E402
from tests.support.scoring_sessions import make_session  # noqa: E402

ANSWERS = REPO / "tests" / "fixtures" / "calibration" / "url-shortener" / "strong.txt"


def sixty_turn_session() -> tuple[SessionRecord, list[Event]]:
    """30 interviewer + 30 candidate turns across the scenario's phases."""
    scenario = load_catalog().scenario("url-shortener")
    answers = [a for a in read_answers(ANSWERS) if command_of(a) is None]
    phases = [p.id for p in scenario.phases]
    probes = [c.probe for c in scenario.concepts]
    turns: list[tuple[str, str, str]] = []
    for i in range(30):
        phase = phases[min(len(phases) - 1, i * len(phases) // 30)]
        turns += [
            ("interviewer", phase, probes[i % len(probes)]),
            ("candidate", phase, answers[i % len(answers)]),
        ]
    record, events = make_session(turns, scenario.id)
    record.phase_times = {p: record.elapsed_s / len(phases) for p in phases}
    return record, events


def clear_text_caches() -> None:
    """Forget everything cached per text (figures, sentence and clause bounds), keeping compiled
    patterns: what scoring a session never seen before costs once the app is warm."""
    from interview.text import estimates, matching, numbers

    numbers._find_figures_cached.cache_clear()
    estimates._sentence_bounds.cache_clear()
    estimates._qualifier_spans.cache_clear()
    matching.clause_bounds.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="warm runs to time (default 50)")
    args = parser.parse_args()
    record, events = sixty_turn_session()
    turns = sum(1 for e in events if e.is_turn)
    words = sum(len(e.text.split()) for e in events if e.role == "candidate")

    start = time.perf_counter()
    report = score_offline(record, events)
    cold_ms = (time.perf_counter() - start) * 1000

    timings = []
    for _ in range(args.runs):
        start = time.perf_counter()
        score_offline(record, events)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()

    fresh = []
    for _ in range(args.runs):
        clear_text_caches()
        start = time.perf_counter()
        score_offline(record, events)
        fresh.append((time.perf_counter() - start) * 1000)
    fresh.sort()

    clear_text_caches()
    tracemalloc.start()
    score_offline(record, events)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
    print(f"session: {turns} turns, {words} candidate words; scored {report.overall:.1f} ({report.verdict})")
    print(f"offline score, cold (first call, regexes compiled): {cold_ms:7.1f} ms")
    print(
        f"offline score, warm over {args.runs} runs: "
        f"p50 {statistics.median(timings):6.1f} ms   p99 {p99:6.1f} ms"
    )
    fresh_p99 = fresh[min(len(fresh) - 1, int(len(fresh) * 0.99))]
    print(
        f"offline score, text caches cleared each run (a new session): "
        f"p50 {statistics.median(fresh):6.1f} ms   p99 {fresh_p99:6.1f} ms"
    )
    print(f"peak memory traced while scoring (text caches cleared): {peak / 1024:.0f} KiB")
    print(f"target: under 100 ms -> {'met' if max(cold_ms, p99, fresh_p99) < 100 else 'MISSED'}")


if __name__ == "__main__":
    main()
