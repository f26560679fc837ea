"""Every extreme Nash equilibrium of a two-player game, and the maximal convex sets of equilibria.

With payoffs shifted to be positive, the best-response polytopes of an m×n game (A, B) are

    P = {x ∈ ℝᵐ : x ≥ 0, Bᵀx ≤ 1}   and   Q = {y ∈ ℝⁿ : y ≥ 0, A y ≤ 1}.

A point of P has label i (0 ≤ i < m) when x_i = 0 and label m + j when (Bᵀx)_j = 1; a point of
Q has label i when (Ay)_i = 1 and label m + j when y_j = 0.  A pair of nonzero vertices
(x, y) whose labels together cover {0, …, m+n−1} is, after normalising x and y to sum to one,
an extreme Nash equilibrium, and every extreme equilibrium arises this way (Mangasarian
1964; von Stengel, "Computing equilibria for two-person games", Handbook of Game Theory 3,
2002).  The game is *nondegenerate* exactly when no vertex of P has more than m labels and no
vertex of Q more than n.

The set of all equilibria is the union of the *maximal Nash subsets* conv(U) × conv(V): the
maximal bicliques U × V of the bipartite graph whose edges are the extreme equilibria
(Winkels 1979; Jansen 1981; Avis, Rosenberg, Savani & von Stengel, Economic Theory 42, 2010).
They are reported as ``Solution.components``.

Two paths give the same answer.  The fast one (:func:`_certified_solve`) lists both polytopes'
vertices by a depth-first search of their vertex graphs when numba is installed
(:mod:`.graph_vertices`), by Qhull otherwise or when the search declines (:mod:`.hull_vertices`),
and trusts them only with a proof (:mod:`.certify`):
every vertex simple, with exactly the labels found (exact games: proven by rigorous error
bounds), and the list closed under the polytope's edges, hence complete; the game is then
nondegenerate, each equilibrium is the pair of vertices with complementary labels, solved
exactly from its supports for exact games.  Games with ``STREAMED_SIZE`` strategies or more are
not listed: a reverse search (:mod:`.reverse_search`, numba) walks the vertices in constant
memory, every step proven, and pairs each vertex of P as it is met.  Whenever the proof fails
(degenerate games, near ties, more than 64 labels) :func:`_solve` runs a lexicographic reverse
search (:mod:`.polytope_vertices`), complete on degenerate games and in memory that does not
grow with the vertices either: each vertex of P is paired with the vertices of the face of Q
that completes its labels; exact games are searched in integer arithmetic and float games in
float64, falling back to exact arithmetic whenever a float decision is ambiguous or a float
result fails verification.
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction
from typing import NamedTuple, Sequence

import numpy as np

from ..games.normal_form import NormalFormGame
from ..limits import Deadline
from ..solution import Equilibrium, Solution
from ._common import (PARALLEL, USE_NUMBA, VerificationError, arithmetic, integer_matrix, require_two_players,
                      verified_equilibria)
from .certify import UNIT, adjugate_times_ones, certify_simple_vertices, closed_under_edges, masks
from .graph_vertices import graph_vertices, graph_vertices_pair
from .hull_vertices import TIGHT, HullVertices, hull_vertices
from .polytope_vertices import AmbiguousPivot, face_vertices, polytope_vertices
from .reverse_search import VertexPairs, reverse_search_pairs

__all__ = ["vertex_enumeration_solve", "maximal_nash_subsets"]

METHOD = "vertex-enumeration"
FLOAT_GAP = 1e-8  # float path: a slack below this (and not ≈ 0) is too near a tie; search lexicographically instead


#: games with at least this many strategies in all (m + n) walk their vertices in constant memory
#: (the reverse search, with numba) instead of listing them: about 1.3x the listing's time per
#: vertex, and no memory that grows with the vertices; smaller games have at most a few thousand
STREAMED_SIZE = 24
#: the reverse search sees float payoffs scaled into [1/16, 17/16]: the random 16×16 game of the
#: benchmarks is proven at this shift and not at the lexicographic search's shift of 1
REVERSE_SHIFT = 1 / 16

#: with a timeout, larger games skip Qhull (uninterruptible; ~1 s at 16×16, ~40 s at 20×20)
QHULL_TIMEOUT_SIZE = 14

#: float games solved exactly with this many strategies or more in all (and fewer than
#: STREAMED_SIZE) have their payoffs converted to exact integers in a helper thread while the
#: graph search lists the vertices of the float polytopes (``PARALLEL``).  Smaller games are
#: searched faster than the thread wakes and converts (the benchmarks' 7×7 game: 0.89 ms with the
#: helper, 0.75 ms without).  12 random 8×8 games: 0.08 ms saved on average, 2 of them 0.05 ms
#: slower; the benchmarks' 8×8 game 1.51 against 1.64 ms, 10×10 4.58 against 4.92 ms.
OVERLAP_SIZE = 16


def vertex_enumeration_solve(game: NormalFormGame, exact: bool | None = None,
                             timeout: float | None = None) -> Solution:
    """All extreme equilibria of a two-player game, exact for exact games, with components.

    ``timeout`` (seconds, ``None``: none) bounds the lexicographic reverse search (used for
    degenerate games): when it is reached, the equilibria among the vertices found so far are
    returned, verified, flagged ``complete=False`` with a message.  The reverse search (games
    with ``STREAMED_SIZE`` strategies or more, with numba) reads the clock every
    ``reverse_search.CHECK`` vertices and stops the same way.  Qhull and the graph search
    cannot be interrupted, so with a ``timeout`` they run only on games of at most
    ``QHULL_TIMEOUT_SIZE`` strategies per player (larger, they may take seconds to minutes);
    larger games that the reverse search declines go to the lexicographic one, which stops in time.
    A float game solved exactly (``exact=True``) with ``OVERLAP_SIZE`` to ``STREAMED_SIZE``
    strategies in all has its payoffs converted to exact numbers in a helper thread while its
    float polytopes are searched, when ``PARALLEL`` allows a second thread.

    >>> import hegemony_games as hg
    >>> sexes = hg.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> sol = vertex_enumeration_solve(sexes)
    >>> [e.strategies for e in sol]                              # doctest: +NORMALIZE_WHITESPACE
    [((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1))),
     ((Fraction(2, 3), Fraction(1, 3)), (Fraction(1, 3), Fraction(2, 3))),
     ((Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(0, 1)))]
    >>> sol.degenerate, sol.components
    (False, [[0], [1], [2]])

    A degenerate game with a segment of equilibria: the column player is indifferent.

    >>> flat = hg.NormalFormGame.from_bimatrix([[1, 0], [1, 1]], [[1, 1], [1, 1]])
    >>> sol = vertex_enumeration_solve(flat)
    >>> len(sol), sol.degenerate, sol.components
    (3, True, [[0, 1], [1, 2]])
    """
    require_two_players(game, METHOD)
    deadline = Deadline(timeout)
    limit = {} if deadline.timeout is None else {"deadline": deadline}
    converted = _converted_while_searching(game) if exact and _overlaps(game) else None   # None: not done
    work, exact = (converted.game, True) if converted else arithmetic(game, exact)
    streamed = _streamed(*game.shape)
    try:
        # A large float game the float search declines (a slack below FLOAT_GAP, say) goes to the
        # exact game's search, which proves such slacks; the float vertex lists would decline
        # too, after holding up to millions of vertices, and the lexicographic search is hopeless at this size.
        fast = _certified_solve(work, exact, deadline, lists=exact or not streamed, converted=converted)
        if fast is None and not exact and streamed:
            found = _certified_solve(game.as_exact(), True, deadline)
            fast = None if found is None else _as_float(
                work, found, "the float search could not prove every step: solved exactly instead")
    except VerificationError:  # a float vertex pair above the tolerance: let the lexicographic search decide
        fast = None
    if fast is not None:
        return fast
    if not exact:
        try:
            return _solve(work, exact=False, **limit)
        except (AmbiguousPivot, VerificationError) as reason:
            message = f"float arithmetic was not conclusive ({reason}); solved exactly instead"
            return _as_float(work, _solve(game.as_exact(), exact=True, **limit), message)
    return _solve(work, exact=True, **limit)


def _solve(game: NormalFormGame, exact: bool, deadline: Deadline | None = None) -> Solution:
    """Every extreme equilibrium by lexicographic reverse search, in memory that does not grow
    with the vertices: each vertex x ≠ 0 of P is paired, as the search meets it, with the
    vertices of the face of Q that carries the labels x lacks, (A y)_i = 1 on x's support and
    y_j = 0 off its best responses (Avis, Rosenberg, Savani & von Stengel 2010).  Then Q is
    searched, to count its vertices and to tell whether the game is degenerate (a vertex with
    more labels than its dimension).  Float games are searched in float64, scaled into [1, 2]
    so that one absolute tolerance fits every game; a decision too close to call raises
    :class:`AmbiguousPivot`."""
    A, B = game.payoffs
    m, n = game.shape
    if exact:
        A_pos, B_pos = integer_matrix(A), integer_matrix(B)
    else:
        A_pos, B_pos = _unit_scale(A), _unit_scale(B)
    stopped: list = []
    profiles: set = set()   # the extreme equilibria, and their vertices of Q: as many as the output
    partners: dict = {}
    p_count = q_count = 0
    degenerate = False
    for mask, x in polytope_vertices(B_pos.T, exact, deadline=deadline, stopped=stopped):
        if not any(x):
            continue
        p_count += 1
        degenerate = degenerate or _popcount(mask) > m
        support = [i for i in range(m) if x[i]]
        not_best = [j for j in range(n) if not mask >> (m + j) & 1]
        normalised = None
        for q_mask, y in face_vertices(A_pos, support, not_best, exact, deadline=deadline, stopped=stopped):
            # one y per vertex of Q (float: found again from another face, its last bits may differ)
            if q_mask not in partners:
                partners[q_mask] = _normalise(y)
            normalised = normalised or _normalise(x)
            profiles.add((normalised, partners[q_mask]))
            degenerate = degenerate or _popcount(q_mask) > n
    p_finished = not stopped
    if p_finished:
        for mask, y in polytope_vertices(A_pos, exact, deadline=deadline, stopped=stopped):
            q_count += any(y)
            degenerate = degenerate or _popcount(mask) > n
    equilibria = _in_order(verified_equilibria(game, sorted(profiles), exact), exact)
    components = maximal_nash_subsets(equilibria) if p_finished else []   # partial: not maximal
    if stopped and p_finished and not degenerate:   # Q's search cut short: what the equilibria prove
        degenerate = any(len(c) > 1 for c in components) or any(
            len(e.support()[0]) != len(e.support()[1]) for e in equilibria)   # a segment, unequal supports
    message = ""
    if not p_finished:
        message = (f"{deadline.describe()} reached in the reverse search of the row player's best-response "
                   f"polytope, after {p_count} vertices: equilibria at the vertices not reached were not searched")
    elif stopped:
        message = (f"{deadline.describe()} reached in the search of the column player's best-response polytope, "
                   f"after {q_count} vertices: every equilibrium was found"
                   + ("" if degenerate else ", but the game is not proven nondegenerate"))
    return Solution(game, equilibria, METHOD, exact, degenerate=degenerate, components=components,
                    parameters={"vertices": (p_count, q_count)},
                    complete=p_finished, message=message)


def _certified_solve(game: NormalFormGame, exact: bool, deadline: Deadline | None = None,
                     lists: bool = True, converted: "_Converted | None" = None) -> Solution | None:
    """The fast path: floating point finds the vertices, a proof certifies them.

    The graph search (numba) or Qhull lists each polytope's vertices and the certificate
    (:mod:`.certify`) proves that every vertex found is a simple vertex with the labels found
    and that the list is closed under the polytope's edges, hence complete.  From
    ``STREAMED_SIZE`` strategies on, :func:`.reverse_search_pairs` walks both polytopes'
    vertices in constant memory instead, proving every step, and pairs each vertex of P as it
    is met; the lists are the fallback when it declines.
    Either way the
    game is then nondegenerate, the equilibria are the pairs of vertices with complementary
    label sets, and each is solved exactly (exact games) from its supports and checked to
    have zero regret.  ``None`` when anything is not conclusive: the caller then runs the
    lexicographic reverse search of :func:`_solve`, complete on every game.  When ``deadline``
    stops the reverse search, the pairs found by then are returned, flagged incomplete.
    ``lists=False``: no vertex lists, not even as the reverse search's fallback.  ``converted``:
    the exact game's integers and its candidate vertex lists, from :func:`_converted_while_searching`.
    """
    m, n = game.shape
    if m < 2 or n < 2 or m + n > 64:
        return None
    deadline = Deadline(None) if deadline is None else deadline
    A, B = game.payoffs
    if exact:
        A_int, B_int = (converted.A, converted.B) if converted else _Integers.pair(game)
        try:
            A_pos, B_pos = A_int.as_float(), B_int.as_float().T
        except OverflowError:
            return None
    else:  # the data the lexicographic search would use
        A_pos, B_pos = _unit_scale(A), _unit_scale(B)
    if _pure_best_response_tie(A_pos, B_pos):
        return None  # degenerate for sure (a pure strategy with two pure best responses)
    found = None
    if _streamed(m, n):   # walk the vertices in constant memory
        if exact:
            found = reverse_search_pairs(A_pos, B_pos, eps=4 * UNIT, margin=0.0, deadline=deadline)
        else:  # a smaller shift than [1, 2]: facets less alike, fewer decisions too close to prove
            found = reverse_search_pairs(_unit_scale(A, shift=REVERSE_SHIFT), _unit_scale(B, shift=REVERSE_SHIFT),
                                         eps=4 * UNIT, margin=FLOAT_GAP, deadline=deadline)
    if found is None and lists and (deadline.timeout is None or min(m, n) <= QHULL_TIMEOUT_SIZE):
        found = _pairs_from_vertex_lists(A_pos, B_pos, exact, converted.candidates if converted else (None, None))
    if found is None:
        return None
    if exact:  # x's support is where x_i > 0, y's where y_j > 0 (proven signs, exact zeros elsewhere)
        equilibria = [_exact_equilibrium(game, A_int, B_int, _positive(x), _positive(y))
                      for x, y in zip(found.X.tolist(), found.Y.tolist())]
    else:
        equilibria = _float_equilibria(game, found.X, found.Y)
    equilibria = _in_order(equilibria, exact)
    message = f"{deadline.describe()} reached: {found.stopped}" if found.stopped else ""
    return Solution(game, equilibria, METHOD, exact, degenerate=False,
                    components=[] if found.stopped else [[k] for k in range(len(equilibria))],  # partial: not maximal
                    parameters={"vertices": found.vertices}, complete=not found.stopped, message=message)


class _Converted(NamedTuple):
    """A float game's exact form, its payoffs as :class:`_Integers` (B transposed) and candidate
    vertex lists of P and Q (from the float payoffs: proven for the exact ones before use)."""

    game: NormalFormGame
    A: "_Integers"
    B: "_Integers"
    candidates: tuple


def _overlaps(game: NormalFormGame) -> bool:
    """Does solving this game exactly convert its payoffs in a helper thread (``OVERLAP_SIZE``)?"""
    m, n = game.shape
    return (PARALLEL and USE_NUMBA and not game.is_exact and not game.parameters and m >= 2 and n >= 2
            and OVERLAP_SIZE <= m + n and not _streamed(m, n))


def _converted_while_searching(game: NormalFormGame) -> _Converted | None:
    """The float game converted to exact integers in a helper thread (Python: 0.26 ms at 8×8)
    while this one lists the vertices of its float polytopes (compiled, without the GIL:
    0.35 ms), scaled as the exact integers will be.  Waiting for each other, they would add up.
    ``None`` when no thread can be started (the interpreter is shutting down)."""
    try:
        conversion = _helper().submit(_exact_integers, game)
    except RuntimeError:   # "cannot schedule new futures after (interpreter) shutdown"
        return None
    A, B = game.payoffs
    candidates = graph_vertices_pair(_unit_scale(B, shift=REVERSE_SHIFT).T, _unit_scale(A, shift=REVERSE_SHIFT),
                                     gap=TIGHT, recheck=False)
    exact_game, A_int, B_int = conversion.result()
    return _Converted(exact_game, A_int, B_int, candidates)


def _exact_integers(game: NormalFormGame) -> tuple[NormalFormGame, "_Integers", "_Integers"]:
    exact = game.as_exact()
    return (exact, *_Integers.pair(exact))


_HELPER: tuple[int, ThreadPoolExecutor] | None = None


def _helper() -> ThreadPoolExecutor:
    """The helper thread, started on first use; a new one after a fork (threads do not survive it)."""
    global _HELPER
    if _HELPER is None or _HELPER[0] != os.getpid():
        _HELPER = (os.getpid(), ThreadPoolExecutor(1, thread_name_prefix="hegemony_games exact conversion"))
    return _HELPER[1]


def _in_order(equilibria: Sequence[Equilibrium], exact: bool) -> tuple[Equilibrium, ...]:
    """Sorted by their strategies; float ones by their strategies to 9 digits (as
    ``Equilibrium.key`` rounds them), so that the last bits, which differ from one way of
    computing them to another, do not change the order."""
    if exact or not equilibria:
        return tuple(sorted(equilibria, key=lambda e: e.strategies))
    rounded = np.round([x + y for x, y in (e.strategies for e in equilibria)], 9)
    return tuple(equilibria[k] for k in np.lexsort(rounded.T[::-1]))   # lexsort: last key first


def _streamed(m: int, n: int) -> bool:
    """Does the certified path walk this game's vertices by reverse search (numba, and
    ``STREAMED_SIZE`` to 64 strategies in all: label sets are 64-bit masks)?"""
    return USE_NUMBA and STREAMED_SIZE <= m + n <= 64


def _pairs_from_vertex_lists(A_pos: np.ndarray, B_pos: np.ndarray, exact: bool,
                             candidates: tuple = (None, None)) -> VertexPairs | None:
    """Both polytopes' vertex lists (graph search or Qhull), proven complete, then paired by labels.

    ``candidates``: lists of P's and Q's vertices to prove first (see :func:`_certified_polytope`)."""
    m, n = A_pos.shape
    p = _certified_polytope(B_pos.T, exact, candidates[0])
    q = _certified_polytope(A_pos, exact, candidates[1]) if p is not None else None
    if p is None or q is None:
        return None
    (x_vertices, p_tight, p_mask), (y_vertices, q_tight, q_mask) = p, q
    # Common labels: i for row i (x_i = 0 on P, (Ay)_i = 1 on Q), m + j for column j.  Q's own
    # order is (y_j = 0 for each j, then row i): rotate its masks by n bits.
    q_mask = (q_mask >> np.uint64(n)) | ((q_mask & np.uint64((1 << n) - 1)) << np.uint64(m))
    need = np.uint64((1 << (m + n)) - 1) ^ p_mask
    _, p_index, q_index = np.intersect1d(need, q_mask, assume_unique=True, return_indices=True)
    pairs = [(i, j) for i, j in zip(p_index.tolist(), q_index.tolist()) if not p_tight[i, :m].all()]
    return VertexPairs(x_vertices[[i for i, _ in pairs]], y_vertices[[j for _, j in pairs]],
                       (len(x_vertices) - 1, len(y_vertices) - 1))


def _pure_best_response_tie(A: np.ndarray, B: np.ndarray) -> bool:
    """Does some column of A, or row of B, reach its maximum twice?  Then a pure strategy has
    two pure best responses and the game is degenerate: a cheap way to skip Qhull on the
    integer games where ties are common.  (Rounding to float can only add ties, never hide one.)"""
    return bool(((A == A.max(axis=0)).sum(axis=0) > 1).any() or ((B == B.max(axis=1)[:, None]).sum(axis=1) > 1).any())


def _certified_polytope(M: np.ndarray, exact: bool, candidate: HullVertices | None = None
                        ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """All vertices of {z ≥ 0 : M z ≤ 1}, their tight sets and masks, or ``None`` if not proven.

    Float: the vertices from the graph search (numba) or from Qhull, every slack clearly tight or
    clearly not (``FLOAT_GAP``), and the list closed under edges.  Exact: besides, every vertex's
    labels certified exactly.  ``candidate`` (exact only): the vertex list of another positive
    affine image of the same payoffs, proven for M if it can be (such a map transforms the
    polytope projectively: the same tight sets and edges); M is searched if it cannot.
    """
    if candidate is not None:
        proven = _proven(M, candidate, exact)
        if proven is not None:
            return proven
    gap = TIGHT if exact else FLOAT_GAP
    found = graph_vertices(M, gap=gap, recheck=not exact) if USE_NUMBA else None   # exact: proven below
    if found is None:
        found = hull_vertices(M, gap=gap)
    return None if found is None else _proven(M, found, exact)


def _proven(M: np.ndarray, found: HullVertices, exact: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The vertex list ``found`` closed under edges (so complete) and, exact, each vertex certified
    for M; the vertices, tight sets and masks, or ``None``."""
    vertices, tight, neighbours = found
    mask = masks(tight)
    if not closed_under_edges(mask, neighbours):
        return None
    if exact:
        vertices = certify_simple_vertices(M, tight, eps=4 * UNIT)
        if vertices is None:
            return None
    else:
        vertices[tight[:, :M.shape[1]]] = 0.0  # what rounding left of the zero coordinates
    return vertices, tight, mask


