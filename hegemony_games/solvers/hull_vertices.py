"""Candidate vertices of a polytope {z ≥ 0 : M z ≤ 1} in floating point, by a convex hull of polar points.

Move an interior point c of the polytope P to the origin.  Each constraint aᵀz ≤ b becomes
aᵀw ≤ β with β = b − aᵀc > 0, i.e. pᵀw ≤ 1 with the *polar point* p = a/β.  The polar of P is
conv{p}, and the facets of that hull are the vertices of P: a facet {p : hᵀp = 1} is the
vertex w = h, i.e. z = c + h (Grünbaum, *Convex Polytopes*, §3.4; the same device as
QuantEcon's ``vertex_enumeration``).  Qhull (Barber, Dobkin & Huhdanpaa 1996, through
``scipy.spatial.ConvexHull``) computes the hull.

Only *candidates* come out of here: the labels (tight constraints) are recomputed from the
coordinates with a scale-free tolerance, never read off Qhull's triangulated facets, and a
caller that needs a proof certifies them (:mod:`.certify`).  ``None`` means "not conclusive":
Qhull failed, or some candidate does not have exactly ``d`` tight constraints (a degenerate
vertex, or one too close to degenerate to tell in floating point).
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np
from scipy.spatial import ConvexHull, QhullError

try:  # scipy's own Qhull wrapper, to skip what ConvexHull computes besides the facets
    from scipy.spatial._qhull import _Qhull
except ImportError:  # pragma: no cover - a scipy without it: ConvexHull does the same, a little slower
    _Qhull = None

__all__ = ["hull_vertices", "HullVertices", "chunked_matmul"]

TIGHT = 1e-9  # a slack this small counts as tight (M is expected to be scaled to entries near 1)


class HullVertices(NamedTuple):
    """Candidate vertices (V×d), their tight constraints (V×(d+k) boolean) and, per vertex,
    the d vertices Qhull found adjacent to it (V×d indices: the facets next to its facet)."""

    vertices: np.ndarray
    tight: np.ndarray
    neighbours: np.ndarray


def hull_vertices(M: np.ndarray, gap: float = TIGHT) -> HullVertices | None:
    """Float vertices of {z ≥ 0 : M z ≤ 1} (M positive, k×d) and their tight constraints.

    Every slack must be at most ``TIGHT`` (tight) or at least ``gap`` (not tight); a slack in
    between makes the labels a matter of rounding, and the answer ``None``.

    Returns ``(Z, tight)``: ``Z`` is V×d, ``tight`` a V×(d+k) boolean array (columns
    ``0..d-1`` for z_i = 0, ``d + r`` for row r of M), each row with exactly d entries set
    (a degenerate vertex may come several times, once per facet of Qhull's triangulation); or ``None`` when this cannot be established in floating point.

    >>> Z, tight, _ = hull_vertices(np.array([[1.0, 1.0]]))     # the triangle z1 + z2 ≤ 1
    >>> sorted((np.round(Z, 12) + 0.0).tolist()), tight.sum(axis=1).tolist()
    ([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0]], [2, 2, 2])
    """
    M = np.asarray(M, dtype=float)
    k, d = M.shape
    if d < 2 or not np.all(np.isfinite(M)) or not np.all(M > 0):
        return None  # Qhull needs dimension ≥ 2; unbounded or invalid data go the exact way
    t = 0.5 / M.sum(axis=1).max()          # c = t·1 is interior: c > 0 and M c ≤ 1/2
    beta = 1.0 - t * M.sum(axis=1)         # slack of each row at c
    points = np.vstack([-np.eye(d) / t, M / beta[:, None]])
    try:
        equations, neighbours = _facets(points)
    except (QhullError, ValueError):
        return None
    offsets = equations[:, -1]
    if not np.all(offsets < 0):
        return None
    H = equations[:, :-1] / -offsets[:, None]     # the vertices, relative to c
    Z = t + H
    # Slacks z_i and 1 − M_r z, the latter as β_r − M_r·h (the same number, one product less).
    slack = np.hstack([Z, beta - chunked_matmul(H, M.T)])
    tight = np.abs(slack) <= TIGHT
    if np.any(slack < -TIGHT) or np.any(tight.sum(axis=1) != d) or np.any(~tight & (slack < gap)):
        return None
    return HullVertices(Z, tight, neighbours)


def _facets(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Facet equations and facet neighbours of the convex hull of ``points``, as
    ``scipy.spatial.ConvexHull`` gives them (its default options: ``Qt``, and ``Qx`` from
    dimension 5), without the hull's volume and area, which cost Qhull 10–15 % more."""
    if _Qhull is None:  # pragma: no cover
        hull = ConvexHull(points)
        return hull.equations, hull.neighbors
    qhull = _Qhull(b"i", points, b"Qx" if points.shape[1] >= 5 else b"", required_options=b"Qt")
    try:
        qhull.triangulate()
        _, neighbours, equations, _, _ = qhull.get_simplex_facet_array()
    finally:
        qhull.close()
    return equations, neighbours


def chunked_matmul(X: np.ndarray, Y: np.ndarray, work: int = 200_000) -> np.ndarray:
    """``X @ Y`` in blocks of rows small enough for OpenBLAS to use one thread.

    OpenBLAS runs a product of more than 4·65536 multiply-adds on all cores; for these thin
    products waking the threads costs more than it saves, and much more on a loaded machine.

    >>> X = np.arange(6.0).reshape(3, 2)
    >>> bool(np.array_equal(chunked_matmul(X, X.T, work=4), X @ X.T))
    True
    """
    step = max(1, work // max(1, X.shape[1] * Y.shape[1]))
    if len(X) <= step:
        return X @ Y
    return np.concatenate([X[i:i + step] @ Y for i in range(0, len(X), step)])
