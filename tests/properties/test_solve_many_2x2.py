"""Property: ``hg.solve_many``'s 2×2 closed form gives exactly what the basis enumeration gives.

The closed form (``batch._solve_2x2``) solves nondegenerate 2×2 games by best-response sign tests
and the indifference formula, and hands every game with a tie (degenerate, float near-tie, huge
payoffs) to the basis enumeration.  The reference is the same call with the closed form switched off
(``batch._CLOSED_FORM_2X2 = False``): every output array must be equal, element for element and of
the same dtype (floats bit for bit).  Small stacks are also compared with ``hg.solve`` game by game,
an independent algorithm (pivoting, one game at a time).
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hegemony_games as hg
from hegemony_games.solvers import batch as batch_module
from tests.properties.test_solve_many_invariants import assert_same_exact, assert_same_float

FIELDS = ("counts", "offsets", "degenerate", "fallback", "vertices", "game_index", "x", "y",
          "x_num", "x_den", "y_num", "y_den")


def basis_enumeration(**kwargs):
    """solve_many without the closed form."""
    saved, batch_module._CLOSED_FORM_2X2 = batch_module._CLOSED_FORM_2X2, False
    try:
        return hg.solve_many(**kwargs)
    finally:
        batch_module._CLOSED_FORM_2X2 = saved


def assert_identical(ours, reference):
    assert ours.exact == reference.exact and ours.shape == reference.shape
    for name in FIELDS:
        mine, theirs = getattr(ours, name), getattr(reference, name)
        if theirs is None:
            assert mine is None, name
            continue
        assert mine.dtype == theirs.dtype and mine.shape == theirs.shape, (name, mine.dtype, theirs.dtype)
        if mine.dtype.kind == "f":   # bit for bit (and -0.0 is not 0.0)
            assert np.array_equal(mine.view(np.int64), theirs.view(np.int64)), name
        else:
            assert np.array_equal(mine, theirs), name


def both(A, B, **kwargs):
    ours = hg.solve_many(A=A, B=B, **kwargs)
    assert_identical(ours, basis_enumeration(A=A, B=B, **kwargs))
    return ours


@st.composite
def stacks_2x2(draw, entries, max_games: int = 40, dtype=None):
    N = draw(st.integers(1, max_games), label="games")
    cells = st.lists(entries, min_size=4 * N, max_size=4 * N)
    return (np.array(draw(cells, label="A"), dtype=dtype).reshape(N, 2, 2),
            np.array(draw(cells, label="B"), dtype=dtype).reshape(N, 2, 2))


def games_of(A, B):
    return [hg.NormalFormGame.from_bimatrix(a, b) for a, b in zip(A, B)]


@given(stacks_2x2(st.integers(0, 2)), st.integers(1, 50))
def test_ties_and_degenerate_games_identical(data, chunk):
    A, B = data
    both(A, B, chunk_size=chunk)
    both(A, B, exact=False, chunk_size=chunk)


@given(stacks_2x2(st.integers(-50, 50)))
def test_integer_games_identical(data):
    A, B = data
    both(A, B)
    both(A, B, exact=False)


@given(stacks_2x2(st.integers(0, 2), max_games=5))
def test_degenerate_games_as_hg_solve(data):
    A, B = data
    assert_same_exact(both(A, B), games_of(A, B))


@given(stacks_2x2(st.integers(-9, 9), max_games=5))
def test_integer_games_as_hg_solve(data):
    A, B = data
    assert_same_exact(both(A, B), games_of(A, B))


@given(stacks_2x2(st.integers(-2 ** 40, 2 ** 40), max_games=4))
def test_large_integers_near_the_int64_limit_identical(data):
    """Entries beyond the closed form's int64 range (2²⁸) go to the basis enumeration."""
    A, B = data
    assert_same_exact(both(A, B), games_of(A, B))


def test_exact_arrays_are_int64_whenever_the_numbers_fit():
    """Found by the thorough profile: the dtype followed the path, not the numbers.  One game past
    int32's bound beside games within it made the basis enumeration return object arrays; a game
    just below the closed form's 2²⁸ went to Python integers there only.  The closed form gave int64."""
    A = np.zeros((4, 2, 2), dtype=np.int64)
    B = np.zeros((4, 2, 2), dtype=np.int64)
    A[0], B[0] = [[0, 0], [1, -9458]], [[0, 1], [0, 1]]
    assert both(A, B).x_num.dtype == np.int64
    A[0] = [[0, 0], [169917809, -268435455]]
    assert both(A, B).x_num.dtype == np.int64
    A, B = A.astype(object), B.astype(object)
    # huge payoffs, small probabilities: int64 still
    A[1], B[1] = [[2 ** 70, 0], [0, 2 ** 70]], [[2 ** 70, 0], [0, 2 ** 70]]
    solution = both(A, B)
    assert solution.x_num.dtype == np.int64 and solution.x_den.dtype == np.int64
    # a probability whose denominator does not fit: Python integers, in all four arrays
    A[1], B[1] = [[2 ** 70, 0], [0, 3]], [[2 ** 70, 0], [0, 3]]
    solution = both(A, B)
    assert max(solution.x_den) > 2 ** 63
    assert all(getattr(solution, name).dtype == object for name in ("x_num", "x_den", "y_num", "y_den"))


