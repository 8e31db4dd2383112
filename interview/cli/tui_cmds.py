"""Commands that open the Textual app. Textual is imported only inside them."""

from __future__ import annotations

from pathlib import Path

import click

from interview.cli.app_options import app_options
from interview.cli.common import db_option, echo, fail, opened_store, scenarios_option


def _settings(**flags: object):  # -> interview.config.Settings
    from interview.config import ConfigError, resolve

    try:
        return resolve(**flags)  # type: ignore[arg-type]
    except ConfigError as exc:
        fail(str(exc))


def _run(start: object, scenario_dirs: tuple[Path, ...], db_path: Path | None) -> None:
    from interview.tui.app import run_app
    from interview.tui.services import Services

    message = run_app(start, Services(scenario_dirs=scenario_dirs, db_path=db_path))  # type: ignore[arg-type]
    if message:
        echo(f"error: {message}", err=True)


@click.command("home", hidden=True)
@app_options
def home(
    scenario_dirs: tuple[Path, ...] = (),
    db_path: Path | None = None,
    persona: str | None = None,
    level: str | None = None,
    model: str | None = None,
    api_base: str | None = None,
) -> None:
    """Open the app on its home screen."""
    from interview.tui.services import StartOptions

    if level is not None:
        from interview.catalog.models import LEVELS

        if level not in LEVELS:
            fail(f"--level must be one of {', '.join(LEVELS)}; got {level!r}")
    # Settings are read inside the app after its first frame (config parsing pulls in pydantic);
    # options given here win over them.
    start = StartOptions(
        "home", persona=persona, level=level, model=model, api_base=api_base, resolve_settings=True
    )
    _run(start, scenario_dirs, db_path)


@click.command("practice")
@click.argument("scenario_id")
@click.option("--persona", default=None, help="Interviewer persona id (default: the scenario's).")
@click.option("--level", default=None, help="mid, senior or staff (default: the scenario's).")
@click.option("--model", default=None, help="litellm model string, or 'offline' (default).")
@click.option("--api-base", default=None, help="Base URL of an OpenAI-compatible server.")
@click.option("--timeout", type=float, default=None, help="Seconds to wait for the model per read.")
@scenarios_option
@db_option
def practice(
    scenario_id: str,
    persona: str | None,
    level: str | None,
    model: str | None,
    api_base: str | None,
    timeout: float | None,
    scenario_dirs: tuple[Path, ...],
    db_path: Path | None,
) -> None:
    """Open the app straight into an interview on SCENARIO_ID."""
    from interview.catalog import load_catalog
    from interview.tui.services import StartOptions

    settings = _settings(model=model, api_base=api_base, timeout=timeout, persona=persona, level=level)
    catalog = load_catalog(scenario_dirs)
    if scenario_id not in catalog.scenarios:
        fail(catalog.unknown_message("scenario", scenario_id, catalog.scenarios))
    if settings.persona and settings.persona not in catalog.personas:
        fail(catalog.unknown_message("persona", settings.persona, catalog.personas))
    start = StartOptions(
        "practice",
        scenario_id=scenario_id,
        persona=settings.persona,
        level=settings.level,
        model=settings.model,
        api_base=settings.api_base,
        timeout=settings.timeout,
    )
    _run(start, scenario_dirs, db_path)


@click.command("resume")
@click.argument("session_id", required=False)
@db_option
def resume(session_id: str | None, db_path: Path | None) -> None:
    """Open the app straight into the interview left in progress (or SESSION_ID)."""
    from interview.tui.services import StartOptions

    with opened_store(db_path) as store:
        if session_id is None:
            if not store.in_progress():
                fail("no interview is in progress; start one with `interview`")
        else:
            record = store.get_session(session_id)
            session_id = record.id
            if record.status != "in_progress":
                fail(
                    f"session {record.id[:8]} is {record.status}; "
                    f"see it with `interview show {record.id[:8]}`"
                )
    settings = _settings()
    start = StartOptions(
        "resume",
        session_id=session_id,
        model=settings.model,
        api_base=settings.api_base,
        timeout=settings.timeout,
    )
    _run(start, (), db_path)


def register(main: click.Group) -> None:
    """Attach the TUI commands to the top-level CLI."""
    main.add_command(home)
    main.add_command(practice)
    main.add_command(resume)
