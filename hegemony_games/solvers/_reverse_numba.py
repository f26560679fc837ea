"""The compiled reverse search of :mod:`.reverse_search` (imported only when numba is used).

Interval quantities are carried as a value and a radius, the radius bounding every rounding
error (Higham's γ) and the data's own relative error; see :mod:`.reverse_search` for the
mathematics.  No ``fastmath``: the bounds hold for IEEE arithmetic without reassociation.
"""
from __future__ import annotations

import time

import numpy as np

from ._certify_numba import gather, verified_system

try:
    from numba import njit, objmode
except ImportError:  # pragma: no cover - keeps the module importable (doctest collection); unused then
    def njit(*args, **kwargs):
        return lambda function: function

OK, UNCERTAIN, FULL, DEEP, STOPPED = 0, 1, 2, 3, 4

UNIT = 2.0 ** -53
ROUND = 1.0 + 8 * UNIT   # inflation of a radius for the rounding of its own computation
TINY = 1e-300            # absolute slack for underflow
REFRESH = 1e-3           # a pivot whose radii exceed this recomputes the vertex from scratch at once


@njit(cache=True)
def _vertex(M, weights, level, tight, S, T, G, R, W, x, slack, slack_r, D, D_r, cost, cost_r, rate, rate_r,
            spread, g, margin):  # pragma: no cover - compiled
    """Fill the level's data from its tight set: its support S and tight rows T, R ≈ M[T, S]⁻¹,
    x, the slack of every loose constraint and, for each tight constraint q, the edge that
    loosens it: the direction on S (``D``), the change of the objective weights·x (``cost``) and the
    rate at which each loose constraint's slack shrinks (``rate``), all with radii.  Returns
    ``(proven, s)``: False if the vertex is not proven simple with these tight constraints."""
    k, d = M.shape
    s = 0
    for c in range(d):
        if not tight[level, c]:
            S[level, s] = c
            s += 1
    t = 0
    for r in range(k):
        if tight[level, d + r]:
            T[level, t] = r
            t += 1
    if s != t:
        return False, 0
    Gl, Rl, Dl, Dr = G[level], R[level], D[level], D_r[level]
    z = x[level]
    e = 0.0
    delta = 0.0
    if s > 0:
        G_rows = np.empty(s)
        gather(M, T[level], S[level], s, Gl, G_rows)
        delta, e = verified_system(Gl, G_rows, s, spread, g, Rl, W, z)
        if delta < 0.0:
            return False, s
    # Slacks of the loose constraints: x_c for c in S, 1 − M_r x for rows off T.
    for a in range(s):
        c = S[level, a]
        slack[level, c] = z[a]
        slack_r[level, c] = delta
        if not z[a] - delta > margin:
            return False, s
    for r in range(k):
        if tight[level, d + r]:
            continue
        mx = 0.0
        row_S = 0.0
        for a in range(s):
            mx += M[r, S[level, a]] * z[a]
            row_S += M[r, S[level, a]]
        value = 1.0 - mx
        radius = (spread * (1.0 + mx) + delta * row_S * (1.0 + spread)) * ROUND + TINY
        slack[level, d + r] = value
        slack_r[level, d + r] = radius
        if not value - radius > margin:
            return False, s
    # The edge loosening tight constraint q.  A variable c: x_c grows at rate 1 and
    # M[T, S] D_S = −M[T, c] keeps the rows of T tight.  A row T[b]: its slack grows at rate 1,
    # D_S = −(column b of M[T, S]⁻¹).
    for q in range(d + k):
        if not tight[level, q]:
            continue
        if q < d:
            column = 0.0
            for b in range(s):
                column += M[T[level, b], q]
            for a in range(s):
                acc = 0.0
                size = 0.0
                for b in range(s):
                    acc += Rl[a, b] * M[T[level, b], q]
                    size += abs(Rl[a, b]) * M[T[level, b], q]
                Dl[a, q] = -acc
                Dr[a, q] = (spread * size + e * column * (1.0 + spread)) * ROUND + TINY
        else:
            b = 0
            while T[level, b] != q - d:
                b += 1
            for a in range(s):
                Dl[a, q] = -Rl[a, b]
                Dr[a, q] = e
        total = weights[q] if q < d else 0.0
        size = total
        radius = 0.0
        for a in range(s):
            w = weights[S[level, a]]
            total += w * Dl[a, q]
            size += w * abs(Dl[a, q])
            radius += w * Dr[a, q]
        cost[level, q] = total
        cost_r[level, q] = (radius + spread * size) * ROUND + TINY
        # How fast each loose constraint's slack shrinks along this edge; one radius for all.
        widest = 0.0
        for a in range(s):
            c = S[level, a]
            rate[level, q, c] = -Dl[a, q]
            widest = max(widest, Dr[a, q])
        for r in range(k):
            if tight[level, d + r]:
                continue
            own = M[r, q] if q < d else 0.0
            acc = own
            size = own
            radius = 0.0
            for a in range(s):
                weight = M[r, S[level, a]]
                acc += weight * Dl[a, q]
                size += weight * abs(Dl[a, q])
                radius += weight * Dr[a, q]
            rate[level, q, d + r] = acc
            widest = max(widest, (radius * (1.0 + spread) + spread * size) * ROUND + TINY)
        rate_r[level, q] = widest
    return True, s


