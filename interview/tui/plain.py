"""Words from files, the database or a model, as widgets show them: plain text, never markup.

Textual reads a `str` as markup in table cells, select options, border titles and `Static`;
a title like `Design a [/] limiter` would crash the app and `[bold]` would turn bold. These
wrap the text in rich `Text` after `visible`/`visible_line` (escape codes shown, not obeyed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from rich.text import Text

from interview.text.display import visible, visible_line

V = TypeVar("V")


def line(value: object, style: str = "") -> Text:
    """One line of plain text (a table cell, a border title, an option)."""
    if isinstance(value, Text):
        return value
    return Text(visible_line(str(value)), style=style)


def block(value: str, style: str = "") -> Text:
    """Plain text that keeps its line breaks (a brief, a turn)."""
    return Text(visible(value), style=style)


# What a `str` cell needs to be read as something else: a markup tag, an emoji code, a control.
_UNSAFE = re.compile(r"[\[\\\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|:[\w+\-]+:")


def cell(value: object) -> str | Text:
    """A table cell: the string itself when nothing in it can be misread, else plain `Text`."""
    if isinstance(value, Text):
        return value
    text = str(value)
    return line(text) if _UNSAFE.search(text) else text


def option_list(pairs: Iterable[tuple[str, V]]) -> list[tuple[Text, V]]:
    """`Select` options with plain labels."""
    return [(line(label), value) for label, value in pairs]
