"""Whether the candidate's turn opens by asking to move to another phase ("Let's do estimates.",
"Moving on to the high-level design.", "Can we go to the deep dive?", "Let's move on.").

Read from the turn's first sentence only, and only when the request starts it (after filler such
as "Okay,"): "Let's go with Kafka" or "we can move the counter to Redis" name no phase. Returns
the phase id asked for, "next" for a bare "let's move on", or None. Pure, linear in the text.
"""

from __future__ import annotations

import re

NEXT = "next"

_LEAD = r"^\W*(?:(?:ok(?:ay)?|alright|all\s+right|right|great|good|cool|so|now|then|fine|sure)\W+)*"
_ASK = (
    r"(?:let'?s|let\s+us|i'?d\s+like\s+to|i\s+would\s+like\s+to|i'?ll|i\s+will|can\s+we|could\s+we|"
    r"shall\s+we|should\s+we|may\s+we|i\s+want\s+to|time\s+to|we\s+can|we\s+could)\s+(?:now\s+)?"
)
_VERB = (
    r"(?:move\s+on|move|go|jump|get|turn|switch|proceed|head|skip|do|start|begin|dive|step)"
    r"(?:\s+(?:on|over|ahead|straight|right|forward))?"
)
_TO = r"(?:\s+(?:to|into|with|on\s+to|onto|on))?\s*(?:the\s+|some\s+|a\s+|an\s+|our\s+)?"
_OTHER_FORMS = r"moving\s+on\s+(?:to\s+)?(?:the\s+)?|on\s+to\s+(?:the\s+)?|next\s*[,:]\s*(?:the\s+)?"
_REQUEST = re.compile(
    _LEAD + r"(?:" + _ASK + _VERB + _TO + r"|" + _OTHER_FORMS + r")(?P<what>[\w\s/'-]{0,40})", re.IGNORECASE
)
_ESTIMATE = re.compile(r"^\W*(?:let'?s|let\s+us|time\s+to)\s+(?:now\s+)?estimate\b", re.IGNORECASE)
_WRAP = re.compile(
    _LEAD + r"(?:let'?s|let\s+us|time\s+to|i'?ll)\s+(?:now\s+)?wrap\s+(?:it\s+|this\s+)?up\b", re.I
)
_PHASES = [
    ("estimation", re.compile(r"^(?:estimat\w*|numbers|capacity|back[\s-]of[\s-](?:the[\s-])?envelope|"
                              r"math|sizing)\b")),
    ("high_level_design", re.compile(r"^(?:high[\s-]level(?:\s+design)?|design|architecture|overall\s+design|"
                                     r"big\s+picture|components)\b")),
    ("deep_dive", re.compile(r"^(?:deep[\s-]?dive|details|detailed\s+design|deeper)\b")),
    ("wrap_up", re.compile(r"^(?:wrap[\s-]?up|wrapping\s+up|summary|summar\w+|conclusion)\b")),
]  # fmt: skip
_BARE = re.compile(
    r"^\s*(?:now|then|please|here)?\s*$|^\s*(?:from\s+(?:here|this|requirements)|next)\b", re.I
)
_FIRST = re.compile(r"[^.!?\n]*[.!?\n]?")


def phase_asked(text: str) -> str | None:
    """The phase the turn's opening sentence asks to move to, NEXT for "let's move on", or None."""
    first = _FIRST.match(text.strip())
    sentence = first.group(0) if first else ""
    if len(sentence.split()) > 16:
        return None  # a long sentence is an answer that mentions a phase, not a request
    if _ESTIMATE.match(sentence):
        return "estimation"
    if _WRAP.match(sentence):
        return "wrap_up"
    m = _REQUEST.match(sentence)
    if m is None:
        return None
    what = " ".join(m.group("what").lower().split())
    for phase, pattern in _PHASES:
        if pattern.match(what):
            return phase
    verb_moves = re.search(r"\bmov(?:e|ing)\s+on\b|\bproceed\b", sentence, re.IGNORECASE)
    if verb_moves and _BARE.match(what):
        return NEXT
    return None
