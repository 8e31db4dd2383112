"""Mutation testing of the core: does the suite notice a one-line bug? (issue 18)

Runs mutmut (installed into this venv on first use) on one core module at a time, with only
the tests that cover that module, and prints the kill rate per module and every surviving
mutant as a diff. Survivors known to be equivalent (the program behaves the same) are listed
separately with why, and left out of the rate. Target: >= 85% killed per core module.

It is a bench, not CI: a module takes 1-15 minutes on 2 cores. Work happens in a temporary
copy of the repository (mutmut rewrites the files it mutates); the worktree is not touched.

    .venv/bin/python bench/mutation.py                      # list the modules
    .venv/bin/python bench/mutation.py units verdicts       # run some
    .venv/bin/python bench/mutation.py --all                # run every module (slow)
    .venv/bin/python bench/mutation.py units --jobs 2 --show 20
    .venv/bin/python bench/mutation.py --escapes            # re-plant issue 18's named escapes
    .venv/bin/python bench/mutation.py --escapes bare       # only those whose label contains "bare"
    nice -n 10 .venv/bin/python bench/mutation.py criteria --sample 80 --record bench/mutation_results.json
    .venv/bin/python bench/mutation.py criteria --rerun --record bench/mutation_results.json  # survivors only
    .venv/bin/python bench/mutation.py --table --record bench/mutation_results.json           # the table

`--sample N` runs N mutants drawn at random (seed 18) from a large module; `--rerun` runs only
the survivors recorded for an unchanged source (after adding tests). Rate = (killed + timeout) /
(mutants run - equivalent); a CPU-limit kill is a timeout, as mutmut counts it.

`--escapes` plants, one at a time, the one-line bugs issue 18 found the suite missing, and
checks that each now fails its tests (about 5 minutes). A plant whose code has since changed
is reported "not applicable": update its strings here.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MUTMUT = "mutmut==3.8.1"
COPY = ["interview", "tests", "scenarios", "rubrics", "personas", "pyproject.toml", "README.md"]


@dataclass
class Target:
    """One module to mutate (optionally only some of its functions) and the tests that guard it."""

    source: str
    tests: list[str]
    functions: list[str] = field(default_factory=list)  # mutmut function names; empty: all
    note: str = ""
    slow: list[str] = field(default_factory=list)  # test ids left out (slow and kill nothing here)


T = "tests/unit/"
# the session-level suites that drive the planner modules (mutmut runs only the tests that reach
# the mutated function, so a wide list costs one coverage pass, not a run per mutant)
ENGINE_TESTS = [
    T + name
    for name in (
        "test_engine_planner.py",
        "test_engine_listening.py",
        "test_engine_dodges.py",
        "test_engine_echo_quality.py",
        "test_engine_handoffs.py",
        "test_engine_levels.py",
        "test_engine_narrowing.py",
        "test_engine_board.py",
        "test_engine_figures.py",
        "test_engine_resume_equivalence.py",
        "test_planner_library_listening.py",
        "test_persona_rules.py",
        "test_escapes_estimates.py",
        "test_gaps_figures.py",
        "test_kill_planner.py",
        "test_kill_planner_responses.py",
        "test_kill_planner_handoffs.py",
        "test_kill_planner_narrow.py",
        "test_kill_planner_level.py",
        "test_kill_planner_state.py",
        "test_kill_planner_coverage.py",
        "test_engine_deep_dive_pacing.py",
        "test_engine_phase_requests.py",
        "test_engine_coverage_rules.py",
        "test_engine_level_moves.py",
        "test_engine_question_likeness.py",
    )
]
SCORING_TESTS = [
    T + name
    for name in (
        "test_scoring_offline.py",
        "test_scoring_calibration.py",
        "test_scoring_reasons.py",
        "test_scoring_twins.py",
        "test_scoring_board.py",
        "test_gaps_criteria.py",
        "test_escapes_scoring.py",
        "test_scoring_unseen.py",
        "test_kill_signals.py",
        "test_kill_scoring.py",
    )
]
# concepts, evidence and signals: the files that read sentences closely; the calibration, twins and unseen
# suites grade dozens of whole sessions each (a surviving mutant cost minutes under load)
SCORING_READING_TESTS = [
    T + name
    for name in (
        "test_scoring_reasons.py",
        "test_gaps_criteria.py",
        "test_scoring_offline.py",
        "test_escapes_scoring.py",
        "test_kill_signals.py",
        "test_kill_scoring.py",
    )
]
TARGETS: dict[str, Target] = {
    "units": Target(
        "interview/text/units.py",
        [T + "test_text_units.py", T + "test_text_numbers.py", T + "test_escapes_estimates.py"],
    ),
    "numbers": Target(
        "interview/text/numbers.py",
        [
            T + "test_text_numbers.py",
            T + "test_escapes_estimates.py",
            T + "test_kill_numbers.py",
            T + "test_kill_estimates.py",
        ],
    ),
    "estimates": Target(
        "interview/text/estimates.py",
        # not test_understanding_working.py: mutmut cannot pass its long parametrized ids back to pytest
        [
            T + "test_text_numbers.py",
            T + "test_escapes_estimates.py",
            T + "test_estimate_reports.py",
            T + "test_gaps_estimates.py",
            T + "test_kill_estimates.py",
        ],
    ),
    "matching": Target(
        "interview/text/matching.py", [T + "test_text_matching.py", T + "test_kill_matching.py"]
    ),
    "verdicts": Target(
        "interview/scoring/offline.py",
        [T + "test_scoring_verdict_boundaries.py", T + "test_scoring_offline.py"],
        functions=["verdict_for", "overall_from"],
        note="the verdict mapping: thresholds, level, critical cap, word limit",
    ),
    "thresholds": Target(
        "interview/catalog/models.py",
        [T + "test_scoring_verdict_boundaries.py", T + "test_catalog_validation.py"],
        functions=["VerdictThresholds.verdict_for", "VerdictThresholds._descending"],
    ),
    "criteria": Target(
        "interview/scoring/criteria.py",
        [
            T + "test_scoring_offline.py",
            T + "test_scoring_calibration.py",
            T + "test_scoring_verdict_boundaries.py",
            T + "test_gaps_criteria.py",
        ],
        slow=[T + "test_scoring_offline.py::test_offline_scoring_never_imports_litellm"],
    ),
    "guard": Target(
        "interview/scoring/guard.py",
        [
            T + "test_scoring_guard.py",
            T + "test_scoring_guard_forms.py",
            T + "test_escapes_scoring.py",
            T + "test_gaps_guard.py",
        ],
    ),
    "assumptions": Target(
        "interview/understanding/assumptions.py",
        [T + "test_understanding_assumptions.py", T + "test_engine_figures.py"],
        note="right arithmetic on the candidate's own inputs (session 3)",
    ),
    "board": Target(
        "interview/scoring/board.py",
        [T + "test_scoring_board.py"],
        note="the whiteboard as evidence for the grades (session 3)",
    ),
    "judge": Target(
        "interview/scoring/judge.py",
        [
            T + "test_scoring_judge.py",
            T + "test_scoring_judge_guards.py",
            T + "test_escapes_scoring.py",
            T + "test_kill_judge.py",
        ],
    ),
    "planner": Target("interview/engine/planner.py", ENGINE_TESTS),
    "figures": Target(
        "interview/engine/figures.py",
        [T + "test_engine_figures.py", T + "test_escapes_estimates.py", T + "test_engine_planner.py"],
    ),
    "store": Target(
        "interview/store/store.py",
        [
            T + "test_store_roundtrip.py",
            T + "test_store_search.py",
            T + "test_escapes_store.py",
            T + "test_gaps_store.py",
        ],
    ),
    "connection": Target(
        "interview/store/connection.py",
        [T + "test_kill_connection.py", T + "test_escapes_store.py", T + "test_store_bad_db.py"],
    ),
    "migrations": Target(
        "interview/store/migrations.py",
        [T + "test_store_migrations.py", T + "test_escapes_store.py", T + "test_kill_migrations.py"],
    ),
    "markdown": Target(
        "interview/store/markdown.py",
        [T + "test_kill_markdown.py", T + "test_store_markdown_literal.py", T + "test_escapes_reports.py"],
    ),
    "cli-exits": Target(
        "interview/cli/__init__.py",
        # test_cli_exits.py runs the command in child processes, which mutmut cannot map to the code
        [T + "test_kill_cli_exits.py", T + "test_cli_exits.py", T + "test_cli_lazy.py"],
    ),
    # --- session 4: the rest of text/, scoring/, engine/planner* and store/ (issue 18)
    "display": Target(
        "interview/text/display.py",
        [T + "test_display_sanitiser.py", T + "test_hostile_cli_output.py", T + "test_kill_display.py"],
    ),
    "report-sections": Target(
        "interview/text/report_sections.py",
        [
            T + "test_report_forms.py",
            T + "test_report_unanswered.py",
            T + "test_escapes_reports.py",
            T + "test_kill_report_sections.py",
        ],
    ),
    "estimate-report": Target(
        "interview/text/estimate_report.py",
        [T + "test_estimate_reports.py", T + "test_escapes_reports.py", T + "test_kill_estimate_report.py"],
    ),
    "judge-guard": Target(
        "interview/scoring/judge_guard.py",
        [T + "test_scoring_judge_guards.py", T + "test_scoring_judge.py", T + "test_kill_judge.py"],
    ),
    "evidence": Target(
        "interview/scoring/evidence.py",
        [*SCORING_READING_TESTS, T + "test_escapes_estimates.py", T + "test_estimate_reports.py"],
    ),
    "concepts": Target("interview/scoring/concepts.py", SCORING_READING_TESTS),
    "signals": Target("interview/scoring/signals.py", SCORING_READING_TESTS),
    "planner-responses": Target("interview/engine/planner_responses.py", ENGINE_TESTS),
    "planner-handoffs": Target("interview/engine/planner_handoffs.py", ENGINE_TESTS),
    "planner-narrow": Target(  # narrowed: the engine suites ran > 60 s a mutant under load
        "interview/engine/planner_narrow.py",
        [T + "test_engine_narrowing.py", T + "test_kill_planner_narrow.py", T + "test_engine_listening.py"],
    ),
    "planner-level": Target("interview/engine/planner_level.py", ENGINE_TESTS),
    "planner-coverage": Target("interview/engine/planner_coverage.py", ENGINE_TESTS),
    "planner-state": Target("interview/engine/planner_state.py", ENGINE_TESTS),
}

# Survivors that are not bugs: the program behaves the same. Keyed by target, then by a
# regular expression matched against the mutant's added line ("+..." in its diff).
EQUIVALENT: dict[str, list[tuple[str, str]]] = {
    "units": [
        (
            r'return "(RATE|DURATION|XXrateXX|XXdurationXX)"',
            "_family's rate/duration labels are only compared with each other, never with a literal",
        ),
        (
            r"if from_unit in (RATE_UNITS|DURATION_UNITS) or to_unit in",
            "convert() runs after compatible(): both units are already of the same family",
        ),
        (r"from_unit is None and from_unit == to_unit", "both cases fall through to an unchanged value"),
        (r'unit or "XXXX"', "neither an empty nor a made-up unit has a tail"),
        (r"if value < 0:", "0 is below every lower bound (value / tolerance > 0) anyway"),
    ],
    "guard": [
        (
            r"split_sentences\((None, phase|index, None), text\)|scan_turn\(index, None, event\.text\)",
            "scan_turn reads only the sentences' offsets and text, never their turn number or phase",
        ),
        (
            r"fold\(text\) if \(not text\.isascii\(\)\) or True|else text\.upper\(\)",
            "this text only feeds Lowered patterns, which lowercase it again; fold() of ASCII is lower()",
        ),
        (r"\.text\.lstrip\(\)\.endswith", "sentences come already stripped at both ends"),
        (
            r"\(sentences\[i - [12]\]\.start, sentences\[i - [12]\]\.end\) not in spans",
            "only stops a lead-in span being added twice; blanking a span twice blanks the same text",
        ),
        (r'how: str = "XXXX"', "every caller of _flag passes `how`, so its default is never used"),
        (r"if lo <= hi:", "an empty overlap (lo == hi) replaces nothing either way"),
        (
            r'event\.role != "candidate" and event\.kind != "answer"',
            "interviewer events are never 'answer' and a candidate's other events are slash commands",
        ),
    ],
    "criteria": [
        (
            r'if \(\w+\) or True else ""',
            "a note on a strand worth 0 is never shown: the why line and strengths keep notes of strands "
            "with value > 0, and has_evidence needs value > 0 too",
        ),
        (
            r'CONCEPT_SHARE\.get\(kind or "XXXX", 1\.0\)',
            "no kind is named 'XXXX' either: both default to 1.0",
        ),
        (r"criterion, None, points, score", "CriterionResult.strength is never read: points carry the grade"),
    ],
    "figures": [
        (
            r"_judge\(text\)|_record\(None, verdicts|_record\(st, verdicts, \)",
            "check_figures has no caller (the planner goes through FigureLedger.observe): dead code",
        ),
        (
            r'FigureVerdict\(a\.estimate\.id, fig\.raw, None, "asked"',
            "an 'asked' verdict is handled by its kind before .ok is read, and None is as falsy as False",
        ),
        (
            r'FigureVerdict\(a\.estimate\.id, fig\.raw, True, None, ""',
            "a verdict's kind is only ever compared with 'asked'",
        ),
        (
            r"'XX XX'\.join\(raw\.lower\(\)\.split\(\)\)",
            "every challenge key is made by _key, for storing and finding alike: only its identity matters",
        ),
    ],
    "estimates": [
        (
            r"if unit is None and unit not in RATE_UNITS:",
            "unit is None or per_<period> (week excluded above), and every such per_<period> is a rate unit",
        ),
        (
            r"label\.upper\(\)\)\.split",
            "a stem is only ever compared with another stem, and upper() and lower() agree on which "
            "labels are equal (they differ only for letters like ß, in no catalog label)",
        ),
        (
            r"only\.unit == as_fig\.unit or \(fig\.unit in RATE_UNITS or only\.unit in RATE_UNITS\)",
            "a figure compatible with an estimate is a rate exactly when the estimate is (a byte rate "
            "re-expressed as bytes has the estimate's unit): 'either is a rate' = 'both are'",
        ),
        (
            r"key = \(1 if min\(distances\) <= _SAME_PHRASE_CHARS",
            "the near band's key only has to sort before every far distance, and those are over 40",
        ),
        (r"^\+\s*lowered = None$", "phrase_spans lowercases the text itself when not given it: only slower"),
        (
            r"lo = None$",
            "near() only narrows the spans for speed: _distance drops every span over 80 characters away",
        ),
    ],
    "store": [
        (
            r'"select 1 from sessions where id|"SELECT 1 FROM SESSIONS WHERE ID'
            r'|"insert or ignore into snapshots',
            "SQLite keywords and names are case-insensitive",
        ),
        (r"cursor\.lastrowid or 1\)", "an INSERT always sets lastrowid, so the fallback is never used"),
        (r"limit=-2\)", "any negative LIMIT means no limit in SQLite"),
    ],
    "verdicts": [
        (r"if not total:\s*$", "only reachable with an empty rubric, which the catalog rejects"),
        (r"return 0\.0|return 1\.0", "the empty-rubric branch again: rubrics have at least one criterion"),
        (r"\) or [0-9.]+$", "`or 1.0` guards a zero total weight, which a valid rubric cannot have"),
        (
            r">= VERDICT_SCALE\.index\(CAPPED_VERDICT\)",
            "capping lean_no_hire to lean_no_hire changes nothing",
        ),
    ],
    # -- numbers
    "numbers": [],
    # -- matching
    "matching": [
        (
            r"phrase_spans\(text, phrase, (None)?\)",
            "phrase_spans lowercases the text itself when it is not given the lowered copy: only slower",
        ),
        (r'"XXizXX", "ag"', "every base ending in 'iz' also ends in 'z', which is in the same tuple"),
    ],
    # -- display
    "display": [
        (
            r"isinstance\(fields, dict\) or hasattr\(value, \"model_copy\"\)",
            "a value has model_copy exactly when its class has a model_fields dict: a pydantic model",
        ),
        (
            r"zip\(walked, value, (strict=(None|False))?\)",
            "`walked` is built from `value`, one item each: the lengths always agree",
        ),
        (
            r"cut if cut (> 1|>= 0) else limit",
            "rfind searches from limit // 2, so cut is -1 or at least limit // 2: never 1 for a limit "
            "of 4 or more (the screens pass 8,000)",
        ),
        (r"_table\(keep_layout=None\)", "_table only tests keep_layout for truth: None is as false as False"),
        (
            r"type\(value\)\(walked\) if \(isinstance\(value, list\)\) or True",
            "for a tuple, type(value)(walked) is tuple(walked) (no record holds a named tuple)",
        ),
    ],
    # -- report-sections
    "report-sections": [
        (
            r"^(?!.*Top improvements).*Block\((None|\"XXitemsXX\"|\"ITEMS\"), items=",
            "both front-ends lay out a block of any kind they do not name as a bulleted list, "
            "which is what 'items' is (only 'numbered' is told apart)",
        ),
        (
            r"Section\((None|\"XX[a-z]+XX\"|\"[A-Z]+\"), \"",
            "no front-end reads a section's id: every form shows its title",
        ),
        (
            r"lines \+= block_markdown\(block, \)",
            "every caller of sections_markdown uses its default level 2, so level + 1 is "
            "block_markdown's default 3",
        ),
        (
            r"VERDICT_LABELS\.get\(None, ",
            "every VERDICT_LABELS entry is its id with spaces, capitalised: the fallback gives the "
            "same label",
        ),
    ],
    # -- estimate-report
    "estimate-report": [],
    # -- judge
    "judge": [],
    # -- judge-guard
    "judge-guard": [
        (
            r"^\+\s+texts = \[c\.name, c\.looks_for",
            "texts is still empty there: one rubric criterion has the id (the catalog rejects duplicates)",
        ),
    ],
    # -- evidence
    "evidence": [],
    # -- concepts
    "concepts": [
        (
            r"_ALNUM_RUN\.match\(phrase\.upper\(\)",
            "an empty needle only means the phrase is searched in every turn: the same hits, found slower",
        ),
        (
            r"hit\.start >= len\(sentence\.text\)",
            "offset len(sentence.text) is the space joining the two sentences: no claim starts on a space",
        ),
        (
            r"follow(\.text)?\.rstrip\(\)\.lower\(\)\.startswith",
            "sentences come already stripped at both ends",
        ),
        (
            r"why_number = has_number\(why\) if why is not None else True",
            "why_number is read only when why is not None",
        ),
    ],
    # -- signals
    "signals": [
        (
            r"self\.pattern = (None|re\.compile\(None\))",
            "not a behaviour change mutmut can run: every pattern is compiled at import, before a "
            "mutant is switched on (a broken pattern fails every scoring test at import)",
        ),
    ],
    # -- planner
    "planner": [
        (
            r'question = Move\(kind="ask_scale", phase=phase, key="XXask_scaleXX"\)',
            "the opener asks scale only on leaving the requirements; its key is looked up only in them",
        ),
    ],
    # -- planner-responses
    "planner-responses": [],
    # -- planner-handoffs
    "planner-handoffs": [],
    # -- planner-narrow
    "planner-narrow": [
        (
            r'found\.rstrip\("XXsXX"\)',
            "the words are lowercased first: also stripping a trailing 'X' changes nothing",
        ),
    ],
    # -- planner-level
    "planner-level": [],
    # -- planner-coverage
    "planner-coverage": [],
    # -- planner-state
    "planner-state": [],
    # -- connection
    "connection": [
        (r"create=None\)", "private_file only tests `create` for truth: None is as falsy as False"),
        (
            r"float\(raw\) if \(raw\) or True",
            "float('') raises ValueError, which returns the same default",
        ),
        (r'fetchone\(\)\[0\] != "WAL"', "switching a database already in WAL to WAL changes nothing"),
        (r'"PRAGMA JOURNAL_MODE = WAL"|"pragma foreign_keys = on"', "SQLite keywords are case-insensitive"),
        (
            r"timeout=busy_timeout, \)$",
            "every statement that writes runs inside an explicit BEGIN ... COMMIT, so Python's "
            "implicit transactions (the default isolation level) never start",
        ),
    ],
    # -- migrations
    "migrations": [
        (
            r'"(begin immediate|commit|rollback|pragma user_version|PRAGMA USER_VERSION)"',
            "SQLite keywords are case-insensitive",
        ),
    ],
    # -- markdown
    "markdown": [],
    # -- cli-exits
    "cli-exits": [
        (r"standalone_mode=None\)", "click reads standalone_mode only as `if not standalone_mode`"),
        (
            r'__dict__\.setdefault\((None|"_LOADED"|"XX_loadedXX"), set\(\)\)',
            "the key of the loaded-modules set is read nowhere else: any key works the same",
        ),
        (r"super\(\)\.list_commands\(None\)", "click.Group.list_commands never reads its ctx"),
    ],
}

U, TUI = "tests/unit/", "tests/tui/"
# (label, file, code as it is, the planted bug, tests that must now fail)
ESCAPES: list[tuple[str, str, str, str, list[str]]] = [
    (
        "strong hire unreachable",
        "interview/catalog/models.py",
        'for name in ("strong_hire", "hire", "lean_hire", "lean_no_hire", "no_hire"):',
        'for name in ("hire", "lean_hire", "lean_no_hire", "no_hire"):',
        [U + "test_scoring_verdict_boundaries.py"],
    ),
    (
        "verdict threshold strict",
        "interview/catalog/models.py",
        "if overall >= getattr(self, name):",
        "if overall > getattr(self, name):",
        [U + "test_scoring_verdict_boundaries.py"],
    ),
    (
        "level ignored",
        "interview/scoring/offline.py",
        "thresholds = getattr(rubric.verdicts, level, rubric.verdicts.senior)",
        "thresholds = rubric.verdicts.senior",
        [U + "test_scoring_verdict_boundaries.py"],
    ),
    (
        "critical share moved",
        "interview/scoring/offline.py",
        "CRITICAL_WEIGHT_SHARE = 0.15",
        "CRITICAL_WEIGHT_SHARE = 0.16",
        [U + "test_scoring_verdict_boundaries.py"],
    ),
    (
        "critical cap moved",
        "interview/scoring/offline.py",
        'CAPPED_VERDICT = "lean_no_hire"',
        'CAPPED_VERDICT = "lean_hire"',
        [U + "test_scoring_verdict_boundaries.py"],
    ),
    (
        "word limit moved",
        "interview/scoring/offline.py",
        "if words < MIN_WORDS:",
        "if words <= MIN_WORDS:",
        [U + "test_scoring_verdict_boundaries.py"],
    ),
    (
        "tolerance open",
        "interview/text/units.py",
        "return estimate.value / estimate.tolerance <= value <= estimate.value * estimate.tolerance",
        "return estimate.value / estimate.tolerance < value < estimate.value * estimate.tolerance",
        [U + "test_escapes_estimates.py"],
    ),
    (
        "given figure counted (planner)",
        "interview/engine/figures.py",
        "        if a.given:\n            continue  # a number the interviewer gave",
        "        if False:\n            continue  # a number the interviewer gave",
        [U + "test_escapes_estimates.py"],
    ),
    (
        "given figure counted (scorer)",
        "interview/scoring/evidence.py",
        "if attempt.derived or attempt.question or attempt.given or est.id not in by_id:",
        "if attempt.derived or attempt.question or est.id not in by_id:",
        [U + "test_escapes_estimates.py"],
    ),
    (
        "bare number challenged",
        "interview/engine/figures.py",
        "elif fig.unit is not None or (a.estimate.id == asked and lone):",
        "else:",
        [U + "test_escapes_estimates.py", U + "test_gaps_figures.py"],
    ),
    (
        "resume skips the whiteboard",
        "interview/engine/session.py",
        'elif event.kind == "whiteboard":\n                self.planner.observe_board(event.text)',
        'elif event.kind == "whiteboard":\n                pass',
        [U + "test_engine_resume_equivalence.py"],
    ),
    (
        "resume skips noted moves",
        "interview/engine/session.py",
        "self.planner.commit(move)\n                self._note_move(move)\n",
        "self.planner.commit(move)\n",
        [U + "test_engine_resume_equivalence.py"],
    ),
    (
        "guard loses a pattern",
        "interview/scoring/guard.py",
        "for p in _PATTERNS))",
        "for p in _PATTERNS[1:]))",
        [U + "test_escapes_scoring.py"],
    ),
    (
        "judge stops defanging",
        "interview/scoring/judge.py",
        "return _DELIMITER.sub(lambda m: m.group(0)[0] * 2, text)",
        "return text",
        [U + "test_escapes_scoring.py"],
    ),
    (
        "run stops scoring",
        "interview/cli/run_cmds.py",
        'if session.finished and session.record.status == "completed":',
        "if False:",
        [U + "test_run_cli.py"],
    ),
    (
        "export: not given as no",
        "interview/text/estimate_report.py",  # the estimates table every report form shares
        'None: "not given"}[e.within_tolerance]',
        'None: "no"}[e.within_tolerance]',
        [U + "test_escapes_reports.py::test_the_markdown_export"],
    ),
    (
        "export: tolerance flipped",
        "interview/text/estimate_report.py",
        '{True: "yes", False: "no", None',
        '{True: "no", False: "yes", None',
        [U + "test_escapes_reports.py::test_the_markdown_export"],
    ),
    (
        "terminal: not given as no",
        "interview/text/estimate_report.py",
        'None: "not given"}[e.within_tolerance]',
        'None: "no"}[e.within_tolerance]',
        [U + "test_escapes_reports.py::test_the_terminal_report"],
    ),
    (
        "app: not given as no",
        "interview/text/estimate_report.py",
        'None: "not given"}[e.within_tolerance]',
        'None: "no"}[e.within_tolerance]',
        [U + "test_escapes_reports.py::test_the_app_report_screen"],
    ),
    (
        "synchronous off",
        "interview/store/connection.py",
        "PRAGMA synchronous = FULL",
        "PRAGMA synchronous = OFF",
        [U + "test_escapes_store.py"],
    ),
    (
        "search worst first",
        "interview/store/store.py",
        "ORDER BY hits.score, e.id DESC",
        "ORDER BY hits.score DESC, e.id DESC",
        [U + "test_escapes_store.py"],
    ),
    (
        "migration not rechecked",
        "interview/store/migrations.py",
        "            if user_version(conn) < version:\n                for sql in statements:",
        "            if True:\n                for sql in statements:",
        [U + "test_escapes_store.py"],
    ),
    (
        "crash log not written",
        "interview/cli/__init__.py",
        "where = _crash_log(exc)",
        "where = None",
        [U + "test_cli_exits.py"],
    ),
    (
        "ctrl+c exits 1",
        "interview/cli/run_cmds.py",
        "raise SystemExit(130) from None",
        "raise SystemExit(1) from None",
        [U + "test_cli_exits.py"],
    ),
    (
        "F7 sends next",
        "interview/tui/screens/interview.py",
        'self._submit("/hint"',
        'self._submit("/next"',
        [TUI + "test_tui_keys.py"],
    ),
    (
        "r on home does nothing",
        "interview/tui/screens/home.py",
        'Binding("r", "resume", "Resume")',
        'Binding("r", "nothing", "Resume")',
        [TUI + "test_tui_keys.py"],
    ),
]

STATUS = {  # mutmut's exit codes (mutmut/stats.py); a CPU-limit signal is a timeout
    1: "killed",
    3: "killed",
    37: "killed",
    -11: "killed",
    0: "survived",
    5: "no tests",
    33: "no tests",
    34: "skipped",
    36: "timeout",
    -24: "timeout",
    24: "timeout",
    152: "timeout",
    255: "timeout",
    -9: "timeout",
}


def ensure_mutmut() -> None:
    """Install mutmut into this interpreter's environment if it is missing."""
    try:
        import mutmut  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", MUTMUT], check=True)


