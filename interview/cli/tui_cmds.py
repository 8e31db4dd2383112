"""Commands that open the Textual app. Textual is imported only inside them."""

from __future__ import annotations

import click


@click.command("home", hidden=True)
def home() -> None:
    """Open the app on its home screen."""
    click.echo("The terminal app is not built yet; try `interview scenarios list`.", err=True)


def register(main: click.Group) -> None:
    """Attach the TUI commands to the top-level CLI."""
    main.add_command(home)
