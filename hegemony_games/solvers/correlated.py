"""Correlated and coarse correlated equilibria of N-player normal-form games, by linear programming.

A *correlated equilibrium* (Aumann, "Subjectivity and correlation in randomized strategies",
J. Math. Econ. 1:67–96, 1974) is a probability distribution p over pure profiles such that no
player gains by deviating from a recommended action a to another action a′:

    Σ_{s₋ᵢ} p(a, s₋ᵢ) · [uᵢ(a′, s₋ᵢ) − uᵢ(a, s₋ᵢ)] ≤ 0     for every player i and actions a ≠ a′.

A *coarse correlated equilibrium* (Moulin & Vial, "Strategically zero-sum games", Int. J. Game
Theory 7:201–221, 1978) only asks that no player prefers a fixed action a′ to following the
distribution, before seeing her recommendation:

    Σ_s p(s) · [uᵢ(a′, s₋ᵢ) − uᵢ(s)] ≤ 0     for every player i and action a′.

Both sets are polytopes (p ≥ 0, Σp = 1 and these linear inequalities), CE ⊆ CCE, and every Nash
equilibrium, as the product of its mixed strategies, is a CE.  Optimising a linear objective
over them is a linear program (Gilboa & Zemel, "Nash and correlated equilibria: some
complexity considerations", GEB 1:80–93, 1989), with Πᵢ nᵢ variables and Σᵢ nᵢ(nᵢ − 1) (CE) or
Σᵢ nᵢ (CCE) inequalities.

Float games are solved with HiGHS (``scipy.optimize.linprog``) and verified within the game's
tolerance; exact games with :func:`~hegemony_games.solvers.exact_lp.linprog_exact` (HiGHS plus
an exact optimality certificate, or an exact simplex), so the distribution and the optimum are
exact ``Fraction``\\ s and the largest incentive violation is exactly zero.

The vertices of the polytope are enumerated exactly by the double description method (Motzkin,
Raiffa, Thompson & Thrall 1953; Fukuda & Prodon, "Double description method revisited", 1996)
on the cone {p ≥ 0 : incentive constraints}: its extreme rays, scaled to sum one, are the
vertices.  This is meant for small games (``max_profiles`` pure profiles, 16 by default: 4×4, 2×2×2×2).

>>> import hegemony_games as hg
>>> chicken = hg.NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
>>> ce = correlated_equilibrium(chicken)           # the welfare-maximising CE (Aumann's example)
>>> ce.distribution.tolist()
[[Fraction(1, 2), Fraction(1, 4)], [Fraction(1, 4), Fraction(0, 1)]]
>>> ce.payoffs, ce.objective_value, ce.max_violation()
((Fraction(21, 4), Fraction(21, 4)), Fraction(21, 2), Fraction(0, 1))
>>> len(correlated_equilibria_vertices(chicken))
5
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ..errors import GameError
from ..games.normal_form import NormalFormGame
from ..numbers import format_number, to_exact
from ._common import VerificationError, arithmetic

__all__ = ["CorrelatedEquilibrium", "correlated_equilibrium", "correlated_equilibria_vertices",
           "incentive_constraints"]

#: Games with more pure profiles than this are refused by the vertex enumeration by default.
MAX_VERTEX_PROFILES = 16


@dataclass(frozen=True, eq=False)
class CorrelatedEquilibrium:
    """A (coarse) correlated equilibrium: a distribution over the game's pure profiles.

    ``distribution`` has the game's shape (``distribution[s1, ..., sN]`` is the probability
    of that profile), with ``Fraction`` entries when ``exact`` and floats otherwise.
    ``objective_value`` is the optimum of the objective it was computed for (``None`` for a
    vertex).  ``coarse`` says which incentive constraints it satisfies.
    """

    game: NormalFormGame
    distribution: np.ndarray
    coarse: bool
    exact: bool
    objective_value: Any = None
    method: str = ""
    details: dict = field(default_factory=dict)

    @property
    def payoffs(self) -> tuple:
        """Each player's expected payoff under the distribution."""
        return tuple(_dot(u, self.distribution) for u in self.game.payoffs)

    def marginals(self) -> tuple[tuple, ...]:
        """Each player's marginal distribution over her own strategies."""
        n = self.game.num_players
        return tuple(tuple(_sum(self.distribution, tuple(j for j in range(n) if j != i)))
                     for i in range(n))

    def support(self) -> list[tuple[int, ...]]:
        """The pure profiles with positive probability, in lexicographic order."""
        return [tuple(int(k) for k in s) for s in np.argwhere(_positive(self.distribution))]

    def violations(self, coarse: bool | None = None) -> tuple:
        """Per player, the largest gain from a deviation (0 when none gains; exact when exact).

        ``coarse`` chooses the constraints (default: the ones this equilibrium was computed for).
        """
        coarse = self.coarse if coarse is None else coarse
        p = self.distribution.ravel()
        zero = Fraction(0) if self.exact else 0.0
        out = []
        for rows in _player_constraints(self.game, coarse):
            gains = [_dot(np.asarray(row), p) for row in rows]
            out.append(max([zero, *gains]))
        return tuple(out)

    def max_violation(self, coarse: bool | None = None):
        """The largest gain any player gets from any deviation: exactly 0 for an exact result."""
        return max(self.violations(coarse))

    def to_dict(self) -> dict:
        """JSON-ready: the support with probabilities (exact as strings ``"1/4"``) and payoffs."""
        def num(v):
            return str(v) if isinstance(v, Fraction) else float(v)
        return {"coarse": self.coarse, "exact": self.exact,
                "distribution": [{"profile": [self.game.strategies[i][k] for i, k in enumerate(s)],
                                  "probability": num(self.distribution[s])} for s in self.support()],
                "payoffs": [num(u) for u in self.payoffs],
                "objective_value": None if self.objective_value is None else num(self.objective_value)}

    def __repr__(self) -> str:
        what = "CoarseCorrelatedEquilibrium" if self.coarse else "CorrelatedEquilibrium"
        labels = self.game.strategies
        cells = ", ".join("(" + ",".join(labels[i][k] for i, k in enumerate(s)) + "): "
                          + format_number(self.distribution[s]) for s in self.support())
        pay = ", ".join(format_number(u) for u in self.payoffs)
        return f"{what}({{{cells}}}, payoffs=({pay}))"


