"""Which reference estimate a stated figure is about.

`match_estimates(text, estimates)` pairs each figure `find_figures` reads with at most one of the
scenario's estimates, by the words near it: the noun it counts (writes vs redirects), "peak" vs
"average", and whether it is the size of one thing ("500 bytes per record") or a total.
"""

from __future__ import annotations

import bisect
import math
import re
from functools import lru_cache

from interview.catalog.models import Estimate
from interview.text.matching import phrase_spans
from interview.text.numbers import Figure, _find_figures_cached
from interview.text.units import PERIOD_WORDS, RATE_UNITS, SECONDS, compatible, convert

__all__ = ["match_estimates"]


_SENTENCE_BREAK = re.compile(r"(?<!\d)[.!?](?!\d)|\n|;")
_NEAR_CHARS = 80
_SAME_PHRASE_CHARS = 40


@lru_cache(maxsize=256)
def _sentence_bounds(text: str) -> tuple[int, ...]:
    return tuple(m.start() for m in _SENTENCE_BREAK.finditer(text))


class _Spans:
    """Phrase spans sorted by start, so each figure looks only at those within reach (linear reading)."""

    __slots__ = ("spans", "starts", "longest")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.longest = max((b - a for a, b in self.spans), default=0)

    def near(self, fig: Figure) -> list[tuple[int, int]]:
        lo = bisect.bisect_left(self.starts, fig.start - _NEAR_CHARS - self.longest)
        hi = bisect.bisect_right(self.starts, fig.end + _NEAR_CHARS)
        return self.spans[lo:hi]


