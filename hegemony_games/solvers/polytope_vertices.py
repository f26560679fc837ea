"""All vertices of a polytope, or of one of its faces, exactly and in memory that does not grow
with them: lexicographic reverse search.

The polytope is {w ≥ 0 : N w ≤ b} with b ≥ 0 (so the origin is a vertex) and bounded; for a
best-response polytope, N = M > 0 and b = 1.  Its dictionary has the variables ``0..d-1`` for w
and ``d..d+k-1`` for the slacks of the k rows.  Perturbing the right-hand side to
b + (ε, ε², …) makes the polytope simple: its vertices are the *lexicographically feasible
bases* (the rows of [B⁻¹b | B⁻¹] lexicographically positive), each vertex of the real polytope
is the limit of at least one of them, and ties never arise (Dantzig, Orden & Wolfe 1955).

Reverse search (Avis & Fukuda 1992) walks these bases as a tree without remembering any of
them: the objective "maximise −Σ w" has the slack basis as its unique optimum, and the
*parent* of any other basis is the pivot of the simplex method with Bland's rule (the entering
variable of least index among those with positive reduced cost, the leaving row by the
lexicographic ratio test).  A basis's children are found by testing, for each entering
variable, whether the basis reached is one whose parent pivot leads back.  A vertex with
several bases is reported once, at its *least* basis: the one that no exchange of a basic
variable at zero for a nonbasic one of lower rank improves (Avis, "lrs:
a revised implementation of the reverse search vertex enumeration algorithm", in Polytopes —
Combinatorics and Computation, 2000).  The memory is the path from the root to the current
basis, one tableau per level; no vertex or basis is stored (Avis, Rosenberg, Savani & von
Stengel, "Enumeration of Nash equilibria for two-player games", Economic Theory 42, 2010, use
the same search for games).

Exact mode pivots on integers without fractions (Edmonds 1967; Bareiss 1968): every entry of
the tableau is a minor of the input, each division is exact, and a positive common denominator
``D`` is carried.  Float mode runs the same search in float64: a value of the tableau is zero
within ``tol`` and ratios within ``tol`` are tied (as the float walk that this search replaced
decided them); a near-tie of ratios raises :class:`AmbiguousPivot`, so that the caller can switch
to exact mode.  Reduced costs only shape the tree, so their signs must be right rather than
tolerant: one within ``NEAR_ZERO`` of zero but not within ``ROUNDING`` is recomputed in rational
arithmetic from the input floats.

A *face* is enumerated the same way after a first phase: the simplex method (lexicographic
ratio test) finds a vertex of the face, or proves it empty, and the face's own dictionary at that
vertex starts the search, its equations removed.

A vertex's *tight mask* has bit v set when variable v is zero there.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any, Iterator, Sequence

import numpy as np

from ..numbers import over_common_denominator
from .certify import bareiss_solve, solve_ones

__all__ = ["AmbiguousPivot", "polytope_vertices", "face_vertices"]


#: float reduced costs: zero within ROUNDING, decided exactly up to NEAR_ZERO (payoffs scaled into
#: [1, 2]).  ROUNDING is 0: at 1e-14 a cost of 1e-14 made by payoff noise of 3e-14 was taken for
#: zero and an equilibrium was missed (a degenerate 5x5 game); only an exact 0.0 is trusted.
ROUNDING, NEAR_ZERO = 0.0, 1e-13


class AmbiguousPivot(ArithmeticError):
    """A float decision (a sign, a ratio test) that rounding could have made."""


class _ExactTableau:
    """Integer tableau ``D·B⁻¹[N | I | b]`` of one basis, ``D`` = |det B| > 0, and optionally
    below it D times the reduced costs of "maximise −Σ w", pivoted along as one more row (of an
    extra basic variable: its entries stay minors, the divisions exact)."""

    __slots__ = ("T", "D", "basis", "d")

    def __init__(self, T: np.ndarray, D: int, basis: list[int], d: int):
        self.T, self.D, self.basis, self.d = T, D, basis, d

    @classmethod
    def start(cls, N: Any, b: Sequence[int], objective: bool = False) -> "_ExactTableau":
        """The slack basis of {w ≥ 0 : N w ≤ b}: N and b of Python ints, b ≥ 0."""
        N = np.array(N, dtype=object)
        k, d = N.shape
        T = np.zeros((k + objective, d + k + 1), dtype=object)
        T[:k, :d] = N
        T[np.arange(k), d + np.arange(k)] = 1
        T[:k, -1] = list(b)
        if objective:
            T[k, :d] = -1
        return cls(T, 1, list(range(d, d + k)), d)

    def lists(self) -> tuple[list[list[int]], list[int] | None]:
        """The rows and the reduced costs of the variables (``None`` without them), as lists of
        Python ints: indexing an object array costs more than the arithmetic."""
        rows = self.T.tolist()
        return (rows[:-1], rows[-1][:-1]) if len(rows) > len(self.basis) else (rows, None)

    def pivot(self, r: int, c: int) -> "_ExactTableau":
        """The tableau after variable ``c`` enters and row ``r``'s variable leaves (T[r, c] ≠ 0)."""
        T = self.T
        p = T[r, c]
        new = (p * T - np.outer(T[:, c], T[r])) // self.D
        new[r] = T[r]
        if p < 0:   # keep the denominator positive
            new, p = -new, -p
        basis = self.basis.copy()
        basis[r] = c
        return _ExactTableau(new, p, basis, self.d)

    @staticmethod
    def sign(value: int) -> int:
        return (value > 0) - (value < 0)

    cost_sign = sign

    @staticmethod
    def sign_after_pivot(cj: int, cs: int, trj: int, trs: int) -> int:
        """The sign of variable j's reduced cost once s has entered in row r (T[r, s] > 0)."""
        return _ExactTableau.sign(cj * trs - cs * trj)

    @staticmethod
    def leaving_row(rows: list[list[int]], keys: tuple[int, ...], c: int) -> int | None:
        """The row that leaves when variable ``c`` enters: the lexicographic minimum ratio over
        the columns ``keys`` (right-hand side, then the basis inverse); ``None`` if none is positive."""
        best = None
        for r, row in enumerate(rows):
            e = row[c]
            if e > 0:
                if best is None:
                    best, best_row, best_e = r, row, e
                    continue
                left, right = row[-1] * best_e, best_row[-1] * e   # the right-hand side, inline
                if left < right or left == right and _lex_less(row, best_row, c, keys[1:]):
                    best, best_row, best_e = r, row, e
        return best

    def value(self, entry: int) -> Fraction:
        return Fraction(entry, self.D)


