"""What a staff-level answer shows beyond a senior one, read from the candidate's sentences.

Four expectations, each a signal the criteria weigh only at `--level staff`:
- trade-offs raised unprompted (not in reply to a question about alternatives),
- failure modes raised first (before the deep dive: what would hurt, designed for up front),
- sequencing and migration (phases, dual writes, backfill, shadow traffic, cut-over, rollback),
- cost (what the design costs to run and what drives the bill).
"""

from __future__ import annotations

from interview.scoring import signals
from interview.scoring.signals import Lowered
from interview.scoring.turns import Sentence, Transcript

ASKS_FOR_TRADE_OFF = Lowered(
    r"\b(?:trade-?offs?|alternatives?|instead|versus|vs\.?|why\s+not|pros\s+and\s+cons|compare|downsides?|"
    r"what\s+would\s+you\s+lose|other\s+options?)\b"
)
RISK_FIRST = Lowered(
    r"\b(?:most\s+likely\s+to\s+(?:hurt|fail|break)|(?:would|could)\s+hurt\s+(?:us\s+)?most|"
    r"(?:biggest|main|scariest|first)\s+risks?|failures?\s+(?:i|we)\s+(?:most\s+)?(?:want\s+to\s+)?avoid|"
    r"failures?\s+that\s+would\s+hurt|design\s+(?:for|around)\s+(?:those|that|them|it)\s+first|"
    r"starts?\s+from\s+(?:durability|failure|correctness)|worst\s+case|what\s+can\s+go\s+wrong)\b"
)
SEQUENCING = Lowered(
    r"\b(?:migrat\w+\s+(?:to|from|plan|path|in)|migration\s+(?:plan|path|would|is)|is\s+a\s+migration|"
    r"dual[\s-]*(?:writ\w+|deliver\w*)|backfill\w*|shadow\s+(?:mode|traffic|reads?)|in\s+shadow|"
    r"cut\s*-?\s*over|rollback\s+path|roll\s+back\s+(?:to|if)|phase\s+(?:one|two|three|1|2|3)\b|in\s+cohorts|"
    r"one\s+(?:bank|region|customer|tenant)\s+at\s+a\s+time|roll\s*-?\s*out\s+(?:plan|in|to)|"
    r"launch\s+(?:with|\w+\s+\w*\s*first)|behind\s+a\s+(?:feature\s+)?flag|big[\s-]+bang|sequencing)"
)
COST = Lowered(
    r"(?:\$\s?\d|\bdollars?\b|\bbills?\b|\bpric(?:e|ing)\b|\bon\s+cost\b|\bcost\s+is\s+dominated|"
    r"\b(?:cheap|cheaper)\s+(?:cold\s+)?(?:storage|tier|to\s+run)|\bexpensive\s+(?:part|feature)|"
    r"\bcheapest\s+lever|\bfraction\s+of\s+the\s+cost|\bcosts?\s+(?:a\s+few|about|roughly|around)\b)"
)
KINDS = ("unprompted_trade_off", "failure_first", "sequencing", "cost")
EARLY_PHASES = ("requirements", "estimation", "high_level_design")


def collect_staff(
    transcript: Transcript, excluded: set[tuple[int, int]] | frozenset[tuple[int, int]] = frozenset()
) -> dict[str, list[Sentence]]:
    """Sentences showing each staff expectation, keyed "unprompted_trade_off", "failure_first",
    "sequencing" and "cost"."""
    out: dict[str, list[Sentence]] = {k: [] for k in KINDS}
    asked: dict[int, bool] = {}
    for index, event in transcript.interviewer:
        asked[index] = bool(ASKS_FOR_TRADE_OFF.search(event.text))
    for turn in transcript.candidate:
        prompted = asked.get(turn.turn - 1, False)
        for s in turn.sentences:
            if s.listy or not s.substantive or (s.turn, s.start) in excluded:
                continue
            if not prompted and signals.ALTERNATIVE.search(s.text) and signals.EXPLAINS.search(s.text):
                out["unprompted_trade_off"].append(s)
            if s.phase in EARLY_PHASES and RISK_FIRST.search(s.text):
                out["failure_first"].append(s)
            if SEQUENCING.search(s.text):
                out["sequencing"].append(s)
            if COST.search(s.text):
                out["cost"].append(s)
    return out
