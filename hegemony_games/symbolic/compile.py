"""Fast float evaluation of a piecewise (symbolic) solution over arrays of parameter values.

A symbolic solve returns pieces: a region of parameter space (a conjunction of polynomial
sign conditions ``p(θ) > 0``, ``p(θ) ≥ 0``, ``p(θ) = 0``) and the equilibria as formulas there.
:func:`compile_solution` turns every distinct polynomial and every formula into a numpy
function once (``sympy.lambdify``), so that a region map or an equilibrium quantity over a
million parameter points costs a few vectorised array operations per atom.

Float classification: atoms are evaluated in float64, so a point within rounding error of a
boundary (where ``p(θ)`` is about 0) may be put on either side of it, or on the boundary piece
itself.  ``atol`` widens the boundaries into bands: ``p > 0`` reads ``p > atol``, ``p ≥ 0``
reads ``p ≥ -atol`` and ``p = 0`` reads ``|p| ≤ atol``.  For an exact answer at one point, use
``solution.at(point)``, which substitutes rationals.

A point that lies in no piece (or outside the game's declared assumptions) gets region -1 and
quantity NaN.  Pieces of a solve do not overlap; if pieces given by hand do, a point goes to
the first piece containing it (:meth:`CompiledSolution.memberships` shows every one).

>>> import sympy
>>> from types import SimpleNamespace
>>> v, c = sympy.symbols("v c", positive=True)
>>> game = SimpleNamespace(players=("1", "2"), strategies=(("H", "D"),) * 2, parameters=frozenset({v, c}))
>>> eq = SimpleNamespace(game=game, strategies=((v / c, 1 - v / c),) * 2, payoffs=(0, 0))
>>> piece = SimpleNamespace(condition=sympy.And(c - v > 0, v > 0), equilibria=(eq,), region=None)
>>> sol = SimpleNamespace(game=game, pieces=[piece], parameters={})
>>> compiled = compile_solution(sol)
>>> compiled.parameters
(c, v)
>>> compiled.region({"v": [1, 3], "c": 2}).tolist()
[0, -1]
>>> compiled.quantity(("strategy", 0, "H"), {"v": [1, 3], "c": 2})
array([0.5, nan])
"""
from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

import numpy as np
import sympy

from ..errors import GameError
from .quantities import Quantity, quantity_of, select_equilibria

__all__ = ["CompiledSolution", "compile_solution", "solution_atoms", "boolean_atoms"]

Atom = tuple[sympy.Expr, str]   # (p, rel): the condition p rel 0, rel in {">", ">=", "=="}


def compile_solution(solution: Any, atol: float = 0.0) -> "CompiledSolution":
    """Compile ``solution`` (a :class:`~hegemony_games.Solution` with ``pieces``) for numpy."""
    return CompiledSolution(solution, atol=atol)


