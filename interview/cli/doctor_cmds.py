"""`interview doctor`: check the config, the database, the catalog and (with a model) one request."""

from __future__ import annotations

import asyncio
from dataclasses import asdict, dataclass
from pathlib import Path

import click

from interview.cli.common import db_option, echo, echo_json, json_option, scenarios_option


def register(main: click.Group) -> None:
    """Attach `doctor` to the top-level CLI."""
    main.add_command(doctor)


@dataclass
class Check:
    """One thing checked: what, whether it is fine, what was found, and how to fix it."""

    name: str
    ok: bool
    detail: str
    fix: str = ""


def _model_fix(reason: str) -> str:
    from interview.engine import llm

    fixes = {
        llm.NO_KEY: "export the provider's key, e.g. OPENAI_API_KEY=... or ANTHROPIC_API_KEY=...",
        llm.AUTH_FAILED: "the key was refused: check it is current and for this provider",
        llm.PERMISSION_DENIED: "the key cannot use this model: check your plan or pick another model",
        llm.MODEL_NOT_FOUND: "check the model name, e.g. openai/gpt-4o-mini",
        llm.UNKNOWN_MODEL: "name the provider too, e.g. openai/gpt-4o-mini (see litellm's provider list)",
        llm.CANNOT_CONNECT: "check --api-base (or INTERVIEW_API_BASE) and that the server is running",
        llm.RATE_LIMITED: "the provider is limiting you: wait a minute, or check your quota",
        llm.NO_LITELLM: "reinstall: pip install --force-reinstall litellm",
    }
    return fixes.get(reason, "try again; if it persists, check the provider's status page")


def _config(model: str | None, api_base: str | None, timeout: float | None) -> tuple[Check, object | None]:
    from interview import paths
    from interview.config import ConfigError, resolve

    try:
        settings = resolve(model=model, api_base=api_base, timeout=timeout)
    except ConfigError as exc:
        return Check("config", False, str(exc), "fix or remove the setting it names"), None
    where = paths.config_file()
    found = "found" if where.exists() else "not present, using the defaults"
    return Check("config", True, f"{where} ({found}); model: {settings.model or 'offline'}"), settings


def _database(db_path: Path | None) -> Check:
    from interview.store import Store, StoreError

    try:
        with Store(db_path) as store:
            count = len(store.in_progress())
            where = getattr(store, "path", db_path)
    except StoreError as exc:
        return Check("database", False, str(exc), "check the path and its permissions, or pass --db FILE")
    return Check("database", True, f"{where} opens ({count} interview(s) in progress)")


def _catalog(scenario_dirs: tuple[Path, ...]) -> Check:
    from interview.catalog import load_catalog

    catalog = load_catalog(scenario_dirs)
    warnings = list(catalog.warnings())
    if not catalog.scenarios:
        return Check(
            "catalog", False, "no scenarios could be loaded", "reinstall, or check --scenarios folders"
        )
    if warnings:
        detail = f"{len(catalog.scenarios)} scenarios; {len(warnings)} broken file(s): {warnings[0]}"
        return Check("catalog", False, detail, "interview scenarios validate FILE shows every problem")
    return Check("catalog", True, f"{len(catalog.scenarios)} scenarios, {len(catalog.personas)} personas")


def _model(model: str, api_base: str | None, timeout: float) -> Check:
    from interview.engine.llm import ping

    reason = asyncio.run(ping(model, api_base=api_base, timeout=timeout))
    if reason is None:
        return Check("model", True, f"{model} answered a one-line request")
    return Check("model", False, f"{model}: {reason}", _model_fix(reason))


@click.command()
@click.option(
    "--model", default=None, help="Also send this model one tiny request (default: the configured one)."
)
@click.option("--api-base", default=None, help="OpenAI-compatible server for the model.")
@click.option("--timeout", type=float, default=None, help="Seconds to wait for the model.")
@db_option
@scenarios_option
@json_option
def doctor(
    model: str | None,
    api_base: str | None,
    timeout: float | None,
    db_path: Path | None,
    scenario_dirs: tuple[Path, ...],
    as_json: bool,
) -> None:
    """Check that everything is ready: config, database, scenarios and the model. Exit 1 on a problem."""
    config, settings = _config(model, api_base, timeout)
    checks = [config, _database(db_path), _catalog(scenario_dirs)]
    chosen = getattr(settings, "model", None) if settings is not None else model
    if chosen:
        base = getattr(settings, "api_base", None) if settings is not None else api_base
        wait = float(getattr(settings, "timeout", None) or timeout or 30.0)
        checks.append(_model(chosen, base, wait))
    else:
        checks.append(Check("model", True, "none set: the offline interviewer (add --model M to check one)"))
    if as_json:
        echo_json({"ok": all(c.ok for c in checks), "checks": [asdict(c) for c in checks]})
    else:
        for c in checks:
            echo(f"{'ok  ' if c.ok else 'FAIL'}  {c.name:<9} {c.detail}")
            if c.fix:
                echo(f"      {'':<9} fix: {c.fix}")
    if not all(c.ok for c in checks):
        raise SystemExit(1)
