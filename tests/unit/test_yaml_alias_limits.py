"""YAML aliases are limited: an alias bomb or a recursive anchor is one located problem, never a hang."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interview.catalog import Scenario, load_catalog, load_text
from interview.catalog.loader import MAX_ALIASES
from interview.cli import cli

pytestmark = pytest.mark.timeout(60)  # before the limits, these hung for good


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def alias_bomb(levels: int = 9, width: int = 10, pad_to: int = 18_000) -> str:
    """Each level repeats the one before `width` times: width**levels values from a few lines."""
    lines = ["id: bomb", "title: Bomb", 'l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]")
    text = "\n".join(lines) + "\n"
    return text + "# " + "x" * max(0, pad_to - len(text)) + "\n"


def scenario_text(repo: Path) -> str:
    return (repo / "scenarios" / "url-shortener.yaml").read_text(encoding="utf-8")


def test_an_alias_bomb_is_a_located_problem(tmp_path: Path) -> None:
    text = alias_bomb()
    assert len(text) >= 18_000
    loaded = load_text(text, Scenario, "bomb.yaml")
    assert loaded.model is None
    [problem] = loaded.problems
    assert (problem.path, problem.field) == ("bomb.yaml", "yaml")
    assert "alias" in problem.message
    assert problem.line > 3  # the alias where the expansion passes the limit, not line 1


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("id: x\ntitle: &t [x, *t]\n", 2, 15),
        ("id: x\nbase: &m\n  a: 1\n  b: *m\n", 4, 6),
        ("id: x\nbase: &m\n  a: 1\n  more:\n    <<: *m\n", 5, 9),
    ],
)
def test_a_recursive_anchor_is_rejected_at_its_alias(text: str, line: int, col: int) -> None:
    loaded = load_text(text, Scenario, "self.yaml")
    [problem] = loaded.problems
    assert (problem.line, problem.col) == (line, col)
    assert "recursive" in problem.message and str(problem).startswith(f"self.yaml:{line}:{col}: yaml:")


def test_too_many_aliases_and_too_deep_nesting_are_problems(tmp_path: Path) -> None:
    many = "id: x\nv: &v 1\nlist: [" + ", ".join(["*v"] * (MAX_ALIASES + 1)) + "]\n"
    assert "more than" in load_text(many, Scenario, "m.yaml").problems[0].message
    for depth in (900, 5000):  # near Python's recursion limit, and past libyaml's own limit
        deep = "id: x\nv: &v 1\nw: *v\nn: " + "[" * depth + "]" * depth + "\n"
        assert "nest" in load_text(deep, Scenario, "d.yaml").problems[0].message
    (tmp_path / "deep.yaml").write_text("id: deep\nn: " + "[" * 990 + "]" * 990 + "\n")
    loaded = load_catalog([tmp_path])  # no alias, small: never scanned, but never a crash either
    assert str(tmp_path / "deep.yaml") in loaded.broken


def test_ordinary_anchors_and_merges_still_load(repo: Path) -> None:
    text = scenario_text(repo).replace("id: url-shortener", "id: anchored", 1)
    text += "\nx-defaults: &defaults\n  minutes: 5\n"
    loaded = load_text(text, Scenario, "anchored.yaml")
    # x-defaults is not a scenario key: the one problem is that, not the anchor
    assert [p.field for p in loaded.problems] == ["x-defaults"]
    reused = scenario_text(repo).replace("id: url-shortener", "id: anchored", 1).replace(
        "rubric: system-design", "rubric: &r system-design", 1
    )
    assert "rubric: &r system-design" in reused
    assert load_text(reused, Scenario, "ok.yaml").model is not None


def test_every_command_still_works_next_to_a_bomb_and_a_recursive_file(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "bomb.yaml").write_text(alias_bomb(), encoding="utf-8")
    (folder / "self.yaml").write_text("id: self\ntitle: &t [x, *t]\n", encoding="utf-8")
    listed = run("scenarios", "list", "--scenarios", str(folder))
    assert listed.exit_code == 0, listed.output
    assert "url-shortener" in listed.stdout  # the built-ins are all there
    warnings = [line for line in listed.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2 and all("alias" in w for w in warnings)  # one line per bad file
    checked = run("scenarios", "validate", str(folder / "bomb.yaml"), str(folder / "self.yaml"))
    assert checked.exit_code == 1
    assert f"{folder / 'self.yaml'}:2:15: yaml:" in checked.stdout
    catalog = load_catalog([folder])
    assert set(catalog.broken) == {str(folder / "bomb.yaml"), str(folder / "self.yaml")}