class CompiledSolution:
    """A piecewise solution ready for evaluation over numpy arrays of parameter values.

    Values are given as a mapping from parameters (sympy symbols or their names) to scalars or
    array-likes, broadcast together; every parameter of the solution must be given.
    """

    def __init__(self, solution: Any, atol: float = 0.0):
        pieces = getattr(solution, "pieces", None)
        if pieces is None:
            raise GameError("only a symbolic solution (one with pieces) can be compiled; "
                            "solve a game whose payoffs have parameters")
        if not (atol >= 0):
            raise GameError(f"atol must be a nonnegative number, got {atol!r}")
        self.solution = solution
        self.pieces = list(pieces)
        self.atol = float(atol)
        self.assumptions: list[Atom] = _assumption_atoms(solution)
        self._piece_atoms: list[list[Atom] | sympy.Basic] = [solution_atoms(p) for p in self.pieces]
        symbols: set = set(getattr(solution.game, "parameters", frozenset()) or ())
        for piece in self.pieces:
            symbols |= set(sympy.sympify(piece.condition).free_symbols)
            for eq in piece.equilibria:
                for value in _flatten((eq.strategies, eq.payoffs)):
                    symbols |= set(getattr(value, "free_symbols", ()))
        for p, _ in self.assumptions:
            symbols |= set(p.free_symbols)
        self.parameters: tuple = tuple(sorted(symbols, key=lambda s: s.name))
        self._functions: dict[sympy.Expr, Callable] = {}
        for atoms in [self.assumptions] + self._piece_atoms:   # compile the region atoms now, once
            for p, _ in ([] if isinstance(atoms, sympy.Basic) else atoms):
                self._function(p)

    def __repr__(self) -> str:
        return (f"<CompiledSolution: {len(self.pieces)} pieces in {[s.name for s in self.parameters]}, "
                f"atol={self.atol:g}>")

    # --- evaluation -------------------------------------------------------------------------

    def arrays(self, values: Mapping[Any, Any]) -> tuple[np.ndarray, ...]:
        """The parameter values as float arrays broadcast to one shape, in ``parameters`` order."""
        by_name = {}
        for key, value in dict(values).items():
            name = key.name if isinstance(key, sympy.Symbol) else str(key)
            by_name[name] = value
        missing = [s.name for s in self.parameters if s.name not in by_name]
        if missing:
            raise GameError(f"values missing for the parameters {missing} "
                            f"(the solution has parameters {[s.name for s in self.parameters]})")
        unknown = sorted(set(by_name) - {s.name for s in self.parameters})
        if unknown:
            raise GameError(f"unknown parameters {unknown}: the solution has {[s.name for s in self.parameters]}")
        try:
            arrays = [np.asarray(by_name[s.name], dtype=float) for s in self.parameters]
            return tuple(np.broadcast_arrays(*arrays)) if arrays else ()
        except (TypeError, ValueError) as error:
            raise GameError(f"parameter values must be numbers or arrays of numbers of one shape: {error}") from None

    def memberships(self, values: Mapping[Any, Any]) -> np.ndarray:
        """Boolean array of shape ``(len(pieces),) + shape``: which pieces hold at each point."""
        arrays = self.arrays(values)
        shape = arrays[0].shape if arrays else ()
        cache: dict[sympy.Expr, np.ndarray] = {}
        inside = self._holds(self.assumptions, arrays, shape, cache)
        out = np.zeros((len(self.pieces),) + shape, dtype=bool)
        for k, atoms in enumerate(self._piece_atoms):
            out[k] = inside & self._holds(atoms, arrays, shape, cache)
        return out

    def region(self, values: Mapping[Any, Any]) -> np.ndarray:
        """Per point, the index of the piece it falls in (-1 if none, or outside the assumptions)."""
        arrays = self.arrays(values)
        shape = arrays[0].shape if arrays else ()
        cache: dict[sympy.Expr, np.ndarray] = {}
        index = np.full(shape, -1, dtype=np.int64)
        open_ = self._holds(self.assumptions, arrays, shape, cache)
        for k, atoms in enumerate(self._piece_atoms):
            hit = open_ & self._holds(atoms, arrays, shape, cache)
            index[hit] = k
            open_ &= ~hit
        return index

    def quantity(self, quantity: Quantity, values: Mapping[Any, Any], equilibrium: Any = 0,
                 region: np.ndarray | None = None) -> np.ndarray:
        """Per point, the float value of ``quantity`` at the selected equilibrium of its piece.

        ``equilibrium`` picks one equilibrium of each piece: an index into the piece's
        equilibria (default 0) or a predicate on an Equilibrium (the first match).  Points in no
        piece, or whose piece has no such equilibrium, get NaN.  Pass ``region`` (from
        :meth:`region`) to reuse a classification.
        """
        arrays = self.arrays(values)
        if region is None:
            region = self.region(values)
        out = np.full(region.shape, np.nan)
        for k, piece in enumerate(self.pieces):
            chosen = select_equilibria(tuple(piece.equilibria), equilibrium)
            if not chosen:
                continue
            hit = region == k
            if not hit.any():
                continue
            expr = quantity_of(quantity, chosen[0][1])
            out[hit] = self._evaluate(expr, tuple(a[hit] for a in arrays), int(hit.sum()))
        return out

    def expression(self, expr: Any, values: Mapping[Any, Any]) -> np.ndarray:
        """A sympy expression in the parameters evaluated at every point (no region involved)."""
        arrays = self.arrays(values)
        shape = arrays[0].shape if arrays else ()
        return np.broadcast_to(self._evaluate(sympy.sympify(expr), arrays, shape), shape).copy()

    # --- internals --------------------------------------------------------------------------

    def _function(self, expr: sympy.Expr) -> Callable:
        fn = self._functions.get(expr)
        if fn is None:
            fn = sympy.lambdify(self.parameters, expr, modules="numpy")
            self._functions[expr] = fn
        return fn

    def _evaluate(self, expr: sympy.Expr, arrays: tuple, shape: Any) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            value = self._function(expr)(*arrays)
        return np.broadcast_to(np.asarray(value, dtype=float), shape if isinstance(shape, tuple) else (shape,))

    def _holds(self, atoms: Any, arrays: tuple, shape: tuple, cache: dict) -> np.ndarray:
        if isinstance(atoms, sympy.Basic):   # a condition that is not a conjunction of atoms
            with np.errstate(divide="ignore", invalid="ignore"):
                value = sympy.lambdify(self.parameters, atoms, modules="numpy")(*arrays)
            return np.broadcast_to(np.asarray(value, dtype=bool), shape).copy()
        mask = np.ones(shape, dtype=bool)
        for p, rel in atoms:
            value = cache.get(p)
            if value is None:
                value = cache[p] = self._evaluate(p, arrays, shape)
            if rel == ">":
                mask &= value > self.atol
            elif rel == ">=":
                mask &= value >= -self.atol
            else:
                mask &= np.abs(value) <= self.atol
        return mask


