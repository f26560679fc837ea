"""Lemke–Howson: the float kernels (numba and numpy) against each other and against integer pivoting.

The "existing exact path" is the integer-pivoting kernel ``_lh_exact``, which follows the
path with no rounding at all; the fast path follows it in floats and certifies its end in
rational arithmetic.  Expected values come from hand calculation or from that independent
exact path, never from the code under test.
"""
from __future__ import annotations

from contextlib import contextmanager
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import hegemony_games as hg
from hegemony_games.errors import GameError
from hegemony_games.solvers import _lh_kernel, lemke_howson as lh
from tests import strategies as hs


@pytest.fixture(params=[True, False], ids=["numba", "numpy"])
def kernel(request, monkeypatch):
    """Run the test once with the numba kernel and once with the numpy one."""
    if request.param:
        assert _lh_kernel.HAVE_NUMBA, "numba is a test dependency (the [test] extra)"
    monkeypatch.setattr(_lh_kernel, "USE_NUMBA", request.param)
    return "numba" if request.param else "numpy"


@contextmanager
def numba_switched(use_numba: bool):
    """The module flag set for the body (hypothesis tests cannot use function-scoped fixtures)."""
    assert _lh_kernel.HAVE_NUMBA or not use_numba, "numba is a test dependency (the [test] extra)"
    saved, _lh_kernel.USE_NUMBA = _lh_kernel.USE_NUMBA, use_numba
    try:
        yield
    finally:
        _lh_kernel.USE_NUMBA = saved


BOTH_KERNELS = pytest.mark.parametrize("use_numba", [True, False], ids=["numba", "numpy"])


def _integer_pivoting(game: hg.NormalFormGame, label: int) -> tuple[list, list]:
    """The end of the path from ``label`` by integer pivoting only (no floats anywhere)."""
    A, B = (lh._positive_integer(np.asarray(M, dtype=object)) for M in game.as_exact().payoffs)
    x, y, _, converged = lh._lh_exact(A, B, label, 10_000)
    assert converged
    return x, y


@st.composite
def _generic_games(draw, max_size: int = 6) -> hg.NormalFormGame:
    """Integer games with payoffs drawn by numpy from 0..10⁶: nondegenerate with probability ~1.

    The payoffs come from a seed hypothesis draws, not from hypothesis itself, which would
    shrink towards structured (degenerate) games such as all-zero matrices.
    """
    m = draw(st.integers(1, max_size), label="rows")
    n = draw(st.integers(1, max_size), label="columns")
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1), label="seed"))
    A, B = rng.integers(0, 10**6, (2, m, n))
    return hg.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())


# --------------------------------------------------------------- hand-calculated examples
def test_rock_paper_scissors_from_every_label(kernel):
    # The unique equilibrium is uniform; every path must end there.
    A = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    game = hg.NormalFormGame.zero_sum(A)
    third = (Fraction(1, 3),) * 3
    for label in range(6):
        exact = lh.lemke_howson_solve(game, label)
        assert exact[0].strategies == (third, third) and exact.parameters["kernel"] == kernel
        floats = lh.lemke_howson_solve(game, label, exact=False)[0]
        assert np.allclose(floats.strategies, [[1 / 3] * 3] * 2, atol=1e-12)


def test_battle_of_the_sexes_pivots_by_hand(kernel):
    # Drop label 0: x = e0 enters P; column's best response to row 0 is column 0 (label 2 picked up
    # in P); drop 2 in Q: y = e0, whose best response row 0 is label 0: two pivots, pure (0, 0).
    game = hg.NormalFormGame.from_bimatrix([[3.0, 0.0], [0.0, 2.0]], [[2.0, 0.0], [0.0, 3.0]])
    solution = lh.lemke_howson_solve(game, 0)
    assert solution[0].strategies == ((1.0, 0.0), (1.0, 0.0))
    assert solution.parameters["num_iter"] == 2 and solution.exact is False


def test_von_stengel_degenerate_example_every_label(kernel):
    # AGT (2007) Fig. 3.4 game; its equilibria (von Stengel's text): ((1,0,0),(1,0)) pure, the
    # component ((1,0,0), (p, 1-p)) for p in [2/3, 1], and ((0, 1/3, 2/3), (1/3, 2/3)).
    A = [[3, 3], [2, 5], [0, 6]]
    B = [[3, 3], [2, 6], [3, 1]]
    game = hg.NormalFormGame.from_bimatrix(A, B)
    for label in range(5):
        x, y = lh.lemke_howson_solve(game, label)[0].strategies
        pure_row = x == (1, 0, 0) and y[0] >= Fraction(2, 3)
        mixed = (x, y) == ((0, Fraction(1, 3), Fraction(2, 3)), (Fraction(1, 3), Fraction(2, 3)))
        assert pure_row or mixed, (label, x, y)
        assert (x, y) == tuple(tuple(v) for v in _integer_pivoting(game, label))


