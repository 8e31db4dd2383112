"""The report's sections (text/report_sections.py) laid out for a terminal with rich.

Used by `show`, `run` and `rescore`. It only lays out: every title, label and figure comes
from `report_sections`, so the printed report says what the app and the export say.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from interview.text.report_sections import Block, Section, report_sections

if TYPE_CHECKING:
    from interview.engine.records import SessionRecord
    from interview.scoring.report import Report


def _block(block: Block) -> RenderableType:
    if block.kind == "text":
        return Text(block.text.strip(), style="bold" if block.emphasis else "")
    if block.kind == "heading":
        return Text(block.text, style="bold")
    if block.kind == "code":
        return Padding(Text(block.text, no_wrap=True, overflow="ignore"), (0, 0, 0, 2))
    if block.kind == "table":
        table = Table(box=None, header_style="bold", pad_edge=False)
        for header in block.headers:
            table.add_column(header.upper(), overflow="fold")
        for row in block.rows:
            table.add_row(*(Text(cell) for cell in row))  # stored words are never markup
        return table
    text = Text()
    for number, item in enumerate(block.items, start=1):
        mark = f"{number}." if block.kind == "numbered" else "-"
        if text:
            text.append("\n")
        text.append(f"{mark} {item.text}")
        for note in item.notes:
            text.append(f"\n   {note}", style="dim")
    return text


def sections_renderable(sections: list[Section]) -> Group:
    """Each section under a rule with its title, blocks separated by a blank line."""
    parts: list[RenderableType] = []
    for section in sections:
        parts.append(Rule(Text(section.title, style="bold"), align="left"))
        for block in section.blocks:
            parts.append(_block(block))
        parts.append(Text(""))
    return Group(*parts)


def report_renderable(report: Report, record: SessionRecord | None = None) -> Group:
    """The whole report for a terminal (the same sections as the app and the export)."""
    return sections_renderable(report_sections(report, record))
