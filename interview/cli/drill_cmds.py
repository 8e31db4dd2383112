"""`interview drill estimation|criterion|redo` and `interview progress`: practice aimed at a weakness.

Drills take the same options as `run` (its decorators): `--answers FILE` plays one headless
(virtual time, like `run`); without it the app opens on the drill. Exit codes as `run`:
0 done or answers ran out (resume with `--resume ID`), 1 bad input, 2 database problems.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from interview.cli.run_cmds import answers_option, level_option, model_options, seed_option, wpm_option

if TYPE_CHECKING:
    from interview.catalog import Catalog
    from interview.drills.plan import DrillSpec
    from interview.drills.session import DrillSession


def register(main: click.Group) -> None:
    """Attach `drill` and `progress` to the top-level CLI."""
    main.add_command(drill)
    main.add_command(progress_cmd)


def _resume_option(func: Any) -> Any:
    return click.option(
        "--resume",
        "resume_id",
        default=None,
        metavar="ID",
        help="Continue a drill in progress (id or prefix).",
    )(func)


def drill_options(func: Any) -> Any:
    """The options every drill takes: those of `run` (shared decorators) plus --resume."""
    for option in (
        db_option,
        json_option,
        wpm_option,
        seed_option,
        level_option,
        model_options,
        scenarios_option,
        _resume_option,
        answers_option,
    ):
        func = option(func)
    return func


@click.group("drill")
def drill() -> None:
    """Short practice on one weakness: estimation, one criterion, or one question redone."""


def _scenarios(catalog: Catalog) -> list[Any]:
    return [catalog.scenario(sid) for sid in sorted(catalog.scenarios)]


def _rubric_criteria(catalog: Catalog) -> dict[str, str]:
    """Criterion id -> name over the catalog's rubrics."""
    out: dict[str, str] = {}
    for rid in sorted(catalog.rubrics):
        for c in catalog.rubric(rid).criteria:
            out.setdefault(c.id, c.name)
    return out


def _criterion_id(name: str, catalog: Catalog) -> str:
    """A criterion id from its id or name, any case ("Reliability", "trade-offs")."""
    known = _rubric_criteria(catalog)
    wanted = name.strip().lower().replace("-", "_").replace(" ", "_")
    for cid, cname in known.items():
        if wanted in (cid, cname.lower().replace("-", "_").replace(" ", "_")):
            return cid
    fail(f"unknown criterion {name!r}; choose one of {', '.join(known)}")


@drill.command("estimation")
@click.argument("scenario_id", metavar="[SCENARIO]", required=False)
@drill_options
def estimation(scenario_id: str | None, **options: Any) -> None:
    """Five minutes of back-of-envelope questions: the inputs given, a result asked, each checked.

    SCENARIO defaults to the one with the most estimates. Each answer's working and result are
    checked (the broken step pointed at), with a running tally; the derivations come at the end.
    """
    from interview.drills.plan import DrillSpec

    _drill(DrillSpec(kind="drill_estimation", criterion="estimation"), scenario_id, **options)


@drill.command("criterion")
@click.argument("name", metavar="[NAME]", required=False)
@click.option(
    "--scenario",
    "scenario_id",
    default=None,
    metavar="ID",
    help="Scenario (default: where NAME weighs most).",
)
@drill_options
def criterion(name: str | None, scenario_id: str | None, **options: Any) -> None:
    """10-15 minutes on one rubric criterion, scored on it alone.

    NAME defaults to your weakest criterion over the last sessions (see `interview progress`).
    reliability: failure probes, single points of failure, dead-letter handling; trade_offs:
    "compare two options in a table"; any other: the probes of its concepts.
    """
    from interview.drills.plan import criterion_spec

    if options["resume_id"]:
        _drill(None, None, **options)
        return
    catalog = open_catalog(options["scenario_dirs"])
    if name is None:
        name = _weakest(catalog, options["db_path"])
    _drill(criterion_spec(_criterion_id(name, catalog)), scenario_id, catalog=catalog, **options)


