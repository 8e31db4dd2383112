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


PRIVATE_DIR_MODE = 0o700  # answers, drafts and settings are the user's alone
PRIVATE_FILE_MODE = 0o600


def _ours(path: Path) -> bool:
    """Inside our own data or config folder (where tightening an older 0755/0644 is safe)."""
    path = path.absolute()
    homes = (data_home().absolute(), config_home().absolute())
    return any(path == home or home in path.parents for home in homes)


def private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) as 0700; an existing folder of ours is tightened."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR_MODE, exist_ok=True)
        os.chmod(folder, PRIVATE_DIR_MODE)  # mkdir's mode is masked by the umask
    if not missing and path.is_dir() and _ours(path):
        try:
            os.chmod(path, PRIVATE_DIR_MODE)
        except OSError:
            pass
    return path


def private_file(path: Path, *, create: bool = True) -> Path:
    """Make sure `path` exists as a 0600 file (created empty if missing; ours tightened)."""
    if not create and not path.exists():
        return path
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        if _ours(path) and path.is_file():
            try:
                os.chmod(path, PRIVATE_FILE_MODE)
            except OSError:
                pass
    else:
        os.close(fd)
        os.chmod(path, PRIVATE_FILE_MODE)
    return path


def write_private(path: Path, text: str) -> None:
    """Write `text` to `path` atomically (temp file + rename) as a 0600 file in a 0700 folder."""
    private_dir(path.parent)
    temp = path.with_name(path.name + ".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(temp, PRIVATE_FILE_MODE)
    os.replace(temp, path)