def correlated_equilibrium(game: NormalFormGame, objective: Any = "welfare", coarse: bool = False,
                           exact: bool | None = None, maximize: bool = True) -> CorrelatedEquilibrium:
    """A (coarse) correlated equilibrium that optimises a linear objective, verified.

    Parameters
    ----------
    game:
        A numeric :class:`~hegemony_games.NormalFormGame` with any number of players.
    objective:
        ``"welfare"`` (default: the sum of the players' expected payoffs); a sequence of N
        weights (the weighted sum ``Σᵢ wᵢ uᵢ``, e.g. ``[1, 0]`` for player 1's payoff); an
        array of the game's shape (a value per pure profile, ``Σ_s c(s) p(s)``); or ``None``
        (any correlated equilibrium: a feasibility problem).
    coarse:
        ``True`` for coarse correlated equilibria (Moulin & Vial), ``False`` for correlated ones.
    exact:
        ``True`` for rational arithmetic, ``False`` for float64, ``None`` (default) follows the game.
    maximize:
        ``False`` minimises the objective instead.

    The result has zero incentive violation exactly (exact) or within the game's tolerance
    (float); a violation beyond that raises :class:`~hegemony_games.solvers._common.VerificationError`.

    >>> import hegemony_games as hg
    >>> pennies = hg.NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    >>> ce = correlated_equilibrium(pennies, objective=[1, 0])   # best CE for player 1
    >>> ce.payoffs                                               # the value of the game
    (Fraction(0, 1), Fraction(0, 1))
    >>> cce = correlated_equilibrium(pennies, objective=None, coarse=True, exact=False)
    >>> float(cce.max_violation()) <= pennies.tolerance()
    True
    """
    if not isinstance(game, NormalFormGame):
        raise GameError(f"correlated_equilibrium needs a NormalFormGame, got {type(game).__name__}")
    if exact not in (None, True, False):
        raise GameError(f"exact must be True, False or None, got {exact!r}")
    work, exact = arithmetic(game, exact)
    c = _objective(work, objective, exact)
    rows = [row for rows in _player_constraints(work, coarse) for row in rows]
    size = int(np.prod(work.shape))
    sign = -1 if maximize else 1
    if exact:
        from .exact_lp import linprog_exact
        res = linprog_exact([sign * v for v in c], A_ub=rows or None, b_ub=[0] * len(rows) or None,
                            A_eq=[[1] * size], b_eq=[1])
        if not res.success:  # pragma: no cover - the CE polytope is never empty (it holds every NE)
            raise RuntimeError(f"internal error: the correlated-equilibrium LP is {res.status}")
        p = np.empty(size, dtype=object)
        p[:] = list(res.x)
        method = f"lp-exact ({res.method})"
    else:
        p = _highs(np.asarray(c, dtype=float), np.asarray(rows, dtype=float).reshape(len(rows), size),
                   sign)
        method = "lp-highs"
    value = _dot(np.asarray(c, dtype=object if exact else float), p)
    eq = CorrelatedEquilibrium(work, p.reshape(work.shape), coarse, exact,
                               None if objective is None else value, method)
    _verify(eq)
    return eq