@drill.command("redo")
@click.argument("session_id", metavar="ID")
@click.option(
    "--item", default=1, type=click.IntRange(min=1), metavar="N", help="Improvement item of the report (1)."
)
@drill_options
def redo(session_id: str, item: int, **options: Any) -> None:
    """A 5-minute redo of one improvement item of a graded session's report."""
    from interview.catalog.models import Scenario
    from interview.drills.plan import redo_spec

    if options["resume_id"]:
        fail("give either a session ID to redo or --resume ID, not both")
    with opened_store(options["db_path"]) as store:
        record = store.get_session(session_id)
        report = store.latest_report(record.id)
    if report is None:
        fail(
            f"session {record.id[:12]} has no report yet; score it with `interview rescore {record.id[:12]}`"
        )
    items = report.feedback.improvements
    if not items:
        fail(f"the report of session {record.id[:12]} has no improvement items to redo")
    if item > len(items):
        fail(f"--item must be 1 to {len(items)}; the report has {len(items)} improvement item(s)")
    spec = redo_spec(items[item - 1], Scenario.model_validate(record.scenario))
    _drill(spec, record.scenario_id, **options)


def _weakest(catalog: Catalog, db_path: Path | None) -> str:
    from interview.drills.progress import progress, weakest

    with opened_store(db_path) as store:
        points = store.criterion_history()
    found = weakest(progress(points, catalog.rubric(_rubric_id(catalog)), []).criteria)
    if found is None:
        fail("no graded sessions yet to find your weakest criterion; name one (e.g. reliability)")
    return found.id


def _drill(
    spec: DrillSpec | None,
    scenario_id: str | None,
    *,
    answers_path: Path | None,
    resume_id: str | None,
    scenario_dirs: tuple[Path, ...],
    model: str | None,
    api_base: str | None,
    timeout: float | None,
    level: str | None,
    seed: int | None,
    wpm: float | None,
    as_json: bool,
    db_path: Path | None,
    catalog: Catalog | None = None,
) -> None:
    """Start (or resume) a drill and play it from the answers file, or open it in the app."""
    from interview.drills.session import DrillError, resume_drill, start_drill
    from interview.engine.answers import AnswersError, read_answers, remaining_after
    from interview.engine.clock import VirtualClock

    if resume_id and (scenario_id or level or seed is not None):
        fail("--resume continues a drill as it was started; give no scenario, --level or --seed")
    try:
        settings = config.resolve(model=model, api_base=api_base, timeout=timeout, level=level, wpm=wpm)
    except config.ConfigError as exc:
        fail(str(exc))
    if answers_path is None:
        if resume_id is None and spec is not None:
            catalog = catalog or open_catalog(scenario_dirs)
            scenario_id = scenario_id or _default_scenario(catalog, spec)
            _open_app(spec, scenario_id, scenario_dirs, db_path, settings)
            return
        fail("--answers FILE is required with --resume: one answer per block, blocks separated by '---'")
    try:
        answers = read_answers(answers_path)
    except AnswersError as exc:
        fail(str(exc))
    with opened_store(db_path) as store:
        try:
            if resume_id is not None:
                session = resume_drill(store, resume_id, clock=VirtualClock())
                given = [e.text for e in session.events if e.role == "candidate"]
                answers = remaining_after(answers, given)
            else:
                assert spec is not None
                catalog = catalog or open_catalog(scenario_dirs)
                scenario_id = scenario_id or _default_scenario(catalog, spec)
                if scenario_id not in catalog.scenarios:
                    fail(catalog.unknown_message("scenario", scenario_id, catalog.scenarios))
                session = start_drill(
                    catalog,
                    scenario_id,
                    spec,
                    level=settings.level,
                    model=settings.model,
                    seed=seed,
                    clock=VirtualClock(),
                    store=store,
                    wpm=settings.wpm,
                )
        except DrillError as exc:
            fail(str(exc))
        try:
            used = _play(session, answers, quiet=as_json)
        except KeyboardInterrupt:
            short = session.record.id[:12]
            click.echo(
                f"\ninterrupted; drill {short} is still in progress. Continue it with: "
                f"interview drill {_sub(session)} --resume {short} --answers FILE",
                err=True,
            )
            raise SystemExit(130) from None
        report = None
        if session.finished and session.record.status == "completed":
            report = _score(session, settings)
            store.save_report(session.record.id, report)
        _finish(session, report, len(answers) - used, as_json)


def _default_scenario(catalog: Catalog, spec: DrillSpec) -> str:
    from interview.drills.plan import scenario_for

    where = scenario_for(_scenarios(catalog), spec.criterion)
    if where is None:
        fail(f"no scenario in the catalog has questions for {spec.criterion}")
    return where.id


def _play(session: DrillSession, answers: list[str], *, quiet: bool) -> int:
    say = (lambda text: None) if quiet else (lambda text: echo(text))
    opening = session.opening()
    if opening:
        say(f"\n{session.title} · {session.scenario.title}\n\nInterviewer: {opening}")
    used = 0
    for answer in answers:
        if session.finished:
            break
        say(f"\nYou: {answer}")
        reply = session.send(answer)
        say(f"\nInterviewer: {reply}")
        used += 1
    return used


