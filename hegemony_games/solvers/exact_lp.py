"""Exact linear programming over the rationals, for the library's small LPs.

:func:`linprog_exact` solves, with scipy's conventions,

    minimise c·x  subject to  A_ub x ≤ b_ub,  A_eq x = b_eq,  x ≥ 0,

and returns the optimum as ``Fraction``s.  Adding one slack variable per inequality gives the
standard form ``min c·x, A x = b, x ≥ 0`` used below.

**Certificate.**  A *basis* B (m linearly independent columns of A) determines the primal point
``x_B = A_B⁻¹ b`` (other x zero) and the dual point ``y = A_B⁻ᵀ c_B``.  If ``x_B ≥ 0`` (primal
feasible) and every reduced cost ``c_j − A_jᵀ y ≥ 0`` (dual feasible), then ``c·x = b·y`` and, by
weak duality, both are optimal (Dantzig, *Linear Programming and Extensions*, 1963, ch. 6).
Every answer returned here has passed that check in exact arithmetic.

**How the basis is found.**

1. *Float solve and exact certification* (fast path): HiGHS (``scipy.optimize.linprog``) solves
   the LP in floats; a basis is read off its solution (the columns with positive value first,
   then those with the smallest reduced cost under HiGHS's duals) and certified exactly.
2. *Exact simplex* (fallback, always right): when HiGHS reports infeasible or unbounded, fails,
   or its basis does not certify (degenerate or ill-conditioned LPs), a two-phase simplex method
   (G. B. Dantzig 1947; in Koopmans (ed.), *Activity Analysis of Production and Allocation*,
   1951) with Bland's smallest-index rule, which cannot cycle (R. G. Bland, "New finite
   pivoting rules for the simplex method", *Math. Oper. Res.* 2(2):103–107, 1977), runs on an
   integer tableau with fraction-free pivoting (Edmonds 1967; Bareiss 1968): every entry is a
   minor of the integer-scaled data, so each division is exact and no ``Fraction`` is needed.

**Which path runs.**  Measured on random dense LPs with integer data in [-9, 9] (m × m,
median of 15, one core): the exact simplex alone takes 0.3 ms at m = 4, 1.6 ms at
m = 10, 5 ms at m = 15 and 90 ms at m = 30; HiGHS plus certification takes 2 ms, 3 ms, 4 ms and
12 ms (scipy's call overhead dominates small LPs).  So by default LPs with at most
``SIMPLEX_ONLY_ROWS`` = 12 constraints go straight to the exact simplex, larger ones take the
fast path first.

>>> res = linprog_exact([-1, -1], A_ub=[[1, 2], [3, 1]], b_ub=[4, 6])
>>> res.status, res.x, res.fun
('optimal', (Fraction(8, 5), Fraction(6, 5)), Fraction(-14, 5))
>>> res.ineqlin                   # d fun / d b_ub, as scipy's ``res.ineqlin.marginals``
(Fraction(-2, 5), Fraction(-1, 5))
>>> linprog_exact([1], A_eq=[[1]], b_eq=[-1]).status
'infeasible'
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ..errors import GameError
from ..numbers import to_exact

__all__ = ["LPResult", "linprog_exact", "OPTIMAL", "INFEASIBLE", "UNBOUNDED"]

OPTIMAL, INFEASIBLE, UNBOUNDED = "optimal", "infeasible", "unbounded"

#: LPs with at most this many constraints skip the float solve (the exact simplex is faster).
SIMPLEX_ONLY_ROWS = 12

Matrix = list[list[Fraction]]


@dataclass(frozen=True)
class LPResult:
    """The outcome of :func:`linprog_exact`.

    ``status`` is ``"optimal"``, ``"infeasible"`` or ``"unbounded"``.  When optimal, ``x`` is an
    optimal basic solution, ``fun = c·x``, ``slack = b_ub − A_ub x``, and ``ineqlin`` / ``eqlin``
    are optimal dual values in scipy's sign convention (the derivative of the optimum with
    respect to each right-hand side, so ``ineqlin ≤ 0``); otherwise ``x`` and the duals are empty
    and ``fun`` is ``None``.  ``method`` says which path produced the basis
    (``"highs+certificate"`` or ``"simplex"``).
    """

    status: str
    x: tuple[Fraction, ...] = ()
    fun: Fraction | None = None
    slack: tuple[Fraction, ...] = ()
    ineqlin: tuple[Fraction, ...] = ()
    eqlin: tuple[Fraction, ...] = ()
    method: str = ""

    @property
    def success(self) -> bool:
        return self.status == OPTIMAL


def linprog_exact(c: Sequence[Any], A_ub: Any = None, b_ub: Any = None,
                  A_eq: Any = None, b_eq: Any = None, use_highs: bool | None = None) -> LPResult:
    """Minimise ``c·x`` subject to ``A_ub x ≤ b_ub``, ``A_eq x = b_eq`` and ``x ≥ 0``, exactly.

    Entries may be ints, ``Fraction``s, decimal strings or floats (floats are read through their
    shortest decimal form, so ``0.1`` means 1/10).  ``use_highs`` chooses the path: ``True`` tries
    HiGHS and certification first, ``False`` runs the exact simplex only, ``None`` (default)
    decides by size (HiGHS first above ``SIMPLEX_ONLY_ROWS`` constraints).  The answer is the
    same exact optimum either way (the optimal point may differ when it is not unique).

    >>> res = linprog_exact([1, 1], A_eq=[[1, 3]], b_eq=["1/2"])
    >>> res.x, res.fun, res.eqlin
    ((Fraction(0, 1), Fraction(1, 6)), Fraction(1, 6), (Fraction(1, 3),))
    >>> linprog_exact([-1, 0], A_ub=[[0, 1]], b_ub=[1]).status
    'unbounded'
    """
    cost = _vector(c, "c")
    n = len(cost)
    if n == 0:
        raise GameError("c must have at least one entry (one per variable)")
    a_ub, rhs_ub = _constraints(A_ub, b_ub, n, "ub")
    a_eq, rhs_eq = _constraints(A_eq, b_eq, n, "eq")
    m_ub = len(a_ub)
    # Standard form: one slack column per inequality, after the n variables.  Each equation is
    # then multiplied by a positive integer, and c by another, so that all data are integers.
    A = [row + [Fraction(int(k == i)) for k in range(m_ub)] for i, row in enumerate(a_ub)]
    A += [row + [Fraction(0)] * m_ub for row in a_eq]
    equations = [row + [v] for row, v in zip(A, rhs_ub + rhs_eq)]
    row_scales = [_scale(row) for row in equations]
    scaled = [_times(row, k) for row, k in zip(equations, row_scales)]
    A_int, b_int = [row[:-1] for row in scaled], [row[-1] for row in scaled]
    full_cost = cost + [Fraction(0)] * m_ub
    cost_scale = _scale(full_cost)
    c_int = _times(full_cost, cost_scale)
    unit = [n + i for i in range(m_ub)] + [None] * len(a_eq)

    def result(certified: tuple[list[Fraction], list[Fraction]], method: str) -> LPResult:
        x, y_scaled = certified
        # the dual of the original equation i is (scaled dual) × row_scales[i] / cost_scale
        y = [v * k / cost_scale for v, k in zip(y_scaled, row_scales)]
        return LPResult(OPTIMAL, tuple(x[:n]), sum((a * v for a, v in zip(cost, x)), Fraction(0)),
                        tuple(x[n:]), tuple(y[:m_ub]), tuple(y[m_ub:]), method)

    if use_highs is None:
        use_highs = len(b_int) > SIMPLEX_ONLY_ROWS
    if use_highs:
        guess = _highs_basis(A, [row[-1] for row in equations], full_cost)
        if guess is not None:
            certified = _basic_solution(A_int, b_int, c_int, guess, list(range(len(b_int))))
            if certified is not None:
                return result(certified, "highs+certificate")
    status, basis, rows = _simplex(A_int, b_int, c_int, unit)
    if status != OPTIMAL:
        return LPResult(status, method="simplex")
    certified = _basic_solution(A_int, b_int, c_int, basis, rows)
    if certified is None:  # pragma: no cover - would be a bug in _simplex
        raise RuntimeError("internal error: the exact simplex ended on a basis that is not optimal")
    return result(certified, "simplex")


# --------------------------------------------------------------------------- input
def _vector(data: Any, name: str) -> list[Fraction]:
    arr = np.asarray(data if data is not None else [], dtype=object)
    if arr.ndim != 1:
        raise GameError(f"{name} must be a one-dimensional sequence of numbers, got shape {arr.shape}")
    return [to_exact(v) for v in arr]


def _constraints(A: Any, b: Any, n: int, kind: str) -> tuple[Matrix, list[Fraction]]:
    if A is None and b is None:
        return [], []
    if A is None or b is None:
        raise GameError(f"A_{kind} and b_{kind} must be given together")
    rhs = _vector(b, f"b_{kind}")
    arr = np.asarray(A, dtype=object)
    if arr.size == 0 and not rhs:
        return [], []
    if arr.ndim != 2 or arr.shape != (len(rhs), n):
        raise GameError(f"A_{kind} must have shape ({len(rhs)}, {n}) (one row per entry of "
                        f"b_{kind}, one column per entry of c), got shape {arr.shape}")
    return [[to_exact(v) for v in row] for row in arr], rhs


def _scale(values: Sequence[Fraction]) -> int:
    """The lcm of the denominators: the smallest positive integer making the values integers."""
    return math.lcm(*(v.denominator for v in values)) if values else 1


def _times(values: Sequence[Fraction], k: int) -> list[int]:
    """``values × k`` as ints (``k`` a multiple of every denominator)."""
    return [v.numerator * (k // v.denominator) for v in values]


def _common(values: Sequence[Fraction]) -> tuple[list[int], int]:
    """Integer numerators over a common positive denominator."""
    k = _scale(values)
    return _times(values, k), k


# --------------------------------------------------------------------------- certificate
def _basic_solution(A: list[list[int]], b: list[int], c: list[int], basis: list[int],
                    rows: list[int]) -> tuple[list[Fraction], list[Fraction]] | None:
    """The primal and dual points of ``basis`` (columns) on the equations ``rows``, if optimal.

    Equations outside ``rows`` (redundant ones the simplex dropped) get dual value 0 and are
    checked to hold.  Returns ``None`` when the basis is singular, or its point is not primal
    feasible, or not dual feasible.  All checks are exact integer arithmetic.
    """
    B = [[A[i][j] for j in basis] for i in rows]
    x_basic = _solve(B, [b[i] for i in rows])
    y_rows = _solve([list(col) for col in zip(*B)], [c[j] for j in basis]) if rows else []
    if x_basic is None or y_rows is None or any(v < 0 for v in x_basic):
        return None
    x = [Fraction(0)] * len(c)
    for j, v in zip(basis, x_basic):
        x[j] = v
    y = [Fraction(0)] * len(b)
    for i, v in zip(rows, y_rows):
        y[i] = v
    X, x_den = _common(x)
    Y, y_den = _common(y)
    dropped = set(range(len(b))) - set(rows)
    if any(sum(a * v for a, v in zip(A[i], X)) != b[i] * x_den for i in dropped):
        return None
    for j in range(len(c)):  # reduced cost c_j − A_jᵀy ≥ 0, times y_den > 0
        if c[j] * y_den < sum(Y[i] * A[i][j] for i in rows):
            return None
    if sum(map(int.__mul__, c, X)) * y_den != sum(map(int.__mul__, b, Y)) * x_den:
        return None  # pragma: no cover - equal by construction; checked as the certificate states
    return x, y


def _pivot(rows: list[list[int]], d: int, r: int, s: int) -> int:
    """Fraction-free pivot on ``rows[r][s]``; returns the new common denominator.

    The true tableau is ``rows / d``.  After the pivot, row ``r`` is unchanged and every other
    row becomes ``(row·p − row[s]·rows[r]) / d`` with ``p = rows[r][s]``; the division is exact
    (Sylvester's identity) and the new denominator is ``p``.
    """
    p, pivot_row = rows[r][s], rows[r]
    for i, row in enumerate(rows):
        if i == r:
            continue
        f = row[s]
        if f == 0:
            if p != d:
                rows[i] = [v * p // d for v in row]
        else:
            rows[i] = [(v * p - f * w) // d for v, w in zip(row, pivot_row)]
    return p


def _solve(M: list[list[int]], rhs: list[int]) -> list[Fraction] | None:
    """The solution of the square integer system ``M z = rhs``, or ``None`` if ``M`` is singular.

    >>> _solve([[2, 1], [1, 3]], [1, 2])
    [Fraction(1, 5), Fraction(3, 5)]
    """
    rows = [list(row) + [v] for row, v in zip(M, rhs)]
    n, d = len(rows), 1
    for k in range(n):
        r = next((i for i in range(k, n) if rows[i][k] != 0), None)
        if r is None:
            return None
        rows[k], rows[r] = rows[r], rows[k]
        d = _pivot(rows, d, k, k)
    return [Fraction(row[n], row[k]) for k, row in enumerate(rows)]


# --------------------------------------------------------------------------- fast path
def _highs_basis(A: Matrix, b: list[Fraction], c: list[Fraction]) -> list[int] | None:
    """A candidate optimal basis from a float HiGHS solve, or ``None``."""
    from scipy.optimize import linprog

    m, N = len(b), len(c)
    if m == 0:
        return []
    try:
        Af = np.array([[float(v) for v in row] for row in A])
        bf = np.array([float(v) for v in b])
        cf = np.array([float(v) for v in c])
        res = linprog(cf, A_eq=Af, b_eq=bf, bounds=(0, None), method="highs")
    except (OverflowError, ValueError):
        return None
    if res.status != 0 or res.x is None or res.eqlin is None:
        return None
    x, y = res.x, np.asarray(res.eqlin.marginals)
    reduced = np.abs(cf - Af.T @ y)
    tol = 1e-9 * max(1.0, float(np.max(np.abs(x), initial=0.0)))
    order = sorted(range(N), key=lambda j: (0, -x[j]) if x[j] > tol else (1, reduced[j]))
    basis: list[int] = []
    frame: list[np.ndarray] = []  # orthonormal basis of the chosen columns' span
    for j in order:
        v = Af[:, j].copy()
        norm = np.linalg.norm(v)
        for _ in range(2):
            for q in frame:
                v -= (q @ v) * q
        if np.linalg.norm(v) > 1e-9 * norm:
            frame.append(v / np.linalg.norm(v))
            basis.append(j)
            if len(basis) == m:
                return basis
    return None  # rank-deficient equations: the simplex removes the redundant ones


# --------------------------------------------------------------------------- exact simplex
def _simplex(A: list[list[int]], b: list[int], c: list[int],
             unit: list[int | None]) -> tuple[str, list[int], list[int]]:
    """Two-phase simplex with Bland's rule on an integer tableau.

    ``unit[i]`` is a slack column that is the unit vector of row ``i`` (or ``None``); it starts
    in the basis when ``b_i ≥ 0``, other rows get an artificial variable.  Returns the status,
    the optimal basis and the (non-redundant) equations it solves.
    """
    m, N = len(b), len(c)
    rows: list[list[int]] = []
    basis: list[int] = []
    artificial_rows = []
    for i in range(m):
        row = A[i] + [b[i]]
        if unit[i] is not None:
            row[unit[i]] = 1  # rescale the slack variable so its column stays a unit vector
        if row[-1] < 0:
            row = [-v for v in row]
        if unit[i] is not None and row[unit[i]] == 1:
            basis.append(unit[i])
        else:
            basis.append(N + len(artificial_rows))
            artificial_rows.append(i)
        rows.append(row)
    n_art = len(artificial_rows)
    for k, i in enumerate(artificial_rows):
        rows[i] = rows[i][:N] + [int(j == k) for j in range(n_art)] + [rows[i][-1]]
    for i in range(m):
        if i not in artificial_rows:
            rows[i] = rows[i][:N] + [0] * n_art + [rows[i][-1]]
    rows.append(list(c) + [0] * (n_art + 1))  # phase-2 objective, row m
    kept = list(range(m))
    d = 1
    if n_art:
        phase1 = [-sum(rows[i][j] for i in artificial_rows) for j in range(N)]
        rows.append(phase1 + [0] * n_art + [-sum(rows[i][-1] for i in artificial_rows)])
        _, d = _bland(rows, basis, d, objective=m + 1, columns=N)
        if rows[m + 1][-1] != 0:
            return INFEASIBLE, [], []
        rows.pop()
        # Drive the artificial variables (all at zero now) out of the basis; drop redundant rows.
        for i in reversed(range(m)):
            if basis[i] < N:
                continue
            s = next((j for j in range(N) if rows[i][j] != 0), None)
            if s is None:
                del rows[i], basis[i], kept[i]
                continue
            d = _pivot(rows, d, i, s)
            basis[i] = s
            if d < 0:
                rows[:] = [[-v for v in row] for row in rows]
                d = -d
        rows[:] = [row[:N] + [row[-1]] for row in rows]
    status, d = _bland(rows, basis, d, objective=len(rows) - 1, columns=N)
    return status, basis, kept


def _bland(rows: list[list[int]], basis: list[int], d: int, objective: int,
           columns: int) -> tuple[str, int]:
    """Simplex iterations with Bland's rule until optimal or unbounded; returns (status, d).

    Constraint rows come first (one per basis entry); ``rows[objective]`` holds the reduced
    costs and minus the objective value.  The denominator ``d`` stays positive, so signs of
    integer entries are signs of the true tableau entries.
    """
    m = len(basis)
    while True:
        z = rows[objective]
        s = next((j for j in range(columns) if z[j] < 0), None)
        if s is None:
            return OPTIMAL, d
        r = None
        for i in range(m):
            a = rows[i][s]
            if a <= 0:
                continue
            if r is None:
                r = i
                continue
            # compare the ratios rows[i][-1] / a and rows[r][-1] / rows[r][s]
            left, right = rows[i][-1] * rows[r][s], rows[r][-1] * a
            if left < right or (left == right and basis[i] < basis[r]):
                r = i
        if r is None:
            return UNBOUNDED, d
        d = _pivot(rows, d, r, s)
        basis[r] = s
