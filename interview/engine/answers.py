"""The answers file of a headless run: one candidate turn per block, blocks split by `---`.

A block whose first line is `/board` replaces the whiteboard with the rest of the block.
"""

from __future__ import annotations

import re
from pathlib import Path

COMMANDS = ("/next", "/end", "/hint")
_LONE_COMMAND = re.compile(r"/[A-Za-z][\w-]*")
_SEPARATOR = re.compile(r"^[ \t]*---[ \t]*$", re.MULTILINE)


class AnswersError(ValueError):
    """The answers file cannot be used; the message is one user-facing line."""


def parse_answers(text: str) -> list[str]:
    """Split answers text into turns; blank blocks are dropped, commands kept as written."""
    blocks = [block.strip() for block in _SEPARATOR.split(text.replace("\r\n", "\n"))]
    return [block for block in blocks if block]


def read_answers(path: Path) -> list[str]:
    """Read and split an answers file; raise AnswersError when missing, unreadable or empty."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # a BOM (Windows editors) is not part of the text
    except FileNotFoundError:
        raise AnswersError(f"answers file not found: {path}") from None
    except IsADirectoryError:
        raise AnswersError(f"answers file is a directory: {path}") from None
    except UnicodeDecodeError:
        raise AnswersError(f"answers file is not UTF-8 text: {path}") from None
    except OSError as exc:
        raise AnswersError(f"cannot read answers file {path}: {exc.strerror or exc}") from None
    answers = parse_answers(text)
    if not answers:
        raise AnswersError(f"answers file has no answers: {path} (separate turns with a line '---')")
    for number, answer in enumerate(answers, 1):
        if _LONE_COMMAND.fullmatch(answer) and command_of(answer) is None and board_of(answer) is None:
            raise AnswersError(
                f"{path}: answer {number} is an unknown command {answer!r} (known: {', '.join(COMMANDS)})"
            )
    return answers


BOARD = "/board"


def board_of(text: str) -> str | None:
    """The whiteboard a block draws (`/board` on its first line, the board below), or None."""
    first, _, rest = text.strip().partition("\n")
    if first.strip().lower() != BOARD:
        return None
    return rest.strip("\n")


def command_of(text: str) -> str | None:
    """The command a turn is (`/next`, `/end`, `/hint`), or None for free text."""
    word = text.strip().lower()
    return word if word in COMMANDS else None


def remaining_after(answers: list[str], given: list[str]) -> list[str]:
    """The answers still to send when resuming: skip the turns already recorded.

    Resuming with the same file continues where the session stopped; a file that does not
    start with the recorded turns is taken as the continuation itself.
    """
    turns = [i for i, a in enumerate(answers) if board_of(a) is None]  # a `/board` block is no turn
    norm = [" ".join(answers[i].split()) for i in turns]
    done = [" ".join(g.split()) for g in given]
    if done and norm[: len(done)] == done:
        return answers[turns[len(done) - 1] + 1 :]
    return list(answers)
