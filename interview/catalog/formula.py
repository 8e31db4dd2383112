"""Evaluate an estimate's `formula:` (plain arithmetic) so its derivation can be checked.

Only numbers, + - * / ** and parentheses, and the functions ceil, floor and log are allowed;
anything else is an error. No names, attributes or calls beyond those.
"""

from __future__ import annotations

import ast
import math
import operator

_BINARY = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}
_FUNCTIONS = {"ceil": math.ceil, "floor": math.floor, "log": math.log}


class FormulaError(ValueError):
    """The formula is not plain arithmetic."""


def evaluate(formula: str) -> float:
    """The value of `formula`, e.g. ``"100e6 / (30 * 86400)"``."""
    try:
        tree = ast.parse(formula.strip(), mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"not arithmetic: {formula!r}") from exc
    return float(_eval(tree.body, formula))


def evaluate_tree(tree: ast.Expression, formula: str = "") -> float:
    """The value of an already parsed formula (`ast.parse(..., mode="eval")`), same rules as `evaluate`."""
    return float(_eval(tree.body, formula or ast.unparse(tree)))


def _eval(node: ast.AST, formula: str) -> float:
    number = isinstance(node, ast.Constant) and type(node.value) in (int, float)
    if number:
        return node.value  # type: ignore[attr-defined]
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _eval(node.left, formula), _eval(node.right, formula)
        if isinstance(node.op, ast.Pow) and abs(right) > 64:
            raise FormulaError(f"exponent too large in {formula!r}")
        return _BINARY[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_eval(node.operand, formula)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _FUNCTIONS
        and len(node.args) == 1
        and not node.keywords
    ):
        return _FUNCTIONS[node.func.id](_eval(node.args[0], formula))
    raise FormulaError(f"only numbers, + - * / ** ( ), ceil, floor and log are allowed: {formula!r}")
