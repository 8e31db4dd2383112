"""The estimates table every report form prints: what the candidate said, the reference, the
verdict with its tolerance, the derivation and the corrections (issue 18, from the mutants that
survived in interview/text/estimate_report.py)."""

from __future__ import annotations

from interview.scoring.report import EstimateCheck, SaidFigure
from interview.text.estimate_report import estimate_rows
from interview.text.report_sections import report_sections, sections_markdown

DERIVATION = "100M new URLs a month / 2.6M seconds ≈ 40/s"


def check(**kw: object) -> EstimateCheck:
    base: dict[str, object] = {
        "id": "write_rate",
        "label": "new short URLs per second (average)",
        "reference": 40.0,
        "unit": "per_second",
        "tolerance": 3.0,
        "derivation": DERIVATION,
    }
    return EstimateCheck(**{**base, **kw})  # type: ignore[arg-type]


def row(**kw: object) -> tuple[str, str, str, str, str, str]:
    [r] = estimate_rows([check(**kw)])
    return (r.label, r.said, r.reference, r.within, r.how, r.history)


def test_a_right_figure_shows_its_normalised_value_and_yes_with_the_tolerance() -> None:
    assert row(said="1,200 a minute", said_value=20.0, within_tolerance=True) == (
        "new short URLs per second (average)",
        "1,200 a minute (= 20/s)",
        "40/s",
        "yes (×3)",
        "",
        "",
    )


def test_a_figure_already_in_the_reference_form_is_not_repeated() -> None:
    assert row(said="40/s", said_value=40.0, within_tolerance=True)[1] == "40/s"


def test_a_figure_without_a_value_is_shown_as_said() -> None:
    assert row(said="about forty", said_value=None, within_tolerance=True)[1] == "about forty"


def test_a_wrong_figure_shows_no_and_how_the_reference_is_derived() -> None:
    label, said, reference, within, how, history = row(
        said="1,200 writes per second", said_value=1200.0, within_tolerance=False
    )
    assert (said, reference, within, how) == (
        "1,200 writes per second (= 1.2k/s)",
        "40/s",
        "no (×3)",
        DERIVATION,
    )


def test_a_figure_never_given_says_not_given_and_shows_the_derivation() -> None:
    assert row() == ("new short URLs per second (average)", "not given", "40/s", "not given", DERIVATION, "")


def test_right_arithmetic_on_the_candidates_own_inputs_is_named() -> None:
    _, said, _, within, how, _ = row(
        said="400 writes per second",
        said_value=400.0,
        within_tolerance=False,
        assumed=["1B new URLs a month", "no peak factor"],
    )
    assert said == "400 writes per second (= 400/s), from 1B new URLs a month and no peak factor"
    assert within == "no: other inputs (×3)"
    assert how == DERIVATION


def test_a_corrected_slip_shows_every_figure_in_turn() -> None:
    history = [
        SaidFigure(said="1,200 writes/s", value=1200.0, turn=5, within_tolerance=False, challenged=True),
        SaidFigure(said="40/s", value=40.0, turn=7, within_tolerance=True),
    ]
    shown = row(said="40/s", said_value=40.0, within_tolerance=True, history=history)
    assert shown[5] == "1,200 writes/s (turn 5, off, challenged) → 40/s (turn 7, ok)"
    assert shown[4] == ""  # right in the end: no derivation


def test_no_history_line_unless_a_figure_was_off_and_another_followed() -> None:
    one_off = [SaidFigure(said="1,200 writes/s", value=1200.0, turn=5, within_tolerance=False)]
    assert row(said="1,200 writes/s", said_value=1200.0, within_tolerance=False, history=one_off)[5] == ""
    both_ok = [
        SaidFigure(said="40/s", value=40.0, turn=5, within_tolerance=True),
        SaidFigure(said="45/s", value=45.0, turn=7, within_tolerance=True),
    ]
    assert row(said="45/s", said_value=45.0, within_tolerance=True, history=both_ok)[5] == ""


def test_the_report_lists_the_corrections_under_the_table() -> None:
    from interview.scoring.report import Report

    history = [
        SaidFigure(said="1,200 writes/s", value=1200.0, turn=5, within_tolerance=False, challenged=True),
        SaidFigure(said="40/s", value=40.0, turn=7, within_tolerance=True),
    ]
    report = Report(
        overall=50,
        verdict="lean_hire",
        level="senior",
        criteria=[],
        estimates=[check(said="40/s", said_value=40.0, within_tolerance=True, history=history)],
    )
    [section] = [s for s in report_sections(report) if s.title == "Estimates"]
    text = sections_markdown([section])
    assert "| new short URLs per second (average) | 40/s | 40/s | yes (×3) |   |" in text
    assert (
        "- new short URLs per second (average): 1,200 writes/s (turn 5, off, challenged) → 40/s (turn 7, ok)"
        in text
    )


def test_a_figure_that_already_says_the_value_with_a_space_is_not_repeated() -> None:
    said = row(
        id="storage", label="total storage", reference=3e12, unit="bytes", said="about 3 TB", said_value=3e12
    )[1]
    assert said == "about 3 TB"
