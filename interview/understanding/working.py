"""The chain of working in a candidate's turn: figures, the steps between them, what each measures.

`read_working(text)` reads every figure (`interview.text.numbers.find_figures`) and, per
sentence, bullet or table row, the steps that join them: "100M a month / 86,400 = 1,200/s"
is a base figure, a division by the seconds in a day, and a result. Each figure also gets:

- `qualifier`: "peak" / "average" from the words near it, or "peak" when it was worked out
  by multiplying by a factor ("say 2.5x, so around 100 writes per second");
- `scope`: "per_node" ("each shard handles 1,200 TPS"), "per_item" ("500 bytes per record"),
  "first_year" ("1.2 billion records in the first year"), "retention" ("over 5 years") or
  "compared" ("far more than the 6 billion we need": a yardstick, not an estimate);
- `question`: offered as a question without working ("Is it about 40 per second?");
- `operand`: the number a step multiplies or divides by ("86,400", "× 500 bytes").

`attempts(text, scenario)` pairs figures with what they estimate (the catalog's estimates,
plus references the facts imply: a peak the catalog has no estimate for, a first-year
total, a per-server capacity; see `understanding.references`). The planner and the scorer
both read figures through it. Pure functions, linear in the text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from interview.text.numbers import Figure, _find_figures_cached
from interview.text.units import SECONDS

__all__ = ["Step", "Worked", "Working", "read_working", "written_value", "number_part"]

_SEGMENT = re.compile(r"(?<!\d)[.!?](?!\d)|\n|;")
_RESULT = re.compile(
    r"(?:=|≈|~=|->|→|=>|\|"
    r"|\b(?:so|gives?|giving|that's|that\s+is|which\s+is|which\s+gives|comes?\s+(?:to|out\s+(?:at|to))"
    r"|works?\s+out\s+(?:at|to|as)?|means|i\.e\.|is|are|equals?|call\s+it|results?\s+in|to\s+get|get|gets"
    r"|makes?|becomes?|totalling|about|around|roughly|approximately)\b)",
    re.I,
)
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_MULT_WORDS = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mm": 1e6, "million": 1e6, "millions": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9, "t": 1e12, "trillion": 1e12,
}  # fmt: skip
_OPERAND = re.compile(
    r"\s*(?:the\s+)?~?\s*(?:\(\s*(?P<pa>\d[\d,.]*)\s*(?P<pam>[kKmMbB]|mn|bn)?\s*[x×*]\s*(?P<pb>\d[\d,.]*)"
    r"\s*(?P<pbm>[kKmMbB]|mn|bn)?[^)]{0,12}\)|" + _NUM + r"\s*(?P<mult>thousand|millions?|billions?|trillion|"
    r"mn|bn|mm|[kKmMbBT](?![A-Za-z]))?)"
    r"(?P<tail>\s*(?:seconds?|secs?|s)\b(?:\s+(?:in|per)\s+an?\s+(?P<in>day|month|year|hour))?|"
    r"\s*(?:months?|days?|years?|hours?|bytes?|[KMGT]B)\b)?",
)
_SECONDS_IN = re.compile(
    r"\s*(?:the\s+)?(?:number\s+of\s+)?(?:seconds|secs)\s+(?:in|per)\s+(?:an?|one)\s+(?P<p>day|month|year|hour)",
    re.I,
)
_DIV = re.compile(r"÷|/|\bdivided\s+by\b|\bdivide\s+by\b|\b(?P<span>over|across|spread\s+over)\b", re.I)
_MUL = re.compile(
    r"×|\*(?!\*)|(?<![A-Za-z\d])x(?=\s*~?\(?\d)|\btimes\b|\bmultiplied\s+by\b|\bmultiply\s+by\b", re.I
)
_FACTOR_AFTER = re.compile(
    r"(?<![\w.,])" + _NUM + r"\s?(?:[x×](?![A-Za-z\d])|times\b(?!\s+(?:a|an|per)\b))", re.I
)
_WORD_FACTORS = {"twice": 2.0, "double": 2.0, "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "ten": 10.0}
_FACTOR_WORD = re.compile(
    r"\b(?P<w>twice|double|(?:two|three|four|five|ten)\s+(?:times|x)(?!\s+(?:a|an|per)\b))", re.I
)
_COMPARED = re.compile(
    r"\b(?:than|versus|vs\.?|compared\s+(?:to|with)|against|out\s+of)\s+(?:the\s+)?~?$", re.I
)
_ALPHABET = re.compile(r"\b(?:alphabet|charset|character\s+set)\b", re.I)
_FACTOR_OF = re.compile(r"\bfactor\s+(?:of\s+)?~?" + _NUM, re.I)
_QUESTION_WORDS = re.compile(
    r"\b(?:confirm|am\s+i\s+(?:right|close|correct)|is\s+that\s+(?:right|correct|close)|sound\s+right"
    r"|in\s+the\s+right\s+(?:range|ballpark)|ballpark\s+right|correct\s+me)\b",
    re.I,
)
_PEAK = re.compile(r"\b(?:peaks?|peaking|busiest|bursts?|spikes?|max(?:imum)?|worst[\s-]case)\b", re.I)
_AVERAGE = re.compile(
    r"\b(?:averages?|avg|mean|typical(?:ly)?|normally|steady[\s-]state|on\s+average)\b", re.I
)
_PER_NODE = re.compile(
    r"\b(?:per|each|every|a\s+single|one|single|a)\s+(?:[\w-]+\s+)?"
    r"(?:server|node|shard|machine|box|host|instance|partition|broker|replica|pod|gateway|database|db)s?\b",
    re.I,
)
_FIRST_YEAR = re.compile(
    r"\b(?:first|1st|one|single|each|every|per)\s+year\b|\byear\s+(?:one|1)\b|\bafter\s+(?:a|one|1)\s+year\b"
    r"|\bin\s+a\s+year\b|\bper\s+annum\b|\bannual(?:ly)?\b|\ba\s+year\b",
    re.I,
)
_RETENTION = re.compile(
    r"\b(?:over|in|for|after|across|within)\s+(?:the\s+)?(?:\d+|five|seven|ten|two|three)[\s-]+years?\b"
    r"|\bretention\b|\bin\s+total\b|\btotal\b|\blifetime\b|\baltogether\b|\ball\s+told\b",
    re.I,
)
_PER_ITEM_AFTER = re.compile(
    r"\s*(?:/\s*|(?:per|each|an?)\s+)(?:record|row|url|link|message|payment|entry|item|msg|txn|transaction"
    r"|request|connection|user|object|event|key)s?\b",
    re.I,
)
_PER_ITEM_BEFORE = re.compile(
    r"\b(?:each|every|per|size|sized|single|(?<!year\s)one)\s+(?:\w+\s+){0,3}$", re.I
)
_NEAR = 40


@dataclass(frozen=True, slots=True)
class Step:
    """One operation in the working: multiply or divide by a number."""

    op: str  # "×" or "÷"
    value: float
    raw: str  # the text of the operation, e.g. "/ 86,400"
    start: int
    end: int
    seconds_of: str | None = None  # the period whose seconds this divisor is (86,400 -> "day")
    factor: bool = False  # written as a factor ("2.5x", "a factor of 3")


@dataclass(frozen=True, slots=True)
class Worked:
    """One figure as the candidate used it in their working."""

    figure: Figure
    qualifier: str | None = None  # "peak" | "average"
    scope: str | None = None  # "per_node" | "per_item" | "first_year" | "retention" | "compared"
    question: bool = False  # offered as a question or for confirmation, with no working
    operand: bool = False  # a number a step multiplies or divides by
    base: Figure | None = None  # the figure it was worked out from
    steps: tuple[Step, ...] = ()  # the operations between `base` and this figure
    segment: tuple[int, int] = (0, 0)  # the sentence, bullet or table row it is in

    @property
    def shown(self) -> bool:
        """Whether the turn shows how this figure was reached."""
        return self.base is not None or bool(self.steps)


@dataclass(frozen=True, slots=True)
class Working:
    """Every figure of a turn with the chain of working between them."""

    text: str
    figures: tuple[Worked, ...]
    steps: tuple[Step, ...]

    @property
    def shows_working(self) -> bool:
        return any(w.shown for w in self.figures if not w.operand)


def written_value(fig: Figure) -> float:
    """The figure's number as written in its own period: "80 GB/day" -> 8e10, "100M a month" -> 1e8."""
    if fig.unit == "bytes_per_second" and fig.per in SECONDS:
        return fig.value * SECONDS[fig.per]
    if fig.unit == "per_day" and fig.per == "week":
        return fig.value * 7
    return fig.value


