"""The numba version of the float Lemke–Howson kernel (imported only when numba is used).

The same operations as the numpy kernel in :mod:`._lh_kernel`, written as loops over
*compact* tableaux (only the nonbasic columns are stored: the basic ones are unit vectors,
so this halves the work per pivot) and compiled with ``numba.njit(cache=True)``: the first
call in a fresh environment compiles (seconds), later processes load the cached machine
code.  No ``fastmath``: the arithmetic must stay the IEEE operations the numpy kernel
performs (no fused multiply-add), so both follow the same path and reach the same tableaux.
"""
from __future__ import annotations

import numpy as np

try:
    from numba import njit
except ImportError:  # pragma: no cover - keeps the module importable (doctest collection); unused then
    def njit(*args, **kwargs):
        return lambda function: function

from ._lh_kernel import TOL_PIV, TOL_RATIO


# The tableau with only its nonbasic columns (and the right-hand side, last).  ``where[label]``
# is the column of a nonbasic label and -(row + 1) for a basic one, whose column in the full
# tableau is the unit vector of its row.  Every stored entry is computed by the same
# operations as in the full tableau, so the path is the numpy kernel's.

@njit(cache=True)
def _entry(D, where, label, i):  # pragma: no cover - compiled
    """Row ``i`` of label ``label``'s column in the full tableau."""
    w = where[label]
    if w >= 0:
        return D[i, w]
    return 1.0 if i == -w - 1 else 0.0


@njit(cache=True)
def min_ratio_compact(D, where, c, slack_start, slack_stop, rows):  # pragma: no cover - compiled
    """The lexicographic minimum-ratio row for the entering column at position ``c``; -1 if none.

    ``rows`` is a work buffer.  Ratios are compared on the right-hand side first, then on
    the slack labels ``slack_start..slack_stop-1`` (the columns of B⁻¹), keeping the rows
    within the tie tolerance of the minimum each time, as ``_lh_kernel._min_ratio_numpy``.
    """
    count = 0
    for i in range(D.shape[0]):
        if D[i, c] > TOL_PIV:
            rows[count] = i
            count += 1
    if count <= 1:
        return rows[0] if count == 1 else -1
    rhs = D.shape[1] - 1
    for step in range(slack_stop - slack_start + 1):
        low = np.inf
        for idx in range(count):
            i = rows[idx]
            value = D[i, rhs] if step == 0 else _entry(D, where, slack_start + step - 1, i)
            ratio = value / D[i, c]
            if ratio < low:
                low = ratio
        bound = low + TOL_RATIO * max(1.0, abs(low))
        kept = 0
        for idx in range(count):
            i = rows[idx]
            value = D[i, rhs] if step == 0 else _entry(D, where, slack_start + step - 1, i)
            if value / D[i, c] <= bound:
                rows[kept] = i
                kept += 1
        if kept == 1:
            return rows[0]
        count = kept
    return -1


@njit(cache=True)
def pivot_compact(D, r, c, row, column):  # pragma: no cover - compiled
    """Pivot on ``D[r, c]``; column ``c`` then holds the leaving variable (a unit vector before the pivot)."""
    width = D.shape[1]
    for i in range(D.shape[0]):
        column[i] = D[i, c]
        D[i, c] = 0.0
    D[r, c] = 1.0
    p = column[r]
    for j in range(width):
        row[j] = D[r, j] / p
        D[r, j] = row[j]
    for i in range(D.shape[0]):
        f = column[i]
        if i != r and f != 0.0:
            for j in range(width):
                D[i, j] = D[i, j] - f * row[j]


@njit(cache=True)
def path_compact(D0, D1, basis0, basis1, where0, where1, k, max_iter, keys0, keys1):  # pragma: no cover
    """As ``_lh_kernel._path_numpy`` on compact tableaux: ``(num_iter, status)``; ``D``, ``basis``, ``where`` change in place."""
    m = D1.shape[0]
    n = D0.shape[0]
    rows = np.empty(max(m, n), dtype=np.int64)
    row = np.empty(max(m, n) + 1)
    column = np.empty(max(m, n))
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
            D, basis, where, keys, start, stop = D0, basis0, where0, keys0, m, m + n
        else:
            D, basis, where, keys, start, stop = D1, basis1, where1, keys1, 0, m
        c = where[entering]
        r = min_ratio_compact(D, where, c, start, stop, rows)
        if r < 0:
            return it - 1, 2
        pivot_compact(D, r, c, row, column)
        leaving = basis[r]
        basis[r] = entering
        where[entering] = -(r + 1)
        where[leaving] = c
        if leaving == k:
            return it, 0
        state ^= keys[leaving] ^ keys[entering]
        if state in seen:
            return it, 3
        seen.add(state)
        entering = leaving
        t = 1 - t
    return max_iter, 1
