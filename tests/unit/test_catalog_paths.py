"""The catalog search path: built-in, user folder, INTERVIEW_SCENARIOS_PATH, --scenarios."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.catalog import load_catalog
from interview.catalog.template import scenario_template
from interview.cli import cli

REPO = Path(__file__).resolve().parents[2]


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def listed(*args: str) -> dict[str, dict]:
    code, out, _ = invoke("scenarios", "list", "--json", *args)
    assert code == 0
    return {row["id"]: row for row in json.loads(out)}


def scenario_file(directory: Path, scenario_id: str, title: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{scenario_id}-{title.split()[0].lower()}.yaml"
    path.write_text(scenario_template(scenario_id, title=title), encoding="utf-8")
    return path


def test_builtin_scenarios_are_listed_with_their_source() -> None:
    rows = listed()
    assert {"url-shortener", "chat", "payment-rail"} <= set(rows)
    assert all(row["source"] == "built-in" and row["overrides"] == [] for row in rows.values())
    code, out, _ = invoke("scenarios", "list")
    assert code == 0
    assert "url-shortener" in out and "built-in" in out


def test_override_order_user_then_env_then_cli(
    isolated_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = isolated_home / "config" / "interview" / "scenarios"
    scenario_file(user, "url-shortener", "User shortener")
    scenario_file(user, "rate-limiter", "User limiter")
    env_a, env_b = tmp_path / "env-a", tmp_path / "env-b"
    scenario_file(env_a, "rate-limiter", "EnvA limiter")
    scenario_file(env_b, "rate-limiter", "EnvB limiter")
    scenario_file(env_b, "chat", "EnvB chat")
    monkeypatch.setenv("INTERVIEW_SCENARIOS_PATH", os.pathsep.join([str(env_a), str(env_b)]))
    cli_dir = tmp_path / "cli"
    scenario_file(cli_dir, "chat", "Cli chat")

    rows = listed("--scenarios", str(cli_dir))
    assert rows["url-shortener"]["title"] == "User shortener"
    assert rows["url-shortener"]["source"] == "user"
    assert rows["url-shortener"]["overrides"][0].startswith("built-in")
    assert rows["rate-limiter"]["title"] == "EnvB limiter"  # later env entries win
    assert [o.split(" ")[0] for o in rows["rate-limiter"]["overrides"]] == ["user", "env"]
    assert rows["chat"]["title"] == "Cli chat" and rows["chat"]["source"] == "cli"
    assert rows["payment-rail"]["source"] == "built-in"

    code, out, _ = invoke("scenarios", "list", "--scenarios", str(cli_dir))
    assert "cli (overrides env)" in out
    assert "user (overrides built-in)" in out


def test_broken_file_beside_good_ones_never_stops_the_program(isolated_home: Path) -> None:
    user = isolated_home / "config" / "interview" / "scenarios"
    scenario_file(user, "rate-limiter", "Good limiter")
    (user / "broken.yaml").write_text("id: broken\ntitle: [oops\n", encoding="utf-8")
    (user / "typo.yaml").write_text(
        scenario_template("typo-one").replace("prompt: |", "promt: |"), encoding="utf-8"
    )
    code, out, err = invoke("scenarios", "list", "--json")
    assert code == 0
    ids = {row["id"] for row in json.loads(out)}
    assert {"rate-limiter", "url-shortener", "chat", "payment-rail"} <= ids
    assert "broken" not in ids and "typo-one" not in ids
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2
    assert any(f"{user / 'broken.yaml'}:3:" in w for w in warnings)
    assert any(f"{user / 'typo.yaml'}:" in w and "promt" in w for w in warnings)
    # the good user scenario still shows
    code, out, _ = invoke("scenarios", "show", "rate-limiter")
    assert code == 0 and "Good limiter" in out


def test_show_gives_the_brief_and_never_the_hidden_material() -> None:
    catalog = load_catalog()
    for entry in catalog.scenarios.values():
        code, out, _ = invoke("scenarios", "show", entry.id)
        assert code == 0
        s = entry.model
        assert s.title in out
        for phase in s.phases:
            assert f"{phase.minutes:g} min" in out
        for fact in s.facts:
            assert fact.answer not in out
        for concept in s.concepts:
            assert concept.strong_answer not in out and concept.probe not in out
        for estimate in s.estimates:
            assert estimate.derivation == "" or estimate.derivation not in out
        code, out, _ = invoke("scenarios", "show", entry.id, "--json")
        brief = json.loads(out)
        assert set(brief) >= {"id", "title", "level", "minutes", "prompt", "phases"}
        assert not {"facts", "estimates", "concepts", "followups", "failure_probes"} & set(brief)


def test_show_unknown_scenario_is_one_clear_line() -> None:
    code, out, err = invoke("scenarios", "show", "nope")
    assert code == 1
    assert err.strip().splitlines() == [err.strip()]
    assert "unknown scenario 'nope'" in err and "url-shortener" in err


def test_new_writes_a_template_that_validates(isolated_home: Path) -> None:
    code, out, _ = invoke("scenarios", "new", "rate-limiter")
    assert code == 0
    path = Path(out.strip())
    assert path == isolated_home / "config" / "interview" / "scenarios" / "rate-limiter.yaml"
    assert path.read_text().lstrip().startswith("#")  # commented
    code, out, _ = invoke("scenarios", "validate", str(path))
    assert code == 0
    assert "rate-limiter" in listed()
    # writing it again refuses to clobber the user's edits
    code, _, err = invoke("scenarios", "new", "rate-limiter")
    assert code == 1 and "already exists" in err


def test_new_from_existing_copies_and_validates(tmp_path: Path) -> None:
    code, out, _ = invoke(
        "scenarios", "new", "my-chat", "--from", "chat", "--title", "My chat", "--dir", str(tmp_path)
    )
    assert code == 0
    path = Path(out.strip())
    assert path.parent == tmp_path
    code, _, _ = invoke("scenarios", "validate", str(path))
    assert code == 0
    rows = listed("--scenarios", str(tmp_path))
    assert rows["my-chat"]["title"] == "My chat"  # its own title, not a copy of chat's


def test_new_rejects_bad_ids() -> None:
    code, _, err = invoke("scenarios", "new", "Bad Id")
    assert code == 1 and "kebab-case" in err


def test_builtin_yaml_all_validate() -> None:
    for kind in ("scenarios", "rubrics", "personas"):
        files = sorted(str(p) for p in (REPO / kind).glob("*.yaml"))
        assert files, kind
        code, out, err = invoke(kind, "validate", *files)
        assert code == 0, out + err


@pytest.mark.parametrize("kind", ["rubrics", "personas"])
def test_rubrics_and_personas_list(kind: str) -> None:
    code, out, _ = invoke(kind, "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert rows and all(r["source"] == "built-in" for r in rows)


def test_python_dash_m_works() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "interview", "scenarios", "list"],
        capture_output=True,
        text=True,
        cwd="/",
        timeout=60,
        check=True,
    ).stdout
    assert "url-shortener" in out


def test_installed_wheel_carries_the_yaml(tmp_path: Path) -> None:
    """Build the wheel, install it without the checkout, and find the built-in YAML inside it."""
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(REPO),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheel_dir),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(wheel_dir.glob("interview-*.whl"))
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    probe = (
        "import interview, interview.paths as p, json;"
        "from interview.catalog import load_catalog;"
        "c = load_catalog();"
        "print(json.dumps([interview.__file__, str(p.builtin_dir('scenarios')), sorted(c.scenarios),"
        " sorted(c.rubrics), sorted(c.personas), c.warnings()]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
        timeout=60,
    ).stdout
    module, scen_dir, scenarios, rubrics, personas, warnings = json.loads(out)
    assert module.startswith(str(target))
    assert scen_dir.startswith(str(target)) and "_data" in scen_dir
    assert {"url-shortener", "chat", "payment-rail"} <= set(scenarios)
    assert "system-design" in rubrics
    assert {"principal", "backend", "payments"} <= set(personas)
    assert warnings == []


def test_a_dangling_link_on_the_search_path_is_reported_not_hidden(isolated_home: Path) -> None:
    user = isolated_home / "config" / "interview" / "scenarios"
    user.mkdir(parents=True)
    (user / "gone.yaml").symlink_to(user / "moved-away.yaml")
    code, out, err = invoke("scenarios", "list", "--json")
    assert code == 0
    assert "url-shortener" in {row["id"] for row in json.loads(out)}
    assert f"warning: skipped {user / 'gone.yaml'}:1: (file): " in err


def test_validating_a_folder_without_yaml_is_an_error(tmp_path: Path) -> None:
    code, out, _ = invoke("scenarios", "validate", str(tmp_path))
    assert code == 1
    assert out.strip() == f"{tmp_path}:1:1: (file): no .yaml or .yml files in this folder"
