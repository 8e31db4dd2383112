"""What a question asks about (its focus), and a scenario's facts ranked by that focus.

A question has a *frame* ("how many", "how long ... kept", "do we need") and a *focus*: the
noun phrase it asks about ("messages", "custom aliases"). Facts are ranked by how much of the
focus they explain, head noun first, so "how many messages" and "how many users" share
nothing, and "how long are messages kept" asks about retention, not message size. Words
outside the focus (the frame, a trailing clause) count for little; a frame that asks for a
duration, a size or a latency must agree with what the fact's answer measures.

Pure functions, no I/O; each question costs a few regex passes over its own sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interview.text.matching import phrase_spans
from interview.understanding.senses import SENSES

__all__ = ["Focus", "Word", "focuses", "question_spans", "stem", "content_stems"]

HEAD_WEIGHT = 1.0  # the last content word of the focus noun phrase
MODIFIER_WEIGHT = 0.4  # the words before it ("message" in "message size")
FLAT_WEIGHT = 0.7  # every content word of a yes/no question
TRAIL_WEIGHT = 0.35  # words after the noun phrase ("... does each user send per day")
FRAME_WEIGHT = 1.0  # a frame that asks for a dimension ("how long are X kept") counts as a head
FRAMED = ("retention", "size", "latency", "length", "frequency")
"""Frames that ask for a dimension a fact's answer must measure ("how often": a rate or an interval)."""

WORD_RE = re.compile(r"[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*(?:['’][A-Za-z]+)?")  # "robots.txt", "read-heavy"
_SENTENCE = re.compile(r"(?:[^.?!;\n]|\.(?=[A-Za-z0-9]))+[.?!;]*")  # "robots.txt" is one word

