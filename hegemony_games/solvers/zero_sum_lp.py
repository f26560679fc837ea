"""Two-player zero-sum games by linear programming.

In a zero-sum game the row player gets ``A[i, j]`` and the column player ``−A[i, j]`` (or, in a
constant-sum game, ``K − A[i, j]``).  A mixed strategy ``x`` of the row player *guarantees*
``min_j (xᵀA)_j``; a *maximin* strategy maximises this guarantee.  The minimax theorem (von
Neumann 1928) says that the row player's best guarantee equals the least the column player can
hold her to: this number is the *value* ``v`` of the game, a pair of strategies is a Nash
equilibrium exactly when both are maximin strategies, and every equilibrium pays the row player
``v`` (see e.g. B. von Stengel, "Zero-sum games and linear programming", lecture notes; or
Maschler, Solan & Zamir, *Game Theory*, 2013, ch. 5).

Each player's maximin strategy solves an LP (Dantzig 1951).  With ``M`` her own payoff matrix
(her strategies as rows) shifted by ``t = 1 − min M`` so that every entry is at least 1, her
guarantee is positive, and with ``u = x / (v + t)``:

    minimise Σu  subject to  (M + t)ᵀ u ≥ 1,  u ≥ 0;

then ``v + t = 1 / Σu`` and ``x = u / Σu``.  Both players' LPs are solved, in floats by HiGHS or
exactly by :func:`~hegemony_games.solvers.exact_lp.linprog_exact`, and the resulting pair is
verified as an equilibrium before it is returned.

>>> import hegemony_games as hg
>>> pennies = hg.NormalFormGame.zero_sum([[1, -1], [-1, 1]])
>>> solution = lp_solve(pennies)
>>> solution[0].strategies, solution.parameters["value"]
(((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2))), Fraction(0, 1))
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameError
from ..games.normal_form import NormalFormGame
from ..solution import Solution
from ._common import arithmetic, require_two_players, verified_equilibria
from .exact_lp import linprog_exact

__all__ = ["lp_solve", "game_value", "maximin_strategy"]

METHOD = "lp"


def lp_solve(game: NormalFormGame, exact: bool | None = None) -> Solution:
    """One equilibrium of a two-player zero-sum (or constant-sum) game: both maximin strategies.

    ``exact=None`` uses the game's own arithmetic (``Fraction`` for exact games).  The game's
    value (the row player's equilibrium payoff) is in ``solution.parameters["value"]``.  Every
    equilibrium of a zero-sum game has this value, but the game may have other equilibria:
    use :func:`hegemony_games.solve` to enumerate all of them.

    >>> import hegemony_games as hg
    >>> game = hg.NormalFormGame.zero_sum([[3, -1], [-2, 1]])
    >>> solution = lp_solve(game)
    >>> solution[0].strategies
    ((Fraction(3, 7), Fraction(4, 7)), (Fraction(2, 7), Fraction(5, 7)))
    >>> solution.parameters["value"]
    Fraction(1, 7)
    >>> float(lp_solve(game, exact=False).parameters["value"])  # doctest: +ELLIPSIS
    0.142857...
    """
    work, exact = _zero_sum_game(game, exact)
    A, B = work.payoffs
    x, _ = maximin_strategy(A, exact)
    y, _ = maximin_strategy(B.T, exact)
    equilibria = verified_equilibria(work, [[x, y]], exact)
    value = equilibria[0].payoffs[0]
    return Solution(work, equilibria, METHOD, exact, parameters={"value": value},
                    message="one equilibrium (a pair of maximin strategies); "
                            "every equilibrium of a zero-sum game has the same value")


def game_value(game: NormalFormGame, exact: bool | None = None) -> Any:
    """The value of a two-player zero-sum (or constant-sum) game: the row player's maximin payoff.

    A ``Fraction`` for exact arithmetic, a ``float`` otherwise.

    >>> import hegemony_games as hg
    >>> game_value(hg.NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]))
    Fraction(0, 1)
    >>> game_value(hg.NormalFormGame.zero_sum([[2, 3], [1, 4]]))  # a saddle point
    Fraction(2, 1)
    """
    work, exact = _zero_sum_game(game, exact)
    return maximin_strategy(work.payoffs[0], exact)[1]


def maximin_strategy(M: Any, exact: bool) -> tuple[tuple, Any]:
    """A maximin mixed strategy over the rows of ``M`` (the chooser's payoffs) and its guarantee.

    The row chooser picks a row, the opponent a column; the guarantee is the largest
    ``min_j (xᵀM)_j`` over mixed strategies ``x``.

    >>> maximin_strategy([[1, 0], [0, 2]], exact=True)
    ((Fraction(2, 3), Fraction(1, 3)), Fraction(2, 3))
    """
    M = np.asarray(M, dtype=object if exact else float)
    if M.ndim != 2 or M.size == 0:
        raise GameError(f"maximin_strategy needs a non-empty matrix, got shape {M.shape}")
    m, n = M.shape
    shift = 1 - M.min()  # entries of M + shift are ≥ 1, so the guarantee is ≥ 1
    shifted = (M + shift).T
    if exact:
        res = linprog_exact([1] * m, A_ub=(-shifted).tolist(), b_ub=[-1] * n)
        if res.status != "optimal":  # pragma: no cover - the LP is feasible and bounded
            raise RuntimeError(f"internal error: the maximin LP is {res.status}")
        total = sum(res.x)
        return tuple(u / total for u in res.x), 1 / total - Fraction(shift)
    from scipy.optimize import linprog

    res = linprog(np.ones(m), A_ub=-shifted.astype(float), b_ub=-np.ones(n), method="highs",
                  options={"primal_feasibility_tolerance": 1e-10,
                           "dual_feasibility_tolerance": 1e-10})
    if res.status != 0:  # pragma: no cover - the LP is feasible and bounded
        raise RuntimeError(f"internal error: HiGHS failed on the maximin LP: {res.message}")
    u = np.clip(res.x, 0.0, None)
    return tuple(float(p) for p in u / u.sum()), float(1 / u.sum() - shift)


def _zero_sum_game(game: NormalFormGame, exact: bool | None) -> tuple[NormalFormGame, bool]:
    require_two_players(game, METHOD)
    work, exact = arithmetic(game, exact)
    if not work.is_zero_sum():
        raise GameError("method 'lp' needs a zero-sum (or constant-sum) game, but the two players' "
                        "payoffs do not add up to the same constant in every cell"
                        + (" exactly" if exact else "")
                        + "; use hg.solve(game) with a general method such as vertex enumeration")
    return work, exact