@given(stacks_2x2(st.fractions(min_value=-3, max_value=3, max_denominator=7), max_games=4, dtype=object))
def test_fractions_as_hg_solve(data):
    A, B = data
    assert_same_exact(both(A, B), games_of(A, B))


@given(stacks_2x2(st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)), st.floats(1e-6, 1e6))
def test_float_games_identical(data, scale):
    A, B = data
    both(A, B)
    both(A * scale, B * scale)     # the tolerance is scale-free: same decisions at any scale


@given(stacks_2x2(st.floats(-10, 10, allow_nan=False, allow_infinity=False), max_games=4))
def test_float_games_as_hg_solve(data):
    A, B = data
    assert_same_float(both(A, B), games_of(A, B))


@given(stacks_2x2(st.sampled_from([0.0, 1.0, 0.1, 0.3, 1e-9, 1 + 1e-9, 1e-7]), max_games=6))
def test_float_ties_and_near_ties_as_hg_solve(data):
    A, B = data
    assert_same_float(both(A, B), games_of(A, B))


def test_large_random_stacks_identical():
    rng = np.random.default_rng(11)
    for A, B in (rng.integers(0, 4, (2, 3000, 2, 2)), rng.integers(-10 ** 6, 10 ** 6, (2, 3000, 2, 2)),
                 rng.integers(0, 100, (2, 3000, 2, 2)).astype(np.uint8)):
        ours = both(A, B, chunk_size=700)
        assert 0 < ours.degenerate.sum() < len(ours) or A.max() > 100
        both(A, B, exact=False)
    A, B = rng.random((2, 3000, 2, 2))
    A[::300, 0, 0] = A[::300, 1, 0] + 1e-12               # near-ties: the basis enumeration's fallback
    assert both(A, B).fallback.any()
    both(A * 1e-200, B * 1e200)


def test_closed_form_by_hand():
    """Battle of the sexes with payoffs times 3 and shifted: the interior equilibrium p = (b22 − b21) /
    (b11 − b12 − b21 + b22) = (6 − 0) / (3 − 0 − 0 + 6) = 2/3; q = (a22 − a12) / (a11 − a21 − a12 + a22) = 1/3.
    Pure equilibria: (row 2, column 2) first (x = (0, 1)), then the mixed one, then (row 1, column 1)."""
    A = np.array([[[6, 0], [0, 3]], [[3, 0], [5, 1]]]) - 1
    B = np.array([[[3, 0], [0, 6]], [[3, 5], [0, 1]]])
    batch = both(A, B)
    F = Fraction
    assert [e.strategies for e in batch[0]] == [((0, 1), (0, 1)), ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))),
                                                ((1, 0), (1, 0))]
    assert batch.x_num[:3].tolist() == [[0, 1], [2, 1], [1, 0]] and batch.x_den[:3].tolist() == [1, 3, 1]
    assert batch.y_num[:3].tolist() == [[0, 1], [1, 2], [1, 0]] and batch.y_den[:3].tolist() == [1, 3, 1]
    # Vertices: both polytopes have a third vertex in the battle of the sexes, neither in the
    # prisoner's dilemma (each player has a dominant strategy).
    assert batch.vertices.tolist() == [[3, 3], [2, 2]]
    assert batch.counts.tolist() == [3, 1] and [e.strategies for e in batch[1]] == [((0, 1), (0, 1))]


@pytest.mark.parametrize("dtype", [np.int8, np.int32, np.int64, np.uint16, np.uint64, object])
def test_every_integer_dtype_identical(dtype):
    A = np.array([[[2, 0], [0, 1]], [[1, 1], [1, 1]], [[3, 0], [5, 1]]], dtype=dtype)
    B = np.array([[[1, 0], [0, 2]], [[1, 0], [0, 1]], [[3, 5], [0, 1]]], dtype=dtype)
    assert both(A, B).counts.tolist() == [3, 4, 1]


def test_huge_uint64_payoffs_go_to_the_basis_enumeration():
    A = np.array([[[2 ** 63 + 5, 0], [0, 1]]], dtype=np.uint64)
    B = np.array([[[1, 0], [0, 2]]], dtype=np.uint64)
    assert_same_exact(both(A, B), games_of(A.astype(object), B.astype(object)))


def test_fractions_with_one_game_beyond_the_closed_form_range():
    """A stack of Fraction games, one with a payoff of 2^29 (scaled integers too large for the closed form)."""
    F = Fraction
    A = np.array([[[F(1, 3), 0], [0, F(2 ** 29)]], [[2, 0], [0, 1]], [[F(1, 2), F(3, 7)], [1, 0]]], dtype=object)
    B = np.array([[[1, 0], [0, 2]], [[1, 0], [0, 2]], [[F(5, 3), 0], [1, 2]]], dtype=object)
    batch = both(A, B)
    assert_same_exact(batch, games_of(A, B))
    assert batch.counts.tolist() == [3, 3, 1]
    both(A.astype(float), B.astype(float), exact=True)   # floats' decimals: 1/3 becomes 0.3333333333333333
