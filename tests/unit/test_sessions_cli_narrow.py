"""`history` and `search` in an 80-column terminal: every field still there, nothing cut to a sliver."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from rich.console import Console

from interview.cli.session_views import history_table, search_table
from interview.engine.records import Event
from interview.store import Store
from tests.support.store_data import START, stored_session


def rendered(renderable: object, width: int) -> list[str]:
    console = Console(width=width, record=True, highlight=False, color_system=None)
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_history_at_80_columns_keeps_every_field(tmp_path: Path) -> None:
    with Store(tmp_path / "db") as store:
        graded, _ = stored_session(store, started_at=START, model="anthropic/claude-3-5-sonnet-20241022")
        ongoing, _ = stored_session(
            store,
            scenario_id="payment-rail",
            started_at=START + timedelta(hours=1),
            report=False,
            status="in_progress",
        )
        sessions = store.list_sessions()
    lines = rendered(history_table(sessions, width=80), 80)
    assert all(len(line) <= 80 for line in lines)
    text = "\n".join(lines)
    # Rich used to drop the SCENARIO and MODEL columns altogether at this width.
    for needed in ("url-shortener", "payment-rail", "anthropic/claude-3-5-sonnet-20241022", "principal"):
        assert needed in text
    assert "72/100 hire" in text and "in progress" in text
    assert graded.id[:8] in text and ongoing.id[:8] in text


def test_search_at_80_columns_gives_the_snippet_room(tmp_path: Path) -> None:
    said = "We partition by a hash of the short code.\n\nThen consistent hashing spreads the keys."
    with Store(tmp_path / "db") as store:
        record, _ = stored_session(store)
        store.append_event(
            record.id,
            Event(seq=99, role="candidate", kind="answer", phase="deep_dive", elapsed_s=900, text=said),
        )
        hits = store.search("consistent")
    lines = rendered(search_table(hits, width=80), 80)
    assert all(len(line) <= 80 for line in lines)
    text = "\n".join(lines)
    # The snippet has room (it used to get 13 columns), and the turn's blank line is gone.
    assert "We partition by a hash of the short code. Then" in text
    assert "" not in lines[1:]


def test_show_reflows_the_hard_wrapped_prompt_but_keeps_a_candidates_lines(tmp_path: Path) -> None:
    from interview.cli.session_views import show_renderable

    prompt = "A user gives the service a long URL and gets back a short\nlink. Anyone who opens it\nis sent on.\n\nWhere would you like to start?"
    listed = "My plan:\n- a cache\n- a store"
    with Store(tmp_path / "db") as store:
        record, _ = stored_session(store, report=False)
        store.append_event(
            record.id,
            Event(seq=98, role="interviewer", kind="say", phase="wrap_up", elapsed_s=1, text=prompt),
        )
        store.append_event(
            record.id,
            Event(seq=99, role="candidate", kind="answer", phase="wrap_up", elapsed_s=2, text=listed),
        )
        events = store.events(record.id)
    lines = rendered(show_renderable(record, events, None, width=80), 80)
    text = "\n".join(lines)
    assert "gets back a short link. Anyone who\n    opens it is sent on." in text  # one paragraph, rewrapped
    assert "\n\n    Where would you like to start?" in text  # paragraphs stay apart
    assert "    My plan:\n    - a cache\n    - a store" in text


def _show_lines(db: Path, session_id: str, env: dict[str, str | None]) -> list[str]:
    from click.testing import CliRunner

    from interview.cli import cli

    result = CliRunner(env=env).invoke(cli, ["show", session_id, "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_show_into_a_pipe_fits_100_columns_or_columns(tmp_path: Path) -> None:
    """`show | less` used to lay the report out at 160 columns: unreadable in a pager or a file."""
    long_answer = " ".join(["The cache sits in front of the store and absorbs the hot reads."] * 6)
    db = tmp_path / "db"
    with Store(db) as store:
        record, _ = stored_session(store)
        store.append_event(
            record.id,
            Event(
                seq=99, role="candidate", kind="answer", phase="deep_dive", elapsed_s=900, text=long_answer
            ),
        )
    piped = _show_lines(db, record.id, {"COLUMNS": None})  # CliRunner's stdout is not a terminal
    assert max(len(line) for line in piped) == 100  # the long turn fills, and never passes, 100
    narrow = _show_lines(db, record.id, {"COLUMNS": "72"})
    assert max(len(line) for line in narrow) <= 72
    assert "absorbs the hot reads." in "\n".join(narrow)


def test_search_names_the_turn_and_show_opens_there(tmp_path: Path) -> None:
    """A hit says which turn (as report quotes number turns); `show --turn N` starts there."""
    from click.testing import CliRunner

    from interview.cli import cli

    db = tmp_path / "db"
    with Store(db) as store:
        record, _ = stored_session(store, report=False)
        store.append_event(
            record.id,
            Event(
                seq=99,
                role="candidate",
                kind="answer",
                phase="wrap_up",
                elapsed_s=2000,
                text="A zeppelin cache.",
            ),
        )
        turns = [e for e in store.events(record.id) if e.is_turn]
    number = len(turns) - 1  # the last turn
    runner = CliRunner(env={"COLUMNS": "160"})
    found = runner.invoke(cli, ["search", "zeppelin", "--db", str(db)], catch_exceptions=False)
    assert found.exit_code == 0
    row = next(line for line in found.stdout.splitlines() if "[zeppelin]" in line)
    assert f" {number} " in row
    assert f"interview show {record.id[:8]} --turn {number}" in found.stdout
    shown = runner.invoke(
        cli, ["show", record.id, "--turn", str(number), "--db", str(db)], catch_exceptions=False
    )
    assert shown.exit_code == 0
    assert f"▶ turn {number} " in shown.stdout and "A zeppelin cache." in shown.stdout
    assert turns[0].text.strip().split("\n")[0][:30] not in shown.stdout  # earlier turns are left out
