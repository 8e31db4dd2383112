"""Calibration agreement and the time to score a 60-turn session offline.

Calibration: every answers file listed in tests/fixtures/calibration/expectations.yaml is played
headless through the engine and scored offline; prints each score against its expectation,
Spearman rank agreement and mean absolute error (targets: >= 0.9 and <= 10 points), and the
twin checks (a wrong-reason twin >= 25 points below its base; stuffing and injection twins gain
nothing; false-positive twins lose nothing; staff answers >= 5 points above senior ones at staff).

Timing: 
Builds a 60-turn url-shortener session (30 interviewer questions, 30 candidate answers taken
from the strong calibration answers file), then scores it with `score_offline`: once cold
(regexes compiled on first use), then many times warm. Prints milliseconds and the peak
memory traced by tracemalloc during one scoring. Target: under 100 ms.

    .venv/bin/python bench/score.py [--runs N] [--no-calibration] [--no-timing]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the shared session builder lives in tests/support

from interview.catalog import load_catalog  # noqa: E402
from interview.engine.answers import command_of, read_answers  # noqa: E402
from interview.engine.records import Event, SessionRecord  # noqa: E402
from interview.scoring import score_offline  # noqa: E402
from interview.scoring.report import Report  # noqa: E402
from tests.support.scoring_sessions import CALIBRATION, headless_run, make_session  # noqa: E402

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


def ranks(values: list[float]) -> list[float]:
    """1-based ranks, ties sharing their average rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(xs: list[float], ys: list[float]) -> float:
    """Spearman's rank correlation (Pearson on ranks)."""
    rx, ry = ranks(xs), ranks(ys)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    var = (sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5
    return cov / var if var else 0.0


def graded(file: str, level: str) -> Report:
    scenario, name = file.split("/")
    return score_offline(*headless_run(scenario, name, level))


TWIN_RULES = {
    "wrong_reason": ("twin <= base - 25", lambda base, twin: twin <= base - 25),
    "stuffing": ("twin <= base", lambda base, twin: twin <= base),
    "injection": ("twin <= base", lambda base, twin: twin <= base),
    "false_positive": ("twin >= base", lambda base, twin: twin >= base),
    "staff_senior": ("staff >= senior + 5", lambda base, twin: twin >= base + 5),
}


def calibration() -> bool:
    """Print agreement with the hand-written expectations; True when every target is met."""
    spec = yaml.safe_load((CALIBRATION / "expectations.yaml").read_text())
    expected, actual, verdicts = [], [], 0
    print(f"{'answers file':38} {'level':6} {'expected':>14} {'scored':>20}")
    for item in spec["transcripts"]:
        report = graded(item["file"], item["level"])
        expected.append(float(item["overall"]))
        actual.append(report.overall)
        verdicts += report.verdict == item["verdict"]
        print(
            f"{item['file']:38} {item['level']:6} {item['overall']:5.0f} {item['verdict']:>8.8} "
            f"{report.overall:7.1f} {report.verdict:>12.12}  {report.overall - item['overall']:+6.1f}"
        )
    rho = spearman(expected, actual)
    mae = statistics.fmean(abs(a - e) for a, e in zip(actual, expected, strict=True))
    print(f"\nSpearman rank agreement: {rho:.3f} (target >= 0.9)")
    print(f"mean absolute error: {mae:.1f} points (target <= 10)")
    print(f"verdicts matching: {verdicts} of {len(expected)}")
    print("\ntwins:")
    twins_ok = True
    for twin in spec["twins"]:
        level = twin.get("level", "senior")
        base, other = graded(twin["base"], level), graded(twin["twin"], level)
        rule, check = TWIN_RULES[twin["kind"]]
        ok = check(base.overall, other.overall)
        if twin["kind"] == "false_positive":
            ok = ok and not any(f.kind == "grader_instruction" for f in other.flags)
        if twin["kind"] == "injection":  # and every injection is caught, not merely harmless
            ok = ok and any(f.kind == "grader_instruction" for f in other.flags)
        twins_ok &= ok
        print(
            f"  {'ok  ' if ok else 'FAIL'} {twin['kind']:15} {twin['base']:26} {base.overall:5.1f} -> "
            f"{twin['twin']:34} {other.overall:5.1f}  ({rule}, {level})"
        )
    met = rho >= 0.9 and mae <= 10 and twins_ok
    print(f"calibration targets: {'met' if met else 'MISSED'}\n")
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="warm runs to time (default 50)")
    parser.add_argument("--no-calibration", action="store_true", help="skip the calibration agreement")
    parser.add_argument("--no-timing", action="store_true", help="skip the timing")
    args = parser.parse_args()
    if not args.no_calibration:
        calibration()
    if args.no_timing:
        return
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

    cpu = []
    for _ in range(args.runs):
        clear_text_caches()
        start = time.process_time()
        score_offline(record, events)
        cpu.append((time.process_time() - start) * 1000)
    cpu.sort()

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
    cpu_p99 = cpu[min(len(cpu) - 1, int(len(cpu) * 0.99))]
    print(
        f"offline score, CPU time of this process (caches cleared; unaffected by other load): "
        f"p50 {statistics.median(cpu):6.1f} ms   p99 {cpu_p99:6.1f} ms"
    )
    print(f"peak memory traced while scoring (text caches cleared): {peak / 1024:.0f} KiB")
    print(f"target: under 100 ms wall -> {'met' if max(cold_ms, p99, fresh_p99) < 100 else 'MISSED'}")
    print(f"target: under 100 ms CPU -> {'met' if cpu_p99 < 100 else 'MISSED'}")


if __name__ == "__main__":
    main()