def test_float_and_integer_tableaux_represent_the_same_positive_game():
    # Degenerate games' lexicographic paths depend on the positive representation (a shift
    # changes them, a scale does not): the float matrix must be a multiple of the integer one.
    rng = np.random.default_rng(3)
    M = rng.integers(-7, 9, (4, 6))
    ints = lh._positive_integer(np.asarray([[Fraction(int(v), 3) for v in row] for row in M], dtype=object))
    floats = lh._positive_float(M / 3)
    assert np.allclose(np.asarray(ints, dtype=float) / ints.max() * 2, floats, rtol=1e-15)


# --------------------------------------------------------------- the two kernels agree
@given(hs.float_bimatrix_games(max_size=7), st.data())
def test_numba_and_numpy_kernels_pivot_identically(game, data):
    m, n = game.shape
    label = data.draw(st.integers(0, m + n - 1), label="label")
    A, B = (lh._positive_float(M) for M in game.payoffs)
    numba, numpy = (_lh_kernel.follow_path(A, B, label, 1000, use_numba=flag) for flag in (True, False))
    assert (numba.num_iter, numba.status) == (numpy.num_iter, numpy.status)
    assert all(np.array_equal(a, b) for a, b in zip(numba.bases + numba.wheres, numpy.bases + numpy.wheres))
    # No fused multiply-add, same operation order: the tableaux agree entry by entry.
    assert all(np.array_equal(a, b) for a, b in zip(numba.tableaux, numpy.tableaux))


def test_kernels_agree_on_a_large_random_game():
    rng = np.random.default_rng(140)
    A, B = rng.random((40, 40)) + 1, rng.random((40, 40)) + 1
    numba, numpy = (_lh_kernel.follow_path(A, B, 7, 10_000, use_numba=flag) for flag in (True, False))
    assert numba.status == numpy.status == _lh_kernel.CONVERGED and numba.num_iter == numpy.num_iter
    assert all(np.array_equal(a, b) for a, b in zip(numba.bases + numba.tableaux, numpy.bases + numpy.tableaux))


# --------------------------------------------------------------- fast path against exact path
@BOTH_KERNELS
@given(_generic_games(), st.data())
def test_fast_exact_mode_equals_integer_pivoting_on_generic_games(use_numba, game, data):
    with numba_switched(use_numba):
        m, n = game.shape
        label = data.draw(st.integers(0, m + n - 1), label="label")
        solution = lh.lemke_howson_solve(game, label, exact=True)
        x, y = _integer_pivoting(game, label)
        assert solution[0].strategies == (tuple(x), tuple(y))
        assert solution[0].max_regret() == 0           # the game's own generic check, independently


@BOTH_KERNELS
@given(_generic_games(), st.data())
def test_float_mode_is_close_to_integer_pivoting_on_generic_games(use_numba, game, data):
    with numba_switched(use_numba):
        m, n = game.shape
        label = data.draw(st.integers(0, m + n - 1), label="label")
        solution = lh.lemke_howson_solve(game.as_float(), label)
        x, y = _integer_pivoting(game, label)
        assert np.allclose(solution[0].strategies[0], [float(p) for p in x], atol=1e-9)
        assert np.allclose(solution[0].strategies[1], [float(p) for p in y], atol=1e-9)
        assert solution[0].max_regret() <= game.as_float().tolerance()


@BOTH_KERNELS
@given(hs.degenerate_bimatrix_games(), st.data())
def test_degenerate_games_both_paths_give_verified_equilibria(use_numba, game, data):
    with numba_switched(use_numba):
        m, n = game.shape
        label = data.draw(st.integers(0, m + n - 1), label="label")
        fast = lh.lemke_howson_solve(game, label, exact=True, max_iter=500)
        x, y = _integer_pivoting(game, label)
        assert len(fast) == 1 and fast[0].max_regret() == 0
        assert fast.parameters["kernel"] != "integer"        # the float path certified, no fallback
        assert game.max_regret((x, y)) == 0
        floats = lh.lemke_howson_solve(game.as_float(), label, max_iter=500)
        assert len(floats) == 1 and floats[0].max_regret() <= game.as_float().tolerance()