def number_part(raw: str) -> str:
    """The number of a figure as written, without what it counts: "100 million a month" -> "100 million"."""
    m = re.match(
        r"\s*[~≈]?\s*(?:a|one)?\s*[\d.,]*\s*(?:\^\s*\d+)?\s*(?:thousand|millions?|billions?|trillions?|hundred"
        r"|mn|bn|mm|[kKmMbBT](?![a-z]))?",
        raw,
    )
    text = m.group(0).strip() if m else ""
    return text or raw


def _parse_num(num: str, mult: str | None) -> float:
    value = float(num.replace(",", ""))
    return value * _MULT_WORDS.get(mult.lower(), 1.0) if mult else value


def _seconds_of(value: float) -> str | None:
    """The period whose seconds a divisor is (86,400 -> "day"), within 10%."""
    for period in ("hour", "day", "month", "year"):
        if value > 0 and abs(math.log(value / SECONDS[period])) < math.log(1.1):
            return period
    if 2.4e6 <= value <= 2.7e6:  # "2.5M seconds in a month" is a common rounding
        return "month"
    return None


def _operand(text: str, pos: int, limit: int) -> tuple[float, int, str | None] | None:
    """The number an operator at `pos` applies: (value, end, period whose seconds it is)."""
    m = _SECONDS_IN.match(text, pos)
    if m and m.end() <= limit:
        period = m.group("p").lower()
        return SECONDS[period], m.end(), period
    m = _OPERAND.match(text, pos)
    if not m or m.end() > limit or not (m.group("num") or m.group("pa")):
        return None
    if m.group("pa"):
        try:
            value = _parse_num(m.group("pa"), m.group("pam")) * _parse_num(m.group("pb"), m.group("pbm"))
        except ValueError:
            return None
    else:
        try:
            value = _parse_num(m.group("num"), m.group("mult"))
        except ValueError:
            return None
    tail = (m.group("tail") or "").strip().lower()
    period = m.group("in").lower() if m.group("in") else None
    if period is None and (tail.startswith("s") or not tail) and value >= 3000:
        period = _seconds_of(value)
    return value, m.end(), period


