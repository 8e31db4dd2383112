"""Full-text search over turns: finds phrases, returns their session, and survives any input."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.store import Store
from tests.support.store_data import stored_session

OTHER_TRANSCRIPT = [
    ("interviewer", "requirements", "Let's design a chat service. What matters most?", None),
    ("candidate", "requirements", "Message ordering per conversation and delivery receipts.", None),
    ("interviewer", "deep_dive", "How do you fan out to group members?", None),
    (
        "candidate",
        "deep_dive",
        "Write to each member's inbox through a queue; big groups use pull on read.",
        None,
    ),
]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "sessions.db") as opened:
        yield opened


def test_a_phrase_finds_its_turn_and_session(store: Store) -> None:
    url, url_events = stored_session(store)
    chat, _ = stored_session(store, scenario_id="chat", transcript=OTHER_TRANSCRIPT)

    hits = store.search("consistent hashing")
    assert len(hits) == 1
    hit = hits[0]
    assert (hit.session_id, hit.scenario_id, hit.role, hit.phase) == (
        url.id,
        "url-shortener",
        "candidate",
        "deep_dive",
    )
    assert url_events[hit.seq].text.startswith("Pre-allocate ranges")
    assert "[consistent] [hashing]" in hit.snippet
    assert hit.started_at == url.started_at

    chat_hits = store.search('"delivery receipts"')
    assert [(h.session_id, h.phase) for h in chat_hits] == [(chat.id, "requirements")]
    assert "[delivery receipts]" in chat_hits[0].snippet


def test_interviewer_words_are_searchable_too(store: Store) -> None:
    record, _ = stored_session(store)
    hits = store.search("minting")
    assert [(h.session_id, h.role) for h in hits] == [(record.id, "interviewer")]


def test_stemming_matches_word_forms(store: Store) -> None:
    stored_session(store)
    assert store.search("expiring")  # the candidate said "expire"


@pytest.mark.parametrize(
    "raw",
    [
        "hot keys?",
        '"',
        '""',
        "'",
        "NOT",
        "AND OR",
        "(",
        "hot*",
        "a:b",
        "-cache",
        "^",
        "NEAR(a b)",
        "",
        "   ",
        "\x00",
        "ключ",
        "😀",
    ],
)
def test_raw_user_input_never_crashes(store: Store, raw: str) -> None:
    stored_session(store)
    hits = store.search(raw)
    assert isinstance(hits, list)


def test_special_characters_are_words_not_syntax(store: Store) -> None:
    record, _ = stored_session(store)
    # "hot keys?" would be an FTS5 syntax error if passed through unquoted.
    assert {h.session_id for h in store.search("hot keys?")} == {record.id}
    assert store.search("NOT") == []  # a literal word no one said, not an operator


def test_system_events_are_not_indexed(store: Store) -> None:
    stored_session(store)
    # "LB" appears only in the whiteboard snapshot event and the record's whiteboard.
    assert store.search("LB") == []


def test_deleted_sessions_leave_the_index(store: Store) -> None:
    record, _ = stored_session(store)
    kept, _ = stored_session(store, scenario_id="chat", transcript=OTHER_TRANSCRIPT)
    store.delete_session(record.id)
    assert store.search("consistent hashing") == []
    # The index itself, not only the joined results, has forgotten the deleted turns ...
    raw = store.db.execute("SELECT rowid FROM events_fts WHERE events_fts MATCH 'consistent'").fetchall()
    assert raw == []
    # ... and still finds the session that was kept.
    assert [h.session_id for h in store.search('"delivery receipts"')] == [kept.id]
    # FTS5's own check of the index (raises sqlite3.DatabaseError if it is corrupt). Not the
    # check against the events table: system events are deliberately left out of the index.
    store.db.execute("INSERT INTO events_fts(events_fts) VALUES ('integrity-check')")


def test_limit_caps_the_hits(store: Store) -> None:
    for _ in range(5):
        stored_session(store, report=False)
    # Each session has two turns about hot keys: one candidate's, one interviewer's.
    assert len(store.search("hot keys", limit=3)) == 3
    assert len(store.search("hot keys")) == 10


BRACKETS = [
    ("interviewer", "high_level_design", "Sketch the request path.", None),
    ("candidate", "high_level_design", "[Client] -> [LB] -> [App x3] -> [Redis cache] -> [Postgres]", None),
]


def test_brackets_the_candidate_typed_are_not_shown_as_matches(store: Store) -> None:
    from rich.console import Console

    from interview.cli.session_views import _snippet

    stored_session(store, scenario_id="chat", transcript=BRACKETS)
    (hit,) = store.search("redis")
    assert "[Redis] cache" in hit.snippet  # the JSON form keeps [match] around the match
    matched = [text for text, is_match in hit.parts() if is_match]
    assert matched == ["Redis"]  # [Client], [LB] and [App x3] are the candidate's own brackets
    assert "marked" not in hit.model_dump(mode="json")  # the JSON stays as it was
    console = Console(width=200, color_system="truecolor", force_terminal=True)
    with console.capture() as out:
        console.print(_snippet(hit))
    bold = [seg.text for seg in _snippet(hit).render(console) if seg.style and seg.style.bold]
    assert "".join(bold) == "[Redis]", bold
    assert "[Client]" in out.get()
