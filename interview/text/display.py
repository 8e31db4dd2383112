"""Text shown in a terminal: control characters made visible, never emitted.

Stored answers, model replies, scenario titles and file names may hold escape sequences
(`ESC ] 0 ; title BEL` retitles the window, `ESC ] 52` writes the clipboard, `ESC [ 2 J`
clears the screen, a lone CR or backspaces overwrite what was printed). Every command and
screen that shows such text passes it through `visible` first: each control character is
replaced by a visible stand-in (Unicode control pictures for C0, `\\x9b` style for C1), so
what reaches the terminal is always printable. Newlines and tabs are kept; CRLF becomes LF.

These functions work on characters, not on parsed sequences, so text that streams in pieces
is safe piece by piece. They do not deal with markup: callers render the result as plain text
(rich `Text`, Textual `Content`, or a widget with `markup=False`).
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

T = TypeVar("T")

# Bidirectional overrides and isolates reorder what is shown (a reply can look like something
# it is not); shown as <U+202E> and so on. Ordinary marks (LRM/RLM) are left alone.
_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))


def _table(*, keep_layout: bool) -> dict[int, str]:
    table: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ … ␟
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):  # C1 controls: 0x9b is CSI, 0x9d OSC, 0x90 DCS
        table[code] = f"\\x{code:02x}"
    for code in _BIDI:
        table[code] = f"<U+{code:04X}>"
    if keep_layout:
        del table[0x0A], table[0x09]
    else:
        table[0x0A] = " "
        table[0x09] = " "
    return table


_SUSPECT = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_table(keep_layout=False))) + "]")
# The tables are built on each use (microseconds, and only for text that holds a control
# character) rather than once at import, so that bench/mutation.py's mutants of `_table` take
# effect: mutmut's mutants never reach code that runs at import.


def visible(text: str) -> str:
    """`text` with every control character shown instead of obeyed; newlines and tabs kept."""
    if not _SUSPECT.search(text):  # fast path: most text is clean
        return text
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return text.translate(_table(keep_layout=True))


def visible_line(text: str) -> str:
    """Like `visible`, for one line (titles, table cells): newlines and tabs become spaces."""
    if not _SUSPECT.search(text):
        return text
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return text.translate(_table(keep_layout=False))


def visible_all(value: T) -> T:
    """A display copy of `value` with `visible` applied to every string inside it.

    Walks pydantic models, dicts, lists and tuples, so a record, its events or a report can
    be made safe once before a renderer reads any of its fields.
    """
    return _walk(value)  # type: ignore[no-any-return]


def _walk(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value)
    fields = getattr(type(value), "model_fields", None)  # a pydantic model (not imported: startup)
    if isinstance(fields, dict) and hasattr(value, "model_copy"):
        changes = {}
        for name in fields:
            old = getattr(value, name)
            new = _walk(old)
            if new is not old:
                changes[name] = new
        return value.model_copy(update=changes) if changes else value
    if isinstance(value, dict):
        pairs = [(k, v, _walk(k), _walk(v)) for k, v in value.items()]
        if all(k is nk and v is nv for k, v, nk, nv in pairs):
            return value
        return {nk: nv for _, _, nk, nv in pairs}
    if isinstance(value, list | tuple):
        walked = [_walk(v) for v in value]
        if all(a is b for a, b in zip(walked, value, strict=True)):
            return value
        return type(value)(walked) if isinstance(value, list) else tuple(walked)
    return value


SHOWN_CHARS = 8_000  # a screen shows this much of one turn (two screenfuls); a pasted essay is saved whole


def clipped(text: str, limit: int = SHOWN_CHARS) -> str:
    """`text`, or its first `limit` characters and a note saying how much more is saved.

    Laying out a megabyte of text in a widget takes many seconds on every resize; nobody reads
    that much in a chat bubble. `interview show` and `export` print everything.
    """
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit // 2, limit)
    head = text[: cut if cut > 0 else limit]
    return f"{head} …\n\n[{len(text):,} characters in all; the rest is saved: `interview export` shows it]"
