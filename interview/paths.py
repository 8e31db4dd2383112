"""Where things live on disk: XDG locations and the built-in YAML folders.

Functions rather than constants, so tests can redirect them through the environment.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

DATA_KINDS = ("scenarios", "rubrics", "personas")


def config_home() -> Path:
    """`$XDG_CONFIG_HOME/interview` (default `~/.config/interview`)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "interview"


def data_home() -> Path:
    """`$XDG_DATA_HOME/interview` (default `~/.local/share/interview`)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "interview"


def user_dir(kind: str) -> Path:
    """The user's own folder for one kind of YAML (scenarios, rubrics, personas)."""
    return config_home() / kind


def config_file() -> Path:
    """The optional TOML settings file."""
    return config_home() / "config.toml"


def default_db_path() -> Path:
    """The database file used when neither `--db` nor `INTERVIEW_DB` is given."""
    env = os.environ.get("INTERVIEW_DB")
    return Path(env).expanduser() if env else data_home() / "interview.db"


def builtin_dir(kind: str) -> Path:
    """The built-in YAML folder: inside the installed wheel, or the checkout's top level."""
    packaged = files("interview") / "_data" / kind
    checkout = Path(__file__).resolve().parents[1] / kind
    # An editable install leaves a stale `_data` copy; the live checkout wins when present.
    if checkout.is_dir() and (checkout.parent / "pyproject.toml").is_file():
        return checkout
    if packaged.is_dir():
        return Path(str(packaged))
    raise FileNotFoundError(f"built-in {kind} folder not found")
