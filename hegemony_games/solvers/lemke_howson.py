r"""Lemke–Howson: one Nash equilibrium of a bimatrix game by complementary pivoting.

The mathematics
---------------
Let the row player have payoff matrix :math:`A` (m × n) and the column player :math:`B`.
Adding a constant to a player's payoffs, or scaling them by a positive number, does not change
the equilibria, so assume :math:`A, B > 0`.  The *best-response polytopes* are

.. math::

    P = \{x \in \mathbb{R}^m : x \ge 0,\ B^\top x \le 1\}, \qquad
    Q = \{y \in \mathbb{R}^n : y \ge 0,\ A y \le 1\}.

**Labels.**  This module numbers the labels ``0 .. m+n-1``: label ``i < m`` is the row
player's pure strategy ``i`` and label ``m + j`` the column player's pure strategy ``j``.
A point :math:`x \in P` has label ``i`` when :math:`x_i = 0` and label ``m + j`` when
:math:`(B^\top x)_j = 1` (strategy ``j`` is a best response of the column player to ``x``);
:math:`y \in Q` has label ``m + j`` when :math:`y_j = 0` and label ``i`` when
:math:`(A y)_i = 1`.  A pair :math:`(x, y) \ne (0, 0)` in :math:`P \times Q` is *completely
labelled* (every label ``0 .. m+n-1`` belongs to ``x`` or to ``y``) exactly when
:math:`(x / \sum x,\ y / \sum y)` is a Nash equilibrium.  The same numbering is used by
QuantEcon's ``init_pivot`` and nashpy's ``initial_dropped_label``.

**The path.**  Start at the artificial equilibrium :math:`(0, 0)`, which has every label.
*Dropping* label ``k`` means moving along the unique edge of :math:`P` (``k < m``) or
:math:`Q` (``k ≥ m``) that leaves the facet of label ``k``; the vertex reached has one new
label, which is now *duplicate*: drop it in the other polytope, and so on, alternating,
until the missing label ``k`` is picked up again.  The end point is an equilibrium
(Lemke & Howson, "Equilibrium points of bimatrix games", SIAM J. Appl. Math. 12, 1964;
von Stengel, "Computing equilibria for two-person games", *Handbook of Game Theory* vol. 3,
2002, §3).

**Tableaux.**  Each polytope is a tableau with one column per label and a right-hand side:
``P`` has the n rows :math:`B^\top x + s = 1` (columns ``0..m-1`` are :math:`x`,
columns ``m..m+n-1`` the slacks :math:`s`), ``Q`` has the m rows :math:`r + A y = 1`
(columns ``0..m-1`` the slacks :math:`r`, columns ``m..m+n-1`` are :math:`y`).  Nonbasic
variables are zero, so the labels of the current vertex are the nonbasic columns.  Making
a label's variable basic (the *entering* column) is one pivot; the *minimum-ratio test*
decides which basic variable leaves, and its label is the one picked up.

**Lexicographic minimum-ratio test.**  On a degenerate game several rows can tie in the
ratio test, and an arbitrary choice can make the path cycle or end at a point that is not
an equilibrium.  Ties are broken by comparing, among the tied rows ``i``, the rows
:math:`(\text{rhs}_i, (B^{-1})_{i\cdot}) / a_{ic}` lexicographically, where :math:`B^{-1}`
is read from the slack columns of the tableau.  This is the simplex method's lexicographic
rule: it follows the path of the game whose right-hand side is perturbed to
:math:`1 + (\varepsilon, \varepsilon^2, \dots)`, which is nondegenerate, so the rule always
picks a unique row, never cycles, and ends at an equilibrium of the original game
(von Stengel 2002, §3.6).

**Arithmetic.**  The path is always followed first in float64, by a compiled kernel
(:mod:`._lh_kernel`: numba when it is installed, ``pip install "hegemony_games[fast]"``, and
numpy otherwise; both follow the same path with the same operations, so they give the same
result; the first call after installing numba compiles the kernel, about a second or two,
and the compiled code is cached on disk).  Ties within a small tolerance go to the
lexicographic rule.  Its end is a complementary basis, and the equilibrium is read from the
*support systems* of that basis rather than from the tableau:
:math:`A_{RS}\,y_S = v\mathbf 1,\ \mathbf 1^\top y_S = 1` for the column player's support
``S`` (her basic variables) and the row player's best responses ``R`` (the nonbasic slacks),
and likewise for ``x``.  In float mode the point is solved in float64 and verified within
the game's tolerance.  In *exact* mode the same systems are solved in rational arithmetic
(fraction-free elimination on integers) and the result must have zero regret exactly: one
small exact solve certifies the float path.  Only if that certificate fails (rounding led
the float path astray, which needs a degenerate or badly conditioned game) is the path
followed again with *integer pivoting* (Edmonds; fraction-free like Bareiss 1968): the
tableau keeps integer entries with the basis determinant as an implicit common
denominator, each update is :math:`a_{ij} \leftarrow (a_{ij} a_{rc} - a_{ic} a_{rj}) / p`
with ``p`` the previous pivot, the division is exact, and ratio comparisons are exact
cross-multiplications.  Float mode falls back the same way (exact certificate of the
basis, then integer pivoting) when its result fails verification or the float path stops
on a numerical tie or a repeated basis; a path longer than ``max_iter`` pivots is reported
as such.

Lemke–Howson can need exponentially many pivots (Savani & von Stengel, "Hard-to-solve
bimatrix games", Econometrica 74, 2006), hence ``max_iter``.  It finds only equilibria at
the end of a path from the artificial equilibrium: running it from every label is *not*
guaranteed to find all equilibria.
"""
from __future__ import annotations