def _about_hits(text: str, about: tuple[str, ...], lowered: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for phrase in about:
        spans.extend(phrase_spans(text, phrase, lowered))
    return spans


def _distance(fig: Figure, span: tuple[int, int], bounds: tuple[int, ...]) -> int | None:
    start, end = span
    if end <= fig.start:
        gap = fig.start - end
        lo, hi = end, fig.start
    elif start >= fig.end:
        gap = start - fig.end
        lo, hi = fig.end, start
    else:
        return 0
    if gap > _NEAR_CHARS:
        return None
    # not across a sentence break
    i = bisect.bisect_left(bounds, lo)
    if i < len(bounds) and bounds[i] < hi:
        return None
    return gap


_PERIOD_HINTS = {
    "day": ("day", "daily"),
    "month": ("month", "monthly"),
    "year": ("year", "annual", "yearly"),
    "hour": ("hour", "hourly"),
    "week": ("week", "weekly"),
}


@lru_cache(maxsize=1024)
def _estimate_period(label: str, about: tuple[str, ...]) -> str | None:
    words = " ".join((label, *about)).lower()
    for period, hints in _PERIOD_HINTS.items():
        if any(re.search(rf"\b{hint}", words) for hint in hints):
            return period
    return None


def _reexpress(fig: Figure, est: Estimate) -> Figure | None:
    """The figure in a unit `convert` can take to the estimate's, or None.

    A byte rate ("80 GB/day") read against a per-period volume ("storage per day", unit bytes)
    becomes the bytes in that period, so `convert(f.value, f.unit, est.unit)` works on it.
    """
    if compatible(fig.unit, est.unit):
        return fig
    if fig.unit == "bytes_per_second" and est.unit == "bytes":
        period = _estimate_period(est.label, tuple(est.about))
        if period is not None:
            return Figure(fig.value * SECONDS[period], "bytes", fig.raw, fig.start, fig.end, period, fig.noun)
    return None


def _strict_unit(unit: str | None) -> bool:
    return unit is not None and unit != "count"


_QUALIFIER_WORD = re.compile(r"\b(?:at\s+)?(?:peak|busiest|burst|average|avg)\b|[()]", re.I)
_PER_ITEM = re.compile(r"\s*(?:/\s*|(?:per|each|an?)\b\s*)(?P<w>[A-Za-z]+)?", re.I)
_ITEM_LABEL = re.compile(r"\b(?:each|size|per (?!second|minute|hour|day|week|month|year)[a-z])", re.I)
_FACTOR_BEFORE = re.compile(
    r"(?:\btimes|[x×*]|\bfactor\s+of|\bmultipl\w*\s+by|\bdivided\s+by|\bby)\s*~?$", re.I
)
_NOUN_SLACK = 12  # naming words this much farther than the nearest still compete (then magnitude decides)
_CLAUSE_PENALTY = 40  # a comma or "and" between a figure and a word weakens the link


def _qualifier(label: str) -> str | None:
    low = label.lower()
    if re.search(r"\b(?:peak|busiest|burst)", low):
        return "peak"
    if re.search(r"\b(?:average|avg|mean)\b", low):
        return "average"
    return None


def _stem(label: str) -> str:
    return " ".join(_QUALIFIER_WORD.sub(" ", label.lower()).split())


@lru_cache(maxsize=256)
def _profiles(
    estimates: tuple[tuple[str, str, tuple[str, ...]], ...],
) -> tuple[tuple[str | None, tuple[str, ...]], ...]:
    """Per estimate: its qualifier (peak/average/None) and the words naming what it counts.

    A peak estimate and its average sibling (same label but for the qualifier) share their
    nouns: "peak writes" is about the writes even when only "peak" is in its `about`.
    """
    nouns: list[list[str]] = []
    for _label, _unit, about in estimates:
        words = []
        for phrase in about:
            stripped = " ".join(_QUALIFIER_WORD.sub(" ", phrase).split())
            if stripped and stripped.lower() not in ("at", "hour", "peak hour"):
                words.append(stripped)
        nouns.append(words)
    stems = [_stem(label) for label, _unit, _about in estimates]
    out = []
    for i, (label, unit, _about) in enumerate(estimates):
        shared = list(nouns[i])
        for j in range(len(estimates)):
            if j != i and stems[j] == stems[i] and estimates[j][1] == unit:
                shared.extend(w for w in nouns[j] if w not in shared)
        out.append((_qualifier(label), tuple(shared)))
    return tuple(out)


def _weighted(text: str, fig: Figure, span: tuple[int, int], bounds: tuple[int, ...]) -> int | None:
    """Distance from a figure to a word, longer across a comma or "and"; None across a sentence."""
    gap = _distance(fig, span, bounds)
    if gap is None or gap == 0:
        return gap
    lo, hi = (span[1], fig.start) if span[1] <= fig.start else (fig.end, span[0])
    between = text[lo:hi]
    commas = between.count(",")
    if commas and span[1] <= fig.start and _LEADING_QUALIFIER.search(text, max(0, span[0] - 12), span[0]):
        commas -= 1  # "At peak, 400 redirects a second": the opening phrase qualifies its clause
    return gap + _CLAUSE_PENALTY * (commas + len(re.findall(r"\b(?:and|but|while|whereas)\b", between)))


_LEADING_QUALIFIER = re.compile(r"(?:^|[.!?\n:;]\s*)(?:at|on|during|in)?\s*(?:the\s+)?$", re.I)


_PEAK_RE = re.compile(
    r"\b(?:peak(?:s|ing)?|busiest|bursts?|spikes?|max(?:imum)?|worst[\s-]case)\b"
    r"|(?<=[\dx×])\s*(?:[x×]|times)\s+(?:the\s+)?(?:average|avg|mean)\b"
    r"|\b(?:times|[x×])\s+(?:the\s+)?(?:average|avg|mean)\b",
    re.I,
)
_AVERAGE_RE = re.compile(
    r"\b(?:on\s+)?(?:averages?|avg|mean|typical(?:ly)?|normally|steady[\s-]state)\b", re.I
)
_ITEM_BEFORE = re.compile(
    r"\b(?:each|every|per|size|sized|single"
    r"|(?:average|typical|avg\.?)\s+(?!(?:daily|monthly|yearly|total|storage|bandwidth|throughput|traffic|"
    r"load|rate|volume|peak|disk|usage)\b)[a-z]+(?<!s)\b)",  # one thing: "average page", not "avg TPS"
    re.I,
)
"""Words before a figure that make it the size of one thing: "each message is", "average page maybe"."""
_CLAUSE_CUT = re.compile(
    r"[,;:=(]|\b(?:so|which|that's|that is|means|gives|giving|totals?|times|for)\b", re.I
)
_ITEM_AFTER_PREV = re.compile(
    r"\s*(?:each|apiece|per\s+[A-Za-z]+|a\s+(?!second|minute|hour|day|week|month|year)[A-Za-z]+)\b", re.I
)


@lru_cache(maxsize=256)
def _qualifier_spans(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """Spans of peak words and of average words ("2.5x average" counts as peak only)."""
    peak = tuple(m.span() for m in _PEAK_RE.finditer(text))
    average = tuple(
        m.span()
        for m in _AVERAGE_RE.finditer(text)
        if not any(a <= m.start() and m.end() <= b for a, b in peak)
    )
    return peak, average


def _figure_qualifier(text: str, fig: Figure, bounds: tuple[int, ...]) -> str | None:
    """ "peak" or "average" when such a word is close to the figure ("2.5x average" is a peak)."""
    peak, average = _qualifier_spans(text)
    best: tuple[int, str] | None = None
    for kind, spans in (("peak", peak), ("average", average)):
        lo = bisect.bisect_left(spans, (fig.start - _NEAR_CHARS - 40, 0))
        hi = bisect.bisect_right(spans, (fig.end + _NEAR_CHARS, len(text)))
        for span in spans[lo:hi]:
            d = _weighted(text, fig, span, bounds)
            if d is not None and d <= _SAME_PHRASE_CHARS and (best is None or d < best[0]):
                best = (d, kind)
    return best[1] if best else None


_ITEMS = (
    r"(?:chunks?|blocks?|pages?|files?|objects?|messages?|records?|rows?|photos?|images?|videos?|segments?|"
    r"parts?|pieces?|packets?|events?|entries|entry|documents?|docs?|thumbnails?|attachments?|payloads?|"
    r"posts?|tweets?|items?|values?|blobs?|frames?|emails?|uploads?)"
)
_ITEM_NOUN_AFTER = re.compile(
    r"[^\S\n]*-?[^\S\n]*"
    + _ITEMS
    + r"\b(?![^\S\n]+(?:a|an|per|each|every|total|in\s+total|overall|altogether|stored)\b)",
    re.I,
)
_ITEM_OF_BEFORE = re.compile(_ITEMS + r"[^\S\n]+of[^\S\n]+(?:about|around|roughly|~)?[^\S\n]*$", re.I)


def _per_item(text: str, fig: Figure, previous: Figure | None) -> bool:
    """ "500 bytes per record", "each message is 1 KB", "50k per server", "4 MB chunks", "chunks of
    4 MB": the size of one thing."""
    if fig.unit == "bytes" and (
        _ITEM_NOUN_AFTER.match(text, fig.end)
        or _ITEM_OF_BEFORE.search(text, max(0, fig.start - 40), fig.start)
    ):
        return True
    m = _PER_ITEM.match(text, fig.end)
    if m and m.end() > fig.end:
        word = (m.group("w") or "").lower()
        if word and word not in PERIOD_WORDS and word not in ("a", "an", "the"):
            return True
    start = max(0, fig.start - 60)
    if previous is not None and previous.end > start:
        start = previous.end
        tail = _ITEM_AFTER_PREV.match(text, start)
        if tail:
            start = tail.end()
    before = text[start : fig.start]
    cuts = list(_CLAUSE_CUT.finditer(before))
    if cuts:
        before = before[cuts[-1].end() :]
    bounds = [m.end() for m in _SENTENCE_BREAK.finditer(before)]
    if bounds:
        before = before[bounds[-1] :]
    return bool(_ITEM_BEFORE.search(before))


_LABEL_RATE = re.compile(
    r"(?:/\s*|\bper\s+|\ba\s+)(?P<p>s|sec|second|min|minute|h|hr|hour|d|day|mo|month|y|yr|year)\b"
    r"[^\n:|=\d]{0,12}[:|=]\s*[~≈]?\s*$",
    re.I,
)


def _labelled(text: str, fig: Figure) -> Figure:
    """A bare number in a table cell or list item whose label gives the rate: "| writes/s | 40 |"."""
    if fig.unit not in ("count", None):
        return fig
    line_start = max(text.rfind("\n", max(0, fig.start - 60), fig.start) + 1, fig.start - 60, 0)
    m = _LABEL_RATE.search(text, line_start, fig.start)
    if not m:
        return fig
    period = PERIOD_WORDS.get(m.group("p").lower())
    unit = f"per_{period}" if period and period != "week" else None
    if unit is None or unit not in RATE_UNITS:
        return fig
    return Figure(fig.value, unit, fig.raw, fig.start, fig.end, period, fig.noun)


def match_estimates(
    text: str,
    estimates: list[Estimate],
    asked: str | None = None,
    qualifiers: dict[int, str | None] | None = None,
) -> list[tuple[Estimate, Figure]]:
    """Pair each stated figure with the one reference estimate it is about, in text order.

    A figure is about an estimate when its unit can be converted to the estimate's unit and
    the words near it (same sentence, within 80 characters) name what the estimate counts:

    - the nearest naming words decide the thing ("10,000 redirects/s" is about redirects,
      even with "peak" nearby, and never the peak *write* rate);
    - "peak"/"busiest" vs "average" near the figure decide between a peak estimate and its
      average sibling; a peak figure never counts as an average and vice versa;
    - a per-item size ("500 bytes per record") is not a total or a daily volume;
    - otherwise, among estimates with words within 40 characters, the closest in magnitude.

    A figure with a definite unit (a rate, bytes, characters...) and no nearby words still
    matches when exactly one estimate takes that kind of unit. Each figure matches at most one.

    `asked` is the estimate the interviewer just asked for: the last figure of the answer that
    could be about it and says neither "peak" nor "average" is taken as the answer to it
    ("What's the peak?" "About 100 writes a second.").

    `qualifiers` (figure start -> "peak"/"average"/None) overrides the words-near reading of
    peak vs average, for a reader that knows more (`understanding.working`: a figure worked
    out with a peak factor is a peak).
    """
    if not estimates:
        return []
    figures = _find_figures_cached(text)
    if not figures:
        return []
    bounds = _sentence_bounds(text)
    lowered = text.lower()
    profiles = dict(
        zip(
            (e.id for e in estimates),
            _profiles(tuple((e.label, e.unit, tuple(e.about)) for e in estimates)),
            strict=True,
        )
    )
    hits = {est.id: _Spans(_about_hits(text, tuple(est.about), lowered)) for est in estimates}
    noun_hits = {est.id: _Spans(_about_hits(text, profiles[est.id][1], lowered)) for est in estimates}
    pairs: list[tuple[Estimate, Figure]] = []
    previous: Figure | None = None
    answers: list[tuple[int, tuple[Estimate, Figure]]] = []
    for fig in figures:
        fig = _labelled(text, fig)
        previous, fig_before = fig, previous
        if fig.value <= 0:
            continue  # "we lose 0 messages a day": a zero is not an estimate of anything
        if fig.unit is None and _FACTOR_BEFORE.search(text, max(0, fig.start - 16), fig.start):
            continue  # "times 2.5", "a factor of 3": a multiplier, not a figure
        candidates = [(e, f) for e in estimates if (f := _reexpress(fig, e)) is not None]
        if fig.unit in ("bytes", "count", "connections", None) and _per_item(text, fig, fig_before):
            candidates = [(e, f) for e, f in candidates if _ITEM_LABEL.search(e.label)]
        if not candidates:
            continue
        # what is counted: the estimates whose naming words are nearest the figure
        noun_dist: dict[str, int] = {}
        for est, _ in candidates:
            near = noun_hits[est.id].near(fig)
            ds = [d for span in near if (d := _weighted(text, fig, span, bounds)) is not None]
            if ds:
                noun_dist[est.id] = min(ds)
        nearest_noun = min(noun_dist.values()) if noun_dist else None
        if noun_dist:
            nearest = min(noun_dist.values())
            candidates = [
                (e, f)
                for e, f in candidates
                # a noun inside the figure ("400,000 redirects per second") decides alone
                if e.id in noun_dist and noun_dist[e.id] <= nearest + (_NOUN_SLACK if nearest else 0)
            ]
        # peak or average
        if qualifiers is not None and fig.start in qualifiers:
            qualifier = qualifiers[fig.start]
        else:
            qualifier = _figure_qualifier(text, fig, bounds)
        if qualifier is None and asked is not None:
            answer = next(
                ((e, f) for e, f in candidates if e.id == asked and noun_dist.get(e.id) == nearest_noun), None
            )
            if answer is not None:
                answers.append((len(pairs), answer))
        if qualifier is not None:
            candidates = [(e, f) for e, f in candidates if profiles[e.id][0] in (None, qualifier)]
            # "at peak about 7,000 messages a second" is the peak rate, not the messages a day
            exact = [(e, f) for e, f in candidates if profiles[e.id][0] == qualifier]
            candidates = exact or candidates
        elif noun_dist and any(profiles[e.id][0] != "peak" for e, _ in candidates):
            # nothing says "peak": a rate of the thing counted is its average
            candidates = [(e, f) for e, f in candidates if profiles[e.id][0] != "peak"]
        if not candidates:
            continue
        best: tuple[float, float, Estimate, Figure] | None = None
        for est, as_fig in candidates:
            spans = hits[est.id].near(fig) + noun_hits[est.id].near(fig)
            distances = [d for span in spans if (d := _distance(fig, span, bounds)) is not None]
            if not distances:
                continue
            # near words first (within a few words); among those, the closest magnitude
            # ("100 writes/s" with no qualifier is nearer the 100/s peak than the 40/s average)
            value = convert(as_fig.value, as_fig.unit, est.unit) or as_fig.value  # compatible: never None
            closeness = abs(math.log(value / est.value))
            # a rate written per second is about a per-second estimate before a per-day one
            same_unit = 0.0 if (fig.per is None or as_fig.unit == est.unit) else 1.0
            key = (0 if min(distances) <= _SAME_PHRASE_CHARS else min(distances), same_unit + closeness)
            if best is None or key < best[:2]:
                best = (key[0], key[1], est, as_fig)
        if best is not None:
            pairs.append((best[2], best[3]))
        elif _strict_unit(fig.unit) and len(candidates) == 1 and not noun_dist:
            only, as_fig = candidates[0]
            same_kind = [e for e in estimates if _reexpress(fig, e) is not None]
            if len(same_kind) == 1 and (
                only.unit == as_fig.unit or (fig.unit in RATE_UNITS and only.unit in RATE_UNITS)
            ):
                pairs.append((only, as_fig))
    if answers:
        # only the last such figure answers the question: earlier ones are the working
        index, answer = answers[-1]
        if index < len(pairs) and pairs[index][1].start == answer[1].start:
            pairs[index] = answer  # the figure was matched to another estimate: it answers the question
        else:
            pairs.insert(index, answer)
    return pairs
