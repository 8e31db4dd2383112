"""Starting and resuming sessions: catalog lookups, the record, the clock, the voice."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from interview.catalog.models import LEVELS, Persona, Rubric, Scenario
from interview.engine.clock import Clock, RealClock, VirtualClock
from interview.engine.records import SessionRecord
from interview.engine.session import DEFAULT_WPM, InterviewSession
from interview.engine.voice import ModelVoice

if TYPE_CHECKING:
    from interview.catalog import Catalog
    from interview.store import Store

OFFLINE = "offline"
_KEEP = object()  # resume_session: keep what the session was started with


class SessionSetupError(ValueError):
    """A session cannot start or resume; the message is one user-facing line."""


def model_voice_for(
    model: str | None, api_base: str | None, timeout: float, options: dict[str, Any] | None = None
) -> ModelVoice | None:
    """The model voice for a litellm model string; None (and no litellm import) when offline.

    `options`: request settings from config (`Settings.voice_options()`: temperature, max_tokens,
    word_limit)."""
    if model is None or not model.strip() or model.strip().lower() == OFFLINE:
        return None
    from interview.engine.llm import LLMVoice  # imported lazily: only a model run needs it

    return LLMVoice(model.strip(), api_base=api_base, timeout=timeout, **(options or {}))


def _voice(
    model: str | None, api_base: str | None, timeout: float, options: dict[str, Any] | None
) -> ModelVoice | None:
    """`model_voice_for`, passing request options only when there are some."""
    if options:
        return model_voice_for(model, api_base, timeout, options)
    return model_voice_for(model, api_base, timeout)


def _strip_secrets(api_base: str | None) -> str | None:
    from interview.store.rows import strip_secrets

    return strip_secrets(api_base)


def catalog_parts(
    catalog: Catalog,
    scenario_id: str,
    persona: str | None,
    level: str | None,
    error: type[ValueError] = SessionSetupError,
) -> tuple[Scenario, Persona, Rubric, str]:
    """The scenario, persona (the scenario's own unless named), rubric and level a session starts
    with; an unknown id or level raises `error` with one user-facing line (drills pass theirs)."""
    try:
        scenario = catalog.scenario(scenario_id)
        persona_model = catalog.persona(persona or scenario.persona)
        rubric = catalog.rubric(scenario.rubric)
    except KeyError as exc:
        raise error(str(exc.args[0])) from None
    level = level or scenario.level
    if level not in LEVELS:
        raise error(f"unknown level {level!r}; choose one of {', '.join(LEVELS)}")
    return scenario, persona_model, rubric, level


def new_record(
    scenario: Scenario,
    rubric: Rubric,
    persona: Persona,
    *,
    model: str,
    level: str,
    seed: int | None,
    clock: Clock,
    wpm: float | None,
    api_base: str | None = None,
    elapsed_s: float = 0.0,
    kind: str = "interview",
) -> SessionRecord:
    """A fresh session record (interview or drill): the catalog parts as they are now, a seed
    (random unless given), and the words-per-minute of a virtual clock."""
    virtual = isinstance(clock, VirtualClock)
    return SessionRecord(
        id=uuid.uuid4().hex,
        scenario_id=scenario.id,
        scenario_title=scenario.title,
        scenario=scenario.model_dump(mode="json"),
        rubric=rubric.model_dump(mode="json"),
        persona_id=persona.id,
        persona=persona.model_dump(mode="json"),
        model=model,
        api_base=api_base,
        level=level,
        seed=seed if seed is not None else secrets.randbelow(2**31),
        clock="virtual" if virtual else "real",
        wpm=(wpm or DEFAULT_WPM) if virtual else None,
        started_at=datetime.now(UTC),
        elapsed_s=elapsed_s,
        kind=kind,  # type: ignore[arg-type]
    )


def new_session(
    catalog: Catalog,
    scenario_id: str,
    *,
    persona: str | None = None,
    level: str | None = None,
    model: str | None = None,
    api_base: str | None = None,
    timeout: float = 30,
    seed: int | None = None,
    clock: Clock | None = None,
    store: Store | None = None,
    wpm: float | None = None,
    voice_options: dict[str, Any] | None = None,
) -> InterviewSession:
    """Start a session of a catalog scenario; a VirtualClock makes it a headless run."""
    scenario, persona_model, rubric, level = catalog_parts(catalog, scenario_id, persona, level)
    if wpm is not None and wpm <= 0:
        raise SessionSetupError(f"words per minute must be positive, got {wpm:g}")
    voice = _voice(model, api_base, timeout, voice_options)
    clock = clock if clock is not None else RealClock()
    record = new_record(
        scenario,
        rubric,
        persona_model,
        model=voice.name if voice is not None else OFFLINE,
        api_base=_strip_secrets(api_base) if voice is not None else None,
        level=level,
        seed=seed,
        clock=clock,
        wpm=wpm,
        elapsed_s=clock.now(),
    )
    if store is not None:
        store.create_session(record)
    return InterviewSession(
        record, scenario, rubric, persona_model, clock=clock, store=store, model_voice=voice
    )


def resume_session(
    store: Store,
    session_id: str,
    *,
    model: str | None | object = _KEEP,
    api_base: str | None | object = _KEEP,
    timeout: float = 30,
    clock: Clock | None = None,
    voice_options: dict[str, Any] | None = None,
) -> InterviewSession:
    """Continue a stored in-progress session: same id; clock, phase and planner rebuilt from events.

    `model`/`api_base` default to what the session was started with (the key still comes from
    the environment); pass "offline" to continue without a model.
    """
    record = store.get_session(session_id)
    if record.kind != "interview":  # a drill (interview/drills) resumes as a drill
        sub = "estimation" if record.kind == "drill_estimation" else "criterion"
        raise SessionSetupError(
            f"session {record.id[:12]} is a drill; continue it with `interview drill {sub} --resume "
            f"{record.id[:12]} --answers FILE` or in the app"
        )
    if record.status != "in_progress":
        raise SessionSetupError(
            f"session {record.id[:12]} is {record.status.replace('_', ' ')}; "
            "only a session in progress can be resumed"
        )
    events = store.events(record.id)
    scenario = Scenario.model_validate(record.scenario)
    rubric = Rubric.model_validate(record.rubric)
    persona = Persona.model_validate(record.persona)
    start = max([record.elapsed_s, *(e.elapsed_s for e in events)])
    if clock is None:
        clock = VirtualClock(start) if record.clock == "virtual" else RealClock(start)
    elif isinstance(clock, VirtualClock):
        clock.set(max(clock.now(), start))
    chosen_model = record.model if model is _KEEP else model
    chosen_base = record.api_base if api_base is _KEEP else api_base
    voice = _voice(chosen_model, chosen_base, timeout, voice_options)  # type: ignore[arg-type]
    if (voice.name if voice else OFFLINE) != record.model or (
        chosen_base if voice else None
    ) != record.api_base:
        record.model = voice.name if voice is not None else OFFLINE
        record.api_base = _strip_secrets(chosen_base) if voice is not None else None  # type: ignore[arg-type]
        store.update_session(record.id, model=record.model, api_base=record.api_base)
    if record.clock == "virtual" and not record.wpm:
        record.wpm = DEFAULT_WPM
    return InterviewSession(
        record, scenario, rubric, persona, clock=clock, store=store, model_voice=voice, events=events
    )
