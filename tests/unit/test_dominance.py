"""Tests of dominance: pure and mixed, strict and weak, N players, iterated elimination."""
from fractions import Fraction as F

import numpy as np
import pytest
import sympy

import hegemony_games as hg
from hegemony_games.errors import GameError
from hegemony_games.games.dominance import (dominated_strategies, dominating_strategy,
                                            iterated_elimination)
from hegemony_games.solvers.pure import pure_equilibrium_profiles


def row_game(rows, **kwargs):
    """A two-player game in which only the row player's payoffs matter."""
    rows = [list(r) for r in rows]
    return hg.NormalFormGame.from_bimatrix(rows, [[0] * len(rows[0])] * len(rows), **kwargs)


def assert_certificate(game, player, strategy, sigma, strict=True):
    """σ really dominates ``strategy`` against every pure profile of the others (exactly)."""
    u = np.moveaxis(game.payoffs[player], player, 0).reshape(game.shape[player], -1)
    assert sigma[strategy] == 0 and sum(sigma) == 1 and all(p >= 0 for p in sigma)
    gain = [sum(p * u[r, t] for r, p in enumerate(sigma)) - u[strategy, t] for t in range(u.shape[1])]
    if strict:
        assert all(g > 0 for g in gain)
    else:
        assert all(g >= 0 for g in gain) and any(g > 0 for g in gain)


def test_dominated_only_by_a_mixture():
    game = row_game([(3, 0), (0, 3), (1, 1)])
    assert dominated_strategies(game, 0) == [2]
    assert dominated_strategies(game, 0, mixed=False) == []
    sigma = dominating_strategy(game, 0, 2)
    assert all(isinstance(p, F) for p in sigma)
    assert_certificate(game, 0, 2, sigma)
    assert dominating_strategy(game, 0, 2, mixed=False) is None
    assert dominating_strategy(game, 0, 0) is None


def test_weak_versus_strict():
    game = row_game([(1, 1), (1, 0)])
    assert dominated_strategies(game, 0) == []
    assert dominated_strategies(game, 0, strict=False) == [1]
    assert_certificate(game, 0, 1, dominating_strategy(game, 0, 1, strict=False), strict=False)
    # weakly dominated by a mixture only: ½(2,0,1) + ½(0,2,1) = (1,1,1) ≥ (1,1,0)
    mixture_only = row_game([(2, 0, 1), (0, 2, 1), (1, 1, 0)])
    assert dominated_strategies(mixture_only, 0, strict=False) == [2]
    assert dominated_strategies(mixture_only, 0, strict=False, mixed=False) == []
    assert dominated_strategies(mixture_only, 0) == []
    sigma = dominating_strategy(mixture_only, 0, 2, strict=False)
    assert_certificate(mixture_only, 0, 2, sigma, strict=False)
    # a tie everywhere is not weak dominance: equal strategies do not dominate each other
    assert dominated_strategies(row_game([(2, 0), (0, 2), (1, 1)]), 0, strict=False) == []
    assert dominated_strategies(row_game([(1, 2), (1, 2)]), 0, strict=False) == []


def test_prisoners_dilemma_reduces_to_defect_defect():
    pd = hg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
                                         strategies=[["C", "D"], ["C", "D"]])
    assert dominated_strategies(pd, 0) == [0] == dominated_strategies(pd, "Player 2")
    reduced, kept = iterated_elimination(pd)
    assert kept == [[1], [1]]
    assert reduced.strategies == (("D",), ("D",)) and reduced.payoffs[0][0, 0] == 1


def test_three_player_game():
    rng = np.random.default_rng(7)
    u1 = rng.integers(0, 5, size=(2, 2, 3))
    u1[1] = u1[0] + 1                                   # player 1: strategy 1 beats strategy 0
    u2 = rng.integers(0, 5, size=(2, 2, 3))
    u3 = np.zeros((2, 2, 3), dtype=int)
    u3[:, :, 0] = [[4, 0], [4, 0]]                      # player 3 against (s1, s2) profiles
    u3[:, :, 1] = [[0, 4], [0, 4]]
    u3[:, :, 2] = [[1, 1], [1, 1]]                      # beaten by ½·s0 + ½·s1 only
    game = hg.NormalFormGame([u1, u2, u3])
    assert dominated_strategies(game, 0) == [0]
    assert dominated_strategies(game, 2) == [2]
    assert dominated_strategies(game, 2, mixed=False) == []
    sigma = dominating_strategy(game, 2, 2)
    assert_certificate(game, 2, 2, sigma)
    reduced, kept = iterated_elimination(game)
    assert kept[0] == [1] and kept[2] == [0, 1]
    assert reduced.shape == tuple(len(k) for k in kept)


def test_iterated_elimination_needs_several_rounds():
    # Gibbons (1992): R dominated by M; then D by U; then L by M.
    game = hg.NormalFormGame.from_bimatrix([[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]])
    assert dominated_strategies(game, 0) == [] and dominated_strategies(game, 1) == [2]
    reduced, kept = iterated_elimination(game)
    assert kept == [[0], [1]] and reduced.shape == (1, 1)


