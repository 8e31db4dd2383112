"""Authoring: validate tells everything at once, `scenarios new` asks for a title, lint warns."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from interview.catalog import load_catalog, load_text
from interview.catalog.lint import lint_persona, lint_scenario
from interview.catalog.models import Persona, Scenario
from interview.catalog.template import scenario_template
from interview.cli import cli

UNSEEN = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios_unseen"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


BROKEN = """\
id: broken
title: Broken
level: senoir
minutes: 10
rubric: system-design
persona: principl
prompt: hi
phases: [{id: requirements, minutes: 10}]
facts:
  - id: a
    abot: [x]
    answer: ok
concepts:
  - id: c
    criterion: reliabilty
    phrases: [x]
    probe: p
    strong_answer: s
"""


def test_validate_reports_every_problem_in_one_pass(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    code, out, _ = invoke("scenarios", "validate", str(path))
    assert code == 1
    fields = [line.split(": ")[1] for line in out.splitlines()]
    assert fields == ["level", "persona", "facts.0.about", "facts.0.abot", "concepts.0.criterion"]
    assert "did you mean 'senior'?" in out
    assert "did you mean 'principal'?" in out  # a cross-reference, though the file has other errors
    assert "did you mean 'reliability'?" in out
    assert "did you mean 'about'?" in out


def test_new_asks_for_a_title_instead_of_copying_one(tmp_path: Path) -> None:
    code, out, _ = invoke("scenarios", "new", "rate-limiter", "--dir", str(tmp_path))
    assert code == 0
    text = Path(out.strip()).read_text(encoding="utf-8")
    assert "title: Rate limiter\n" in text  # from the id, never another scenario's title
    code, out, _ = invoke(
        "scenarios", "new", "paste", "--title", "Design: a pastebin", "--dir", str(tmp_path)
    )
    scenario = load_text(Path(out.strip()).read_text(encoding="utf-8"), Scenario).model
    assert scenario is not None and scenario.title == "Design: a pastebin"


def test_builtins_lint_clean() -> None:
    code, out, err = invoke("scenarios", "lint")
    assert code == 0 and out == "" and "lint clean" in err


def test_the_template_lints_clean(tmp_path: Path) -> None:
    path = tmp_path / "fresh.yaml"
    path.write_text(scenario_template("fresh"), encoding="utf-8")
    code, out, _ = invoke("scenarios", "lint", str(path))
    assert (code, out) == (0, "")


def test_lint_finds_what_an_author_got_wrong_in_the_unseen_scenarios() -> None:
    code, out, err = invoke("scenarios", "lint", "--json", str(UNSEEN))
    assert code == 1
    found = {(Path(w["path"]).name, w["field"], w["message"].split(":")[0]) for w in json.loads(out)}
    assert ("pastebin.yaml", "facts.2.about.6", "'how large' names no topic") in found
    assert any(name == "file-sync.yaml" and "'quota' is not referenced" in msg for name, _, msg in found)
    assert "warning(s)" in err


def _scenario(facts: str, extra: str = "") -> Scenario:
    text = (
        "id: s\ntitle: S\nminutes: 10\nrubric: system-design\npersona: principal\nprompt: p\n"
        "phases: [{id: requirements, minutes: 10, goals: [message size and message limits]}]\n"
        f"facts:\n{facts}{extra}"
    )
    loaded = load_text(text, Scenario)
    assert loaded.model is not None, loaded.problems
    return loaded.model


def test_lint_warns_about_two_facts_answering_the_same_question() -> None:
    twins = (
        "  - {id: size, topic: message size, about: [bytes], answer: About 1 KB.}\n"
        "  - {id: size_again, topic: message size, about: [payload], answer: Up to 2 KB.}\n"
    )
    messages = [w.message for w in lint_scenario(_scenario(twins))]
    assert any("'size' and 'size_again' answer the same question" in m for m in messages)
    single = "  - {id: size, topic: message size, about: [bytes], answer: About 1 KB.}\n"
    assert not any("same question" in w.message for w in lint_scenario(_scenario(single)))


def test_lint_warns_about_estimates_without_derivations_and_facts_without_topics() -> None:
    facts = "  - {id: size, about: [bytes, message size], answer: About 1 KB.}\n"
    estimate = "estimates:\n  - {id: e, label: bytes, value: 1, unit: bytes, about: [bytes]}\n"
    messages = [w.message for w in lint_scenario(_scenario(facts, estimate))]
    assert any("fact 'size' has no topic" in m for m in messages)
    assert any("estimate 'e' has no derivation" in m for m in messages)


def test_lint_warns_about_rules_that_fire_on_anything() -> None:
    catalog = load_catalog()
    principal = catalog.persona("principal")
    assert lint_persona(principal) == []
    generic = principal.model_copy(deep=True)
    generic.rules[3].when = ["service", "microservices"]
    assert [w.message.split(",")[0] for w in lint_persona(generic)] == [
        "rule 'justify_complexity' fires on 'service'"
    ]
    qualified = generic.model_copy(deep=True)
    qualified.rules[3].sense = ["split"]
    assert lint_persona(qualified) == []


def test_persona_rules_yaml_loads_with_numbers_in_phrases() -> None:
    text = """
id: p
name: P
title: T
description: D
rules:
  - {id: r, says: s, when: [429, retry-after], ask: a}
voice: {greeting: [g], acknowledge: [a], probe: [p], challenge: [c], move_on: [m], closing: [c]}
"""
    persona = load_text(text, Persona).model
    assert persona is not None and persona.rules[0].when == ["429", "retry-after"]
