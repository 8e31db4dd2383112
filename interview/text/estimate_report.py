"""The estimates section of every report form, in one place: what was said, the reference,
whether it is within tolerance, the derivation when wrong or missing, and every figure given
along the way (a corrected slip stays visible). Values are human-formatted: 3 TB, 6B, 40/s.

Used by the app's report (tui/widgets/report_text.py), `show` (cli/session_views.py),
`rescore` (cli/score_cmds.py) and the Markdown export (store/markdown.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from interview.text.units import format_value

if TYPE_CHECKING:
    from interview.scoring.report import EstimateCheck

__all__ = ["EstimateRow", "estimate_rows"]


@dataclass(frozen=True, slots=True)
class EstimateRow:
    """One estimate as every report shows it (all strings, ready to print)."""

    label: str
    said: str  # "1,200 writes per second (= 1.2k/s)", or "not given"
    reference: str  # "40/s"
    verdict: str  # "yes" | "no" | "not given"
    tolerance: str  # "×3": the reference's tolerance either way
    how: str  # the reference's derivation when the figure was wrong or missing, else ""
    history: str  # "1,200 writes/s (turn 5, challenged) → 40/s (turn 7)" when corrected, else ""

    @property
    def within(self) -> str:
        """ "yes (×3)", "no (×3)" or "not given"."""
        return self.verdict if self.verdict == "not given" else f"{self.verdict} ({self.tolerance})"


def _said(raw: str, value: float | None, unit: str) -> str:
    if value is None:
        return raw
    shown = format_value(value, unit)
    return raw if shown.replace(" ", "") in raw.replace(" ", "") else f"{raw} (= {shown})"


def estimate_rows(estimates: list[EstimateCheck]) -> list[EstimateRow]:
    """The rows of an estimates table, in the scenario's order."""
    rows = []
    for e in estimates:
        verdict = {True: "yes", False: "no", None: "not given"}[e.within_tolerance]
        if e.within_tolerance is False and e.assumed:
            verdict = "no: other inputs"  # right arithmetic on the candidate's own inputs
        said = _said(e.said, e.said_value, e.unit) if e.said else "not given"
        if e.assumed:
            said += f", from {' and '.join(e.assumed)}"
        steps = []
        for h in e.history:
            mark = "ok" if h.within_tolerance else "off"
            note = f"turn {h.turn}, {mark}" + (", challenged" if h.challenged else "")
            steps.append(f"{h.said} ({note})")
        corrected = len(e.history) > 1 and any(not h.within_tolerance for h in e.history)
        rows.append(
            EstimateRow(
                label=e.label,
                said=said,
                reference=format_value(e.reference, e.unit),
                verdict=verdict,
                tolerance=f"×{e.tolerance:g}",
                how="" if e.within_tolerance else e.derivation,
                history=" → ".join(steps) if corrected else "",
            )
        )
    return rows
