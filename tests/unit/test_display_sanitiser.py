"""`interview.text.display`: control characters are shown, never obeyed by the terminal."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from interview.engine.records import Event
from interview.text.display import SHOWN_CHARS, clipped, visible, visible_all, visible_line

TITLE = "\x1b]0;PWNED\x07"  # OSC 0: sets the window title
CLIPBOARD = "\x1b]52;c;ZWNobyBwd25lZA==\x07"  # OSC 52: writes the clipboard
CLEAR = "\x1b[2J\x1b[H"  # CSI: clears the screen
DCS = "\x1bP1$r0m\x1b\\"
C1_CSI = "\x9b31m"


def _obeyable(text: str, allowed: str = "\n\t") -> list[str]:
    """Characters a terminal would act on instead of printing."""
    bidi = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
    return [ch for ch in text if (unicodedata.category(ch) == "Cc" and ch not in allowed) or ch in bidi]


def test_escape_sequences_are_shown_not_obeyed() -> None:
    for attack in (TITLE, CLIPBOARD, CLEAR, DCS, C1_CSI, "\x07", "abc\x08\x08\x08xyz", "ok\rfake"):
        shown = visible(f"before {attack} after")
        assert _obeyable(shown) == [], repr(shown)
        assert shown.startswith("before ") and shown.endswith(" after")
    assert visible(TITLE) == "␛]0;PWNED␇"
    assert visible(C1_CSI) == "\\x9b31m"
    assert visible("ok\rfake") == "ok␍fake"  # a lone CR cannot overwrite what was printed
    assert visible("\u202eevil") == "<U+202E>evil"  # a bidi override cannot reorder the line


def test_newlines_and_tabs_are_kept_and_crlf_becomes_lf() -> None:
    assert visible("a\n\tb\r\nc") == "a\n\tb\nc"
    assert visible("plain words, [bold] and ünïcode ✓") == "plain words, [bold] and ünïcode ✓"


def test_one_line_form_turns_breaks_into_spaces() -> None:
    assert visible_line("Design a\nrate\tlimiter\x1b[2J") == "Design a rate limiter␛[2J"


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_no_control_character_survives(text: str) -> None:
    assert _obeyable(visible(text)) == []
    assert _obeyable(visible_line(text), allowed="") == []


@given(st.text(max_size=60), st.text(max_size=60))
def test_streamed_pieces_are_safe_on_their_own(a: str, b: str) -> None:
    """A model's reply arrives in chunks; an escape split across two chunks is still shown."""
    if a.endswith("\r") and b.startswith("\n"):
        return  # CRLF split across chunks shows the CR; still safe, just not merged
    assert visible(a) + visible(b) == visible(a + b)


def test_visible_all_makes_display_copies_of_records() -> None:
    event = Event(seq=1, role="candidate", kind="answer", phase="requirements", elapsed_s=0, text=CLEAR)
    data = {"turns": [event], "title": TITLE, "n": 3}
    shown = visible_all(data)
    assert shown["turns"][0].text == "␛[2J␛[H"
    assert shown["title"] == "␛]0;PWNED␇" and shown["n"] == 3
    assert event.text == CLEAR  # the stored record itself is untouched
    clean = {"a": ["x", "y"]}
    assert visible_all(clean) is clean  # nothing to change: no copy


def test_clipped_shows_the_start_of_a_pasted_essay_and_says_how_much_more_is_saved() -> None:
    essay = "word " * 100_000
    shown = clipped(essay)
    assert essay.startswith(shown.split(" …")[0]) and len(shown) < SHOWN_CHARS + 100
    assert "500,000 characters in all" in shown
    assert clipped("a normal answer") == "a normal answer"
