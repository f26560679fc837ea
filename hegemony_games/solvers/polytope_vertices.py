"""All vertices of a polytope {z ≥ 0 : M z ≤ 1}, with the full set of constraints tight at each.

The search walks the *lexicographically feasible bases* of the polytope's dictionary, pivot by
pivot (breadth first).  Perturbing the right-hand side to 1 + (ε, ε², …) makes the polytope
simple; its bases are exactly the lexicographically feasible ones and its vertex graph is
connected, and every vertex of the real polytope is the limit of at least one of them.  The
walk is therefore complete on degenerate polytopes with no tolerance at all (Dantzig, Orden &
Wolfe 1955 for the lexicographic rule; Avis, Rosenberg, Savani & von Stengel, "Enumeration of
Nash equilibria for two-player games", Economic Theory 42, 2010, for its use here).

Exact mode pivots on integers without fractions (Edmonds 1967; Bareiss 1968): every entry of
the tableau is a minor of the input, each division is exact, and a common denominator ``D``
is carried.  Float mode runs the same walk in float64 with a tolerance and reports a tie it
cannot break by raising :class:`AmbiguousPivot`, so that the caller can switch to exact mode.

Variables are numbered ``0..d-1`` for z and ``d..d+k-1`` for the slacks of the k rows of M;
a vertex's *tight mask* has bit v set when variable v is zero there.
"""
from __future__ import annotations

from collections import deque
from fractions import Fraction
from typing import Any, Iterator

import numpy as np

__all__ = ["AmbiguousPivot", "polytope_vertices"]


_ZERO = Fraction(0)


class AmbiguousPivot(ArithmeticError):
    """A float ratio test met a tie that rounding could have caused."""


class _ExactTableau:
    """Integer tableau ``T = D·B⁻¹[M | I | 1]`` of one basis; ``D`` = |det B|."""

    __slots__ = ("T", "D", "basis", "d")

    def __init__(self, T: np.ndarray, D: int, basis: list[int], d: int):
        self.T, self.D, self.basis, self.d = T, D, basis, d

    @classmethod
    def start(cls, M: np.ndarray) -> "_ExactTableau":
        k, d = M.shape
        T = np.zeros((k, d + k + 1), dtype=object)
        T[:, :d] = M
        T[np.arange(k), d + np.arange(k)] = 1
        T[:, -1] = 1
        return cls(T, 1, list(range(d, d + k)), d)

    def leaving_rows(self, columns: list[int]) -> list[int | None]:
        """For each entering variable, the row that leaves: the lexicographic minimum ratio."""
        rows = self.T.tolist()  # Python ints: indexing an object array costs more than the arithmetic
        keys = (-1, *range(self.d, len(rows[0]) - 1))
        return [self._leaving_row(rows, keys, c) for c in columns]

    @staticmethod
    def _leaving_row(rows: list[list[int]], keys: tuple[int, ...], c: int) -> int | None:
        best = None
        for r, row in enumerate(rows):
            if row[c] > 0 and (best is None or _lex_less(row, rows[best], c, keys)):
                best = r
        return best

    def pivot(self, r: int, c: int) -> "_ExactTableau":
        T = self.T
        p = T[r, c]
        new = (p * T - np.outer(T[:, c], T[r])) // self.D
        new[r] = T[r]
        basis = self.basis.copy()
        basis[r] = c
        return _ExactTableau(new, p, basis, self.d)

    def tight_mask(self) -> int:
        """The variables that are zero at this basis's vertex, as bits."""
        tight = (1 << self.T.shape[1] - 1) - 1
        for v, value in zip(self.basis, self.T[:, -1].tolist()):
            if value != 0:
                tight &= ~(1 << v)
        return tight

    def point(self) -> tuple:
        """The vertex's coordinates z (Fractions)."""
        z = [_ZERO] * self.d
        for v, value in zip(self.basis, self.T[:, -1].tolist()):
            if v < self.d and value != 0:
                z[v] = Fraction(value, self.D)
        return tuple(z)


