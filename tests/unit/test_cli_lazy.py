"""The CLI imports only what a command needs, so catalog commands start fast."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import click

from interview.cli import COMMAND_MODULES


def test_the_command_map_names_exactly_what_each_module_registers() -> None:
    for module, names in COMMAND_MODULES.items():
        group = click.Group()
        importlib.import_module(f"interview.cli.{module}").register(group)
        assert set(group.commands) == set(names), module


def test_catalog_commands_do_not_load_the_engine_store_or_scorer() -> None:
    probe = (
        "import sys, json\n"
        "from interview.cli import main\n"
        "try:\n"
        "    main(['scenarios', 'list', '--json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('interview.engine', 'interview.store', 'interview.scoring', 'textual', 'litellm')"
        " if m in sys.modules]\n"
        "print(json.dumps(heavy), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []
    assert "url-shortener" in done.stdout
