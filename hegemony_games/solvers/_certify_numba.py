"""The numba version of :func:`.certify._verified_solve`, one basis at a time (imported only when numba is used).

numpy solves the bases of one support size in a batch, but for the small systems of vertex
enumeration (sizes 1 to ~15) its per-matrix overhead dominates; a compiled loop over the
vertices does the same arithmetic without it, several times faster.  The bound is the same
a-posteriori bound (Rump, "Verification methods", Acta Numerica 19, 2010, §10) with the same
rounding-error terms (Higham's γ); it holds for any approximate inverse R and any order of
summation, so computing R by Gauss–Jordan here instead of LAPACK's LU changes nothing in its
validity.  No ``fastmath``: the γ terms bound IEEE arithmetic, and reassociation is not allowed.
"""
from __future__ import annotations

import numpy as np

try:
    from numba import njit
except ImportError:  # pragma: no cover - keeps the module importable (doctest collection); unused then
    def njit(*args, **kwargs):
        return lambda function: function

UNIT = 2.0 ** -53


@njit(cache=True)
def _positions(flags, out):  # pragma: no cover - compiled
    """The indices where ``flags`` is set, written to ``out``; their count, or -1 if ``out`` is too short."""
    count = 0
    for j in range(flags.shape[0]):
        if flags[j]:
            if count == out.shape[0]:
                return -1
            out[count] = j
            count += 1
    return count


@njit(cache=True)
def gather(M, rows, cols, s, out, sums):  # pragma: no cover - compiled
    """out[:s, :s] = M[rows[:s]][:, cols[:s]] and sums[:s] = its row sums."""
    for a in range(s):
        total = 0.0
        for b in range(s):
            out[a, b] = M[rows[a], cols[b]]
            total += out[a, b]
        sums[a] = total


@njit(cache=True)
def verified_system(G, G_rows, s, spread, g, R, W, z):  # pragma: no cover - compiled
    """Solve G z = 1 for the leading s×s block of a nonnegative G, with rigorous bounds.

    ``G_rows`` holds G's row sums; ``R`` (≈ G⁻¹), ``W`` (s×2s work space) and ``z`` are filled.
    Returns ``(delta, e)``: ‖z_true − z‖∞ ≤ delta and every entry of G_true⁻¹ − R is at most e
    in absolute value, for the true G within relative ``spread`` (rounding included) of G's
    entries; ``(-1.0, -1.0)`` when nonsingularity is not established.  With α ≥ ‖I − R G‖∞ < 1,
    ‖G⁻¹‖ ≤ ‖R‖/(1 − α), ‖z − z̃‖ ≤ ‖G⁻¹‖·‖1 − G z̃‖ and ‖G⁻¹ − R‖ ≤ α‖G⁻¹‖.
    """
    # R ≈ G⁻¹ by Gauss–Jordan with partial pivoting on [G | I]
    for a in range(s):
        for b in range(s):
            W[a, b] = G[a, b]
            W[a, s + b] = 1.0 if a == b else 0.0
    for c in range(s):
        p = c
        for a in range(c + 1, s):
            if abs(W[a, c]) > abs(W[p, c]):
                p = a
        if W[p, c] == 0.0:
            return -1.0, -1.0
        if p != c:
            for b in range(2 * s):
                W[c, b], W[p, b] = W[p, b], W[c, b]
        pivot = W[c, c]   # the pivot row is zero left of c by now: those columns do not change
        for b in range(c, 2 * s):
            W[c, b] /= pivot
        for a in range(s):
            if a != c:
                f = W[a, c]
                if f != 0.0:
                    for b in range(c, 2 * s):
                        W[a, b] -= f * W[c, b]
    for a in range(s):
        total = 0.0
        for b in range(s):
            R[a, b] = W[a, s + b]
            total += R[a, b]
        z[a] = total                                           # R·1
    # |I − R G_true| ≤ |fl(R G − I)|(1 + 2u) + spread·|R||G|, row by row (G ≥ 0)
    alpha = 0.0
    norm_R = 0.0
    rho = 0.0
    for a in range(s):
        row_C = 0.0
        row_RG = 0.0
        row_R = 0.0
        for b in range(s):
            acc = 0.0
            for c in range(s):
                acc += R[a, c] * G[c, b]
            if a == b:
                acc -= 1.0
            row_C += abs(acc)
            row_R += abs(R[a, b])
            row_RG += abs(R[a, b]) * G_rows[b]
        value = row_C * (1 + 2 * UNIT) + spread * row_RG
        if value > alpha:
            alpha = value
        if row_R > norm_R:
            norm_R = row_R
        g_z = 0.0
        g_abs_z = 0.0
        for c in range(s):
            g_z += G[a, c] * z[c]
            g_abs_z += G[a, c] * abs(z[c])
        value = abs(1.0 - g_z) + spread * (1.0 + g_abs_z)     # residual and its rounding
        if value > rho:
            rho = value
    alpha *= 1 + 2 * g
    norm_R *= 1 + 2 * g
    rho *= 1 + 2 * g
    if not (alpha < 0.5 and np.isfinite(rho) and np.isfinite(norm_R)):
        return -1.0, -1.0
    inverse_norm = norm_R / (1 - alpha) * 1.01
    return inverse_norm * rho + 1e-300, inverse_norm * alpha + 1e-300


@njit(cache=True)
def verified_solves(M, support, rows, spread, g, margin, Z, delta):  # pragma: no cover - compiled
    """For each vertex v: solve M[T, S] z_S = 1 (S = support[v], T = rows[v], as boolean masks),
    bound the error, and require z_S − bound > margin and, on every row off T, a slack
    1 − M_r z that exceeds its own error bound by more than margin (as in
    :func:`.certify.certify_simple_vertices`).  Fills ``Z`` (V×d) and ``delta`` (V); returns
    the index of the first vertex not certified, or -1 when all are."""
    k, d = M.shape
    largest = min(k, d)
    row_sums = np.empty(k)
    for r in range(k):
        row_sums[r] = M[r].sum()
    G = np.empty((largest, largest))
    R = np.empty((largest, largest))
    W = np.empty((largest, 2 * largest))
    S = np.empty(largest, dtype=np.int64)
    T = np.empty(largest, dtype=np.int64)
    z = np.empty(largest)
    G_rows = np.empty(largest)                                 # G·1
    for v in range(support.shape[0]):
        s = _positions(support[v], S)
        t = _positions(rows[v], T)
        if s < 0 or s != t:
            return v
        delta[v] = 0.0
        bound = 0.0
        if s > 0:  # (s = 0: the origin, z = 0)
            gather(M, T, S, s, G, G_rows)
            bound, _ = verified_system(G, G_rows, s, spread, g, R, W, z)
            if bound < 0.0:
                return v
            for a in range(s):
                if not z[a] - bound > margin:
                    return v
            delta[v] = bound
            for a in range(s):
                Z[v, S[a]] = z[a]
        # Every row off the tight set keeps a positive slack.  With z ≥ 0 and M > 0,
        # |M||z| = M z = 1 − slack, and |M|·1_S ≤ the row sums of M.
        for r in range(k):
            if rows[v, r]:
                continue
            product = 0.0
            for a in range(s):
                product += M[r, S[a]] * z[a]
            slack = 1.0 - product
            error = (spread * (2.0 - slack) + 1.01 * bound * row_sums[r]) * (1 + 4 * g) + 1e-300
            if not slack - error > margin:
                return v
    return -1