from fractions import Fraction
from itertools import chain
from math import lcm
from typing import Any, Sequence

import numpy as np

from ..errors import GameError
from ..games.normal_form import DEFAULT_RTOL, NormalFormGame
from ..solution import Equilibrium, Solution
from . import _lh_kernel
from ._common import (VerificationError, arithmetic, require_two_players,
                      verified_equilibria)
from ._lh_kernel import CONVERGED, CYCLE, MAX_ITER, follow_path
from .exact_lp import _solve as _integer_solve

__all__ = ["lemke_howson_solve", "lemke_howson_enumeration_solve"]

DEFAULT_MAX_ITER = 100_000


# --------------------------------------------------------------------------- kernels
def _float_path(A: np.ndarray, B: np.ndarray, k: int,
                max_iter: int) -> tuple[tuple[np.ndarray, np.ndarray], int, int]:
    """The float path from label ``k``: ``(bases, num_iter, status)`` (see :mod:`._lh_kernel`)."""
    path = follow_path(_positive_float(A), _positive_float(B), k, max_iter)
    return path.bases, path.num_iter, path.status


def _positive_float(M: Any) -> np.ndarray:
    """``M`` mapped affinely into [1, 2] (equilibria are unchanged; entries stay of order one).

    :func:`_positive_integer` maps exact payoffs to a positive multiple of the same matrix:
    in a degenerate game the lexicographic path depends on the positive representation (a
    scale does not change it, a shift can), so both arithmetics must use the same one.
    """
    M = np.asarray(M, dtype=np.float64)
    low = M.min()
    spread = M.max() - low
    if not spread > 0:
        return np.ones_like(M)
    return (M - low) / spread + 1.0


