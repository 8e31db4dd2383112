"""Text as a reader sees it, for analysis and the injection guard.

`fold` gives the letters a human reads: Unicode NFKC, look-alike letters from other scripts
folded to Latin ("Ιgnоre" with a Greek Iota and a Cyrillic o reads "Ignore"), zero-width and
bidi control characters removed, case folded. `hidden_parts` finds text a reader of the chat
would not see as an answer: HTML and Markdown comments, base64-looking runs (decoded), and the
inside of ASCII-art boxes, each with its span in the original text so it can be blanked.

Pure and linear in the text's length.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

_ZERO_WIDTH = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]"
)
# Look-alike letters (Cyrillic, Greek, Armenian, fullwidth is handled by NFKC) -> Latin.
_HOMOGLYPHS = str.maketrans(
    {
        **dict(zip("АВСЕНІЈКМОРЅТХУаеһіјорсѕхуԁԛԝɡ", "ABCEHIJKMOPSTXYaehijopcsxydqwg", strict=True)),
        **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοιρνκτυχ", "ABEZHIKMNOPTYXaoipvktux", strict=True)),
        "ո": "n", "ս": "u", "օ": "o", "ı": "i", "ℓ": "l",
    }
)  # fmt: skip


def fold(text: str) -> str:
    """The letters a reader sees, lowercased: NFKC, look-alikes folded, invisible characters removed."""
    text = _ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", text))
    return text.translate(_HOMOGLYPHS).lower()


def has_disguise(text: str) -> bool:
    """The text hides letters: invisible characters, or look-alike letters from other scripts."""
    if _ZERO_WIDTH.search(text):
        return True
    return any(ch.translate(_HOMOGLYPHS) != ch for ch in text if not ch.isascii())


HiddenKind = Literal["comment", "base64", "box"]


@dataclass(frozen=True, slots=True)
class HiddenPart:
    """Text a chat reader would not see as part of the answer, with its span in the original."""

    kind: HiddenKind
    start: int
    end: int
    content: str  # the comment's text, the decoded base64, or the box's inside


_COMMENTS = re.compile(
    r"<!--.*?(?:-->|$)|^[ \t]*\[(?://|comment|_)\]:\s*#\s*(?:\(.*?\)|\".*?\"|'.*?'|<.*?>).*?$",
    re.DOTALL | re.MULTILINE | re.IGNORECASE,
)
_BASE64 = re.compile(r"(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{24,}={0,2}(?![A-Za-z0-9+/=])")
_BOX_LINE = re.compile(r"^[ \t]*(?:[+*#|][-=_*+#~ ]{3,}[+*#|]?|[|¦║│][^\n]*[|¦║│])[ \t]*$", re.MULTILINE)
_BOX_EDGE = re.compile(r"[|¦║│+*#=_~-]{2,}|^[ \t]*[|¦║│]|[|¦║│][ \t]*$", re.MULTILINE)


def _decoded(run: str) -> str | None:
    """A base64 run's text when it decodes to readable words, else None (ids and hashes stay)."""
    if not (re.search(r"[a-z]", run) and re.search(r"[A-Z]", run)):
        return None
    try:
        raw = base64.b64decode(run + "=" * (-len(run) % 4), validate=True)
        text = raw.decode("utf-8")
    except (binascii.Error, ValueError):
        return None
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\n\t")
    if printable < 0.95 * len(text) or len(text.split()) < 3:
        return None
    return text


def hidden_parts(text: str) -> list[HiddenPart]:
    """Comments, decodable base64 runs and ASCII boxes, in text order."""
    out: list[HiddenPart] = []
    if "<!--" in text or "]:" in text:
        for m in _COMMENTS.finditer(text):
            body = re.sub(r"^<!--|-->$|^\s*\[[^\]]*\]:\s*#\s*", "", m.group(0).strip())
            out.append(HiddenPart("comment", m.start(), m.end(), body.strip(" ()\"'<>")))
    for m in _BASE64.finditer(text):
        decoded = _decoded(m.group(0))
        if decoded is not None:
            out.append(HiddenPart("base64", m.start(), m.end(), decoded))
    lines = list(_BOX_LINE.finditer(text))
    i = 0
    while i < len(lines):  # runs of consecutive box lines (at least two) form a box
        j = i
        while j + 1 < len(lines) and text[lines[j].end() : lines[j + 1].start()].strip() == "":
            j += 1
        if j > i:
            start, end = lines[i].start(), lines[j].end()
            inside = " ".join(_BOX_EDGE.sub(" ", text[start:end]).split())
            out.append(HiddenPart("box", start, end, inside))
        i = j + 1
    return sorted(out, key=lambda p: p.start)
