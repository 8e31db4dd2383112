"""The planner's behaviours, one test each (issue 3), on a small fixture scenario."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.catalog import Catalog, load_catalog
from interview.engine.moves import Move
from interview.engine.offline import OfflineVoice
from interview.engine.planner import Planner, is_question

CATALOG_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "runs" / "catalog"


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog([CATALOG_DIR])


@pytest.fixture
def planner(catalog: Catalog) -> Planner:
    return Planner(
        catalog.scenario("mini-shortener"), catalog.persona("tester"), catalog.rubric("system-design")
    )


@pytest.fixture
def voice(catalog: Catalog) -> OfflineVoice:
    return OfflineVoice(catalog.scenario("mini-shortener"), catalog.persona("tester"), seed=1)


def turn(planner: Planner, text: str, phase: str, *, late: bool = False) -> Move:
    """One candidate turn and the planner's committed reply."""
    move = planner.reply(planner.observe(text, phase), late=late)
    planner.commit(move)
    return move


# --------------------------------------------------------------------------- requirements


def test_asks_for_scale_late_in_requirements_when_none_was_asked(
    planner: Planner, voice: OfflineVoice
) -> None:
    early = turn(planner, "It shortens URLs and redirects. Users can pick custom aliases.", "requirements")
    assert early.kind == "listen"
    late = turn(planner, "Links should redirect quickly.", "requirements", late=True)
    assert late.kind == "ask_scale"
    assert "scale" in voice.render(late).lower()


def test_asks_for_scale_when_leaving_requirements_without_it(planner: Planner) -> None:
    turn(planner, "Do we need custom aliases?", "requirements")
    opener = planner.opener("estimation", "requirements", "next")
    assert opener.kind == "ask_scale"
    assert opener.transition_from == "requirements"


def test_does_not_ask_for_scale_once_the_candidate_asked(planner: Planner) -> None:
    turn(planner, "How many new URLs are created per month?", "requirements")
    late = turn(planner, "Links should redirect quickly.", "requirements", late=True)
    assert late.kind != "ask_scale"
    assert planner.opener("estimation", "requirements", "next").kind == "ask_estimate"


def test_reveals_only_the_fact_a_question_touches(planner: Planner, voice: OfflineVoice) -> None:
    move = turn(planner, "How long do we keep the links?", "requirements")
    assert move.kind == "reveal"
    assert move.facts == ["retention"]
    text = voice.render(move)
    assert "5 years" in text
    assert "100 million" not in text and "optional" not in text
    assert planner.state.revealed == ["retention"]


def test_never_volunteers_a_fact_on_a_statement(planner: Planner) -> None:
    move = turn(
        planner, "I'll assume links expire after a while and custom aliases are allowed.", "requirements"
    )
    assert move.facts == []
    assert planner.state.revealed == []


def test_a_question_touching_no_fact_gets_the_candidates_call(planner: Planner, voice: OfflineVoice) -> None:
    move = turn(planner, "Should the codes be case-sensitive?", "requirements")
    assert move.kind == "assume"
    text = voice.render(move)
    assert "100 million" not in text and "5 years" not in text


def test_question_detection() -> None:
    assert is_question("What is the read ratio?")
    assert is_question("Tell me about retention.")
    assert not is_question("When one node is not enough I'd shard by code.")


# --------------------------------------------------------------------------- estimation


@pytest.mark.parametrize(
    "said",
    [
        "That's about 40 writes per second.",
        "Roughly 40/s of new URLs created.",
        "About 3.5 million new URLs created a day.",
        "About 1.2 billion new URLs created a year.",
        "Reads are around 4k QPS.",
        "That's 4,000 redirects a second.",
        "Storage comes to about 3 TB.",
        "We store roughly 3,000 GB on disk.",
        "About 6B records over five years.",
    ],
)
def test_accepts_a_right_estimate_in_any_unit(planner: Planner, said: str) -> None:
    move = turn(planner, said, "estimation")
    assert move.kind != "challenge"
    assert move.accepted, f"{said!r} should be accepted"


@pytest.mark.parametrize(
    ("said", "figure"),
    [
        ("So that is 4 million writes a second.", "4 million writes a second"),
        ("Reads come to 40 QPS.", "40 QPS"),
        ("Storage comes to about 300 TB.", "300 TB"),
        ("We'd hold about 6 million records.", "6 million records"),
        ("That is 2B new URLs created a day.", "2B"),
    ],
)
def test_challenges_a_wrong_estimate_without_giving_the_answer(
    planner: Planner, voice: OfflineVoice, said: str, figure: str
) -> None:
    move = turn(planner, said, "estimation")
    assert move.kind == "challenge"
    assert move.figure is not None and figure.lower() in move.figure.lower()
    text = voice.render(move)
    assert figure.lower() in text.lower()
    reference = planner.estimate(move.estimate or "")
    assert reference is not None
    for answer in ("40", "4,000", "4000", "3 TB", "6 billion", "6B"):
        if answer.lower() not in said.lower():
            assert answer not in text, f"the challenge gives away {answer!r}: {text}"


