"""What the terminal sanitiser shows for control characters a stored answer or a model reply may
hold, and how much of a long turn a screen shows (issue 18, from the mutants that survived in
interview/text/display.py)."""

from __future__ import annotations

from interview.engine.records import Event
from interview.text.display import SHOWN_CHARS, clipped, visible, visible_all, visible_line


def test_delete_is_shown_as_a_visible_mark_not_dropped_or_obeyed() -> None:
    assert visible("abc\x7f\x7fd") == "abc␡␡d"
    assert visible_line("title\x7f") == "title␡"


def test_a_title_with_windows_line_endings_shows_one_space_per_break() -> None:
    assert visible_line("Design a\r\nrate limiter") == "Design a rate limiter"
    assert visible_line("one\r\ntwo\r\n\x1b[2J") == "one two ␛[2J"


def test_every_c0_control_has_its_own_picture_and_printable_text_is_untouched() -> None:
    controls = "".join(chr(c) for c in range(0x20) if chr(c) not in "\n\t\r")
    shown = visible("a " + controls + " !z")
    assert shown == "a " + "".join(chr(0x2400 + ord(c)) for c in controls) + " !z"
    assert visible_line("x\ty\x00 z!") == "x y␀ z!"


def test_a_clean_event_is_shown_as_it_is() -> None:
    event = Event(seq=1, role="candidate", kind="answer", phase="requirements", elapsed_s=0, text="plain")
    assert visible_all(event) is event
    assert visible_all([event, ("plain", 3)])[0] is event


def test_a_paste_without_spaces_is_cut_at_the_limit() -> None:
    blob = "x" * (SHOWN_CHARS * 3)
    shown = clipped(blob)
    head = shown.split(" …")[0]
    assert head == "x" * SHOWN_CHARS
    assert f"{len(blob):,} characters in all" in shown


def test_a_long_answer_is_cut_at_a_word_boundary_near_the_limit() -> None:
    words = "alpha beta " * 2000
    head = clipped(words).split(" …")[0]
    # as much as fits: the last word boundary before the limit, not the first after half of it
    assert SHOWN_CHARS - len("alpha ") <= len(head) <= SHOWN_CHARS
    assert words.startswith(head + " ")


def test_a_no_break_space_is_printable_and_kept() -> None:
    assert visible("40\u00a0GB \x1b") == "40\u00a0GB ␛"


def test_a_list_of_strings_stays_a_list() -> None:
    shown = visible_all({"lines": ["ok", "\x1b[2J"], "pair": ("ok", "\x07")})
    assert shown == {"lines": ["ok", "␛[2J"], "pair": ("ok", "␇")}
    assert isinstance(shown["lines"], list) and isinstance(shown["pair"], tuple)


def test_a_turn_exactly_at_the_limit_is_shown_whole() -> None:
    text = "y" * SHOWN_CHARS
    assert clipped(text) == text
    assert clipped(text + "y") != text + "y"


def test_a_short_intro_then_one_long_token_is_cut_at_the_limit_not_at_the_intro() -> None:
    text = "intro " * 500 + "z" * (SHOWN_CHARS * 2)  # the last space is at 2,999: under half the limit
    head = clipped(text).split(" …")[0]
    assert len(head) == SHOWN_CHARS
