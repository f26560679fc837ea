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

**Arithmetic.**  *Exact* mode scales the payoffs to integers and uses *integer pivoting*
(Edmonds; fraction-free like Bareiss 1968): the tableau keeps integer entries with the
basis determinant as an implicit common denominator, each update is
:math:`a_{ij} \leftarrow (a_{ij} a_{rc} - a_{ic} a_{rj}) / p` with ``p`` the previous
pivot, and the division is exact.  Ratio comparisons are cross-multiplications of
integers, so the lexicographic rule is applied exactly.  *Float* mode uses float64
tableaux with a small tolerance; a tie it cannot break, a repeated basis, or ``max_iter``
pivots are reported as non-convergence, and the public functions then rerun exactly.

Lemke–Howson can need exponentially many pivots (Savani & von Stengel, "Hard-to-solve
bimatrix games", Econometrica 74, 2006), hence ``max_iter``.  It finds only equilibria at
the end of a path from the artificial equilibrium: running it from every label is *not*
guaranteed to find all equilibria.
"""
from __future__ import annotations

from fractions import Fraction
from itertools import chain
from typing import Any, Sequence

import numpy as np
from scipy.linalg.blas import dger as _dger

from ..errors import GameError
from ..games.normal_form import NormalFormGame
from ..solution import Equilibrium, Solution
from ._common import (VerificationError, arithmetic, integer_matrix, require_two_players,
                      verified_equilibria)

__all__ = ["lemke_howson_solve", "lemke_howson_enumeration_solve"]

#: Float mode: a pivot-column entry at or below this is treated as nonpositive.
TOL_PIV = 1e-10
#: Float mode: two ratios closer than this (relative to max(1, |ratio|)) are a tie.
TOL_RATIO = 1e-12

DEFAULT_MAX_ITER = 100_000


# --------------------------------------------------------------------------- kernel
def _lemke_howson(A: Any, B: Any, initial_label: int, exact: bool,
                  max_iter: int) -> tuple[list | None, list | None, int, bool]:
    """Follow the Lemke–Howson path that drops ``initial_label``.

    ``A`` and ``B`` are the m × n payoff matrices (any numbers; they are shifted to be
    positive here).  Labels ``0..m-1`` are the row player's strategies, ``m..m+n-1`` the
    column player's.  Returns ``(x, y, num_iter, converged)``: the equilibrium strategies as
    lists of ``Fraction`` (exact) or ``float`` (float), the number of pivots made, and
    whether the path ended within ``max_iter`` pivots.  When it did not, ``x`` and ``y`` are
    ``None``.  The result is *not* verified here; the public functions do that.
    """
    if exact:
        A_pos, B_pos = integer_matrix(np.asarray(A, dtype=object)), integer_matrix(np.asarray(B, dtype=object))
        return _lh_exact(A_pos, B_pos, initial_label, max_iter)
    return _lh_float(_positive_float(A), _positive_float(B), initial_label, max_iter)


def _positive_float(M: Any) -> np.ndarray:
    """``M`` mapped affinely into [1, 2] (equilibria are unchanged; entries stay of order one)."""
    M = np.asarray(M, dtype=np.float64)
    low = M.min()
    spread = M.max() - low
    if not spread > 0:
        return np.ones_like(M)
    return (M - low) / spread + 1.0


def _tableaux(A: np.ndarray, B: np.ndarray, dtype: Any) -> tuple[np.ndarray, np.ndarray]:
    """The tableaux of P (n rows: Bᵀx + s = 1) and Q (m rows: r + Ay = 1); column k is label k."""
    m, n = A.shape
    zero, one = (0, 1) if dtype is object else (0.0, 1.0)
    T0 = np.full((n, m + n + 1), zero, dtype=dtype)
    T1 = np.full((m, m + n + 1), zero, dtype=dtype)
    T0[:, :m] = B.T
    T1[:, m:m + n] = A
    for j in range(n):
        T0[j, m + j] = one
    for i in range(m):
        T1[i, i] = one
    T0[:, -1] = one
    T1[:, -1] = one
    return T0, T1


# ------------------------------------------------------------------ float kernel
def _lh_float(A: np.ndarray, B: np.ndarray, k: int,
              max_iter: int) -> tuple[list | None, list | None, int, bool]:
    m, n = A.shape
    tableaux = _tableaux(A, B, np.float64)
    bases = (np.arange(m, m + n), np.arange(m))           # labels of the basic variables, by row
    slacks = (range(m, m + n), range(0, m))               # columns holding B⁻¹ in each tableau
    columns = (np.empty(n), np.empty(m))
    seen: set[tuple[int, bytes]] = set()                   # states visited, to detect cycling

    t = 0 if k < m else 1                                  # the tableau in which `entering` is nonbasic
    entering = k
    for it in range(1, max_iter + 1):
        T = tableaux[t]
        r = _lex_min_ratio_float(T, entering, slacks[t])
        if r < 0:
            return None, None, it - 1, False
        _pivot_float(T, r, entering, columns[t])
        basis = bases[t]
        leaving = int(basis[r])
        basis[r] = entering
        if leaving == k:
            return _point_float(tableaux, bases, m, n) + (it, True)
        state = (leaving, bases[0].tobytes() + bases[1].tobytes())
        if state in seen:                                  # only possible through rounding
            return None, None, it, False
        seen.add(state)
        entering = leaving
        t = 1 - t
    return None, None, max_iter, False


def _lex_min_ratio_float(T: np.ndarray, c: int, slack_columns: range) -> int:
    """The row leaving when column ``c`` enters, by the lexicographic rule; -1 if none is found."""
    col = T[:, c]
    rows = (col > TOL_PIV).nonzero()[0]
    if len(rows) <= 1:
        return int(rows[0]) if len(rows) else -1
    pivots = col[rows]
    for q in chain((-1,), slack_columns):
        ratios = T[rows, q] / pivots
        best = ratios.argmin()
        low = ratios[best]
        keep = ratios <= low + TOL_RATIO * max(1.0, abs(low))
        if np.count_nonzero(keep) == 1:
            return int(rows[best])
        rows, pivots = rows[keep], pivots[keep]
    return -1                                              # numerically tied rows: give up


def _pivot_float(T: np.ndarray, r: int, c: int, column: np.ndarray) -> None:
    """Gauss–Jordan pivot on ``T[r, c]`` in place (``column`` is a work buffer)."""
    row = T[r]
    row /= row[c]
    np.copyto(column, T[:, c])
    column[r] = 0.0
    _subtract_outer(T, column, row)
    T[:, c] = 0.0
    T[r, c] = 1.0


#: Row blocks of at most this many entries: OpenBLAS runs ``dger`` single-threaded below
#: 8192 entries, and at these sizes its threads cost more than they save.
_BLOCK_ENTRIES = 8192


def _subtract_outer(T: np.ndarray, column: np.ndarray, row: np.ndarray) -> None:
    """``T -= outer(column, row)`` in place, in one pass (BLAS ``dger``) over row blocks.

    A block of rows of the C-ordered ``T`` is Fortran-ordered once transposed, so ``dger``
    (which works on Fortran arrays) updates ``T`` itself.  Should the BLAS wrapper ever
    return a copy instead, the copy is written back, so the result is right either way.
    """
    rows_per_block = max(1, _BLOCK_ENTRIES // T.shape[1])
    for start in range(0, T.shape[0], rows_per_block):
        block = T[start:start + rows_per_block].T
        result = _dger(-1.0, row, column[start:start + rows_per_block], a=block, overwrite_a=1)
        if result is not block and not np.shares_memory(result, block):
            block[...] = result


def _point_float(tableaux, bases, m: int, n: int) -> tuple[list, list]:
    x = np.zeros(m)
    y = np.zeros(n)
    for label, value in zip(bases[0], tableaux[0][:, -1]):
        if label < m:
            x[label] = value
    for label, value in zip(bases[1], tableaux[1][:, -1]):
        if label >= m:
            y[label - m] = value
    return _normalised(x), _normalised(y)


def _normalised(v: np.ndarray) -> list:
    v = np.maximum(v, 0.0)
    total = v.sum()
    return (v / total).tolist() if total > 0 else v.tolist()


# ------------------------------------------------------------------ exact kernel
def _lh_exact(A: np.ndarray, B: np.ndarray, k: int,
              max_iter: int) -> tuple[list | None, list | None, int, bool]:
    """Integer pivoting on Python-int tableaux; ``A`` and ``B`` are positive integer matrices."""
    m, n = A.shape
    tableaux = list(_tableaux(A, B, object))
    bases = ([*range(m, m + n)], [*range(m)])
    slacks = (range(m, m + n), range(0, m))
    previous = [1, 1]                                      # previous pivot element of each tableau

    t = 0 if k < m else 1
    entering = k
    for it in range(1, max_iter + 1):
        T = tableaux[t]
        r = _lex_min_ratio_exact(T, entering, slacks[t])
        if r < 0:                                          # impossible for positive payoffs
            raise RuntimeError("Lemke–Howson: no pivot row in exact arithmetic (bounded polytope expected)")
        tableaux[t] = _pivot_exact(T, r, entering, previous[t])
        previous[t] = T[r, entering]
        leaving = bases[t][r]
        bases[t][r] = entering
        if leaving == k:
            x = _point_exact(tableaux[0], bases[0], range(m), 0, m)
            y = _point_exact(tableaux[1], bases[1], range(m, m + n), m, n)
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
        ``True`` for rational arithmetic with integer pivoting (results are ``Fraction``
        with zero regret), ``False`` for float64, ``None`` for the game's own kind.
    max_iter:
        The largest number of pivots.

    Returns
    -------
    Solution
        With one verified equilibrium, ``method="lemke-howson"`` and ``parameters``
        ``{"initial_label", "num_iter", "max_iter"}``.  In float mode, a run that does not
        converge or whose result fails verification is redone exactly, and ``message`` says
        so.  If the path is longer than ``max_iter`` pivots, the solution is empty with
        ``complete=False``.  ``degenerate`` is ``None``: Lemke–Howson does not decide it.

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
    >>> solution.parameters
    {'initial_label': 0, 'num_iter': 2, 'max_iter': 100000}

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
    found, num_iter, message = _solve_from_label(game_a, k, exact, max_iter)
    params = {"initial_label": k, "num_iter": num_iter, "max_iter": max_iter}
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
    for k in range(m + n):
        found, iters, message = _solve_from_label(game_a, k, exact, max_iter)
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


def _solve_from_label(game: NormalFormGame, k: int, exact: bool,
                      max_iter: int) -> tuple[Equilibrium | None, int, str]:
    """Run the kernel from label ``k`` and verify; in float mode fall back to exact pivoting."""
    A, B = game.payoffs
    if exact:
        x, y, iters, converged = _lemke_howson(A, B, k, True, max_iter)
        if not converged:
            return None, iters, f"the path from label {k} is longer than max_iter={max_iter} pivots"
        return verified_equilibria(game, [(x, y)], True)[0], iters, ""
    x, y, iters, converged = _lemke_howson(A, B, k, False, max_iter)
    if converged:
        try:
            return verified_equilibria(game, [(x, y)], False)[0], iters, ""
        except VerificationError:
            reason = f"the float result after {iters} pivots failed verification"
    else:
        reason = (f"float pivoting did not converge after {iters} pivots (max_iter, or a numerical "
                  f"tie it could not break)")
    exact_game = game.as_exact()
    x, y, exact_iters, converged = _lemke_howson(*exact_game.payoffs, k, True, max_iter)
    if not converged:
        return None, exact_iters, (f"{reason}; exact integer pivoting did not converge within "
                                   f"max_iter={max_iter} pivots either")
    verified_equilibria(exact_game, [(x, y)], True)      # the certificate: zero regret, exactly
    found = verified_equilibria(game, [([float(p) for p in x], [float(p) for p in y])], False)[0]
    return found, exact_iters, f"{reason}; rerun with exact integer pivoting"
