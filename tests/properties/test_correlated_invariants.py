"""Invariants of correlated equilibria, checked against the Nash solvers and the definitions."""
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import hegemony_games as hg

from tests.strategies import bimatrix_games, n_player_games, zero_sum_games


def _product(strategies) -> np.ndarray:
    """The distribution over pure profiles of independent mixed strategies."""
    out = np.array(Fraction(1), dtype=object)
    for v in strategies:
        out = np.multiply.outer(out, np.array(list(v), dtype=object))
    return out


@given(bimatrix_games(max_size=3))
def test_every_extreme_nash_equilibrium_is_an_extreme_correlated_equilibrium(game):
    # Evangelista & Raghavan / GERAD G-97-52: for bimatrix games, extreme NE are extreme CE.
    vertices = {tuple(v.distribution.ravel()) for v in hg.correlated_equilibria_vertices(game)}
    for eq in hg.solve(game):
        assert tuple(_product(eq.strategies).ravel()) in vertices


@given(n_player_games(min_players=2, max_players=3, max_strategies=2))
def test_nash_equilibria_are_correlated_and_ce_within_cce(game):
    for eq in hg.solve(game, method="pure"):
        ce = hg.CorrelatedEquilibrium(game, _product(eq.strategies), coarse=False, exact=True)
        assert ce.max_violation() == 0 and ce.max_violation(coarse=True) == 0
        assert ce.payoffs == eq.payoffs
    for v in hg.correlated_equilibria_vertices(game):
        assert v.max_violation() == 0 and v.max_violation(coarse=True) == 0
    ce = hg.correlated_equilibrium(game)
    cce = hg.correlated_equilibrium(game, coarse=True)
    assert cce.objective_value >= ce.objective_value   # a larger set has a larger maximum


@given(bimatrix_games(max_size=3))
def test_mixed_nash_equilibria_are_correlated(game):
    for eq in hg.solve(game):
        ce = hg.CorrelatedEquilibrium(game, _product(eq.strategies), coarse=False, exact=True)
        assert ce.max_violation() == 0


@given(zero_sum_games(max_size=4))
def test_zero_sum_correlated_payoffs_equal_the_value(game):
    value = hg.solve(game, method="lp")[0].payoffs[0]
    best = hg.correlated_equilibrium(game, objective=[1, 0])
    worst = hg.correlated_equilibrium(game, objective=[1, 0], maximize=False)
    assert best.payoffs[0] == worst.payoffs[0] == value


@settings(max_examples=30)
@given(n_player_games(min_players=2, max_players=3, max_strategies=3), st.booleans())
def test_float_and_exact_optima_agree(game, coarse):
    exact = hg.correlated_equilibrium(game, coarse=coarse)
    approx = hg.correlated_equilibrium(game, coarse=coarse, exact=False)
    assert abs(float(exact.objective_value) - approx.objective_value) <= 1e-7 * max(1, game.payoff_range())
    assert approx.max_violation() <= game.as_float().tolerance()
