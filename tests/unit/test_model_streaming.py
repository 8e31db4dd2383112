"""A model turn is shown sentence by sentence, each sentence only once it passed the checks.

The whole reply is still checked at the end: when it fails, nothing more of it is shown, the
offline turn says the rest and the reason is recorded. Through the stub server (no network).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from interview.config import Settings, read_config_file
from interview.engine import llm
from interview.engine.model_stream import ReplyStream
from tests.support.model_runs import interviewer, start
from tests.support.stub_server import StubServer

ANSWER = "What scale are we talking about: how many new URLs are created per month?"
THREE = "First, thanks for that. Second, I see the scope. What would you look at next?"


@pytest.fixture(scope="module", autouse=True)
def warmed() -> None:
    llm.warm_up()


@pytest.fixture
async def server() -> AsyncIterator[StubServer]:
    async with StubServer() as stub:
        yield stub


def fed(raw: str, size: int = 3) -> tuple[ReplyStream, list[str]]:
    stream, out = ReplyStream(), []
    for i in range(0, len(raw), size):
        stream.add(raw[i : i + size])
        out += stream.sentences()
    return stream, out


# ---------------------------------------------------------------------- reading the stream, pure


def test_sentences_come_after_the_header_and_the_last_waits_for_the_end() -> None:
    stream, out = fed(f"MOVE: 1\nASK_FACT: none\nTEXT: {THREE}")
    header = stream.header()
    assert header is not None and header.move == "1" and header.ask_fact is None
    assert out == ["First, thanks for that. ", "Second, I see the scope. "]  # the question is last
    assert stream.text() == (THREE, False)


def test_json_text_is_decoded_as_it_comes_when_it_is_the_last_field() -> None:
    raw = json.dumps(
        {"move": "1", "ask_fact": None, "reading": {"acts": ["answer"]}, "text": 'Say "p99". Go on?'}
    )
    stream, out = fed(raw, size=2)
    assert stream.header() is not None and stream.header().reading is None  # checked later, whole
    assert out == ['Say "p99". '] and stream.text() == ('Say "p99". Go on?', True)
    first, _ = fed(json.dumps({"text": "Go on. Why?", "move": "1"}))
    assert first.header() is None and _ == []  # text before the move: read whole at the end


def test_a_tag_after_the_text_ends_it_and_plain_text_is_read_whole() -> None:
    stream, out = fed('MOVE: 1\nTEXT: One here. Two there.\nREADING: {"acts": ["answer"]}\n')
    assert out == ["One here. ", "Two there.\n"] and stream.text() == ("One here. Two there.\n", True)
    assert "READING" not in "".join(out)
    plain, out = fed("Just some words. With no form at all. Really?")
    assert plain.header() is None and out == []


# ---------------------------------------------------------------------- through a session


async def turn(session, text: str) -> list[str]:  # noqa: ANN001
    return [c async for c in session.send(text) if isinstance(c, str)]


async def test_a_checked_sentence_is_shown_before_the_stream_ends(server: StubServer) -> None:
    session = await start("url-shortener", server, "ok")
    server.replies.append(f"MOVE: 1\nASK_FACT: none\nTEXT: {THREE}")
    server.chunk_delay = 0.05
    chunks: list[str] = []
    active_at_first = None
    async for chunk in session.send(ANSWER):
        if not chunks:
            active_at_first = server.active  # the server is still streaming the reply
        chunks.append(chunk)  # type: ignore[arg-type]
    said = interviewer(session)[-1]
    assert active_at_first == 1 and len(chunks) == 3
    assert "".join(chunks) == said.text == THREE and said.fallback is None


async def test_a_later_sentence_that_fails_stops_the_model_and_the_offline_turn_says_the_rest(
    server: StubServer,
) -> None:
    offline = await start("url-shortener", None)
    plain = (await turn(offline, ANSWER), interviewer(offline)[-1].text)[1]
    session = await start("url-shortener", server, "ok")
    server.replies.append(
        "MOVE: 1\nASK_FACT: none\nTEXT: Fine start here. Then expect 38,000 redirects a second. What next?"
    )
    chunks = await turn(session, ANSWER)
    said = interviewer(session)[-1]
    assert chunks[0] == "Fine start here. " and "38,000" not in "".join(chunks)
    assert said.text == "".join(chunks) == "Fine start here. " + plain
    assert said.fallback == "model stated a figure nobody gave (38,000 redirects a second)"
    assert said.data["move"] == interviewer(offline)[-1].data["move"]  # the planner's move was said


async def test_a_question_missing_at_the_end_is_caught_after_the_first_sentence(server: StubServer) -> None:
    session = await start("url-shortener", server, "ok")
    await turn(session, ANSWER)
    await turn(session, "/next")  # estimation: the next move asks a question
    server.replies.append("MOVE: 1\nASK_FACT: none\nTEXT: Thanks for that. It is clear.")
    chunks = await turn(session, "About 40 new URLs a second on average.")
    said = interviewer(session)[-1]
    assert said.fallback == "model reply asked no question where one was due"
    assert chunks[0] == "Thanks for that. " and said.text.startswith("Thanks for that. ") and "?" in said.text


async def test_another_move_or_sentences_off_is_shown_whole(server: StubServer) -> None:
    offline = await start("url-shortener", None)
    plain = await turn(offline, ANSWER)
    session = await start("url-shortener", server, "ok")
    server.replies.append(f"MOVE: 7\nASK_FACT: none\nTEXT: {THREE}")  # not offered: nothing of it shown
    assert await turn(session, ANSWER) == plain and interviewer(session)[-1].fallback
    session = await start("url-shortener", server, "ok")
    server.replies.append(f"MOVE: 1\nASK_FACT: none\nTEXT: {THREE}")
    session.model_voice.stream_sentences = False  # type: ignore[union-attr]
    assert await turn(session, ANSWER) == [THREE]


def test_sentences_can_be_turned_off_in_the_config(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("stream_sentences = false\n")
    assert read_config_file(path) == {"stream_sentences": False}
    assert Settings().voice_options()["stream_sentences"] is True


async def test_a_stream_that_breaks_after_a_sentence_keeps_it_and_the_offline_turn_follows(
    server: StubServer,
) -> None:
    offline = await start("url-shortener", None)
    plain = (await turn(offline, ANSWER), interviewer(offline)[-1].text)[1]
    session = await start("url-shortener", server, "drop")  # closes the connection after 2 chunks
    filler = " ".join(["words"] * 12)
    server.replies.append(f"MOVE: 1\nASK_FACT: none\nTEXT: One. Two. Three. {filler}. What next?")
    chunks = await turn(session, ANSWER)
    said = interviewer(session)[-1]
    assert chunks[:2] == ["One. ", "Two. "] and chunks[-1] == plain and said.text == "".join(chunks)
    assert "What next?" not in said.text  # the part that never came
    assert said.fallback == llm.CONNECTION_DROPPED
