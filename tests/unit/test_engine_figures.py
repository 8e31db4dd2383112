"""The interviewer on the candidate's numbers: challenge the broken step, never be an oracle.

Run on the built-in scenarios with the offline voice, as a candidate would meet them.
"""

from __future__ import annotations

import re

import pytest

from interview.catalog import Catalog, load_catalog
from interview.engine.moves import Move, move_brief
from interview.engine.offline import OfflineVoice
from interview.engine.planner import Planner
from interview.text.units import format_value

U, C, P = "url-shortener", "chat", "payment-rail"
_PRAISE = re.compile(r"right range|look sane|matches|can work with that|correct|that's right|exactly", re.I)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


class Interview:
    """One scenario's planner and offline voice, driven turn by turn."""

    def __init__(self, catalog: Catalog, scenario: str) -> None:
        self.scenario = catalog.scenario(scenario)
        persona = catalog.persona("principal")
        self.planner = Planner(self.scenario, persona, catalog.rubric("system-design"))
        self.voice = OfflineVoice(self.scenario, persona, seed=3)
        self.moves: list[tuple[str, str, Move]] = []

    def say(self, text: str, phase: str = "estimation") -> tuple[Move, str]:
        move = self.planner.reply(self.planner.observe(text, phase))
        self.planner.commit(move)
        self.moves.append((text, phase, move))
        return move, self.voice.render(move)


def _references(interview: Interview) -> list[str]:
    """Every way the scenario's reference figures might be spelled in a reply."""
    out = []
    for e in interview.scenario.estimates:
        out.append(format_value(e.value, e.unit).split("/")[0].split(" ")[0])
        out.append(f"{e.value:,.0f}")
    return [r for r in out if len(r) > 1]


@pytest.mark.parametrize(
    ("scenario", "said", "step"),
    [
        (
            U,
            "100 million a month, so about 1,200 writes per second.",
            "seconds in a day. Is your 100 million per day?",
        ),
        (
            U,
            "100M per month / 86,400 = 1,157 writes/s",
            "86,400 is the seconds in a day. Is your 100M per day?",
        ),
        (C, "2 billion messages a day, so about 700,000 per second.", "seconds in an hour"),
        (C, "2B / 86,400 = 230,000 messages per second.", "Check 2B / 86,400 again"),
        (P, "20M / 86,400 = 2,300 TPS.", "Check 20M / 86,400 again"),
        (P, "Peak: 230 x 5 x 5 = 5,750 TPS", "multiplied by 5 twice"),
        (U, "6B records x 500 bytes x 5 years = 15 TB.", "5-year retention"),
        (U, "Total records: 1.2 billion.", "for one year, or for the whole 5 years"),
        (P, "Over 7 years it's about 29 TB.", "for one year, or for the whole 7 years"),
        (U, "Writes are 1,200 per second.", "1,200 per second"),
        (
            U,
            "100M new URLs a month x 365 = 36.5B new URLs a year.",
            "365 is the days in a year. Is your 100M per day?",
        ),
        (
            U,
            "3.3M new URLs a day x 12 = 40M new URLs a year.",
            "12 is the months in a year. Is your 3.3M per month?",
        ),
    ],
)
def test_a_wrong_figure_is_challenged_at_the_step_that_breaks(
    catalog: Catalog, scenario: str, said: str, step: str
) -> None:
    interview = Interview(catalog, scenario)
    move, text = interview.say(said)
    assert move.kind == "challenge"
    assert step in text
    for reference in _references(interview):
        if reference not in said:
            assert reference not in text, f"the challenge gives away {reference!r}: {text}"
    assert not _PRAISE.search(text)


def test_a_wrong_figure_beside_a_right_one_is_challenged_and_nothing_is_praised(catalog: Catalog) -> None:
    interview = Interview(catalog, C)
    move, text = interview.say("2 billion messages a day, so about 700,000 per second.")
    assert move.kind == "challenge" and move.figure == "700,000 per second"
    assert not move.accepted
    assert not _PRAISE.search(text)


