"""The catalog: every scenario, rubric and persona on the search path, cross-checked.

Search order, later overriding earlier by `id`: built-in, the user's config folder, each
directory in `INTERVIEW_SCENARIOS_PATH`, then `--scenarios DIR`. A broken file never stops
the program; it becomes a located problem and the rest of the catalog still works.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from interview import paths
from interview.catalog.loader import Loaded, Problem, load_file
from interview.catalog.models import MODEL_FOR_KIND, Persona, Rubric, Scenario

T = TypeVar("T", bound=BaseModel)

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class SearchDir:
    """One directory on the search path and how to describe where its files came from."""

    source: str  # "built-in", "user", "env", "cli"
    directory: Path


@dataclass
class Entry(Generic[T]):
    """A valid catalog item, where it came from, and what it replaced."""

    model: T
    path: Path
    source: str
    overrides: list[str] = field(default_factory=list)  # "source (path)" of items it replaced
    loaded: Loaded | None = None

    @property
    def id(self) -> str:
        return self.model.id  # type: ignore[attr-defined]


@dataclass
class Catalog:
    """All scenarios, rubrics and personas found, plus the problems of the broken files."""

    scenarios: dict[str, Entry[Scenario]] = field(default_factory=dict)
    rubrics: dict[str, Entry[Rubric]] = field(default_factory=dict)
    personas: dict[str, Entry[Persona]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    broken: dict[str, list[Problem]] = field(default_factory=dict)  # path -> its problems
    broken_kinds: dict[str, str] = field(default_factory=dict)  # path -> kind

    def of_kind(self, kind: str) -> dict[str, Entry]:
        return {"scenarios": self.scenarios, "rubrics": self.rubrics, "personas": self.personas}[kind]

    def scenario(self, scenario_id: str) -> Scenario:
        """The scenario with this id; KeyError with a helpful message when unknown."""
        entry = self.scenarios.get(scenario_id)
        if entry is None:
            raise KeyError(self.unknown_message("scenario", scenario_id, self.scenarios))
        return entry.model

    def rubric(self, rubric_id: str) -> Rubric:
        entry = self.rubrics.get(rubric_id)
        if entry is None:
            raise KeyError(self.unknown_message("rubric", rubric_id, self.rubrics))
        return entry.model

    def persona(self, persona_id: str) -> Persona:
        entry = self.personas.get(persona_id)
        if entry is None:
            raise KeyError(self.unknown_message("persona", persona_id, self.personas))
        return entry.model

    def unknown_message(self, kind: str, wanted: str, known: dict[str, Entry]) -> str:
        """One line for an unknown id: what is known, and whether broken files were skipped."""
        broken = [p for p, k in self.broken_kinds.items() if k == f"{kind}s"]
        hint = f"; known: {', '.join(sorted(known)) or 'none'}"
        if broken:
            hint += f" ({len(broken)} broken {kind} file(s) skipped; see warnings)"
        return f"unknown {kind} {wanted!r}{hint}"

    def warnings(self) -> list[str]:
        """One line per broken file: `warning: PATH:LINE: field: message (+N more)`."""
        lines = []
        for problems in self.broken.values():
            # A typo'd key usually also makes a required field "missing": name the typo first.
            first = min(problems, key=lambda p: (p.message == "required field is missing", p.line))
            more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
            lines.append(f"warning: skipped {first.short}{more}")
        return lines


def search_dirs(kind: str, extra_dirs: Sequence[Path] = ()) -> list[SearchDir]:
    """The directories searched for one kind of YAML, in override order."""
    dirs = [SearchDir("built-in", paths.builtin_dir(kind)), SearchDir("user", paths.user_dir(kind))]
    env = os.environ.get("INTERVIEW_SCENARIOS_PATH", "")
    env_dirs = [Path(p).expanduser() for p in env.split(os.pathsep) if p.strip()]
    for source, roots in (("env", env_dirs), ("cli", [Path(d).expanduser() for d in extra_dirs])):
        for root in roots:
            # A scenarios directory holds scenario files; rubrics/ and personas/ may sit inside it.
            dirs.append(SearchDir(source, root if kind == "scenarios" else root / kind))
    return dirs


def yaml_files(directory: Path) -> list[Path]:
    """The YAML files directly inside a directory, sorted, ignoring hidden files."""
    if not directory.is_dir():
        return []
    # A dangling link is kept so it is reported ("no such file"), not silently skipped.
    return sorted(
        p
        for p in directory.iterdir()
        if p.suffix in YAML_SUFFIXES
        and not p.name.startswith(".")
        and (p.is_file() or (p.is_symlink() and not p.exists()))
    )


def _load_kind(catalog: Catalog, kind: str, extra_dirs: Sequence[Path]) -> None:
    model = MODEL_FOR_KIND[kind]
    table = catalog.of_kind(kind)
    for search in search_dirs(kind, extra_dirs):
        seen_here: dict[str, Path] = {}
        for path in yaml_files(search.directory):
            loaded = load_file(path, model)
            if loaded.model is None:
                _mark_broken(catalog, kind, str(path), loaded.problems)
                continue
            item_id = loaded.model.id  # type: ignore[attr-defined]
            if item_id in seen_here:
                line, col = loaded.locate(("id",))
                _mark_broken(
                    catalog,
                    kind,
                    str(path),
                    [
                        Problem(
                            str(path),
                            line,
                            col,
                            "id",
                            f"id {item_id!r} is already used by {seen_here[item_id]}",
                        )
                    ],
                )
                continue
            seen_here[item_id] = path
            entry = Entry(loaded.model, path, search.source, loaded=loaded)
            if item_id in table:
                previous = table[item_id]
                entry.overrides = previous.overrides + [f"{previous.source} ({previous.path})"]
            table[item_id] = entry


def _mark_broken(catalog: Catalog, kind: str, path: str, problems: list[Problem]) -> None:
    catalog.broken.setdefault(path, []).extend(problems)
    catalog.broken_kinds[path] = kind
    catalog.problems.extend(problems)


def did_you_mean(wanted: str, known: Iterable[str]) -> str:
    """`(did you mean 'x'? known: a, b)` for an unknown id."""
    names = sorted(known)
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"({hint}known: {', '.join(names) or 'none'})"


def _raw(model_or_data: BaseModel | dict | None, loaded: Loaded | None) -> dict:
    if loaded is not None and isinstance(loaded.data, dict):
        return loaded.data
    if isinstance(model_or_data, BaseModel):
        return model_or_data.model_dump()
    return model_or_data if isinstance(model_or_data, dict) else {}


def cross_check(
    scenario: Scenario | dict | None, loaded: Loaded | None, path: str, catalog: Catalog
) -> list[Problem]:
    """Problems with a scenario's references: its rubric, persona and concept criteria.

    Works on the raw YAML data too, so a file with other problems still gets these in the
    same pass.
    """
    data = _raw(scenario, loaded)
    problems: list[Problem] = []

    def at(loc: tuple[str | int, ...], field_name: str, message: str) -> None:
        line, col = loaded.locate(loc) if loaded else (1, 1)
        problems.append(Problem(path, line, col, field_name, message))

    rubric_id = data.get("rubric")
    rubric_entry = catalog.rubrics.get(rubric_id) if isinstance(rubric_id, str) else None
    if isinstance(rubric_id, str) and rubric_entry is None:
        at(("rubric",), "rubric", f"unknown rubric {rubric_id!r} {did_you_mean(rubric_id, catalog.rubrics)}")
    persona_id = data.get("persona")
    if isinstance(persona_id, str) and persona_id not in catalog.personas:
        at(
            ("persona",),
            "persona",
            f"unknown persona {persona_id!r} {did_you_mean(persona_id, catalog.personas)}",
        )
    concepts = data.get("concepts")
    if rubric_entry is not None and isinstance(concepts, list):
        criteria = {c.id for c in rubric_entry.model.criteria}
        for i, concept in enumerate(concepts):
            criterion = concept.get("criterion") if isinstance(concept, dict) else None
            if isinstance(criterion, str) and criterion not in criteria:
                at(
                    ("concepts", i, "criterion"),
                    f"concepts.{i}.criterion",
                    f"unknown criterion {criterion!r} in rubric {rubric_id!r} "
                    + did_you_mean(criterion, criteria),
                )
    return problems


def persona_check(
    persona: Persona | dict | None, loaded: Loaded | None, path: str, catalog: Catalog
) -> list[Problem]:
    """A persona's priorities must name criteria some rubric knows."""
    data = _raw(persona, loaded)
    known = {c.id for entry in catalog.rubrics.values() for c in entry.model.criteria}
    priorities = data.get("priorities")
    problems = []
    for i, criterion in enumerate(priorities if isinstance(priorities, list) else []):
        if known and isinstance(criterion, str) and criterion not in known:
            line, col = loaded.locate(("priorities", i)) if loaded else (1, 1)
            problems.append(
                Problem(
                    path,
                    line,
                    col,
                    f"priorities.{i}",
                    f"unknown criterion {criterion!r} {did_you_mean(criterion, known)}",
                )
            )
    return problems


