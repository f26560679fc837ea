"""The float Lemke–Howson path: a numba kernel when numba is installed, a numpy one otherwise.

Both kernels follow the same path with the same floating-point operations in the same
order (a Gauss–Jordan pivot computes ``row / p`` and ``t - f * row`` entry by entry, with
no fused multiply-add), so they pivot through the same bases and return the same result;
the tests check this.  The mathematics (tableaux, labels, the lexicographic rule) is
described in :mod:`hegemony_games.solvers.lemke_howson`.

numba is optional (``pip install "hegemony_games[fast]"``).  The first call in a fresh
environment compiles the kernel (about a second or two); the machine code is cached on disk
(``cache=True``), so later processes load it in milliseconds.  Set the module flag
:data:`USE_NUMBA` to ``False`` (or the environment variable ``HEGEMONY_GAMES_NO_NUMBA=1``
before import) to use the numpy kernel.

>>> import numpy as np
>>> A = np.array([[2.0, 1.0], [1.0, 2.0]])      # coordination, payoffs positive
>>> path = follow_path(A, A, 0, 100)
>>> path.num_iter, path.status == CONVERGED, [b.tolist() for b in path.bases]
(2, True, [[0, 3], [2, 1]])
"""
from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

from ._common import HAVE_NUMBA, USE_NUMBA

__all__ = ["USE_NUMBA", "HAVE_NUMBA", "Path", "follow_path", "CONVERGED", "MAX_ITER", "NO_PIVOT",
           "CYCLE"]

#: A pivot-column entry at or below this is treated as nonpositive.
TOL_PIV = 1e-10
#: Two ratios closer than this (relative to max(1, |ratio|)) are a tie.
TOL_RATIO = 1e-12

#: Status codes returned by :func:`follow_path`.
CONVERGED, MAX_ITER, NO_PIVOT, CYCLE = 0, 1, 2, 3

# USE_NUMBA (from ._common): use the numba kernel, the default when numba is installed; tests switch it off.

# Random 63-bit keys, one per (tableau, label): the XOR of the keys of the basic labels
# identifies a pair of bases (Zobrist hashing), so a repeated state (cycling, which only
# rounding can cause) is detected in O(1) per pivot.
_KEYS = np.random.default_rng(20061011).integers(1, 2**62, size=(2, 4096), dtype=np.int64)


class Path(NamedTuple):
    """Where a path ended: pivots made, status, and the final compact tableaux."""

    num_iter: int
    status: int
    bases: tuple[np.ndarray, np.ndarray]   #: labels of the basic variables, row by row, of P and Q
    tableaux: tuple[np.ndarray, np.ndarray]  #: the nonbasic columns and the right-hand side (last)
    wheres: tuple[np.ndarray, np.ndarray]    #: column of each nonbasic label; -(row + 1) for basic ones


def follow_path(A: np.ndarray, B: np.ndarray, k: int, max_iter: int, use_numba: bool | None = None) -> Path:
    """Follow the Lemke–Howson path that drops label ``k`` in the game of positive matrices ``A``, ``B``.

    The tableaux of P (n rows: Bᵀx + s = 1) and Q (m rows: r + Ay = 1) are kept *compact*:
    only the nonbasic columns are stored (the basic ones are unit vectors), which halves the
    work per pivot.  Statuses: :data:`CONVERGED`; :data:`MAX_ITER`; :data:`NO_PIVOT` for a
    numerical tie the lexicographic rule could not break or an unbounded column;
    :data:`CYCLE` for a repeated basis, which rounding alone can cause.
    ``use_numba=None`` follows :data:`USE_NUMBA`.
    """
    m, n = A.shape
    if m + n > _KEYS.shape[1]:
        keys = np.random.default_rng(20061011).integers(1, 2**62, size=(2, m + n), dtype=np.int64)
    else:
        keys = _KEYS[:, :m + n]
    bases = (np.arange(m, m + n, dtype=np.int64), np.arange(m, dtype=np.int64))
    D0 = np.ones((n, m + 1))                # nonbasic: x (labels 0..m-1); basic: the slacks
    D0[:, :m] = B.T
    D1 = np.ones((m, n + 1))                # nonbasic: y (labels m..m+n-1); basic: the slacks
    D1[:, :n] = A
    where0 = np.concatenate([np.arange(m), -np.arange(1, n + 1)]).astype(np.int64)
    where1 = np.concatenate([-np.arange(1, m + 1), np.arange(n)]).astype(np.int64)
    numba_wanted = USE_NUMBA if use_numba is None else use_numba
    run = _numba_kernel() if numba_wanted and HAVE_NUMBA else _path_numpy
    num_iter, status = run(D0, D1, bases[0], bases[1], where0, where1, k, max_iter, keys[0], keys[1])
    return Path(int(num_iter), int(status), bases, (D0, D1), (where0, where1))