def test_each_wrong_figure_gets_its_own_challenge(catalog: Catalog) -> None:
    interview = Interview(catalog, U)
    first, _ = interview.say("Writes are 1,200 per second and storage is 300 TB.")
    second, _ = interview.say("I took the monthly number and divided it down.")
    assert {first.figure, second.figure} == {"1,200 per second", "300 TB"}


@pytest.mark.parametrize(
    ("scenario", "said"),
    [
        (U, "Peak is say 2.5x, so around 100 writes per second."),
        (U, "In the first year that's 1.2 billion records."),
        (U, "100M / 2.6M seconds = 40 writes per second."),
        (U, "About 100 million new short URLs a month."),
        (C, "Each gateway server holds 50,000 connections."),
        (C, "Each user sends 40 messages a day, so 2 billion messages a day."),
        (P, "Each shard handles 1,200 TPS."),
        (P, "20M a day is about 230 TPS average, times 5 gives 1,200 TPS at peak."),
        (P, "80 GB a day x 365 = 29 TB in the first year."),
        (P, "Peak traffic is 5 times the average."),
        (P, "Messages are about 4 KB, so storage grows quickly."),
        (C, "Messages are about 100 bytes."),
        (U, "Records are about 500 bytes."),
    ],
)
def test_right_figures_and_given_ones_are_not_challenged(catalog: Catalog, scenario: str, said: str) -> None:
    move, _ = Interview(catalog, scenario).say(said)
    assert move.kind != "challenge", move


@pytest.mark.parametrize("guess", ["10", "40", "400"])
def test_a_figure_offered_as_a_question_is_neither_confirmed_nor_denied(catalog: Catalog, guess: str) -> None:
    interview = Interview(catalog, U)
    move, text = interview.say(f"Is it about {guess} writes per second?")
    assert move.kind == "challenge"
    assert "show me how" in text.lower() or "how would you get there" in text.lower()
    assert guess not in text
    assert not _PRAISE.search(text)
    assert "write_rate" not in interview.planner.state.accepted_estimates
    assert "write_rate" not in interview.planner.state.stated_estimates


def test_fishing_replies_do_not_depend_on_whether_the_guess_is_right(catalog: Catalog) -> None:
    kinds = set()
    for guess in ("about 10 writes per second", "about 40 writes per second"):
        interview = Interview(catalog, U)
        move, _ = interview.say(f"Would it be {guess}?")
        kinds.add((move.kind, bool(move.accepted), move.key.split(":")[0] if move.key else None))
    assert kinds == {("challenge", False, "fish")}


def test_a_bare_number_after_the_working_was_asked_for_is_not_accepted_as_worked(catalog: Catalog) -> None:
    interview = Interview(catalog, U)
    interview.say("Writes are 1,200 per second.")
    move, text = interview.say("40 writes per second.")
    assert move.kind == "challenge" and move.figure == "40 writes per second"
    assert "steps" in text.lower() or "working" in text.lower()
    [challenge] = interview.planner.figures.challenges
    assert challenge.status == "open"
    interview.say("100M / 2.6M seconds in a month = 40 writes per second.")
    assert challenge.status == "fixed" and challenge.fixed_by == "40 writes per second"


def test_a_challenge_passed_over_is_put_once_more_then_left(catalog: Catalog) -> None:
    interview = Interview(catalog, U)
    interview.say("Writes are 1,200 per second.")
    again, text = interview.say("Let's talk about the cache instead.")
    assert again.kind == "challenge" and again.figure == "1,200 per second"
    assert "1,200 per second" in text
    third, _ = interview.say("The cache is Redis.")
    assert third.kind != "challenge" or third.figure != "1,200 per second"
    assert interview.planner.figures.open()[0].raw == "1,200 per second"


def test_a_challenge_is_closed_when_kept_or_when_the_phase_ends(catalog: Catalog) -> None:
    interview = Interview(catalog, U)
    interview.say("Writes are 1,200 per second.")
    interview.say("I'll stick with my number; the launch spike is what I size for.")
    assert interview.planner.figures.challenges[0].status == "kept"
    other = Interview(catalog, U)
    other.say("Storage is about 300 TB.")
    other.say("A cache in front of the database.", phase="high_level_design")
    assert other.planner.figures.challenges[0].status == "phase_ended"


