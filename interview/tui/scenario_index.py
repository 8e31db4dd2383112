"""A small index of Home's scenario list, so the list is in the app's first frame.

Loading the catalog builds a pydantic model of every YAML file (~0.4 s); the list needs only
each scenario's id, title, level, minutes and source. After each load the rows are saved
with a fingerprint of every catalog file (path, size, modification time) and the version;
at the next start Home fills the list from the index when the fingerprint still matches,
and the loaded catalog replaces it moments later. Any change to any catalog file (or to
the folders searched) misses the index, so it can never show a stale list for long.
Free of pydantic and Textual: it runs before the first frame.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from interview import __version__, paths

KINDS = ("rubrics", "personas", "scenarios")
YAML_SUFFIXES = (".yaml", ".yml")
Row = tuple[str, str, str, str, str]  # id, title, level, minutes, source


def search_dirs(kind: str, extra_dirs: Sequence[Path] = ()) -> list[Path]:
    """The folders the catalog searches for one kind (the same as `catalog.search_dirs`)."""
    dirs = [paths.builtin_dir(kind), paths.user_dir(kind)]
    env = os.environ.get("INTERVIEW_SCENARIOS_PATH", "")
    roots = [Path(p).expanduser() for p in env.split(os.pathsep) if p.strip()]
    roots += [Path(d).expanduser() for d in extra_dirs]
    dirs += [root if kind == "scenarios" else root / kind for root in roots]
    return dirs


def fingerprint(extra_dirs: Sequence[Path] = ()) -> list:
    """What the list depends on: the version and every catalog file's path, size and mtime."""
    found: list = [__version__]
    for kind in KINDS:
        for folder in search_dirs(kind, extra_dirs):
            try:
                names = sorted(os.listdir(folder))
            except OSError:
                found.append([str(folder), None])
                continue
            found.append([str(folder), len(names)])
            for name in names:
                if not name.endswith(YAML_SUFFIXES):
                    continue
                try:
                    st = os.stat(folder / name)
                except OSError:
                    found.append([name, None])
                    continue
                found.append([name, st.st_size, st.st_mtime_ns])
    return found


def index_path() -> Path:
    return paths.data_home() / "scenario-index.json"


def load_rows(extra_dirs: Sequence[Path] = ()) -> list[Row] | None:
    """The saved rows, when every catalog file is as it was when they were saved; else None."""
    try:
        saved = json.loads(index_path().read_text(encoding="utf-8"))
        if saved.get("fingerprint") != fingerprint(extra_dirs):
            return None
        return [tuple(str(cell) for cell in row) for row in saved["rows"]]  # type: ignore[misc]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def save_rows(rows: list[Row], seen: list) -> None:
    """Keep the rows with the fingerprint taken before the catalog was loaded (best effort)."""
    target = index_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temp.write_text(json.dumps({"fingerprint": seen, "rows": rows}), encoding="utf-8")
        os.replace(temp, target)
    except OSError:
        pass  # only a speed-up