class _FloatTableau:
    """Float tableau ``T = B⁻¹[N | I | b]``, and optionally the reduced costs of "maximise −Σ w";
    a value is zero within ``tol``."""

    __slots__ = ("T", "costs", "D", "basis", "d", "tol", "origin")

    def __init__(self, T: np.ndarray, costs: np.ndarray | None, basis: list[int], d: int, tol: float,
                 origin: list):
        self.T, self.costs, self.D, self.basis, self.d, self.tol = T, costs, 1.0, basis, d, tol
        # [the starting tableau [N | I | b]], shared by the search's tableaux; replaced by its
        # integer columns and their denominator the first time a reduced cost is computed exactly
        self.origin = origin

    @classmethod
    def start(cls, N: Any, b: Sequence[float], tol: float, objective: bool = False) -> "_FloatTableau":
        N = np.asarray(N, dtype=float)
        k, d = N.shape
        T = np.zeros((k, d + k + 1))
        T[:, :d] = N
        T[np.arange(k), d + np.arange(k)] = 1.0
        T[:, -1] = b
        costs = np.concatenate([-np.ones(d), np.zeros(k + 1)]) if objective else None
        return cls(T, costs, list(range(d, d + k)), d, tol, [T])

    def lists(self) -> tuple[list[list[float]], list[float] | None]:
        return self.T.tolist(), None if self.costs is None else self.costs[:-1].tolist()

    def pivot(self, r: int, c: int) -> "_FloatTableau":
        T = self.T
        row = T[r] / T[r, c]
        new = T - np.outer(T[:, c], row)
        new[r] = row
        costs = None if self.costs is None else self.costs - self.costs[c] * row
        basis = self.basis.copy()
        basis[r] = c
        return _FloatTableau(new, costs, basis, self.d, self.tol, self.origin)

    def sign(self, value: float) -> int:
        """The sign of a value of the tableau (a coordinate, an entry): zero within ``tol``."""
        return _float_sign(value, self.tol)

    def cost_sign(self, value: float) -> int | None:
        """The sign of a reduced cost, which shapes the search tree (or steers the first phase)
        and nothing else: it must be right, not tolerant.  Zero within ``ROUNDING``; ``None`` up
        to ``NEAR_ZERO``, where rounding could have decided it: :meth:`exact_cost_signs` then
        decides (most costs that are zero in the data come out there as 1e-16 to 1e-14)."""
        size = abs(value)
        if size > NEAR_ZERO:
            return 1 if value > 0 else -1
        return 0 if size <= ROUNDING else None

    def sign_after_pivot(self, cj: float, cs: float, trj: float, trs: float) -> int | None:
        return self.cost_sign(cj - cs * trj / trs)

    def exact_cost_signs(self, basis: list[int], objective: set[int] | range) -> list[int]:
        """The signs of the reduced costs of "maximise −Σ ``objective``" at ``basis``, computed
        exactly from the starting tableau's floats (each a rational): C_j = c_j − yᵀa_j with
        Bᵀy = c_B, on the integers L·[N | I] (L: their common denominator), so that
        D·L·C_j = D·L·c_j − num·(L·a_j) with Bᵀ num = D·c_B (:func:`.certify.bareiss_solve`)."""
        if not isinstance(self.origin[0], tuple):   # converted once per search, shared by its tableaux
            numerators, L = over_common_denominator(np.vectorize(Fraction, otypes=[object])(self.origin[0][:, :-1]))
            self.origin[0] = (numerators.T.tolist(), L)
        columns, L = self.origin[0]
        c = [-1 if j in objective else 0 for j in range(len(columns))]
        num, D = bareiss_solve([columns[v] for v in basis], [L * c[v] for v in basis])
        return [_ExactTableau.sign(D) * _ExactTableau.sign(D * L * cj - sum(x * a for x, a in zip(num, column)))
                for cj, column in zip(c, columns)]

    def leaving_row(self, rows: list[list[float]], keys: tuple[int, ...], c: int) -> int | None:
        """As :meth:`_ExactTableau.leaving_row`; ratios within ``tol`` are ties, broken by the next
        key, and a near-tie (apart by more than ``tol``·10⁻³) raises :class:`AmbiguousPivot`."""
        tol = self.tol
        candidates = [r for r, row in enumerate(rows) if row[c] > tol]
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        for q in keys:
            ratios = [rows[r][q] / rows[r][c] for r in candidates]
            low = min(ratios)
            near = [(r, ratio) for r, ratio in zip(candidates, ratios) if ratio <= low + tol]
            candidates = [r for r, _ in near]
            if len(candidates) == 1:
                return candidates[0]
            if any(ratio > low + tol * 1e-3 for _, ratio in near):
                raise AmbiguousPivot(f"near-tie in the ratio test on column {c}")
        raise AmbiguousPivot(f"unbreakable tie in the ratio test on column {c}")

    @staticmethod
    def value(entry: float) -> float:
        return float(entry)


