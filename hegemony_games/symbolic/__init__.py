"""Symbolic (parametric) games: equilibria as formulas with the regions of parameter space where they hold.

:class:`Condition` (a conjunction of polynomial sign conditions, decided exactly where possible)
and :func:`cases` (the sign of an expression, split into regions) are the building blocks;
:class:`Piece` is one region of a piecewise solution.  ``hg.solve`` on a game with sympy
parameters returns a :class:`~hegemony_games.Solution` whose ``pieces`` are such regions.
"""
from .conditions import Condition, Relation, as_condition, cases, symbol_assumptions
from .pieces import Piece

__all__ = ["Condition", "Relation", "Piece", "cases", "as_condition", "symbol_assumptions"]