def _segments(text: str) -> list[tuple[int, int]]:
    out = []
    start = 0
    for m in _SEGMENT.finditer(text):
        if m.start() > start:
            out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _steps(text: str, start: int, end: int) -> list[Step]:
    steps: list[Step] = []
    for pattern, op in ((_DIV, "÷"), (_MUL, "×")):
        for m in pattern.finditer(text, start, end):
            if op == "÷" and m.group(0) == "/" and _is_rate_slash(text, m.start()):
                continue
            got = _operand(text, m.end(), end)
            if got is None:
                continue
            value, stop, period = got
            if value <= 0:
                continue
            if op == "÷" and m.groupdict().get("span") and period is None:
                continue  # "over 5 years" is a span of time, "over 86,400 seconds" a division
            steps.append(
                Step(op, value, text[m.start() : stop], m.start(), stop, period if op == "÷" else None)
            )
    for m in _FACTOR_AFTER.finditer(text, start, end):
        value = float(m.group("num").replace(",", ""))
        if 0 < value <= 100 and not any(s.start <= m.start() < s.end for s in steps):
            steps.append(Step("×", value, m.group(0), m.start(), m.end(), factor=True))
    for m in _FACTOR_OF.finditer(text, start, end):
        value = float(m.group("num").replace(",", ""))
        if 0 < value <= 100 and not any(s.start <= m.start("num") < s.end for s in steps):
            steps.append(Step("×", value, m.group(0), m.start(), m.end(), factor=True))
    for m in _FACTOR_WORD.finditer(text, start, end):
        value = _WORD_FACTORS[m.group("w").split()[0].lower()]
        steps.append(Step("×", value, m.group(0), m.start(), m.end(), factor=True))
    steps.sort(key=lambda s: (s.start, -s.end))
    kept: list[Step] = []
    for step in steps:
        if kept and step.start < kept[-1].end:
            continue  # "x 86,400" inside "/ (30 x 86,400)"
        kept.append(step)
    return kept


