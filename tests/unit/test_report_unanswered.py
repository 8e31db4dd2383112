"""Questions the candidate dodged or never took up are listed in every form of the report.

A dodged question (turned away from, then dodged again when it came back) reads "(dodged)";
the question still open when the session ended reads "(open)"; an answered one is not listed.
The printed report (run and rescore), `show`, the Markdown export and the app's report all show
the same section, built by interview/scoring/unanswered.py from the stored events.
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from interview.cli.report_rich import report_renderable
from interview.cli.session_views import show_renderable
from interview.scoring import unanswered
from interview.scoring.offline import score_offline
from interview.store.markdown import session_markdown
from interview.tui.widgets.report_text import report_markdown
from tests.unit.test_engine_handoffs import SCENARIOS, say, session_for, to_phase


def _render(renderable) -> str:  # noqa: ANN001
    buffer = io.StringIO()
    Console(file=buffer, width=200, color_system=None).print(renderable)
    return buffer.getvalue()


def _dodged_session(scenario: str):  # noqa: ANN202
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    say(session, "Requests go through a gateway to a service that writes to a database.")
    dodged = session.turns()[-1].data
    say(session, "Let's not get into that now; it's a detail.")
    say(session, "I'd rather not go into that.")
    say(session, "The service is stateless and scales out behind a load balancer, three instances.")
    last = session.turns()[-1].data
    say(session, "/end")
    return session, dodged, last


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_report_form_lists_the_dodged_and_the_open_questions(scenario: str) -> None:
    session, dodged, last = _dodged_session(scenario)
    report = score_offline(session.record, session.events)
    items = unanswered.items(report)
    by_status = {item.status: item for item in items}
    assert "dodged" in by_status, items
    assert by_status["dodged"].question == unanswered.short(dodged["question"])
    forms = {
        "printed": _render(report_renderable(report)),
        "show": _render(show_renderable(session.record, session.events, report, width=200)),
        "export": session_markdown(session.record, session.events, report),
        "app": report_markdown(report, session.record),
    }
    for name, text in forms.items():
        assert unanswered.TITLE in text, name
        assert f"{by_status['dodged'].question} (dodged)" in text, name
    assert last["question"], last  # the session ended on a question never taken up
    assert any(
        item.status == "open" and item.question == unanswered.short(last["question"]) for item in items
    )


def test_an_answered_question_is_not_listed() -> None:
    session = session_for("url-shortener")
    to_phase(session, "high_level_design")
    say(session, "Requests go through a gateway to a service that writes to a database.")
    asked = session.turns()[-1].data["question"]
    say(
        session,
        asked.rstrip("?") + ": I would handle it with a replicated primary and a standby, failing over.",
    )
    report = score_offline(session.record, session.events)
    assert all(item.question != unanswered.short(asked) for item in unanswered.items(report))


def test_short_cuts_a_long_question_on_a_word_boundary() -> None:
    text = "What happens to a message on the Kafka topic for click events that fails every retry? Where does it go?"
    cut = unanswered.short(text)
    assert len(cut) <= unanswered.SHORT + 1 and cut.endswith("…") and not cut[:-1].endswith(" ")
    assert text.startswith(cut[:-1])