def _positive_integer(M: np.ndarray) -> np.ndarray:
    """Exact ``M`` as Python ints proportional to :func:`_positive_float`'s matrix ``(M - low)/spread + 1``.

    >>> _positive_integer(np.array([[Fraction(1, 2), 2], [-1, 0]], dtype=object)).tolist()
    [[9, 12], [6, 8]]
    """
    values = [Fraction(v) for v in M.flat]
    low, spread = min(values), max(values) - min(values)
    if spread == 0:
        return np.full(M.shape, 1, dtype=object)
    shifted = [v - low + spread for v in values]
    den = lcm(*(v.denominator for v in shifted))
    out = np.empty(len(values), dtype=object)
    out[:] = [v.numerator * (den // v.denominator) for v in shifted]
    return out.reshape(M.shape)


def _support_point(A: np.ndarray, B: np.ndarray, bases: Sequence[Sequence[int]],
                   exact: bool) -> tuple[list, list] | None:
    r"""The profile of a complementary basis, from the support systems (``None`` if singular or negative).

    In tableau Q the basic ``y_j`` give the support ``S`` and the rows ``R`` whose slack is
    nonbasic are the row player's best responses; ``|R| = |S|`` and
    :math:`A_{RS}\,y_S = v\mathbf 1,\ \mathbf 1^\top y_S = 1` determines ``y`` (likewise
    ``x`` from tableau P with ``B``).  With exact payoffs this is the exact certificate of
    the float path's end point; with floats it recomputes the point without the rounding
    accumulated over the pivots.
    """
    m, n = A.shape
    basis0, basis1 = [int(v) for v in bases[0]], [int(v) for v in bases[1]]
    support_x = sorted(v for v in basis0 if v < m)
    best_columns = sorted(set(range(n)) - {v - m for v in basis0 if v >= m})
    support_y = sorted(v - m for v in basis1 if v >= m)
    best_rows = sorted(set(range(m)) - {v for v in basis1 if v < m})
    x = _solve_support(np.asarray(B).T, best_columns, support_x, m, exact)
    y = _solve_support(np.asarray(A), best_rows, support_y, n, exact)
    return None if x is None or y is None else (x, y)


def _solve_support(M: np.ndarray, rows: list[int], support: list[int], size: int,
                   exact: bool) -> list | None:
    """The mixed strategy on ``support`` that makes the ``rows`` of ``M`` indifferent, or ``None``."""
    k = len(support)
    if k == 0 or len(rows) != k:
        return None
    sub = M[np.ix_(rows, support)]
    if exact:
        system = [[*r, -1] for r in sub.tolist()] + [[1] * k + [0]]
        rhs = [0] * k + [1]
        scaled = []
        for r, b in zip(system, rhs):                      # each equation times its common denominator
            den = lcm(*(Fraction(v).denominator for v in r))
            scaled.append(([int(Fraction(v) * den) for v in r], int(b * den)))
        solution = _integer_solve([r for r, _ in scaled], [b for _, b in scaled])
        if solution is None or any(v < 0 for v in solution[:k]):
            return None
        values: list = [Fraction(0)] * size
    else:
        system = np.zeros((k + 1, k + 1))
        system[:k, :k] = sub
        system[:k, k] = -1.0
        system[k, :k] = 1.0
        rhs = np.zeros(k + 1)
        rhs[k] = 1.0
        try:
            solution = np.linalg.solve(system, rhs).tolist()
        except np.linalg.LinAlgError:
            return None
        if not all(np.isfinite(solution)):
            return None
        values = [0.0] * size
    for j, v in zip(support, solution[:k]):
        values[j] = v
    if not exact:
        values = _normalised(np.asarray(values))
    return values


def _normalised(v: np.ndarray) -> list:
    """Rounding below zero clipped, then rescaled to sum to one (verification judges the result)."""
    v = np.maximum(v, 0.0)
    total = v.sum()
    return (v / total).tolist() if total > 0 else v.tolist()


def _tableaux_exact(A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The integer tableaux of P (n rows: Bᵀx + s = 1) and Q (m rows: r + Ay = 1); column k is label k."""
    m, n = A.shape
    T0 = np.full((n, m + n + 1), 0, dtype=object)
    T1 = np.full((m, m + n + 1), 0, dtype=object)
    T0[:, :m] = B.T
    T1[:, m:m + n] = A
    for j in range(n):
        T0[j, m + j] = 1
    for i in range(m):
        T1[i, i] = 1
    T0[:, -1] = 1
    T1[:, -1] = 1
    return T0, T1


# ------------------------------------------------------------------ exact kernel
def _lh_exact(A: np.ndarray, B: np.ndarray, k: int,
              max_iter: int) -> tuple[list | None, list | None, int, bool]:
    """Integer pivoting on Python-int tabs; ``A`` and ``B`` are positive integer matrices."""
    m, n = A.shape
    tabs = list(_tableaux_exact(A, B))
    bases = ([*range(m, m + n)], [*range(m)])
    slacks = (range(m, m + n), range(0, m))
    previous = [1, 1]                                      # previous pivot element of each tableau

    t = 0 if k < m else 1
    entering = k
    for it in range(1, max_iter + 1):
        T = tabs[t]
        r = _lex_min_ratio_exact(T, entering, slacks[t])
        if r < 0:                                          # impossible for positive payoffs
            raise RuntimeError("Lemke–Howson: no pivot row in exact arithmetic (bounded polytope expected)")
        tabs[t] = _pivot_exact(T, r, entering, previous[t])
        previous[t] = T[r, entering]
        leaving = bases[t][r]
        bases[t][r] = entering
        if leaving == k:
            x = _point_exact(tabs[0], bases[0], range(m), 0, m)
            y = _point_exact(tabs[1], bases[1], range(m, m + n), m, n)
            return x, y, it, True
        entering = leaving
        t = 1 - t
    return None, None, max_iter, False


def _lex_min_ratio_exact(T: np.ndarray, c: int, slack_columns: range) -> int:
    """The lexicographic minimum-ratio row, compared exactly by cross-multiplication."""
    col = T[:, c].tolist()
    rows = [i for i, a in enumerate(col) if a > 0]
    if not rows:
        return -1
    for q in chain((-1,), slack_columns):
        if len(rows) == 1:
            break
        values = T[:, q].tolist()
        best = [rows[0]]
        num, den = values[rows[0]], col[rows[0]]
        for i in rows[1:]:
            lhs, rhs = values[i] * den, num * col[i]       # compare values[i]/col[i] with num/den
            if lhs < rhs:
                best, num, den = [i], values[i], col[i]
            elif lhs == rhs:
                best.append(i)
        rows = best
    if len(rows) != 1:                                     # rows of B⁻¹ are independent: cannot happen
        raise RuntimeError("Lemke–Howson: the lexicographic rule left a tie in exact arithmetic")
    return rows[0]


def _pivot_exact(T: np.ndarray, r: int, c: int, previous: int) -> np.ndarray:
    """Integer pivot: every row but ``r`` becomes (row·a_rc − a_ic·row_r) / previous pivot, exactly."""
    row = T[r].copy()
    p = row[c]
    out = (T * p - np.outer(T[:, c], row)) // previous
    out[r] = row
    return out


def _point_exact(T: np.ndarray, basis: list, labels: range, offset: int, size: int) -> list:
    values = [0] * size
    rhs = T[:, -1].tolist()
    for row, label in enumerate(basis):
        if label in labels:
            values[label - offset] = rhs[row]
    total = sum(values)
    return [Fraction(v, total) for v in values]


# ------------------------------------------------------------------ public functions
def lemke_howson_solve(game: NormalFormGame, initial_label: int = 0, exact: bool | None = None,
                       max_iter: int = DEFAULT_MAX_ITER) -> Solution:
    """One Nash equilibrium of a two-player game by Lemke–Howson with lexicographic pivoting.

    Parameters
    ----------
    game:
        A two-player :class:`~hegemony_games.NormalFormGame`.
    initial_label:
        The label dropped at the artificial equilibrium: ``0..m-1`` are the row player's
        strategies and ``m..m+n-1`` the column player's (as in QuantEcon and nashpy).
    exact:
        ``True`` for rational results (``Fraction``, zero regret), ``False`` for float64,
        ``None`` for the game's own kind.  Exact mode follows the path in floats and
        certifies its end exactly, with integer pivoting as the fallback (module docstring).
    max_iter:
        The largest number of pivots.

    Returns
    -------
    Solution
        With one verified equilibrium, ``method="lemke-howson"`` and ``parameters``
        ``{"initial_label", "num_iter", "max_iter", "kernel"}``, where ``kernel`` is
        ``"numba"`` or ``"numpy"`` (the float path gave the result) or ``"integer"`` (the
        integer-pivoting fallback did, and ``message`` says why).  If the path is longer
        than ``max_iter`` pivots, the solution is empty with ``complete=False``.
        ``degenerate`` is ``None``: Lemke–Howson does not decide it.

    Examples
    --------
    Battle of the sexes: dropping label 0 (the row player's first strategy) makes the row
    player play it, the column player answers with her best response, and the row
    player's strategy 0 is a best response to that: two pivots.

    >>> import hegemony_games as hg
    >>> bos = hg.NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    >>> solution = lemke_howson_solve(bos, initial_label=0)
    >>> solution[0]
    Equilibrium([(1, 0), (1, 0)], payoffs=(3, 2))
    >>> lemke_howson_solve(bos, initial_label=3)[0]
    Equilibrium([(0, 1), (0, 1)], payoffs=(2, 3))
    >>> solution.parameters["num_iter"], solution.parameters["kernel"] in ("numba", "numpy")
    (2, True)

    A degenerate game (von Stengel 2007, AGT Fig. 3.4: the pure strategy ``1`` of the row
    player has two best responses).  The lexicographic rule still ends at an equilibrium;
    results are exact with zero regret.

    >>> degenerate = hg.NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]],
    ...                                              [[3, 3], [2, 6], [3, 1]])
    >>> [lemke_howson_solve(degenerate, k)[0].max_regret() for k in range(5)]
    [Fraction(0, 1), Fraction(0, 1), Fraction(0, 1), Fraction(0, 1), Fraction(0, 1)]

    Float games give floats:

    >>> mp = hg.NormalFormGame.from_bimatrix([[1.0, -1.0], [-1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]])
    >>> eq = lemke_howson_solve(mp)[0]
    >>> [[round(p, 12) for p in v] for v in eq.strategies], eq.max_regret() < 1e-12
    ([[0.5, 0.5], [0.5, 0.5]], True)
    """
    game_a, exact, m, n, k, max_iter = _validate(game, "lemke-howson", initial_label, exact, max_iter)
    found, num_iter, message, kernel = _solve_from_label(game_a, k, exact, max_iter, _float_payoffs(game))
    params = {"initial_label": k, "num_iter": num_iter, "max_iter": max_iter, "kernel": kernel}
    if found is None:
        return Solution(game_a, (), "lemke-howson", exact, None, [], params, complete=False,
                        message=message)
    return Solution(game_a, (found,), "lemke-howson", exact, None, [], params, message=message)


def lemke_howson_enumeration_solve(game: NormalFormGame, exact: bool | None = None,
                                   max_iter: int = DEFAULT_MAX_ITER) -> Solution:
    """The distinct equilibria Lemke–Howson reaches from each initial label ``0..m+n-1``.

    This is **not** guaranteed to find every equilibrium: Lemke–Howson only reaches
    equilibria at the ends of paths that start at the artificial equilibrium, and some
    games have equilibria on no such path (von Stengel 2002, §3.5).  The solution therefore
    always has ``complete=False``; use an enumeration method for all equilibria.

    ``parameters`` holds ``found_by`` (for each equilibrium, in order, the labels whose path
    ended there), ``num_iter`` (pivots per label), ``not_converged`` (labels whose path was
    longer than ``max_iter``) and ``max_iter``.  Each label is solved as
    :func:`lemke_howson_solve` does, including the exact rerun in float mode.

    Examples
    --------
    >>> import hegemony_games as hg
    >>> bos = hg.NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    >>> solution = lemke_howson_enumeration_solve(bos)
    >>> for eq in solution:
    ...     print(eq)
    Equilibrium([(1, 0), (1, 0)], payoffs=(3, 2))
    Equilibrium([(0, 1), (0, 1)], payoffs=(2, 3))
    >>> solution.parameters["found_by"], solution.complete
    ([[0, 2], [1, 3]], False)

    The mixed equilibrium ``((3/5, 2/5), (2/5, 3/5))`` is missed: for every label, the
    Lemke–Howson path joins it to a pure equilibrium, never to the artificial one.
    """
    game_a, exact, m, n, _, max_iter = _validate(game, "lemke-howson-enumeration", 0, exact, max_iter)
    equilibria: list[Equilibrium] = []
    found_by: list[list[int]] = []
    index: dict[tuple, int] = {}
    num_iter: list[int] = []
    not_converged: list[int] = []
    notes: list[str] = []
    floats = _float_payoffs(game)
    for k in range(m + n):
        found, iters, message, _ = _solve_from_label(game_a, k, exact, max_iter, floats)
        num_iter.append(iters)
        if message:
            notes.append(f"label {k}: {message}")
        if found is None:
            not_converged.append(k)
            continue
        key = found.key()
        if key not in index:
            index[key] = len(equilibria)
            equilibria.append(found)
            found_by.append([])
        found_by[index[key]].append(k)
    message = ("Lemke-Howson from every initial label finds only the equilibria reachable from the "
               "artificial equilibrium; the game may have others.")
    if notes:
        message += " " + " ".join(notes)
    params = {"found_by": found_by, "num_iter": num_iter, "not_converged": not_converged,
              "max_iter": max_iter}
    return Solution(game_a, tuple(equilibria), "lemke-howson-enumeration", exact, None, [], params,
                    complete=False, message=message)


def _validate(game: Any, method: str, initial_label: Any, exact: bool | None,
              max_iter: Any) -> tuple[NormalFormGame, bool, int, int, int, int]:
    if not isinstance(game, NormalFormGame):
        raise GameError(f"method {method!r} needs a NormalFormGame, got {type(game).__name__}")
    require_two_players(game, method)
    if exact not in (None, True, False):
        raise GameError(f"exact must be True, False or None, got {exact!r}")
    game_a, exact = arithmetic(game, exact)
    m, n = game_a.shape
    if isinstance(initial_label, bool) or not isinstance(initial_label, (int, np.integer)):
        raise GameError(f"initial_label must be an integer in 0..{m + n - 1}, got {initial_label!r}")
    if not 0 <= initial_label < m + n:
        raise GameError(f"initial_label must be in 0..{m + n - 1} (0..{m - 1} for the row player's "
                        f"strategies, {m}..{m + n - 1} for the column player's), got {initial_label}")
    if isinstance(max_iter, bool) or not isinstance(max_iter, (int, np.integer)) or max_iter < 1:
        raise GameError(f"max_iter must be a positive integer, got {max_iter!r}")
    return game_a, exact, m, n, int(initial_label), int(max_iter)


def _solve_from_label(game: NormalFormGame, k: int, exact: bool, max_iter: int,
                      floats: tuple[np.ndarray, np.ndarray]) -> tuple[Equilibrium | None, int, str, str]:
    """Follow the path from label ``k`` in floats, certify its end, fall back to integer pivoting.

    ``floats`` are the payoffs as float arrays.  Returns ``(equilibrium or None, num_iter,
    message, kernel)`` where ``kernel`` names the arithmetic that produced the result.
    """
    kernel = "numba" if _lh_kernel.USE_NUMBA and _lh_kernel.HAVE_NUMBA else "numpy"
    bases, iters, status = _float_path(*floats, k, max_iter)
    if status == MAX_ITER:          # a long path, not a numerical accident: exact pivoting would be as long
        return None, iters, f"the path from label {k} is longer than max_iter={max_iter} pivots", kernel
    if status == CONVERGED:
        found = _certified(game, bases, exact)
        if found is not None:
            return found, iters, "", kernel
        reason = f"the end of the float path ({iters} pivots) failed {'the exact certificate' if exact else 'verification'}"
        if not exact:               # the basis may be right and only its float point inaccurate
            exact_game = game.as_exact()
            found = _certified(exact_game, bases, True)
            if found is not None:
                floats_found = [[float(p) for p in v] for v in found.strategies]
                return (verified_equilibria(game, [floats_found], False)[0], iters,
                        f"{reason}; its basis was certified exactly", kernel)
    else:
        reason = (f"float pivoting stopped after {iters} pivots ("
                  f"{'a repeated basis' if status == CYCLE else 'a numerical tie it could not break'})")
    exact_game = game if exact else game.as_exact()
    A, B = (_positive_integer(np.asarray(M, dtype=object)) for M in exact_game.payoffs)
    x, y, exact_iters, converged = _lh_exact(A, B, k, max_iter)
    if not converged:
        return None, exact_iters, (f"{reason}; exact integer pivoting did not converge within "
                                   f"max_iter={max_iter} pivots either"), "integer"
    found = verified_equilibria(exact_game, [(x, y)], True)[0]      # zero regret, exactly
    if not exact:
        found = verified_equilibria(game, [([float(p) for p in x], [float(p) for p in y])], False)[0]
    return found, exact_iters, f"{reason}; rerun with exact integer pivoting", "integer"


def _certified(game: NormalFormGame, bases: tuple[np.ndarray, np.ndarray], exact: bool) -> Equilibrium | None:
    """The verified equilibrium of a complementary basis, or ``None`` if the basis does not give one."""
    point = _support_point(*game.payoffs, bases, exact)
    return None if point is None else _verified(game, point, exact)


def _verified(game: NormalFormGame, point: tuple[list, list], exact: bool) -> Equilibrium | None:
    """The equilibrium ``point`` if its regret is zero (exact) or within the game's tolerance, else ``None``.

    The same check as :func:`._common.verified_equilibria`, but only the payoff columns and
    rows of the supports are multiplied (the generic check multiplies every payoff by a
    probability, mostly zeros: seconds for a 200 × 200 exact game, milliseconds here).
    """
    A, B = game.payoffs
    x, y = point
    if exact:
        if any(p < 0 for p in chain(x, y)) or sum(x) != 1 or sum(y) != 1:
            return None
        strategies = (tuple(Fraction(p) for p in x), tuple(Fraction(p) for p in y))
        u = _exact_best_response_payoff(A, strategies[0], strategies[1])
        w = _exact_best_response_payoff(np.asarray(B).T, strategies[1], strategies[0])
        if u is None or w is None:
            return None
        return Equilibrium(game, strategies, (u, w))
    xa, ya = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    Af, Bf = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    spread = max(Af.max(), Bf.max()) - min(Af.min(), Bf.min())
    tolerance = DEFAULT_RTOL * max(spread, 1.0)          # as NormalFormGame.tolerance()
    rows, cols = Af @ ya, xa @ Bf
    u, w = float(xa @ rows), float(cols @ ya)
    if (xa < 0).any() or (ya < 0).any() or abs(xa.sum() - 1) > 1e-9 or abs(ya.sum() - 1) > 1e-9:
        return None
    if max(rows.max() - u, cols.max() - w) > tolerance:
        return None
    return Equilibrium(game, (tuple(xa.tolist()), tuple(ya.tolist())), (u, w))


def _exact_best_response_payoff(M: np.ndarray, own: Sequence[Fraction],
                                other: Sequence[Fraction]) -> Fraction | None:
    """The payoff ``own·M·other`` if every pure strategy in ``own``'s support is a best response, else ``None``.

    In integers: ``M``'s support columns over their common denominator ``L``, the strategies
    over theirs, so the comparison of every pure payoff with the mixed one is exact and fast.
    """
    support = [j for j, p in enumerate(other) if p]
    columns = M[:, support]
    L = lcm(*(v.denominator for v in columns.flat))             # ints and Fractions both have one
    d_other = lcm(*(other[j].denominator for j in support))
    weights = [other[j].numerator * (d_other // other[j].denominator) for j in support]
    pure = [sum(a.numerator * (L // a.denominator) * w for a, w in zip(row, weights))
            for row in columns.tolist()]                          # pure payoffs × L·d_other
    d_own = lcm(*(p.denominator for p in own))
    mixed = sum(p.numerator * (d_own // p.denominator) * v for p, v in zip(own, pure) if p)  # × L·d_other·d_own
    if max(pure) * d_own != mixed:
        return None
    return Fraction(mixed, L * d_other * d_own)


def _float_payoffs(game: NormalFormGame) -> tuple[np.ndarray, np.ndarray]:
    """The payoffs as float64 arrays (the original floats when the game has them)."""
    return tuple(np.asarray(M, dtype=np.float64) for M in game.as_float().payoffs)  # type: ignore[return-value]