def test_the_ledger_is_rebuilt_exactly_on_resume(catalog: Catalog) -> None:
    interview = Interview(catalog, U)
    interview.say("100 million a month, so about 1,200 writes per second.")
    interview.say("Is storage about 3 TB?")
    interview.say("Sorry: 100M / 2.6M s = 40 writes per second.")
    rebuilt = Planner(interview.scenario, catalog.persona("principal"), catalog.rubric("system-design"))
    for text, phase, move in interview.moves:
        rebuilt.observe(text, phase)
        rebuilt.commit(Move.from_data(move.to_data(), phase))
    assert rebuilt.figures.summary() == interview.planner.figures.summary()
    [challenge] = rebuilt.figures.challenges
    assert (challenge.raw, challenge.status) == ("1,200 writes per second", "fixed")


def test_the_model_voice_is_told_the_step_and_not_to_give_the_answer(catalog: Catalog) -> None:
    interview = Interview(catalog, U)
    move, _ = interview.say("100M per month / 86,400 = 1,157 writes/s")
    brief = move_brief(move, interview.scenario)
    assert "86,400 is the seconds in a day" in brief
    assert "Do not give the correct number" in brief


def test_asking_for_the_steps_happens_once_and_a_second_bare_figure_does_not_close_the_challenge(
    catalog: Catalog,
) -> None:
    interview = Interview(catalog, U)
    interview.say("Writes are 1,200 per second.")
    steps, _ = interview.say("40 writes per second.")
    assert (steps.key or "").endswith(":steps")
    again, _ = interview.say("Like I said, 40 writes per second.")
    assert not (again.key or "").endswith(":steps")
    assert interview.planner.figures.open()[0].raw == "1,200 per second"


def test_a_wrong_figure_in_a_turn_that_also_asks_a_question_is_challenged_next(catalog: Catalog) -> None:
    interview = Interview(catalog, U)
    first, _ = interview.say("Writes are 1,200 per second. How long do we keep links?")
    assert first.kind == "reveal"
    second, text = interview.say("Okay, five years then.")
    assert second.kind == "challenge" and second.figure == "1,200 per second"


def test_a_bare_answer_to_the_estimate_just_asked_for_is_checked_against_it(catalog: Catalog) -> None:
    interview = Interview(catalog, U)
    asked, _ = interview.say("Let's start with the numbers.")
    assert asked.kind == "ask_estimate" and asked.estimate == "write_rate"
    right, _ = interview.say("About 40.")
    assert "write_rate" in interview.planner.state.accepted_estimates
    assert right.kind != "challenge"
    other = Interview(catalog, U)
    other.say("Let's start with the numbers.")
    wrong, _ = other.say("About 4,000.")
    assert wrong.kind == "challenge" and wrong.estimate == "write_rate"


def test_a_bare_number_inside_worked_text_is_not_challenged_as_the_answer(catalog: Catalog) -> None:
    interview = Interview(catalog, U)
    interview.planner.figures.after_move(
        Move(kind="ask_estimate", phase="estimation", estimate="code_length")
    )
    move, _ = interview.say("Base62 with 7 characters gives 62 to the 7th, about 3.5 trillion codes.")
    assert move.kind != "challenge", move


def test_three_wrong_figures_in_one_turn_are_each_challenged_in_turn(catalog: Catalog) -> None:
    interview = Interview(catalog, U)
    said = "Writes are 1,200 per second, reads 400,000 redirects per second and storage 300 TB."
    figures = [interview.say(said)[0].figure]
    for reply in (
        "Writes: I multiplied users by requests.",
        "Reads are 100 per write.",
        "Storage I'd rather skip.",
    ):
        figures.append(interview.say(reply)[0].figure)
    assert {"1,200 per second", "400,000 redirects per second", "300 TB"} <= set(figures)
