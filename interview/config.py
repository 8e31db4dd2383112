"""Settings: built-in defaults < config.toml < environment < command-line flags.

The config file is `$XDG_CONFIG_HOME/interview/config.toml`. API keys are never read from it
(litellm reads them from the environment) and never stored anywhere by us.
"""

from __future__ import annotations

import json
import math
import os
import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from interview import paths
from interview.catalog.models import LEVELS

OFFLINE = "offline"
_SECRET_HINTS = ("key", "token", "secret", "password")


class ConfigError(ValueError):
    """The config file cannot be used; the message is one line naming the file."""


@dataclass(frozen=True)
class Settings:
    """What a session runs with. `model` None means the offline interviewer."""

    model: str | None = None
    api_base: str | None = None
    timeout: float = 30.0
    persona: str | None = None  # None: the scenario's own persona
    level: str | None = None  # None: the scenario's level
    wpm: float = 60.0
    theme: str | None = None  # the app's colour theme (saved when chosen in the app)
    temperature: float = 0.4  # model interviewer: sampling temperature (0-2)
    max_tokens: float = 400  # model interviewer: most tokens in one reply
    word_limit: float = 120  # model interviewer: a longer reply is replaced by the offline text
    stream_sentences: bool = True  # model interviewer: show each checked sentence as it arrives

    def voice_options(self) -> dict[str, Any]:
        """The model interviewer's request settings, as `LLMVoice` keyword arguments."""
        return {
            "temperature": self.temperature,
            "max_tokens": int(self.max_tokens),
            "word_limit": int(self.word_limit),
            "stream_sentences": bool(self.stream_sentences),
        }

    @property
    def offline(self) -> bool:
        return self.model is None


def _normalise_model(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return None if not value or value.lower() == OFFLINE else value


def _check(name: str, value: Any, where: str) -> Any:
    """Validate one setting's value; raise ConfigError naming where it came from."""
    if name in ("model", "api_base", "persona", "level", "theme"):
        if not isinstance(value, str):
            raise ConfigError(f"{where}: {name} must be a string, got {value!r}")
        if name == "level" and value not in LEVELS:
            raise ConfigError(f"{where}: level must be one of {', '.join(LEVELS)}, got {value!r}")
        return value
    if name == "stream_sentences":
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: {name} must be true or false, got {value!r}")
        return value
    if name == "temperature":
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 2:
            raise ConfigError(f"{where}: temperature must be a number from 0 to 2, got {value!r}")
        return float(value)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < math.inf:
        raise ConfigError(f"{where}: {name} must be a positive number, got {value!r}")
    return float(value)


def read_config_file(path: Path | None = None) -> dict[str, Any]:
    """The settings in config.toml (empty when the file does not exist)."""
    path = path or paths.config_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    known = {f.name for f in fields(Settings)}
    out: dict[str, Any] = {}
    for name, value in data.items():
        if name not in known:
            if any(hint in name.lower() for hint in _SECRET_HINTS):
                raise ConfigError(
                    f"{path}: {name} is not read from the config file; put API keys in the "
                    "environment (e.g. OPENAI_API_KEY), where litellm reads them"
                )
            raise ConfigError(f"{path}: unknown setting {name!r} (known: {', '.join(sorted(known))})")
        out[name] = _check(name, value, str(path))
    return out


def resolve(
    *,
    model: str | None = None,
    api_base: str | None = None,
    timeout: float | None = None,
    persona: str | None = None,
    level: str | None = None,
    wpm: float | None = None,
    config_path: Path | None = None,
) -> Settings:
    """Merge defaults, config file, environment and the given flags (None = not given)."""
    settings = Settings()
    settings = replace(settings, **read_config_file(config_path))
    env_model = os.environ.get("INTERVIEW_MODEL")
    if env_model is not None and env_model.strip():
        settings = replace(settings, model=env_model)
    env_base = os.environ.get("INTERVIEW_API_BASE")
    if env_base is not None and env_base.strip():
        settings = replace(settings, api_base=env_base.strip())
    flags = {"model": model, "api_base": api_base, "timeout": timeout, "persona": persona, "level": level}
    flags["wpm"] = wpm
    for name, value in flags.items():
        if value is not None:
            settings = replace(settings, **{name: _check(name, value, f"--{name.replace('_', '-')}")})
    return replace(settings, model=_normalise_model(settings.model))


def save_setting(name: str, value: str, path: Path | None = None) -> None:
    """Set one top-level string setting in config.toml, keeping the rest of the file as it is.

    Raises ConfigError when the file cannot be read, parsed or written.
    """
    if name not in {f.name for f in fields(Settings)}:
        raise ConfigError(f"unknown setting {name!r}")
    path = path or paths.config_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    line = f"{name} = {json.dumps(value)}"  # a JSON string is a valid TOML basic string
    lines = text.splitlines()
    top = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("[")), len(lines))
    found = next((i for i in range(top) if re.match(rf"\s*{re.escape(name)}\s*=", lines[i])), None)
    if found is not None:
        lines[found] = line
    else:
        lines.insert(top, line)
    updated = "\n".join(lines) + "\n"
    try:
        if tomllib.loads(updated).get(name) != value:
            raise ConfigError(f"{path}: could not set {name}")
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML, {name} not saved: {exc}") from None
    try:
        paths.write_private(path, updated)  # 0600 in a 0700 folder, atomic
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from None
