"""The answers file: blocks split by `---`, commands, resume skipping what was already said."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.engine.answers import AnswersError, command_of, parse_answers, read_answers, remaining_after


def test_blocks_are_split_on_a_line_of_three_dashes() -> None:
    text = "First line\nsecond line\n---\n/next\n  ---  \nA --- inside a line stays.\n---\n\n---\n/end\n"
    assert parse_answers(text) == ["First line\nsecond line", "/next", "A --- inside a line stays.", "/end"]


def test_windows_line_endings() -> None:
    assert parse_answers("a\r\n---\r\nb\r\n") == ["a", "b"]


def test_commands() -> None:
    assert (
        command_of("/next") == "/next" and command_of(" /END ") == "/end" and command_of("/hint") == "/hint"
    )
    assert command_of("/next please") is None and command_of("next") is None


def test_missing_empty_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(AnswersError, match="not found"):
        read_answers(tmp_path / "nope.txt")
    (tmp_path / "empty.txt").write_text("  \n---\n")
    with pytest.raises(AnswersError, match="no answers"):
        read_answers(tmp_path / "empty.txt")
    (tmp_path / "bin.txt").write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(AnswersError, match="UTF-8"):
        read_answers(tmp_path / "bin.txt")
    with pytest.raises(AnswersError, match="directory"):
        read_answers(tmp_path)


def test_remaining_after_skips_recorded_turns_or_takes_a_continuation() -> None:
    answers = ["a b", "/next", "c", "/end"]
    assert remaining_after(answers, ["a  b", "/next"]) == ["c", "/end"]
    assert remaining_after(["c", "/end"], ["a b", "/next"]) == ["c", "/end"]
    assert remaining_after(answers, []) == answers


def test_an_unknown_command_is_reported_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Hello\n---\n/nxt\n---\n/end\n")
    with pytest.raises(AnswersError, match=r"answer 2 is an unknown command '/nxt'"):
        read_answers(path)
    path.write_text("I'd serve GET /urls from a cache.\n---\n/end\n")
    assert len(read_answers(path)) == 2


def test_a_byte_order_mark_is_not_part_of_the_first_answer(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeff/next\r\n---\r\nHow many URLs a month?\r\n---\r\n".encode())
    answers = read_answers(path)
    assert answers == ["/next", "How many URLs a month?"]
    assert command_of(answers[0]) == "/next"  # the BOM would have hidden the command
