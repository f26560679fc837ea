"""One piece of a piecewise (symbolic) solution: a region of parameter space and the equilibria there."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import sympy

from .conditions import Condition

__all__ = ["Piece"]


@dataclass(frozen=True)
class Piece:
    """A region of parameter space and every equilibrium there, as formulas.

    ``condition`` is the region as a readable sympy boolean (``region.to_sympy()``), ``region``
    the same region as a :class:`~hegemony_games.symbolic.conditions.Condition` (what code
    uses), ``equilibria`` a tuple of :class:`~hegemony_games.Equilibrium` whose strategies and
    payoffs are sympy expressions in the parameters.  ``feasible`` is ``True`` when the region is
    proven non-empty and ``None`` when that could not be decided (the piece is kept, flagged);
    ``boundary`` is ``True`` when the region is a tie or knife edge (it has an equation);
    ``degenerate`` is ``True`` when the game is degenerate there (for instance a line of
    equilibria, given by its extreme points).  ``for condition, equilibria in solution.pieces``
    unpacks a piece.

    >>> x = sympy.Symbol("x")
    >>> piece = Piece(sympy.Gt(x, 1), (), Condition.of(x > 1))
    >>> condition, equilibria = piece
    >>> condition, equilibria, piece.boundary
    (x > 1, (), False)
    >>> piece._repr_latex_()
    '$x > 1$: no equilibrium'
    """

    condition: sympy.logic.boolalg.Boolean
    equilibria: tuple
    region: Condition
    feasible: bool | None = True
    boundary: bool = False
    degenerate: bool = False

    def __iter__(self) -> Iterator:
        yield self.condition
        yield self.equilibria

    def _repr_latex_(self) -> str:
        rows = [r"\left(" + r",\ ".join(
            "(" + ", ".join(sympy.latex(p) for p in v) + ")" for v in _flat_vectors(eq.strategies))
            + r"\right)" for eq in self.equilibria]
        body = r";\quad ".join(rows) if rows else "no equilibrium"
        head = f"${sympy.latex(self.condition)}$"
        return f"{head}: ${body}$" if rows else f"{head}: {body}"


def _flat_vectors(strategies) -> list:
    out = []
    for v in strategies:
        if v and isinstance(v[0], (list, tuple)):
            out.extend(_flat_vectors(v))
        else:
            out.append(v)
    return out