_ZERO = Fraction(0)
Tableau = _ExactTableau | _FloatTableau


def _float_sign(value: float, tol: float) -> int:
    return 0 if abs(value) <= tol else 1 if value > 0 else -1


def _lex_less(a: list[int], b: list[int], c: int, keys: tuple[int, ...]) -> bool:
    """Is row ``a`` divided by ``a[c]`` lexicographically smaller than ``b`` divided by ``b[c]``
    on the columns ``keys``?  Both pivots are positive."""
    ca, cb = a[c], b[c]
    for q in keys:
        left, right = a[q] * cb, b[q] * ca
        if left != right:
            return left < right
    raise AssertionError("rows of a basis inverse cannot be proportional")


def _start(N: Any, b: Sequence, exact: bool, tol: float, objective: bool = False) -> Tableau:
    return _ExactTableau.start(N, b, objective) if exact else _FloatTableau.start(N, b, tol, objective)


def _keys(tableau: Tableau) -> tuple[int, ...]:
    """The ratio test's columns: the right-hand side, then the basis inverse (the slacks')."""
    return (-1, *range(tableau.d, tableau.d + len(tableau.basis)))


def _tight_mask(tableau: Tableau, rows: list[list]) -> int:
    """The variables that are zero at this basis's vertex, as bits."""
    tight = (1 << len(rows[0]) - 1) - 1
    for v, row in zip(tableau.basis, rows):
        sign = tableau.sign(row[-1])
        if sign > 0:
            tight &= ~(1 << v)
        elif sign < 0:
            raise AmbiguousPivot("a basis that should be feasible has a negative value")
    return tight