def load_catalog(extra_dirs: Iterable[Path | str] = ()) -> Catalog:
    """Load every kind from the whole search path and drop scenarios with broken references."""
    dirs = [Path(d) for d in extra_dirs]
    catalog = Catalog()
    for kind in ("rubrics", "personas", "scenarios"):
        _load_kind(catalog, kind, dirs)
    for persona_id, entry in list(catalog.personas.items()):
        problems = persona_check(entry.model, entry.loaded, str(entry.path), catalog)
        if problems:
            del catalog.personas[persona_id]
            _mark_broken(catalog, "personas", str(entry.path), problems)
    for scenario_id, entry in list(catalog.scenarios.items()):
        problems = cross_check(entry.model, entry.loaded, str(entry.path), catalog)
        if problems:
            del catalog.scenarios[scenario_id]
            _mark_broken(catalog, "scenarios", str(entry.path), problems)
    return catalog


def validate_paths(kind: str, targets: Iterable[Path], catalog: Catalog) -> tuple[int, list[Problem]]:
    """Validate files (or every YAML file in given directories); return (files checked, problems)."""
    model = MODEL_FOR_KIND[kind]
    files: list[Path] = []
    problems: list[Problem] = []
    for target in targets:
        if target.is_dir():
            found = yaml_files(target)
            if not found:
                problems.append(Problem(str(target), 1, 1, "(file)", "no .yaml or .yml files in this folder"))
            files.extend(found)
        elif target.exists():
            files.append(target)
        else:
            problems.append(Problem(str(target), 1, 1, "(file)", "no such file"))
    for path in files:
        loaded = load_file(path, model)
        found = list(loaded.problems)
        # Cross-references are checked even when the file has other problems: one pass, all of them.
        if kind == "scenarios":
            found.extend(cross_check(loaded.model, loaded, str(path), catalog))
        elif kind == "personas":
            found.extend(persona_check(loaded.model, loaded, str(path), catalog))
        problems.extend(sorted(found, key=lambda p: (p.line, p.col)))
    return len(files), problems