def _score(session: DrillSession, settings: config.Settings) -> Any:
    """The drill's report: the estimation tally, or the scorer on the drill's one criterion."""
    if session.spec.kind == "drill_estimation" or not settings.model:
        return session.score()
    from interview.scoring import score_session

    try:
        report = asyncio.run(
            score_session(session.record, session.events, model=settings.model, api_base=settings.api_base)
        )
        return session.focus(report)
    except Exception:  # the judge failed in a way it did not handle: the offline grade stands
        return session.score()


def drill_json(session: DrillSession) -> dict[str, Any]:
    """The drill part of the session JSON: its plan, each question's check, the tally."""
    right, counted = session.tally()
    questions = []
    for i, question in enumerate(session.questions):
        check = session.checks[i] if i < len(session.checks) else None
        questions.append(
            {
                "key": question.key,
                "question": question.text,
                "estimate": question.estimate,
                "derivation": question.derivation or None,
                "verdict": check.verdict if check else None,
                "said": check.said if check else None,
                "feedback": check.feedback if check else None,
            }
        )
    return {
        "kind": session.spec.kind,
        "criterion": session.spec.criterion,
        "minutes": session.budget_s / 60.0,
        "tally": {"right": right, "counted": counted, "answered": len(session.checks)},
        "questions": questions,
    }


def _finish(session: DrillSession, report: Any, unused: int, as_json: bool) -> None:
    from interview.cli.run_cmds import show_result

    record = session.record
    extra: dict[str, Any] = {"drill": drill_json(session)}
    if unused:
        extra["unused_answers"] = unused
    show_result(record, session.events, report, as_json, **extra)
    short = record.id[:12]
    if not session.finished:
        click.echo(
            f"The answers ran out before the drill ended; drill {short} is still in progress. "
            f"Continue it with: interview drill {_sub(session)} --resume {short} --answers FILE",
            err=True,
        )
        return
    click.echo(f"Drill {record.status} after {record.elapsed_s / 60:.1f} min (session {short}).", err=True)


def _sub(session: DrillSession) -> str:
    return "estimation" if session.spec.kind == "drill_estimation" else "criterion"


def _open_app(
    spec: DrillSpec,
    scenario_id: str,
    scenario_dirs: tuple[Path, ...],
    db_path: Path | None,
    settings: config.Settings,
) -> None:
    from interview.cli.tui_cmds import _run
    from interview.tui.services import StartOptions

    start = StartOptions("drill", scenario_id=scenario_id, level=settings.level, drill=spec.model_dump())  # type: ignore[call-arg]
    _run(start, scenario_dirs, db_path)


@click.command("progress")
@json_option
@db_option
@scenarios_option
def progress_cmd(as_json: bool, db_path: Path | None, scenario_dirs: tuple[Path, ...]) -> None:
    """Each criterion's trend over your graded sessions (drills included) and what to practise next."""
    from interview.drills.progress import progress

    catalog = open_catalog(scenario_dirs, quiet=as_json)
    with opened_store(db_path) as store:
        points = store.criterion_history()
    found = progress(points, catalog.rubric(_rubric_id(catalog)), _scenarios(catalog))
    if as_json:
        echo_json(found.model_dump(mode="json"))
        return
    from interview.cli.session_views import console

    out = console()
    out.print(progress_table(found))


def _rubric_id(catalog: Catalog) -> str:
    """The rubric progress is shown against: the built-in system-design one, else the first."""
    ids = sorted(catalog.rubrics)
    if not ids:
        fail("no rubric in the catalog")
    return "system-design" if "system-design" in ids else ids[0]


def progress_table(found: Any) -> Any:
    """Criteria with their grades over time (1-4, oldest first), trend and the next practice."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold", pad_edge=False)
    for name in ("CRITERION", "GRADES", "LATEST", "MEAN", "TREND", "DRILLS"):
        table.add_column(name, no_wrap=True)
    for c in found.criteria:
        grades = " ".join(str(p.score) for p in c.points[-10:]) or "—"
        table.add_row(
            Text(c.name),
            Text(grades),
            str(c.latest) if c.latest is not None else "—",
            f"{c.recent_mean:.1f}" if c.recent_mean is not None else "—",
            c.trend,
            str(c.drills),
        )
    practice = found.next
    nxt = Text(f"\nNext: {practice.reason}\n  {practice.command}")
    return Group(table, nxt)