def helper_python(work: Path) -> Path:
    """A bare venv that borrows this one's packages but not its editable install of `interview`,
    so the tests import the mutated copy (mutmut drops the copy's own path from sys.path)."""
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = Path(sysconfig.get_paths()["purelib"])
    (
        venv / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}" / "site-packages" / "borrowed.pth"
    ).write_text(f"{site}\n", encoding="utf-8")
    return venv / "bin" / "python"


CONFTEST = '''"""Makes this tree importable first, and empties the product's caches before each test.

mutmut forks each mutant's run from a process that has already run the tests: a cached
result computed by the original code (lru_cache, cache) would hide the mutant.
"""

import sys

import pytest

PREFIXES = {prefixes!r}
SKIP = {skip!r}


@pytest.fixture(autouse=True)
def _fresh_caches():
    for name, module in list(sys.modules.items()):
        if name.startswith(PREFIXES) and not name.startswith(SKIP) and module is not None:
            for obj in list(vars(module).values()):
                clear = getattr(obj, "cache_clear", None)
                if callable(clear) and not getattr(obj, "__module__", "").startswith(SKIP):
                    clear()
    yield
'''


def prepare_copy(work: Path, target: Target) -> Path:
    tree = work / "tree"
    tree.mkdir()
    for name in COPY:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, tree / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            shutil.copy2(src, tree / name)
    # pytest puts a rootdir conftest's folder first on sys.path: the mutated copy, not the repo.
    # the tests' cached headless runs are made by the engine: stale only when the engine is mutated;
    # the catalog (YAML, slow to load) only when the catalog is
    engine = target.source.startswith("interview/engine")
    prefixes = ("interview.", "tests.support") if engine else ("interview.",)
    skip = () if target.source.startswith("interview/catalog") else ("interview.catalog",)
    conftest = CONFTEST.replace("{prefixes!r}", repr(prefixes)).replace("{skip!r}", repr(skip))
    (tree / "conftest.py").write_text(conftest, encoding="utf-8")
    config = {
        "source_paths": [target.source],
        "pytest_add_cli_args_test_selection": target.tests,
        "pytest_add_cli_args": ["-p", "no:cacheprovider", "-q", "-x", "-p", "no:randomly"]
        + [arg for test in target.slow for arg in ("--deselect", test)],
        "also_copy": ["conftest.py", "interview", "scenarios", "rubrics", "personas"],
    }
    lines = ["", "[tool.mutmut]"] + [f"{k} = {json.dumps(v)}" for k, v in config.items()]
    with (tree / "pyproject.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    return tree


def module_name(source: str) -> str:
    return source.removesuffix(".py").replace("/", ".")


@dataclass
class Result:
    """One module's outcome. `survivors` and `equivalent` hold (mutant, first changed line or why)."""

    name: str
    source: str
    mutants: int = 0
    killed: int = 0
    timeout: int = 0
    not_run: int = 0
    generated: int = 0  # all mutants of the module when only a sample was run, else 0
    survivors: list[tuple[str, str]] = field(default_factory=list)
    equivalent: list[tuple[str, str]] = field(default_factory=list)

    @property
    def counted(self) -> int:
        return self.mutants - self.not_run - len(self.equivalent)

    @property
    def rate(self) -> float:
        return (self.killed + self.timeout) / self.counted if self.counted else 0.0


def _added(diff: str) -> str:
    return "\n".join(
        line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")
    )


def run_target(
    name: str, target: Target, jobs: int, show: int, sample: int = 0, previous: Result | None = None
) -> Result:
    """Mutate one module in a temporary copy; print its rate and survivors.

    With `previous` (a recorded run of the same, unchanged source) only its survivors are run
    again; its killed mutants stay killed.
    """
    missing = [t for t in target.tests if not (REPO / t).exists()]
    tests = [t for t in target.tests if t not in missing]
    target = Target(target.source, tests, target.functions, target.note, target.slow)
    result = Result(name, target.source + (f" ({', '.join(target.functions)})" if target.functions else ""))
    with tempfile.TemporaryDirectory(prefix="mutation-") as tmp:
        work = Path(tmp)
        python = helper_python(work)
        tree = prepare_copy(work, target)
        module = module_name(target.source)
        selection = []
        for function in target.functions:
            mangled = function.replace(".", "ǁ") if "." in function else function
            selection.append(f"{module}.x{'ǁ' if '.' in function else '_'}{mangled}__mutmut_*")
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        env.pop("PYTHONPATH", None)
        meta = tree / "mutants" / (target.source + ".meta")

        def mutmut_run(names: list[str]) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [str(python), "-m", "mutmut", "run", "--max-children", str(jobs), *names],
                cwd=tree,
                env=env,
                capture_output=True,
                text=True,
            )

        wanted = [re.compile(re.escape(s).replace(r"\*", ".*")) for s in selection]
        if previous is not None:
            selection = [key for key, _ in previous.survivors]
            wanted = [re.compile(re.escape(k)) for k in selection]
        elif sample:
            # generate the mutants and the test map only (no name matches), then run a random sample
            mutmut_run([f"{module}.x_no_such_function__mutmut_*"])
            if meta.exists():
                keys = sorted(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
                keys = [k for k in keys if not wanted or any(w.fullmatch(k) for w in wanted)]
                result.generated = len(keys)
                selection = random.Random(18).sample(keys, min(sample, len(keys)))
                wanted = [re.compile(re.escape(k)) for k in selection]
        proc = mutmut_run(selection)
        if not meta.exists():
            print(
                f"{name}: mutmut did not run (exit {proc.returncode})\n"
                f"{proc.stdout[-2000:]}{proc.stderr[-2000:]}"
            )
            return result
        codes: dict[str, int | None] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if wanted:
            codes = {k: v for k, v in codes.items() if any(w.fullmatch(k) for w in wanted)}
        verdicts = {k: STATUS.get(v, "other") if v is not None else "not run" for k, v in codes.items()}
        if verdicts and all(v == "not run" for v in verdicts.values()):
            print(
                f"{name}: no mutant ran (mutmut exit {proc.returncode})\n"
                f"{proc.stdout[-3000:]}{proc.stderr[-3000:]}"
            )
        result.mutants = len(verdicts)
        result.killed = sum(1 for v in verdicts.values() if v == "killed")
        result.timeout = sum(1 for v in verdicts.values() if v == "timeout")
        result.not_run = sum(1 for v in verdicts.values() if v in ("not run", "skipped"))
        if previous is not None:
            result.mutants, result.generated = previous.mutants, previous.generated
            result.killed += previous.killed
            result.timeout += previous.timeout
            result.not_run += previous.not_run
            result.equivalent = list(previous.equivalent)
        diffs: dict[str, str] = {}
        for key in sorted(
            k for k, v in verdicts.items() if v not in ("killed", "timeout", "not run", "skipped")
        ):
            diff = subprocess.run(
                [str(python), "-m", "mutmut", "show", key], cwd=tree, env=env, capture_output=True, text=True
            ).stdout
            added = _added(diff)
            why = next(
                (w for pattern, w in EQUIVALENT.get(name, []) if re.search(pattern, added, re.M)), None
            )
            if why:
                result.equivalent.append((key, why))
            else:
                diffs[key] = diff
                result.survivors.append((key, (added.splitlines() or ["+(line removed)"])[0][1:].strip()))
    print(f"\n== {name}: {result.source}")
    if missing:
        print(f"   (tests not in this tree, skipped: {', '.join(missing)})")
    print(
        f"   {result.killed + result.timeout}/{result.counted} killed = {result.rate:.0%}; "
        f"{len(result.survivors)} survived; {len(result.equivalent)} equivalent"
    )
    for key, why in result.equivalent:
        print(f"   equivalent {key}: {why}")
    for key, _ in result.survivors[:show]:
        body = "\n".join(
            "      " + line for line in diffs[key].splitlines() if line[:1] in "+-@" or line.startswith(" ")
        )
        print(f"   survived {key}\n{body}")
    if len(result.survivors) > show:
        print(f"   ... and {len(result.survivors) - show} more survivors (--show N to see them)")
    return result


HEADER = "| module | mutants run | killed | survived | timeout | equivalent | kill rate |"


def table(results: list[Result]) -> str:
    """The summary as a Markdown table (rate = (killed + timeout) / (mutants - equivalent - not run))."""
    rows = [HEADER, "|" + "---|" * 7]
    for r in results:
        mark = "" if r.rate >= 0.85 else " BELOW"
        run = f"{r.mutants} of {r.generated} (sample)" if r.generated > r.mutants else str(r.mutants)
        rows.append(
            f"| {r.name} | {run} | {r.killed} | {len(r.survivors)} | {r.timeout} | "
            f"{len(r.equivalent)} | {r.rate:.0%}{mark} |"
        )
    return "\n".join(rows)


def record(results: list[Result], path: Path) -> None:
    """Merge these modules' results into a JSON file (one entry per module, newest wins)."""
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    for r in results:
        data[r.name] = {
            "source": r.source,
            "mutants": r.mutants,
            "killed": r.killed,
            "timeout": r.timeout,
            "not_run": r.not_run,
            "generated": r.generated,
            "survivors": r.survivors,
            "equivalent": r.equivalent,
        }
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    path.with_suffix(".md").write_text(markdown(load(path)), encoding="utf-8")


def markdown(results: list[Result]) -> str:
    """The recorded results for people: the table, then each module's survivors and equivalents."""
    out = [
        "# Mutation testing results (bench/mutation.py)",
        "",
        "Generated by `bench/mutation.py --record bench/mutation_results.json`; a module marked",
        "(sample) ran a random sample of its mutants (seed 18). Rate = (killed + timeout) /",
        "(mutants run - equivalent).",
        "",
        table(results),
    ]
    for r in results:
        if not (r.survivors or r.equivalent):
            continue
        out += ["", f"## {r.name}: {r.source}", ""]
        out += [f"- survived `{key}`: `{line}`" for key, line in r.survivors]
        out += [f"- equivalent `{key}`: {why}" for key, why in r.equivalent]
    return "\n".join(out) + "\n"


def _reclassify(r: Result) -> Result:
    """Move recorded survivors that EQUIVALENT now explains (by their changed line) to equivalent."""
    patterns = EQUIVALENT.get(r.name, [])
    keep = []
    for key, line in r.survivors:
        why = next((w for pattern, w in patterns if re.search(pattern, "+" + line)), None)
        (r.equivalent.append((key, why)) if why else keep.append((key, line)))
    r.survivors = keep
    return r


def load(path: Path) -> list[Result]:
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    out = []
    for name, d in data.items():
        out.append(
            _reclassify(
                Result(
                    name,
                    d["source"],
                    d["mutants"],
                    d["killed"],
                    d["timeout"],
                    d["not_run"],
                    d.get("generated", 0),
                    [tuple(x) for x in d["survivors"]],
                    [tuple(x) for x in d["equivalent"]],
                )
            )
        )
    return out


def run_escapes(only: list[str]) -> None:
    """Plant each named escape (or those whose label contains one of `only`) in a temporary copy;
    it must make its tests fail."""
    with tempfile.TemporaryDirectory(prefix="escapes-") as tmp:
        work = Path(tmp)
        python = helper_python(work)
        tree = prepare_copy(work, Target("interview/__init__.py", []))
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        caught = 0
        chosen = [e for e in ESCAPES if not only or any(o in e[0] for o in only)]
        for label, source, old, new, tests in chosen:
            path = tree / source
            text = path.read_text(encoding="utf-8")
            if text.count(old) != 1:
                print(f"  not applicable  {label} (the code has changed: update its strings)")
                continue
            path.write_text(text.replace(old, new), encoding="utf-8")
            try:
                proc = subprocess.run(
                    [str(python), "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
                    cwd=tree,
                    env=env,
                    capture_output=True,
                    text=True,
                )
            finally:
                path.write_text(text, encoding="utf-8")
            ok = proc.returncode != 0
            caught += ok
            print(f"  {'caught ' if ok else 'ESCAPED'}  {label}")
        print(f"{caught}/{len(chosen)} planted escapes caught")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("targets", nargs="*", help=f"modules to run: {', '.join(TARGETS)}")
    parser.add_argument("--all", action="store_true", help="run every module (slow)")
    parser.add_argument("--jobs", type=int, default=1, help="mutants run at once (default 1)")
    parser.add_argument("--show", type=int, default=10, help="survivor diffs to print per module")
    parser.add_argument("--escapes", action="store_true", help="re-plant issue 18's named escapes")
    parser.add_argument(
        "--sample", type=int, default=0, help="run only N mutants per module, drawn at random (seed 18)"
    )
    parser.add_argument("--record", metavar="JSON", help="merge the results into this file")
    parser.add_argument(
        "--rerun", action="store_true", help="run only the survivors in the --record file (source unchanged)"
    )
    parser.add_argument("--table", action="store_true", help="print the table of the --record file and exit")
    args = parser.parse_args()
    if args.escapes:
        run_escapes(args.targets)
        return
    if args.table:
        results = load(Path(args.record))
        print(table(results))
        return
    names = list(TARGETS) if args.all else args.targets
    if not names:
        for name, target in TARGETS.items():
            extra = f" [{', '.join(target.functions)}]" if target.functions else ""
            print(f"{name:12} {target.source}{extra}\n{'':12} tests: {', '.join(target.tests)}")
        return
    unknown = [n for n in names if n not in TARGETS]
    if unknown:
        parser.error(f"unknown module(s): {', '.join(unknown)}; choose from {', '.join(TARGETS)}")
    ensure_mutmut()
    before = {r.name: r for r in load(Path(args.record))} if args.rerun and args.record else {}
    results = [
        run_target(name, TARGETS[name], args.jobs, args.show, args.sample, before.get(name)) for name in names
    ]
    print("\n" + table(results))
    if args.record:
        record(results, Path(args.record))


if __name__ == "__main__":
    main()
