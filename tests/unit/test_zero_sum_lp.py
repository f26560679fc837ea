"""Tests of the zero-sum LP solver: classic games, random games (value = xᵀAy, exact vs float), errors."""
from fractions import Fraction as F

import numpy as np
import pytest
import sympy

import hegemony_games as hg
from hegemony_games.errors import GameError
from hegemony_games.solvers.zero_sum_lp import game_value, lp_solve, maximin_strategy


def test_matching_pennies_exact_and_float():
    game = hg.NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    exact = lp_solve(game)
    assert exact.exact and exact.method == "lp" and len(exact) == 1
    assert exact.parameters["value"] == 0 and isinstance(exact.parameters["value"], F)
    assert exact[0].strategies == ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))
    assert exact[0].max_regret() == 0
    approx = lp_solve(game, exact=False)
    assert not approx.exact and abs(approx.parameters["value"]) < 1e-9
    assert np.allclose(approx[0].strategies, [[0.5, 0.5], [0.5, 0.5]])


def test_rock_paper_scissors():
    rps = hg.NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    solution = lp_solve(rps)
    third = (F(1, 3),) * 3
    assert solution[0].strategies == (third, third)
    assert solution.parameters["value"] == 0 == game_value(rps)


def test_known_2x3_game():
    # Row mixes (p, 1-p): the lower envelope of 4-2p, 1+2p, 6-5p peaks where 1+2p = 6-5p, p = 5/7.
    game = hg.NormalFormGame.zero_sum([[2, 3, 1], [4, 1, 6]])
    solution = lp_solve(game)
    assert solution.parameters["value"] == F(17, 7)
    assert solution[0].strategies == ((F(5, 7), F(2, 7)), (0, F(5, 7), F(2, 7)))
    assert solution[0].payoffs == (F(17, 7), F(-17, 7))
    assert game_value(game) == F(17, 7)
    assert abs(game_value(game, exact=False) - 17 / 7) < 1e-9


def test_saddle_point_and_single_row():
    assert game_value(hg.NormalFormGame.zero_sum([[2, 3], [1, 4]])) == 2
    solution = lp_solve(hg.NormalFormGame.zero_sum([[5, -2, 7]]))
    assert solution.parameters["value"] == -2
    assert solution[0].strategies == ((1,), (0, 1, 0))


def test_constant_sum_game_value_is_row_payoff():
    A = [[3, 0], [1, 2]]
    game = hg.NormalFormGame([A, [[5 - a for a in row] for row in A]])
    solution = lp_solve(game)
    assert solution.parameters["value"] == F(3, 2)
    assert solution[0].payoffs == (F(3, 2), F(7, 2))


@pytest.mark.parametrize("seed", range(25))
def test_random_zero_sum_games(seed):
    rng = np.random.default_rng(seed)
    m, n = (int(k) for k in rng.integers(1, 7, size=2))
    A = rng.integers(-5, 6, size=(m, n))
    game = hg.NormalFormGame.zero_sum(A.tolist())
    exact = lp_solve(game)
    eq = exact[0]
    x, y = eq.strategies
    value = exact.parameters["value"]
    assert value == sum(x[i] * int(A[i, j]) * y[j] for i in range(m) for j in range(n))
    assert eq.max_regret() == 0 and value == game_value(game)
    # the guarantees: x secures at least v against every column, y concedes at most v to every row
    assert min(sum(x[i] * int(A[i, j]) for i in range(m)) for j in range(n)) == value
    assert max(sum(int(A[i, j]) * y[j] for j in range(n)) for i in range(m)) == value
    approx = lp_solve(game, exact=False)
    assert abs(approx.parameters["value"] - float(value)) < 1e-7
    assert approx[0].max_regret() <= game.as_float().tolerance()


@pytest.mark.parametrize("seed", range(10))
def test_random_float_games_exact_and_float_agree(seed):
    rng = np.random.default_rng(100 + seed)
    A = np.round(rng.normal(size=(4, 5)), 3)
    game = hg.NormalFormGame.zero_sum(A)
    assert game.kind == "float"
    approx = lp_solve(game)
    exact = lp_solve(game, exact=True)
    assert exact.exact and not approx.exact
    assert abs(approx.parameters["value"] - float(exact.parameters["value"])) < 1e-7
    assert approx[0].max_regret() <= game.tolerance()


def test_non_zero_sum_raises():
    pd = hg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    with pytest.raises(GameError, match="zero-sum"):
        lp_solve(pd)
    with pytest.raises(GameError, match="zero-sum"):
        game_value(pd)
    three = hg.NormalFormGame([np.zeros((2, 2, 2), dtype=int)] * 3)
    with pytest.raises(GameError, match="two-player"):
        lp_solve(three)
    a = sympy.Symbol("a")
    with pytest.raises(GameError, match="parameters"):
        lp_solve(hg.NormalFormGame.zero_sum([[a, 0], [0, 1]]))


def test_maximin_strategy_on_a_matrix():
    assert maximin_strategy([[1, 0], [0, 2]], exact=True) == ((F(2, 3), F(1, 3)), F(2, 3))
    x, v = maximin_strategy(np.array([[1.0, 0.0], [0.0, 2.0]]), exact=False)
    assert np.allclose(x, [2 / 3, 1 / 3]) and abs(v - 2 / 3) < 1e-9
    with pytest.raises(GameError):
        maximin_strategy([1, 2], exact=True)
