"""The `interview` command: a click group whose subcommands live in small modules.

Heavy imports (Textual, litellm) happen inside the commands that need them, so
`interview scenarios list` stays fast.
"""

from __future__ import annotations

import os

# Set before anything can import litellm: no network at import, no .env auto-loading.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("LITELLM_MODE", "PRODUCTION")

import importlib  # noqa: E402
import sys  # noqa: E402
import traceback  # noqa: E402
from datetime import UTC, datetime  # noqa: E402

import click  # noqa: E402

from interview import __version__, paths  # noqa: E402
from interview.cli.app_options import app_options, refuse_app_options_before  # noqa: E402

# Each module's `register(cli)` adds its commands. A module is imported only when one of its
# commands is looked up, so plain `interview` (the app) and `interview scenarios list` do not
# pay for the engine, the store and the scorer (bench/startup.py).
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "catalog_cmds": ("scenarios", "rubrics", "personas"),
    "run_cmds": ("run",),
    "session_cmds": ("history", "show", "search", "export", "delete", "abandon"),
    "score_cmds": ("rescore",),
    "tui_cmds": ("home", "practice", "resume"),
    "doctor_cmds": ("doctor",),
    "drill_cmds": ("drill", "progress"),
}


class LazyGroup(click.Group):
    """A click group that imports a command's module when the command is first looked up."""

    _loaded: set[str]

    def _register(self, module: str) -> None:
        loaded = self.__dict__.setdefault("_loaded", set())
        if module not in loaded:
            loaded.add(module)
            importlib.import_module(f"interview.cli.{module}").register(self)

    def _register_all(self) -> None:
        for module in COMMAND_MODULES:
            self._register(module)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        owner = next((m for m, names in COMMAND_MODULES.items() if cmd_name in names), None)
        if owner is None:
            self._register_all()  # unknown name: load everything so click can suggest one
        else:
            self._register(owner)
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._register_all()
        return super().list_commands(ctx)


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="interview")
@app_options
@click.pass_context
def cli(ctx: click.Context, **options: object) -> None:
    """Practise system-design interviews alone, in your terminal.

    Run with no command to open the app; the options choose what it starts with (as for
    `interview practice`). Commands take their own options after their name.
    """
    if ctx.invoked_subcommand is None:
        from interview.cli import tui_cmds

        ctx.invoke(tui_cmds.home, **options)
        return
    refuse_app_options_before(ctx, ctx.invoked_subcommand)


def _crash_log(exc: BaseException) -> str | None:
    """Write the traceback somewhere a bug report can quote it; never to the terminal.

    Credentials (an `--api-base` with a password, `sk-…` keys, `Authorization:` headers,
    `*_API_KEY=` values) are scrubbed first; the log is 0600 in a 0700 folder.
    """
    from interview.redact import scrub

    try:
        log = paths.data_home() / "crash.log"
        paths.private_dir(log.parent)
        paths.private_file(log)
        entry = f"--- {datetime.now(UTC).isoformat()} interview {__version__} {sys.argv[1:]}\n"
        entry += "".join(traceback.format_exception(exc))
        with log.open("a", encoding="utf-8") as fh:
            fh.write(scrub(entry))
        return str(log)
    except OSError:
        return None


def _interrupted() -> None:
    """Exit 130 at once after ctrl+c: everything is already saved, and the interpreter's own
    teardown of a model run's heap (litellm) took 3-10 s, long enough to look like a swallowed
    ctrl+c (issue 18)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(130)


def _visible(text: str) -> str:
    from interview.text.display import visible

    return visible(text)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI and turn any failure into one clear line, never a traceback."""
    try:
        rv = cli.main(args=argv, prog_name="interview", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        _interrupted()
    except click.UsageError as exc:  # a mistyped option is bad input: 1 (2 means a database problem)
        exc.message = _visible(exc.message)  # it quotes what was typed
        exc.show()
        sys.exit(1)
    except click.ClickException as exc:
        exc.message = _visible(exc.message)
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        _interrupted()
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except SystemExit as exc:
        if exc.code == 130:  # a command that caught ctrl+c and said how to carry on
            _interrupted()
        raise
    except Exception as exc:  # the last line of defence: no traceback reaches a user
        where = _crash_log(exc)
        detail = f"; details in {where}" if where else ""
        from interview.redact import scrub

        click.echo(_visible(scrub(f"error: unexpected {type(exc).__name__}: {exc}{detail}")), err=True)
        sys.exit(70)
    if isinstance(rv, int) and rv:
        sys.exit(rv)