STOP = frozenset(
    """
    a an the this that these those some any each every all both either neither our your their its my
    i we you they it he she me us them one ones someone anyone
    is are was were be been being am do does did done doing have has had having will would should shall
    can could may might must to of in on at by for from with about as into onto over under within
    without between across through during via than then and or but nor so if whether because while
    when where which who whom whose what how why not no there here also just only really very quite
    much many more most less least few lot lots bit need needs needed want wants wanted expect expected
    support supports supported handle handles handled allow allowed allows get gets got make makes made
    use used using go goes going happen happens happened look looks like likely think know assume
    assuming assumed consider care worry mean means able require requires required thing things stuff
    kind sort type types number amount level part parts way ways case cases requirement requirements
    constraint constraints detail details spec specs info information question questions system
    service design everything anything something else typical typically roughly approximately average
    usually generally overall general main important please ok okay right sure great good yes yeah
    tell say said know let lets ask asking wonder wondering clarify confirm share give target targets
    show shown see seen display displayed logged signed several multiple different various once ever
    keep keeps retain arrive arrives kept sent happen happens happened scope take takes took send sends
    receive receives site website platform product ever now up acceptable ok fine allowed
    expectation expectations assumption assumptions exactly actually currently today roughly around
    s t d ll re ve m
    """.split()
)
# Words that end the focus noun phrase (prepositions, auxiliaries, clause starters).
BREAK = frozenset(
    """
    of in on at by for from with about as into onto over under within without between across through
    during via than per to after before until is are was were be been do does did will would should can
    could may might must shall has have had we i you they it he she that which who whom whose when where
    if whether because while since
    """.split()
)
_LIST_WORDS = frozenset({"and", "or", "&", "plus"})
# Who acts in a question; "can a user X" asks about X, not about users.
_ACTORS = frozenset(
    "user users client clients customer customers people person someone anyone sender senders recipient "
    "recipients caller callers app apps".split()
)
NOT_PARTICIPLES = frozenset({"speed", "feed", "seed", "embed", "shed", "need", "hundred", "red"})
_EVERYTHING = re.compile(
    r"\b(?:everything|anything else|what else|"
    r"all (?:the )?(?:requirements|constraints|details|numbers|facts)|"
    r"(?:the|your|any|other) (?:requirements|constraints|specs)|requirements|constraints)\b",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"^\s*(?:(?:so|and|also|ok(?:ay)?|alright|right|great|thanks|cool|then|first(?:ly)?|next|"
    r"one more thing|another (?:one|question)|(?:a |one |quick )?question|just to (?:clarify|confirm)|"
    r"to clarify|to confirm|next question|secondly|finally|lastly|and then)\b[,:\-\s]*)+",
    re.IGNORECASE,
)
_ASKING = re.compile(
    r"^\s*(?:(?:can|could|would) you (?:please )?(?:tell me|say|clarify|confirm|share|give me|let me know)|"
    r"(?:please )?tell me|i'?d like to know|i would like to know|i want to know|i wonder|i'?m wondering|"
    r"do you know|any idea|let me ask|may i ask|can i ask|i'?d like to ask|i'?m curious)\b"
    r"\s*(?:about\s+|if\s+|whether\s+)?",
    re.IGNORECASE,
)
_QUESTION_START = re.compile(
    r"^\s*(?:how|what|what's|whats|which|who|when|where|why|do|does|did|is|are|was|were|can|could|"
    r"should|will|would|must|may|shall|have|has|any)\b",
    re.IGNORECASE,
)
_SPLIT_QUESTIONS = re.compile(
    r"(?:,|;|\band\b|\bor\b|\balso\b)\s+(?=(?:and\s+|also\s+)?(?:how|what|what's|which|who|when|where|why|"
    r"do|does|is|are|can|should|will|would|any)\b)",
    re.IGNORECASE,
)
RETAIN = re.compile(
    r"\b(?:keep|keeps|kept|retain(?:s|ed)?|store[ds]?\s+for|stay|stays|live|lives|last|lasts|around|"
    r"persist(?:s|ed)?|remain|remains|expire|expires|stick around|hold|held|archived?)\b",
    re.IGNORECASE,
)
# A yes/no question about a thing ("do messages need to arrive in order?", not "do we need X?")
# or "what happens to X when Y" asks about its whole predicate: every content word counts alike.
_FLAT = re.compile(
    r"(?:(?:do|does|did|is|are|was|were|can|could|should|will|would|must|may|shall|has|have)\s+"
    r"(?!(?:we|i|you|they|it|there|he|she|this|that)\b)|"
    r"what\s+(?:happens|would happen|will happen|happened)\b)",
    re.IGNORECASE,
)
_TAKE = re.compile(r"\b(?:take|takes|until|before|wait|complete|finish)\b", re.IGNORECASE)
_FRAMES: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (re.compile(r"^how\s+many\b", re.I), "count"),
    (re.compile(r"^how\s+much\b", re.I), "amount"),
    (re.compile(r"^how\s+long\b", re.I), "length"),  # refined by the predicate below
    (re.compile(r"^how\s+(?:big|large|heavy|small|much space)\b", re.I), "size"),
    (re.compile(r"^how\s+(?:fast|quick|quickly|soon|slow)\b", re.I), "latency"),
    (re.compile(r"^how\s+(?:often|frequently)\b", re.I), "frequency"),
    (re.compile(r"^(?:what(?:'s|s)?|which|who|when|where|why|how)\b", re.I), None),
    (
        re.compile(
            r"^(?:do|does|did|is|are|was|were|can|could|should|will|would|must|may|shall|have|has|any)\b",
            re.I,
        ),
        None,
    ),
)


_IRREGULAR = {
    "lost": "lose", "loss": "lose", "losing": "lose", "sold": "sell", "selling": "sell", "daily": "day",
    "weekly": "week", "monthly": "month", "yearly": "year", "annually": "year", "annual": "year",
    "series": "series", "species": "species",
}  # fmt: skip


