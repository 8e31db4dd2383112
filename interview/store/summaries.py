"""The small read models the store returns for lists and searches."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field, model_validator


class SessionSummary(BaseModel):
    """One row of `interview history`: the session plus its latest score, if graded."""

    id: str
    scenario_id: str
    scenario_title: str
    persona_id: str
    model: str
    level: str
    status: str
    started_at: datetime
    ended_at: datetime | None = None
    elapsed_s: float = 0.0
    overall: float | None = None
    verdict: str | None = None
    kind: str = "interview"


MATCH_OPEN, MATCH_CLOSE = "\ue000", "\ue001"  # around matched words in `SearchHit.marked`


class SearchHit(BaseModel):
    """One turn that matched a full-text search; matched words are wrapped in `[…]` in `snippet`.

    `marked` has the same text with private markers around the matches, so brackets the
    candidate typed ("[LB] -> [App]") are never shown as matches; renderers use `parts()`.
    """

    session_id: str
    scenario_id: str
    seq: int
    role: str
    phase: str
    snippet: str = ""
    marked: str = Field(default="", exclude=True)
    started_at: datetime

    @model_validator(mode="after")
    def _both_forms(self) -> SearchHit:
        if self.marked and not self.snippet:
            self.snippet = self.marked.replace(MATCH_OPEN, "[").replace(MATCH_CLOSE, "]")
        elif not self.marked:  # built by hand with brackets: those are the matches
            self.marked = marked_from_brackets(self.snippet)
        return self

    def parts(self) -> list[tuple[str, bool]]:
        """The snippet on one line as (text, is a match) pieces, in order."""
        return snippet_parts(self.marked)


def marked_from_brackets(snippet: str) -> str:
    """A snippet whose `[…]` are the matches, in the marked form (`SearchHit.marked`)."""
    return snippet.replace("[", MATCH_OPEN).replace("]", MATCH_CLOSE)


def snippet_parts(marked: str) -> list[tuple[str, bool]]:
    """Split marked text into (text, is a match) pieces; line breaks become spaces."""
    flat = " ".join(marked.split())
    out: list[tuple[str, bool]] = []
    for i, piece in enumerate(flat.split(MATCH_OPEN)):
        if i == 0:
            out.append((piece, False))
            continue
        match, _, rest = piece.partition(MATCH_CLOSE)
        out += [(match, True), (rest, False)]
    return [(text, hit) for text, hit in out if text]


class CriterionPoint(BaseModel):
    """One criterion's grade (1-4) in one graded session: a point of `interview progress`."""

    session_id: str
    scenario_id: str
    kind: str
    started_at: datetime
    criterion_id: str
    name: str
    score: int
