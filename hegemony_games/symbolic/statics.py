"""Comparative statics of a piecewise (symbolic) solution: derivatives and their signs, per piece.

For a quantity ``q(θ)`` of an equilibrium (a probability, a payoff, a threshold; see
:mod:`hegemony_games.symbolic.quantities`) and a parameter ``θ_j``, each piece gets the
derivative ``∂q/∂θ_j`` (a rational function of the parameters) and its sign on the piece's
region, decided exactly by :func:`hegemony_games.symbolic.conditions.cases`: the region is split
by the sign of the derivative, and the parts proven empty are dropped.  The derivative is

* ``"+"`` when every part left has it positive (``∂q/∂θ_j ≤ 0`` is infeasible in the region),
  ``"-"`` likewise, ``"0"`` when it vanishes on the whole region;
* ``">=0"`` / ``"<=0"`` when it is proven never negative / never positive but may vanish;
* ``"varies"`` when it is proven to take both signs in the region (each part has a witness point;
  the parts, with their conditions, are in ``row.cases``);
* ``"undetermined"`` otherwise: sympy could not decide, and no sign is guessed.

Example: Hawk–Dove with prize ``v`` and cost ``c > v > 0`` has the mixed equilibrium
``p* = v/c`` (Maynard Smith 1982), increasing in ``v`` and decreasing in ``c``:

>>> import sympy, hegemony_games as hg
>>> v, c = sympy.symbols("v c", positive=True)
>>> game = hg.NormalFormGame.from_bimatrix([[(v - c) / 2, v], [0, v / 2]], [[(v - c) / 2, 0], [v, v / 2]],
...                                        assumptions=[c > v])
>>> sol = hg.solve(game)
>>> mixed = lambda eq: eq.strategies[0][0] not in (0, 1)
>>> [row.sign for row in comparative_statics(sol, ("strategy", 0, 0), v, equilibrium=mixed)]
['+']
>>> [row.sign for row in comparative_statics(sol, ("strategy", 0, 0), c, equilibrium=mixed)]
['-']
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Sequence

import sympy

from ..errors import GameError
from .quantities import Quantity, describe, quantity_of, select_equilibria

__all__ = ["StaticsRow", "ComparativeStatics", "comparative_statics", "sign_on"]

_SIGN_NAMES = {1: "+", -1: "-", 0: "0"}


@dataclass(frozen=True)
class StaticsRow:
    """The derivative of the quantity at one equilibrium of one piece, and its sign there."""

    piece: int                  # index into solution.pieces
    equilibrium: int | None     # index into that piece's equilibria (None for a threshold expression)
    quantity: sympy.Expr
    derivative: sympy.Expr
    sign: str                   # "+", "-", "0", ">=0", "<=0", "varies" or "undetermined"
    cases: tuple                # ((sign, Condition), ...): the derivative's sign on parts of the region
    condition: Any = None       # the piece's condition (a sympy boolean), for display


class ComparativeStatics(Sequence):
    """The rows of a comparative-statics question, one per (piece, equilibrium); prints as a table."""

    def __init__(self, rows: Sequence[StaticsRow], quantity: str, parameter: sympy.Symbol):
        self.rows = tuple(rows)
        self.quantity = quantity
        self.parameter = parameter

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[StaticsRow]:
        return iter(self.rows)

    def __getitem__(self, index):
        return self.rows[index]

    def signs(self) -> list[str]:
        return [row.sign for row in self.rows]

    def __str__(self) -> str:
        header = ["piece", "eq", "quantity", f"d/d{self.parameter}", "sign", "region"]
        body = [[str(r.piece), "–" if r.equilibrium is None else str(r.equilibrium), str(r.quantity), str(r.derivative),
                 r.sign + _varies_note(r), _condition_text(r.condition)] for r in self.rows]
        widths = [max(len(x[k]) for x in [header] + body) for k in range(len(header))]
        lines = [f"d[{self.quantity}]/d{self.parameter}, by piece"]
        lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in [header] + body]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<ComparativeStatics of {self.quantity} in {self.parameter}: {self.signs()}>"

    def _repr_latex_(self) -> str:
        lines = [rf"\text{{piece {r.piece}, eq. {r.equilibrium}}}: & \frac{{\partial}}{{\partial {sympy.latex(self.parameter)}}}"
                 rf"\left({sympy.latex(r.quantity)}\right) = {sympy.latex(r.derivative)} & \text{{sign {r.sign}}}"
                 for r in self.rows]
        return r"$\begin{array}{lll}" + r" \\ ".join(lines) + r"\end{array}$"


def comparative_statics(solution: Any, quantity: Quantity, parameter: Any, equilibrium: Any = None,
                        assumptions: Any = None) -> ComparativeStatics:
    """The derivative of ``quantity`` with respect to ``parameter`` on every piece, with its sign.

    ``equilibrium`` selects equilibria within each piece (``None``: all; an index; or a
    predicate on an Equilibrium); ``assumptions`` (relations or a Condition) are conjoined to
    the game's own when deciding signs.
    """
    from .conditions import Condition

    pieces = getattr(solution, "pieces", None)
    if pieces is None:
        raise GameError("comparative statics need a symbolic solution (one with pieces)")
    symbol = _parameter(solution, parameter)
    extra = Condition.true() if assumptions is None else Condition.of(*_as_tuple(assumptions))
    for source in (getattr(solution.game, "assumptions", None),
                   (getattr(solution, "parameters", None) or {}).get("assumptions")):
        if isinstance(source, Condition):
            extra = extra & source
    rows = []
    for k, piece in enumerate(pieces):
        region = getattr(piece, "region", None)
        if not isinstance(region, Condition):
            region = Condition.of(piece.condition)
        context = region & extra
        if isinstance(quantity, sympy.Basic):   # a threshold: one row per piece, not per equilibrium
            chosen: list = [(None, None)]
        else:
            chosen = select_equilibria(tuple(piece.equilibria), equilibrium)
        for j, eq in chosen:
            value = quantity_of(quantity, eq)
            derivative = _simplify(sympy.diff(value, symbol))
            sign, parts = sign_on(derivative, context)
            rows.append(StaticsRow(k, j, value, derivative, sign, parts, piece.condition))
    return ComparativeStatics(rows, describe(quantity, solution.game), symbol)


def sign_on(expr: Any, context: Any) -> tuple[str, tuple]:
    """The sign of ``expr`` on the region ``context`` (a Condition), and the sign cases behind it.

    Proven signs only: see the module docstring for the names.
    """
    from .conditions import cases

    expr = sympy.sympify(expr)
    by_factors = _sign_by_factors(expr, context)
    if by_factors is not None:
        return by_factors
    if expr.is_number:
        if context.is_feasible() is False:
            return "empty region", ()
        value = sympy.sign(expr)
        if value.is_number and value in (-1, 0, 1):
            return _SIGN_NAMES[int(value)], ((int(value), context),)
        return "undetermined", ()
    parts = tuple(cases(expr, context))
    signs = {s for s, _ in parts}
    if not parts:
        return "empty region", ()
    if len(signs) == 1:
        return _SIGN_NAMES[signs.pop()], parts
    if signs == {0, 1}:
        return ">=0", parts
    if signs == {0, -1}:
        return "<=0", parts
    proven = {s for s, cond in parts if cond.is_feasible() is True}
    if {1, -1} <= proven:
        return "varies", parts
    return "undetermined", parts


def _sign_by_factors(expr: sympy.Expr, context: Any) -> tuple[str, tuple] | None:
    """The sign as the product of the signs of the factors of numerator and denominator.

    Deciding ``(S - P)/(T - R + S - P)**2 > 0`` factor by factor needs only linear conditions:
    a square in the denominator is positive wherever the expression is defined, a square in the
    numerator is ≥ 0 and zero only where its base vanishes.  None when some odd-power factor has
    no single proven sign (then the whole expression is split by :func:`cases`).
    """
    from .conditions import cases

    if context.is_feasible() is False:
        return "empty region", ()
    num, den = sympy.fraction(sympy.cancel(sympy.together(expr)))
    sign, may_vanish = 1, False
    for part, in_numerator in ((num, True), (den, False)):
        constant, factors = sympy.factor_list(part)
        if constant == 0:
            return "0", ((0, context),)
        sign *= 1 if constant > 0 else -1
        for base, power in factors:
            found = {s for s, _ in cases(base, context)}
            if power % 2 == 0:
                may_vanish |= in_numerator and 0 in found
                continue
            if len(found) != 1:
                return None
            base_sign = found.pop()
            if base_sign == 0:
                return ("0", ((0, context),)) if in_numerator else None
            sign *= base_sign
    if may_vanish:
        return (">=0" if sign > 0 else "<=0"), ()
    return _SIGN_NAMES[sign], ((sign, context),)


def _simplify(expr: sympy.Expr) -> sympy.Expr:
    expr = sympy.cancel(sympy.together(expr))
    factored = sympy.factor(expr)
    return factored if sympy.count_ops(factored) <= sympy.count_ops(expr) else expr


def _parameter(solution: Any, parameter: Any) -> sympy.Symbol:
    names = {s.name: s for s in (getattr(solution.game, "parameters", None) or ())}
    name = parameter.name if isinstance(parameter, sympy.Symbol) else str(parameter)
    if name in names:   # the game's own symbol, whatever assumptions the caller's copy carries
        return names[name]
    if isinstance(parameter, sympy.Symbol):
        return parameter
    raise GameError(f"unknown parameter {parameter!r}: the game's parameters are {sorted(names)}")


def _as_tuple(value: Any) -> tuple:
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


def _condition_text(condition: Any) -> str:
    return "always" if condition is None or condition is sympy.true else str(condition)


def _varies_note(row: StaticsRow) -> str:
    if row.sign != "varies":
        return ""
    return " (" + "; ".join(f"{_SIGN_NAMES[s]} where {c}" for s, c in row.cases) + ")"
