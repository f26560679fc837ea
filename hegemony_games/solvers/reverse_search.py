"""Every vertex of a best-response polytope in constant memory, every decision proven: reverse search.

The vertices of a simple polytope P = {x ≥ 0 : M x ≤ 1} (M > 0) form a tree once each vertex
other than the origin names a *parent*: the neighbour across its improving edge (one that
decreases w·x, for fixed weights w > 0) of smallest constraint index.  w·x strictly decreases
from child to parent and the origin is its only minimum over P, so every vertex leads to the
origin.  Reverse search
walks this tree from the origin: a vertex v's children are the neighbours u whose parent is v
(Avis & Fukuda, "A pivoting algorithm for convex hulls and vertex enumeration of arrangements
and polyhedra", Discrete Comput. Geom. 8, 1992).  Nothing is stored per vertex: the memory is
the stack of the vertices on the current path, and each vertex is visited once.

Floating point decides each step, and each decision is *proven*, as in :mod:`.certify`.  At
the origin, and whenever error bounds have grown, a vertex is computed from scratch: a verified
solve of M[T, S] x_S = 1 (Rump's a-posteriori bound, which also bounds M[T, S]⁻¹ entrywise)
proves it a simple vertex with its tight constraints, and gives each edge's direction, its
change of w·x and the rates of the loose constraints with rigorous radii (Higham's γ for every
rounding).  Between such refreshes a child's tableau comes from its parent's by one pivot in
midpoint-radius interval arithmetic.  A ratio test is accepted only when its winner's interval
lies below every rival's, a sign only when the value exceeds its radius, so the search takes
exactly the steps exact arithmetic would take.  It is then complete: of the vertices not
visited, one with least w·x would be simple (a neighbour of a visited vertex is simple, or the
ratio test there ties) with a visited parent, whose proven child test finds it; a non-simple
one would have an unvisited neighbour of smaller w·x.  Anything unproven (a tie, a degenerate
vertex, a near-singular system) returns ``None``, and the caller falls back to the walk that
handles degenerate games.

Pairing streams too: at a vertex x of P with support S and best-response columns T (|S| = |T|
in a simple polytope), the only y that can complete its labels solves A[S, T] y_T = 1, y = 0
off T; it is an equilibrium partner when y_T > 0 and (A y)_i < 1 off S (von Stengel,
"Computing equilibria for two-person games", Handbook of Game Theory 3, 2002, on labels),
decided with the same verified solve.
"""
from __future__ import annotations

import threading
from typing import NamedTuple

import numpy as np

from ..limits import Deadline
from ._common import PARALLEL   # search Q in a second thread (the seeded 12×12 game, 2 cores: 17.5 ms instead of 26 ms)

__all__ = ["VertexPairs", "reverse_search_pairs", "polytope_vertex_count"]

UNIT = 2.0 ** -53
DEPTH = 64          # levels of the search stack to start with; quadrupled when a search needs more
CAPACITY = 64       # equilibria to start with; quadrupled when a game has more
CHECK = 2048        # vertices between two readings of the clock (and of the halt flag of a parallel search)


class VertexPairs(NamedTuple):
    """The vertex pairs (x, y) of a game with complementary labels, and the vertices counted."""

    X: np.ndarray                 # pairs × m, x unnormalised (a vertex of P)
    Y: np.ndarray                 # pairs × n, y unnormalised (a vertex of Q)
    vertices: tuple[int, int]     # vertices of P and Q (visited, if stopped), the origin excluded
    stopped: str = ""             # what a deadline left unsearched ("": nothing, the pairs are all)


def _spread(size: int, eps: float) -> tuple[float, float]:
    g = (size + 2) * UNIT / (1 - (size + 2) * UNIT)
    return 2 * g + 2 * eps, g


def _weights(d: int) -> np.ndarray:
    """The objective's weights: positive, and unequal so that an edge along a facet whose normal
    is constant (a strategy with equal payoffs) is not level, a tie the search would decline."""
    return 1.0 + 0.25 * ((np.arange(d) * 0.6180339887498949) % 1.0)


def _run(M: np.ndarray, A: np.ndarray, eps: float, margin: float, match: bool,
         deadline: Deadline | None = None,
         halt: np.ndarray | None = None) -> tuple[int, np.ndarray, np.ndarray, bool] | None:
    """``(vertices, X, Y, finished)``, or ``None`` when a step is not proven.  With a deadline the
    compiled search reads the clock every ``CHECK`` vertices and stops (finished False) once it
    has expired.  ``halt`` (one bool, shared with a search in another thread) is read as often:
    a search stops when the other has set it, and sets it when it fails."""
    from ._reverse_numba import DEEP, FULL, OK, STOPPED, reverse_search
    spread, g = _spread(sum(M.shape), eps)
    end = np.inf if deadline is None else deadline.end
    if halt is None:
        halt = np.zeros(1, dtype=bool)
    elif end == np.inf:
        end = np.finfo(float).max   # finite: the search then reads ``halt`` every CHECK vertices
    depth, capacity = DEPTH, CAPACITY
    while True:
        status, vertices, count, X, Y = reverse_search(M, A, _weights(M.shape[1]), spread, g, margin, depth,
                                                       capacity, match, end, CHECK, halt)
        if status == DEEP:
            depth *= 4
        elif status == FULL:
            capacity *= 4
        elif status in (OK, STOPPED):
            return vertices, X[:count], Y[:count], status == OK
        else:
            halt[0] = True
            return None


