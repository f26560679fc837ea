"""Every extreme equilibrium of many small two-player games at once: vectorised basis enumeration.

With payoffs shifted to be positive, the best-response polytopes of an m×n game (A, B) are
P = {x ≥ 0 : Bᵀx ≤ 1} and Q = {y ≥ 0 : Ay ≤ 1} (see :mod:`.vertex_enumeration`).  Every
nonzero vertex of P is the solution of a *basis*: a support F of k rows and k columns J of B
with B[F, J]ᵀ x_F = 1 and x = 0 off F, for some 1 ≤ k ≤ min(m, n); there are
C(m+n, m) − 1 of them (5 at 2×2, 9 at 2×3, 19 at 3×3).  This module solves *all* candidate
bases of *all* games of a stack at once with numpy, by Cramer's rule on integers
(``x_F = adj(M)·1 / det M``: no division), keeps the feasible ones by exact sign tests, reads
every vertex's full label set (a zero numerator is a tight constraint) and pairs the vertices
of P and Q whose labels cover {0, …, m+n−1} by bitmask tests.  Since every vertex is found
from every basis that defines it, this is complete on degenerate games too; duplicates (one
vertex from several bases) are removed by their tight masks (a vertex is determined by its
tight constraints).  In a nondegenerate game only the bases with the same support pair
(x on rows F with tight columns J, y on columns J with tight rows F), so matching costs one test
per basis there; degenerate games (some vertex with more labels than its dimension, decided
exactly) are matched over all pairs.  This is the "fixed-size exhaustive basis enumeration" of the project's
algorithms guide, section (c); the theory is von Stengel, "Computing equilibria for two-person
games", Handbook of Game Theory 3 (2002), and Avis, Rosenberg, Savani & von Stengel, Economic
Theory 42 (2010).

Arithmetic:

* **exact** input (ints, ``Fraction``\\ s) is scaled to integers with a common denominator per
  matrix and solved in ``int32`` or ``int64`` when a bound on every intermediate value
  (``4·max(k+1, m, n)·k!·M^k`` for entries ≤ M) stays below 2³¹ or 2⁶²; games with larger
  entries run the same code on Python integers (object arrays).  Every equilibrium is checked to have zero regret in integers.
* **float** input is unit-scaled like the single-game solver and solved in float64; every sign
  is decided with a margin larger than a rounding-error bound.  A game where some sign is too
  close to call (a near-tie), or whose result fails the regret check, is re-solved on its own by
  :func:`hegemony_games.solve`, so near-degenerate games are never mis-solved.

**2×2 games** take a closed form first (:func:`_solve_2x2`): pure equilibria by best-response sign
tests, the interior one by the indifference formula, in int64 (exact) or unit-scaled float64; every
game with a tie or near-tie in a best-response comparison (that is, every degenerate game) goes to
the basis enumeration above.  Its results are the basis enumeration's, array for array (property-tested).

The result is a :class:`BatchSolution`: flat numpy arrays for millions of games, and
``batch[i]``, the ordinary :class:`~hegemony_games.Solution` of game i (the same as
``hg.solve`` gives), built on demand.
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import Any, Iterator, Sequence

import numpy as np

from ..errors import GameError
from ..games.normal_form import DEFAULT_RTOL, NormalFormGame
from ..numbers import to_exact
from ..solution import Equilibrium, Solution
from ._common import VerificationError

__all__ = ["solve_many", "BatchSolution", "MAX_STRATEGIES"]

METHOD = "vertex-enumeration"
#: The largest number of strategies per player ``solve_many`` accepts (the number of candidate
#: bases, C(m+n, m), grows quickly; larger games are solved one at a time by ``hg.solve``).
MAX_STRATEGIES = 5
DEFAULT_CHUNK = 20_000
_INT_LIMIT = 2.0 ** 62
_INT64_MIN, _INT64_MAX = -2 ** 63, 2 ** 63 - 1
_EPS = np.finfo(float).eps
# Float values are *zero* below 1e-13 (the single-game solver breaks ratio ties below 1e-12 as exact
# ties) and *nonzero* above 1e-7 (it calls differences above 1e-9 distinct); in between it would
# switch to exact arithmetic, and so does solve_many, by handing the game to it.
_ZERO, _NONZERO = 1e-13, 1e-7


# ----------------------------------------------------------------------------- the result
@dataclass(frozen=True, eq=False)
class BatchSolution(Sequence):
    """The extreme equilibria of N games of one shape, as flat arrays; ``batch[i]`` is a Solution.

    Equilibria of game ``i`` are the rows ``offsets[i]:offsets[i+1]`` of the per-equilibrium
    arrays, ordered as :func:`hegemony_games.solve` orders them (lexicographically by the
    probabilities).

    Attributes
    ----------
    shape:
        ``(m, n)``, the strategies of the row and column player.
    exact:
        Whether arithmetic was exact.
    counts, offsets:
        Per game, the number of extreme equilibria (``int64``, shape ``(N,)``) and where they
        start (shape ``(N + 1,)``).
    degenerate:
        Per game, whether it is degenerate (some vertex of a best-response polytope has more
        labels than its dimension), exactly as ``hg.solve(...).degenerate``.
    fallback:
        Per game, whether it was solved on its own by ``hg.solve`` (float near-ties; always
        ``False`` in exact arithmetic).
    vertices:
        Per game, the number of nonzero vertices of P and of Q (shape ``(N, 2)``).
    game_index:
        Per equilibrium, the game it belongs to.
    x, y:
        Per equilibrium, the players' probabilities as ``float64`` (shapes ``(E, m)``, ``(E, n)``).
    x_num, x_den, y_num, y_den:
        Exact arithmetic only (``None`` otherwise): x = x_num / x_den[:, None] in lowest terms
        (``int64``; Python ints in object arrays, all four, when some number does not fit in
        ``int64``, which needs huge payoffs).  The kind depends on the numbers only, not on
        the path or the chunk that computed them.
    payoffs:
        Per equilibrium, the two expected payoffs as ``float64`` (shape ``(E, 2)``), computed on
        first use.
    """

    shape: tuple[int, int]
    exact: bool
    counts: np.ndarray
    offsets: np.ndarray
    degenerate: np.ndarray
    fallback: np.ndarray
    vertices: np.ndarray
    game_index: np.ndarray
    x: np.ndarray
    y: np.ndarray
    x_num: np.ndarray | None = None
    x_den: np.ndarray | None = None
    y_num: np.ndarray | None = None
    y_den: np.ndarray | None = None
    _games: Any = field(default=None, repr=False)   # the input: a list of games or (A, B) arrays
    _inputs: Any = field(default=None, repr=False)  # the payoff stacks (N, m, n) as given

    @cached_property
    def payoffs(self) -> np.ndarray:
        A, B = (_by_game(_float_of(M)) for M in self._inputs)
        return _expected(A, B, self.game_index, self.x, self.y)

    def __len__(self) -> int:
        return len(self.counts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        i = _index(index, len(self))
        game = self.game(i)
        if self.fallback[i]:  # a float near-tie: this game was solved on its own
            from ..api import solve
            return solve(game, method=METHOD, exact=False)
        start, stop = int(self.offsets[i]), int(self.offsets[i + 1])
        if self.exact:
            profiles = [(_fractions(self.x_num[k], self.x_den[k]), _fractions(self.y_num[k], self.y_den[k]))
                        for k in range(start, stop)]
            profiles.sort()  # exactly hg.solve's order, whatever float rounding did to the arrays' order
        else:
            profiles = [(tuple(self.x[k].tolist()), tuple(self.y[k].tolist())) for k in range(start, stop)]
        equilibria = tuple(Equilibrium(game, p, game.expected_payoffs(p)) for p in profiles)
        degenerate = bool(self.degenerate[i])
        if degenerate:  # shared vertices: the single-game solver's maximal Nash subsets
            from .vertex_enumeration import maximal_nash_subsets
            components = maximal_nash_subsets(equilibria)
        else:
            components = [[k] for k in range(len(equilibria))]
        return Solution(game, equilibria, METHOD, self.exact, degenerate=degenerate, components=components,
                        parameters={"vertices": tuple(int(v) for v in self.vertices[i])})

    def __iter__(self) -> Iterator[Solution]:
        return (self[i] for i in range(len(self)))

    def game(self, i: int) -> NormalFormGame:
        """Game ``i`` as a :class:`~hegemony_games.NormalFormGame`, in this batch's arithmetic."""
        i = _index(i, len(self))
        if isinstance(self._games, tuple):
            A, B = self._games
            game = NormalFormGame.from_bimatrix(A[i], B[i])
        else:
            game = self._games[i]
        return game.as_exact() if self.exact else game.as_float()

    def __repr__(self) -> str:
        return (f"<BatchSolution: {len(self)} games of shape {self.shape[0]}×{self.shape[1]}, "
                f"{len(self.game_index)} equilibria, {int(self.degenerate.sum())} degenerate, exact={self.exact}>")

    def to_pandas(self):
        """One row per equilibrium: ``game``, ``equilibrium`` (its index in the game), ``x0..``,
        ``y0..``, ``u1``, ``u2``, ``degenerate``.  Needs pandas (not a dependency of this library)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("BatchSolution.to_pandas needs pandas: pip install pandas") from None
        m, n = self.shape
        columns: dict[str, Any] = {"game": self.game_index,
                                   "equilibrium": np.arange(len(self.game_index)) - self.offsets[self.game_index]}
        columns.update({f"x{i}": self.x[:, i] for i in range(m)})
        columns.update({f"y{j}": self.y[:, j] for j in range(n)})
        columns.update({"u1": self.payoffs[:, 0], "u2": self.payoffs[:, 1],
                        "degenerate": self.degenerate[self.game_index]})
        return pd.DataFrame(columns)


def _index(i: Any, size: int) -> int:
    i = int(i)
    if not -size <= i < size:
        raise IndexError(f"game index {i} out of range for {size} games")
    return i % size


def _fractions(num: np.ndarray, den: Any) -> tuple:
    den = int(den)
    return tuple(Fraction(int(v), den) for v in num)


# ----------------------------------------------------------------------------- entry point
def solve_many(games: Any = None, *, A: Any = None, B: Any = None, exact: bool | None = None,
               chunk_size: int = DEFAULT_CHUNK) -> BatchSolution:
    """Every extreme equilibrium of each game of a stack of same-shaped two-player games.

    Parameters
    ----------
    games:
        A sequence of two-player :class:`~hegemony_games.NormalFormGame` of one shape, or an
        array of shape ``(N, 2, m, n)`` holding both players' payoff matrices per game.
    A, B:
        Instead of ``games``: the row and column player's payoffs, arrays of shape ``(N, m, n)``.
    exact:
        ``None`` (default) follows the input: integer arrays, ``Fraction``\\ s and exact games give
        exact results, float arrays and float games float results.  ``True`` converts floats
        through their decimal form (as ``hg.solve`` does); ``False`` solves in float64.
    chunk_size:
        Games solved at once (memory stays bounded for any N).

    Returns a :class:`BatchSolution`; ``batch[i]`` equals ``hg.solve(game_i, exact=exact)``
    (same equilibria, order, degeneracy flag and components).  Up to
    :data:`MAX_STRATEGIES` strategies per player.

    >>> import numpy as np, hegemony_games as hg
    >>> A = np.array([[[3, 0], [5, 1]],      # prisoner's dilemma
    ...               [[2, 0], [0, 1]],      # battle of the sexes
    ...               [[1, 1], [1, 1]]])     # the row player does not care
    >>> B = np.array([[[3, 5], [0, 1]], [[1, 0], [0, 2]], [[1, 0], [0, 1]]])
    >>> batch = hg.solve_many(A=A, B=B)
    >>> batch
    <BatchSolution: 3 games of shape 2×2, 8 equilibria, 1 degenerate, exact=True>
    >>> batch.counts.tolist(), batch.degenerate.tolist()
    ([1, 3, 4], [False, False, True])
    >>> batch.x[batch.offsets[1]:batch.offsets[2]].tolist()   # battle of the sexes: row strategies
    [[0.0, 1.0], [0.6666666666666666, 0.3333333333333333], [1.0, 0.0]]
    >>> batch[1][1].strategies                                  # the mixed one, exactly
    ((Fraction(2, 3), Fraction(1, 3)), (Fraction(1, 3), Fraction(2, 3)))
    >>> batch[2].components                          # three segments of equilibria in a row
    [[0, 1], [1, 2], [2, 3]]
    """
    if exact not in (None, True, False):
        raise GameError(f"exact must be True, False or None, got {exact!r}")
    if not isinstance(chunk_size, (int, np.integer)) or chunk_size < 1:
        raise GameError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    A_in, B_in, kind, source = _read_input(games, A, B)
    if exact is None:
        exact = kind == "exact"
    N, m, n = A_in.shape
    if max(m, n) > MAX_STRATEGIES:
        raise GameError(f"solve_many handles games up to {MAX_STRATEGIES}×{MAX_STRATEGIES} strategies; "
                        f"these are {m}×{n}: solve them one at a time with hg.solve")
    if (m, n) == (2, 2) and _CLOSED_FORM_2X2:
        batch_games = source if source is not None else (A_in, B_in)
        # The closed form keeps about a tenth of the basis enumeration's memory per game: larger chunks,
        # still small enough to stay in cache (10^5 games run at twice the rate of 10^6 in one piece).
        step = _CLOSED_FORM_CHUNKS * int(chunk_size)
        parts = []
        for start in range(0, N, step):
            part = slice(start, min(N, start + step))
            parts.append(_solve_2x2(A_in[part], B_in[part], bool(exact), int(chunk_size)))
            parts[-1].start = start
        return _assemble(parts, N, (m, n), bool(exact), batch_games, (A_in, B_in))
    return _solve_general(A_in, B_in, bool(exact), int(chunk_size), source)


def _solve_general(A_in: np.ndarray, B_in: np.ndarray, exact: bool, chunk_size: int,
                   source: list | None) -> BatchSolution:
    """Basis enumeration for every game of the stack (N, m, n)."""
    N, m, n = A_in.shape
    # From here on the game axis is last, (m, n, N): see "the kernel" below.
    if exact:
        A_ex, B_ex = _exact_matrices(A_in), _exact_matrices(B_in)
    else:
        A_fl, B_fl = _by_game(_float_of(A_in)), _by_game(_float_of(B_in))
    parts = []
    for start in range(0, N, int(chunk_size)):
        part = slice(start, min(N, start + int(chunk_size)))
        if exact:
            parts.append(_solve_exact_chunk(A_ex[..., part], B_ex[..., part], start))
        else:
            parts.append(_solve_float_chunk(A_fl[..., part], B_fl[..., part], start))
    batch_games = source if source is not None else (A_in, B_in)
    return _assemble(parts, N, (m, n), bool(exact), batch_games, (A_in, B_in))


def _read_input(games: Any, A: Any, B: Any) -> tuple[np.ndarray, np.ndarray, str, list | None]:
    """The payoff stacks (N, m, n), their kind ("exact" or "float") and the list of games if given."""
    if (A is None) != (B is None):
        raise GameError("give both A and B (the row and the column player's payoffs)")
    if games is not None and A is not None:
        raise GameError("give either games or A and B, not both")
    if games is None and A is None:
        raise GameError("solve_many needs games, or arrays A and B of shape (N, m, n)")
    if A is not None:
        A_arr, B_arr = _array(A, "A"), _array(B, "B")
        if A_arr.ndim != 3 or A_arr.shape != B_arr.shape:
            raise GameError(f"A and B must be arrays of one shape (N, m, n); got {A_arr.shape} and {B_arr.shape}")
        return (*_kinds(A_arr, B_arr), None)
    if isinstance(games, np.ndarray) or (isinstance(games, Sequence) and games
                                         and not isinstance(games[0], NormalFormGame)):
        stack = _array(games, "games")
        if stack.ndim != 4 or stack.shape[1] != 2:
            raise GameError(f"an array of games must have shape (N, 2, m, n); got {stack.shape}")
        return (*_kinds(stack[:, 0], stack[:, 1]), None)
    games = list(games)
    for k, g in enumerate(games):
        if not isinstance(g, NormalFormGame):
            raise GameError(f"games[{k}] is a {type(g).__name__}, not a NormalFormGame")
        if g.num_players != 2:
            raise GameError(f"games[{k}] has {g.num_players} players; solve_many solves two-player games")
        if g.shape != games[0].shape:
            raise GameError(f"games[{k}] has shape {g.shape}, games[0] {games[0].shape}: stack games of one shape")
        if g.kind == "symbolic":
            raise GameError(f"games[{k}] has symbolic payoffs; substitute values first (game.subs)")
    if not games:
        raise GameError("solve_many needs at least one game")
    kinds = {g.kind for g in games}
    if len(kinds) > 1:
        raise GameError("the games mix exact and float payoffs; pass exact=True or exact=False "
                        "after converting them (game.as_exact() / game.as_float())")
    kind = kinds.pop()
    dtype = np.float64 if kind == "float" else object
    A_arr = np.stack([np.asarray(g.payoffs[0], dtype=dtype) for g in games])
    B_arr = np.stack([np.asarray(g.payoffs[1], dtype=dtype) for g in games])
    return A_arr, B_arr, kind, games


def _array(data: Any, name: str) -> np.ndarray:
    try:
        arr = np.asarray(data)
    except ValueError as exc:
        raise GameError(f"{name} is not a rectangular array: {exc}") from None
    if arr.dtype.kind == "b":
        raise GameError(f"{name} holds booleans, not payoffs")
    if arr.dtype.kind not in "iufO":
        raise GameError(f"{name} must hold numbers; got an array of dtype {arr.dtype}")
    if arr.size == 0 and arr.ndim >= 1 and arr.shape[0] > 0:
        raise GameError(f"{name} has an empty game: every player needs at least one strategy")
    return arr


def _kinds(A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray, str]:
    if A.shape[0] == 0:
        raise GameError("solve_many needs at least one game")
    if A.dtype.kind == "f" or B.dtype.kind == "f":
        A, B = A.astype(np.float64), B.astype(np.float64)
        if not (np.isfinite(A).all() and np.isfinite(B).all()):
            raise GameError("payoffs must be finite numbers (found NaN or infinity)")
        return A, B, "float"
    if A.dtype.kind == "O" or B.dtype.kind == "O":
        A, B = _object_exact(A), _object_exact(B)
        if A.dtype == np.float64 or B.dtype == np.float64:
            return A.astype(np.float64), B.astype(np.float64), "float"
        return A, B, "exact"
    return A, B, "exact"


def _object_exact(arr: np.ndarray) -> np.ndarray:
    """An object array as Fractions (exact entries) or float64 (when some entry is a float)."""
    if arr.dtype != object:
        return arr
    from ..numbers import kind_of
    kinds = {kind_of(v) for v in arr.flat}
    if "symbolic" in kinds:
        raise GameError("payoffs are symbolic; substitute values first")
    if "float" in kinds:
        return np.frompyfunc(float, 1, 1)(arr).astype(np.float64)
    return np.frompyfunc(to_exact, 1, 1)(arr)


def _float_of(arr: np.ndarray) -> np.ndarray:
    if arr.dtype == np.float64:
        return arr
    if arr.dtype.kind in "iu":
        return arr.astype(np.float64)
    return np.frompyfunc(float, 1, 1)(arr).astype(np.float64)


def _exact_matrices(arr: np.ndarray) -> np.ndarray:
    """Integer matrices ≥ 1 per game with the equilibria of the input (N, m, n): scaled by a common
    denominator and shifted; returned as (m, n, N), ``int64`` when the entries fit, Python ints
    (object) otherwise."""
    N = arr.shape[0]
    if arr.dtype.kind in "iu" and (arr.dtype.kind == "i" or arr.max() < 2 ** 62):
        ints = np.empty(arr.shape[1:] + (N,), dtype=np.int64)
        ints[...] = np.moveaxis(arr, 0, -1)              # one pass: transpose and widen
        low, high = ints.min(axis=(0, 1)), ints.max(axis=(0, 1))
        if low.min() > -2 ** 60 and high.max() < 2 ** 60:
            ints -= low - 1
            return ints
        arr = arr.astype(object)
    if arr.dtype == np.float64:  # exact=True on floats: their decimal form, as hg.solve does
        arr = np.frompyfunc(to_exact, 1, 1)(arr)
    elif arr.dtype.kind in "iu":
        arr = arr.astype(object)
    fr = np.frompyfunc(to_exact, 1, 1)(arr)
    den = np.lcm.reduce(np.frompyfunc(lambda f: f.denominator, 1, 1)(fr).reshape(N, -1), axis=1)
    num = np.frompyfunc(lambda f, d: f.numerator * (d // f.denominator), 2, 1)(fr, den[:, None, None])
    low = np.array([min(row) for row in num.reshape(N, -1)], dtype=object)
    ints = num - low[:, None, None] + 1
    high = np.array([max(row) for row in ints.reshape(N, -1)], dtype=object)
    return _by_game(ints.astype(np.int64) if all(h < 2 ** 62 for h in high) else ints)


# ----------------------------------------------------------------------------- 2×2 closed form
# Written for these games only: a specialised path, exact in int64 and identical to the basis
# enumeration on every game it keeps (property-tested against it); every game it does not keep goes
# to the basis enumeration.  ``_CLOSED_FORM_2X2 = False`` switches it off (the tests compare both).
_CLOSED_FORM_2X2 = True
_CLOSED_FORM_CHUNKS = 4    # chunk_size × this many 2×2 games at once in the closed form
_SMALL_INT = 2 ** 28      # |payoff| below this: differences and regret sums fit int64 with room to spare
_FLOAT_TIE = 1e-6         # unit-scaled differences below this are near-ties (basis enumeration decides)


def _solve_2x2(A_in: np.ndarray, B_in: np.ndarray, exact: bool, chunk_size: int) -> _Chunk:
    """Every 2×2 game of the stack (N, 2, 2) in closed form, except those with a tie in a best-response
    comparison (degenerate games, float near-ties, huge payoffs), which go to the basis enumeration.

    Let ``ra_j = A[0, j] − A[1, j]`` (the row player's preference for row 0 against column j) and
    ``cb_i = B[i, 0] − B[i, 1]`` (the column player's for column 0 against row i).  A 2×2 game is
    degenerate exactly when one of these four is zero (a pure strategy with two best responses; a
    mixed strategy has at most two).  Otherwise: (i, j) is a pure equilibrium when both compare the
    right way (which is its zero-regret check); P has a third nonzero vertex, x ∝ (|cb_1|, |cb_0|)
    making the column player indifferent, exactly when cb_0 and cb_1 differ in sign, Q likewise
    y ∝ (|ra_1|, |ra_0|); and that pair is the interior equilibrium when both exist
    (p = (b22 − b21)/(b11 − b12 − b21 + b22) in 1-based notation; its regret is checked as in the
    basis enumeration).  Each row of a nondegenerate game holds at most one pure equilibrium, so
    hg.solve's lexicographic order is: the pure one in row 1 (x = (0, 1)), the interior one, the
    pure one in row 0.

    Floats are unit-scaled first, as the basis enumeration does, so the tolerance is scale-free, and
    the interior equilibrium is computed with the same floating-point operations as its basis, so the
    arrays are bit for bit the same.
    """
    N = A_in.shape[0]
    if exact:
        (a, big_a), (b, big_b) = _exact_entries(A_in), _exact_entries(B_in)
        slow = big_a | big_b
    else:
        raw = [_float_of(M).reshape(N, 4) for M in (A_in, B_in)]
        a, b = _unit_entries(raw[0]), _unit_entries(raw[1])
        slow = np.zeros(N, dtype=bool)
    (a00, a01, a10, a11), (b00, b01, b10, b11) = a, b
    ra0, ra1, cb0, cb1 = a00 - a10, a01 - a11, b00 - b01, b10 - b11
    for d in (ra0, ra1, cb0, cb1):
        slow |= (d == 0) if exact else (np.abs(d) < _FLOAT_TIE)
    up0, up1, left0, left1 = ra0 > 0, ra1 > 0, cb0 > 0, cb1 > 0
    mixed_p, mixed_q = left0 != left1, up0 != up1
    fast = ~slow
    # Per game, in hg.solve's order: pure in row 1, interior, pure in row 0.
    row1 = ((~up0 & left1) | (~up1 & ~left1)) & fast
    inner = mixed_p & mixed_q & fast
    row0 = ((up0 & left0) | (up1 & ~left0)) & fast
    vertices = np.empty((N, 2), dtype=np.int64)
    vertices[:, 0], vertices[:, 1] = mixed_p, mixed_q
    vertices += 2
    degenerate, fallback = np.zeros(N, dtype=bool), np.zeros(N, dtype=bool)
    if not exact:   # verify the interior equilibria first: a failure (none is expected) goes to the basis enumeration
        i1 = np.flatnonzero(inner)
        xm, ym = _interior_float(a, b, i1)
        bad = ~_verify_float(*(np.ascontiguousarray(M.T).reshape(2, 2, N) for M in raw), i1, xm, ym)
        if bad.any():
            slow[i1[bad]] = True
            row1 &= ~slow
            inner &= ~slow
            row0 &= ~slow
            xm, ym = xm[~bad], ym[~bad]
    counts = row1.astype(np.int64)
    counts += inner
    counts += row0
    rest = np.flatnonzero(slow)
    sub = _solve_general(A_in[rest], B_in[rest], exact, chunk_size, None) if rest.size else None
    if sub is not None:
        degenerate[rest], fallback[rest], vertices[rest], counts[rest] = \
            sub.degenerate, sub.fallback, sub.vertices, sub.counts
    offsets = np.zeros(N + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    E = int(offsets[-1])
    g = np.repeat(np.arange(N, dtype=np.int64), counts)
    # Where each kind of row goes: the pure one in row 1 first, then the interior one, then row 0's.
    i0, i1, i2 = np.flatnonzero(row1), np.flatnonzero(inner), np.flatnonzero(row0)
    p0, p1, p2 = offsets[i0], offsets[i1] + row1[i1], offsets[i2] + row1[i2] + inner[i2]
    c0, c2 = ~left1[i0], ~left0[i2]                   # the pure equilibria's columns (True: column 1)
    if exact:
        dtype = object if sub is not None and sub.x_num.dtype == object else np.int64
        xn, yn = np.empty((E, 2), dtype=dtype), np.empty((E, 2), dtype=dtype)
        xd, yd = np.empty(E, dtype=dtype), np.empty(E, dtype=dtype)
        for p, xs, cols in ((p0, (0, 1), c0), (p2, (1, 0), c2)):
            xn[p, 0], xn[p, 1], xd[p], yd[p] = xs[0], xs[1], 1, 1
            yn[p, 0], yn[p, 1] = ~cols, cols
        for num, den, (first, second) in ((xn, xd, (cb1, cb0)), (yn, yd, (ra1, ra0))):
            u0, u1 = np.abs(first[i1]), np.abs(second[i1])
            common = np.gcd(u0, u1)
            u0 //= common
            u1 //= common
            num[p1, 0], num[p1, 1], den[p1] = u0, u1, u0 + u1
        _verify_exact(a.reshape(2, 2, N), b.reshape(2, 2, N), i1, [xn[p1, 0], xn[p1, 1]], [yn[p1, 0], yn[p1, 1]])
        if sub is not None:
            theirs = _rows_of(sub, rest, offsets)
            xn[theirs], xd[theirs], yn[theirs], yd[theirs] = sub.x_num, sub.x_den, sub.y_num, sub.y_den
        x, y = _as_float_rows(xn, xd), _as_float_rows(yn, yd)
        return _Chunk(0, degenerate, vertices, fallback, g, x, y, xn, xd, yn, yd)
    x, y = np.empty((E, 2)), np.empty((E, 2))
    for p, xs, cols in ((p0, (0.0, 1.0), c0), (p2, (1.0, 0.0), c2)):
        x[p, 0], x[p, 1] = xs
        y[p, 0], y[p, 1] = ~cols, cols
    x[p1], y[p1] = xm, ym
    if sub is not None:
        theirs = _rows_of(sub, rest, offsets)
        x[theirs], y[theirs] = sub.x, sub.y
    return _Chunk(0, degenerate, vertices, fallback, g, x, y)


def _as_float_rows(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """``num / den[:, None]`` (the same floats), dividing only the rows whose denominator is not 1."""
    if not _float_exact(num, den):
        return _python_quotients(num, den)
    out = num.astype(np.float64)
    rows = np.flatnonzero(den != 1)
    out[rows] /= den[rows, None]
    return out


def _rows_of(sub: BatchSolution, games: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Where the rows of ``sub`` (the solution of ``games``) go among rows laid out by ``offsets``."""
    return offsets[games[sub.game_index]] + np.arange(len(sub.game_index)) - sub.offsets[sub.game_index]


def _interior_float(a: np.ndarray, b: np.ndarray, games: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The interior equilibria of unit-scaled games (entries as rows (4, N)), with the floating-point
    operations of the basis enumeration on the full basis (:func:`_adjugate_sums`, :func:`_polytope_float`:
    P has C = Bᵀ, Q has C = A), so that the results are bit for bit the same."""
    out = []
    for c00, c01, c10, c11 in ((b[0], b[2], b[1], b[3]), (a[0], a[1], a[2], a[3])):
        c00, c01, c10, c11 = c00[games], c01[games], c10[games], c11[games]
        u0, u1, det = c11 - c01, c00 - c10, c00 * c11 - c10 * c01
        f = np.where(det < 0, -1.0, 1.0) / np.abs(det)
        z0, z1 = u0 * f, u1 * f
        total = z0 + z1
        out.append(np.stack([z0 / total, z1 / total], axis=1))
    return out[0], out[1]


def _exact_entries(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The entries of each game (N, 2, 2) as int64 rows (4, N) — a00, a01, a10, a11 — when exact
    integers below ``_SMALL_INT`` represent its payoffs (zeros otherwise), and which games do not fit."""
    N = M.shape[0]
    if M.dtype.kind in "iu":
        ints = np.empty((4, N), dtype=np.int64)
        ints[...] = M.reshape(N, 4).T                    # one pass: transpose and widen (uint64 may wrap: flagged below)
        if M.min() > -_SMALL_INT and M.max() < _SMALL_INT:
            return ints, np.zeros(N, dtype=bool)
        flat = M.reshape(N, 4)
        big = (flat.max(axis=1) >= _SMALL_INT) | (flat.min(axis=1) <= -_SMALL_INT)
    else:
        scaled = _exact_matrices(M).reshape(4, N)        # common denominator, shifted to ≥ 1
        if scaled.dtype != object and scaled.max() < _SMALL_INT:
            return scaled, np.zeros(N, dtype=bool)
        if scaled.dtype == object:
            big = np.array([max(scaled[:, i].tolist()) >= _SMALL_INT for i in range(N)])
        else:
            big = scaled.max(axis=0) >= _SMALL_INT
        ints = np.where(big[None], 0, scaled).astype(np.int64)
    ints[:, big] = 0
    return ints, big


def _unit_entries(flat: np.ndarray) -> np.ndarray:
    """The entries of each float game (N, 4) as rows (4, N), unit-scaled exactly as :func:`_unit_scale`."""
    rows = np.array(flat.T, order="C")   # a copy: for one game flat.T is already contiguous, and
    # scaling a view in place would change the caller's payoffs (the degenerate games' re-solve read them)
    # lowest and highest of four by elementwise minimum/maximum: numpy's reductions over a short axis are slow
    low = np.minimum(np.minimum(rows[0], rows[1]), np.minimum(rows[2], rows[3]))
    high = np.maximum(np.maximum(rows[0], rows[1]), np.maximum(rows[2], rows[3]))
    width = high - low
    width[width == 0] = 1.0                              # high > low fails only there (finite input)
    rows -= low
    rows /= width
    rows += 1.0
    return rows


# ----------------------------------------------------------------------------- the kernel
# Arrays put the game axis last, (…, N), so that every operation is elementwise over long
# contiguous rows: the matrices are tiny and a reduction over an axis of length 2 or 3 costs more
# in numpy than the arithmetic.

@lru_cache(maxsize=None)
def _bases(d: int, r: int) -> tuple[list, np.ndarray]:
    """The candidate bases of {z ∈ ℝᵈ : z ≥ 0, Cz ≤ 1} with r rows, grouped by size k: per group
    ``(k, F, J)`` with supports F (nb, k) ⊆ range(d) and tight rows J (nb, k) ⊆ range(r); and which
    of the d + r constraints each basis makes tight by construction (K, d + r): z_v = 0 off F and
    the rows J."""
    groups, structural = [], []
    for k in range(1, min(d, r) + 1):
        pairs = [(F, J) for F in itertools.combinations(range(d), k) for J in itertools.combinations(range(r), k)]
        F, J = np.array([F for F, _ in pairs]), np.array([J for _, J in pairs])
        groups.append((k, F, J))
        tight = np.ones((len(pairs), d + r), dtype=bool)
        tight[:, d:] = False
        for b, (f, j) in enumerate(pairs):
            tight[b, list(f)] = False
            tight[b, [d + t for t in j]] = True
        structural.append(tight)
    return groups, np.concatenate(structural)


@lru_cache(maxsize=None)
def _partner(m: int, n: int) -> np.ndarray:
    """For P's basis (support F of x, tight columns J), the index of Q's basis (support J of y, tight
    rows F): in a nondegenerate game these are the only pairs that can be complementary."""
    index = {}
    for k, F, J in _bases(n, m)[0]:
        for f, j in zip(F.tolist(), J.tolist()):
            index[(tuple(f), tuple(j))] = len(index)
    return np.array([index[(tuple(j), tuple(f))] for k, F, J in _bases(m, n)[0]
                     for f, j in zip(F.tolist(), J.tolist())])


def _det(M: np.ndarray, rows: tuple, cols: tuple):
    """det of the submatrix (rows, cols) of a stack M (nb, k, k, N), by cofactor expansion: exact on integers."""
    if len(rows) == 1:
        return M[:, rows[0], cols[0]]
    if len(rows) == 2:
        (r0, r1), (c0, c1) = rows, cols
        return M[:, r0, c0] * M[:, r1, c1] - M[:, r0, c1] * M[:, r1, c0]
    total = None
    for t, c in enumerate(cols):
        term = M[:, rows[0], c] * _det(M, rows[1:], cols[:t] + cols[t + 1:])
        total = term if total is None else (total + term if t % 2 == 0 else total - term)
    return total


def _adjugate_sums(M: np.ndarray) -> tuple[Any, list]:
    """``(det M, u)`` with M u = det(M)·1, i.e. u = adj(M)·1 (Cramer's rule without division)."""
    k = M.shape[1]
    if k == 1:
        return M[:, 0, 0], [np.ones_like(M[:, 0, 0])]
    every = tuple(range(k))
    cof = [[None] * k for _ in range(k)]
    for j in range(k):
        for f in range(k):
            minor = _det(M, every[:j] + every[j + 1:], every[:f] + every[f + 1:])
            cof[j][f] = -minor if (j + f) % 2 else minor
    u = [sum(cof[j][f] for j in range(1, k)) + cof[0][f] for f in range(k)]
    det = sum(M[:, j, 0] * cof[j][0] for j in range(1, k)) + M[:, 0, 0] * cof[0][0]
    return det, u


def _basis_solutions(C: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For every candidate basis of {z ≥ 0 : C z ≤ 1}, C of shape (r, d, N): det (K, N), numerators
    u (K, d, N) with zeros off the support (z = u / det), and the size k of each basis (K,)."""
    r, d, N = C.shape
    groups = _bases(d, r)[0]
    K = sum(len(F) for _, F, _ in groups)
    dets = np.empty((K, N), dtype=C.dtype)
    nums = np.zeros((K, d, N), dtype=C.dtype)
    sizes = np.empty(K, dtype=np.int64)
    start = 0
    for k, F, J in groups:
        M = C[J[:, :, None], F[:, None, :]]          # (nb, k, k, N): M[b, a, c] = C[J[b, a], F[b, c]]
        dets[start:start + len(F)], u = _adjugate_sums(M)
        rows = start + np.arange(len(F))
        for c in range(k):
            nums[rows, F[:, c]] = u[c]
        sizes[start:start + len(F)] = k
        start += len(F)
    return dets, nums, sizes


def _slacks(C: np.ndarray, z: np.ndarray, top) -> list:
    """``top − (C z)_ρ`` for every row ρ, each (K, N)."""
    r, d, _ = C.shape
    out = []
    for rho in range(r):
        acc = top - C[rho, 0] * z[:, 0]
        for v in range(1, d):
            acc = acc - C[rho, v] * z[:, v]
        out.append(acc)
    return out


def _polytope_exact(C: np.ndarray, z_bits: list[int], row_bits: list[int]):
    """Feasible bases (K, N), their label masks, and their nonnegative numerators (K, d, N), exactly."""
    det, u, _ = _basis_solutions(C)
    if u.dtype == object:
        negative = det < 0
        u = np.where(negative[:, None], -u, u)
        det = np.where(negative, -det, det)
    else:
        u *= (1 - 2 * (det < 0).astype(u.dtype))[:, None]
        det = np.abs(det)
    slacks = _slacks(C, u, det)                      # det·(1 − (Cz)_ρ)
    valid = det != 0
    mask = np.zeros(det.shape, dtype=np.int16)
    for v, bit in enumerate(z_bits):
        valid &= u[:, v] >= 0
        mask += (u[:, v] == 0) * np.int16(1 << bit)
    for rho, bit in enumerate(row_bits):
        valid &= slacks[rho] >= 0
        mask += (slacks[rho] == 0) * np.int16(1 << bit)
    return valid, mask, u


def _polytope_float(C: np.ndarray, z_bits: list[int], row_bits: list[int]):
    """The same in float64 on unit-scaled data; also, per game, whether some sign was too close to call.

    A numerator is a sum of at most (k+1)·k! products of k entries in [1, 2] (k + 1 factors for the
    slacks), so its rounding error is about ε·(k+1)!·2^k; a value (numerator / det) is *zero* when it
    and its error bound stay below ``_ZERO``, *nonzero* when it exceeds its error bound by
    ``_NONZERO``, and anything in between makes the game ambiguous (solved on its own).  Exact ties
    of exactly representable payoffs (integers, halves, ...) give exact zeros and stay in the batch."""
    det, u, sizes = _basis_solutions(C)
    d = C.shape[1]
    error = (_EPS * np.array([math.factorial(int(s) + 1) * 2.0 ** s for s in sizes]))[:, None]
    absdet = np.abs(det)
    singular = absdet <= error
    scale = np.where(singular, 1.0, absdet)
    z = u * (np.where(det < 0, -1.0, 1.0) / scale)[:, None]
    err = error / scale
    structural = _bases(d, C.shape[0])[1]
    negative = singular.copy()
    unclear = np.zeros(det.shape, dtype=bool)
    mask = np.zeros(det.shape, dtype=np.int16)
    values = [z[:, v] for v in range(d)] + _slacks(C, z, 1.0)
    below, above = _ZERO - err, _NONZERO + err       # |value| ≤ below: zero; ≥ above: nonzero
    for t, (value, bit) in enumerate(zip(values, z_bits + row_bits)):
        size = np.abs(value)
        zero, clear = size <= below, size >= above
        fixed = structural[:, t]                         # tight by construction, whatever rounding says
        zero[fixed], clear[fixed] = True, False
        negative |= clear & (value < 0)
        unclear |= ~(zero | clear)
        np.bitwise_or(mask, np.int16(1 << bit), out=mask, where=zero)
        if t < d:
            np.copyto(z[:, t], 0.0, where=zero)
    ambiguous = (unclear & ~negative).any(axis=0)
    return ~negative & ~unclear, mask, z, ambiguous


@lru_cache(maxsize=None)
def _popcount_table(bits: int) -> np.ndarray:
    return np.array([bin(v).count("1") for v in range(1 << bits)], dtype=np.int64)


def _match(validP, maskP, validQ, maskQ, m: int, n: int):
    """Degeneracy per game, vertex counts (N, 2), and the complementary pairs as (game, P basis, Q basis),
    game-major."""
    table = _popcount_table(m + n)
    degenerate = ((validP & (table[maskP] > m)).any(axis=0) | (validQ & (table[maskQ] > n)).any(axis=0))
    full = (1 << (m + n)) - 1
    # Nondegenerate games: each vertex has its own basis, and only partner bases can be complementary.
    partner = _partner(m, n)
    diagonal = validP & validQ[partner] & ((maskP | maskQ[partner]) == full) & ~degenerate
    g, a = np.nonzero(diagonal.T)
    b = partner[a]
    vertices = np.stack([validP.sum(axis=0), validQ.sum(axis=0)], axis=1)
    rows = np.flatnonzero(degenerate)
    if rows.size:
        # Degenerate games: one vertex may come from several bases (keep the first) and may pair
        # with several others; match every pair by label superset.
        kept = []
        for valid, mask in ((validP, maskP), (validQ, maskQ)):
            sub_mask, sub_valid = mask[:, rows], valid[:, rows]
            K = len(sub_mask)
            earlier = np.tril(np.ones((K, K), dtype=bool), -1)[:, :, None]
            same = (sub_mask[:, None, :] == sub_mask[None, :, :]) & sub_valid[None, :, :] & earlier
            kept.append(sub_valid & ~same.any(axis=1))
        keepP, keepQ = kept
        vertices[rows] = np.stack([keepP.sum(axis=0), keepQ.sum(axis=0)], axis=1)
        pairs = (keepP[:, None, :] & keepQ[None, :, :]
                 & ((maskP[:, None, rows] | maskQ[None, :, rows]) == full))
        dg, da, db = np.nonzero(pairs.transpose(2, 0, 1))
        g, a, b = np.concatenate([g, rows[dg]]), np.concatenate([a, da]), np.concatenate([b, db])
        order = np.argsort(g, kind="stable")         # two sorted runs: one merge
        g, a, b = g[order], a[order], b[order]
    return degenerate, vertices, g, a, b


def _gather(u: np.ndarray, basis: np.ndarray, g: np.ndarray) -> list:
    """Per coordinate v, the column ``u[basis, v, g]`` (E,)."""
    return [u[basis, v, g] for v in range(u.shape[1])]


@dataclass
class _Chunk:
    start: int
    degenerate: np.ndarray
    vertices: np.ndarray
    fallback: np.ndarray
    game: np.ndarray          # per equilibrium: index within the chunk
    x: np.ndarray
    y: np.ndarray
    x_num: Any = None
    x_den: Any = None
    y_num: Any = None
    y_den: Any = None


def _by_game(A: np.ndarray) -> np.ndarray:
    """(N, m, n) → (m, n, N), contiguous."""
    return np.ascontiguousarray(np.moveaxis(A, 0, -1))


def _bits(m: int, n: int) -> tuple[list[int], list[int], list[int], list[int]]:
    """Label bits.  P (z = x, rows = columns of B): x_i = 0 is label i, column j tight is m + j.
    Q (z = y, rows = rows of A): y_j = 0 is label m + j, row i tight is label i."""
    return list(range(m)), [m + j for j in range(n)], [m + j for j in range(n)], list(range(m))


def _solve_exact_chunk(A: np.ndarray, B: np.ndarray, start: int) -> _Chunk:
    """One chunk of exact games, (m, n, N) integer matrices ≥ 1."""
    m, n, N = A.shape
    bound = _bound(A, B)
    small = bound < 2.0 ** 31
    if small.all():   # int32 halves the memory traffic of int64
        parts = [(np.arange(N), _kernel_exact(A.astype(np.int32), B.astype(np.int32)))]
    else:  # games whose numbers could overflow int64 run the same code on Python integers
        medium, large = ~small & (bound < _INT_LIMIT), bound >= _INT_LIMIT
        parts = [(games, _kernel_exact(A[..., games].astype(dtype), B[..., games].astype(dtype)))
                 for games, dtype in ((np.flatnonzero(small), np.int32), (np.flatnonzero(medium), np.int64),
                                      (np.flatnonzero(large), object)) if games.size]
    degenerate = np.zeros(N, dtype=bool)
    vertices = np.zeros((N, 2), dtype=np.int64)
    for games, (deg, vert, *_rest) in parts:
        degenerate[games], vertices[games] = deg, vert
    g = np.concatenate([games[r[2]] for games, r in parts])
    # int64 unless some game needed Python integers (a mix of int32 and int64 parts stays int64)
    kind = object if any(r[3].dtype == object for _, r in parts) else np.int64
    xn, xd, yn, yd = (np.concatenate([np.asarray(r[t], dtype=kind) for _, r in parts]) for t in range(3, 7))
    if len(parts) > 1:
        order = np.argsort(g, kind="stable")
        g, xn, xd, yn, yd = g[order], xn[order], xd[order], yn[order], yd[order]
    x, y = _as_float(xn, xd), _as_float(yn, yd)
    order = _order_within_games(g, N, x, y, degenerate)
    # Floats order rationals exactly unless two distinct ones round to one float, which needs a
    # denominator ≥ 2²⁶ (distinct fractions in [0, 1] with smaller ones differ by > 2⁻⁵²): sort those
    # games again with Fractions.
    crowded = np.flatnonzero((xd[order] >= 2 ** 26) | (yd[order] >= 2 ** 26))
    if crowded.size:
        order = _exact_order(order, g[order], np.unique(g[order][crowded]), xn, xd, yn, yd)
    g, x, y, xn, xd, yn, yd = g[order], x[order], y[order], xn[order], xd[order], yn[order], yd[order]
    return _Chunk(start, degenerate, vertices, np.zeros(N, dtype=bool), g, x, y, xn, xd, yn, yd)


def _exact_order(order: np.ndarray, g_sorted: np.ndarray, games: np.ndarray, xn, xd, yn, yd) -> np.ndarray:
    """``order`` with the rows of ``games`` sorted by their exact probabilities (few games)."""
    order = order.copy()
    for game in games.tolist():
        lo, hi = np.searchsorted(g_sorted, game), np.searchsorted(g_sorted, game, side="right")
        rows = order[lo:hi]
        key = {int(r): (_fractions(xn[r], xd[r]), _fractions(yn[r], yd[r])) for r in rows}
        order[lo:hi] = sorted(rows.tolist(), key=key.__getitem__)
    return order


def _kernel_exact(At: np.ndarray, Bt: np.ndarray):
    """Degeneracy, vertex counts, and per equilibrium (game-major): game, x numerators (E, m) and
    denominators (E,), and y's, in lowest terms.  At, Bt: (m, n, N) integers ≥ 1."""
    m, n, N = At.shape
    xz, xr, yz, yr = _bits(m, n)
    validP, maskP, uP = _polytope_exact(np.ascontiguousarray(Bt.transpose(1, 0, 2)), xz, xr)
    validQ, maskQ, uQ = _polytope_exact(At, yz, yr)
    degenerate, vertices, g, a, b = _match(validP, maskP, validQ, maskQ, m, n)
    xn, yn = _gather(uP, a, g), _gather(uQ, b, g)
    _verify_exact(At, Bt, g, xn, yn)
    xn, xd = _lowest_terms(xn)
    yn, yd = _lowest_terms(yn)
    return degenerate, vertices, g, xn, xd, yn, yd


def _bound(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Per game, a bound on every integer computed (A, B: (m, n, N), entries ≥ 1): each is a sum of at
    most max(k+1, m, n)·k! products of k entries (k = min(m, n)), the entries being at most M (the
    verification sums n products of an entry and a numerator of degree k − 1); a factor 4 to spare."""
    m, n, _ = A.shape
    k = min(m, n)
    M = np.maximum(A.max(axis=(0, 1)), B.max(axis=(0, 1))).astype(float)
    return 4 * max(k + 1, m, n) * math.factorial(k) * M ** k


def _verify_exact(At: np.ndarray, Bt: np.ndarray, g: np.ndarray, xn: list, yn: list) -> None:
    """Zero regret, in integers: each player's support earns the maximum payoff against the other."""
    m, n, _ = At.shape
    rows = [sum(At[i, j][g] * yn[j] for j in range(n)) for i in range(m)]      # ∝ (A y)_i
    cols = [sum(Bt[i, j][g] * xn[i] for i in range(m)) for j in range(n)]      # ∝ (xᵀB)_j
    ok = np.ones(len(g), dtype=bool)
    for values, weights in ((rows, xn), (cols, yn)):
        best = values[0]
        for v in values[1:]:
            best = np.maximum(best, v)
        for v, w in zip(values, weights):
            ok &= (w == 0) | (v == best)
    if not ok.all():
        raise VerificationError(f"solve_many found {int((~ok).sum())} non-equilibria: a bug, please report it")


def _lowest_terms(num: list) -> tuple[np.ndarray, np.ndarray]:
    """Columns of numerators → (E, d) numerators and (E,) denominators of the normalised vector."""
    den = sum(num[1:], num[0])
    common = num[0]
    for col in num[1:]:      # a common divisor of the numerators divides their sum
        common = np.gcd(common, col)
    return np.stack([col // common for col in num], axis=1), den // common


def _as_float(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """``num / den[:, None]`` correctly rounded: Python's int division unless both are exact floats."""
    return num / den[:, None] if _float_exact(num, den) else _python_quotients(num, den)


def _python_quotients(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """``num / den[:, None]`` by Python's int division (correctly rounded at any size)."""
    return np.frompyfunc(lambda a, b: a / b, 2, 1)(num.astype(object), den.astype(object)[:, None]).astype(np.float64)


def _float_exact(num: np.ndarray, den: np.ndarray) -> bool:
    """Are the (nonnegative) integers int64 and at most 2⁵³, so that float64 holds them exactly?"""
    return (num.dtype != object and den.dtype != object
            and (den.size == 0 or (int(num.max(initial=0)) <= 2 ** 53 and int(den.max()) <= 2 ** 53)))


def _order_within_games(g: np.ndarray, N: int, x: np.ndarray, y: np.ndarray, degenerate: np.ndarray,
                        exact: bool = True) -> np.ndarray:
    """A permutation of the game-major rows that puts each game's equilibria in hg.solve's order
    (lexicographic in (x, y); float games to 9 digits, so that rounding noise in the last bits does
    not reorder them); games are sorted in groups of equal count, each game on its own.
    In a nondegenerate game no two equilibria share an x, so x alone decides."""
    counts = np.bincount(g, minlength=N)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    order = np.arange(len(g))
    if not exact:
        x, y = np.round(x, 9), np.round(y, 9)
    both = np.concatenate([x, y], axis=1)
    for c, deg in set(zip(counts[counts > 1].tolist(), degenerate[counts > 1].tolist())):
        games = (counts == c) & (degenerate == deg)
        keys = both if deg else x
        rows = starts[games][:, None] + np.arange(c)                 # (games, c)
        block = keys[rows]                                            # (games, c, keys)
        perm = np.lexsort(block.transpose(2, 0, 1)[::-1], axis=-1)
        order[rows] = np.take_along_axis(rows, perm, axis=1)
    return order


def _expected(A: np.ndarray, B: np.ndarray, g: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Float expected payoffs (E, 2) of the original matrices A, B (m, n, N)."""
    out = np.zeros((len(g), 2))
    m, n = x.shape[1], y.shape[1]
    for i in range(m):
        for j in range(n):
            w = x[:, i] * y[:, j]
            out[:, 0] += w * A[i, j][g]
            out[:, 1] += w * B[i, j][g]
    return out


def _unit_scale(M: np.ndarray) -> np.ndarray:
    """Each game's matrix (m, n, N layout) shifted and scaled into [1, 2], as the single-game float solver does."""
    low, high = M.min(axis=(0, 1)), M.max(axis=(0, 1))
    width = np.where(high > low, high - low, 1.0)
    return (M - low) / width + 1.0


def _solve_float_chunk(At: np.ndarray, Bt: np.ndarray, start: int) -> _Chunk:
    """One chunk of float games, (m, n, N)."""
    m, n, N = At.shape
    xz, xr, yz, yr = _bits(m, n)
    validP, maskP, zP, ambP = _polytope_float(np.ascontiguousarray(_unit_scale(Bt).transpose(1, 0, 2)), xz, xr)
    validQ, maskQ, zQ, ambQ = _polytope_float(_unit_scale(At), yz, yr)
    degenerate, vertices, g, a, b = _match(validP, maskP, validQ, maskQ, m, n)
    x, y = np.stack(_gather(zP, a, g), axis=1), np.stack(_gather(zQ, b, g), axis=1)
    x, y = x / x.sum(axis=1, keepdims=True), y / y.sum(axis=1, keepdims=True)
    fallback = ambP | ambQ
    fallback[g[~_verify_float(At, Bt, g, x, y)]] = True
    if fallback.any():
        from ..api import solve
        keep = ~fallback[g]
        parts_g, parts_x, parts_y = [g[keep]], [x[keep]], [y[keep]]
        for i in np.flatnonzero(fallback).tolist():
            sol = solve(NormalFormGame.from_bimatrix(At[..., i], Bt[..., i]), method=METHOD, exact=False)
            degenerate[i] = bool(sol.degenerate)
            vertices[i] = sol.parameters.get("vertices", (0, 0))
            parts_g.append(np.full(len(sol), i))
            parts_x.append(np.array([e.strategies[0] for e in sol], dtype=float).reshape(len(sol), m))
            parts_y.append(np.array([e.strategies[1] for e in sol], dtype=float).reshape(len(sol), n))
        g, x, y = np.concatenate(parts_g), np.concatenate(parts_x), np.concatenate(parts_y)
        order = np.argsort(g, kind="stable")
        g, x, y = g[order], x[order], y[order]
    order = _order_within_games(g, N, x, y, degenerate, exact=False)
    g, x, y = g[order], x[order], y[order]
    return _Chunk(start, degenerate, vertices, fallback, g, x, y)


def _verify_float(At: np.ndarray, Bt: np.ndarray, g: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Regret within the single-game solver's tolerance (``DEFAULT_RTOL`` × payoff range), per equilibrium."""
    m, n, _ = At.shape
    low = np.minimum(At.min(axis=(0, 1)), Bt.min(axis=(0, 1)))
    high = np.maximum(At.max(axis=(0, 1)), Bt.max(axis=(0, 1)))
    tol = (DEFAULT_RTOL * np.maximum(high - low, 1.0))[g]
    rows = [sum(At[i, j][g] * y[:, j] for j in range(n)) for i in range(m)]
    cols = [sum(Bt[i, j][g] * x[:, i] for i in range(m)) for j in range(n)]
    ok = np.ones(len(g), dtype=bool)
    for values, weights in ((rows, x), (cols, y)):
        best = values[0]
        for v in values[1:]:
            best = np.maximum(best, v)
        earned = sum(weights[:, t] * v for t, v in enumerate(values))
        ok &= best - earned <= tol
    return ok


def _assemble(parts: list[_Chunk], N: int, shape: tuple[int, int], exact: bool, games: Any,
              inputs: tuple) -> BatchSolution:
    def cat(name):
        return np.concatenate([getattr(p, name) for p in parts])
    game_index = np.concatenate([p.game + p.start for p in parts]).astype(np.int64)
    counts = np.bincount(game_index, minlength=N).astype(np.int64)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    exact_arrays = {}
    if exact:
        names = ("x_num", "x_den", "y_num", "y_den")
        if all(getattr(p, name).dtype != object for p in parts for name in names):
            exact_arrays = {name: np.concatenate([getattr(p, name) for p in parts], dtype=np.int64) for name in names}
        else:
            exact_arrays = {name: np.concatenate([getattr(p, name).astype(object) for p in parts]) for name in names}
            numbers = [v for a in exact_arrays.values() for v in a.flat]
            if all(_INT64_MIN <= v <= _INT64_MAX for v in numbers):   # Python ints were needed on the way only
                exact_arrays = {name: a.astype(np.int64) for name, a in exact_arrays.items()}
    return BatchSolution(shape=shape, exact=exact, counts=counts, offsets=offsets, degenerate=cat("degenerate"),
                         fallback=cat("fallback"), vertices=cat("vertices").astype(np.int64),
                         game_index=game_index, x=cat("x"), y=cat("y"), _inputs=inputs,
                         _games=games, **exact_arrays)
