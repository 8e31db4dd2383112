"""Settings: defaults < config.toml < environment < flags; bad files are one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview import config


@pytest.fixture
def config_file(isolated_home: Path) -> Path:
    path = isolated_home / "config" / "interview" / "config.toml"
    path.parent.mkdir(parents=True)
    return path


def test_defaults_are_offline(config_file: Path) -> None:
    settings = config.resolve()
    assert settings.model is None and settings.offline
    assert settings.timeout == 30.0 and settings.wpm == 60.0
    assert settings.persona is None and settings.level is None


def test_file_then_environment_then_flags(config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config_file.write_text(
        'model = "gpt-4o-mini"\napi_base = "http://file"\ntimeout = 12\npersona = "backend"\nlevel = "staff"\nwpm = 90\n'
    )
    settings = config.resolve()
    assert (settings.model, settings.api_base, settings.timeout) == ("gpt-4o-mini", "http://file", 12.0)
    assert (settings.persona, settings.level, settings.wpm) == ("backend", "staff", 90.0)
    monkeypatch.setenv("INTERVIEW_MODEL", "ollama/llama3.1")
    monkeypatch.setenv("INTERVIEW_API_BASE", "http://env")
    settings = config.resolve()
    assert (settings.model, settings.api_base) == ("ollama/llama3.1", "http://env")
    settings = config.resolve(model="openai/x", api_base="http://flag", timeout=5, level="mid", wpm=40)
    assert (settings.model, settings.api_base, settings.timeout) == ("openai/x", "http://flag", 5.0)
    assert (settings.level, settings.wpm, settings.persona) == ("mid", 40.0, "backend")


def test_offline_model_name_means_no_model(config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config_file.write_text('model = "gpt-4o-mini"\n')
    assert config.resolve(model="offline").model is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("model = [unclosed\n", "invalid TOML"),
        ("timeout = -3\n", "timeout must be a positive number"),
        ("timeout = nan\n", "timeout must be a positive number"),
        ("wpm = inf\n", "wpm must be a positive number"),
        ("level = 'intern'\n", "level must be one of"),
        ("colour = 'blue'\n", "unknown setting 'colour'"),
        ("api_key = 'sk-123'\n", "not read from the config file"),
    ],
)
def test_bad_config_is_one_line_naming_the_file(config_file: Path, text: str, message: str) -> None:
    config_file.write_text(text)
    with pytest.raises(config.ConfigError) as err:
        config.resolve()
    assert message in str(err.value) and str(config_file) in str(err.value)
    assert "\n" not in str(err.value).strip()
    assert "sk-123" not in str(err.value)