def test_a_bare_number_is_not_challenged(planner: Planner, catalog: Catalog) -> None:
    # 302 sits right by "reads" (the read-rate estimate's words), but it has no unit.
    move = turn(planner, "For reads we answer 302.", "estimation")
    assert move.kind != "challenge"
    fresh = Planner(
        catalog.scenario("mini-shortener"), catalog.persona("tester"), catalog.rubric("system-design")
    )
    with_unit = turn(fresh, "For reads we answer 302 per second.", "estimation")
    assert with_unit.kind == "challenge" and with_unit.estimate == "read_rate"  # the control


def test_asks_for_an_estimate_not_yet_given(planner: Planner, voice: OfflineVoice) -> None:
    move = turn(planner, "That's about 40 writes per second.", "estimation")
    assert move.kind == "ask_estimate"
    assert move.estimate == "read_rate"
    assert "redirects per second" in voice.render(move)


# --------------------------------------------------------------------------- design and deep dive


def test_fires_a_followup_on_its_trigger(planner: Planner, voice: OfflineVoice) -> None:
    move = turn(planner, "App servers read through a Redis layer before the store.", "high_level_design")
    assert move.kind == "followup"
    assert "eviction policy" in voice.render(move)


def test_a_followup_already_answered_in_the_same_turn_is_not_asked(catalog: Catalog) -> None:
    scenario = catalog.scenario("mini-shortener").model_copy(deep=True)
    scenario.followups[0].unless = ["eviction", "lru"]
    planner = Planner(scenario, catalog.persona("tester"), catalog.rubric("system-design"))
    answered = turn(
        planner,
        "App servers read through a Redis layer with LRU eviction and a one-day TTL.",
        "high_level_design",
    )
    assert answered.kind != "followup" or answered.followup != 0
    # The trigger comes up again later: what they said earlier still answers it.
    later = turn(planner, "Later the Redis layer also holds user sessions.", "high_level_design")
    assert later.kind != "followup" or later.followup != 0


def test_a_followup_is_asked_when_its_trigger_comes_without_the_answer(catalog: Catalog) -> None:
    scenario = catalog.scenario("mini-shortener").model_copy(deep=True)
    scenario.followups[0].unless = ["eviction", "lru"]
    planner = Planner(scenario, catalog.persona("tester"), catalog.rubric("system-design"))
    asked = turn(planner, "Later the Redis layer also holds user sessions.", "high_level_design")
    assert asked.kind == "followup" and asked.followup == 0


def test_calls_out_async_work_without_a_dead_letter_queue(planner: Planner) -> None:
    move = turn(planner, "Click events go onto a Kafka queue and workers aggregate them.", "deep_dive")
    assert move.kind == "rule" and move.rule == "dead_letter"
    assert "fails every retry" in move.question


def test_the_rule_with_the_most_reason_wins(catalog: Catalog) -> None:
    principal = Planner(
        catalog.scenario("mini-shortener"), catalog.persona("principal"), catalog.rubric("system-design")
    )
    move = turn(
        principal, "We'd push click events onto a Kafka queue and workers update counters.", "deep_dive"
    )
    assert move.rule == "dead_letter"  # queue, kafka, workers outweigh "counter" (single point of failure)


def test_async_work_with_a_dead_letter_queue_is_not_called_out(planner: Planner) -> None:
    move = turn(
        planner, "Click events go onto a Kafka queue; failures land in a dead letter queue.", "deep_dive"
    )
    assert move.rule != "dead_letter"


def test_a_complex_design_is_asked_to_justify_itself(planner: Planner) -> None:
    move = turn(planner, "I'd split it into microservices on Kubernetes.", "high_level_design")
    assert move.kind == "rule" and move.rule == "justify_complexity"


def test_requirements_rules_fire_only_in_requirements(planner: Planner) -> None:
    move = turn(planner, "There is a load balancer and a database.", "requirements")
    assert move.rule == "clarify_first"
    other = Planner(planner.scenario, planner.persona, planner.rubric)
    assert (
        turn(other, "There is a load balancer and a database.", "high_level_design").rule != "clarify_first"
    )


def test_probes_the_weakest_criterion_first(planner: Planner) -> None:
    # Reliability is untouched and first in the persona's priorities: the deep dive goes there,
    # to its heavier concept.
    move = turn(planner, "The code is base62 and a cache sits in front.", "deep_dive")
    assert move.kind == "probe" and move.concept == "replication"


def test_design_probes_stay_on_the_phases_criteria(planner: Planner) -> None:
    # In high-level design the reliability gap waits; the untouched trade-off is probed.
    move = turn(planner, "The code is base62 and a cache sits in front.", "high_level_design")
    if move.kind == "followup":
        move = turn(planner, "ok", "high_level_design")
    assert move.kind == "probe" and move.concept == "status_code"


def test_a_wrong_figure_left_unchallenged_is_challenged_next(planner: Planner) -> None:
    first = turn(planner, "Writes are 4 million a second and storage is 500 PB.", "estimation")
    assert first.kind == "challenge"
    second = turn(planner, "I multiplied users by requests.", "estimation")
    assert second.kind == "challenge" and second.figure != first.figure


