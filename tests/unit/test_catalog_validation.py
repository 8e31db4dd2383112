"""Scenario YAML errors point at the exact line and column, through the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.catalog import Scenario, load_text
from interview.catalog.template import scenario_template
from interview.cli import cli

GOOD = scenario_template("rate-limiter", title="Design a rate limiter")


def run_validate(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["scenarios", "validate", *args])
    return result.exit_code, [line for line in result.stdout.splitlines() if line.strip()]


def write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    """1-based line number of the first line containing needle."""
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in text")


def test_template_is_valid(tmp_path: Path) -> None:
    code, lines = run_validate(str(write(tmp_path, GOOD)))
    assert code == 0, lines
    assert lines == []


def test_yaml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    text = GOOD.replace("tags: []", "").replace(
        "summary: A distributed rate limiter for a public API.",
        "summary: [unclosed, list",
    )
    path = write(tmp_path, text)
    code, lines = run_validate(str(path))
    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:")
    _, line, col, field, message = lines[0].split(":", 4)
    assert field.strip() == "yaml"
    # The parser notices the problem on the line after the unclosed flow sequence.
    assert int(line) == line_of(text, "summary: [unclosed") + 1
    assert int(col) >= 1
    assert "expected" in message


def test_unknown_key_points_at_the_key(tmp_path: Path) -> None:
    text = GOOD.replace(
        "    minutes: 5\n    goals: [clarify", "    minutes: 5\n    goal: oops\n    goals: [clarify", 1
    )
    path = write(tmp_path, text)
    code, lines = run_validate(str(path))
    assert code == 1
    assert lines == [
        f"{path}:{line_of(text, 'goal: oops')}:5: phases.0.goal: unknown key (did you mean 'goals'?)"
    ]


def test_wrong_type_points_at_the_value(tmp_path: Path) -> None:
    text = GOOD.replace("    value: 1000000\n", "    value: lots\n", 1)
    path = write(tmp_path, text)
    code, lines = run_validate(str(path))
    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:{line_of(text, 'value: lots')}:12: estimates.0.value: ")
    assert "number" in lines[0]


def test_missing_field_points_at_the_enclosing_mapping(tmp_path: Path) -> None:
    text = GOOD.replace('    answer: "The limiter may add at most 5 ms at p99."\n', "", 1)
    path = write(tmp_path, text)
    code, lines = run_validate(str(path))
    assert code == 1
    assert lines == [f"{path}:{line_of(text, '- id: latency')}:5: facts.2.answer: required field is missing"]


def test_dangling_cross_references(tmp_path: Path) -> None:
    text = GOOD.replace("rubric: system-design ", "rubric: no-such-rubric ").replace(
        "    criterion: reliability", "    criterion: resilience"
    )
    path = write(tmp_path, text)
    code, lines = run_validate(str(path))
    assert code == 1
    assert lines[0].startswith(
        f"{path}:{line_of(text, 'rubric: no-such')}:9: rubric: unknown rubric 'no-such-rubric'"
    )
    # with the rubric unknown, criteria cannot be checked; fix it and the criterion is reported
    text = text.replace("rubric: no-such-rubric ", "rubric: system-design ")
    path = write(tmp_path, text)
    code, lines = run_validate(str(path))
    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith(
        f"{path}:{line_of(text, 'criterion: resilience')}:16: concepts.2.criterion: unknown criterion 'resilience'"
    )


def test_unknown_persona(tmp_path: Path) -> None:
    text = GOOD.replace("persona: principal ", "persona: nobody ")
    path = write(tmp_path, text)
    code, lines = run_validate(str(path))
    assert code == 1
    assert lines[0].startswith(
        f"{path}:{line_of(text, 'persona: nobody')}:10: persona: unknown persona 'nobody'"
    )


def test_phases_that_do_not_add_up(tmp_path: Path) -> None:
    text = GOOD.replace("minutes: 45 ", "minutes: 50 ")
    path = write(tmp_path, text)
    code, lines = run_validate(str(path))
    assert code == 1
    assert lines == [
        f"{path}:{line_of(text, '  - id: requirements')}:3: phases: phase minutes add up to 45 "
        "(5 + 5 + 15 + 15 + 5), not minutes: 50"
    ]


def test_several_problems_are_all_reported_in_order(tmp_path: Path) -> None:
    text = GOOD.replace("level: senior ", "level: principal ").replace(
        "    tolerance: 5\n", "    tolerance: 0.5\n"
    )
    path = write(tmp_path, text)
    code, lines = run_validate(str(path))
    assert code == 1
    fields = [line.split(": ")[1] for line in lines]
    assert fields == ["level", "estimates.1.tolerance"]
    assert "'mid', 'senior' or 'staff'" in lines[0]
    assert "greater than or equal to 1" in lines[1]


def test_duplicate_ids_and_duplicate_keys(tmp_path: Path) -> None:
    text = GOOD.replace("  - id: limits\n", "  - id: scale\n").replace(
        "title: Design a rate limiter\n", "title: Design a rate limiter\ntitle: Again\n"
    )
    path = write(tmp_path, text)
    code, lines = run_validate(str(path))
    assert code == 1
    joined = "\n".join(lines)
    assert f"{path}:{line_of(text, 'title: Again')}:1: title: key appears more than once" in joined
    assert "facts: ids must be unique; repeated: scale" in joined


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "expected a mapping of fields, got empty"),
        ("- just\n- a list\n", "expected a mapping of fields, got list"),
    ],
)
def test_documents_that_are_not_mappings(tmp_path: Path, content: str, expected: str) -> None:
    path = write(tmp_path, content)
    code, lines = run_validate(str(path))
    assert code == 1
    assert lines == [f"{path}:1:1: (document): {expected}"]


def test_missing_and_binary_files_are_reported_not_raised(tmp_path: Path) -> None:
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    code, lines = run_validate(str(tmp_path / "nope.yaml"), str(binary))
    assert code == 1
    assert lines[0] == f"{tmp_path / 'nope.yaml'}:1:1: (file): no such file"
    assert lines[1].startswith(f"{binary}:1:1: (file): not UTF-8 text")


def test_python_tags_are_refused_not_executed(tmp_path: Path) -> None:
    text = GOOD.replace(
        "title: Design a rate limiter", "title: !!python/object/apply:os.system ['echo pwned']"
    )
    code, lines = run_validate(str(write(tmp_path, text)))
    assert code == 1
    assert "yaml" in lines[0] and "python/object" in lines[0]


def test_anchor_merge_locates_errors_inside_the_anchor() -> None:
    text = GOOD.replace(
        "  - id: requirements\n    minutes: 5\n",
        "  - &first\n    id: requirements\n    minutes: 5\n    colour: red\n",
    ).replace("  - id: estimation\n    minutes: 5\n", "  - <<: *first\n    id: estimation\n")
    loaded = load_text(text, Scenario, "m.yaml")
    assert loaded.model is None
    colour_line = line_of(text, "colour: red")
    assert {(p.field, p.line) for p in loaded.problems} == {
        ("phases.0.colour", colour_line),
        ("phases.1.colour", colour_line),
    }


def test_unquoted_numbers_and_booleans_in_text_lists_read_as_written(tmp_path: Path) -> None:
    text = GOOD.replace('phrases: ["429", retry-after', "phrases: [429, retry-after").replace(
        "about: [latency, overhead, slow, fast]", "about: [latency, overhead, 100:1, yes]"
    )
    path = write(tmp_path, text)
    code, lines = run_validate(str(path))
    assert code == 0 and lines == []
    scenario = load_text(text, Scenario, "m.yaml").model
    assert scenario is not None
    assert scenario.concepts[3].phrases[0] == "429"
    assert scenario.facts[2].about[-2:] == ["100:1", "yes"]  # as typed, not 6001 and True