@njit(cache=True)
def _quotient(a, ra, b, rb):  # pragma: no cover - compiled
    """a/b as value and radius, for |b| > rb."""
    value = a / b
    return value, ((ra + abs(value) * rb) / (abs(b) - rb)) * ROUND + abs(value) * 4 * UNIT + TINY


@njit(cache=True)
def _product(a, ra, b, rb):  # pragma: no cover - compiled
    """a·b as value and radius."""
    value = a * b
    return value, (abs(a) * rb + ra * abs(b) + ra * rb) * ROUND + abs(value) * 4 * UNIT + TINY


@njit(cache=True)
def _pivot(level, q, j, tight, slack, slack_r, cost, cost_r, rate, rate_r, margin, loose, edges):  # pragma: no cover - compiled
    """The next level's data from this one's, across edge q entering j: one tableau pivot in
    interval arithmetic.  Returns the largest radius, or −1 when a slack is not proven > margin.

    Along edge q the slack of a loose l shrinks at rate[q, l] (q's own grows at rate 1) and
    the other edges keep q tight; the new edges are q' − (rate[q', j]/rate[q, j])·q, keeping j
    tight, and −q/rate[q, j], back to this vertex.  ``loose`` and ``edges`` are work space.
    """
    n = tight.shape[1]
    new = level + 1
    old_rate, old_rate_r, new_rate, new_rate_r = rate[level], rate_r[level], rate[new], rate_r[new]
    old_slack, old_slack_r, new_slack, new_slack_r = slack[level], slack_r[level], slack[new], slack_r[new]
    n_loose = 0
    n_edges = 0
    for l in range(n):           # the new vertex's loose constraints other than q, and its edges
        if tight[level, l]:
            if l != q:
                edges[n_edges] = l
                n_edges += 1
        elif l != j:
            loose[n_loose] = l
            n_loose += 1
    edges[n_edges] = j
    n_edges += 1
    pivot, column_r = old_rate[q, j], old_rate_r[q]     # one radius for all of column q
    step, step_r = _quotient(old_slack[j], old_slack_r[j], pivot, column_r)
    if not step - step_r > margin:
        return -1.0
    new_slack[q], new_slack_r[q] = step, step_r
    widest = step_r
    column_size = abs(pivot)     # the largest |rate[q, l]| over the loose l
    for i in range(n_loose):     # slacks at the new vertex
        l = loose[i]
        column_size = max(column_size, abs(old_rate[q, l]))
        shrink, shrink_r = _product(step, step_r, old_rate[q, l], column_r)
        value = old_slack[l] - shrink
        radius = (old_slack_r[l] + shrink_r) * ROUND + abs(value) * 4 * UNIT + TINY
        if not value - radius > margin:
            return -1.0
        new_slack[l], new_slack_r[l] = value, radius
        widest = max(widest, radius)
    for h in range(n_edges):     # new value = own·old[e] + factor·old[q]
        e = edges[h]
        if e == j:               # the edge back: −q/rate[q, j]
            factor, factor_r = _quotient(-1.0, 0.0, pivot, column_r)
            own = 0.0
        else:
            factor, factor_r = _quotient(-old_rate[e, j], old_rate_r[e], pivot, column_r)
            own = 1.0
        change, change_r = _product(factor, factor_r, cost[level, q], cost_r[level, q])
        value = own * cost[level, e] + change
        cost[new, e] = value
        cost_r[new, e] = (own * cost_r[level, e] + change_r) * ROUND + abs(value) * 4 * UNIT + TINY
        new_rate[e, q] = -factor  # q's slack grew at rate 1 along q
        old_e, old_q, row = old_rate[e], old_rate[q], new_rate[e]
        largest = 0.0
        for i in range(n_loose):
            l = loose[i]
            value = own * old_e[l] + factor * old_q[l]
            row[l] = value
            largest = max(largest, abs(value))
        # |error| ≤ own·r_e + |factor|·r_q + factor_r·(|rate[q, l]| + r_q), plus the rounding
        # of the product and the sum
        radius = ((own * old_rate_r[e] + abs(factor) * column_r + factor_r * (column_size + column_r)) * ROUND
                  + (abs(factor) * column_size + largest) * 4 * UNIT + TINY)
        new_rate_r[e] = max(radius, factor_r)
        widest = max(widest, new_rate_r[e])
    return widest