def test_scale_is_not_asked_by_mentioning_users(planner: Planner) -> None:
    turn(planner, "Users paste a URL and get a short one. Should codes be case sensitive?", "requirements")
    assert planner.opener("estimation", "requirements", "next").kind == "ask_scale"


def test_deep_dive_asks_failure_probes(planner: Planner) -> None:
    kinds = [turn(planner, "ok", "deep_dive").kind for _ in range(4)]
    assert "failure_probe" in kinds and "probe" in kinds


def test_never_repeats_a_question_and_then_lets_the_candidate_lead(
    planner: Planner, voice: OfflineVoice
) -> None:
    moves = [turn(planner, "We use Redis and a counter.", "high_level_design")]
    moves += [turn(planner, "ok", phase) for phase in ["high_level_design"] * 8 + ["deep_dive"] * 8]
    moves += [turn(planner, "fine", "wrap_up") for _ in range(5)]
    keys = [m.key for m in moves if m.key]
    assert len(keys) == len(set(keys))
    questions = [m.question for m in moves if m.question]
    assert len(questions) == len(set(questions))
    assert moves[-1].kind == "nothing_new"
    assert any(m.kind == "nothing_new" for m in moves if m.phase == "deep_dive")
    assert voice.render(moves[-1])


def test_wrap_up_asks_bottlenecks_ten_x_and_more_time(planner: Planner) -> None:
    wraps = [turn(planner, "Sure.", "wrap_up").wrap for _ in range(3)]
    assert wraps == ["bottlenecks", "ten_x", "more_time"]


def test_wrap_up_skips_what_the_candidate_already_covered(planner: Planner) -> None:
    first = turn(planner, "The bottleneck is the database; at ten times the traffic I'd shard it.", "wrap_up")
    assert first.wrap == "more_time"


def test_hint_once_per_phase(planner: Planner) -> None:
    first = planner.hint("estimation")
    planner.commit(first)
    assert first.kind == "hint" and "new short URLs per second" in first.question
    second = planner.hint("estimation")
    assert second.kind == "hint_used"
    assert planner.hint("high_level_design").kind == "hint"


def test_coverage_of_requirements(planner: Planner) -> None:
    assert not planner.covered("requirements")
    turn(planner, "How many new URLs per month, and how long do we keep them?", "requirements")
    assert not planner.covered("requirements")
    turn(planner, "Do we need custom aliases?", "requirements")
    turn(planner, "And what is the read to write ratio?", "requirements")
    assert not planner.covered("requirements"), "answers to questions alone do not cover a phase"
    turn(planner, "So we shorten links, redirect fast, and keep them five years.", "requirements")
    assert planner.covered("requirements")


def test_one_question_that_reveals_everything_does_not_cover_a_phase(planner: Planner) -> None:
    turn(planner, "How many new URLs per month, how long do we keep them, and custom aliases?", "requirements")
    assert 1 <= len(planner.state.revealed) <= 3  # three questions, three facts at most
    assert not planner.covered("requirements")  # the candidate has said one thing so far


def test_state_rebuilds_from_moves(planner: Planner, catalog: Catalog) -> None:
    said = [
        ("How long do we keep links?", "requirements"),
        ("That's 40 writes per second and 4 million reads a second.", "estimation"),
        ("Kafka workers and a Redis cache.", "high_level_design"),
    ]
    stored = []
    for text, phase in said:
        stored.append((text, phase, turn(planner, text, phase).to_data()))
    again = Planner(planner.scenario, planner.persona, planner.rubric)
    for text, phase, data in stored:
        again.observe(text, phase)
        again.commit(Move.from_data(data, phase))
    assert again.state == planner.state


def test_estimate_labels_are_spoken_naturally() -> None:
    from interview.engine.moves import spoken_label

    assert spoken_label("Redirects per second (average)") == "redirects per second on average"
    assert spoken_label("Short-code length (base62 characters)") == "short-code length, base62 characters"
    assert spoken_label("Storage for 5 years") == "storage for 5 years"


def test_what_is_on_the_whiteboard_counts(planner: Planner) -> None:
    planner.observe_board("clicks -> kafka -> workers; failures -> DLQ (dead letter)")
    move = turn(planner, "Click events go onto a Kafka queue and workers aggregate them.", "deep_dive")
    assert move.rule != "dead_letter"


def test_similar_questions() -> None:
    from interview.engine.planner_state import similar

    assert similar(
        "At the end of the day your ledger and the settlement bank disagree by one payment. How do you find it?",
        "How would you discover that your ledger and a bank disagree?",
    )
    assert similar(
        "How do you count clicks without adding latency to the redirect?",
        "How do you count clicks without slowing down the redirect?",
    )
    assert not similar(
        "Where does the counter live?", "How do you count clicks without slowing the redirect?"
    )
    assert not similar("What is your shard key?", "What happens when the primary database fails?")
