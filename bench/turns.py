"""Per-turn latency of the interviewer: offline, and the LLM path against a local stub server.

Run:  .venv/bin/python bench/turns.py [--turns 60] [--llm-turns 30]

Offline: p50/p99 of one candidate turn (record the answer, plan, phrase, record the reply)
over a 60-turn url-shortener session, without a store and with a SQLite store (every event
committed). Target: p99 under 20 ms.

LLM: a session with `--model openai/reader` (the stub's well-behaved interviewer, which also
sends its reading of each answer) against the local OpenAI-compatible stub server. A model
reply is buffered and checked before it is shown, so the turn's text comes out when the stream
has ended; our overhead per model turn is the time before litellm is called (read the answer,
plan, state, offered moves, prompt) plus the time after its stream ends (parse the reply, check
and merge its reading, guard it, record the move). Target: p99 under 5 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("LITELLM_MODE", "PRODUCTION")

from interview.catalog import load_catalog  # noqa: E402
from interview.engine import VirtualClock, new_session  # noqa: E402
from interview.engine.answers import read_answers  # noqa: E402

ANSWERS = read_answers(ROOT / "tests" / "fixtures" / "runs" / "url-shortener.txt")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def script(turns: int) -> list[str]:
    """`turns` candidate turns: the fixture's answers without /end, repeated, /next spread out."""
    body = [a for a in ANSWERS if a != "/end"]
    out: list[str] = []
    while len(out) < turns:
        out.extend(body)
    return out[:turns]


async def offline_turns(turns: int, store_dir: Path | None) -> list[float]:
    store = None
    if store_dir is not None:
        from interview.store import Store

        store = Store(store_dir / "bench.db")
    session = new_session(load_catalog(), "url-shortener", seed=1, clock=VirtualClock(), store=store)
    async for _ in session.opening():
        pass
    times: list[float] = []
    for answer in script(turns):
        if session.finished:
            break
        start = time.perf_counter()
        async for _ in session.send(answer):
            pass
        times.append((time.perf_counter() - start) * 1000)
    if store is not None:
        store.close()
    return times


class InstantVoice:
    """A model that answers at once with move 1's draft (tagged form), after building the real prompt.

    With it, a turn's whole time is ours: reading the answer, planning, the state and offered
    moves, the prompt, parsing and guarding the reply, recording the move.
    """

    name = "bench/instant"
    word_limit = 120

    def available(self) -> bool:
        return True

    spent = 0.0  # seconds in the model-only steps this turn (see `model_path_turns`)

    async def speak(self, ctx):  # noqa: ANN001, ANN201
        from interview.engine.prompts import build_messages

        start = time.perf_counter()
        build_messages(ctx)
        InstantVoice.spent += time.perf_counter() - start
        reading = ""
        if ctx.reading is not None:  # a reading to validate and merge, as a reading model sends
            answered = '"yes"' if ctx.reading.question_key else "null"
            reading = f'READING: {{"acts": ["answer"], "asked_fact": null, "answered": {answered}}}\n'
        yield f"MOVE: 1\nASK_FACT: none\n{reading}TEXT: {ctx.offline_text}"

    def pop_notice(self) -> None:
        return None


def _timed(owner: object, name: str) -> None:
    """Add the time spent in owner.name to InstantVoice.spent."""
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            InstantVoice.spent += time.perf_counter() - start

    setattr(owner, name, wrapper)


async def model_path_turns(turns: int) -> tuple[list[float], list[float], int]:
    """Per turn with an instant model: the whole send (all ours), and the model-only steps
    (offered moves, state, context, prompt, parse and guard)."""
    from interview.engine import model_turn, speaking

    if not getattr(InstantVoice, "wrapped", False):
        InstantVoice.wrapped = True  # type: ignore[attr-defined]
        _timed(model_turn, "offers")
        _timed(model_turn, "turn_context")
        _timed(speaking, "_accept")
        _timed(speaking, "_prefix_refused")  # each sentence checked before it is shown
    session = new_session(load_catalog(), "url-shortener", seed=1, clock=VirtualClock())
    session.model_voice = InstantVoice()
    async for _ in session.opening():
        pass
    times: list[float] = []
    model_only: list[float] = []
    refused = 0
    for answer in script(turns):
        if session.finished:
            break
        InstantVoice.spent = 0.0
        start = time.perf_counter()
        async for _ in session.send(answer):
            pass
        times.append((time.perf_counter() - start) * 1000)
        model_only.append(InstantVoice.spent * 1000)
        refused += session.turns()[-1].fallback is not None
    return times, model_only, refused


def report(label: str, times: list[float], target: float | None = None) -> None:
    line = (
        f"{label:<44} n={len(times):>3}  p50={statistics.median(times):7.2f} ms  "
        f"p99={pct(times, 0.99):7.2f} ms  max={max(times):7.2f} ms"
    )
    if target is not None:
        line += f"  (target p99 < {target:g} ms: {'ok' if pct(times, 0.99) < target else 'MISSED'})"
    print(line)


async def raw_ttfb(base_url: str, n: int) -> list[float]:
    """The server's own time to first streamed byte, over plain HTTP (aiohttp)."""
    import aiohttp

    body = {"model": "ok", "stream": True, "messages": [{"role": "user", "content": "hi"}]}
    times: list[float] = []
    async with aiohttp.ClientSession() as http:
        for _ in range(n):
            start = time.perf_counter()
            async with http.post(f"{base_url}/chat/completions", data=json.dumps(body)) as resp:
                async for line in resp.content:
                    if line.startswith(b"data:") and b"content" in line:
                        times.append((time.perf_counter() - start) * 1000)
                        break
                await resp.read()
    return times