def _positive(values: list[float]) -> list[int]:
    return [i for i, v in enumerate(values) if v > 0]   # (on lists: 4x faster than numpy for a row)


def _exact_equilibrium(game: NormalFormGame, A: "_Integers", B: "_Integers",
                       S: list[int], T: list[int]) -> Equilibrium:
    """The equilibrium on supports S (rows) and T (columns) of a nondegenerate game, exactly.

    ``A`` holds the row player's payoffs and ``B`` the column player's *transposed* (both as
    :class:`_Integers`, a positive affine image of the game's).  y makes the row player
    indifferent on S and x the column player on T (square systems, nonsingular by the
    certificate); :func:`_indifference` checks zero regret exactly on the way.
    """
    y_num, y_total, row_value = _indifference(A, S, T)
    x_num, x_total, column_value = _indifference(B, T, S)
    m, n = game.shape
    x, y = [_ZERO] * m, [_ZERO] * n
    for i, v in zip(S, x_num):
        x[i] = Fraction(v, x_total)
    for j, v in zip(T, y_num):
        y[j] = Fraction(v, y_total)
    # Expected payoff = the common value on the support, mapped back: u = (N/total − shift)/den.
    payoffs = (Fraction(row_value - A.shift * y_total, A.den * y_total),
               Fraction(column_value - B.shift * x_total, B.den * x_total))
    return Equilibrium(game, (tuple(x), tuple(y)), payoffs)