def _is_rate_slash(text: str, pos: int) -> bool:
    """ "40/s", "80 GB/day", "100M/month": a slash that writes a rate, not a division."""
    return bool(
        re.match(
            r"/\s*(?:s|sec|second|min|minute|h|hr|hour|d|day|wk|week|mo|mon|month|y|yr|year|record|row|url|link"
            r"|message|msg|payment|txn|user|server|node|shard|request)s?\b",
            text[pos : pos + 12],
            re.I,
        )
    )


def _attach(pattern: re.Pattern[str], text: str, seg: tuple[int, int], figs: list[Figure]) -> dict[int, int]:
    """Each match of `pattern` in the segment belongs to its nearest figure: {figure start: distance}.

    A comma between the word and a figure counts as 40 characters more, so "40 writes/s, peak
    x 2.5 = 100/s" puts "peak" on the 100/s and "50k per server = 200 servers" puts "per
    server" on the 50k.
    """
    out: dict[int, int] = {}
    if not figs:
        return out
    for m in pattern.finditer(text, seg[0], seg[1]):
        best: tuple[int, int, int] | None = None
        for fig in figs:
            if m.end() <= fig.start:
                lo, hi, after = m.end(), fig.start, 0
            elif m.start() >= fig.end:
                lo, hi, after = fig.end, m.start(), 1
            else:
                lo = hi = after = 0
            gap = hi - lo + 40 * text.count(",", lo, hi)
            key = (gap, 1 - after, fig.start)
            if best is None or key < best:
                best = key
        if best is not None and best[0] <= _NEAR:
            start = best[2]
            out[start] = min(out.get(start, best[0]), best[0])
    return out


_SCOPES = (("per_node", _PER_NODE), ("first_year", _FIRST_YEAR), ("retention", _RETENTION))


def _scope(text: str, fig: Figure, seg: tuple[int, int], near: dict[str, dict[int, int]]) -> str | None:
    if fig.unit in ("bytes", "count", "connections", None):
        before = text[seg[0] : fig.start]
        if _PER_ITEM_AFTER.match(text, fig.end) or (
            fig.unit == "bytes"
            and _PER_ITEM_BEFORE.search(before[-30:])
            and "total" not in before[-30:].lower()
        ):
            return "per_item"
    found = {}
    for name, _pattern in _SCOPES:
        if name == "first_year" and fig.unit not in ("bytes", "count", None):
            continue  # "1.2B a year" is a rate; its period is its own
        d = near[name].get(fig.start)
        if d is not None:
            found[name] = d
    if not found:
        return None
    return min(found, key=lambda k: found[k])


