"""Reading a model's reply as it streams: its header first, then its text sentence by sentence.

A reply is `MOVE: / ASK_FACT: / READING: / TEXT:` (tagged) or JSON with `text` last. Once the
header has arrived (`header()`), the text that follows is decoded as it comes and cut into
complete sentences (`sentences()`): a sentence is complete when its end mark (. ! ?) is followed
by white space, so the last sentence is only known when the stream ends. Plain text, JSON whose
`text` is not last, or a tag after the text, give no header or stop the sentences: the reply is
then only read whole (`engine/speaking.py` decides what may be shown). Pure, linear in the reply.
"""

from __future__ import annotations

import json
import re

from pydantic import ValidationError

from interview.engine.prompts import ReplyFormatError, parse_reply
from interview.engine.voice import ModelReply

_TEXT_TAG = re.compile(r"^[ \t]*TEXT[ \t]*:[ \t]*", re.I | re.M)
_ANY_TAG = re.compile(r"^\s*(?:MOVE|ASK_FACT|READING|TEXT)\s*:", re.I | re.M)
_JSON_TEXT = re.compile(r'"text"\s*:\s*"')
_END = re.compile(r"[.!?]+[\"')\]]*(?=\s)")
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


class ReplyStream:
    """Feed raw pieces with `add`; read the header and the complete sentences so far."""

    def __init__(self) -> None:
        self.raw = ""
        self._form: str | None = None  # "tagged", "json", "whole" (read only at the end)
        self._text_at = -1  # where the text starts in `raw`
        self._header: ModelReply | None = None
        self._given = 0  # characters of the decoded text already handed out as sentences
        self._stopped = False

    def add(self, piece: str) -> None:
        self.raw += piece
        if self._form is None:
            self._find_text()

    def _find_text(self) -> None:
        body = self.raw.lstrip()
        if not body:
            return
        if body.startswith("{") or body.startswith("```"):
            m = _JSON_TEXT.search(self.raw)
            if m is None:
                return
            head = self.raw[: m.start()].rstrip().rstrip(",")
            head = re.sub(r"^\s*```(?:json)?\s*", "", head)
            try:
                data = json.loads(head + "}")
                data.pop("reading", None)
                data["text"] = ""
                self._header = ModelReply.model_validate(data)
            except (ValueError, ValidationError):
                self._form = "whole"  # text before the move, or not JSON: read it whole
                return
            self._form, self._text_at = "json", m.end()
        elif _ANY_TAG.match(body):
            m = _TEXT_TAG.search(self.raw)
            if m is None:
                return
            try:
                self._header = parse_reply(self.raw[: m.start()] + "TEXT: -")
            except ReplyFormatError:
                self._form = "whole"
                return
            self._form, self._text_at = "tagged", m.end()
        elif len(body) > 12:  # plain text (taken as move 1): read whole, it may still be anything
            self._form = "whole"

    def header(self) -> ModelReply | None:
        """The move, ask_fact and raw reading, once they have all arrived before the text."""
        return self._header

    def text(self) -> tuple[str, bool]:
        """The text decoded so far, and whether it is known to be complete (JSON string closed)."""
        if self._text_at < 0:
            return "", False
        rest = self.raw[self._text_at :]
        if self._form == "tagged":
            tag = _ANY_TAG.search(rest)
            return (rest[: tag.start()], True) if tag else (rest, False)
        return _decode(rest)

    def sentences(self) -> list[str]:
        """Complete sentences not handed out before (each with the white space after it)."""
        if self._stopped or self._header is None:
            return []
        text, _closed = self.text()
        found: list[str] = []
        for m in _END.finditer(text, self._given):
            end = m.end()
            while end < len(text) and text[end].isspace():
                end += 1
            if end == len(text):
                break  # the white space may go on: wait for the next sentence to start
            found.append(text[self._given : end])
            self._given = end
        return found

    def stop(self) -> None:
        """Hand out no more sentences."""
        self._stopped = True


def _decode(rest: str) -> tuple[str, bool]:
    """A JSON string's content as far as it can be decoded, and whether its closing quote came."""
    out: list[str] = []
    i = 0
    while i < len(rest):
        ch = rest[i]
        if ch == '"':
            return "".join(out), True
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        if i + 1 >= len(rest):
            break
        code = rest[i + 1]
        if code == "u":
            digits = rest[i + 2 : i + 6]
            if len(digits) < 4:
                break
            try:
                out.append(chr(int(digits, 16)))
            except ValueError:
                break
            i += 6
            continue
        out.append(_ESCAPES.get(code, code))
        i += 2
    return "".join(out), False
