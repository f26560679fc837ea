"""Property: per game, ``hg.solve_many`` gives what ``hg.solve`` gives.

Exact games: the same extreme equilibria in the same order (exact ``Fraction``s), the same
degeneracy flag, components and vertex counts, on stacks of random integer games of one shape
including degenerate ones (payoffs in {0, 1, 2}, and the degenerate games of ``tests/strategies``).
Float games: the same equilibria within tolerance, the same degeneracy flag.  ``hg.solve`` is the
reference: its vertex enumeration walks the polytopes pivot by pivot, a different algorithm from
the batch's exhaustive basis enumeration.
"""
from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import hegemony_games as hg
from tests import strategies as hs


@st.composite
def stacks(draw, entries=st.integers(0, 2), max_size: int = 3, max_games: int = 6, dtype=None):
    """A stack of same-shaped games: arrays A, B of shape (N, m, n)."""
    m = draw(st.integers(1, max_size), label="rows")
    n = draw(st.integers(1, max_size), label="columns")
    N = draw(st.integers(1, max_games), label="games")
    cells = st.lists(entries, min_size=N * m * n, max_size=N * m * n)
    A = np.array(draw(cells, label="A"), dtype=dtype).reshape(N, m, n)
    B = np.array(draw(cells, label="B"), dtype=dtype).reshape(N, m, n)
    return A, B


def profiles(solution):
    return [e.strategies for e in solution]


def assert_same_exact(batch, games):
    assert batch.exact and len(batch) == len(games)
    for i, game in enumerate(games):
        single, mine = hg.solve(game), batch[i]
        assert profiles(mine) == profiles(single), i
        assert mine.degenerate == single.degenerate == bool(batch.degenerate[i])
        assert mine.components == single.components
        assert mine.parameters == single.parameters
        assert batch.counts[i] == len(single)
        rows = slice(batch.offsets[i], batch.offsets[i + 1])
        assert [tuple(float(p) for p in e.strategies[0]) for e in single] == [tuple(v) for v in batch.x[rows]]


def assert_same_float(batch, games):
    assert not batch.exact and len(batch) == len(games)
    for i, game in enumerate(games):
        single = hg.solve(game, exact=False)
        tol = 1e-9 * max(game.payoff_range(), 1.0)
        rows = slice(batch.offsets[i], batch.offsets[i + 1])
        ours = [np.concatenate([x, y]) for x, y in zip(batch.x[rows], batch.y[rows])]
        theirs = [np.concatenate(e.strategies) for e in single]
        assert len(ours) == len(theirs), i
        for v in theirs:   # a bijection, since both lists hold distinct profiles of one size
            assert any(np.allclose(v, w, atol=1e-7) for w in ours), (i, v, ours)
        assert bool(batch.degenerate[i]) == single.degenerate, i
        for eq in batch[i]:
            assert eq.max_regret() <= tol


@given(stacks())
def test_small_integer_games_exactly_as_solve(data):
    A, B = data
    assert_same_exact(hg.solve_many(A=A, B=B), [hg.NormalFormGame.from_bimatrix(a, b) for a, b in zip(A, B)])


@given(stacks(entries=st.integers(-10**6, 10**6), max_size=4, max_games=3))
def test_wide_integer_games_exactly_as_solve(data):
    A, B = data
    assert_same_exact(hg.solve_many(A=A, B=B), [hg.NormalFormGame.from_bimatrix(a, b) for a, b in zip(A, B)])


def test_float_probabilities_of_huge_games_are_correctly_rounded():
    """Found by hypothesis: numerators and denominators above 2⁵³, held as int64, were divided as
    floats (each rounded first), 1 ulp off float(Fraction) of hg.solve's probability."""
    A = np.zeros((1, 2, 2), dtype=object)
    B = np.array([[[-34359738064, -9007233614479040], [0, 17]]], dtype=object)
    batch = hg.solve_many(A=A, B=B)
    assert max(batch.x_den) > 2 ** 53
    assert_same_exact(batch, [hg.NormalFormGame.from_bimatrix(A[0], B[0])])


@given(stacks(entries=st.integers(-10**25, 10**25), max_size=3, max_games=2, dtype=object))
def test_huge_integer_games_exactly_as_solve(data):
    A, B = data
    assert_same_exact(hg.solve_many(A=A, B=B), [hg.NormalFormGame.from_bimatrix(a, b) for a, b in zip(A, B)])


@given(hs.degenerate_bimatrix_games(max_size=4), st.integers(0, 2))
def test_structurally_degenerate_games_exactly_as_solve(game, copies):
    """A degenerate game, stacked with its transpose-swapped copy (B ᵀ, A ᵀ is another game of the
    same shape only when square, so the stack repeats the game instead)."""
    games = [game] * (copies + 1)
    batch = hg.solve_many(games)
    assert all(batch.degenerate)
    assert_same_exact(batch, games)


@given(stacks(entries=st.floats(-10, 10, allow_nan=False, allow_infinity=False), max_size=3, max_games=4))
def test_float_games_as_solve_within_tolerance(data):
    A, B = data
    assert_same_float(hg.solve_many(A=A, B=B), [hg.NormalFormGame.from_bimatrix(a, b) for a, b in zip(A, B)])


@given(stacks(entries=st.sampled_from([0.0, 0.5, 1.0, 0.1, 0.3]), max_size=3, max_games=4))
def test_float_games_with_ties_as_solve_within_tolerance(data):
    A, B = data
    assert_same_float(hg.solve_many(A=A, B=B), [hg.NormalFormGame.from_bimatrix(a, b) for a, b in zip(A, B)])


def test_float_batches_order_equilibria_as_exact_ones_despite_rounding():
    """Found by hypothesis: y = (1/3, 2/9, 4/9) and (1/3, 2/3, 0) for the same x; 1/3 came out as
    0.3333333333333333 in one and 0.33333333333333337 in the other, which decided the float order."""
    A, B = np.array([[[0, 0, 2], [0, 2, 1], [2, 1, 0]]]), np.zeros((1, 3, 3), dtype=np.int64)
    exact, floats = hg.solve_many(A=A, B=B), hg.solve_many(A=A, B=B, exact=False)
    np.testing.assert_allclose(exact.y, floats.y, atol=1e-12)
    assert_same_float(floats, [hg.NormalFormGame.from_bimatrix(A[0], B[0])])


@given(stacks(max_size=3, max_games=4))
def test_float_and_exact_batches_agree(data):
    """The same integer games solved in float and in exact arithmetic (DESIGN.md invariant)."""
    A, B = data
    exact, floats = hg.solve_many(A=A, B=B), hg.solve_many(A=A, B=B, exact=False)
    np.testing.assert_array_equal(exact.counts, floats.counts)
    np.testing.assert_array_equal(exact.degenerate, floats.degenerate)
    np.testing.assert_allclose(exact.x, floats.x, atol=1e-12)
    np.testing.assert_allclose(exact.y, floats.y, atol=1e-12)
