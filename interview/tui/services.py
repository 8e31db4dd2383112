"""What the app is started with, and the seams tests inject (catalog, clock, store path, voice).

Kept free of Textual and of the engine so `interview.tui.app` imports fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from interview.catalog import Catalog


def utc_now() -> datetime:
    """The wall clock, timezone-aware."""
    return datetime.now(UTC)


@dataclass
class StartOptions:
    """Where the app opens and the interview choices given on the command line."""

    mode: Literal["home", "practice", "resume", "drill"] = "home"
    scenario_id: str | None = None  # practice
    session_id: str | None = None  # resume; None -> the latest in-progress session
    persona: str | None = None
    level: str | None = None
    model: str | None = None  # None or "offline" -> the offline interviewer
    api_base: str | None = None
    timeout: float = 30.0
    resolve_settings: bool = False  # home: read config.toml/env after the first frame
    voice_options: dict[str, Any] | None = None  # model request settings from config
    drill: dict[str, Any] | None = None  # drill: a DrillSpec dump (interview/drills/plan.py)


@dataclass
class Services:
    """Injected dependencies: defaults are the real ones; tests pass fixed ones."""

    scenario_dirs: tuple[Path, ...] = ()
    db_path: Path | None = None  # None -> paths.default_db_path()
    catalog: Catalog | None = None  # None -> load_catalog(scenario_dirs) on first use
    clock_factory: Callable[[], Any] | None = None  # None -> engine RealClock
    now: Callable[[], datetime] = utc_now
    tz: tzinfo | None = None  # how dates are shown; None -> local time
    seed: int | None = None
    tick_seconds: float = 1.0  # how often the interview screen asks the clock (0: never)
    autosave_seconds: float = 3.0  # how often an unsent draft and the whiteboard are saved
    cursor_blink: bool = True  # tests turn it off so snapshots are stable


def is_offline(model: str | None) -> bool:
    """True when no model was chosen."""
    return not model or model.strip().lower() == "offline"


def format_when(moment: datetime | None, tz: tzinfo | None) -> str:
    """`2026-11-22 14:05` in the display timezone."""
    if moment is None:
        return "—"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def format_ago(moment: datetime, now: datetime) -> str:
    """`3 hours ago`, `2 days ago`, `just now`."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    seconds = max(0.0, (now - moment).total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = int(seconds // size)
            return f"{count} {unit}{'s' if count > 1 else ''} ago"
    return "just now"


def format_clock(seconds: float) -> str:
    """`12:05`, or `+01:20` when negative (overtime)."""
    sign = "+" if seconds < 0 else ""
    whole = int(abs(seconds) + (0.999 if seconds > 0 else 0))  # count down in whole seconds
    minutes, secs = divmod(whole, 60)
    return f"{sign}{minutes:02d}:{secs:02d}"


_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s")


def reflow(text: str) -> str:
    """Join the hard line breaks inside each paragraph, so the text wraps to the pane.

    Blank lines (paragraph breaks) stay, and so do list items (an indented line after one
    continues it). Indented lines elsewhere (code, ASCII diagrams) keep their breaks.
    """
    out: list[str] = []
    in_list = False
    for line in text.strip().splitlines():
        stripped = line.strip()
        indented = line.startswith((" ", "\t"))
        if not stripped:
            out.append("")
            in_list = False
            continue
        if _LIST_ITEM.match(line):
            out.append(line.rstrip())
            in_list = True
            continue
        previous = out[-1] if out else ""
        continues = previous.strip() and (in_list or not (indented or previous.startswith((" ", "\t"))))
        if continues:
            out[-1] = f"{previous.rstrip()} {stripped}"
        else:
            out.append(line.rstrip())
    return "\n".join(out)
