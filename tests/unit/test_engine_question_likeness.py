"""When two interviewer questions count as the same question (so one is never asked twice), and what
is left of a question whose clauses were already put."""

from __future__ import annotations

from interview.engine.planner_state import content_words, similar, unasked_part


def test_two_letter_words_are_not_what_a_question_is_about() -> None:
    assert content_words("Is the DB id in a KV?") == set()
    assert content_words("Which index serves lookups?") == {"index", "serve", "looku"}


def test_questions_sharing_two_fifths_of_their_words_are_the_same_question() -> None:
    # 2 shared of 5 distinct content words (exactly the threshold), and no containment
    assert similar("alpha bravo charlie", "alpha bravo delta echoes")
    assert not similar("alpha bravo charlie", "alpha delta echoes foxtrot")


def test_a_question_with_no_content_words_is_like_no_other() -> None:
    assert not similar("Is it ok?", "Where does the message go when it fails?")
    assert not similar("Where does the message go when it fails?", "So?")


def test_a_question_whose_every_clause_was_asked_has_nothing_left() -> None:
    asked = [
        "How do you keep order inside one partition?",
        "What happens to a message that fails every retry?",
    ]
    question = (
        "How do you keep order inside one partition, and what happens to a message that fails every retry?"
    )
    assert unasked_part(question, asked) == ""
    assert unasked_part(question, asked[1:]) == "How do you keep order inside one partition?"
    three = (
        "How do you keep order inside one partition, and who replays failed messages by hand, "
        "and what happens to a message that fails every retry?"
    )
    assert unasked_part(three, asked[1:]) == (
        "How do you keep order inside one partition, and who replays failed messages by hand?"
    )
