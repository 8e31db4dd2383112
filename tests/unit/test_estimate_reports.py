"""Every report form shows the arithmetic: what was said, the reference, tolerance, derivation, corrections."""

from __future__ import annotations

import json

from rich.console import Console

from interview.cli.report_rich import report_renderable
from interview.cli.session_views import show_renderable
from interview.engine.transcript import session_json
from interview.scoring.offline import score_offline
from interview.store.markdown import session_markdown
from interview.tui.widgets.report_text import report_markdown
from tests.support.scoring_sessions import make_session

CHALLENGE = {"move": "challenge", "estimate": "write_rate", "figure": "1,200 writes per second"}


def _session():
    return make_session(
        [
            (
                "interviewer",
                "estimation",
                "What do you get for new short URLs per second?",
                {"estimate": "write_rate"},
            ),
            ("candidate", "estimation", "100 million a month, so about 1,200 writes per second."),
            ("interviewer", "estimation", "Is your 100 million per day?", CHALLENGE),
            ("candidate", "estimation", "No, per month: 100M / 2.6M seconds = 40 writes per second."),
            ("interviewer", "estimation", "And at peak?"),
            ("candidate", "estimation", "Peak is say 2.5x, so around 100 writes per second."),
            ("interviewer", "estimation", "Storage?"),
            ("candidate", "estimation", "Is storage about 3 TB? We answer 410 for expired links."),
        ]
    )


def _render(renderable) -> str:
    console = Console(width=200, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_the_first_wrong_figure_stays_in_the_report_once_corrected() -> None:
    report = score_offline(*_session())
    writes = next(e for e in report.estimates if e.id == "write_rate")
    assert writes.within_tolerance is True
    assert [(h.said, h.within_tolerance, h.challenged) for h in writes.history] == [
        ("1,200 writes per second", False, True),
        ("40 writes per second", True, False),
    ]


def test_a_peak_worked_with_a_factor_is_given_and_a_fished_figure_or_status_code_is_not() -> None:
    report = score_offline(*_session())
    by_id = {e.id: e for e in report.estimates}
    assert by_id["peak_write_rate"].said == "100 writes per second"
    assert by_id["storage"].said is None  # asked as a question: not an estimate
    assert by_id["total_records"].said is None  # "answer 410" is a status code, not 410 records


def test_every_report_form_shows_the_reference_human_formatted_and_the_derivation_when_missing() -> None:
    record, events = _session()
    report = score_offline(record, events)
    forms = {
        "app": report_markdown(report, record),
        "export md": session_markdown(record, events, report),
        "rescore": _render(report_renderable(report)),
        "show": _render(show_renderable(record, events, report, width=200)),
    }
    for name, text in forms.items():
        assert "6B" in text and "3 TB" in text, name  # total records and storage references
        assert "6e+09" not in text and "3000000000000" not in text and "3,000,000,000,000" not in text, name
        assert "6B records x 500 bytes" in text, f"{name}: the derivation of a missing figure"
        assert "1,200 writes per second" in text and "challenged" in text, f"{name}: the corrected slip"


def test_json_carries_the_human_forms_too() -> None:
    record, events = _session()
    data = json.loads(json.dumps(session_json(record, events, score_offline(record, events)), default=str))
    writes = next(e for e in data["score"]["estimates"] if e["id"] == "write_rate")
    assert writes["reference_text"] == "40/s"
    assert writes["said_text"] == "40/s"
    assert writes["history"][0]["said"] == "1,200 writes per second"
