"""Proofs that a list of vertices of {z ≥ 0 : M z ≤ 1} is *all* of them, and exact support solves.

Three pieces, used by :mod:`.vertex_enumeration` to trust a floating-point enumeration:

* :func:`certify_simple_vertices` proves, for each candidate, that the basis it names (its
  support S and its tight rows T, |S| = |T|) is a *simple* vertex with exactly those tight
  constraints: the square system M[T, S] z_S = 1 is nonsingular, its solution has z_S > 0,
  and every other row has slack 1 − M_r z > 0.  The proof is a rigorous a-posteriori error
  bound in floating point (verified linear algebra: with R ≈ G⁻¹ and ‖I − RG‖ ≤ α < 1,
  ‖G⁻¹‖ ≤ ‖R‖/(1 − α), so ‖z − z̃‖ ≤ ‖R‖·‖1 − G z̃‖/(1 − α); Rump, "Verification methods",
  Acta Numerica 19, 2010, §10), where every rounding error of the computation is bounded by
  Higham's γₙ = nu/(1 − nu) (*Accuracy and Stability of Numerical Algorithms*, 2nd ed., §3.1)
  and the data may carry a relative error ``eps`` (rationals rounded to float).  A sign is
  accepted only when the computed value exceeds that bound: the certified signs are the
  exact ones.  Bounds are inflated by a factor 2 on purpose; random games clear them by ten
  orders of magnitude, and a candidate that does not is simply not certified.
* :func:`closed_under_edges` checks that the vertex set is closed under the edges of the
  polytope.  In a simple polytope each vertex v has d edges, edge k being the points that
  keep v's tight set minus constraint k, and its other end is the only other vertex with
  those d − 1 tight constraints.  If each of these ends is listed, for every listed vertex,
  the list is a union of connected components of the vertex graph, which is connected
  (Balinski 1961): the list is complete.  An unlisted vertex that is not simple would be the
  end of an edge of a listed one (the graph is connected), so the polytope is simple too.
* :func:`bareiss_solve` solves an integer system exactly, fraction-free (Bareiss 1968), and
  :func:`adjugate_times_ones` the systems G·z = 1 of the support equations, by Cramer's rule
  written out for up to 4 unknowns.
"""
from __future__ import annotations

import numpy as np

from ._common import USE_NUMBA
from .hull_vertices import chunked_matmul

__all__ = ["certify_simple_vertices", "closed_under_edges", "bareiss_solve", "adjugate_times_ones", "masks"]

UNIT = 2.0 ** -53
BUCKET = 2  # support sizes solved in one batch, padded: fewer numpy calls (sizes 1..6 measured alike)
SMALL = 20_000  # below this many matrix entries in all, every size goes into one padded batch


def _gamma(n: int) -> float:
    return n * UNIT / (1 - n * UNIT)


def certify_simple_vertices(M: np.ndarray, tight: np.ndarray, eps: float = 0.0,
                            margin: float = 0.0) -> np.ndarray | None:
    """The vertices named by ``tight`` (V×(d+k), as from :func:`.hull_vertices`), proven simple.

    ``M`` (k×d, float, positive) is the data, equal to the true data up to a relative error
    ``eps`` entrywise.  Returns the V×d float vertices when every basis is proven to be a simple
    vertex with exactly the given tight constraints, each nonzero coordinate and each nonzero
    slack exceeding ``margin`` (``margin = 0``: merely positive); otherwise ``None``.

    >>> M = np.array([[2.0, 1.0], [1.0, 2.0]])
    >>> tight = np.array([[1, 1, 0, 0], [0, 1, 1, 0], [1, 0, 0, 1], [0, 0, 1, 1]], dtype=bool)
    >>> certify_simple_vertices(M, tight).round(6).tolist()
    [[0.0, 0.0], [0.5, 0.0], [0.0, 0.5], [0.333333, 0.333333]]
    >>> tight[1] = [0, 1, 0, 1]      # z_1 = 0 and z_0 = 1: the point (1, 0) violates row 0
    >>> certify_simple_vertices(M, tight) is None
    True
    """
    k, d = M.shape
    tight = np.asarray(tight, dtype=bool)
    support = ~tight[:, :d]
    rows = tight[:, d:]
    if not np.all(M > 0):
        return None
    g = _gamma(d + 2)
    spread = 2 * g + 2 * eps   # relative error of one computed inner product, data error included
    if USE_NUMBA:   # the compiled loop checks |S| = |T| and the slacks below too, vertex by vertex
        return _solve_each(M, support, rows, spread, g, margin)
    sizes = support.sum(axis=1)
    if np.any(sizes != rows.sum(axis=1)):
        return None
    solved = _solve_batched(M, support, rows, sizes, spread, g, margin)
    if solved is None:
        return None
    Z, delta = solved
    with np.errstate(all="ignore"):
        # Every row off the tight set keeps a positive slack.  With z ≥ 0 and M > 0,
        # |M||z| = M z = 1 − slack, and |M|·1_S ≤ the row sums of M.
        slack = 1.0 - chunked_matmul(Z, M.T)
        error = (spread * (2.0 - slack) + 1.01 * delta[:, None] * M.sum(axis=1)) * (1 + 4 * g) + 1e-300
        low = np.where(rows, np.inf, slack - error)
    if not np.all(low > margin):
        return None
    return Z