def correlated_equilibria_vertices(game: NormalFormGame, coarse: bool = False,
                                   max_profiles: int = MAX_VERTEX_PROFILES,
                                   max_rays: int = 20_000) -> tuple[CorrelatedEquilibrium, ...]:
    """Every vertex of the (coarse) correlated-equilibrium polytope, exactly.

    The polytope is the convex hull of the returned distributions; each has zero incentive
    violation exactly.  Float payoffs are read through their decimal form (0.1 → 1/10) and
    the vertices are returned as ``Fraction``\\ s.  The number of vertices can grow very
    quickly with the game, so games with more than ``max_profiles`` pure profiles are refused,
    and the enumeration stops with a :class:`~hegemony_games.GameError` when an intermediate
    step holds more than ``max_rays`` rays.  Vertices are sorted by their distribution.

    >>> import hegemony_games as hg
    >>> bos = hg.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> for v in correlated_equilibria_vertices(bos):
    ...     print([str(x) for x in v.distribution.ravel()])
    ['0', '0', '0', '1']
    ['2/9', '4/9', '1/9', '2/9']
    ['1/4', '1/2', '0', '1/4']
    ['2/5', '0', '1/5', '2/5']
    ['1', '0', '0', '0']
    """
    if not isinstance(game, NormalFormGame):
        raise GameError(f"correlated_equilibria_vertices needs a NormalFormGame, got {type(game).__name__}")
    work, _ = arithmetic(game, True)
    size = int(np.prod(work.shape))
    if size > max_profiles:
        raise GameError(f"the game has {size} pure profiles; vertex enumeration of the correlated-"
                        f"equilibrium polytope is limited to max_profiles={max_profiles} (raise it "
                        "at your own risk: the number of vertices can grow exponentially)")
    rows = [_integer_row(row) for rows in _player_constraints(work, coarse) for row in rows]
    rays = _extreme_rays([[-v for v in row] for row in rows], size, max_rays)
    vertices = []
    for ray in rays:
        total = sum(ray)
        p = np.empty(size, dtype=object)
        p[:] = [Fraction(v, total) for v in ray]
        vertices.append(p)
    vertices.sort(key=lambda p: tuple(p))
    out = tuple(CorrelatedEquilibrium(work, p.reshape(work.shape), coarse, True,
                                      method="double-description") for p in vertices)
    for eq in out:
        _verify(eq)
    return out