def polytope_vertex_count(M: np.ndarray, eps: float = 4 * UNIT, margin: float = 0.0) -> int | None:
    """The number of vertices of {z ≥ 0 : M z ≤ 1} (M positive, float), the origin included, or
    ``None`` unless the polytope is proven simple and every step of the search proven.

    >>> polytope_vertex_count(np.array([[1.0, 1.0]]))        # the triangle z1 + z2 ≤ 1
    3
    >>> polytope_vertex_count(np.array([[2.0, 1.0], [1.0, 2.0]]))
    4
    """
    M = np.ascontiguousarray(M, dtype=float)
    found = _run(M, M.T.copy(), eps, margin, match=False)
    return None if found is None else found[0]


def reverse_search_pairs(A: np.ndarray, B: np.ndarray, eps: float = 4 * UNIT, margin: float = 0.0,
                         deadline: Deadline | None = None) -> VertexPairs | None:
    """The complementary vertex pairs of the positive m×n game (A, B), or ``None`` if not proven.

    ``A`` and ``B`` are float, positive, equal to the true payoffs up to a relative error ``eps``
    entrywise.  P = {x ≥ 0 : Bᵀx ≤ 1} is searched and each of its vertices paired; Q =
    {y ≥ 0 : A y ≤ 1} is searched only to prove it simple too, so that the game is proven
    nondegenerate; with ``PARALLEL`` in a second thread, at the same time as P (the compiled
    search releases the GIL), and a search that fails halts the other.  Every proven slack,
    coordinate and pairing value exceeds ``margin``.
    When ``deadline`` expires the search stops: the pairs found so far are returned, and
    ``stopped`` says which search was cut short.

    >>> found = reverse_search_pairs(np.array([[3.0, 1.0], [1.0, 2.0]]), np.array([[2.0, 1.0], [1.0, 3.0]]))
    >>> np.round(found.X / found.X.sum(axis=1, keepdims=True), 6).tolist(), found.vertices
    ([[1.0, 0.0], [0.0, 1.0], [0.666667, 0.333333]], (3, 3))
    """
    A = np.ascontiguousarray(A, dtype=float)
    B = np.ascontiguousarray(B, dtype=float)
    if not (np.all(A > 0) and np.all(B > 0) and np.all(np.isfinite(A)) and np.all(np.isfinite(B))):
        return None
    halt = np.zeros(1, dtype=bool) if PARALLEL else None   # a failed search stops the other
    q_found: list = []

    def search_q() -> None:
        try:
            q_found.append(_run(A, B.T.copy(), eps, margin, match=False, deadline=deadline, halt=halt))
        except BaseException as exc:  # handed to the caller's thread
            q_found.append(exc)

    helper = threading.Thread(target=search_q, name="reverse search of Q", daemon=True) if PARALLEL else None
    if helper is not None:
        helper.start()
    try:
        p = _run(np.ascontiguousarray(B.T), A, eps, margin, match=True, deadline=deadline, halt=halt)
    finally:
        if helper is not None:
            helper.join()
    if helper is not None and isinstance(q_found[0], BaseException):
        raise q_found[0]
    if helper is not None and q_found[0] is None:
        return None   # Q is not proven simple (and P's search may have been halted for it)
    if p is None:
        return None
    p_vertices, X, Y, finished = p
    if not finished:
        return VertexPairs(X, Y, (max(p_vertices - 1, 0), 0), stopped=(
            f"the reverse search of the row player's best-response polytope stopped after {p_vertices - 1} "
            "vertices: equilibria at the vertices not reached were not searched"))
    if helper is None:
        search_q()
        if isinstance(q_found[0], BaseException):
            raise q_found[0]
    q = q_found[0]
    if q is None:
        return None
    q_vertices, _, _, finished = q
    return VertexPairs(X, Y, (p_vertices - 1, q_vertices - 1), stopped="" if finished else (
        f"the reverse search of the column player's best-response polytope, which proves the game "
        f"nondegenerate, stopped after {q_vertices - 1} vertices: if the game is degenerate, equilibria "
        "may be missing"))