@njit(cache=True)
def _entering(level, q, loose, n_loose, slack, slack_r, rate, rate_r):  # pragma: no cover - compiled
    """The loose constraint that becomes tight first along edge q (proven), or −1 if unclear.

    The winner has the least upper bound on its ratio slack/rate among the constraints whose
    rate is proven positive; every rival whose rate may be positive must have a lower bound
    above it.  Compared by products, without a division per rival."""
    best = -1
    top = 1.0             # the winner's upper bound is top/bottom
    bottom = 0.0
    along, along_r = rate[level, q], rate_r[level, q]
    for i in range(n_loose):
        l = loose[i]
        low_rate = along[l] - along_r
        if low_rate > 0.0:
            high = slack[level, l] + slack_r[level, l]
            if best < 0 or high * bottom < top * low_rate:
                best, top, bottom = l, high, low_rate
    if best < 0:
        return -1
    best_high = top / bottom * ROUND
    for i in range(n_loose):
        l = loose[i]
        if l == best:
            continue
        high_rate = along[l] + along_r
        # proven later: (slack − radius)/high_rate > best_high
        if high_rate > 0.0 and not slack[level, l] - slack_r[level, l] > best_high * high_rate * ROUND:
            return -1
    return best


@njit(cache=True)
def _sign(level, q, j, other, pivot, pivot_r, cost, cost_r, rate, rate_r):  # pragma: no cover - compiled
    """The proven sign (−1, 0: unknown, 1) of cost[other]·rate[q, j] − rate[other, j]·cost[q]."""
    first, first_r = _product(cost[level, other], cost_r[level, other], pivot, pivot_r)
    second, second_r = _product(rate[level, other, j], rate_r[level, other], cost[level, q], cost_r[level, q])
    value = first - second
    radius = (first_r + second_r) * ROUND + abs(value) * 4 * UNIT + TINY
    if value + radius < 0.0:
        return -1
    return 1 if value - radius > 0.0 else 0


@njit(cache=True)
def _is_child(level, q, j, edges, n_edges, cost, cost_r, rate, rate_r):  # pragma: no cover - compiled
    """Is the vertex across edge q (entering j) a child: is the edge back its first improving one?

    At that vertex the edge loosening q' (tight here, q' ≠ q) changes the objective at
    cost[q'] − rate[q', j]/rate[q, j]·cost[q], whose sign is that of
    cost[q']·rate[q, j] − rate[q', j]·cost[q] (rate[q, j] > 0); the edge back (loosening j)
    improves since cost[q] > 0.  Returns 1 (child), 0 (not a child) or −1 (not proven).
    """
    pivot, pivot_r = rate[level, q, j], rate_r[level, q]
    # First the values alone: the most negative one, proven, settles "not a child" cheaply.
    lowest = 0.0
    lowest_at = -1
    for h in range(n_edges):
        other = edges[h]
        if other >= j:
            break
        if other != q:
            value = cost[level, other] * pivot - rate[level, other, j] * cost[level, q]
            if value < lowest:
                lowest, lowest_at = value, other
    if lowest_at >= 0 and _sign(level, q, j, lowest_at, pivot, pivot_r, cost, cost_r, rate, rate_r) < 0:
        return 0              # an improving edge with a smaller index: the parent is elsewhere
    unclear = False
    for h in range(n_edges):
        other = edges[h]
        if other >= j:
            break
        if other != q:
            sign = _sign(level, q, j, other, pivot, pivot_r, cost, cost_r, rate, rate_r)
            if sign < 0:
                return 0
            if sign == 0:
                unclear = True
    return -1 if unclear else 1