_ZERO = Fraction(0)


def _indifference(P: "_Integers", own: list[int], other: list[int]) -> tuple[list[int], int, int]:
    """The opponent's strategy on ``other`` that makes every strategy in ``own`` a best response.

    Returns ``(num, total, value)``: the mixed strategy is num/total with total > 0, and
    value/total is the payoff (in P's integers) of the strategies in ``own``.  Raises
    :class:`VerificationError` unless every num > 0 and no row of P earns more than ``own``'s,
    compared exactly on integers scaled by ``total`` (no Fractions needed).
    """
    columns = [P.columns[j] for j in other]
    num = adjugate_times_ones([[column[i] for column in columns] for i in own])
    total = sum(num)
    if total < 0:  # the sign of the determinant: make the denominator positive
        num, total = [-v for v in num], -total
    values = [v * num[0] for v in columns[0]]   # every row of P against num, a column at a time
    for column, weight in zip(columns[1:], num[1:]):
        values = [s + v * weight for s, v in zip(values, column)]
    best = max(values)
    if any(v <= 0 for v in num) or any(values[i] != best for i in own):
        raise VerificationError(f"certified supports {own}, {other} do not give an equilibrium")
    return num, total, best


class _Integers(NamedTuple):
    """An exact matrix as integers ``rows = den·matrix + shift`` ≥ 1: a positive affine image,
    its least entry about ``REVERSE_SHIFT`` of its range (or 1).

    ``columns`` is the same matrix by columns (tuples), so a column restriction is cheap."""

    rows: list[list[int]]
    columns: list[tuple[int, ...]]
    den: int
    shift: int

    @classmethod
    def of(cls, numerators: np.ndarray, den: int) -> "_Integers":
        """From a matrix's integer form (:meth:`.NormalFormGame.integer_payoffs`)."""
        ints = numerators.ravel().tolist()
        # The least entry becomes about REVERSE_SHIFT of the range (at least 1), as for floats:
        # entries near 0 of the largest make facets nearly parallel to axes, hard to prove.
        low = min(ints)
        shift = max(1, -(-(max(ints) - low) // round(1 / REVERSE_SHIFT))) - low
        width = numerators.shape[1]
        flat = [v + shift for v in ints]
        rows = [flat[r:r + width] for r in range(0, len(flat), width)]
        return cls(rows, list(zip(*rows)), den, shift)

    @classmethod
    def pair(cls, game: NormalFormGame) -> tuple["_Integers", "_Integers"]:
        """The exact game's A and Bᵀ: both players' payoffs indexed (own strategy, opponent's)."""
        (A, a_den), (B, b_den) = game.integer_payoffs()
        return cls.of(A, a_den), cls.of(B.T, b_den)

    def as_float(self) -> np.ndarray:
        """As floats scaled into (0, 1]: within 3 units of roundoff of the exact quotient
        (int → float and the division are each correctly rounded); OverflowError if huge."""
        values = np.array(self.rows, dtype=float)
        return values / values.max()


def _float_equilibria(game: NormalFormGame, X: np.ndarray, Y: np.ndarray) -> list[Equilibrium]:
    """Normalise the vertices to mixed strategies and check their regret, all at once."""
    A, B = (np.asarray(a, dtype=float) for a in game.payoffs)
    X = X / X.sum(axis=1, keepdims=True)
    Y = Y / Y.sum(axis=1, keepdims=True)
    row_values, column_values = Y @ A.T, X @ B
    u1 = np.einsum("ei,ei->e", X, row_values)
    u2 = np.einsum("ej,ej->e", Y, column_values)
    regret = np.maximum(row_values.max(axis=1) - u1, column_values.max(axis=1) - u2)
    if np.any(regret > game.tolerance()):
        raise VerificationError(f"float vertex pair with regret {regret.max()}")
    return [Equilibrium(game, (tuple(x), tuple(y)), (a, b))
            for x, y, a, b in zip(X.tolist(), Y.tolist(), u1.tolist(), u2.tolist())]


def _as_float(game: NormalFormGame, exact_solution: Solution, message: str) -> Solution:
    """The exact solution of the float game's decimal form, in floats (complete if it was)."""
    profiles = [[[float(p) for p in v] for v in e.strategies] for e in exact_solution]
    equilibria = verified_equilibria(game, profiles, exact=False)
    return Solution(game, equilibria, METHOD, False, degenerate=exact_solution.degenerate,
                    components=exact_solution.components, parameters=exact_solution.parameters,
                    complete=exact_solution.complete,
                    message="; ".join(part for part in (message, exact_solution.message) if part))


def maximal_nash_subsets(equilibria: Sequence) -> list[list[int]]:
    """The maximal bicliques of the extreme equilibria of a bimatrix game, as lists of indices.

    Each list holds the extreme equilibria (x, y) with x ∈ U and y ∈ V for a maximal U × V
    such that every such pair is an equilibrium; its convex hull consists of equilibria.

    The sides V of the maximal bicliques are exactly the nonempty intersections of the sets
    N(x) of the y's paired with each x (U is then every x whose N(x) contains V): the closed
    sets of a Galois connection (Ganter & Wille, *Formal Concept Analysis*, 1999).  They are
    found by intersecting, as bit masks, until no new one appears: time proportional to the
    number of bicliques times the number of x's.

    >>> from collections import namedtuple
    >>> E = namedtuple("E", "strategies")
    >>> maximal_nash_subsets([E(("a", "p")), E(("a", "q")), E(("b", "q"))])
    [[0, 1], [1, 2]]
    """
    xs: dict = {}
    ys: dict = {}
    for e in equilibria:
        xs.setdefault(e.strategies[0], len(xs))
        ys.setdefault(e.strategies[1], len(ys))
    index = {(xs[x], ys[y]): k for k, (x, y) in enumerate(e.strategies for e in equilibria)}
    partners = [0] * len(xs)   # N(x) as bits of y
    for u, v in index:
        partners[u] |= 1 << v
    distinct = set(partners)
    closed, new = set(distinct), list(distinct)
    while new:
        found = []
        for side in new:
            for other in distinct:
                both = side & other
                if both and both not in closed:
                    closed.add(both)
                    found.append(both)
        new = found
    subsets = []
    for side in closed:
        vs = [v for v in range(side.bit_length()) if side >> v & 1]
        us = [u for u, mask in enumerate(partners) if mask & side == side]
        subsets.append(sorted(index[(u, v)] for u in us for v in vs))
    return sorted(subsets)


def _normalise(z: tuple) -> tuple:
    total = sum(z)
    return tuple(v / total for v in z)


def _unit_scale(matrix: np.ndarray, shift: float = 1.0) -> np.ndarray:
    low, high = float(matrix.min()), float(matrix.max())
    return (matrix - low) / (high - low if high > low else 1.0) + shift


def _popcount(mask: int) -> int:
    return bin(mask).count("1")
