"""The options of plain `interview` (the app): the same choices `interview practice` takes.

Kept light (click only): plain `interview` must draw its first frame fast.
"""

from __future__ import annotations

from collections.abc import Callable

import click
from click.core import ParameterSource

from interview.cli.common import db_option, fail, scenarios_option

APP_OPTIONS = ("db_path", "scenario_dirs", "persona", "level", "model", "api_base")


def app_options(func: Callable) -> Callable:
    """--db, --scenarios, --persona, --level, --model and --api-base, as `practice` has them."""
    for option in (
        click.option("--api-base", default=None, help="Base URL of an OpenAI-compatible server."),
        click.option("--model", default=None, help="litellm model string, or 'offline' (default)."),
        click.option("--level", default=None, help="mid, senior or staff (default: the scenario's)."),
        click.option("--persona", default=None, help="Interviewer persona id (default: the scenario's)."),
        scenarios_option,
        db_option,
    ):
        func = option(func)
    return func


def refuse_app_options_before(ctx: click.Context, command: str) -> None:
    """`interview --db X history`: the option belongs after the command; say so (exit 1)."""
    given = [
        param.opts[0]
        for param in ctx.command.params
        if param.name in APP_OPTIONS and ctx.get_parameter_source(param.name) == ParameterSource.COMMANDLINE
    ]
    if given:
        fail(f"put {', '.join(given)} after the command: interview {command} {given[0]} ...")