def incentive_constraints(game: NormalFormGame, coarse: bool = False) -> list[list]:
    """The rows g of the incentive constraints g·p ≤ 0 over the flattened (C-order) distribution p.

    One row per player i and ordered pair a ≠ a′ (CE), or per player i and action a′ (CCE);
    players in order, then a, then a′.

    >>> import hegemony_games as hg
    >>> pd = hg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> [[int(v) for v in row] for row in incentive_constraints(pd)]
    [[2, 1, 0, 0], [0, 0, -2, -1], [2, 0, 1, 0], [0, -2, 0, -1]]
    """
    game._require_numeric("build the correlated-equilibrium constraints")
    return [row for rows in _player_constraints(game, coarse) for row in rows]


# --------------------------------------------------------------------------- helpers
def _player_constraints(game: NormalFormGame, coarse: bool) -> list[list[list]]:
    """Per player, the rows g with g·p ≤ 0 (flattened in C order)."""
    out = []
    for i, u in enumerate(game.payoffs):
        n = game.shape[i]
        rows = []
        if coarse:
            for b in range(n):
                gain = np.expand_dims(np.take(u, b, axis=i), i) - u   # u_i(b, s₋ᵢ) − u_i(s)
                rows.append(list(gain.ravel()))
        else:
            for a in range(n):
                for b in range(n):
                    if a == b:
                        continue
                    row = np.zeros_like(u)
                    index = [slice(None)] * game.num_players
                    index[i] = a
                    row[tuple(index)] = np.take(u, b, axis=i) - np.take(u, a, axis=i)
                    rows.append(list(row.ravel()))
        out.append(rows)
    return out


def _objective(game: NormalFormGame, objective: Any, exact: bool) -> list:
    zero = Fraction(0) if exact else 0.0
    convert = to_exact if exact else float
    if objective is None:
        return [zero] * int(np.prod(game.shape))
    if isinstance(objective, str):
        if objective != "welfare":
            raise GameError(f"objective must be 'welfare', a weight per player, an array of the "
                            f"game's shape {game.shape}, or None; got {objective!r}")
        weights: Any = [1] * game.num_players
    else:
        weights = np.asarray(objective, dtype=object)
        if weights.ndim == game.num_players > 1:
            if weights.shape != game.shape:
                raise GameError(f"a per-profile objective must have the game's shape {game.shape}, "
                                f"got {weights.shape}")
            return [convert(v) for v in weights.ravel()]
        if weights.shape != (game.num_players,):
            raise GameError(f"objective weights must be one number per player ({game.num_players}) "
                            f"or an array of the game's shape {game.shape}; got shape {weights.shape}")
    w = [convert(v) for v in weights]
    total = sum((wi * u for wi, u in zip(w, game.payoffs)), np.zeros(game.shape, dtype=object)
                if exact else np.zeros(game.shape))
    return list(total.ravel())


def _highs(c: np.ndarray, G: np.ndarray, sign: int) -> np.ndarray:
    from scipy.optimize import linprog

    size = len(c)
    res = linprog(sign * c, A_ub=G if len(G) else None, b_ub=np.zeros(len(G)) if len(G) else None,
                  A_eq=np.ones((1, size)), b_eq=[1.0], bounds=(0, None), method="highs")
    if res.status != 0:  # pragma: no cover - the CE polytope is never empty
        raise RuntimeError(f"internal error: HiGHS did not solve the correlated-equilibrium LP: {res.message}")
    p = np.clip(res.x, 0.0, None)   # HiGHS may return -1e-17 for a zero
    return p / p.sum()


