"""Placeholder: filled in by its issue."""

from __future__ import annotations

import click


def register(main: click.Group) -> None:
    """Attach this module's commands to the top-level CLI."""
