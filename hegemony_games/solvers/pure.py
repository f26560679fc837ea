"""Pure-strategy Nash equilibria of N-player games, by best-response masks.

A pure profile s is an equilibrium when every s_i maximises u_i(·, s₋ᵢ): for each player the
array ``u_i == max over axis i`` marks her best responses, and the equilibria are the profiles
marked for every player.  Exact games compare exactly, float games within the game tolerance.
"""
from __future__ import annotations

import numpy as np

from ..games.normal_form import NormalFormGame
from ..solution import Solution
from ._common import arithmetic, verified_equilibria

__all__ = ["pure_solve", "pure_equilibrium_profiles"]

METHOD = "pure"


def pure_equilibrium_profiles(game: NormalFormGame) -> list[tuple[int, ...]]:
    """Strategy indices of every pure equilibrium of a numeric game, in lexicographic order.

    >>> import hegemony_games as hg
    >>> pd = hg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> pure_equilibrium_profiles(pd)
    [(1, 1)]
    """
    game._require_numeric("find pure equilibria")
    tol = game.tolerance()
    everyone_best = np.ones(game.shape, dtype=bool)
    for i, u in enumerate(game.payoffs):
        best = np.max(u, axis=i, keepdims=True)
        everyone_best &= (u == best) if game.is_exact else (u >= best - tol)
    return [tuple(int(s) for s in profile) for profile in np.argwhere(everyone_best)]


def pure_solve(game: NormalFormGame, exact: bool | None = None) -> Solution:
    """All pure-strategy equilibria of an N-player game (mixed equilibria are not searched).

    >>> import hegemony_games as hg
    >>> coordination = hg.NormalFormGame([[[1, 0], [0, 1]], [[1, 0], [0, 1]]])
    >>> [e.support() for e in pure_solve(coordination)]
    [((0,), (0,)), ((1,), (1,))]
    """
    work, exact = arithmetic(game, exact)
    profiles = [[_unit(n, s, exact) for n, s in zip(work.shape, choice)]
                for choice in pure_equilibrium_profiles(work)]
    return Solution(work, verified_equilibria(work, profiles, exact), METHOD, exact,
                    message="pure equilibria only")


def _unit(n: int, k: int, exact: bool) -> list:
    one, zero = (1, 0) if exact else (1.0, 0.0)
    return [one if j == k else zero for j in range(n)]
