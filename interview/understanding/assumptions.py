"""A figure that is off the reference only because the candidate started from other inputs.

"A Bloom filter for 10 billion URLs at 10 bits each is about 12 GB" is right arithmetic on a
different assumption (the reference sizes a billion URLs). `own_inputs` finds this by putting
the candidate's own figures in place of one or two inputs of the estimate's `formula:` and
checking that the formula then gives their result. Such a figure is still off the reference, but
the question to ask is about the input ("Where does 10 billion come from?"), never the arithmetic.

Fixed conversion constants (seconds in a day, bits in a byte, ...) are never swapped: a candidate
who divides by the wrong period is making a slip, which `engine/figure_steps.py` points at.
"""

from __future__ import annotations

import ast
import copy
import itertools
import math
from dataclasses import dataclass
from functools import lru_cache

from interview.catalog.formula import FormulaError, evaluate_tree
from interview.catalog.models import Estimate
from interview.understanding.working import Worked, written_value

__all__ = ["Assumption", "own_inputs"]

FIXED = frozenset({60.0, 3600.0, 86400.0, 24.0, 7.0, 30.0, 365.0, 12.0, 8.0, 1000.0, 1024.0, 100.0})
"""Constants of a formula that are conversions, not assumptions."""
MAX_SWAP = 100.0
"""An input stands for a constant only within this factor of it (10 billion for 1 billion, not 8 for 1e9)."""
MAX_INPUTS = 8
PERIOD_RATIOS = (7.0, 12.0, 24.0, 30.0, 31.0, 52.0, 60.0, 365.0)
CLOSE = 1.2
"""The formula with the candidate's inputs must land this close to their figure: rounding, not a slip."""


@dataclass(frozen=True, slots=True)
class Assumption:
    """A figure the candidate said that stands where the reference has another input."""

    said: str  # the candidate's words ("10 billion URLs")
    value: float
    reference_input: float  # the formula's constant it replaces


def _numbers(tree: ast.Expression) -> list[ast.Constant]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and type(n.value) in (int, float)]


@lru_cache(maxsize=256)
def _parsed(formula: str) -> ast.Expression | None:
    try:
        return ast.parse(formula.strip(), mode="eval")
    except SyntaxError:
        return None


@lru_cache(maxsize=256)
def _constants(formula: str) -> tuple[tuple[int, float], ...]:
    """(index among the formula's numbers, value) of each constant that may be swapped."""
    tree = _parsed(formula)
    if tree is None:
        return ()
    return tuple((i, float(n.value)) for i, n in enumerate(_numbers(tree)) if float(n.value) not in FIXED)


def _with(formula: str, swaps: dict[int, float]) -> float | None:
    """The formula's value with some of its numbers replaced (parsed once; each try works on a copy)."""
    parsed = _parsed(formula)
    if parsed is None:
        return None
    tree = copy.deepcopy(parsed)
    numbers = _numbers(tree)
    for index, value in swaps.items():
        numbers[index].value = value
    try:
        return evaluate_tree(tree, formula)
    except (FormulaError, ZeroDivisionError, OverflowError, ValueError):
        return None


def _similar(value: float, constant: float) -> bool:
    """`value` may stand for `constant`: same order of magnitude, not equal, and not off by a
    conversion (3.3M a day for 100M a month is a period slip, not another assumption)."""
    if value <= 0 or constant <= 0:
        return False
    ratio = value / constant
    if not 1 / MAX_SWAP <= ratio <= MAX_SWAP or math.isclose(value, constant, rel_tol=0.02):
        return False
    spread = max(ratio, 1 / ratio)
    return not any(abs(spread / c - 1) < 0.1 for c in PERIOD_RATIOS)


def own_inputs(estimate: Estimate, result: float, figures: list[Worked], exclude: int) -> list[Assumption]:
    """The candidate's inputs that make `result` (in the estimate's unit) follow from its formula.

    `figures` are the turn's figures; the one starting at `exclude` is the result itself. Returns
    the one or two swapped inputs, or [] when no swap of the candidate's own figures explains it.
    """
    if not estimate.formula.strip() or result <= 0:
        return []
    constants = _constants(estimate.formula)
    inputs = [w for w in figures if not w.operand and w.figure.start != exclude and w.figure.value]
    inputs = inputs[:MAX_INPUTS]
    if not constants or not inputs:
        return []
    options: list[tuple[int, float, Assumption]] = []
    for index, constant in constants:
        for w in inputs:
            for value in {w.figure.value, written_value(w.figure)}:
                if _similar(value, constant):
                    options.append((index, value, Assumption(w.figure.raw, value, constant)))
    for size in (1, 2):
        for combo in itertools.combinations(options, size):
            if len({index for index, _, _ in combo}) < size:
                continue  # two figures for the same input
            got = _with(estimate.formula, {index: value for index, value, _ in combo})
            if got is not None and got > 0 and max(got, result) / min(got, result) <= CLOSE:
                return [a for _, _, a in combo]
    return []