def _values(tableau: Tableau, rows: list[list], count: int) -> list:
    """The values of the variables ``0..count-1`` at this basis's vertex (0 where they are zero)."""
    values = [tableau.value(0)] * count
    for v, row in zip(tableau.basis, rows):
        if v < count and tableau.sign(row[-1]) != 0:
            values[v] = tableau.value(row[-1])
    return values


def _reduced_costs(tableau: Tableau, rows: list[list], objective: set[int] | range) -> list:
    """D times the reduced costs of "maximise −Σ the variables in ``objective``"."""
    costs = [0] * (len(rows[0]) - 1)
    for j in objective:
        costs[j] = -tableau.D
    for v, row in zip(tableau.basis, rows):
        if v in objective:
            costs = [c + e for c, e in zip(costs, row)]
    return costs


def _children(tableau: Tableau, rows: list[list], costs: list, keys: tuple[int, ...]) -> list[tuple[int, int]]:
    """The pivots ``(r, s)`` that lead from this basis to its children in the search tree.

    Entering ``s`` (reduced cost C_s < 0, so that the neighbour is worse) and leaving row r's
    variable u reaches a basis whose reduced costs have the signs of C_j·T[r,s] − C_s·T[r,j]
    (j ≠ s) and of −C_s for u.  Its parent pivot enters the variable of least index with a
    positive one; the neighbour is a child when that variable is u (the ratio test then returns
    along the same edge of the perturbed, simple polytope).  ``costs``: D times the reduced costs
    C of "maximise −Σ w"."""
    basic = set(tableau.basis)
    cobasic = [j for j in range(len(costs)) if j not in basic]
    objective = range(tableau.d)
    signs = [tableau.cost_sign(costs[j]) for j in cobasic]
    if None in signs:   # (float: too near zero to trust)
        exact = tableau.exact_cost_signs(tableau.basis, objective)
        signs = [exact[j] for j in cobasic]
    pivots = []
    for s, sign in zip(cobasic, signs):
        if sign >= 0:
            continue
        r = tableau.leaving_row(rows, keys, s)
        if r is None:
            continue
        u, row, cs = tableau.basis[r], rows[r], costs[s]
        after = [tableau.sign_after_pivot(costs[j], cs, row[j], row[s]) for j in cobasic if j < u and j != s]
        if None in after:
            basis = tableau.basis.copy()
            basis[r] = s
            exact = tableau.exact_cost_signs(basis, objective)
            after = [exact[j] for j in cobasic if j < u and j != s]
        if all(sign <= 0 for sign in after):
            pivots.append((r, s))
    return pivots


def _least_basis(tableau: Tableau, rows: list[list]) -> bool:
    """Is this the least basis of its vertex?  The bases of a vertex are those of a matroid, so a
    basis is least exactly when no single exchange lowers it: no basic variable at zero can be
    exchanged for a nonbasic one of lower rank.  The rank orders the variables as the
    perturbation does, the slacks first (row 0's perturbed most), then w (not perturbed); with
    this order the least basis is lexicographically feasible (Avis 2000), so every vertex is
    reported exactly once."""
    d = tableau.d
    basic = set(tableau.basis)
    cobasic = [j for j in range(len(rows[0]) - 1) if j not in basic]
    for v, row in zip(tableau.basis, rows):
        if tableau.sign(row[-1]) == 0 and any(
                tableau.sign(row[j]) != 0 for j in cobasic if (d <= j < v if v >= d else j >= d or j < v)):
            return False
    return True


def _reverse_search(root: Tableau, deadline: Any = None, stopped: list | None = None
                    ) -> Iterator[tuple[Tableau, list[list]]]:
    """Yield ``(tableau, rows)`` at the least basis of every vertex, each vertex once
    (``rows``: the tableau as lists of Python numbers).  See the module's docstring."""
    keys = _keys(root)
    rows, costs = root.lists()
    if _least_basis(root, rows):
        yield root, rows
    path = [(root, iter(_children(root, rows, costs, keys)))]   # tableaux from the root; each one's pivots left
    visited = 1
    while path:
        tableau, pivots = path[-1]
        step = next(pivots, None)
        if step is None:
            path.pop()
            continue
        if deadline is not None and deadline.expired():
            if stopped is not None:
                stopped.append(visited)
            return
        visited += 1
        child = tableau.pivot(*step)
        rows, costs = child.lists()
        if _least_basis(child, rows):
            yield child, rows
        path.append((child, iter(_children(child, rows, costs, keys))))


