"""Numbers with units, read the way candidates write them.

`find_figures("4k QPS, 3 TB, 2B a day")` gives three `Figure`s whose units are the catalog's
`Unit` names. Conventions:

- Multipliers: k/K/thousand, M/mm/mn/million (a lone lowercase "m" too), B/bn/billion,
  T/tn/trillion, hundred; "62^7", "2**32" and "1e6" are evaluated. Byte sizes are decimal
  (KB = 1e3 ... PB = 1e15); "Gbps" is bits and divided by 8.
- An uppercase/lowercase "B" straight after a number means billion ("2B a day"), except
  when what follows names a thing rather than a time ("500B per URL", "500 B/record"):
  then it is bytes. "bytes" is always bytes.
- Event rates keep their own period: "2B a day" is `value=2e9, unit="per_day", per="day"`.
- Byte rates have no per-period unit in the catalog, so they are normalised to
  `bytes_per_second` (value in bytes/s) and remember the period they were written in:
  "80 GB/day" is `value=925925.9, unit="bytes_per_second", per="day"`.
- Durations: ms -> `milliseconds`; anything from seconds to years -> `seconds`.
- Counts: "...connections/sockets/concurrent ..." -> `connections`; servers, machines,
  nodes, hosts, boxes, instances -> `servers`; characters/chars -> `characters`; any other
  noun or a multiplier -> `count`; a bare number with neither -> unit None.
- Not figures: percentages ("99.9%"), ratios and clock times ("100:1", "10:30"),
  factors ("10x", "100 times", "3-fold"), ordinals ("3rd"), fractions ("24/7"), numbers glued to letters
  ("p99", "base62", "5xx", "v2"), and bare years 1900-2100 ("2024").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from interview.text.units import (
    ADVERB_PERIOD,
    PERIOD_UNIT,
    PERIOD_WORDS,
    SECONDS,
    compatible,
    convert,
    format_value,
    within_tolerance,
)

__all__ = [
    "Figure",
    "find_figures",
    "convert",
    "within_tolerance",
    "compatible",
    "format_value",
]


@dataclass(frozen=True, slots=True)
class Figure:
    """A number the candidate stated, normalised to a catalog unit."""

    value: float
    unit: str | None
    raw: str  # the text as written, e.g. "4k QPS"
    start: int
    end: int
    per: str | None = None  # period the rate was written in ("second", "day", ...)
    noun: str | None = None  # the thing counted, as written ("writes", "new URLs")


# --------------------------------------------------------------------------- reading
_MULT = [
    (re.compile(r"\s?(?:thousand|k)(?![A-Za-z])", re.I), 1e3),
    (re.compile(r"\s?(?:millions?|mil|mm|mn)(?![A-Za-z])", re.I), 1e6),
    (re.compile(r"\s?M(?![A-Za-z])"), 1e6),
    (re.compile(r"m(?![A-Za-z])"), 1e6),  # "100m users": glued lowercase m is million
    (re.compile(r"\s?(?:billions?|bn)(?![A-Za-z])", re.I), 1e9),
    (re.compile(r"\s?[Bb](?![A-Za-z])"), 1e9),  # may be undone as bytes, see _b_means_bytes
    (re.compile(r"\s?(?:trillions?|tn)(?![A-Za-z])", re.I), 1e12),
    (re.compile(r"\s?T(?![A-Za-z])"), 1e12),
    (re.compile(r"\s?hundred(?![A-Za-z])", re.I), 1e2),
]
_BYTE_UNIT = re.compile(
    r"\s?(?P<u>(?P<p>[kKmMgGtTpPeE])(?P<i>i)?[bB](?!it)|bytes?|[bB](?=\s*(?:/|per\b|each\b)))(?![A-Za-z])"
)
_BIT_RATE = re.compile(r"\s?(?P<p>[kKmMgGtT])?bps(?![A-Za-z])")
_BYTE_SCALE = {"k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12, "p": 1e15, "e": 1e18}
_BIN_SCALE = {"k": 2.0**10, "m": 2.0**20, "g": 2.0**30, "t": 2.0**40, "p": 2.0**50, "e": 2.0**60}
_QPS = re.compile(r"\s?(?P<q>qps|rps|tps|wps|ops|iops|cps|mps)(?:/s(?:ec)?)?(?![A-Za-z])", re.I)
_DURATION = re.compile(
    r"(?P<sp>\s?)(?P<u>ms|msecs?|milliseconds?|millis|µs|us|microseconds?|secs?|seconds?|s|mins?|minutes?|"
    r"hrs?|hours?|h|days?|d|weeks?|wks?|months?|mos?|years?|yrs?)(?![A-Za-z])",
    re.I,
)
_RATE_TAIL = re.compile(
    r"[^\S\n]*(?:/\s*|[^\S\n](?:per|an?|each|every|in\s+an?|a\s+single)\s+|[^\S\n]per\s*)"
    r"(?P<period>seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|hr|h|days?|d|weeks?|wk|months?|mo|mon|"
    r"years?|yrs?|yr|y)"
    r"(?![A-Za-z])",
    re.I,
)
# what a byte size is of, before its period: "of uploads", "of new data", "of raw logs"
_OF_WHAT = re.compile(
    r"[^\S\n]+of[^\S\n]+(?:[a-z][\w-]*[^\S\n]+){0,2}?[a-z][\w-]*(?=[^\S\n]*(?:/|per\b|an?\b|each\b|every\b))",
    re.I,
)
_ADVERB_TAIL = re.compile(r"\s+(?P<adv>daily|nightly|hourly|weekly|monthly|yearly|annually)\b", re.I)
_NOUN = re.compile(r"(?:[^\S\n]+|-)(?P<w>[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")  # a noun on the same line
_NOUN_STOP = {
    "per", "a", "an", "each", "every", "in", "over", "for", "of", "at", "and", "or", "to", "the",
    "so", "which", "that", "is", "are", "was", "were", "with", "on", "from", "we", "i", "you",
    "it", "this", "by", "be", "as", "if", "then", "than", "would", "will", "could", "should",
    "times", "x", "vs", "versus", "but", "plus", "minus", "into", "across", "gives", "means",
    "give", "mean", "total", "roughly", "about", "around", "approximately", "divided",
    "multiplied", "out", "up", "down", "peak", "average", "avg", "max", "maximum",
    "minimum", "min", "tops", "ish", "do", "does", "need", "needs", "have", "has",
    "per-day", "overall", "now", "today", "worth", "more", "less", "fewer", "like",
    "rather", "because", "since", "instead", "while", "when", "where", "after", "before", "until",
    "unless", "though", "although", "not", "no", "yes",
}  # fmt: skip
_CONNECTION_NOUNS = re.compile(
    r"^(?:concurrent|simultaneous|open|live|connections?|conns?|sockets?|websockets?)$", re.I
)
_SERVER_NOUNS = re.compile(
    r"^(?:servers?|machines?|nodes?|hosts?|boxes|box|instances?|vms?|pods?|brokers?|shards?)$", re.I
)
_CHAR_NOUNS = re.compile(r"^(?:characters?|chars?|letters?|symbols?|digits?)$", re.I)

_NUMBER = re.compile(
    r"(?<![\w.$/\\])(?<![A-Za-z]-)(?<!\d:)(?P<approx>~|≈)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?:\s*(?:\^|\*\*)\s*(?P<pow>\d{1,3})|[eE](?P<exp>[+-]?\d{1,3})(?![A-Za-z])"
    r"|\s*[x×*·]\s*10\s*(?:\^|\*\*)\s*(?P<sci>[+-]?\d{1,3}))?"
)
_WORD_NUMBER = re.compile(
    r"(?<![A-Za-z])(?:a|one)\s+(?P<mult>thousand|million|billion|trillion)(?![A-Za-z])", re.I
)
_SKIP_AFTER = re.compile(
    r"\s?(?:%|percent\b|pct\b)|\s*:\s*\d|\s?[x×](?![A-Za-z])|(?:st|nd|rd|th)\b|/\d|"
    r"\s+(?:times|fold)\b(?!\s+(?:a|an|per|each|every)\s)|-fold\b",
    re.I,
)
_RANGE = re.compile(r"\s*(?:-|–|to)\s*(?=[\d.~])")


def _number_value(m: re.Match[str]) -> float:
    value = float(m.group("num").replace(",", ""))
    if m.group("pow"):
        value = value ** int(m.group("pow"))
    elif m.group("exp"):
        value = value * 10.0 ** int(m.group("exp"))
    elif m.group("sci"):  # "2 x 10^11"
        value = value * 10.0 ** int(m.group("sci"))
    return value


_STATUS_WORDS = re.compile(
    r"\b(?:redirect\w*|status|http|response|error|moved|found|permanent\w*|temporar\w*|returns?|returning|"
    r"respond\w*|answer(?:s|ed|ing)?|reply|replies|serve[sd]?|send[s]?|gone|code|cach\w*|browsers?)\b",
    re.I,
)


def _http_status(text: str, m: re.Match[str], *, words_only: bool = False) -> bool:
    """A bare 1xx-5xx near words about HTTP responses is a status code, not a figure."""
    if not re.fullmatch(r"[1-5]\d\d", m.group("num")):
        return False
    before = re.split(r"[.!?;\n]\s", text[max(0, m.start() - 60) : m.start()])[-1]
    after = re.split(r"[.!?;\n](?:\s|$)", text[m.end() : m.end() + 40])[0]
    if _STATUS_WORDS.search(before[-30:]) or _STATUS_WORDS.search(after[:30]):
        return True
    if words_only:
        return False
    # "a 302 rather than a 301", "301 or 302": another status code in the same sentence
    return bool(re.search(r"(?<![\d,.])[1-5]0\d(?![\d,.]\d)", before + " " + after))


def _b_means_bytes(text: str, pos: int) -> bool:
    """After "<n>B": bytes when a thing, not a time, follows ("500B per URL", "500 B/record")."""
    m = re.match(r"\s*(?:/|per\b|each\b|a\b|an\b)\s*(?P<w>[A-Za-z]+)", text[pos:])
    if not m:
        return False
    return m.group("w").lower() not in PERIOD_WORDS and m.group("w").lower() not in {"a", "an", "day"}


def _scan_tail(text: str, pos: int) -> tuple[str | None, float, int, str | None, str | None]:
    """Read what follows a number: (unit, scale, end, per, noun). Unit "skip" means not a figure."""
    # byte sizes and bit rates first: "3 TB", "1.2KB", "10 Gbps"
    m = _BIT_RATE.match(text, pos)
    if m:
        p = (m.group("p") or "").lower()
        return "bytes_per_second", _BYTE_SCALE.get(p, 1.0) / 8, m.end(), "second", None
    m = _BYTE_UNIT.match(text, pos)
    if m:
        prefix = (m.group("p") or "").lower()
        scale = (_BIN_SCALE if m.group("i") else _BYTE_SCALE).get(prefix, 1.0) if prefix else 1.0
        end = m.end()
        rate = _RATE_TAIL.match(text, end)
        of = None if rate else _OF_WHAT.match(text, end)  # "400 TB of uploads a day"
        rate = rate or (of and _RATE_TAIL.match(text, of.end()))
        if rate:
            period = _period(rate.group("period"))
            if period:
                return "bytes_per_second", scale / SECONDS[period], rate.end(), period, None
        adv = _ADVERB_TAIL.match(text, end)
        if adv:
            period = ADVERB_PERIOD[adv.group("adv").lower()]
            return "bytes_per_second", scale / SECONDS[period], adv.end(), period, None
        return "bytes", scale, end, None, None
    m = _QPS.match(text, pos)
    if m:
        return "per_second", 1.0, m.end(), "second", m.group("q")
    m = _DURATION.match(text, pos)
    if m:
        word = m.group("u").lower()
        glued_only = word in {"s", "h", "d"}
        if not (glued_only and m.group("sp")):
            if word in {"ms", "msec", "msecs", "millisecond", "milliseconds", "millis"}:
                return "milliseconds", 1.0, m.end(), None, None
            if word in {"µs", "us", "microsecond", "microseconds"}:
                return "milliseconds", 0.001, m.end(), None, None
            period = _period(word)
            if period:
                return "seconds", SECONDS[period], m.end(), None, None
    # a rate with no noun: "40/s", "2B a day", "40 per second"
    rate = _RATE_TAIL.match(text, pos)
    if rate and _period(rate.group("period")):
        period = _period(rate.group("period"))
        assert period is not None
        return _rate_unit(period), _rate_scale(period), rate.end(), period, None
    adv = _ADVERB_TAIL.match(text, pos)
    if adv:
        period = ADVERB_PERIOD[adv.group("adv").lower()]
        return _rate_unit(period), _rate_scale(period), adv.end(), period, None
    # nouns: "40 writes per second", "10M concurrent connections", "7 characters"
    words: list[str] = []
    end = pos
    cursor = pos
    while len(words) < 3:
        nm = _NOUN.match(text, cursor)
        if not nm:
            break
        word = nm.group("w")
        low = word.lower().strip("'’")
        if low in _NOUN_STOP or low in PERIOD_WORDS or low in ADVERB_PERIOD:
            break
        words.append(word)
        cursor = end = nm.end()
        qps = _QPS.match(text, cursor)
        if qps:
            return "per_second", 1.0, qps.end(), "second", " ".join(words)
        rate = _RATE_TAIL.match(text, cursor)
        if rate and _period(rate.group("period")):
            period = _period(rate.group("period"))
            assert period is not None
            return _rate_unit(period), _rate_scale(period), rate.end(), period, " ".join(words)
        adv = _ADVERB_TAIL.match(text, cursor)
        if adv:
            period = ADVERB_PERIOD[adv.group("adv").lower()]
            return _rate_unit(period), _rate_scale(period), adv.end(), period, " ".join(words)
    if words:
        noun = " ".join(words)
        first = words[0]
        if any(_CONNECTION_NOUNS.match(w) for w in words[:2]):
            return "connections", 1.0, end, None, noun
        if _SERVER_NOUNS.match(first):
            return "servers", 1.0, end, None, noun
        if _CHAR_NOUNS.match(first.split("-")[0]):
            return "characters", 1.0, end, None, noun
        return "count", 1.0, end, None, noun
    return None, 1.0, pos, None, None


def _period(word: str) -> str | None:
    low = word.lower()
    if low == "m":  # "/m" is ambiguous; minutes is the usual reading in rates
        return "minute"
    return PERIOD_WORDS.get(low)


def _rate_unit(period: str) -> str:
    # weeks have no catalog unit: express them per day
    return PERIOD_UNIT.get(period, "per_day")


def _rate_scale(period: str) -> float:
    return 1 / 7 if period == "week" else 1.0


@lru_cache(maxsize=512)
def _find_figures_cached(text: str) -> tuple[Figure, ...]:
    figures: list[Figure] = []
    for m in _WORD_NUMBER.finditer(text):
        scale = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}[m.group("mult").lower()]
        unit, tail_scale, end, per, noun = _scan_tail(text, m.end())
        unit = unit or "count"
        figures.append(Figure(scale * tail_scale, unit, text[m.start() : end], m.start(), end, per, noun))
    skip_until = -1
    for m in _NUMBER.finditer(text):
        if m.start() < skip_until:
            continue
        value = _number_value(m)
        pos = m.end()
        if _SKIP_AFTER.match(text, pos):
            continue
        # ranges: "3-5 TB", "1 to 2k QPS" -> the midpoint, in the unit of the upper bound
        rng = _RANGE.match(text, pos)
        low_value: float | None = None
        if rng and not m.group("pow"):
            upper = _NUMBER.match(text, rng.end())
            if upper and not _SKIP_AFTER.match(text, upper.end()):
                low_value = value
                value = _number_value(upper)
                pos = upper.end()
        mult = 1.0
        had_mult = False
        b_is_billion_pos = None
        for pattern, factor in _MULT:
            mm = pattern.match(text, pos)
            if mm:
                mult = factor
                had_mult = True
                if factor == 1e9 and mm.group(0).strip() in {"B", "b"}:
                    b_is_billion_pos = (pos, mm.end())
                pos = mm.end()
                break
        if b_is_billion_pos and _b_means_bytes(text, b_is_billion_pos[1]):
            mult, had_mult, pos = 1.0, False, b_is_billion_pos[0]
        if not had_mult and pos < len(text) and text[pos].isalpha():
            # glued letters that are not a unit: "5xx", "3rd", "2FA"
            unit, scale, end, per, noun = _scan_tail(text, pos)
            if unit is None or end == pos or unit == "count":
                continue
        else:
            unit, scale, end, per, noun = _scan_tail(text, pos)
        if low_value is not None:
            value = (low_value + value) / 2
        if unit == "count" and not had_mult and low_value is None and _http_status(text, m, words_only=True):
            continue  # "a 301 gets cached by browsers": a status code with words after it
        if unit is None:
            if had_mult:
                unit = "count"
            elif m.group("pow") or m.group("exp") or m.group("sci"):
                unit = "count"
            elif re.fullmatch(r"(?:19|20)\d\d", m.group("num")) and not m.group("approx"):
                continue  # a year
            elif _http_status(text, m):
                continue  # "a 302 rather than a 301"
            elif re.search(r"\bports?\b[^.,;:!?\n]{0,30}$", text[max(0, m.start() - 40) : m.start()], re.I):
                continue  # "port 6379", "ports 80 and 443"
            if unit is None:
                end = pos
        figures.append(Figure(value * mult * scale, unit, text[m.start() : end], m.start(), end, per, noun))
        skip_until = end
    figures.sort(key=lambda f: f.start)
    return tuple(figures)


def find_figures(text: str) -> list[Figure]:
    """Every figure in the text, in order, with its value normalised to a catalog unit."""
    return list(_find_figures_cached(text))


def __getattr__(name: str) -> object:
    """`numbers.match_estimates` lives in `interview.text.estimates` (which reads figures with
    this module); it is re-exported lazily so either module can be imported first."""
    if name == "match_estimates":
        from interview.text.estimates import match_estimates

        return match_estimates
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
