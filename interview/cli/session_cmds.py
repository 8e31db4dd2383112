"""`interview history|show|search|export|delete|abandon`: review and manage stored sessions."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from interview.cli.common import db_option, echo, echo_json, fail, json_option, json_text, opened_store
from interview.engine.records import SESSION_KINDS
from interview.engine.transcript import session_json
from interview.store import Store
from interview.store.markdown import session_markdown, when
from interview.text.display import visible

STATUSES = ("in_progress", "completed", "abandoned")


def _one_of(*values: str) -> Callable[[click.Context, click.Parameter, str | None], str | None]:
    """A click callback: the value must be one of `values`, else one line and exit 1."""

    def check(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is not None and value not in values:
            fail(f"{param.opts[0]} must be one of {', '.join(values)}; got {value!r}")
        return value

    return check


def _positive(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """A click callback: a whole number of at least 1, else one line and exit 1."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        fail(f"{param.opts[0]} must be a whole number of at least 1; got {value!r}")
    return number


def register(main: click.Group) -> None:
    """Attach the session commands to the top-level CLI."""
    for command in (history, show, search, export, delete, abandon):
        main.add_command(command)


@click.command()
@click.option("--scenario", "scenario_id", default=None, help="Only sessions of this scenario id.")
@click.option(
    "--status",
    metavar="|".join(STATUSES),
    callback=_one_of(*STATUSES),
    default=None,
    help="Only sessions with this status.",
)
@click.option(
    "--kind",
    metavar="|".join(SESSION_KINDS),
    callback=_one_of(*SESSION_KINDS),
    default=None,
    help="Only whole interviews, or only one kind of drill.",
)
@click.option(
    "--limit", metavar="N", callback=_positive, default="20", show_default=True, help="How many to list."
)
@json_option
@db_option
def history(
    scenario_id: str | None,
    status: str | None,
    kind: str | None,
    limit: int,
    as_json: bool,
    db_path: Path | None,
) -> None:
    """List past sessions (interviews and drills), newest first, with their scores once graded."""
    with opened_store(db_path) as store:
        sessions = store.list_sessions(scenario=scenario_id, status=status, limit=limit, kind=kind)
    if as_json:
        # `session_id`, as in `run --json`, `show --json` and `search --json`
        rows = [s.model_dump(mode="json") for s in sessions]
        echo_json([{"session_id": row.pop("id"), **row} for row in rows])
        return
    if not sessions:
        click.echo("No sessions yet. Start one with `interview` or `interview run`.")
        return
    from interview.cli.session_views import console, history_table

    out = console()
    out.print(history_table(sessions, width=out.width))


@click.command()
@click.argument("session_id")
@click.option(
    "--turn",
    "from_turn",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="Start the transcript at turn N (as report quotes and `search` number turns), marked ▶.",
)
@json_option
@db_option
def show(session_id: str, from_turn: int | None, as_json: bool, db_path: Path | None) -> None:
    """Show one session: the transcript by phase with timings, and its report once graded."""
    with opened_store(db_path) as store:
        record = store.get_session(session_id)
        events = store.events(record.id)
        report = store.latest_report(record.id)
    if as_json:
        echo_json(session_json(record, events, report))
        return
    from interview.cli.session_views import console, show_renderable

    out = console()
    out.print(show_renderable(record, events, report, width=min(out.width, 120), from_turn=from_turn))


@click.command()
@click.argument("query")
@click.option(
    "--limit", metavar="N", callback=_positive, default="20", show_default=True, help="Most matches."
)
@json_option
@db_option
def search(query: str, limit: int, as_json: bool, db_path: Path | None) -> None:
    """Full-text search over everything candidates and interviewers said."""
    with opened_store(db_path) as store:
        hits = store.search(query, limit=limit)
    if as_json:
        echo_json([h.model_dump(mode="json") for h in hits])
        return
    if not hits:
        click.echo(f"No turns match {query!r}.")
        return
    from interview.cli.session_views import console, search_table

    turns: dict[tuple[str, int], int] = {}  # (session, event seq) -> turn number
    with opened_store(db_path) as store:
        for session_id in {hit.session_id for hit in hits}:
            seqs = [e.seq for e in store.events(session_id) if e.is_turn]
            turns.update({(session_id, seq): number for number, seq in enumerate(seqs)})
    out = console()
    out.print(search_table(hits, width=out.width, turns=turns))
    first = hits[0]
    if (first.session_id, first.seq) in turns:
        number = turns[(first.session_id, first.seq)]
        click.echo(f"\nOpen one at its turn: interview show {first.session_id[:8]} --turn {number}")


@click.command()
@click.argument("session_id")
@click.option(
    "--format",
    "fmt",
    metavar="md|json",
    callback=_one_of("md", "json"),
    default="md",
    show_default=True,
    help="Markdown report or the session JSON object.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write to this file instead of stdout (never over the database; `-` is stdout).",
)
@click.option("--force", is_flag=True, help="Replace the -o file if it already exists.")
@db_option
def export(session_id: str, fmt: str, output: Path | None, force: bool, db_path: Path | None) -> None:
    """Export a session as a Markdown report or as the JSON object."""
    from interview.cli.output_file import OutputRefused, check_output, write_output
    from interview.paths import default_db_path

    if output is not None and str(output) == "-":
        output = None
    database = db_path.expanduser() if db_path is not None else default_db_path()
    if output is not None:  # bad input: exit 1 (2 means a database problem); checked before reading
        try:
            check_output(output, database, force)
        except OutputRefused as exc:
            fail(str(exc))
    with opened_store(db_path) as store:
        record = store.get_session(session_id)
        events = store.events(record.id)
        report = store.latest_report(record.id)
    if fmt == "json":
        text = json_text(session_json(record, events, report)) + "\n"
    else:
        text = visible(session_markdown(record, events, report))  # a file that is `cat` later
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_output(output, text, database, force=force)
    except OutputRefused as exc:
        fail(str(exc))
    echo(f"wrote {output}", err=True)


def _can_ask() -> bool:
    """Whether there is a person at a terminal to confirm a deletion."""
    return sys.stdin.isatty()


def _describe(store: Store, session_id: str) -> str:
    record = store.get_session(session_id)
    status = record.status.replace("_", " ")
    return f"{record.id[:8]} ({record.scenario_id}, {when(record.started_at)}, {status})"


@click.command()
@click.argument("session_id")
@click.option("--yes", "-y", is_flag=True, help="Delete without asking.")
@db_option
def delete(session_id: str, yes: bool, db_path: Path | None) -> None:
    """Delete a session with its transcript and grades (asks first unless --yes)."""
    with opened_store(db_path) as store:
        full_id = store.resolve_id(session_id)
        label = _describe(store, full_id)
        if not yes:
            if not _can_ask():
                fail(f"not deleting {label}: no terminal to confirm on; pass --yes")
            if not click.confirm(visible(f"Delete session {label}?"), default=False):
                click.echo("kept it")
                return
        store.delete_session(full_id)
    echo(f"deleted {label}")


@click.command()
@click.argument("session_id")
@db_option
def abandon(session_id: str, db_path: Path | None) -> None:
    """Mark an in-progress session abandoned (it stays in history; it is no longer offered for resume)."""
    with opened_store(db_path) as store:
        record = store.get_session(session_id)
        if record.status != "in_progress":
            status = record.status.replace("_", " ")
            fail(f"session {record.id[:8]} is {status}; only an in-progress one can be abandoned")
        store.abandon(record.id)
    echo(f"abandoned {record.id[:8]} ({record.scenario_id}, {when(record.started_at)})")