@njit(cache=True)
def _match(A, level, S, T, s, G, R, W, y, spread, g, margin):  # pragma: no cover - compiled
    """Is there a y ≥ 0 with (A y)_i = 1 on the support S, < 1 off it, y > 0 exactly on T?

    Returns 1 (y written to ``y``), 0 (no), −1 (not proven)."""
    m, n = A.shape
    G_rows = np.empty(s)
    gather(A, S[level], T[level], s, G, G_rows)
    delta, _ = verified_system(G, G_rows, s, spread, g, R, W, y)
    if delta < 0.0:
        return -1
    unclear = False
    for b in range(s):
        if y[b] + delta < 0.0:
            return 0
        if not y[b] - delta > margin:
            unclear = True
    for i in range(m):
        inside = False
        for a in range(s):
            if S[level, a] == i:
                inside = True
        if inside:
            continue
        ay = 0.0
        size = 0.0
        row_T = 0.0
        for b in range(s):
            ay += A[i, T[level, b]] * y[b]
            size += A[i, T[level, b]] * abs(y[b])
            row_T += A[i, T[level, b]]
        value = 1.0 - ay
        radius = (spread * (1.0 + size) + delta * row_T * (1.0 + spread)) * ROUND + TINY
        if value + radius < 0.0:
            return 0
        if not value - radius > margin:
            unclear = True
    return -1 if unclear else 1


@njit(cache=True)
def _lists(level, tight, loose_at, edges_at):  # pragma: no cover - compiled
    """Fill the level's loose constraints and tight ones (its edges), ascending; return their counts."""
    n_loose = 0
    n_edges = 0
    for c in range(tight.shape[1]):
        if tight[level, c]:
            edges_at[level, n_edges] = c
            n_edges += 1
        else:
            loose_at[level, n_loose] = c
            n_loose += 1
    return n_loose, n_edges


@njit(cache=True)
def _supports(level, tight, S, T, d):  # pragma: no cover - compiled
    """Fill the level's support S (loose variables) and tight rows T; return |S|."""
    s = 0
    t = 0
    for c in range(tight.shape[1]):
        if c < d and not tight[level, c]:
            S[level, s] = c
            s += 1
        elif c >= d and tight[level, c]:
            T[level, t] = c - d
            t += 1
    return s


@njit(cache=True)
def _clock(halt):  # pragma: no cover - compiled
    """The time, or infinity once another thread has set ``halt[0]`` (read in Python: a real read)."""
    with objmode(now="float64"):
        now = np.inf if halt[0] else time.perf_counter()
    return now