async def litellm_ttfb(base_url: str, n: int) -> list[float]:
    """litellm's own time to first text on a small request (read to the end, like the voice)."""
    from interview.llm_env import import_litellm

    litellm = import_litellm()
    times: list[float] = []
    for _ in range(n):
        start = time.perf_counter()
        resp = await litellm.acompletion(
            model="openai/ok",
            api_base=base_url,
            api_key="dummy",
            messages=[{"role": "user", "content": "hi"}],
            stream=True,
            timeout=30,
            max_retries=0,
        )
        first = None
        async for chunk in resp:
            if first is None and chunk.choices[0].delta.content:
                first = (time.perf_counter() - start) * 1000
        if first is not None:
            times.append(first)
    return times


class Stopwatch:
    """Wraps litellm.acompletion to see when our code hands over and when litellm hands back."""

    def __init__(self, litellm) -> None:  # noqa: ANN001
        self.litellm = litellm
        self.original = litellm.acompletion
        self.called_at: float | None = None
        self.first_text_at: float | None = None
        self.done_at: float | None = None

    async def acompletion(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        self.called_at = time.perf_counter()
        stream = await self.original(*args, **kwargs)
        watch = self

        class Timed:
            def __aiter__(self):  # noqa: ANN204
                self.inner = stream.__aiter__()
                return self

            async def __anext__(self):  # noqa: ANN204
                try:
                    chunk = await self.inner.__anext__()
                except StopAsyncIteration:
                    watch.done_at = time.perf_counter()
                    raise
                if watch.first_text_at is None and chunk.choices and chunk.choices[0].delta.content:
                    watch.first_text_at = time.perf_counter()
                return chunk

            async def aclose(self) -> None:
                await stream.aclose()

        return Timed()

    def __enter__(self) -> Stopwatch:
        self.litellm.acompletion = self.acompletion
        return self

    def __exit__(self, *exc: object) -> None:
        self.litellm.acompletion = self.original


async def session_ttfb(base_url: str, n: int) -> tuple[list[float], list[float], list[float]]:
    """Per turn: text out of session.send; time inside litellm (call to stream end); time in our code."""
    from interview.llm_env import import_litellm

    litellm = import_litellm()
    session = new_session(
        load_catalog(),
        "url-shortener",
        seed=1,
        clock=VirtualClock(),
        model="openai/reader",
        api_base=base_url,
    )
    async for _ in session.opening():
        pass
    total: list[float] = []
    inside: list[float] = []
    ours: list[float] = []
    with Stopwatch(litellm) as watch:
        for answer in script(n):
            if session.finished:
                break
            watch.called_at = watch.first_text_at = watch.done_at = None
            start = time.perf_counter()
            first_out = None
            async for _ in session.send(answer):
                if first_out is None:
                    first_out = time.perf_counter()
            end = time.perf_counter()
            if session.turns()[-1].fallback is not None or None in (
                first_out,
                watch.called_at,
                watch.done_at,
            ):
                continue
            assert watch.called_at is not None and watch.done_at is not None
            total.append((end - start) * 1000)
            inside.append((watch.done_at - watch.called_at) * 1000)
            ours.append(((watch.called_at - start) + (end - watch.done_at)) * 1000)
    return total, inside, ours


async def llm_bench(n: int) -> None:
    from tests.support.stub_server import ThreadedStubServer

    with ThreadedStubServer() as server:
        base = server.base_url
        await raw_ttfb(base, 3)  # warm up
        await litellm_ttfb(base, 3)
        raw = await raw_ttfb(base, n)
        lite = await litellm_ttfb(base, n)
        total, inside, ours = await session_ttfb(base, n)
    report("LLM: stub server's own TTFB (raw HTTP)", raw)
    report("LLM: litellm.acompletion TTFB (tiny prompt)", lite)
    if not total:
        print("LLM: every turn fell back; no numbers")
        return
    report("LLM: session.send, whole model turn", total)
    report("LLM: of which inside litellm + server", inside)
    report("LLM: of which ours (plan, state, prompt, guard)", ours, target=5)


async def main() -> None:
    parser = argparse.ArgumentParser(description="interviewer per-turn latency")
    parser.add_argument("--turns", type=int, default=60)
    parser.add_argument("--llm-turns", type=int, default=30)
    parser.add_argument("--no-llm", action="store_true")
    args = parser.parse_args()
    await offline_turns(10, None)  # warm up caches (regexes, pydantic)
    report("offline, no store", await offline_turns(args.turns, None), target=20)
    with tempfile.TemporaryDirectory() as tmp:
        report("offline, SQLite store (each event committed)", await offline_turns(args.turns, Path(tmp)), 20)
    await model_path_turns(10)
    model_times, model_only, refused = await model_path_turns(args.turns)
    report("model path, instant model: whole turn (ours)", model_times)
    report("model path: model-only steps (state, prompt, guard)", model_only, target=5)
    if refused:
        print(f"  ({refused} instant replies were refused by the guard)")
    if not args.no_llm:
        await llm_bench(args.llm_turns)


if __name__ == "__main__":
    asyncio.run(main())
