"""`interview scenarios|rubrics|personas ...`: list, show, validate, and write new scenarios."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click

from interview import paths
from interview.catalog import LEVELS, PHASE_TITLES, Catalog, Entry, Scenario, validate_paths
from interview.catalog.browse import Query, all_tags, matches
from interview.catalog.template import default_title, scenario_template
from interview.cli.common import echo, echo_json, fail, json_option, open_catalog, scenarios_option


def _source_label(entry: Entry) -> str:
    label = entry.source
    if entry.overrides:
        replaced = entry.overrides[-1].split(" ", 1)[0]
        label += f" (overrides {replaced})"
    return label


def _tags(entry: Entry[Scenario]) -> str:
    return ", ".join(entry.model.tags)


def _table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]

    def fmt(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([fmt(headers), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows)])


def _print_problems_of_kind(catalog: Catalog, kind: str) -> None:
    for path, problems in catalog.broken.items():
        if catalog.broken_kinds.get(path) == kind:
            echo(f"  broken: {problems[0]}", err=True)


def scenario_brief(entry: Entry[Scenario]) -> dict:
    """What a candidate may see of a scenario: never facts, estimates or concepts."""
    s = entry.model
    return {
        "id": s.id,
        "title": s.title,
        "level": s.level,
        "minutes": s.minutes,
        "rubric": s.rubric,
        "persona": s.persona,
        "summary": s.brief,
        "prompt": s.prompt.strip(),
        "phases": [{"id": p.id, "title": PHASE_TITLES[p.id], "minutes": p.minutes} for p in s.phases],
        "source": entry.source,
        "path": str(entry.path),
        "overrides": entry.overrides,
    }


def register(main: click.Group) -> None:
    """Attach the catalog command groups to the top-level CLI."""
    main.add_command(scenarios)
    main.add_command(rubrics)
    main.add_command(personas)


# --------------------------------------------------------------------------- scenarios


@click.group()
def scenarios() -> None:
    """Browse, check and write interview scenarios."""


@scenarios.command("list")
@click.option("--tag", "tags", multiple=True, help="Only scenarios with this tag (repeat: all of them).")
@click.option("--level", type=click.Choice(LEVELS), help="Only scenarios of this level.")
@click.option("--search", default="", help="Only scenarios whose title, tags or brief say every word.")
@json_option
@scenarios_option
def scenarios_list(
    tags: tuple[str, ...], level: str | None, search: str, as_json: bool, scenario_dirs: tuple[Path, ...]
) -> None:
    """List scenarios: id, title, level, minutes, tags, and where each came from."""
    catalog = open_catalog(scenario_dirs)
    query = Query(tuple(t.lower() for t in tags), level, tuple(search.lower().split()))
    entries = [e for e in sorted(catalog.scenarios.values(), key=lambda e: e.id) if matches(e.model, query)]
    if not entries and not query.empty and not as_json:
        known = ", ".join(all_tags(e.model for e in catalog.scenarios.values()))
        echo(f"No scenario matches. Tags in use: {known or 'none'}.", err=True)
        return
    if as_json:
        echo_json(
            [
                {
                    "id": e.id,
                    "title": e.model.title,
                    "level": e.model.level,
                    "minutes": e.model.minutes,
                    "tags": list(e.model.tags),
                    "source": e.source,
                    "path": str(e.path),
                    "overrides": e.overrides,
                }
                for e in entries
            ]
        )
        return
    rows = [
        [e.id, e.model.title, e.model.level, f"{e.model.minutes:g}", _source_label(e), _tags(e)]
        for e in entries
    ]
    echo(_table(rows, ["ID", "TITLE", "LEVEL", "MIN", "SOURCE", "TAGS"]))


@scenarios.command("show")
@click.argument("scenario_id")
@json_option
@scenarios_option
def scenarios_show(scenario_id: str, as_json: bool, scenario_dirs: tuple[Path, ...]) -> None:
    """Show the brief a candidate sees: the prompt and the timed phases."""
    catalog = open_catalog(scenario_dirs)
    entry = catalog.scenarios.get(scenario_id)
    if entry is None:
        fail(catalog.unknown_message("scenario", scenario_id, catalog.scenarios))
    brief = scenario_brief(entry)
    if as_json:
        echo_json(brief)
        return
    echo(f"{brief['title']}  ({brief['id']})")
    echo(
        f"Level: {brief['level']} · {brief['minutes']:g} minutes · "
        f"interviewer: {brief['persona']} · source: {_source_label(entry)}"
    )
    echo("")
    echo(brief["prompt"])
    echo("")
    echo("Phases")
    for i, phase in enumerate(brief["phases"], 1):
        echo(f"  {i}. {phase['title']:<20} {phase['minutes']:>4g} min")


def _validate(kind: str, targets: tuple[Path, ...], scenario_dirs: tuple[Path, ...]) -> None:
    catalog = open_catalog(scenario_dirs, quiet=True)
    count, problems = validate_paths(kind, targets, catalog)
    for problem in problems:
        echo(str(problem))
    if problems:
        bad = len({p.path for p in problems})
        echo(f"{bad} of {count or len(targets)} file(s) invalid; {len(problems)} problem(s)", err=True)
        raise SystemExit(1)
    echo(f"ok: {count} file(s) valid", err=True)


@scenarios.command("validate")
@click.argument("targets", nargs=-1, required=True, type=click.Path(path_type=Path))
@scenarios_option
def scenarios_validate(targets: tuple[Path, ...], scenario_dirs: tuple[Path, ...]) -> None:
    """Check scenario files; print `PATH:LINE:COL: field: message` per problem."""
    _validate("scenarios", targets, scenario_dirs)


@scenarios.command("lint")
@click.argument("targets", nargs=-1, type=click.Path(path_type=Path))
@json_option
@scenarios_option
def scenarios_lint(targets: tuple[Path, ...], as_json: bool, scenario_dirs: tuple[Path, ...]) -> None:
    """Warn about content that validates but misleads the interviewer (all scenarios by default).

    Prints `PATH:LINE:COL: field: message` per warning; exits 1 when there are any.
    """
    from interview.catalog.lint import lint_paths  # lazily: it imports the engine's matcher

    catalog = open_catalog(scenario_dirs, quiet=True)
    count, warnings = lint_paths(targets, catalog)
    if as_json:
        echo_json(
            [
                {"path": w.path, "line": w.line, "col": w.col, "field": w.field, "message": w.message}
                for w in warnings
            ]
        )
    else:
        for warning in warnings:
            click.echo(str(warning))
    if warnings:
        files = len({w.path for w in warnings})
        click.echo(f"{len(warnings)} warning(s) in {files} of {count} file(s)", err=True)
        raise SystemExit(1)
    click.echo(f"ok: {count} file(s) lint clean", err=True)


def _safe_id(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
        fail(f"scenario id {value!r} must be kebab-case: lowercase letters, digits and dashes")
    return value


@scenarios.command("new")
@click.argument("scenario_id")
@click.option("--from", "from_id", default=None, help="Copy an existing scenario instead of the template.")
@click.option("--title", default=None, help="The new scenario's title (asked for when not given).")
@click.option(
    "--dir",
    "target_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write it (default: your scenarios folder in $XDG_CONFIG_HOME/interview).",
)
@scenarios_option
def scenarios_new(
    scenario_id: str,
    from_id: str | None,
    title: str | None,
    target_dir: Path | None,
    scenario_dirs: tuple[Path, ...],
) -> None:
    """Write a commented scenario template (or a copy of FROM) that validates as written."""
    _safe_id(scenario_id)
    if title is None:
        title = default_title(scenario_id)
        if sys.stdin.isatty():
            title = click.prompt("Title", default=title)
    if not title.strip():
        fail("the title must not be empty")
    catalog = open_catalog(scenario_dirs, quiet=True)
    directory = target_dir or paths.user_dir("scenarios")
    target = directory / f"{scenario_id}.yaml"
    if target.exists():
        fail(f"{target} already exists; pick another id or edit that file")
    if from_id is not None:
        source = catalog.scenarios.get(from_id)
        if source is None:
            fail(catalog.unknown_message("scenario", from_id, catalog.scenarios))
        text = source.path.read_text(encoding="utf-8")
        text, n = re.subn(r"(?m)^id:\s*.*$", f"id: {scenario_id}", text, count=1)
        if n == 0:
            text = f"id: {scenario_id}\n" + text
        text = re.sub(r"(?m)^title:.*$", f"title: {json.dumps(title, ensure_ascii=False)}", text, count=1)
        text = f"# Copied from {from_id} ({source.path}).\n" + text
    else:
        text = scenario_template(scenario_id, title=title)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"cannot write {target}: {exc.strerror or exc}")
    echo(str(target))
    echo(f"Edit it, then check it with: interview scenarios validate {target}", err=True)


# --------------------------------------------------------------------------- rubrics / personas


@click.group()
def rubrics() -> None:
    """Browse and check grading rubrics."""


@rubrics.command("list")
@json_option
@scenarios_option
def rubrics_list(as_json: bool, scenario_dirs: tuple[Path, ...]) -> None:
    """List rubrics: id, name, criteria, and where each came from."""
    catalog = open_catalog(scenario_dirs)
    entries = sorted(catalog.rubrics.values(), key=lambda e: e.id)
    if as_json:
        echo_json(
            [
                {
                    "id": e.id,
                    "name": e.model.name,
                    "criteria": [{"id": c.id, "name": c.name, "weight": c.weight} for c in e.model.criteria],
                    "source": e.source,
                    "path": str(e.path),
                    "overrides": e.overrides,
                }
                for e in entries
            ]
        )
        return
    rows = [
        [e.id, e.model.name, ", ".join(c.id for c in e.model.criteria), _source_label(e)] for e in entries
    ]
    echo(_table(rows, ["ID", "NAME", "CRITERIA", "SOURCE"]))


@rubrics.command("validate")
@click.argument("targets", nargs=-1, required=True, type=click.Path(path_type=Path))
@scenarios_option
def rubrics_validate(targets: tuple[Path, ...], scenario_dirs: tuple[Path, ...]) -> None:
    """Check rubric files; print `PATH:LINE:COL: field: message` per problem."""
    _validate("rubrics", targets, scenario_dirs)


@click.group()
def personas() -> None:
    """Browse and check interviewer personas."""


@personas.command("list")
@json_option
@scenarios_option
def personas_list(as_json: bool, scenario_dirs: tuple[Path, ...]) -> None:
    """List interviewer personas: id, name, title, and where each came from."""
    catalog = open_catalog(scenario_dirs)
    entries = sorted(catalog.personas.values(), key=lambda e: e.id)
    if as_json:
        echo_json(
            [
                {
                    "id": e.id,
                    "name": e.model.name,
                    "title": e.model.title,
                    "description": e.model.description,
                    "priorities": e.model.priorities,
                    "source": e.source,
                    "path": str(e.path),
                    "overrides": e.overrides,
                }
                for e in entries
            ]
        )
        return
    rows = [[e.id, e.model.name, e.model.title, _source_label(e)] for e in entries]
    echo(_table(rows, ["ID", "NAME", "TITLE", "SOURCE"]))


@personas.command("validate")
@click.argument("targets", nargs=-1, required=True, type=click.Path(path_type=Path))
@scenarios_option
def personas_validate(targets: tuple[Path, ...], scenario_dirs: tuple[Path, ...]) -> None:
    """Check persona files; print `PATH:LINE:COL: field: message` per problem."""
    _validate("personas", targets, scenario_dirs)
