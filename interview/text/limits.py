"""How much of one answer the analysis reads.

An answer is stored whole, however long. The interviewer's reading of it (planner) and the
offline scorer read at most `ANALYSED_CHARS` of it: a pasted essay of 1 MB must not freeze the
interview, and no spoken turn comes near the limit (45 minutes at 150 words a minute is about
40,000 characters in all; one turn of 16,000 is ten minutes of talking). The user is told.
"""

from __future__ import annotations

ANALYSED_CHARS = 16_000


def analysed(text: str) -> str:
    """The part of `text` the analysis reads: all of it, or a prefix cut at a space."""
    if len(text) <= ANALYSED_CHARS:
        return text
    cut = text.rfind(" ", ANALYSED_CHARS // 2, ANALYSED_CHARS)
    return text[: cut if cut > 0 else ANALYSED_CHARS]


def partial_notice(text: str) -> str | None:
    """What to tell the user when only part of their answer is read, else None."""
    if len(text) <= ANALYSED_CHARS:
        return None
    size = f"{len(text) / 1000:,.0f}k"
    return (
        f"That answer is {size} characters: it is saved in full, but the interviewer and the "
        f"offline score read only its first {ANALYSED_CHARS // 1000}k."
    )
