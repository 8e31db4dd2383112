"""A pasted essay: stored whole, read in part with a notice, and read in time linear in its size."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from interview.catalog import load_catalog
from interview.cli import cli
from interview.engine import VirtualClock, new_session
from interview.scoring import score_offline
from interview.store import Store
from interview.text import estimates
from interview.text.limits import ANALYSED_CHARS, analysed
from interview.text.matching import find_phrases
from interview.text.numbers import Figure

FILLER = "we shard by key and cache the hot keys in redis with replicas for reads ".split()


def filler(size: int) -> str:
    rng = random.Random(3)
    words: list[str] = []
    length = 0
    while length < size:
        words.append(rng.choice(FILLER))
        length += len(words[-1]) + 1
    return " ".join(words)


async def _estimation_turn(text: str, store: Store | None = None):
    session = new_session(load_catalog(), "url-shortener", clock=VirtualClock(), seed=1, store=store)
    async for _ in session.opening():
        pass
    async for _ in session.send("/next"):
        pass
    async for _ in session.send(text):
        pass
    return session


def test_a_long_paste_is_stored_whole_read_in_part_and_the_user_is_told(tmp_path: Path) -> None:
    early = "about 1200 writes per second at peak " + filler(1000)
    late = filler(ANALYSED_CHARS + 500) + " and 300 TB of storage over five years"
    with Store(tmp_path / "p.db") as store:
        session = asyncio.run(_estimation_turn(early + " " + late, store))
        stored = [e.text for e in store.events(session.record.id) if e.kind == "answer"]
    assert stored == [early + " " + late]  # nothing cut from what is kept
    [notice] = [n for n in session.pop_notices() if "read only" in n]
    assert f"first {ANALYSED_CHARS // 1000}k" in notice
    read = session.planner.state.candidate_text[-1]
    assert read == analysed(early + " " + late) and "300 TB" not in read and "1200 writes" in read
    report = score_offline(session.record, session.events)
    assert report.overall >= 0  # scored, from the part read


def test_a_short_answer_gets_no_notice() -> None:
    session = asyncio.run(_estimation_turn("About 1200 writes a second at peak."))
    assert not [n for n in session.pop_notices() if "read only" in n]


@pytest.mark.timeout(180)  # a hang guard: before, 1 MB never finished
def test_run_takes_a_one_megabyte_paste(tmp_path: Path) -> None:
    answers = tmp_path / "answers.txt"
    answers.write_text("/next\n---\n" + filler(1_000_000) + "\n---\n/end\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["run", "url-shortener", "--answers", str(answers), "--db", str(tmp_path / "m.db")]
    )
    assert result.exit_code == 0, result.output
    assert "read only its first" in result.stderr
    assert "Score" in result.stdout or "/100" in result.stdout


@given(
    st.lists(st.tuples(st.integers(0, 3000), st.integers(1, 40)), max_size=60),
    st.integers(0, 3000),
    st.integers(1, 12),
)
def test_spans_near_a_figure_are_never_missed(spans: list[tuple[int, int]], at: int, width: int) -> None:
    """The window the estimate reader looks in holds every span the distance rule accepts."""
    pairs = [(start, start + length) for start, length in spans]
    fig = Figure(1.0, None, "1", at, at + width)
    near = estimates._Spans(pairs).near(fig)
    bounds: tuple[int, ...] = ()
    for span in pairs:
        if estimates._distance(fig, span, bounds) is not None:
            assert span in near


def test_negation_is_still_read_next_to_the_phrase_in_an_endless_sentence() -> None:
    plain = "we shard by key with replicas for reads " * 600  # no "cache" in it
    text = plain + " we will not use a cache here " + plain[:2000] + " we use a cache there"
    hits = [h for h in find_phrases(text, ["cache"]) if h.start > 19_000]
    assert [h.negated for h in hits][-2:] == [True, False]