def _qualifier(
    fig: Figure, steps: tuple[Step, ...], near: dict[str, dict[int, int]], peak_talk: bool
) -> str | None:
    peak = near["peak"].get(fig.start)
    avg = near["average"].get(fig.start)
    if any(s.op == "×" and 1.2 <= s.value <= 20 and (s.factor or peak_talk) for s in steps):
        if fig.unit is None or fig.unit.startswith("per_"):
            return "peak"  # worked out by applying a peak factor
    if peak is not None and (avg is None or peak <= avg):
        return "peak"
    if avg is not None:
        return "average"
    return None


@lru_cache(maxsize=512)
def read_working(text: str) -> Working:
    """Read a turn's figures and the steps of working between them (linear in the text)."""
    figures = _find_figures_cached(text)
    if not figures:
        return Working(text, (), ())
    worked: list[Worked] = []
    all_steps: list[Step] = []
    previous_tail: Figure | None = None  # last figure of the segment before
    i = 0
    for seg in _segments(text):
        while i < len(figures) and figures[i].start < seg[0]:
            i += 1
        j = i
        while j < len(figures) and figures[j].start < seg[1]:
            j += 1
        if j == i:
            continue
        steps = _steps(text, *seg)
        all_steps.extend(steps)
        here, previous_tail = _read_segment(text, seg, list(figures[i:j]), steps, previous_tail)
        worked.extend(here)
        i = j
    return Working(text, tuple(worked), tuple(all_steps))


def _read_segment(
    text: str, seg: tuple[int, int], seg_figs: list[Figure], steps: list[Step], previous_tail: Figure | None
) -> tuple[list[Worked], Figure | None]:
    """The figures of one sentence, bullet or table row, chained by the steps between them."""
    segment_text = text[seg[0] : seg[1]]
    asking = segment_text.rstrip().endswith("?") or bool(_QUESTION_WORDS.search(segment_text))
    peak_talk = bool(_PEAK.search(segment_text))
    near = {name: _attach(pattern, text, seg, seg_figs) for name, pattern in _SCOPES}
    near["peak"] = _attach(_PEAK, text, seg, seg_figs)
    near["average"] = _attach(_AVERAGE, text, seg, seg_figs)
    out: list[Worked] = []
    base: Figure | None = None
    for fig in seg_figs:
        if any(s.start <= fig.start < s.end for s in steps):
            out.append(Worked(fig, operand=True, segment=seg))
            continue
        lo = base.end if base is not None else seg[0]
        my_steps = tuple(s for s in steps if lo <= s.start and s.end <= fig.start)
        is_result = bool(_RESULT.search(text, lo, fig.start)) or bool(my_steps)
        this_base = base if (base is not None and is_result) else None
        if this_base is None and my_steps and previous_tail is not None:
            this_base = previous_tail  # "Peak is 2.5x, so 100/s": from the last figure before
        shown = this_base is not None or bool(my_steps)
        qualifier = _qualifier(fig, my_steps, near, peak_talk)
        if qualifier is None and len(seg_figs) == 1 and peak_talk:
            qualifier = "peak"  # "At peak I'd assume three times that, so about 70,000 messages per second"
        compared = bool(_COMPARED.search(text, max(seg[0], fig.start - 24), fig.start)) or bool(
            _ALPHABET.search(text, max(seg[0], fig.start - 24), min(seg[1], fig.end + 16))
        )
        out.append(
            Worked(
                fig,
                qualifier=qualifier,
                scope="compared" if compared else _scope(text, fig, seg, near),
                question=asking and not shown,
                base=this_base,
                steps=my_steps if this_base is not None or my_steps else (),
                segment=seg,
            )
        )
        if fig.unit is not None and fig.unit not in ("seconds", "milliseconds"):
            base = fig  # "over 5 years" is a span, not what the next figure is worked from
    if any(w.shown for w in out if not w.operand):
        # a check-in after shown working ("= 40 writes/s, right?") is not fishing
        out = [replace(w, question=False) for w in out]
    return out, (base if base is not None else previous_tail)
