"""The compiled depth-first search of :mod:`.graph_vertices` (imported only when numba is used).

No ``fastmath``: the pivots are plain IEEE arithmetic, as in the other kernels.
"""
from __future__ import annotations

import numpy as np

try:
    from numba import njit
except ImportError:  # pragma: no cover - keeps the module importable (doctest collection); unused then
    def njit(*args, **kwargs):
        return lambda function: function

OK, DEGENERATE, TOO_MANY = 0, 1, 2


@njit(cache=True)
def _find(table, key):  # pragma: no cover - compiled
    """Slot of ``key`` in the open-addressing table (keys ≠ 0), or of the empty slot where it goes."""
    size_mask = table.shape[0] - 1
    slot = (key * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(32)
    slot = np.int64(slot) & size_mask
    while table[slot, 0] != 0 and table[slot, 0] != key:
        slot = (slot + 1) & size_mask
    return slot


@njit(cache=True)
def _grow(table):  # pragma: no cover - compiled
    bigger = np.zeros((2 * table.shape[0], 2), dtype=np.uint64)
    for slot in range(table.shape[0]):
        if table[slot, 0] != 0:
            new = _find(bigger, table[slot, 0])
            bigger[new, 0] = table[slot, 0]
            bigger[new, 1] = table[slot, 1]
    return bigger


@njit(cache=True, nogil=True)
def search(M, tie, max_vertices):  # pragma: no cover - compiled
    """:func:`_search` of one polytope."""
    return _search(M, tie, max_vertices)


@njit(cache=True, nogil=True)   # nogil: another thread may run Python meanwhile
def search_pair(M1, M2, tie, max_vertices):  # pragma: no cover - compiled
    """:func:`_search` of two polytopes in one call, so that the GIL is released once for both."""
    return _search(M1, tie, max_vertices), _search(M2, tie, max_vertices)


# Python calls only the two entry points above, never _search itself.  While search_pair was
# written as a caller of the entry point search, a call of search from Python once failed to
# return its arrays ("NRT_adapt_ndarray_to_python: descr is NULL") after some sequence of cached
# compiles; it could not be reproduced, and this layout avoids the pattern.
@njit(cache=True)
def _search(M, tie, max_vertices):  # pragma: no cover - compiled
    """All vertices of {z ≥ 0 : M z ≤ 1} (M positive, k×d, k + d ≤ 64) by depth-first search.

    Returns ``(status, masks, Z, neighbours)`` with ``masks[v]`` the tight set of vertex v as
    bits (bit i: z_i = 0, bit d + r: row r tight), ``Z[v]`` its coordinates and
    ``neighbours[v, c]`` the vertex reached from v by its c-th edge.  The status is
    DEGENERATE when a basic variable or a ratio-test tie comes within ``tie`` (relative) of
    zero, so that the graph is not certain in floating point, TOO_MANY past ``max_vertices``.
    """
    k, d = M.shape
    T = np.empty((k, d + 1))                  # compact tableau: nonbasic columns, then the values
    for r in range(k):
        for j in range(d):
            T[r, j] = M[r, j]
        T[r, d] = 1.0
    basic = np.empty(k, dtype=np.int64)       # label of each row's basic variable
    for r in range(k):
        basic[r] = d + r
    nonbasic = np.empty(d, dtype=np.int64)    # label of each column's nonbasic variable
    for j in range(d):
        nonbasic[j] = j
    capacity = 1024
    masks = np.empty(capacity, dtype=np.uint64)
    Z = np.zeros((capacity, d))
    neighbours = np.full((capacity, d), -1, dtype=np.int32)
    table = np.zeros((4096, 2), dtype=np.uint64)
    mask = np.uint64((1 << d) - 1)             # the origin: every z_i = 0
    masks[0] = mask
    table[_find(table, mask), 0] = mask
    table[_find(table, mask), 1] = 0
    count = 1
    # the search path: vertex, next column to try, and the pivot that led there
    at = np.zeros(capacity, dtype=np.int32)
    next_column = np.zeros(capacity, dtype=np.int32)
    pivot_row = np.zeros(capacity, dtype=np.int32)
    pivot_column = np.zeros(capacity, dtype=np.int32)
    level = 0
    while level >= 0:
        c = next_column[level]
        if c == d:                            # every edge seen: back to the parent
            if level > 0:
                _pivot(T, basic, nonbasic, pivot_row[level], pivot_column[level])
            level -= 1
            continue
        next_column[level] = c + 1
        # ratio test for the entering column c; the two smallest ratios must be apart
        best, second, row = np.inf, np.inf, -1
        for r in range(k):
            if T[r, c] > 0.0:
                ratio = T[r, d] / T[r, c]
                if ratio < best:
                    second, best, row = best, ratio, r
                elif ratio < second:
                    second = ratio
        if row < 0 or second - best <= tie * max(1.0, best):
            return DEGENERATE, masks[:count], Z[:count], neighbours[:count]
        entering, leaving = nonbasic[c], basic[row]
        mask = masks[at[level]]
        new = (mask ^ (np.uint64(1) << np.uint64(entering))) | (np.uint64(1) << np.uint64(leaving))
        slot = _find(table, new)
        if table[slot, 0] == new:
            neighbours[at[level], c] = np.int32(table[slot, 1])
            continue
        if count == max_vertices:
            return TOO_MANY, masks[:count], Z[:count], neighbours[:count]
        if count == capacity:                 # grow the per-vertex arrays and the path
            capacity *= 2
            masks = _resized(masks, capacity)
            Z = _resized_rows(Z, capacity, 0.0)
            neighbours = _resized_rows_int(neighbours, capacity)
            at, next_column = _resized(at, capacity), _resized(next_column, capacity)
            pivot_row, pivot_column = _resized(pivot_row, capacity), _resized(pivot_column, capacity)
        if 2 * count > table.shape[0]:
            table = _grow(table)
            slot = _find(table, new)
        table[slot, 0] = new
        table[slot, 1] = np.uint64(count)
        neighbours[at[level], c] = count
        _pivot(T, basic, nonbasic, row, c)
        for r in range(k):
            if basic[r] < d:
                Z[count, basic[r]] = T[r, d]
            if T[r, d] <= tie:                # a basic variable at zero: a degenerate vertex
                return DEGENERATE, masks[:count + 1], Z[:count + 1], neighbours[:count + 1]
        masks[count] = new
        level += 1
        at[level], next_column[level] = count, 0
        pivot_row[level], pivot_column[level] = row, c
        count += 1
    return OK, masks[:count], Z[:count], neighbours[:count]


@njit(cache=True)
def _pivot(T, basic, nonbasic, row, column):  # pragma: no cover - compiled
    """Exchange the basic variable of ``row`` with the nonbasic one of ``column`` (an involution)."""
    k, width = T.shape
    inverse = 1.0 / T[row, column]
    for j in range(width):
        T[row, j] *= inverse
    T[row, column] = inverse
    for r in range(k):
        f = T[r, column]
        if r != row and f != 0.0:
            for j in range(width):                # column too: overwritten below (no branch here)
                T[r, j] -= f * T[row, j]
            T[r, column] = -f * inverse
    basic[row], nonbasic[column] = nonbasic[column], basic[row]


@njit(cache=True)
def _resized(a, size):  # pragma: no cover - compiled
    out = np.zeros(size, dtype=a.dtype)
    out[:a.shape[0]] = a
    return out


@njit(cache=True)
def _resized_rows(a, size, fill):  # pragma: no cover - compiled
    out = np.full((size, a.shape[1]), fill)
    out[:a.shape[0]] = a
    return out


@njit(cache=True)
def _resized_rows_int(a, size):  # pragma: no cover - compiled
    out = np.full((size, a.shape[1]), -1, dtype=np.int32)
    out[:a.shape[0]] = a
    return out
