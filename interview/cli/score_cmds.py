"""`interview rescore`: grade a stored session again, keeping the earlier grades.

Also holds `print_report`, the printed report of `run` and `rescore` (cli/report_rich.py).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from interview import config
from interview.cli.common import (
    db_option,
    echo,
    echo_json,
    fail,
    json_option,
    open_catalog,
    opened_store,
    scenarios_option,
)
from interview.engine.records import SessionRecord
from interview.scoring.report import Report
from interview.text.display import visible_all


def register(main: click.Group) -> None:
    """Attach this module's commands to the top-level CLI."""
    main.add_command(rescore)


# --------------------------------------------------------------------------- rendering


def _label(verdict: str) -> str:
    return verdict.replace("_", " ")


def print_report(report: Report, record: SessionRecord | None = None) -> None:
    """Print the full report on stdout (user text is never read as markup): the same sections
    as the app's report and the Markdown export (text/report_sections.py)."""
    from interview.cli.report_rich import report_renderable
    from interview.cli.session_views import console

    shown, board = visible_all((report, record))  # quotes may hold escape codes
    console().print(report_renderable(shown, board))


# --------------------------------------------------------------------------- rescore


def _current_snapshots(
    record: SessionRecord, scenario_dirs: tuple[Path, ...]
) -> tuple[SessionRecord, list[str]]:
    """The record with today's scenario and rubric from the catalog (notes say what was kept as run)."""
    catalog = open_catalog(scenario_dirs, quiet=True)
    notes: list[str] = []
    update: dict[str, Any] = {}
    scenario_id = record.scenario.get("id", record.scenario_id)
    if scenario_id in catalog.scenarios:
        update["scenario"] = catalog.scenario(scenario_id).model_dump(mode="json")
    else:
        notes.append(f"scenario {scenario_id!r} is no longer in the catalog; graded with it as run")
    rubric_id = record.rubric.get("id", "")
    if rubric_id in catalog.rubrics:
        update["rubric"] = catalog.rubric(rubric_id).model_dump(mode="json")
    else:
        notes.append(f"rubric {rubric_id!r} is no longer in the catalog; graded with it as run")
    return record.model_copy(update=update), notes


@click.command("rescore")
@click.argument("session_id")
@click.option(
    "--model", default=None, help="litellm model for the judge (default: configured model, else offline)."
)
@click.option("--api-base", default=None, help="Base URL of an OpenAI-compatible server.")
@click.option("--timeout", default=None, type=float, help="Judge timeout in seconds (60).")
@click.option("--offline", "force_offline", is_flag=True, help="Grade offline even if a model is configured.")
@click.option("--as-run", is_flag=True, help="Use the scenario and rubric as they were when the session ran.")
@click.option("--save", is_flag=True, help="Store the grade of a session in progress (else only shown).")
@scenarios_option
@json_option
@db_option
def rescore(
    session_id: str,
    model: str | None,
    api_base: str | None,
    timeout: float | None,
    force_offline: bool,
    as_run: bool,
    save: bool,
    scenario_dirs: tuple[Path, ...],
    as_json: bool,
    db_path: Path | None,
) -> None:
    """Grade a stored session again (e.g. after editing the rubric); earlier grades are kept.

    By default the session is graded against the scenario and rubric in the catalog today;
    --as-run uses the copies stored with the session. A session still in progress is graded
    so far and the grade shown, not stored (its history and scores stay clean) unless --save.
    """
    if timeout is not None and timeout <= 0:
        fail(f"--timeout must be positive, got {timeout:g}")
    try:
        settings = config.resolve(model=model, api_base=api_base)
    except config.ConfigError as exc:
        fail(str(exc))
    from interview.scoring import score_session

    with opened_store(db_path) as store:
        try:
            record = store.get_session(session_id)
            events = store.events(record.id)
            earlier = store.reports(record.id)
            notes: list[str] = []
            graded_record = record
            if not as_run:
                graded_record, notes = _current_snapshots(record, scenario_dirs)
            judge_model = None if force_offline else settings.model
            report = asyncio.run(
                score_session(
                    graded_record,
                    events,
                    model=judge_model,
                    api_base=settings.api_base,
                    timeout=timeout if timeout is not None else 60.0,
                )
            )
            stored = record.status != "in_progress" or save
            if stored:
                store.save_report(record.id, report)
        except ValidationError as exc:
            where = "scenario or rubric stored with the session" if as_run else "scenario or rubric"
            fail(
                f"cannot grade: the {where} is not valid ({exc.error_count()} problem(s)); "
                "try without --as-run, or fix the catalog file",
                1,
            )
    for note in notes:
        echo(f"note: {note}", err=True)
    if record.status == "in_progress":
        kept = "kept (--save)" if stored else "not stored; pass --save to keep it"
        click.echo(
            f"note: session {record.id[:12]} is still in progress; this grade covers it so far ({kept})",
            err=True,
        )
    if as_json:
        from interview.engine.transcript import session_json

        previous = [
            {
                "overall": r.overall,
                "verdict": r.verdict,
                "scorer": r.scorer,
                "scored_at": r.scored_at.isoformat() if r.scored_at else None,
            }
            for r in earlier
        ]
        echo_json(session_json(record, events, report, previous_scores=previous))
        return
    print_report(report, record)
    if earlier:
        last = earlier[-1]
        echo(
            f"Previous grade: {last.overall:.0f}/100 · {_label(last.verdict)} ({last.scorer}); "
            f"{len(earlier) + int(stored)} grades kept for session {record.id[:12]}."
        )