def stem(word: str) -> str:
    """A light stem: plurals, -ing, -ed, -ion and a final e removed ("stored" ~ "storage" ~ "store")."""
    w = word.lower().replace("’", "'").split("'")[0]
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif re.search(r"(?:x|ch|sh|z)es$", w):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ency") and len(w) > 6:
        w = w[:-2] + "t"  # "consistency" ~ "consistent"
    elif w.endswith("ly") and len(w) - 2 >= 4 and not w.endswith("ply"):
        w = w[:-2]  # "strongly" ~ "strong"
    for suffix in ("ness", "ing", "ed", "ions", "ion", "age"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            if suffix == "ing" and len(w) > 3 and w[-1] == w[-2] and w[-1] not in "ls":
                w = w[:-1]
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def content_stems(text: str) -> list[str]:
    """Stems of the content words of a text, in order."""
    return [stem(m.group()) for m in WORD_RE.finditer(text) if m.group().lower() not in STOP]


@dataclass(frozen=True)
class Word:
    """One content word of a question, with how much it says about the focus."""

    stem: str
    start: int
    end: int
    weight: float
    senses: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Focus:
    """What one question (or one item of a listed question) asks about."""

    text: str  # the focus noun phrase as written ("custom aliases")
    start: int  # character offsets of `text` in the turn
    end: int
    question: tuple[int, int]  # offsets of the whole question
    asks: str | None  # the dimension its frame asks for: count, length, retention, size, latency, frequency
    words: tuple[Word, ...] = ()  # focus words (weighted) and the words after it
    everything: bool = False  # asks for everything at once ("what are the requirements?")
    listed: int = 1  # how many items the question listed ("scale, retention and latency")

    @property
    def weight(self) -> float:
        """What a fact must explain to match fully: the focus words plus a dimension frame."""
        total = sum(w.weight for w in self.words if w.weight > TRAIL_WEIGHT)
        return total + (FRAME_WEIGHT if self.asks in FRAMED else 0.0)


def senses_of(text: str) -> dict[str, list[tuple[int, int]]]:
    lowered = text.lower()
    found: dict[str, list[tuple[int, int]]] = {}
    for sense, cues in SENSES.items():
        for cue in cues:
            spans = phrase_spans(text, cue, lowered)
            if spans:
                found.setdefault(sense, []).extend(spans)
    return found


# --------------------------------------------------------------------------- reading questions


def question_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the questions in a turn: sentences ending in "?" or opening like a question,
    split where a second question starts inside one ("how many users, and how long ...")."""
    spans: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(text):
        sentence = m.group()
        if not sentence.strip():
            continue
        body = _LEAD.sub("", sentence)
        body = body[_ASKING.match(body).end() :] if _ASKING.match(body) else body
        asked = sentence.rstrip().endswith("?") or bool(_ASKING.match(_LEAD.sub("", sentence)))
        if not asked and not (_QUESTION_START.match(body) and not sentence.rstrip().endswith(".")):
            continue
        start = m.start()
        cuts = [c.end() for c in _SPLIT_QUESTIONS.finditer(sentence)]
        bounds = [0, *cuts, len(sentence)]
        for k, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
            piece = sentence[a:b]
            if not piece.strip():
                continue
            if k == 0 and cuts and not _QUESTION_START.match(_LEAD.sub("", piece)) and "?" not in piece:
                continue  # "Before designing, who runs it?": a lead-in, not a question of its own
            spans.append((start + a, start + b))
    return spans


def _frame(question: str) -> tuple[int, str | None, bool]:
    """Where the focus starts in a question, the dimension its frame asks for, and whether
    the whole predicate is asked about (see `_FLAT`)."""
    lead = _LEAD.match(question)
    pos = lead.end() if lead else len(question) - len(question.lstrip())
    asking = _ASKING.match(question, pos)
    if asking:
        pos = asking.end()
    rest = question[pos:]
    for pattern, asks in _FRAMES:
        m = pattern.match(rest)
        if m is None:
            continue
        if asks == "length":
            if RETAIN.search(rest):
                asks = "retention"
            elif _TAKE.search(rest):
                asks = "latency"
        elif asks == "count" and re.match(r"how\s+many\s+(?:years|months|days|weeks)\b", rest, re.I):
            asks = "retention" if RETAIN.search(rest) else "length"
        return pos + m.end(), asks, bool(_FLAT.match(rest))
    return pos, None, False


def _word_spans(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [
        (m.group().lower().replace("’", "'").split("'")[0], m.start(), m.end())
        for m in WORD_RE.finditer(text, start, end)
    ]


def focuses(text: str) -> list[Focus]:
    """The focus of every question in a turn (one per listed item), in the order asked."""
    found: list[Focus] = []
    for q_start, q_end in question_spans(text):
        for focus in _question_focuses(text, q_start, q_end):
            if not focus.words and not focus.everything and found and found[-1].words:
                # "are there groups, and how large can they get?": "they" is the groups
                before = found[-1]
                context = tuple(Word(w.stem, w.start, w.end, TRAIL_WEIGHT, w.senses) for w in before.words)
                focus = Focus(before.text, before.start, before.end, focus.question, focus.asks, context)
            found.append(focus)
    return found


def _item_weight(word: str, head: bool, flat: bool) -> float:
    if flat:
        return TRAIL_WEIGHT if word in _ACTORS else FLAT_WEIGHT
    return HEAD_WEIGHT if head else MODIFIER_WEIGHT


def _question_focuses(text: str, q_start: int, q_end: int) -> list[Focus]:
    question = text[q_start:q_end]
    offset, asks, flat = _frame(question)
    words = _word_spans(text, q_start + offset, q_end)
    sense_spans = senses_of(question)

    def senses_at(start: int, end: int) -> frozenset[str]:
        return frozenset(
            s for s, spans in sense_spans.items() if any(a <= start - q_start < b for a, b in spans)
        )

    # The focus noun phrase: content words (and list separators) up to the first break word.
    items: list[list[tuple[str, int, int]]] = [[]]
    trail: list[tuple[str, int, int]] = []
    in_phrase = True
    for i, (w, a, b) in enumerate(words):
        if not in_phrase:
            trail.append((w, a, b))
            continue
        between = text[words[i - 1][2] : a] if i else ""
        if w in _LIST_WORDS or "," in between:
            if items[-1]:
                items.append([])
            if w in _LIST_WORDS:
                continue
        if w in STOP and w not in BREAK:
            continue
        participle = w.endswith("ed") and len(w) > 4 and w not in NOT_PARTICIPLES
        if w in BREAK or (participle and any(items)) or w in ("kept", "sent"):
            if any(items):
                in_phrase = False
                if w not in BREAK:
                    trail.append((w, a, b))
            continue
        items[-1].append((w, a, b))
    items = [it for it in items if it]
    rest = [t for t in trail if t[0] not in STOP and t[0] not in BREAK]
    if len(items) == 1 and all(w in _ACTORS for w, _, _ in items[0]) and rest and asks != "count":
        # "can a user be signed in on two phones": the question is about what follows the actor
        trail = items[0] + [t for t in trail if t not in rest]
        items = [rest]
    everything = bool(_EVERYTHING.search(question)) and not items
    if not items and not everything:
        if not trail and asks in ("retention", "size", "latency", "length"):  # "how long do we keep them?"
            at = q_start + offset
            return [Focus("", at, at, (q_start, q_end), asks)]
        if not trail:
            return []
        items, trail = [trail[:1]], trail[1:]  # no noun phrase before a break: take what follows
    trail_words = tuple(
        Word(stem(w), a, b, FLAT_WEIGHT if flat and w not in _ACTORS else TRAIL_WEIGHT, senses_at(a, b))
        for w, a, b in trail
        if w not in STOP and w not in BREAK
    )
    if everything:
        return [Focus("", q_start + offset, q_start + offset, (q_start, q_end), asks, (), True, 0)]
    result = []
    for item in items:
        head = len(item) - 1
        item_words = tuple(
            Word(stem(w), a, b, _item_weight(w, k == head, flat), senses_at(a, b))
            for k, (w, a, b) in enumerate(item)
        )
        start, end = item[0][1], item[-1][2]
        result.append(
            Focus(
                text[start:end],
                start,
                end,
                (q_start, q_end),
                asks,
                item_words + trail_words,
                False,
                len(items),
            )
        )
    return result
