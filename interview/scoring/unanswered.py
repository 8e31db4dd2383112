"""The questions a candidate left unanswered, for every form of the report.

Rebuilt from the stored events alone (no catalog, no planner): each interviewer move that put a
new question (`Event.data`: move kind, key, question, topic) opens an entry; the ledger changes
each candidate turn made (`data["heard"]` on the reply) and questions let go (`data["dropped"]`)
settle it. What is left dodged or open at the end is the section "Questions left unanswered".
Renderers call `lines(report)` (plain strings) so the printed, Markdown and app reports agree.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # plain data in, plain lines out: the app's report screen imports this lazily
    from interview.engine.records import Event
    from interview.scoring.report import Report

TITLE = "Questions left unanswered"
EXTRA_KEY = "unanswered"
SHORT = 90  # characters of a question shown in the report
# Moves that put a question again (a rung, a revisit) rather than a new one; they open no entry.
_NOT_NEW = frozenset({"ladder", "revisit", "steer", "decline", "time_up", "hint", "hint_used", "closing"})
_QUESTION_KINDS = frozenset(
    "ask_scale ask_estimate challenge clarify followup rule probe failure_probe open_design wrap_up why "
    "deeper trade_offs escalate".split()
)


@dataclass
class Unanswered:
    """One question never answered: its words (short), its topic, and how it ended."""

    question: str
    topic: str
    status: str  # "dodged" (turned away from or given up on) or "open" (never taken up)
    phase: str


def collect(events: list[Event]) -> list[Unanswered]:
    """The questions still dodged or open at the end of the session, in the order asked."""
    entries: dict[str, dict[str, Any]] = {}
    for event in events:
        if event.role != "interviewer":
            continue
        data = event.data or {}
        for key, status in (data.get("heard") or {}).items():
            if key in entries:
                entries[key]["status"] = status
        dropped = data.get("dropped")
        if dropped in entries and entries[dropped]["status"] in ("open", "partly"):
            entries[dropped]["status"] = "dodged"
        covers = data.get("covers")
        if data.get("move") == "revisit" and covers in entries:
            entries[covers]["status"] = "open"  # put again; the next turn settles it
        kind = data.get("move")
        key = data.get("key")
        if kind in _QUESTION_KINDS and kind not in _NOT_NEW and key and key not in entries:
            question = str(data.get("question") or "")
            entries[key] = {
                "question": question,
                "topic": str(data.get("topic") or ""),
                "status": "open",
                "phase": event.phase,
            }
    return [
        Unanswered(short(e["question"] or e["topic"]), e["topic"], e["status"], e["phase"])
        for e in entries.values()
        if e["status"] in ("dodged", "open") and (e["question"] or e["topic"])
    ]


def short(text: str, limit: int = SHORT) -> str:
    """A question cut to `limit` characters on a word boundary ("... ?" kept when it fits)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def apply(report: Report, events: list[Event]) -> None:
    """Store the unanswered questions in the report (`report.extra["unanswered"]`), in place."""
    report.extra[EXTRA_KEY] = [asdict(item) for item in collect(events)]


def items(report: Report) -> list[Unanswered]:
    """The unanswered questions a report holds (none for a report graded before this existed)."""
    raw = report.extra.get(EXTRA_KEY) or []
    return [Unanswered(**item) for item in raw if isinstance(item, dict)]


def lines(report: Report) -> list[str]:
    """The section as plain lines: one per question, "<question> (dodged)"; empty when none."""
    return [f"{item.question} ({item.status})" for item in items(report)]