class _FloatTableau:
    """Float tableau ``B⁻¹[M | I | 1]``; ties are decided within ``tol``."""

    __slots__ = ("T", "basis", "d", "tol")

    def __init__(self, T: np.ndarray, basis: list[int], d: int, tol: float):
        self.T, self.basis, self.d, self.tol = T, basis, d, tol

    @classmethod
    def start(cls, M: np.ndarray, tol: float) -> "_FloatTableau":
        k, d = M.shape
        T = np.zeros((k, d + k + 1))
        T[:, :d] = M
        T[np.arange(k), d + np.arange(k)] = 1.0
        T[:, -1] = 1.0
        return cls(T, list(range(d, d + k)), d, tol)

    def leaving_rows(self, columns: list[int]) -> list[int | None]:
        """For each entering variable, the row that leaves (``None``: the edge is unbounded).

        The minimum-ratio test runs for all columns at once; only a column whose minimum is
        tied within ``tol`` goes through the lexicographic rule of :meth:`leaving_row`.  A
        unique minimum is the row :meth:`leaving_row` returns, by the same float operations.
        """
        T, tol = self.T, self.tol
        entries = T[:, :-1]
        positive = entries > tol
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios = np.where(positive, T[:, -1:] / entries, np.inf)
        low = ratios.min(axis=0)
        unique = ((ratios <= low + tol).sum(axis=0) == 1).tolist()
        argmin = ratios.argmin(axis=0).tolist()
        bounded = positive.any(axis=0).tolist()
        tied = any(bounded[c] and not unique[c] for c in columns)
        rows = T.tolist() if tied else None   # the tie-breaking runs on lists
        return [None if not bounded[c] else argmin[c] if unique[c] else self.leaving_row(c, rows)
                for c in columns]

    def leaving_row(self, c: int, rows: list[list[float]] | None = None) -> int | None:
        """The row that leaves when variable ``c`` enters, with ties broken lexicographically.

        On Python floats (``rows``: the tableau as lists), not numpy arrays: the same IEEE
        operations, without a numpy call per step (degenerate polytopes tie often: their walk
        spent 80% of its time here, 2.5× more than in lists)."""
        rows = self.T.tolist() if rows is None else rows
        tol = self.tol
        candidates = [r for r, row in enumerate(rows) if row[c] > tol]
        if not candidates:
            return None
        for q in (-1, *range(self.d, len(rows[0]) - 1)):
            ratios = [rows[r][q] / rows[r][c] for r in candidates]
            low = min(ratios)
            near = [(r, ratio) for r, ratio in zip(candidates, ratios) if ratio <= low + tol]
            candidates = [r for r, _ in near]
            if len(candidates) == 1:
                return candidates[0]
            if any(ratio > low + tol * 1e-3 for _, ratio in near):
                raise AmbiguousPivot(f"near-tie in the ratio test on column {c}")
        raise AmbiguousPivot(f"unbreakable tie in the ratio test on column {c}")

    def pivot(self, r: int, c: int) -> "_FloatTableau":
        T = self.T
        row = T[r] / T[r, c]
        new = T - np.outer(T[:, c], row)
        new[r] = row
        basis = self.basis.copy()
        basis[r] = c
        return _FloatTableau(new, basis, self.d, self.tol)

    def tight_mask(self) -> int:
        """The variables that are zero (within ``tol``) at this basis's vertex, as bits."""
        tight = (1 << self.T.shape[1] - 1) - 1
        for v, value in zip(self.basis, self.T[:, -1].tolist()):
            if value > self.tol:
                tight &= ~(1 << v)
            elif value < -self.tol:
                raise AmbiguousPivot("a basis that should be feasible has a negative value")
        return tight

    def point(self) -> tuple:
        z = [0.0] * self.d
        for v, value in zip(self.basis, self.T[:, -1].tolist()):
            if v < self.d and value > self.tol:
                z[v] = value
        return tuple(z)


def polytope_vertices(M: np.ndarray, exact: bool, tol: float = 1e-9, deadline: Any = None,
                      stopped: list | None = None) -> Iterator[tuple[int, tuple]]:
    """Yield ``(tight_mask, z)`` for every vertex of {z ≥ 0 : M z ≤ 1}, each once.

    ``M`` must have positive entries (so the polytope is bounded): Python ints for
    ``exact=True``, floats otherwise.  With a ``deadline`` (a
    :class:`~hegemony_games.limits.Deadline`, checked before each basis) the walk ends early when
    it expires, appending to ``stopped`` the number of bases visited and still queued.

    >>> M = np.array([[1, 1]], dtype=object)      # the triangle z1 + z2 ≤ 1
    >>> sorted((mask, tuple(map(str, z))) for mask, z in polytope_vertices(M, exact=True))
    [(3, ('0', '0')), (5, ('0', '1')), (6, ('1', '0'))]
    """
    first = _ExactTableau.start(M) if exact else _FloatTableau.start(np.asarray(M, dtype=float), tol)
    n_vars = first.T.shape[1] - 1
    seen_bases = {_basis_mask(first.basis)}
    seen_vertices: set[int] = set()
    queue = deque([first])
    visited = 0
    while queue:
        if deadline is not None and deadline.expired():
            if stopped is not None:
                stopped.append((visited, len(queue)))
            return
        visited += 1
        tableau = queue.popleft()
        mask = tableau.tight_mask()
        if mask not in seen_vertices:  # a vertex is determined by its tight constraints
            seen_vertices.add(mask)
            yield mask, tableau.point()   # (only once per vertex: most vertices have several bases)
        basis_mask = _basis_mask(tableau.basis)
        entering = [c for c in range(n_vars) if not basis_mask >> c & 1]
        for c, r in zip(entering, tableau.leaving_rows(entering)):
            if r is None:
                continue
            neighbour = basis_mask & ~(1 << tableau.basis[r]) | (1 << c)
            if neighbour not in seen_bases:
                seen_bases.add(neighbour)
                queue.append(tableau.pivot(r, c))


def _lex_less(a: list[int], b: list[int], c: int, keys: tuple[int, ...]) -> bool:
    """Is row ``a`` divided by ``a[c]`` lexicographically smaller than ``b`` divided by ``b[c]``
    on the columns ``keys`` (right-hand side, then the basis inverse)?  Both pivots are positive."""
    ca, cb = a[c], b[c]
    for q in keys:
        left, right = a[q] * cb, b[q] * ca
        if left != right:
            return left < right
    raise AssertionError("rows of a basis inverse cannot be proportional")


def _basis_mask(basis: list[int]) -> int:
    mask = 0
    for v in basis:
        mask |= 1 << v
    return mask
