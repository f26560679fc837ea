"""The numba version of the float Lemke–Howson kernel (imported only when numba is used).

The same operations as the numpy kernel in :mod:`._lh_kernel`, written as loops and
compiled with ``numba.njit(cache=True)``: the first import in a fresh environment compiles
(a second or two), later processes load the cached machine code.  No ``fastmath``: the
arithmetic must stay the IEEE operations the numpy kernel performs, so both follow the same path.
"""
from __future__ import annotations

import numpy as np

try:
    from numba import njit
except ImportError:  # pragma: no cover - keeps the module importable (doctest collection); unused then
    def njit(*args, **kwargs):
        return lambda function: function

from ._lh_kernel import TOL_PIV, TOL_RATIO


@njit(cache=True)
def min_ratio(T, c, slack_start, slack_stop, rows):  # pragma: no cover - compiled
    """The lexicographic minimum-ratio row for entering column ``c``; -1 if none.

    ``rows`` is a work buffer.  Ratios are compared on the right-hand side first, then on
    the slack columns ``slack_start..slack_stop-1`` (the rows of B⁻¹), keeping the rows
    within the tie tolerance of the minimum each time.
    """
    count = 0
    for i in range(T.shape[0]):
        if T[i, c] > TOL_PIV:
            rows[count] = i
            count += 1
    if count <= 1:
        return rows[0] if count == 1 else -1
    rhs = T.shape[1] - 1
    for step in range(slack_stop - slack_start + 1):
        q = rhs if step == 0 else slack_start + step - 1
        low = np.inf
        for idx in range(count):
            i = rows[idx]
            ratio = T[i, q] / T[i, c]
            if ratio < low:
                low = ratio
        bound = low + TOL_RATIO * max(1.0, abs(low))
        kept = 0
        for idx in range(count):
            i = rows[idx]
            if T[i, q] / T[i, c] <= bound:
                rows[kept] = i
                kept += 1
        if kept == 1:
            return rows[0]
        count = kept
    return -1


@njit(cache=True)
def pivot(T, r, c, row):  # pragma: no cover - compiled
    """Gauss–Jordan pivot on ``T[r, c]`` in place; rows with a zero entry in column ``c`` are skipped.

    The pivot row is first copied into the buffer ``row``: reading it from ``T`` while other
    rows of ``T`` are written would keep LLVM from vectorizing the update (possible aliasing).
    """
    width = T.shape[1]
    p = T[r, c]
    for j in range(width):
        row[j] = T[r, j] / p
        T[r, j] = row[j]
    for i in range(T.shape[0]):
        f = T[i, c]
        if i != r and f != 0.0:
            for j in range(width):
                T[i, j] = T[i, j] - f * row[j]
            T[i, c] = 0.0
    T[r, c] = 1.0


@njit(cache=True)
def path(T0, T1, basis0, basis1, k, max_iter, keys0, keys1):  # pragma: no cover - compiled
    """As ``_lh_kernel._path_numpy``: returns ``(num_iter, status)``; tableaux and bases change in place."""
    m = T1.shape[0]
    n = T0.shape[0]
    rows = np.empty(max(m, n), dtype=np.int64)
    row = np.empty(m + n + 1)
    state = 0
    for i in range(n):
        state ^= keys0[basis0[i]]
    for i in range(m):
        state ^= keys1[basis1[i]]
    seen = {state}
    t = 0 if k < m else 1
    entering = k
    for it in range(1, max_iter + 1):
        if t == 0:
            T, basis, keys, start, stop = T0, basis0, keys0, m, m + n
        else:
            T, basis, keys, start, stop = T1, basis1, keys1, 0, m
        r = min_ratio(T, entering, start, stop, rows)
        if r < 0:
            return it - 1, 2
        pivot(T, r, entering, row)
        leaving = basis[r]
        basis[r] = entering
        if leaving == k:
            return it, 0
        state ^= keys[leaving] ^ keys[entering]
        if state in seen:
            return it, 3
        seen.add(state)
        entering = leaving
        t = 1 - t
    return max_iter, 1