def test_iterated_elimination_with_mixed_dominance_rounds():
    # Column 2 is dominated by the mixture of columns 0 and 1; then row 2 becomes dominated by row 0.
    A = [[2, 0, 0], [0, 2, 0], [1, -1, 5]]
    B = [[3, 0, 1], [0, 3, 1], [3, 0, 1]]
    game = hg.NormalFormGame.from_bimatrix(A, B)
    assert dominated_strategies(game, 0) == []
    assert dominated_strategies(game, 1) == [2] and dominated_strategies(game, 1, mixed=False) == []
    reduced, kept = iterated_elimination(game)
    assert kept == [[0, 1], [0, 1]]
    _, pure_only = iterated_elimination(game, mixed=False)
    assert pure_only == [[0, 1, 2], [0, 1, 2]]


def test_weak_elimination_uses_simultaneous_rounds():
    # T and B are weakly dominated by M; removing T first would leave (M|B, R), B first (T|M, L).
    A = [[1, 0], [1, 2], [0, 2]]
    B = [[1, 0], [1, 1], [0, 1]]
    game = hg.NormalFormGame.from_bimatrix(A, B)
    assert dominated_strategies(game, 0, strict=False) == [0, 2]
    reduced, kept = iterated_elimination(game, strict=False)
    assert kept == [[1], [0, 1]]


def test_exact_games_are_decided_exactly():
    tiny = F(1, 10 ** 30)
    game = row_game([(1, 0), (0, 1), (F(1, 2) - tiny, F(1, 2) - tiny)])
    assert dominated_strategies(game, 0) == [2]
    assert_certificate(game, 0, 2, dominating_strategy(game, 0, 2))
    tie = row_game([(1, 0), (0, 1), (F(1, 2), F(1, 2))])
    assert dominated_strategies(tie, 0) == [] and dominated_strategies(tie, 0, strict=False) == []
    # the float version cannot see a margin of 1e-30: within tolerance it is not dominated
    assert dominated_strategies(game, 0, exact=False) == []


def test_float_games_use_the_tolerance():
    near_tie = row_game([(1.0, 0.0), (0.0, 1.0), (0.5 - 1e-12, 0.5 - 1e-12)])
    assert near_tie.kind == "float"
    assert dominated_strategies(near_tie, 0) == []
    clear = row_game([(1.0, 0.0), (0.0, 1.0), (0.4, 0.4)])
    assert dominated_strategies(clear, 0) == [2]
    sigma = dominating_strategy(clear, 0, 2)
    assert all(isinstance(p, float) for p in sigma) and sigma[2] == 0
    assert dominated_strategies(clear, 0, exact=True) == [2]


@pytest.mark.parametrize("seed", range(20))
def test_random_games_certificates_and_equilibria(seed):
    rng = np.random.default_rng(seed)
    shape = tuple(int(k) for k in rng.integers(2, 5, size=2))
    game = hg.NormalFormGame([rng.integers(0, 4, size=shape), rng.integers(0, 4, size=shape)])
    for player in range(2):
        for strict in (True, False):
            found = dominated_strategies(game, player, strict=strict)
            for s in range(shape[player]):
                sigma = dominating_strategy(game, player, s, strict=strict)
                assert (sigma is not None) == (s in found)
                if sigma is not None:
                    assert_certificate(game, player, s, sigma, strict=strict)
        # integer payoffs leave no near-ties for strict dominance: float decisions agree
        assert dominated_strategies(game, player, exact=False) == dominated_strategies(game, player)
    # deleting strictly dominated strategies keeps the pure equilibria
    reduced, kept = iterated_elimination(game)
    mapped = sorted(tuple(k[s] for k, s in zip(kept, prof)) for prof in pure_equilibrium_profiles(reduced))
    assert mapped == sorted(pure_equilibrium_profiles(game))


def test_bad_arguments():
    game = row_game([(1, 0), (0, 1)])
    with pytest.raises(GameError, match="player"):
        dominated_strategies(game, 2)
    with pytest.raises(GameError, match="player"):
        dominated_strategies(game, "Nobody")
    with pytest.raises(GameError, match="strategies"):
        dominating_strategy(game, 0, 5)
    a = sympy.Symbol("a")
    with pytest.raises(GameError, match="parameters"):
        dominated_strategies(row_game([(a, 0), (0, 1)]), 0)


def test_weak_dominance_with_thirds_is_exact():
    # ⅓·(1, 0, 1) + ⅔·(0, ½, ½) = (⅓, ⅓, ⅔) weakly dominates (⅓, ⅓, ⅓)
    third = F(1, 3)
    game = row_game([(1, 0, 1), (0, F(1, 2), F(1, 2)), (third, third, third)])
    assert dominated_strategies(game, 0) == []
    assert dominated_strategies(game, 0, strict=False) == [2]
    sigma = dominating_strategy(game, 0, 2, strict=False)
    assert_certificate(game, 0, 2, sigma, strict=False)