def polytope_vertices(M: np.ndarray, exact: bool, tol: float = 1e-9, deadline: Any = None,
                      stopped: list | None = None) -> Iterator[tuple[int, tuple]]:
    """Yield ``(tight_mask, z)`` for every vertex of {z ≥ 0 : M z ≤ 1}, each once.

    ``M`` must have positive entries (so the polytope is bounded): Python ints for
    ``exact=True`` (z in Fractions), floats otherwise (zero within ``tol``; a decision too
    close to call raises :class:`AmbiguousPivot`).  With a ``deadline`` (a :class:`~hegemony_games.limits.Deadline`,
    checked before each pivot) the search ends early when it expires, appending to ``stopped``
    the number of bases visited.

    >>> M = np.array([[1, 1]], dtype=object)      # the triangle z1 + z2 ≤ 1
    >>> sorted((mask, tuple(map(str, z))) for mask, z in polytope_vertices(M, exact=True))
    [(3, ('0', '0')), (5, ('0', '1')), (6, ('1', '0'))]
    """
    k, d = M.shape
    for tableau, rows in _reverse_search(_start(M, [1] * k, exact, tol, objective=True), deadline, stopped):
        yield _tight_mask(tableau, rows), tuple(_values(tableau, rows, d))


def face_vertices(M: np.ndarray, tight_rows: Sequence[int], zero_columns: Sequence[int], exact: bool,
                  tol: float = 1e-9, deadline: Any = None, stopped: list | None = None
                  ) -> Iterator[tuple[int, tuple]]:
    """Yield ``(tight_mask, z)`` for every vertex of the face of {z ≥ 0 : M z ≤ 1} where
    (M z)_i = 1 for i in ``tight_rows`` and z_j = 0 for j in ``zero_columns`` (none if it is empty).

    Masks and coordinates are those of the whole polytope (as :func:`polytope_vertices` gives
    them); the other arguments as there.  A first phase minimises the slacks of ``tight_rows``
    by the simplex method (lexicographic ratio test, so it cannot cycle): the face is empty
    unless they reach 0.  The face's dictionary at the vertex found (its equations removed) then
    starts a reverse search.  A face with as many tight rows as free coordinates is mostly one
    point: its equations are solved directly (the phases run when they are singular or, in
    floats, ill-conditioned).

    >>> M = np.array([[1, 1], [1, 0]], dtype=object)   # the edge where z1 + z2 = 1
    >>> sorted((mask, tuple(map(str, z))) for mask, z in face_vertices(M, [0], [], exact=True))
    [(5, ('0', '1')), (14, ('1', '0'))]
    """
    k, d = M.shape
    zero = set(zero_columns)
    kept = [j for j in range(d) if j not in zero]
    base_mask = sum(1 << j for j in zero) | sum(1 << (d + i) for i in tight_rows)
    if len(tight_rows) == len(kept):   # 4x faster than the phases (degenerate 12x12 game: 2,212 of 2,656 faces)
        try:
            if exact:
                yield from _point_face(M, list(tight_rows), kept, base_mask)
            else:
                yield from _float_point_face(M, list(tight_rows), kept, base_mask, tol)
            return
        except ZeroDivisionError:   # singular: a face of dimension ≥ 1, or empty
            pass
    # the variables of the reduced dictionary: kept[i] for i < len(kept), then the k slacks
    original = kept + [d + i for i in range(k)]
    fixed = {len(kept) + i for i in tight_rows}
    tableau = _first_phase(_start(M[:, kept], [1] * k, exact, tol), fixed)
    if tableau is None:
        return
    tableau, keep = _without_fixed(tableau, fixed)
    rows = tableau.lists()[0]
    basic = set(tableau.basis)
    cobasis = [j for j in range(len(rows[0]) - 1) if j not in basic and j not in fixed]
    rhs = [rows[r][-1] if tableau.sign(rows[r][-1]) else 0 * rows[r][-1] for r in keep]   # (float: noise off)
    N = np.array([[rows[r][j] for j in cobasis] for r in keep], dtype=object).reshape(len(keep), len(cobasis))
    start = _start(N, rhs, exact, tol, objective=True)
    # The face's variables: its w (nonbasic at the start), then one slack per row kept, which is
    # D times the variable basic in that row at the start.
    variables = [original[j] for j in cobasis] + [original[tableau.basis[r]] for r in keep]
    scale = [1] * len(cobasis) + [tableau.D] * len(keep)
    for found, rows in _reverse_search(start, deadline, stopped):
        mask, z = base_mask, [found.value(0)] * d
        for v, value, factor in zip(variables, _values(found, rows, len(variables)), scale):
            if value == 0:
                mask |= 1 << v
            elif v < d:
                z[v] = value / factor
        yield mask, tuple(z)


