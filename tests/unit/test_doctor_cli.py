"""`interview doctor`: says what is wrong and how to fix it, and exits non-zero on a problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.cli import cli
from tests.support.stub_server import ThreadedStubServer


@pytest.fixture(autouse=True)
def homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("INTERVIEW_MODEL", raising=False)
    monkeypatch.delenv("INTERVIEW_API_BASE", raising=False)


def doctor(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["doctor", *args])
    return result.exit_code, result.stdout


def test_a_fresh_install_is_ready_offline() -> None:
    code, out = doctor()
    assert code == 0, out
    assert "FAIL" not in out and "offline interviewer" in out


def test_a_database_path_that_is_a_folder_is_named_with_a_fix(tmp_path: Path) -> None:
    code, out = doctor("--db", str(tmp_path))
    assert code == 1
    line = next(ln for ln in out.splitlines() if ln.startswith("FAIL"))
    assert "database" in line and "directory" in line and "fix: " in out


def test_a_broken_config_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "config" / "interview").mkdir(parents=True)
    (tmp_path / "config" / "interview" / "config.toml").write_text("timeout = -3\n")
    code, out = doctor("--json")
    data = json.loads(out)
    assert code == 1 and not data["ok"]
    config = next(c for c in data["checks"] if c["name"] == "config")
    assert not config["ok"] and "timeout must be a positive number" in config["detail"]


@pytest.mark.parametrize(
    ("model", "ok", "says"),
    [
        ("ok", True, "answered"),
        ("nokey", False, "no API key: set OPENAI_API_KEY or the provider's variable"),
        ("r404", False, "model not found (404)"),
    ],
)
def test_with_a_model_one_tiny_request_is_made(model: str, ok: bool, says: str) -> None:
    with ThreadedStubServer() as server:
        code, out = doctor("--model", f"openai/{model}", "--api-base", server.base_url, "--timeout", "5")
        assert server.count(model) == 1
        assert server.requests[0].body["max_tokens"] == 5 and not server.requests[0].stream
    assert (code == 0) is ok, out
    model_line = next(ln for ln in out.splitlines() if "model " in ln and ln.split()[1] == "model")
    assert says in model_line
    assert ok or "fix: " in out
