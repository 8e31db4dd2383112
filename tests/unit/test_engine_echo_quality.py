"""What the interviewer quotes back is the candidate's point, and its tables pair like with like.

Not the figures they were given restated as a condition ("If a big concert has 50,000 seats"),
not approval-seeking filler ("right"), no stuttering lead ("On on-sale:"); the trade-off table
pairs alternatives of one kind (two stores, two queues) or asks about one decision; and a figure
fished as a question is never the scorer's evidence of communication.
"""

from __future__ import annotations

import re

import pytest

from interview.engine import offline_listening as listening
from interview.engine.planner_responses import kind_of
from interview.scoring.offline import score_offline
from tests.support.scoring_sessions import make_session
from tests.unit.test_engine_handoffs import SCENARIOS, say, session_for, to_phase

_QUOTED = re.compile(r"“([^”]*)”")


def _quotes(reply: str) -> list[str]:
    return _QUOTED.findall(reply)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_given_figure_restated_as_a_condition_is_not_what_is_quoted(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    reply = say(
        session, "If a big event has 50,000 buyers at once, we put them through a virtual waiting room first."
    )
    assert not any(q.lower().startswith("if ") for q in _quotes(reply)), reply
    assert all("50,000" not in q for q in _quotes(reply)), reply


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_approval_filler_is_never_quoted(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    say(session, "Requests go through a load balancer to app servers that write to one database.")
    for said in ("Right?", "So that's it, right?", "Is that OK?"):
        reply = say(session, said)
        assert not any(
            q.lower().strip(" ,.?") in ("right", "ok", "is that ok", "that's it") for q in _quotes(reply)
        )


def test_a_lead_never_stutters_into_the_quote() -> None:
    for options in (listening.FACT_LEADS, listening.YOU_SAID):
        for echo in ("on-sale windows", "about 40 writes a second", "as fast as possible"):
            for lead in listening.fitting(options, echo):
                first = lead.format(echo=echo).lower()
                assert not re.match(r"\W*(on|about|as)\W+\W*\1\b", first), first


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_trade_off_table_pairs_alternatives_of_one_kind(scenario: str) -> None:
    session = session_for(scenario)
    to_phase(session, "high_level_design")
    replies = [
        say(session, text)
        for text in (
            "Links are stored in Postgres.",
            "Short codes come from a counter handed out in ranges.",
            "Reads go through a Redis cache in front of Postgres.",
            "Click events go to Kafka for the analytics workers.",
            "The app servers are stateless behind a load balancer.",
        )
    ]
    tables = [r for r in replies if "small table" in r]
    assert tables, replies
    named = re.match(r"(?:.*?)Put (.+?) (?:and (.+?) )?in a small table", tables[0])
    assert named is not None, tables[0]
    first, second = named.group(1), named.group(2)
    if second is not None:  # a pair: of one kind
        assert kind_of(first) is not None and kind_of(first) == kind_of(second), tables[0]
    assert "Postgres and counter" not in tables[0] and "counter and Postgres" not in tables[0]


def test_a_fished_figure_is_not_quoted_as_communication() -> None:
    record, events = make_session(
        [
            ("interviewer", "estimation", "How many writes a second?"),
            ("candidate", "estimation", "Is it about 40 writes per second? Does that sound right?"),
            ("interviewer", "estimation", "Show me the working."),
            (
                "candidate",
                "estimation",
                "100 million a month divided by 2.6 million seconds is about 40 writes per second, "
                "so one database handles it because a single node takes thousands.",
            ),
        ]
    )
    report = score_offline(record, events)
    communication = next(c for c in report.criteria if c.id == "communication")
    quoted = [q.quote for q in communication.evidence]
    assert not any("Is it about 40" in q for q in quoted), quoted
    assert any("divided by" in q for q in quoted), quoted  # the worked figure is their evidence


def test_a_figure_named_back_keeps_its_period() -> None:
    """ "80 GB of message data per day" was named back as "80 GB of message data": a total, which
    is not what they said."""
    from interview.engine.planner_words import figure_words

    assert figure_words("about 80 GB of message data per day") == "80 GB of message data per day"
    assert figure_words("I'd guess around 40 writes a second") == "40 writes a second"
    assert figure_words("6,000 a second on average, 100 GB a day") == "6,000 a second on average"