def _point_face(M: np.ndarray, rows: list[int], kept: list[int], base_mask: int) -> Iterator[tuple[int, tuple]]:
    """The face where as many rows are tight as coordinates are free (exact): the solution of
    those equations, if it is in the polytope.  ``ZeroDivisionError`` if they are singular."""
    k, d = M.shape
    columns = [M[:, j].tolist() for j in kept]
    num, D = solve_ones([[column[i] for column in columns] for i in rows]) if rows else ([], 1)
    if D < 0:
        num, D = [-v for v in num], -D
    if any(v < 0 for v in num):
        return
    mask = base_mask
    for j, v in zip(kept, num):
        if v == 0:
            mask |= 1 << j
    values = [0] * k   # D·(M z)_i, a column at a time
    for column, v in zip(columns, num):
        if v:
            values = [s + e * v for s, e in zip(values, column)]
    for i, value in enumerate(values):
        if value > D:
            return
        if value == D:
            mask |= 1 << (d + i)
    z = [_ZERO] * d
    for j, v in zip(kept, num):
        z[j] = Fraction(v, D)
    yield mask, tuple(z)


def _float_point_face(M: np.ndarray, rows: list[int], kept: list[int], base_mask: int, tol: float
                      ) -> Iterator[tuple[int, tuple]]:
    """:func:`_point_face` in floats, signs decided as the float tableau decides them;
    ``ZeroDivisionError`` if the equations are near singular (the phases then decide)."""
    k, d = M.shape
    z = np.zeros(d)
    if rows:
        G = M[np.ix_(rows, kept)]
        if np.linalg.cond(G) > 1e8:
            raise ZeroDivisionError("near-singular system")
        z[kept] = np.linalg.solve(G, np.ones(len(rows)))
    mask = base_mask
    for j in kept:
        sign = _float_sign(z[j], tol)
        if sign < 0:
            return
        if sign == 0:
            z[j], mask = 0.0, mask | 1 << j
    for i, slack in enumerate((1.0 - M @ z).tolist()):
        sign = _float_sign(slack, tol)
        if sign < 0:
            return
        if sign == 0:
            mask |= 1 << (d + i)
    yield mask, tuple(z.tolist())


def _first_phase(tableau: Tableau, fixed: set[int]) -> Tableau | None:
    """A basis where every variable in ``fixed`` is zero, by the simplex method minimising their
    sum; ``None`` if its minimum is positive (no point has them all zero)."""
    keys = _keys(tableau)
    while True:
        rows = tableau.lists()[0]
        costs = _reduced_costs(tableau, rows, fixed)
        basic = set(tableau.basis)
        signs = [tableau.cost_sign(c) for c in costs]
        if None in signs:
            signs = tableau.exact_cost_signs(tableau.basis, fixed)
        entering = [j for j, sign in enumerate(signs) if j not in basic and sign > 0]
        if not entering:
            break
        s = max(entering, key=lambda j: costs[j])   # Dantzig's rule; the lexicographic test ends it
        tableau = tableau.pivot(tableau.leaving_row(rows, keys, s), s)   # bounded: a row is positive
    rows = tableau.lists()[0]
    if any(v in fixed and tableau.sign(row[-1]) != 0 for v, row in zip(tableau.basis, rows)):
        return None
    return tableau


def _without_fixed(tableau: Tableau, fixed: set[int]) -> tuple[Tableau, list[int]]:
    """The basis with no fixed variable basic, and the rows to keep: a fixed variable basic (at
    zero) is exchanged for a free nonbasic one (a degenerate pivot: nothing else moves), or its
    row is dropped when only fixed variables have a nonzero entry there (it then reads 0 = 0
    on the face)."""
    dropped = []
    for r in range(len(tableau.basis)):
        if tableau.basis[r] not in fixed:
            continue
        row = tableau.lists()[0][r]
        free = [j for j in range(len(row) - 1)
                if j not in fixed and j not in tableau.basis and tableau.sign(row[j]) != 0]
        if free:
            tableau = tableau.pivot(r, max(free, key=lambda j: abs(row[j])))
        else:
            dropped.append(r)
    return tableau, [r for r in range(len(tableau.basis)) if r not in dropped]
