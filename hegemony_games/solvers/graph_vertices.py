"""Candidate vertices of a polytope {z ≥ 0 : M z ≤ 1} by a depth-first search of its vertex graph.

Start at the origin (all z_i = 0) and follow every edge: at a vertex with tableau T, raising
the nonbasic variable of column c moves along an edge until the first basic variable reaches
zero (the minimum-ratio test); the vertex at the other end has one tight constraint
exchanged.  A hash table of the tight sets seen so far makes each vertex visited once, and
the search steps back to a vertex by undoing the pivot (a pivot is its own inverse).  For a
simple polytope the graph is connected (Balinski 1961), so the search meets every vertex;
this is the simplex-method view of vertex enumeration (Dyer 1983, "The complexity of vertex
enumeration methods", Math. Oper. Res. 8; Avis & Fukuda 1992 for the same graph walked
without a table).  A vertex takes one ratio test per edge and one pivot forward and back, so
it costs O(k·d) where a convex hull (:mod:`.hull_vertices`) pays more per facet.

Like :mod:`.hull_vertices` this only *proposes* vertices: the labels are recomputed from the
coordinates, and :mod:`.certify` proves them when a proof is needed.  ``None`` means "not
conclusive": a ratio-test tie or a basic variable near zero (a degenerate or nearly degenerate
polytope), too many vertices, or labels that rounding makes unclear.  The search needs numba
(the ``[fast]`` extra); without it the solvers use :mod:`.hull_vertices`.
"""
from __future__ import annotations

import numpy as np

from .hull_vertices import TIGHT, HullVertices, chunked_matmul

__all__ = ["graph_vertices", "graph_vertices_pair", "MAX_VERTICES"]

CHUNK = 8192  # vertices whose labels are checked at once
MAX_VERTICES = 1_000_000  # the search gives up past this many vertices (memory: ~100 bytes each at d = 10)


def graph_vertices(M: np.ndarray, gap: float = TIGHT, max_vertices: int = MAX_VERTICES,
                   recheck: bool = True) -> HullVertices | None:
    """Float vertices of {z ≥ 0 : M z ≤ 1} (M positive, k×d, k + d ≤ 64), their tight
    constraints and their neighbours in the vertex graph, as :func:`.hull_vertices` gives them.

    Every recomputed slack must be at most ``TIGHT`` (tight) or at least ``gap``.
    ``recheck=False`` skips recomputing the slacks from the coordinates, for a caller that
    proves each vertex's tight set itself (:func:`.certify_simple_vertices`): a third of the
    time at 8×8.

    >>> Z, tight, neighbours = graph_vertices(np.array([[1.0, 1.0]]))     # the triangle z1 + z2 ≤ 1
    >>> sorted((np.round(Z, 12) + 0.0).tolist()), tight.sum(axis=1).tolist()
    ([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0]], [2, 2, 2])
    """
    from ._graph_numba import search
    M = _searchable(M)
    return None if M is None else _listed(M, search(M, max(gap, TIGHT), max_vertices), gap, recheck)


def graph_vertices_pair(M1: np.ndarray, M2: np.ndarray, gap: float = TIGHT, max_vertices: int = MAX_VERTICES,
                        recheck: bool = True) -> tuple[HullVertices | None, HullVertices | None]:
    """:func:`graph_vertices` of two polytopes, searched in one compiled call that releases the
    GIL: another Python thread runs meanwhile.  ``(None, None)`` if either cannot be searched.

    >>> square = np.array([[1.0, 0.5], [0.5, 1.0]])
    >>> [len(found.vertices) for found in graph_vertices_pair(square, np.array([[1.0, 1.0]]))]
    [4, 3]
    """
    from ._graph_numba import search_pair
    M1, M2 = _searchable(M1), _searchable(M2)
    if M1 is None or M2 is None:
        return None, None
    first, second = search_pair(M1, M2, max(gap, TIGHT), max_vertices)
    return _listed(M1, first, gap, recheck), _listed(M2, second, gap, recheck)


def _searchable(M: np.ndarray) -> np.ndarray | None:
    M = np.ascontiguousarray(M, dtype=float)
    k, d = M.shape
    return M if 2 <= d and k + d <= 64 and np.all(np.isfinite(M)) and np.all(M > 0) else None


def _listed(M: np.ndarray, searched: tuple, gap: float, recheck: bool) -> HullVertices | None:
    """The compiled search's result as :class:`.HullVertices` (``None`` unless OK), its tight sets
    rechecked from the coordinates when ``recheck``."""
    from ._graph_numba import OK
    status, masks, Z, neighbours = searched
    if status != OK:
        return None
    k, d = M.shape
    bits = np.left_shift(np.uint64(1), np.arange(d + k, dtype=np.uint64))
    tight = (masks[:, None] & bits) != 0
    for start in range(0, len(Z) if recheck else 0, CHUNK):   # in blocks: no V×(d+k) array of slacks at once
        block = slice(start, start + CHUNK)
        slack = np.hstack([Z[block], 1.0 - chunked_matmul(Z[block], M.T)])
        if (not np.array_equal(np.abs(slack) <= TIGHT, tight[block]) or np.any(slack < -TIGHT)
                or np.any(~tight[block] & (slack < gap))):
            return None
    return HullVertices(Z.copy(), tight, neighbours.copy())   # copies: the search's spare capacity is freed
