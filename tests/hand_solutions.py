"""Symbolic solutions written out by hand, shared by the tests of compiling and plotting them.

The expected values are the literature's (Snyder 1984, as in alliance-models.md §2.2), not the
library's: these solutions are built without calling the symbolic solver.
"""
from __future__ import annotations

import sympy

import hegemony_games as hg
from hegemony_games.symbolic import Condition, Piece

A, rho, E, B = sympy.symbols("A rho E B")


def piece(region: Condition, equilibria) -> Piece:
    return Piece(region.to_sympy(), tuple(equilibria), region, boundary=any(rel == "==" for _, rel in region.atoms))


def snyder():
    """Snyder's secondary alliance game: u_i = B·[j supports] − E·[i supports] − A·ρ·[i does not].

    Support (S) is dominant iff Aρ > E, not supporting (W) iff Aρ < E; at Aρ = E each player is
    indifferent, so all four pure profiles are equilibria (payoffs B − E, −E, B − Aρ, −Aρ).
    """
    def u(me, other):
        return B * int(other == 0) - E * int(me == 0) - A * rho * int(me == 1)
    M = [[u(i, j) for j in range(2)] for i in range(2)]
    game = hg.NormalFormGame.from_bimatrix(M, [[M[j][i] for j in range(2)] for i in range(2)],
                                           strategies=[["S", "W"]] * 2)
    one = sympy.Integer(1), sympy.Integer(0)
    zero = sympy.Integer(0), sympy.Integer(1)

    def eq(x, y):
        return hg.Equilibrium(game, (x, y), (u(x.index(1), y.index(1)), u(y.index(1), x.index(1))))
    pieces = [piece(Condition.of(A * rho > E), [eq(one, one)]),
              piece(Condition.of(A * rho < E), [eq(zero, zero)]),
              piece(Condition.of(sympy.Eq(A * rho, E)), [eq(x, y) for x in (one, zero) for y in (one, zero)])]
    return hg.Solution(game, tuple(e for p in pieces for e in p.equilibria), "by hand", True, pieces=pieces)