@njit(cache=True, nogil=True)   # nogil: the two polytopes' searches may run in two threads
def reverse_search(M, A, weights, spread, g, margin, depth, capacity, match, end, check,
                   halt):  # pragma: no cover - compiled
    """Visit every vertex of {x ≥ 0 : M x ≤ 1} once, pairing each with A's polytope if ``match``.

    The objective is weights·x (weights > 0).  Returns ``(status, vertices, count, X, Y)``:
    ``vertices`` counts the vertices visited (the origin included), and rows ``:count`` of X
    (d) and Y (k) are the pairs (x, y) with complementary labels.  Status UNCERTAIN when a
    sign or a ratio-test winner is not proven, FULL past ``capacity`` pairs, DEEP past
    ``depth`` levels, STOPPED when ``time.perf_counter()`` has reached ``end`` or ``halt[0]`` is
    set (both read every ``check`` vertices; ``end = inf``: never).
    """
    k, d = M.shape
    n = d + k
    small = min(k, d)
    tight = np.zeros((depth, n), dtype=np.bool_)
    S = np.zeros((depth, d), dtype=np.int64)
    T = np.zeros((depth, k), dtype=np.int64)
    G = np.zeros((depth, small, small))
    R = np.zeros((depth, small, small))
    W = np.zeros((small, 2 * small))
    x = np.zeros((depth, small))
    slack = np.zeros((depth, n))
    slack_r = np.zeros((depth, n))
    D = np.zeros((depth, small, n))
    D_r = np.zeros((depth, small, n))
    cost = np.zeros((depth, n))
    cost_r = np.zeros((depth, n))
    rate = np.zeros((depth, n, n))   # rate[level, q, l]: how fast loose l's slack shrinks along edge q
    rate_r = np.zeros((depth, n))     # one radius per edge (column)
    cursor = np.zeros(depth, dtype=np.int64)
    loose = np.zeros(n, dtype=np.int64)           # work space of _pivot
    edges = np.zeros(n, dtype=np.int64)
    loose_at = np.zeros((depth, n), dtype=np.int64)   # each level's loose constraints and edges, ascending
    edges_at = np.zeros((depth, n), dtype=np.int64)
    counts = np.zeros((depth, 2), dtype=np.int64)
    X = np.zeros((capacity, d))
    Y = np.zeros((capacity, k))
    y = np.zeros(small)
    G_match = np.zeros((small, small))
    R_match = np.zeros((small, small))
    count = 0
    vertices = 0
    for c in range(d):
        tight[0, c] = True
    level = 0
    ok, s = _vertex(M, weights, 0, tight, S, T, G, R, W, x, slack, slack_r, D, D_r, cost, cost_r,
                    rate, rate_r, spread, g, margin)
    if not ok:
        return UNCERTAIN, vertices, count, X, Y
    exact = np.zeros(depth, dtype=np.bool_)   # is the level's data computed from scratch (tightest radii)?
    exact[0] = True
    fresh = True
    while level >= 0:
        if fresh:   # first time at this level's vertex: count it, pair it
            if end < np.inf and vertices > 0 and vertices % check == 0 and _clock(halt) >= end:
                return STOPPED, vertices, count, X, Y
            fresh = False
            cursor[level] = 0
            counts[level, 0], counts[level, 1] = _lists(level, tight, loose_at, edges_at)
            vertices += 1
            if match and s > 0:
                found = _match(A, level, S, T, s, G_match, R_match, W, y, spread, g, margin)
                if found < 0:
                    return UNCERTAIN, vertices, count, X, Y
                if found == 1:
                    if count == capacity:
                        return FULL, vertices, count, X, Y
                    for a in range(s):
                        X[count, S[level, a]] = slack[level, S[level, a]]   # x_c is its own slack
                        Y[count, T[level, a]] = y[a]
                    count += 1
        q = cursor[level]
        while q < n and not tight[level, q]:
            q += 1
        if q == n:
            level -= 1   # every edge done: back to the parent, which resumes at its cursor
            continue
        unclear = False
        j = -1
        child = 0
        if cost[level, q] - cost_r[level, q] > 0.0:
            j = _entering(level, q, loose_at[level], counts[level, 0], slack, slack_r, rate, rate_r)
            if j < 0:
                unclear = True
            else:
                child = _is_child(level, q, j, edges_at[level], counts[level, 1], cost, cost_r, rate, rate_r)
                unclear = child < 0
        elif not cost[level, q] + cost_r[level, q] < 0.0:
            unclear = True   # (an improving edge leads nearer the origin: not a child)
        if unclear:
            if exact[level]:
                return UNCERTAIN, vertices, count, X, Y
            # Radii grown by pivots: recompute this vertex from scratch, then decide again.
            ok, s = _vertex(M, weights, level, tight, S, T, G, R, W, x, slack, slack_r, D, D_r, cost,
                            cost_r, rate, rate_r, spread, g, margin)
            if not ok:
                return UNCERTAIN, vertices, count, X, Y
            exact[level] = True
            continue
        cursor[level] = q + 1
        if child == 1:
            if level + 1 == depth:
                return DEEP, vertices, count, X, Y
            for l in range(n):
                tight[level + 1, l] = tight[level, l]
            tight[level + 1, q] = False
            tight[level + 1, j] = True
            widest = _pivot(level, q, j, tight, slack, slack_r, cost, cost_r, rate, rate_r, margin, loose, edges)
            level += 1
            if widest < 0.0 or widest > REFRESH:   # radii too wide to use, or a slack not proven
                ok, s = _vertex(M, weights, level, tight, S, T, G, R, W, x, slack, slack_r, D, D_r, cost,
                                cost_r, rate, rate_r, spread, g, margin)
                if not ok:
                    return UNCERTAIN, vertices, count, X, Y
                exact[level] = True
            else:
                s = _supports(level, tight, S, T, d)
                exact[level] = False
            fresh = True
    return OK, vertices, count, X, Y