def _solve_each(M: np.ndarray, support: np.ndarray, rows: np.ndarray, spread: float, g: float,
                margin: float) -> np.ndarray | None:
    """The vertices, each system solved and bounded and each slack proven by the compiled loop
    of :mod:`._certify_numba`; ``None`` if one is not certified."""
    from ._certify_numba import verified_solves
    Z = np.zeros((len(support), M.shape[1]))
    delta = np.zeros(len(support))
    failed = verified_solves(np.ascontiguousarray(M, dtype=float), np.ascontiguousarray(support),
                             np.ascontiguousarray(rows), spread, g, margin, Z, delta)
    return None if failed >= 0 else Z


def _solve_batched(M: np.ndarray, support: np.ndarray, rows: np.ndarray, sizes: np.ndarray, spread: float,
                   g: float, margin: float) -> tuple[np.ndarray, np.ndarray] | None:
    """Each vertex's system solved and bounded by numpy, the systems of one size bucket at a time."""
    k, d = M.shape
    Z = np.zeros((len(support), d))
    delta = np.zeros(len(support))
    # One batch per bucket of support sizes, each system padded to the bucket's size K with an
    # identity block: G = [[M[T, S], 0], [0, I]], the same solution and no larger error bound
    # than the system alone (‖G⁻¹‖ = max(‖M[T, S]⁻¹‖, 1)).  Fewer, larger batches are cheaper.
    largest = min(k, d)
    width = BUCKET if len(support) * largest ** 2 > SMALL else largest   # small: one batch
    buckets = np.minimum(-(-sizes // width) * width, largest)
    M_pad = np.zeros((k + largest, d + largest))
    M_pad[:k, :d] = M
    M_pad[k:, d:] = np.eye(largest)
    with np.errstate(all="ignore"):
        for size in np.unique(buckets[sizes > 0]).tolist():
            members = np.flatnonzero((buckets == size) & (sizes > 0))  # size 0: the origin, z = 0
            padding = np.arange(size) >= sizes[members, None]
            S = np.nonzero(np.hstack([support[members], padding]))[1].reshape(-1, size)
            T = np.nonzero(np.hstack([rows[members], padding]))[1].reshape(-1, size)
            found = _verified_solve(M_pad[T[:, :, None], S[:, None, :]], spread, g)
            if found is None:
                return None
            z, bound = found
            if not (z - bound[:, None] > margin).all():
                return None
            delta[members] = bound
            padded = np.zeros((len(members), d + largest))
            np.put_along_axis(padded, S, z, axis=1)
            Z[members] = padded[:, :d]
    return Z, delta


def _verified_solve(G: np.ndarray, spread: float, g: float) -> tuple[np.ndarray, np.ndarray] | None:
    """z̃ ≈ G⁻¹1 for a stack of nonnegative square G, and δ ≥ ‖z − z̃‖∞ for the exact solutions z
    of the true systems (each entry within relative ``spread``, rounding included, of G's);
    ``None`` if nonsingularity or z̃ > 0 is not established."""
    size = G.shape[-1]
    try:
        R = np.linalg.inv(G)
    except np.linalg.LinAlgError:
        return None
    z = R.sum(axis=-1)                                   # R·1
    if not (z > 0).all():
        return None
    C = R @ G
    diagonal = np.arange(size)
    C[:, diagonal, diagonal] -= 1.0
    absR = np.abs(R)
    # |I − R G_true| ≤ |fl(R G − I)|(1 + 2u) + (γ + eps)|R||G|  (G ≥ 0, so |G|·1 = G·1),
    # row sums inflated once more for their own rounding.
    row_C = np.abs(C).sum(axis=-1) * (1 + 2 * UNIT)
    row_RG = (absR @ G.sum(axis=-1)[:, :, None])[..., 0]
    alpha = (row_C + spread * row_RG).max(axis=-1) * (1 + 2 * g)
    norm_R = absR.sum(axis=-1).max(axis=-1) * (1 + 2 * g)
    residual = 1.0 - (G @ z[:, :, None])[..., 0]         # |G||z| = G z = 1 − residual: G ≥ 0, z > 0
    rho = (np.abs(residual) + spread * (2.0 - residual)).max(axis=-1) * (1 + 2 * g)
    if not ((alpha < 0.5).all() and np.isfinite(rho).all() and np.isfinite(norm_R).all()):
        return None
    return z, norm_R / (1 - alpha) * rho * 1.01 + 1e-300


def masks(tight: np.ndarray) -> np.ndarray:
    """Each row of a boolean array (at most 64 columns) as a ``uint64`` bit mask."""
    weights = np.left_shift(np.uint64(1), np.arange(tight.shape[1], dtype=np.uint64))
    return (tight.astype(np.uint64) * weights).sum(axis=1, dtype=np.uint64)


def closed_under_edges(mask: np.ndarray, neighbours: np.ndarray) -> bool:
    """Does every vertex have, for each of its tight constraints k, a listed neighbour with all
    its other tight constraints, and are no two listed vertices alike?

    ``mask`` holds the tight sets (``uint64`` bit masks, from :func:`masks`) of simple vertices,
    each with d bits; ``neighbours`` (V×d indices) proposes each vertex's neighbours, e.g.
    Qhull's adjacent facets.  A neighbour w of v that keeps all of v's tight constraints but k
    lies on v's edge k, so it is that edge's other end.  True proves the list complete (see the
    module docstring).

    >>> square = masks(np.array([[1, 0, 1, 0], [0, 1, 1, 0], [0, 1, 0, 1], [1, 0, 0, 1]], dtype=bool))
    >>> around = np.array([[1, 3], [0, 2], [1, 3], [0, 2]])
    >>> closed_under_edges(square, around), closed_under_edges(square, np.array([[1, 3], [0, 2], [1, 3], [0, 1]]))
    (True, False)
    """
    if len(mask) == 0 or np.any(np.diff(np.sort(mask)) == 0):
        return False  # nothing, or a vertex listed twice
    dropped = mask[:, None] & ~mask[neighbours]          # v's constraints that w does not keep
    single = (dropped != 0) & ((dropped & (dropped - np.uint64(1))) == 0)
    # d single bits of v's mask whose union is the mask: one neighbour per tight constraint.
    return bool(single.all() and np.array_equal(np.bitwise_or.reduce(dropped, axis=1), mask))


def bareiss_solve(G: list[list[int]], rhs: list[int]) -> tuple[list[int], int]:
    """Integer ``(num, D)`` with G·num = D·rhs and D = ±det G ≠ 0, by fraction-free elimination.

    Every intermediate entry is a minor of the augmented matrix, so each division is exact
    (Bareiss 1968).  Raises ``ZeroDivisionError`` when G is singular.

    >>> bareiss_solve([[2, 1], [1, 3]], [1, 1])       # x = (2/5, 1/5)
    ([2, 1], 5)
    """
    n = len(G)
    T = [list(row) + [b] for row, b in zip(G, rhs)]
    previous = 1
    for c in range(n):
        if T[c][c] == 0:
            pivot_row = next((r for r in range(c + 1, n) if T[r][c] != 0), None)
            if pivot_row is None:
                raise ZeroDivisionError("singular system")
            T[c], T[pivot_row] = T[pivot_row], T[c]
        p, tail = T[c][c], T[c][c + 1:]
        # Only the columns right of c change (those left of it are already zero): a third less
        # work than whole rows.
        for row_r in T[c + 1:]:
            f = row_r[c]
            row_r[c + 1:] = [(p * a - f * b) // previous for a, b in zip(row_r[c + 1:], tail)]
        previous = p
    # Back substitution: x = num/D with D = T[n-1][n-1] (the determinant up to sign).
    D = T[n - 1][n - 1]
    num = [0] * n
    for r in range(n - 1, -1, -1):
        row = T[r]
        acc = row[n] * D
        for j in range(r + 1, n):
            acc -= row[j] * num[j]
        num[r] = acc // row[r]
    return num, D


def adjugate_times_ones(G: list[list[int]]) -> list[int]:
    """±adj(G)·(1, …, 1) for a square integer matrix: ``num`` with G·num = ±det(G)·(1, …, 1),
    the support equations of an equilibrium (z = num / Σ num when G is nonsingular).

    Up to 4 unknowns by Cramer's rule written out (num_i is the determinant of G with column
    i replaced by ones; the sign is +), larger by :func:`bareiss_solve`.  A 4×4 system takes
    3 µs against 10.7 µs by elimination, a 3×3 one 1.2 µs against 5.6 µs.  Raises
    ``ZeroDivisionError`` when G is singular, as :func:`bareiss_solve` does.

    >>> adjugate_times_ones([[2, 1], [1, 3]])            # z = (2/5, 1/5)
    [2, 1]
    >>> adjugate_times_ones([[1, 2, 0, 0], [0, 1, 0, 0], [0, 0, 3, 0], [0, 0, 0, 1]])
    [-3, 3, 1, 3]
    """
    return solve_ones(G)[0]


def solve_ones(G: list[list[int]]) -> tuple[list[int], int]:
    """Integer ``(num, D)`` with G·num = D·(1, …, 1) and D = ±det G ≠ 0, as
    :func:`adjugate_times_ones` computes it; ``ZeroDivisionError`` when G is singular.

    >>> solve_ones([[2, 1], [1, 3]])
    ([2, 1], 5)
    """
    if len(G) > 4:
        return bareiss_solve(G, [1] * len(G))
    num, det = _cramer_ones(G)
    if det == 0:
        raise ZeroDivisionError("singular system")
    return num, det


def _cramer_ones(G: list[list[int]]) -> tuple[list[int], int]:
    """adj(G)·1 and det G, for 1 ≤ n ≤ 4."""
    n = len(G)
    if n == 1:
        return [1], G[0][0]
    if n == 2:
        (a, b), (c, d) = G
        return [d - b, a - c], a * d - b * c
    if n == 3:
        (a0, a1, a2), (b0, b1, b2), (c0, c1, c2) = G
        # replaced column i: expand along it; the 2x2 minors are of two rows, on the other columns
        bc12, bc02, bc01 = b1 * c2 - b2 * c1, b0 * c2 - b2 * c0, b0 * c1 - b1 * c0
        ac12, ac02, ac01 = a1 * c2 - a2 * c1, a0 * c2 - a2 * c0, a0 * c1 - a1 * c0
        ab12, ab02, ab01 = a1 * b2 - a2 * b1, a0 * b2 - a2 * b0, a0 * b1 - a1 * b0
        return [bc12 - ac12 + ab12, ac02 - bc02 - ab02, bc01 - ac01 + ab01], a0 * bc12 - a1 * bc02 + a2 * bc01
    # Laplace expansion along rows (a, b): det G = Σ ± ab_pq·cd_rs over column pairs p < q
    # with complement {r, s}.  With column i made ones, a minor on (p, i) is a_p − b_p.
    (a0, a1, a2, a3), (b0, b1, b2, b3), (c0, c1, c2, c3), (d0, d1, d2, d3) = G
    ab01, ab02, ab03 = a0 * b1 - a1 * b0, a0 * b2 - a2 * b0, a0 * b3 - a3 * b0
    ab12, ab13, ab23 = a1 * b2 - a2 * b1, a1 * b3 - a3 * b1, a2 * b3 - a3 * b2
    cd01, cd02, cd03 = c0 * d1 - c1 * d0, c0 * d2 - c2 * d0, c0 * d3 - c3 * d0
    cd12, cd13, cd23 = c1 * d2 - c2 * d1, c1 * d3 - c3 * d1, c2 * d3 - c3 * d2
    u0, u1, u2, u3 = a0 - b0, a1 - b1, a2 - b2, a3 - b3
    w0, w1, w2, w3 = c0 - d0, c1 - d1, c2 - d2, c3 - d3
    return ([-u1 * cd23 + u2 * cd13 - u3 * cd12 - ab12 * w3 + ab13 * w2 - ab23 * w1,
             u0 * cd23 + ab02 * w3 - ab03 * w2 - u2 * cd03 + u3 * cd02 + ab23 * w0,
             -ab01 * w3 - u0 * cd13 + ab03 * w1 + u1 * cd03 - ab13 * w0 - u3 * cd01,
             ab01 * w2 - ab02 * w1 + u0 * cd12 + ab12 * w0 - u1 * cd02 + u2 * cd01],
            ab01 * cd23 - ab02 * cd13 + ab03 * cd12 + ab12 * cd03 - ab13 * cd02 + ab23 * cd01)