# ------------------------------------------------------------------ numpy kernel
def _path_numpy(D0: np.ndarray, D1: np.ndarray, basis0: np.ndarray, basis1: np.ndarray,
                where0: np.ndarray, where1: np.ndarray, k: int, max_iter: int,
                keys0: np.ndarray, keys1: np.ndarray) -> tuple[int, int]:
    """The path on compact tableaux: ``(num_iter, status)``; ``D``, ``basis``, ``where`` change in place."""
    m, n = D1.shape[0], D0.shape[0]
    tabs, bases, wheres, keys = (D0, D1), (basis0, basis1), (where0, where1), (keys0, keys1)
    slacks = ((m, m + n), (0, m))                       # labels whose columns hold B⁻¹
    buffers = tuple(np.empty((max(1, _BLOCK_ENTRIES // D.shape[1]), D.shape[1])) for D in tabs)
    state = 0
    for b, key in zip(bases, keys):
        for label in b:
            state ^= int(key[label])
    seen = {state}
    t = 0 if k < m else 1                               # the tableau in which `entering` is nonbasic
    entering = k
    for it in range(1, max_iter + 1):
        D, where = tabs[t], wheres[t]
        c = int(where[entering])
        r = _min_ratio_numpy(D, where, c, *slacks[t])
        if r < 0:
            return it - 1, NO_PIVOT
        _pivot_numpy(D, r, c, buffers[t])
        leaving = int(bases[t][r])
        bases[t][r] = entering
        where[entering], where[leaving] = -(r + 1), c
        if leaving == k:
            return it, CONVERGED
        state ^= int(keys[t][leaving]) ^ int(keys[t][entering])
        if state in seen:
            return it, CYCLE
        seen.add(state)
        entering = leaving
        t = 1 - t
    return max_iter, MAX_ITER


def _min_ratio_numpy(D: np.ndarray, where: np.ndarray, c: int, slack_start: int, slack_stop: int) -> int:
    """The row leaving when column ``c`` enters, by the lexicographic rule; -1 if none is found."""
    col = D[:, c]
    rows = (col > TOL_PIV).nonzero()[0]
    if len(rows) <= 1:
        return int(rows[0]) if len(rows) else -1
    pivots = col[rows]
    for step in range(slack_stop - slack_start + 1):
        if step == 0:
            values = D[rows, -1]
        else:
            w = where[slack_start + step - 1]
            values = D[rows, w] if w >= 0 else (rows == -w - 1).astype(np.float64)
        ratios = values / pivots
        low = ratios.min()
        keep = ratios <= low + TOL_RATIO * max(1.0, abs(low))
        if np.count_nonzero(keep) == 1:
            return int(rows[keep][0])
        rows, pivots = rows[keep], pivots[keep]
    return -1


#: Rows are updated in blocks of about this many entries, which stay in cache between the
#: multiplication and the subtraction.
_BLOCK_ENTRIES = 16384


def _pivot_numpy(D: np.ndarray, r: int, c: int, buffer: np.ndarray) -> None:
    """Pivot on ``D[r, c]``; column ``c`` then holds the leaving variable (a unit vector before the pivot).

    Multiply, then subtract (two roundings, no fused multiply-add), as the numba kernel does.
    """
    column = D[:, c].copy()
    D[:, c] = 0.0
    D[r, c] = 1.0
    row = D[r] / column[r]
    column[r] = 0.0
    step = buffer.shape[0]
    for start in range(0, D.shape[0], step):
        block = D[start:start + step]
        work = buffer[:len(block)]
        np.multiply(column[start:start + step, None], row, out=work)
        block -= work
    D[r] = row


# ------------------------------------------------------------------ numba kernel
def _numba_kernel() -> Callable[..., tuple[int, int]]:
    """The numba kernel (:mod:`._lh_numba`), compiled or loaded from the disk cache on its first call."""
    from ._lh_numba import path_compact
    return path_compact
