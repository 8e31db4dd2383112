"""The built-in scenarios, rubric and personas: valid, complete, faithful to the issue, and never leaked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.catalog.loader import load_file
from interview.catalog.models import Persona, Rubric, Scenario
from interview.cli import cli
from interview.text.matching import mentions

REPO = Path(__file__).resolve().parents[2]
SCENARIO_IDS = ("url-shortener", "chat", "payment-rail")
PERSONA_IDS = ("principal", "backend", "payments")
CRITERIA = (
    "requirements",
    "estimation",
    "api_and_data_model",
    "high_level_design",
    "deep_dive",
    "reliability",
    "trade_offs",
    "communication",
)


def _scenario(scenario_id: str) -> Scenario:
    loaded = load_file(REPO / "scenarios" / f"{scenario_id}.yaml", Scenario)
    assert loaded.model is not None, loaded.problems
    return loaded.model


def _rubric() -> Rubric:
    loaded = load_file(REPO / "rubrics" / "system-design.yaml", Rubric)
    assert loaded.model is not None, loaded.problems
    return loaded.model


def _persona(persona_id: str) -> Persona:
    loaded = load_file(REPO / "personas" / f"{persona_id}.yaml", Persona)
    assert loaded.model is not None, loaded.problems
    return loaded.model


def _rule_fires(persona: Persona, rule_id: str, text: str) -> bool:
    rule = next(r for r in persona.rules if r.id == rule_id)
    return mentions(text, rule.when) and not mentions(text, rule.unless)


# --------------------------------------------------------------------------- the real CLI


@pytest.mark.parametrize("kind", ["scenarios", "rubrics", "personas"])
def test_builtin_files_validate_through_the_cli(kind: str) -> None:
    files = sorted(str(p) for p in (REPO / kind).glob("*.yaml"))
    assert files, f"no built-in {kind}"
    result = CliRunner().invoke(cli, [kind, "validate", *files])
    assert result.exit_code == 0, result.output
    assert "ok" in result.output


def test_builtin_catalog_lists_the_three_scenarios() -> None:
    result = CliRunner().invoke(cli, ["scenarios", "list", "--json"])
    assert result.exit_code == 0, result.output
    ids = {row["id"] for row in json.loads(result.output)}
    assert set(SCENARIO_IDS) <= ids


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
@pytest.mark.parametrize("as_json", [False, True])
def test_show_never_prints_hidden_material(scenario_id: str, as_json: bool) -> None:
    scenario = _scenario(scenario_id)
    args = ["scenarios", "show", scenario_id] + (["--json"] if as_json else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    shown = result.output.lower()
    assert scenario.prompt.strip().splitlines()[0].lower() in shown
    hidden = [f.answer for f in scenario.facts]
    hidden += [e.label for e in scenario.estimates] + [
        e.derivation for e in scenario.estimates if e.derivation
    ]
    hidden += [c.strong_answer for c in scenario.concepts] + [c.probe for c in scenario.concepts]
    hidden += [f.ask for f in scenario.followups] + list(scenario.failure_probes)
    leaked = [text for text in hidden if text.lower() in shown]
    assert not leaked


# --------------------------------------------------------------------------- scenarios


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_scenario_is_complete(scenario_id: str) -> None:
    scenario = _scenario(scenario_id)
    assert len(scenario.concepts) >= 12
    assert len(scenario.followups) >= 6
    assert len(scenario.failure_probes) >= 4
    assert sum(p.minutes for p in scenario.phases) == scenario.minutes
    assert all(p.goals for p in scenario.phases)
    assert scenario.summary.strip()
    assert all(e.derivation.strip() for e in scenario.estimates)


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_concepts_cover_the_design_criteria(scenario_id: str) -> None:
    scenario = _scenario(scenario_id)
    rubric = _rubric()
    criteria = {c.id for c in rubric.criteria}
    used = {c.criterion for c in scenario.concepts}
    assert used <= criteria
    assert used >= set(CRITERIA) - {"communication"}


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_each_strong_answer_would_earn_its_own_concept(scenario_id: str) -> None:
    # A candidate who says the reference answer must be credited by the phrase matcher.
    missing = [c.id for c in _scenario(scenario_id).concepts if not mentions(c.strong_answer, c.phrases)]
    assert not missing


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_prompt_does_not_give_away_the_facts(scenario_id: str) -> None:
    scenario = _scenario(scenario_id)
    prompt_words = {w.strip(".,:;()") for w in scenario.prompt.lower().split()}
    answers = " ".join(f.answer for f in scenario.facts).lower().replace(",", "")
    figures = {w.strip(".,:;()") for w in answers.split() if any(ch.isdigit() for ch in w)}
    assert len(figures) >= 3
    assert not figures & prompt_words


ISSUE_ESTIMATES = [
    ("url-shortener", "write_rate", 40, "per_second"),
    ("url-shortener", "peak_write_rate", 100, "per_second"),
    ("url-shortener", "read_rate", 4000, "per_second"),
    ("url-shortener", "total_records", 6e9, "count"),
    ("url-shortener", "storage", 3e12, "bytes"),
    ("url-shortener", "code_length", 7, "characters"),
    ("url-shortener", "keyspace", 3.5e12, "count"),
    ("chat", "messages_per_day", 2e9, "per_day"),
    ("chat", "message_rate", 23000, "per_second"),
    ("chat", "peak_message_rate", 70000, "per_second"),
    ("chat", "storage_per_day", 200e9, "bytes"),
    ("chat", "concurrent_connections", 10e6, "connections"),
    ("chat", "gateway_servers", 200, "servers"),
    ("payment-rail", "average_tps", 230, "per_second"),
    ("payment-rail", "peak_tps", 1200, "per_second"),
    ("payment-rail", "data_per_day", 80e9, "bytes"),
    ("payment-rail", "retention_storage", 200e12, "bytes"),
]


@pytest.mark.parametrize(("scenario_id", "estimate_id", "value", "unit"), ISSUE_ESTIMATES)
def test_issue_estimates_are_present(scenario_id: str, estimate_id: str, value: float, unit: str) -> None:
    estimates = {e.id: e for e in _scenario(scenario_id).estimates}
    estimate = estimates[estimate_id]
    assert estimate.value == pytest.approx(value)
    assert estimate.unit == unit
    assert estimate.tolerance >= 1


ISSUE_FACTS = {
    "url-shortener": [
        "100 million",
        "100:1",
        "5 years",
        "500 bytes",
        "custom aliases",
        "analytics",
        "99.9%",
        "100 ms",
    ],
    "chat": [
        "50 million",
        "40 messages",
        "100 members",
        "online",
        "read",
        "offline",
        "order",
        "several devices",
    ],
    "payment-rail": [
        "20 million",
        "5 times",
        "10 seconds",
        "twice",
        "pacs.008",
        "pacs.002",
        "99.99%",
        "7 years",
        "4 kb",
    ],
}


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_issue_facts_are_present(scenario_id: str) -> None:
    answers = " ".join(f.answer for f in _scenario(scenario_id).facts).lower()
    missing = [figure for figure in ISSUE_FACTS[scenario_id] if figure.lower() not in answers]
    assert not missing


def test_each_fact_is_earned_by_a_natural_question() -> None:
    questions = {
        ("url-shortener", "scale"): "How many new URLs are created per month?",
        ("url-shortener", "retention"): "How long do links need to be kept?",
        ("url-shortener", "latency"): "What latency do redirects need at p99?",
        ("chat", "conversation_types"): "Do we support group chats, and how big can a group be?",
        ("chat", "multi_device"): "Can a user be logged in on multiple devices?",
        ("payment-rail", "no_duplicates"): "What happens if a payment is submitted twice?",
        ("payment-rail", "message_standard"): "Which message format do the banks use?",
    }
    for (scenario_id, fact_id), question in questions.items():
        fact = next(f for f in _scenario(scenario_id).facts if f.id == fact_id)
        assert mentions(question, fact.about), (scenario_id, fact_id)


def test_payment_rail_uses_the_payments_persona() -> None:
    assert _scenario("payment-rail").persona == "payments"
    assert _scenario("url-shortener").persona == "principal"
    assert _scenario("chat").persona == "principal"


# --------------------------------------------------------------------------- rubric


def test_rubric_has_the_contract_criteria_and_weights() -> None:
    rubric = _rubric()
    assert [c.id for c in rubric.criteria] == list(CRITERIA)
    assert sum(c.weight for c in rubric.criteria) == pytest.approx(100)


def test_verdict_bar_rises_with_level() -> None:
    verdicts = _rubric().verdicts
    for name in ("strong_hire", "hire", "lean_hire", "lean_no_hire", "no_hire"):
        assert getattr(verdicts.mid, name) <= getattr(verdicts.senior, name) <= getattr(verdicts.staff, name)
    assert verdicts.mid.hire < verdicts.staff.hire


# --------------------------------------------------------------------------- personas


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
def test_persona_is_complete(persona_id: str) -> None:
    persona = _persona(persona_id)
    assert len(persona.description) > 300
    assert len(persona.rules) >= 5
    assert set(persona.priorities) == set(CRITERIA)
    for phrases in persona.voice.model_dump().values():
        assert len(phrases) >= 5
        assert len(set(phrases)) == len(phrases)


def test_principal_asks_for_dead_letter_handling() -> None:
    principal = _persona("principal")
    assert _rule_fires(principal, "dead_letter", "Clicks go onto a Kafka queue and workers aggregate them.")
    assert not _rule_fires(
        principal, "dead_letter", "Clicks go onto a Kafka queue with a dead-letter topic for poison messages."
    )


def test_principal_challenges_unjustified_complexity() -> None:
    principal = _persona("principal")
    assert _rule_fires(principal, "justify_complexity", "I'd split this into microservices on Kubernetes.")
    assert not _rule_fires(
        principal,
        "justify_complexity",
        "At this scale one service is enough; we'd only move to microservices when we outgrow it.",
    )


def test_principal_hunts_single_points_of_failure_and_vague_scale() -> None:
    principal = _persona("principal")
    assert _rule_fires(principal, "single_point_of_failure", "All writes go to a single database.")
    assert not _rule_fires(
        principal, "single_point_of_failure", "A single database with a standby replica and failover."
    )
    assert _rule_fires(principal, "quantify", "It has to be massively scalable.")
    assert not _rule_fires(principal, "quantify", "It has to be scalable to about 4,000 requests per second.")


def test_payments_persona_probes_idempotency_and_the_ledger() -> None:
    payments = _persona("payments")
    assert _rule_fires(payments, "idempotency", "If the bank times out it will retry the payment.")
    assert not _rule_fires(payments, "idempotency", "Retries are safe because we dedupe on the UETR.")
    assert _rule_fires(payments, "double_entry", "We subtract the amount from the balance column.")
    assert not _rule_fires(payments, "double_entry", "We post double-entry journal entries.")


def test_backend_persona_asks_about_rate_limiting() -> None:
    backend = _persona("backend")
    assert _rule_fires(backend, "rate_limiting", "It's a public API anyone can call.")
    assert not _rule_fires(backend, "rate_limiting", "It's a public API with a rate limit per key.")


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_hint_material_reveals_no_figures(scenario_id: str) -> None:
    # Hints name a fact by its first `about` phrase and an estimate by its label: neither may hold a number.
    scenario = _scenario(scenario_id)
    topics = [f.about[0] for f in scenario.facts] + [e.label for e in scenario.estimates]
    assert not [t for t in topics if any(ch.isdigit() for ch in t)]
