"""Shared pieces of the command line: options, JSON output, clean failures."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from interview.text.display import visible

if TYPE_CHECKING:
    from interview.catalog import Catalog


class UserError(click.ClickException):
    """A problem the user can fix; printed as one line, exit code 1 (or as given)."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {visible(self.format_message())}", err=True)


def fail(message: str, exit_code: int = 1) -> NoReturn:
    """Stop the command with a one-line error."""
    raise UserError(message, exit_code)


def echo(message: str = "", *, err: bool = False, nl: bool = True) -> None:
    """`click.echo` for text that may hold stored, user or model words: controls made visible."""
    click.echo(visible(message), err=err, nl=nl)


# JSON escapes C0 controls itself; with ensure_ascii=False it would print C1 controls (0x9b is
# a CSI to some terminals) and bidi overrides raw, so those are written as \u escapes.
_JSON_RAW = re.compile("[\u0080-\u009f\u202a-\u202e\u2066-\u2069]")


def json_text(obj: Any) -> str:
    """One JSON document, readable UTF-8, with no raw control characters (not even C1)."""
    text = json.dumps(obj, indent=2, ensure_ascii=False, default=str)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def echo_json(obj: Any) -> None:
    """Print one JSON document on stdout."""
    click.echo(json_text(obj))


def json_option(func: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(func)


def scenarios_option(func: Callable) -> Callable:
    return click.option(
        "--scenarios",
        "scenario_dirs",
        multiple=True,
        type=click.Path(file_okay=False, path_type=Path),
        help="Extra directory of scenario YAML (searched last, so it overrides). Repeatable.",
    )(func)


def db_option(func: Callable) -> Callable:
    return click.option(
        "--db",
        "db_path",
        # No dir_okay=False: the Store reports a directory as one clear line with exit 2.
        type=click.Path(path_type=Path),
        default=None,
        envvar="INTERVIEW_DB",
        help="Database file (default: $XDG_DATA_HOME/interview/interview.db; env INTERVIEW_DB).",
    )(func)


def open_catalog(scenario_dirs: tuple[Path, ...] | list[Path] = (), quiet: bool = False) -> Catalog:
    """Load the catalog and print one warning line per broken file on stderr."""
    from interview.catalog import load_catalog  # lazily: pydantic models cost ~0.2 s to build

    catalog = load_catalog(scenario_dirs)
    if not quiet:
        for line in catalog.warnings():
            echo(line, err=True)
    return catalog


def stdout_is_tty() -> bool:
    return sys.stdout.isatty()


@contextmanager
def opened_store(db_path: Path | None) -> Iterator[Any]:
    """A Store for one command; database problems exit 2, unknown/ambiguous ids exit 1."""
    from interview.store import AmbiguousSessionId, SessionNotFound, Store, StoreError

    try:
        store = Store(db_path)
    except StoreError as exc:
        fail(str(exc), 2)
    try:
        yield store
    except StoreError as exc:
        fail(str(exc), 2)
    except (SessionNotFound, AmbiguousSessionId) as exc:
        fail(str(exc), 1)
    finally:
        store.close()
