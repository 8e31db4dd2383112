"""Writing a command's output to a file the user named, without ever destroying data.

Rules: never the database (or its `-wal`/`-shm`/`-journal` companions, through any path,
symlink or hard link); never over an existing file unless `force`; never through a
symlink onto another file (with `force` the link itself is replaced, not its target).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

DB_COMPANIONS = ("", "-wal", "-shm", "-journal")


class OutputRefused(Exception):
    """The output path is unsafe or unusable; the message is one line for the user."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_not_database(output: Path, db_path: Path) -> None:
    """Refuse `output` when it names the database or one of its companion files."""
    target = Path(os.path.realpath(output))
    for suffix in DB_COMPANIONS:
        companion = Path(str(db_path) + suffix)
        if target == Path(os.path.realpath(companion)) or _same_file(output, companion):
            what = f"the session database's {suffix[1:]} file" if suffix else "the session database"
            raise OutputRefused(f"-o {output} is {what}; choose another file name")


def _write_new(path: Path, data: bytes) -> None:
    """Create `path` exclusively (fails if anything, even a dangling symlink, is there)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def check_output(output: Path, db_path: Path, force: bool = False) -> bool:
    """Refuse an unsafe `output` (OutputRefused); True when it exists and will be replaced."""
    if output.is_dir() and not output.is_symlink():
        raise OutputRefused(f"-o {output} is a folder; give a file name, e.g. {output / 'interview.md'}")
    check_not_database(output, db_path)
    exists = output.is_symlink() or output.exists()
    if exists and not force:
        kind = "a symlink" if output.is_symlink() else "an existing file"
        raise OutputRefused(f"-o {output} is {kind}; pass --force to replace it")
    if exists and not (output.is_file() or output.is_symlink()):
        raise OutputRefused(f"-o {output} is not a regular file; choose another file name")
    return exists


def write_output(output: Path, text: str, db_path: Path, force: bool = False) -> None:
    """Write `text` to `output` under the rules above; OutputRefused says why not."""
    exists = check_output(output, db_path, force)
    data = text.encode("utf-8")
    try:
        if not exists:
            _write_new(output, data)
            return
        # --force: write a new file beside it, then swap it in; a symlink is replaced, never followed.
        temp = output.with_name(f".{output.name}.{secrets.token_hex(4)}.tmp")
        _write_new(temp, data)
        try:
            os.replace(temp, output)
        except OSError:
            temp.unlink(missing_ok=True)
            raise
    except FileExistsError as exc:  # appeared between the check and the write
        raise OutputRefused(f"-o {output} appeared while writing; pass --force to replace it") from exc
    except OSError as exc:
        raise OutputRefused(f"cannot write {output}: {exc.strerror or exc}") from exc
