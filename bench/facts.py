"""Fact matching accuracy and persona rule firings, per scenario.

Run:  .venv/bin/python bench/facts.py

Facts: every question in tests/support/fact_questions.py (the tuned set and a held-out set
written after the engine's last change) is decided; a question is right when it reveals the
expected fact, or reveals nothing when none answers it. A wrong reveal (another fact) is
counted apart from a safe miss ("not specified" or "do you mean").

Rules: the cases in tests/support/rule_cases.py say which rules must and must not fire on a
turn. A firing is judged appropriate when the case expects it and inappropriate when the case
forbids it; other firings are listed as unjudged. Then each scripted run in
tests/fixtures/runs/ is replayed through the planner to count firings in a whole interview.
"""

from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interview.catalog import load_catalog  # noqa: E402
from interview.engine.answers import read_answers  # noqa: E402
from interview.engine.facts import decide  # noqa: E402
from interview.engine.persona_rules import fire  # noqa: E402
from interview.engine.planner import Planner  # noqa: E402
from tests.support.fact_questions import HELD_OUT, LIBRARY_HELD_OUT, LIBRARY_HELD_OUT_2, QUESTIONS  # noqa: E402
from tests.support.rule_cases import CASES  # noqa: E402

DIRS = [ROOT / "tests" / "fixtures" / "scenarios_unseen", ROOT / "tests" / "tui" / "data" / "scenarios"]


def facts_report(catalog, name: str, questions: list[tuple[str, str, str | None]]) -> None:
    per: dict[str, Counter] = defaultdict(Counter)
    started = time.perf_counter()
    for scenario_id, question, expected in questions:
        decision = decide(catalog.scenario(scenario_id), question)
        got = decision.facts[0] if decision.facts else None
        tally = per[scenario_id]
        tally["total"] += 1
        if got == expected:
            tally["right"] += 1
        elif got is not None:
            tally["wrong_fact"] += 1
        else:
            tally["safe_miss"] += 1
    elapsed_ms = (time.perf_counter() - started) * 1000 / max(1, len(questions))
    print(f"\nFacts, {name}: {len(questions)} questions, {elapsed_ms:.2f} ms a question")
    print(f"  {'scenario':<15}{'right':>7}{'wrong fact':>12}{'safe miss':>11}{'accuracy':>10}")
    total = Counter()
    for scenario_id, tally in per.items():
        total.update(tally)
        share = tally["right"] / tally["total"]
        counts = f"{tally['right']:>7}{tally['wrong_fact']:>12}{tally['safe_miss']:>11}"
        print(f"  {scenario_id:<15}{counts}{share:>10.0%}")
    print(
        f"  {'all':<15}{total['right']:>7}{total['wrong_fact']:>12}{total['safe_miss']:>11}"
        f"{total['right'] / total['total']:>10.0%}"
    )


def rules_report(catalog) -> None:
    per: dict[str, Counter] = defaultdict(Counter)
    unjudged: list[str] = []
    for scenario_id, phase, text, must, must_not in CASES:
        scenario = catalog.scenario(scenario_id)
        fired = {h.rule for h in fire(catalog.persona(scenario.persona).rules, text, phase, said=text)}
        tally = per[scenario_id]
        tally["fired"] += len(fired)
        tally["appropriate"] += len(fired & must)
        tally["inappropriate"] += len(fired & must_not)
        tally["missed"] += len(must - fired)
        unjudged += [f"{scenario_id}: {r} on {text[:50]!r}" for r in sorted(fired - must - must_not)]
    print(f"\nRules on scripted turns ({len(CASES)} cases)")
    print(
        f"  {'scenario':<15}{'fired':>7}{'appropriate':>13}{'inappropriate':>15}{'missed':>8}{'share ok':>10}"
    )
    for scenario_id, t in per.items():
        judged = t["appropriate"] + t["inappropriate"]
        share = f"{t['appropriate'] / judged:.0%}" if judged else "-"
        print(
            f"  {scenario_id:<15}{t['fired']:>7}{t['appropriate']:>13}{t['inappropriate']:>15}"
            f"{t['missed']:>8}{share:>10}"
        )
    for line in unjudged:
        print(f"  unjudged: {line}")


def runs_report(catalog) -> None:
    print("\nRules fired over whole scripted interviews (tests/fixtures/runs)")
    for path in sorted((ROOT / "tests" / "fixtures" / "runs").glob("*.txt")):
        scenario = catalog.scenario(path.stem)
        planner = Planner(scenario, catalog.persona(scenario.persona), catalog.rubric(scenario.rubric))
        phases = [p.id for p in scenario.phases]
        phase = 0
        fired: list[str] = []
        for answer in read_answers(path):
            if answer.strip() == "/next":
                phase = min(phase + 1, len(phases) - 1)
                continue
            if answer.startswith("/"):
                continue
            move = planner.reply(planner.observe(answer, phases[phase]))
            planner.commit(move)
            if move.kind == "rule" and move.rule:
                fired.append(f"{move.rule} ({phases[phase]}): {move.question[:70]}")
        print(f"  {scenario.id}: {len(fired)} rule question(s)")
        for line in fired:
            print(f"    {line}")


def main() -> None:
    catalog = load_catalog(DIRS)
    facts_report(catalog, "tuned set", QUESTIONS)
    facts_report(catalog, "held-out set", HELD_OUT)
    facts_report(catalog, "library set 1 (first run 15/25, 2 wrong)", LIBRARY_HELD_OUT)
    facts_report(catalog, "library set 2 (first run 9/20, 2 wrong)", LIBRARY_HELD_OUT_2)
    rules_report(catalog)
    runs_report(catalog)


if __name__ == "__main__":
    main()
