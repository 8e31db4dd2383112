"""YAML catalog: scenarios, rubrics and personas as validated pydantic models."""

from interview.catalog.catalog import Catalog, Entry, load_catalog, validate_paths
from interview.catalog.loader import Problem, load_file, load_text
from interview.catalog.models import (
    LEVELS,
    PHASE_IDS,
    PHASE_TITLES,
    Concept,
    Criterion,
    Estimate,
    Fact,
    Followup,
    Persona,
    Phase,
    Rubric,
    Rule,
    Scenario,
    Voice,
)

__all__ = [
    "LEVELS",
    "PHASE_IDS",
    "PHASE_TITLES",
    "Catalog",
    "Concept",
    "Criterion",
    "Entry",
    "Estimate",
    "Fact",
    "Followup",
    "Persona",
    "Phase",
    "Problem",
    "Rubric",
    "Rule",
    "Scenario",
    "Voice",
    "load_catalog",
    "load_file",
    "load_text",
    "validate_paths",
]
