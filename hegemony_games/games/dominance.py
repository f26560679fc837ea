"""Dominated strategies and their iterated elimination, in N-player normal-form games.

Write ``u_i(s, t)`` for player i's payoff from her pure strategy ``s`` against a pure profile
``t`` of the other players.  A mixed strategy σ of player i that puts no weight on ``s``

* **strictly dominates** ``s`` when ``Σ_r σ_r u_i(r, t) > u_i(s, t)`` for every ``t``;
* **weakly dominates** ``s`` when ``Σ_r σ_r u_i(r, t) ≥ u_i(s, t)`` for every ``t``, with ``>``
  for at least one ``t``.

Comparing against the others' *pure* profiles suffices, because payoffs against mixed profiles
are averages of these.  A strategy can be strictly dominated by a mixture without being dominated
by any pure strategy: rows ``(3, 0), (0, 3), (1, 1)`` — the last is beaten by ``½, ½``.  In a
two-player game a strategy is strictly dominated exactly when it is never a best response
(Pearce 1984).  References: Maschler, Solan & Zamir, *Game Theory*, 2013, ch. 4; Fudenberg &
Tirole, *Game Theory*, 1991, §2.1.

Deciding dominance by a mixture is a linear program over σ (with ``σ ≥ 0``, ``Σσ = 1``):

* strict: maximise ε subject to ``Σ_r σ_r u_i(r, t) − ε ≥ u_i(s, t)`` for all ``t``, ``ε ≥ 0``;
  ``s`` is strictly dominated exactly when the optimum has ``ε > 0``;
* weak: maximise ``Σ_t (Σ_r σ_r u_i(r, t) − u_i(s, t))`` subject to
  ``Σ_r σ_r u_i(r, t) ≥ u_i(s, t)`` for all ``t``; weakly dominated exactly when the optimum is
  ``> 0``.

Exact games are decided exactly (:func:`~hegemony_games.solvers.exact_lp.linprog_exact`).  Float
games use HiGHS and the game's tolerance τ (:meth:`NormalFormGame.tolerance`) conservatively:
strict dominance needs a margin ``> τ`` against every profile, weak dominance a loss of at most
τ everywhere and a gain ``> τ`` somewhere; near-ties count as *not* dominated.  Every dominating
strategy found is checked against these definitions before it is reported.

>>> import hegemony_games as hg
>>> game = hg.NormalFormGame.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[0, 0], [0, 0], [0, 0]])
>>> dominated_strategies(game, 0), dominated_strategies(game, 0, mixed=False)
([2], [])
>>> dominating_strategy(game, 0, 2)
(Fraction(1, 2), Fraction(1, 2), Fraction(0, 1))
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import GameError
from ..solvers.exact_lp import linprog_exact
from .normal_form import NormalFormGame

__all__ = ["dominated_strategies", "dominating_strategy", "iterated_elimination"]


def dominating_strategy(game: NormalFormGame, player: int | str, strategy: int, strict: bool = True,
                        mixed: bool = True, exact: bool | None = None) -> tuple | None:
    """A strategy of ``player`` that dominates her pure ``strategy``, or ``None`` if none does.

    The certificate is a probability vector over all of the player's strategies, zero at
    ``strategy``: a pure strategy when one dominates, otherwise (with ``mixed=True``) a mixture
    found by LP.  ``strict=False`` asks for weak dominance.  ``exact=None`` decides in the game's
    own arithmetic; ``exact=True`` decides a float game exactly (reading floats as decimals).

    >>> import hegemony_games as hg
    >>> pd = hg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> dominating_strategy(pd, 0, 0)      # D dominates C for the row player
    (Fraction(0, 1), Fraction(1, 1))
    >>> dominating_strategy(pd, "Player 2", 1) is None
    True
    """
    work, exact, tol = _arithmetic(game, exact)
    i = _player_index(work, player)
    if not 0 <= strategy < work.shape[i]:
        raise GameError(f"{work.players[i]} has strategies 0..{work.shape[i] - 1}; got {strategy!r}")
    return _dominator(_payoff_rows(work, i), strategy, strict, mixed, exact, tol)


def dominated_strategies(game: NormalFormGame, player: int | str, strict: bool = True,
                         mixed: bool = True, exact: bool | None = None) -> list[int]:
    """Indices of ``player``'s pure strategies that are dominated (strictly unless ``strict=False``).

    ``mixed=False`` considers domination by pure strategies only.  ``player`` is a 0-based index
    or a player name.

    >>> import hegemony_games as hg
    >>> game = hg.NormalFormGame.from_bimatrix([[1, 1], [1, 0]], [[0, 0], [0, 0]])
    >>> dominated_strategies(game, 0), dominated_strategies(game, 0, strict=False)
    ([], [1])
    """
    work, exact, tol = _arithmetic(game, exact)
    i = _player_index(work, player)
    rows = _payoff_rows(work, i)
    return [s for s in range(work.shape[i])
            if _dominator(rows, s, strict, mixed, exact, tol) is not None]


def iterated_elimination(game: NormalFormGame, strict: bool = True, mixed: bool = True,
                         exact: bool | None = None) -> tuple[NormalFormGame, list[list[int]]]:
    """Iterated elimination of dominated strategies; returns the reduced game and, per player,
    the original indices of the strategies kept.

    Each round removes, simultaneously, every dominated strategy of every player in the current
    game, until a round removes nothing.  For strict dominance the order of elimination does not
    matter: every order ends in the same game (Gilboa, Kalai & Zemel 1990; Osborne & Rubinstein
    1994, §4.2).  For weak dominance (``strict=False``) the order matters, and the result is the
    one of this simultaneous, maximal procedure.  Deleting a strictly dominated strategy never
    changes the set of Nash equilibria.

    >>> import hegemony_games as hg
    >>> # Gibbons (1992, §1.1.B): R is dominated by M, then D by U, then L by M.
    >>> game = hg.NormalFormGame.from_bimatrix([[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]],
    ...                                        strategies=[["U", "D"], ["L", "M", "R"]])
    >>> reduced, kept = iterated_elimination(game)
    >>> kept, reduced.strategies
    ([[0], [1]], (('U',), ('M',)))
    """
    work, exact, tol = _arithmetic(game, exact)
    kept = [list(range(n)) for n in work.shape]
    current = work
    while True:
        drops = []
        for i, n in enumerate(current.shape):
            rows = _payoff_rows(current, i)
            drop = {s for s in range(n) if _dominator(rows, s, strict, mixed, exact, tol) is not None}
            # Some strategy always survives (one with the largest payoff sum); only float
            # tolerances could claim otherwise, and then the player keeps everything.
            drops.append(drop if len(drop) < n else set())
        if not any(drops):
            return game.restrict(kept), kept
        kept = [[k for pos, k in enumerate(keep) if pos not in drop] for keep, drop in zip(kept, drops)]
        current = work.restrict(kept)


# --------------------------------------------------------------------------- kernels
def _dominator(rows: np.ndarray, s: int, strict: bool, mixed: bool, exact: bool,
               tol: Any) -> tuple | None:
    """A checked dominating strategy for row ``s`` of ``rows`` (strategies × opponent profiles)."""
    n = rows.shape[0]
    others = [r for r in range(n) if r != s]
    target = rows[s]
    for r in others:
        if _dominates(rows[r], target, strict, tol):
            return _embed({r: 1}, n, exact)
    if not mixed or len(others) < 2:
        return None
    best_other = rows[others].max(axis=0)
    if strict and any(target >= best_other - tol):
        return None  # s is a best response to some profile: no mixture beats it there
    if not strict and any(target > best_other + tol):
        return None  # s is the unique best response to some profile
    weights = _lp_weights(rows[others], target, strict, exact, tol)
    if weights is None:
        return None
    mixture = _embed(dict(zip(others, weights)), n, exact)
    if not _dominates(np.dot(mixture, rows), target, strict, tol):
        if exact:  # pragma: no cover - the exact LP optimum dominates by construction
            raise RuntimeError("internal error: the exact dominance LP returned a non-dominating mixture")
        return None
    return mixture


def _lp_weights(V: np.ndarray, target: np.ndarray, strict: bool, exact: bool,
                tol: float) -> list | None:
    """The LP of the module docstring over the rows of ``V``: the optimal weights, or ``None``
    when the LP is infeasible or (exactly) its optimum is not positive."""
    k, profiles = V.shape
    threshold = 0 if strict else -sum(target)  # the objective value of "no gain at all"
    if strict:  # variables σ_1..σ_k, ε; minimise −ε
        c = [0] * k + [-1]
        A_ub = [[-v for v in V[:, t]] + [1] for t in range(profiles)]
        b_ub = [-v for v in target]
        A_eq, b_eq = [[1] * k + [0]], [1]
    else:  # variables σ_1..σ_k; minimise −Σ_t σ·V[:, t]
        c = [-v for v in V.sum(axis=1)]
        A_ub = [[-v for v in V[:, t]] for t in range(profiles)]
        b_ub = [tol - v for v in target]
        A_eq, b_eq = [[1] * k], [1]
    if exact:
        res = linprog_exact(c, A_ub, b_ub, A_eq, b_eq)
        return list(res.x[:k]) if res.success and res.fun < threshold else None
    from scipy.optimize import linprog

    res = linprog(np.array(c, dtype=float), A_ub=np.array(A_ub, dtype=float), b_ub=np.array(b_ub, dtype=float),
                  A_eq=np.array(A_eq, dtype=float), b_eq=np.array(b_eq, dtype=float), method="highs")
    if res.status != 0:
        return None
    sigma = np.clip(res.x[:k], 0.0, None)
    return list(sigma / sigma.sum())


def _dominates(payoffs: np.ndarray, target: np.ndarray, strict: bool, tol: float) -> bool:
    gain = payoffs - target
    if strict:
        return bool(all(gain > tol))
    return bool(all(gain >= -tol) and any(gain > tol))


def _embed(weights: dict, n: int, exact: bool) -> tuple:
    zero = Fraction(0) if exact else 0.0
    return tuple((Fraction(weights[r]) if exact else float(weights[r])) if r in weights else zero
                 for r in range(n))


def _payoff_rows(game: NormalFormGame, player: int) -> np.ndarray:
    """Player ``player``'s payoffs as a matrix: her strategies × the others' pure profiles."""
    u = np.moveaxis(game.payoffs[player], player, 0)
    return u.reshape(u.shape[0], -1)


def _arithmetic(game: NormalFormGame, exact: bool | None) -> tuple[NormalFormGame, bool, Any]:
    """The game in the arithmetic asked for, whether it is exact, and the tolerance (int 0 if exact)."""
    game._require_numeric("decide dominance")
    exact = game.is_exact if exact is None else bool(exact)
    if exact:
        return game.as_exact(), True, 0
    work = game.as_float()
    return work, False, work.tolerance()


def _player_index(game: NormalFormGame, player: Any) -> int:
    if isinstance(player, str) and player in game.players:
        return game.players.index(player)
    if isinstance(player, (int, np.integer)) and not isinstance(player, bool) \
            and 0 <= player < game.num_players:
        return int(player)
    raise GameError(f"player must be an index 0..{game.num_players - 1} or one of the names "
                    f"{list(game.players)}; got {player!r}")
