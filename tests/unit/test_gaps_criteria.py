"""The per-criterion "why" a user reads: its words, its counts, its concepts, its quotes.

Found by mutation testing (bench/mutation.py criteria): a why line could say "XX calculations
shownXX", "1 components", drop "named without explaining", or quote a deep-dive aside as
requirements evidence, and no test noticed.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from interview.scoring.criteria import concept_label, criterion_kind, estimate_accuracy, score_criterion
from interview.scoring.offline import analyse
from tests.support.scoring_sessions import headless_run

# (singular, plural) of every counted thing a why line names
NOUNS = [
    ("clarifying question", "clarifying questions"),
    ("non-functional requirement raised", "non-functional requirements raised"),
    ("assumption or scope call", "assumptions or scope calls"),
    ("calculation shown", "calculations shown"),
    ("design statement backed by numbers", "design statements backed by numbers"),
    ("API endpoint defined", "API endpoints defined"),
    ("statement about inputs, outputs or errors", "statements about inputs, outputs or errors"),
    ("data model statement", "data model statements"),
    ("data-flow walkthrough", "data-flow walkthroughs"),
    ("bottleneck or capacity argument", "bottleneck or capacity arguments"),
    ("failure-handling explanation", "failure-handling explanations"),
    ("trade-off argued with a reason", "trade-offs argued with a reason"),
    ("turn with signposting", "turns with signposting"),
    ("check-in with the interviewer", "check-ins with the interviewer"),
    ("sentence reasoning out loud", "sentences reasoning out loud"),
]
OTHER = [
    r"asked about \d+ of \d+ hidden facts",
    r"\d+ of \d+ reference figures within tolerance(, \d+ off)?",
    r"\d+ words of reasoning in the deep dive",
    r"kept to the phase plan",
    r"ran over or skipped phases of the plan",
]
CONCEPTS = r"(explained|named without explaining|misconception about) [^;]+"


def _grammatical(note: str) -> bool:
    m = re.fullmatch(r"(\d+) (.+)", note)
    if m:
        n, rest = int(m.group(1)), m.group(2)
        if re.fullmatch(r"components? \([a-z, ]+\)", rest):
            return rest.startswith("component " if n == 1 else "components ")
        for one, many in NOUNS:
            if rest in (one, many):
                return rest == (one if n == 1 else many)
    return any(re.fullmatch(p, note) for p in OTHER) or bool(re.fullmatch(f"{CONCEPTS}(; {CONCEPTS})*", note))


RUNS = [
    ("url-shortener", "strong"),
    ("url-shortener", "weak"),
    ("chat", "strong"),
    ("payment-rail", "mediocre"),
]


# function scope on purpose: mutmut maps tests to the functions they call, and a module-scoped
# fixture's calls would be credited to the first test only
@pytest.fixture(params=RUNS, ids=["-".join(r) for r in RUNS])
def graded(request: pytest.FixtureRequest):
    scenario_id, quality = request.param
    record, events = headless_run(scenario_id, quality)
    scenario, rubric, ev, _ = analyse(record, events)
    return scenario, rubric, ev, [score_criterion(c, ev, scenario, "senior", 0.9) for c in rubric.criteria]


def test_every_note_uses_the_reports_words_and_counts_agree_with_their_nouns(graded) -> None:
    *_, results = graded
    notes = [c.note for r in results for c in r.components if c.note]
    assert notes
    assert [n for n in notes if not _grammatical(n)] == []


def test_every_strand_of_evidence_is_worth_between_nothing_and_all_of_its_weight(graded) -> None:
    *_, results = graded
    values = [c.value for r in results for c in r.components]
    assert all(0.0 <= v <= 1.0 for v in values), values


def test_a_concept_note_names_each_concept_under_its_status(graded) -> None:
    scenario, rubric, ev, results = graded
    for result in results:
        mine = [c for c in ev.concepts.values() if c.concept.criterion == result.criterion.id]
        note = "; ".join(c.note for c in result.components)
        for c in mine:
            label = concept_label(c.concept.id, c.concept.phrases)
            if c.status == "explained":
                assert re.search(rf"explained [^;]*\b{re.escape(label)}\b", note), (label, note)
            elif c.status == "named":
                assert re.search(rf"named without explaining [^;]*\b{re.escape(label)}\b", note), (
                    label,
                    note,
                )
            else:
                assert not re.search(
                    rf"(explained|named without explaining) [^;]*\b{re.escape(label)}\b", note
                )


def test_a_hyphenated_concept_keeps_its_hyphen_in_the_why_line() -> None:
    record, events = headless_run("chat", "strong")
    scenario, rubric, ev, _ = analyse(record, events)
    deep = next(c for c in rubric.criteria if c.id == "deep_dive")
    notes = [c.note for c in score_criterion(deep, ev, scenario, "senior", 0.9).components]
    assert any("per-conversation ordering" in n for n in notes), notes


def test_requirements_evidence_for_concepts_is_quoted_from_the_requirements_phase() -> None:
    record, events = headless_run("url-shortener", "strong")
    scenario, rubric, ev, _ = analyse(record, events)
    req = next(c for c in rubric.criteria if c.id == "requirements")
    result = score_criterion(req, ev, scenario, "senior", 0.9)
    concept_quotes = result.components[-1].quotes
    assert concept_quotes
    assert {ev.transcript.turns[turn].phase for turn, _, _ in concept_quotes} == {"requirements"}


@pytest.mark.parametrize(
    ("adherence", "note"),
    [(0.8, "kept to the phase plan"), (0.79, "ran over or skipped phases of the plan"), (None, None)],
)
def test_time_kept_is_named_in_communication_from_eighty_percent(
    adherence: float | None, note: str | None
) -> None:
    record, events = headless_run("url-shortener", "strong")
    scenario, rubric, ev, _ = analyse(record, events)
    comm = next(c for c in rubric.criteria if c.id == "communication")
    result = score_criterion(comm, ev, scenario, "senior", adherence)
    timed = [c for c in result.components if "phase" in c.note]
    assert [(c.note, c.value, c.weight) for c in timed] == ([] if note is None else [(note, adherence, 0.2)])


def _checked(*within: bool | None) -> SimpleNamespace:
    return SimpleNamespace(
        estimates=[SimpleNamespace(check=SimpleNamespace(within_tolerance=w, assumed=[])) for w in within]
    )


def test_estimate_accuracy_needs_two_checked_figures() -> None:
    assert estimate_accuracy(_checked(True, None)) is None
    assert estimate_accuracy(_checked(True, False, None)) == 0.5
    assert estimate_accuracy(_checked(True, True, False, False)) == 0.5


def test_a_users_criterion_is_read_by_the_words_of_its_id() -> None:
    record, events = headless_run("url-shortener", "strong")
    scenario, rubric, *_ = analyse(record, events)
    base = rubric.criteria[0]
    assert (
        criterion_kind(base.model_copy(update={"id": "rest_api", "name": "Endpoints"}))
        == "api_and_data_model"
    )
    assert (
        criterion_kind(base.model_copy(update={"id": "fault_tolerance", "name": "Staying up"}))
        == "reliability"
    )


def test_the_hidden_facts_asked_about_are_counted_in_the_requirements_note() -> None:
    record, events = headless_run("url-shortener", "strong")
    scenario, rubric, ev, _ = analyse(record, events)
    req = next(c for c in rubric.criteria if c.id == "requirements")
    notes = [c.note for c in score_criterion(req, ev, scenario, "senior", 0.9).components]
    assert f"asked about {len(ev.facts_asked)} of {len(scenario.facts)} hidden facts" in notes
    assert 0 < len(ev.facts_asked) <= len(scenario.facts)


def test_a_sound_method_landing_on_mostly_wrong_figures_grades_estimation_at_most_2(tmp_path) -> None:
    from tests.support.scoring_sessions import CALIBRATION

    text = (CALIBRATION / "url-shortener" / "strong_terse.txt").read_text(encoding="utf-8")
    for right, wrong in [
        ("≈ 40/s avg, ~100/s peak", "≈ 4/s avg, ~10/s peak"),
        ("~4k/s avg, ~10k/s peak", "~400/s avg, ~1k/s peak"),
        ("= 3 TB (9 TB w/ 3 replicas)", "= 3 GB (9 GB w/ 3 replicas)"),
        ("most of the 4k/s", "most of the 400/s"),
    ]:
        assert right in text
        text = text.replace(right, wrong)
    (tmp_path / "url-shortener").mkdir()
    (tmp_path / "url-shortener" / "wrong.txt").write_text(text, encoding="utf-8")
    grades = {}
    for quality, root in [("strong_terse", CALIBRATION), ("wrong", tmp_path)]:
        scenario, rubric, ev, _ = analyse(*headless_run("url-shortener", quality, root=root))
        estimation = next(c for c in rubric.criteria if c.id == "estimation")
        grades[quality] = score_criterion(estimation, ev, scenario, "senior", None)
    assert grades["strong_terse"].score == 4
    assert grades["wrong"].points <= 2.4 and grades["wrong"].score <= 2


def test_explained_concepts_outside_requirements_are_quoted_from_wherever_they_were_said() -> None:
    scenario, rubric, ev, _ = analyse(*headless_run("url-shortener", "strong"))
    for cid in ("deep_dive", "high_level_design", "reliability"):
        criterion = next(c for c in rubric.criteria if c.id == cid)
        concept = score_criterion(criterion, ev, scenario, "senior", 0.9).components[-1]
        assert concept.note.startswith("explained ") and concept.quotes, cid