@given(hs.degenerate_bimatrix_games())
def test_degenerate_games_do_not_cycle_in_floats(game):
    # The lexicographic rule: the float path ends (no repeated basis, no unbroken tie) from every label.
    m, n = game.shape
    A, B = (lh._positive_float(np.asarray(M, dtype=float)) for M in game.payoffs)
    for label in range(m + n):
        for use_numba in (True, False):
            path = _lh_kernel.follow_path(A, B, label, 500, use_numba=use_numba)
            assert path.status == _lh_kernel.CONVERGED, (label, use_numba)


def test_badly_scaled_degenerate_game_found_by_hypothesis(kernel):
    # Rounding in the float tableau (payoffs 1 and 82490 after cancellation) breaks an exact
    # ratio tie differently from integer pivoting, so the two paths end at different
    # equilibria: x = (0, 0, 1), y = (1, 0, 0, 0, 0) against x = (1, 0, 0), y = (0, 0, 0, 0, 1).
    # Both are equilibria (A is zero but for one entry; check B by hand), and the float
    # path's end is certified exactly, without the integer fallback.
    A = [[0, 0, 0, 0, 1], [0] * 5, [0] * 5]
    B = [[0] * 5, [1, 0, 0, 1, 0], [82490, 0, 0, 0, 82490]]
    game = hg.NormalFormGame.from_bimatrix(A, B)
    fast = lh.lemke_howson_solve(game, 1)
    assert fast[0].max_regret() == 0 and fast.parameters["kernel"] == kernel
    assert game.max_regret(_integer_pivoting(game, 1)) == 0


def test_large_float_game_exact_result_is_the_float_one_made_exact(kernel):
    rng = np.random.default_rng(130)
    game = hg.NormalFormGame([rng.random((30, 30)), rng.random((30, 30))])
    floats = lh.lemke_howson_solve(game, 3)
    exact = lh.lemke_howson_solve(game, 3, exact=True)
    assert exact.exact and exact[0].max_regret() == 0
    assert np.allclose(floats[0].strategies[0], [float(p) for p in exact[0].strategies[0]], atol=1e-9)
    assert floats.parameters["num_iter"] == exact.parameters["num_iter"]


# --------------------------------------------------------------- fallbacks, limits, errors
def test_failed_certificate_falls_back_to_integer_pivoting(monkeypatch):
    game = hg.NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    monkeypatch.setattr(lh, "_support_point", lambda *args: None)
    for exact in (True, False):
        solution = lh.lemke_howson_solve(game, 1, exact=exact)
        assert solution.parameters["kernel"] == "integer" and "integer pivoting" in solution.message
        x, y = _integer_pivoting(game, 1)
        assert np.allclose(np.asarray(solution[0].strategies[0], dtype=float), [float(p) for p in x])
        assert np.allclose(np.asarray(solution[0].strategies[1], dtype=float), [float(p) for p in y])


def test_a_wrong_float_point_is_rejected_by_verification():
    # Matching pennies: (1, 0), (1, 0) is not an equilibrium (the column player gains 2).
    game = hg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert lh._verified(game, ([1, 0], [1, 0]), True) is None
    assert lh._verified(game.as_float(), ([1.0, 0.0], [1.0, 0.0]), False) is None
    half = [Fraction(1, 2)] * 2
    assert lh._verified(game, (half, half), True).payoffs == (0, 0)
    assert lh._verified(game.as_float(), ([0.5, 0.5], [0.5 + 1e-6, 0.5 - 1e-6]), False) is None


def test_max_iter_stops_with_an_empty_incomplete_solution(kernel):
    game = hg.NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    solution = lh.lemke_howson_solve(game, 0, max_iter=1)
    assert len(solution) == 0 and solution.complete is False and "max_iter=1" in solution.message


def test_errors():
    game = hg.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    for bad in (-1, 4, 1.5, True):
        with pytest.raises(GameError, match="initial_label"):
            lh.lemke_howson_solve(game, bad)
    with pytest.raises(GameError, match="max_iter"):
        lh.lemke_howson_solve(game, 0, max_iter=0)
    with pytest.raises(GameError, match="two-player"):
        lh.lemke_howson_solve(hg.NormalFormGame([np.ones((2, 2, 2))] * 3), 0)


def test_environment_variable_switches_numba_off():
    import subprocess
    import sys
    code = "from hegemony_games.solvers import _lh_kernel as k; print(k.USE_NUMBA)"
    env = {**__import__("os").environ, "HEGEMONY_GAMES_NO_NUMBA": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         cwd=str(__import__("pathlib").Path(__file__).resolve().parents[2]))
    assert out.stdout.strip() == "False", out.stderr
