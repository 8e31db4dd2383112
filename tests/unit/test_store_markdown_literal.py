"""The Markdown export shows what the candidate typed, as typed, once rendered (issue 4)."""

from __future__ import annotations

from markdown_it import MarkdownIt

from interview.engine.records import Event
from interview.store.markdown import session_markdown
from tests.support.store_data import make_events, make_record

TYPED = "The API is GET /<code>, answering 302.\nSummary of the plan\n---\nand 3 < 4 still holds."


def test_what_the_candidate_typed_survives_rendering() -> None:
    record = make_record()
    events = [*make_events(None, started_at=record.started_at)]
    events.append(
        Event(seq=len(events), role="candidate", kind="answer", phase="wrap_up", elapsed_s=2000, text=TYPED)
    )
    html = MarkdownIt("commonmark").render(session_markdown(record, events))
    assert "GET /&lt;code&gt;, answering 302." in html  # not swallowed as an HTML tag
    assert "<h2>Summary of the plan</h2>" not in html  # the dashes did not make it a heading
    assert "Summary of the plan" in html and "3 &lt; 4 still holds" in html