def _verify(eq: CorrelatedEquilibrium) -> None:
    p = eq.distribution
    if eq.exact:
        ok = all(v >= 0 for v in p.flat) and sum(p.flat) == 1 and eq.max_violation() == 0
    else:
        tol = eq.game.tolerance()
        ok = bool(np.all(p >= 0)) and abs(float(p.sum()) - 1) <= 1e-9 and float(eq.max_violation()) <= tol
    if not ok:
        raise VerificationError(f"the LP returned a distribution that is not a "
                                f"{'coarse ' if eq.coarse else ''}correlated equilibrium "
                                f"(largest gain from deviating: {eq.max_violation()})")


def _integer_row(row: Sequence[Any]) -> list[int]:
    values = [to_exact(v) for v in row]
    den = math.lcm(*(v.denominator for v in values)) if values else 1
    ints = [int(v * den) for v in values]
    g = math.gcd(*ints)
    return [v // g for v in ints] if g > 1 else ints


def _extreme_rays(constraints: list[list[int]], dim: int, max_rays: int) -> list[tuple[int, ...]]:
    """Extreme rays of the pointed cone {x ≥ 0 : h·x ≥ 0 for each row h}, as primitive integer vectors.

    Double description: start from the orthant's rays (the unit vectors) and add one constraint
    at a time.  Rays strictly inside the new half-space stay, and each *adjacent* pair of rays on
    opposite sides gives a new ray on the hyperplane.  Two rays are adjacent when no third ray
    is tight on every constraint on which both are tight (the combinatorial test, valid in a
    pointed cone; Fukuda & Prodon 1996), after the cheap necessary test that at least n − 2
    constraints are tight on both (a 2-face of a pointed cone in Rⁿ has rank n − 2).  Tight sets
    are bitmasks over all constraints seen.
    """
    rays: list[tuple[tuple[int, ...], int]] = []
    for k in range(dim):
        ray = tuple(int(j == k) for j in range(dim))
        rays.append((ray, ((1 << dim) - 1) & ~(1 << k)))   # x_j ≥ 0 is tight for j ≠ k
    for index, h in enumerate(constraints):
        bit = 1 << (dim + index)
        values = [sum(a * x for a, x in zip(h, ray) if a and x) for ray, _ in rays]
        pos = [r for r, v in zip(rays, values) if v > 0]
        neg = [(r, v) for r, v in zip(rays, values) if v < 0]
        zero = [(ray, mask | bit) for (ray, mask), v in zip(rays, values) if v == 0]
        if not neg:
            rays = pos + zero
            continue
        pos_values = [v for v in values if v > 0]
        masks = [mask for _, mask in rays]
        new = []
        for (rp, mp), vp in zip(pos, pos_values):
            for (rn, mn), vn in neg:
                common = mp & mn
                if common.bit_count() < dim - 2:   # a 2-face needs rank n − 2 of tight rows
                    continue
                if sum(1 for m in masks if m & common == common) > 2:   # a third ray: not adjacent
                    continue
                combined = [vp * a - vn * b for a, b in zip(rn, rp)]
                g = math.gcd(*combined)
                new.append((tuple(v // g for v in combined), common | bit))
                if len(new) + len(pos) + len(zero) > max_rays:
                    raise GameError(f"vertex enumeration stopped: more than max_rays={max_rays} "
                                    "intermediate rays (the polytope is too large to enumerate)")
        rays = pos + zero + new
    return [ray for ray, _ in rays]


def _dot(a: Any, b: Any) -> Any:
    a, b = np.asarray(a).ravel(), np.asarray(b).ravel()
    if a.dtype == object or b.dtype == object:
        return sum((x * y for x, y in zip(a, b) if x and y), Fraction(0))
    return float(np.dot(a, b))


def _sum(p: np.ndarray, axes: tuple[int, ...]) -> np.ndarray:
    return p.sum(axis=axes) if axes else p


def _positive(p: np.ndarray) -> np.ndarray:
    return np.vectorize(lambda v: v > 0, otypes=[bool])(p)