def solution_atoms(piece: Any) -> list[Atom] | sympy.Basic:
    """The atoms ``(p, rel)`` of a piece's region (its Condition, else its sympy condition).

    Returns the sympy boolean itself when it is not a conjunction of relations.
    """
    atoms = getattr(getattr(piece, "region", None), "atoms", None)
    if atoms is not None:
        return sorted(((sympy.sympify(p), rel) for p, rel in atoms), key=str)
    return boolean_atoms(piece.condition)


def boolean_atoms(condition: Any) -> list[Atom] | sympy.Basic:
    """``[(p, rel), ...]`` for a conjunction of relations, with ``p rel 0`` equivalent to each.

    >>> a, b = sympy.symbols("a b")
    >>> boolean_atoms(sympy.And(a < b, sympy.Eq(a, 1)))
    [(-a + b, '>'), (a - 1, '==')]
    """
    condition = sympy.sympify(condition)
    if condition is sympy.true:
        return []
    parts = condition.args if isinstance(condition, sympy.And) else (condition,)
    out = []
    for part in parts:
        if isinstance(part, (sympy.StrictGreaterThan, sympy.GreaterThan)):
            out.append((part.lhs - part.rhs, ">" if part.rel_op == ">" else ">="))
        elif isinstance(part, (sympy.StrictLessThan, sympy.LessThan)):
            out.append((part.rhs - part.lhs, ">" if part.rel_op == "<" else ">="))
        elif isinstance(part, sympy.Equality):
            out.append((part.lhs - part.rhs, "=="))
        elif part is sympy.false:
            out.append((sympy.Integer(0), ">"))
        else:
            return condition
    return sorted(out, key=str)


def _assumption_atoms(solution: Any) -> list[Atom]:
    atoms: list[Atom] = []
    for source in (getattr(solution.game, "assumptions", None),
                   (getattr(solution, "parameters", None) or {}).get("assumptions")):
        found = getattr(source, "atoms", None)
        if found is not None:
            atoms += [(sympy.sympify(p), rel) for p, rel in found]
    return sorted(set(atoms), key=str)


def _flatten(value: Any) -> Sequence:
    if isinstance(value, (list, tuple)):
        return [x for v in value for x in _flatten(v)]
    return [value]
