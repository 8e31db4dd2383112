"""`interview run`: play a whole interview headless from a file of answers (or resume one).

The answers file holds one candidate turn per block, blocks separated by a line `---`; a
block that is only `/next`, `/end` or `/hint` is that command. Time is virtual: each answer
advances the clock by its length at `--wpm` words a minute, and phases change only at `/next`.

Exit codes: 0 when the run finished or the answers ran out (the session is then left in
progress and the command prints how to resume it; `--json` shows `"status": "in_progress"`),
1 on bad input, 2 on database problems.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import click

from interview import config
from interview.cli.common import (
    db_option,
    echo,
    echo_json,
    fail,
    json_option,
    open_catalog,
    opened_store,
    scenarios_option,
)
from interview.engine import InterviewSession, SessionSetupError, VirtualClock, new_session, resume_session
from interview.engine.answers import AnswersError, board_of, read_answers, remaining_after
from interview.engine.moves import phase_title
from interview.engine.speaking import BREAKER_REASON
from interview.engine.transcript import session_json
from interview.engine.voice import StreamReset
from interview.understanding.diagram_render import describe as board_status


def _number(kind: type, positive: bool = True):  # noqa: ANN202 - a click callback
    """A click callback that reads a number and fails with exit 1 (not click's 2) when bad."""

    def read(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
        if value is None:
            return None
        try:
            number = kind(value)
        except ValueError:
            fail(f"--{param.name.replace('_', '-')} must be a number, got {value!r}")  # type: ignore[union-attr]
        if kind is float and not math.isfinite(number):
            fail(f"--{param.name.replace('_', '-')} must be a finite number, got {value!r}")  # type: ignore[union-attr]
        if positive and number <= 0:
            fail(f"--{param.name.replace('_', '-')} must be positive, got {value!r}")  # type: ignore[union-attr]
        return number

    return read


class Printer:
    """Prints the conversation as it happens (nothing at all with --json)."""

    def __init__(self, session: InterviewSession, quiet: bool) -> None:
        self.session = session
        self.quiet = quiet
        self.seen = len(session.events)
        self.interviewer = session.persona.name.split()[0]

    def echo(self, text: str = "", nl: bool = True) -> None:
        if not self.quiet:  # the model's words and the answers file: shown, never obeyed
            echo(text, nl=nl)

    def catch_up(self) -> None:
        """Print phase headers for phase changes recorded since the last look."""
        for event in self.session.events[self.seen :]:
            if event.kind == "phase":
                phase = self.session.scenario.phase(event.phase)
                minutes = f" · {phase.minutes:g} min" if phase else ""
                self.echo(f"\n== {phase_title(event.phase)}{minutes} ==")
        self.seen = len(self.session.events)

    def header(self) -> None:
        phase = self.session.phase
        self.echo(f"== {phase_title(phase.id)} · {phase.minutes:g} min ==")

    async def interviewer_turn(self, chunks: AsyncIterator[str | StreamReset]) -> None:
        started = reset = False
        async for chunk in chunks:
            if not started:
                self.catch_up()
                self.echo(f"\n{self.interviewer}: ", nl=False)
                started = True
            if isinstance(chunk, StreamReset):
                reason = getattr(self.session.model_voice, "last_failure", None)
                why = f" ({reason})" if reason else ""
                self.echo(f"\n  [the model's reply broke off{why}; the offline interviewer answers instead]")
                self.echo(f"{self.interviewer}: ", nl=False)
                reset = True
                continue
            self.echo(chunk, nl=False)
        if started:
            self.echo()
        said = [e for e in self.session.events[self.seen :] if e.role == "interviewer"]
        self.catch_up()
        for event in said:
            # Said once per failed turn (a reply that broke off has said so already); turns
            # skipped while the model is paused are told once, in the notice below.
            if event.fallback and event.fallback != BREAKER_REASON and not reset:
                self.echo(f"  [{event.fallback_note}]")
        for notice in self.session.pop_notices():
            echo(f"note: {notice}", err=True)

    def candidate_turn(self, text: str) -> None:
        self.echo(f"\nYou: {text}")


async def play(session: InterviewSession, answers: list[str], printer: Printer, *, fresh: bool) -> int:
    """Run the interview over the answers; returns how many answers were used."""
    if fresh or session.awaiting_reply:
        await printer.interviewer_turn(session.opening())
    used = 0
    for answer in answers:
        if session.finished:
            break
        board = board_of(answer)
        if board is not None:  # `/board`: redraw the whiteboard, no turn
            session.save_whiteboard(board)
            printer.echo(f"\n[whiteboard: {board_status(board)}]")
            used += 1
            continue
        printer.candidate_turn(answer)
        await printer.interviewer_turn(session.send(answer))
        used += 1
    return used


async def _score(session: InterviewSession, settings: config.Settings) -> Any:
    """Score a finished session when the scorer is installed; None otherwise."""
    try:
        from interview.scoring import score_session  # type: ignore[attr-defined]
    except ImportError:
        return None
    return await score_session(
        session.record, session.events, model=settings.model, api_base=settings.api_base
    )


def register(main: click.Group) -> None:
    """Attach `run` to the top-level CLI."""
    main.add_command(run)


def answers_option(func: Callable) -> Callable:
    return click.option(
        "--answers",
        "answers_path",
        type=click.Path(path_type=Path),
        metavar="FILE",
        help="File of candidate turns.",
    )(func)


def model_options(func: Callable) -> Callable:
    """--model, --api-base and --timeout (shared by `run` and the drills)."""
    func = click.option(
        "--timeout",
        default=None,
        metavar="SECONDS",
        callback=_number(float),
        help="Model timeout in seconds (30).",
    )(func)
    func = click.option(
        "--api-base", default=None, metavar="URL", help="Base URL of an OpenAI-compatible server."
    )(func)
    return click.option(
        "--model", default=None, metavar="MODEL", help="litellm model string (default: offline interviewer)."
    )(func)


def level_option(func: Callable) -> Callable:
    return click.option(
        "--level", default=None, metavar="LEVEL", help="mid, senior or staff (default: the scenario's)."
    )(func)


def seed_option(func: Callable) -> Callable:
    return click.option(
        "--seed", default=None, metavar="N", callback=_number(int, positive=False), help="Phrasing seed."
    )(func)


def wpm_option(func: Callable) -> Callable:
    return click.option(
        "--wpm",
        default=None,
        metavar="N",
        callback=_number(float),
        help="Answer speed in words a minute (60).",
    )(func)


@click.command("run")
@click.argument("scenario_id", metavar="[SCENARIO]", required=False)
@answers_option
@click.option(
    "--resume",
    "resume_id",
    default=None,
    metavar="ID",
    help="Continue an in-progress session (id or prefix).",
)
@scenarios_option
@model_options
@click.option(
    "--persona", default=None, metavar="ID", help="Interviewer persona id (default: the scenario's)."
)
@level_option
@seed_option
@wpm_option
@json_option
@db_option
def run(
    scenario_id: str | None,
    answers_path: Path | None,
    resume_id: str | None,
    scenario_dirs: tuple[Path, ...],
    model: str | None,
    api_base: str | None,
    timeout: float | None,
    persona: str | None,
    level: str | None,
    seed: int | None,
    wpm: float | None,
    as_json: bool,
    db_path: Path | None,
) -> None:
    """Play a whole interview from a file of answers, headless.

    FILE holds one candidate turn per block, blocks separated by a line containing only
    `---`; a block that is only /next, /end or /hint is that command. Time is virtual: each
    answer takes its length at --wpm words a minute, and phases change only at /next (time
    nudges and overtime are still recorded). The run ends at /end or five minutes past time.

    If the answers run out first, the session stays in progress (exit 0) and can be continued
    with --resume ID; giving the same answers file again skips the turns already recorded.
    Settings default from $XDG_CONFIG_HOME/interview/config.toml, INTERVIEW_MODEL and
    INTERVIEW_API_BASE; with no model the offline interviewer runs (no network).
    """
    if scenario_id and resume_id:
        fail("give either a SCENARIO or --resume ID, not both")
    if not scenario_id and not resume_id:
        fail("give the SCENARIO to run (see `interview scenarios list`), or --resume ID")
    if resume_id and (persona or level or seed is not None or scenario_dirs):
        fail("--persona, --level, --seed and --scenarios start a new run; a resumed session keeps its own")
    if answers_path is None:
        fail("--answers FILE is required: one candidate turn per block, blocks separated by '---'")
    try:
        answers = read_answers(answers_path)
        settings = config.resolve(
            model=model, api_base=api_base, timeout=timeout, persona=persona, level=level, wpm=wpm
        )
    except (AnswersError, config.ConfigError) as exc:
        fail(str(exc))
    if resume_id is None:
        catalog = open_catalog(scenario_dirs)
        if scenario_id not in catalog.scenarios:
            fail(catalog.unknown_message("scenario", scenario_id or "", catalog.scenarios))
    with opened_store(db_path) as store:
        try:
            if resume_id is None:
                session = new_session(
                    catalog,
                    scenario_id or "",
                    persona=settings.persona,
                    level=settings.level,
                    model=settings.model,
                    api_base=settings.api_base,
                    timeout=settings.timeout,
                    seed=seed,
                    clock=VirtualClock(),
                    store=store,
                    wpm=settings.wpm,
                    voice_options=settings.voice_options(),
                )
            else:
                chosen: dict[str, Any] = {}
                if model is not None:
                    chosen = {"model": settings.model, "api_base": settings.api_base}
                session = resume_session(
                    store,
                    resume_id,
                    timeout=settings.timeout,
                    clock=VirtualClock(),
                    voice_options=settings.voice_options(),
                    **chosen,
                )
                given = [e.text for e in session.events if e.role == "candidate"]
                answers = remaining_after(answers, given)
                if wpm is not None:
                    session.record.wpm = settings.wpm
                    store.update_session(session.record.id, wpm=settings.wpm)
        except SessionSetupError as exc:
            fail(str(exc))
        printer = Printer(session, quiet=as_json)
        try:  # from here on the session exists: ctrl+c always says how to continue it
            if resume_id is None:
                printer.header()
            elif session.finished:  # its end was stored but not its status (stopped in between)
                click.echo(f"Session {session.record.id[:12]} had ended; finishing it.", err=True)
            else:
                click.echo(
                    f"Resuming session {session.record.id[:12]} in {phase_title(session.phase_id)} "
                    f"({len(answers)} answer(s) to go).",
                    err=True,
                )
            used = asyncio.run(play(session, answers, printer, fresh=resume_id is None))
        except KeyboardInterrupt:
            short = session.record.id[:12]
            click.echo(
                f"\ninterrupted; session {short} is still in progress. "
                f"Continue it with: interview run --resume {short} --answers FILE",
                err=True,
            )
            raise SystemExit(130) from None
        unused = len(answers) - used
        report = None
        if session.finished and session.record.status == "completed":
            try:
                report = asyncio.run(_score(session, settings))
            except Exception as exc:  # the interview is saved; a scoring bug must not hide it
                echo(f"note: scoring failed ({type(exc).__name__}: {exc}); try `interview rescore`", err=True)
            if report is not None:
                store.save_report(session.record.id, report)
        _finish(session, unused, report, as_json)


def show_result(record: Any, events: list[Any], report: Any, as_json: bool, **extra: Any) -> None:
    """The session JSON object (with --json), else the printed report when there is one."""
    if as_json:
        echo_json(session_json(record, events, report, **extra))
    elif report is not None:
        from interview.cli.score_cmds import print_report  # rich rendering, only when printing

        click.echo()
        print_report(report, record)


def _finish(session: InterviewSession, unused: int, report: Any, as_json: bool) -> None:
    """Say how the run ended (and print the JSON object with --json)."""
    record = session.record
    extra = {"unused_answers": unused} if unused else {}
    show_result(record, session.events, report, as_json, **extra)
    short = record.id[:12]
    if not session.finished:
        click.echo(
            f"The answers ran out before the interview ended; session {short} is still in progress. "
            f"Continue it with: interview run --resume {short} --answers FILE",
            err=True,
        )
        return
    minutes = record.elapsed_s / 60.0
    click.echo(f"Interview {record.status} after {minutes:.1f} min (session {short}).", err=True)
    if unused:
        click.echo(f"{unused} answer(s) were not used: the interview ended first.", err=True)
